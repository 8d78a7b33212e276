"""One lint run over the inputs: which files, in what order, where each is checked (here, in
worker processes, or taken from the result cache), and the findings put together exactly as a
serial run makes them.

Every file (or part of a big JSONL, CSV or Parquet file) is checked into an `Outcome`: its
findings, its counts, its suppressions and its notes for the cross-article rules. Outcomes are
folded in the order a serial run reads the files, wherever they were made, so the output does
not depend on `--jobs` or on the cache: the cross-article counters see the articles in the same
order, the findings are in the same order before they are sorted, and suppressions hide the
same ones.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .article import SkippedPage, Violation
from .config import ProjectConfig, Rule
from .engine import Engine, RunStats, discover
from .findings import Findings, SpilledFindings
from .readers import Item, format_of
from .readers.csv_parts import scan_csv
from .readers.parquet_parts import parquet_parts
from .readers.streaming import SPLIT_FORMATS, Part, gzip_parts, is_gzip, read_part, scan
from .workflow.suppression import Directive, RecordIgnore, Suppressions

# Below this much input (bytes on disk, a gzipped file counted 4 times) a run stays in this
# process: starting workers would cost more than they save (a pre-commit hook checks one file).
PARALLEL_MIN_BYTES = 1 << 20
# A JSONL, CSV or Parquet file at least SPLIT_MIN_BYTES big is checked in parts of about PART_BYTES
# by the workers (small enough that two workers finish a 10 MB file at about the same time).
SPLIT_MIN_BYTES = 4 << 20
PART_BYTES = 1 << 20
# A worker is sent small files in batches of about this many bytes (fewer round trips).
BATCH_BYTES = 256 << 10
# An outcome is handed on every this many articles, so one huge file is never held whole.
PIECE_ARTICLES = 2000
FINISH_BATCH = 10_000  # cross-article findings are kept (or spilled) this many at a time


class Progress(Protocol):
    def advance(self, files: int = 0, articles: int = 0) -> None: ...


@dataclass(slots=True)
class Outcome:
    """What checking (part of) one file gave, before suppressions are applied."""

    shown: str
    violations: list[Violation] = field(default_factory=list)
    files: int = 0
    articles: int = 0
    skipped: int = 0
    notes: list[list[Any]] = field(default_factory=list)  # per cross-article rule
    directives: dict[str, list[Directive]] = field(default_factory=dict)
    ignores: dict[tuple[str, int | None], RecordIgnore] = field(default_factory=dict)


@dataclass(slots=True)
class Unit:
    """A file to check, or one part of a big JSONL, CSV or Parquet file."""

    path: Path
    shown: str
    part: Part | None = None
    gz: bool = False

    @property
    def weight(self) -> int:
        if self.part is not None and self.part.data is not None:
            return len(self.part.data)
        try:
            size = self.path.stat().st_size
        except OSError:
            return 0
        return size * 4 if self.gz else size


@dataclass
class RunResult:
    stats: RunStats
    violations: list[Violation] | SpilledFindings  # sorted
    checked: list[str]
    files: dict[str, Path]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def check_unit(engine: Engine, unit: Unit) -> Iterator[Outcome]:
    """A file's (or a part's) outcome, handed on in pieces of PIECE_ARTICLES articles. The
    engine must take notes (`noting`) and not skip ignored rules (see Engine)."""
    engine.stats = RunStats()
    if unit.part is None:
        items = engine.read_file(unit.path, unit.shown)
    else:
        engine.stats.files += unit.part.first
        items = read_part(unit.path, unit.shown, format_of(unit.path.name) or ".jsonl", engine.aliases,
                          unit.gz, unit.part)
    yield from _pieces(engine, unit.shown, items)


def check_stdin(engine: Engine, data: bytes, shown: str) -> Iterator[Outcome]:
    engine.stats = RunStats()
    yield from _pieces(engine, shown, engine.read_stdin(data, shown))


def _pieces(engine: Engine, shown: str, items: Iterable[Item]) -> Iterator[Outcome]:
    """Outcomes of PIECE_ARTICLES articles each. A piece ends only after an article, so the
    findings about a record (an input-error just before it) travel with its suppressions."""
    stats = engine.stats
    told = RunStats()
    seen = _observing(engine)
    out: list[Violation] = []
    for item in items:
        if isinstance(item, Violation):
            out.append(item)
        elif isinstance(item, SkippedPage):
            stats.skipped += 1
        else:
            out.extend(engine.check_article(item))
            if stats.articles - told.articles >= PIECE_ARTICLES:
                yield _outcome(engine, shown, out, stats, told, seen)
                out, seen = [], _observing(engine)
    yield _outcome(engine, shown, out, stats, told, seen)


def _outcome(engine: Engine, shown: str, out: list[Violation], stats: RunStats, told: RunStats,
             seen: Suppressions) -> Outcome:
    """The piece since the last one (`told`: the counts already handed on)."""
    directives, ignores = seen.notes()
    o = Outcome(shown, out, stats.files - told.files, stats.articles - told.articles,
                stats.skipped - told.skipped, engine.take_notes(), directives, ignores)
    told.files, told.articles, told.skipped = stats.files, stats.articles, stats.skipped
    return o


def _observing(engine: Engine) -> Suppressions:
    seen = Suppressions()
    engine.on_article = seen.observe
    return seen


class Fold:
    """Puts outcomes together in the order they come (the serial run's). Suppressions are
    applied as each outcome comes: a finding is hidden only by its own file's comments and its
    own record's `newslint_ignore`, which come with it or before it, and the baseline takes
    findings in the serial order, so what is hidden is what a serial run hides."""

    def __init__(self, engine: Engine, suppressions: Suppressions, ignored: frozenset[str],
                 progress: Progress | None) -> None:
        self.engine = engine
        self.suppressions = suppressions
        self.ignored = ignored
        self.progress = progress
        self.stats = RunStats()
        self.findings = Findings()

    def keep(self, violations: list[Violation]) -> None:
        kept = self.suppressions.apply(violations)
        self.findings.extend(v for v in kept if v.rule not in self.ignored)

    def add(self, o: Outcome) -> None:
        self.stats.files += o.files
        self.stats.articles += o.articles
        self.stats.skipped += o.skipped
        self.engine.fold_notes(o.notes)
        self.suppressions.merge(o.directives, o.ignores)
        self.keep(o.violations)
        # Here, in this process, a file (or a piece of a big one) is done: a progress display
        # is told how many files and articles that makes.
        if self.progress is not None:
            self.progress.advance(files=o.files, articles=o.articles)


def split(path: Path, shown: str, parallel: bool) -> Iterator[Unit]:
    """The units a file is checked in: itself, or (for a big JSONL file, or a plain CSV or Parquet
    file, in a parallel run) its parts, made as they are asked for."""
    fmt = format_of(path.name)
    splittable = parallel and fmt in SPLIT_FORMATS
    # (the gzip magic is looked for only in a file that may be split: it costs an open)
    gz = is_gzip(path) if splittable else path.name.lower().endswith(".gz")
    unit = Unit(path, shown, gz=gz)
    if not splittable or unit.weight < SPLIT_MIN_BYTES:
        yield unit
        return
    if gz:
        # A gzipped CSV or Parquet file is read in one piece (by one worker): its records would
        # have to be found in the decompressed data before a part could be sent.
        if fmt not in (".jsonl", ".ndjson") or scan(path, True) is None:
            yield unit
            return
        for part in gzip_parts(path, PART_BYTES):
            yield Unit(path, shown, part, gz)
        return
    if fmt == ".csv":
        parts = scan_csv(path, PART_BYTES)
    elif fmt == ".parquet":
        parts = parquet_parts(path, PART_BYTES)
    else:
        parts = scan(path, False, PART_BYTES)
    if parts is None or len(parts) == 1:
        yield unit
        return
    for part in parts:
        yield Unit(path, shown, part)


def lint(paths: list[str], config: ProjectConfig, rules: list[Rule], suppressions: Suppressions, *,
         stdin: bytes = b"", stdin_name: str = "stdin.txt", jobs: int = 1, cache: Any = None,
         ignored: frozenset[str] = frozenset(), report_unused: bool = False,
         progress: Progress | None = None, article_log: Any = None) -> RunResult:
    """The findings of every input that no suppression hides and no ignored rule made (with the
    unused suppressions when asked), sorted, with the run's counts, the files checked (as shown)
    and where each file is.

    With an `article_log` (the HTML report's), every article is shown to it and every finding
    keeps the text around it: such a run is made in this process and not from the cache, whose
    outcomes hold neither."""
    if article_log is not None:
        jobs, cache = 1, None
    engine = Engine(rules, config.field_aliases(), skip_ignored=False, noting=True,
                    keep_context=article_log is not None,
                    log_article=article_log.observe if article_log is not None else None)
    fold = Fold(engine, suppressions, frozenset(ignored), progress)
    checked: list[str] = []
    files: dict[str, Path] = {}
    inputs: list[tuple[Path, str] | None] = []  # None: standard input
    unlistable: list[Violation] = []  # folders that could not be read: an input-error each
    for given in paths:
        if given == "-":
            checked.append(stdin_name)
            inputs.append(None)
            continue
        for path, shown in discover([Path(given)], config.exclude, unlistable):
            checked.append(shown)
            files[shown] = path
            inputs.append((path, shown))
    checked.extend(v.path for v in unlistable)

    lookups = [None] * len(inputs) if cache is None else cache.lookup(inputs)
    todo = sum(Unit(*item, gz=item[0].name.lower().endswith(".gz")).weight for item, hit in zip(inputs, lookups)
               if item is not None and (hit is None or not hit.found))
    parallel = jobs > 1 and todo >= PARALLEL_MIN_BYTES

    def work() -> Iterator[tuple[int, Unit | None]]:
        for i, (item, hit) in enumerate(zip(inputs, lookups)):
            if item is None or (hit is not None and hit.found):
                yield i, None
            else:
                for unit in split(*item, parallel):
                    yield i, unit

    writers: dict[int, Any] = {}  # cache entries being written

    def record(i: int, o: Outcome) -> None:
        hit = lookups[i]
        if hit is not None and not hit.found:
            if i not in writers:
                writers[i] = hit.writer()
            writers[i].add(o)

    def finished(i: int) -> None:
        w = writers.pop(i, None)
        if w is not None:
            w.commit()

    def outcomes_of(i: int, unit: Unit | None, made: Iterable[Outcome] | None) -> Iterator[Outcome]:
        item, hit = inputs[i], lookups[i]
        if item is None:
            yield from check_stdin(engine, stdin, stdin_name)
        elif unit is None:
            stored = hit.outcomes()
            if stored is None:  # gone or damaged since it was found: the file is checked
                hit.found = False
                for part in split(*item, False):
                    yield from outcomes_of(i, part, None)
            else:
                yield from stored
        else:
            for o in made if made is not None else check_unit(engine, unit):
                record(i, o)
                yield o

    if parallel:
        from .parallel import run_parallel  # noqa: PLC0415 (serial runs never start a pool)

        stream = run_parallel(rules, engine.aliases, work(), jobs)
    else:
        stream = ((i, unit, None) for i, unit in work())
    last = None
    for i, unit, made in stream:
        if last is not None and i != last:
            finished(last)
        last = i
        for o in outcomes_of(i, unit, made):
            fold.add(o)
    if last is not None:
        finished(last)
    if cache is not None:
        cache.save()  # the entries made, in one write
    fold.stats.files += len(unlistable)
    fold.keep(unlistable)
    finishing = engine.cross_article_findings()
    while batch := list(itertools.islice(finishing, FINISH_BATCH)):  # never all at once
        fold.keep(batch)
    if report_unused:
        fold.findings.extend(suppressions.unused(checked))
    return RunResult(fold.stats, fold.findings.sorted(), checked, files)
