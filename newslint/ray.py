"""Ray Data: lint a corpus on a cluster (`newslint --engine ray`, `lint_dataset`).

The run is the local engine's, cut into Ray Data stages:

  files ──read (newslint's own readers, one task a file)──> articles
  articles ──map_batches: every rule's per-article check──────────────────> violations
  articles ──key: the cross-article kind's partition (a site)──> group-by ──map_groups: its Corpus──> violations

Files are read by newslint's readers inside Ray tasks rather than by `ray.data.read_json`:
Arrow's JSON reader infers one schema a block, fails a whole block on one malformed line and
drops line numbers, while a record's place (`record`, `line`) must be the one the local engine
reports, and a bad record an input-error with the rest still checked. So every format the local
engine reads works, and Parquet is read by the same streaming reader. Articles travel between
stages pickled (a record's article without its file's text).

The cross-article pass needs every article of a partition in one place and in the order the
local engine saw them (file order, then record order), so each group is sorted before its
Corpus sees it. A kind's Corpus may say how the input splits (`partition(article)`; promo-block's
site boilerplate: by source); without it, all articles form one group.

`import ray` below is the real Ray: Python 3 imports are absolute, so this module, named
`newslint.ray`, does not shadow it.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pyarrow as pa
import ray

from .article import SEVERITY_RANK, Article, SkippedPage, SourceFile, Violation
from .checks import KINDS
from .config import ProjectConfig, Rule, load_config, load_rules, select_rules
from .engine import Engine
from .readers import format_of, read_path
from .readers.fields import resolve_keys
from .readers.parquet import read_parquet, row_items
from .workflow.suppression import Suppressions

ARTICLES_PER_BLOCK = 500
MAX_READ_BLOCKS = 200
MIN_ROWS_PER_TASK = 20_000  # a Parquet file with more rows is read by several tasks, by row groups

# The violation columns are the keys of `--format json`; `record` and `field` are null outside
# records. The `_k*` columns order the findings as the local engine makes them (it sorts stably),
# `articles`/`skipped` count what a batch checked (a tally row, rule ""): internal, dropped by
# lint_dataset.
VIOLATION_SCHEMA = pa.schema([
    ("path", pa.string()), ("line", pa.int64()), ("column", pa.int64()), ("end_line", pa.int64()),
    ("end_column", pa.int64()), ("rule", pa.string()), ("severity", pa.string()), ("message", pa.string()),
    ("record", pa.int64()), ("field", pa.string()),
])
ORDER_COLUMNS = ("_k0", "_k1", "_k2", "_k3", "_k4")
TALLY_COLUMNS = ("articles", "skipped")
RUN_SCHEMA = pa.schema([*VIOLATION_SCHEMA, *((c, pa.int64()) for c in ORDER_COLUMNS + TALLY_COLUMNS)])
ARTICLE_SCHEMA = pa.schema([("order", pa.int64()), ("seq", pa.int64()), ("article", pa.binary()), ("problem", pa.binary())])


# ---------------------------------------------------------------------------- reading


def _portable(article: Article) -> Article:
    """An article without its file's whole text when no field needs it (a record's places are
    the record and an offset in the field): a JSONL file's text is not shipped once a record."""
    if all(f.start is None for f in article.fields.values()):
        return replace(article, source=SourceFile(article.path))
    return article


def _article_table(rows: list[tuple[int, int, bytes, bytes]]) -> pa.Table:
    order, seq, art, prob = zip(*rows) if rows else ((), (), (), ())
    return pa.table({"order": list(order), "seq": list(seq), "article": list(art), "problem": list(prob)},
                    schema=ARTICLE_SCHEMA)


def _items_to_tables(order: int, items: Iterable[Article | Violation | SkippedPage], first_seq: int = 0) -> Iterator[pa.Table]:
    rows: list[tuple[int, int, bytes, bytes]] = []
    for seq, item in enumerate(items, first_seq):
        if isinstance(item, Article):
            rows.append((order, seq, pickle.dumps(_portable(item)), b""))
        else:  # an input-error, or a page with no article (counted, never reported)
            rows.append((order, seq, b"", pickle.dumps(item)))
        if len(rows) >= ARTICLES_PER_BLOCK:
            yield _article_table(rows)
            rows = []
    if rows:
        yield _article_table(rows)


def _read_files(aliases: dict[str, list[str]]):
    def read(batch: pa.Table) -> Iterator[pa.Table]:
        columns = (batch.column(c).to_pylist() for c in ("order", "file", "shown", "groups", "part"))
        for order, file, shown, groups, part in zip(*columns):
            if groups:
                items = read_parquet(shown, file, aliases, row_groups=groups)
            else:
                items = read_path(Path(file), shown, aliases)
            yield from _items_to_tables(order, items, part << 32)
    return read


def _parts(path: Path) -> list[list[int]]:
    """A Parquet file's row groups in parts of at least MIN_ROWS_PER_TASK rows, so that one
    large file is read by several tasks; [[]] (the whole file, one task) for other files."""
    if format_of(path.name) != ".parquet" or path.name.lower().endswith(".gz"):
        return [[]]
    try:
        import pyarrow.parquet as pq

        meta = pq.ParquetFile(path).metadata
    except Exception:  # the reader, in its task, reports what is wrong with the file
        return [[]]
    parts: list[list[int]] = [[]]
    rows = 0
    for group in range(meta.num_row_groups):
        if rows >= MIN_ROWS_PER_TASK:
            parts.append([])
            rows = 0
        parts[-1].append(group)
        rows += meta.row_group(group).num_rows
    return parts if len(parts) > 1 else [[]]


def read_articles(files: list[tuple[Path, str]], aliases: dict[str, list[str]]) -> ray.data.Dataset:
    """The articles of the files (path, shown name), in discovery order: one read task a file,
    or a part of a large Parquet file (its row groups, MIN_ROWS_PER_TASK rows or more)."""
    items = [{"order": i, "file": str(path.resolve()), "shown": shown, "groups": groups, "part": part}
             for i, (path, shown) in enumerate(files) for part, groups in enumerate(_parts(path))]
    blocks = max(1, min(len(items), MAX_READ_BLOCKS))
    ds = ray.data.from_items(items, override_num_blocks=blocks)
    return ds.map_batches(_read_files(aliases), batch_format="pyarrow", batch_size=1)


def _rows_to_articles(aliases: dict[str, list[str]], path_column: str, record_column: str):
    def convert(batch: pa.Table) -> pa.Table:
        names = [n for n in batch.column_names if n not in (path_column, record_column)]
        role_keys = set(resolve_keys(names, aliases).values())
        mistyped: set[str] = set()
        rows: list[tuple[int, int, bytes, bytes]] = []
        for row in batch.to_pylist():
            path = str(row.pop(path_column, None) or "<dataset>")
            record = row.pop(record_column, None)
            n = int(record) if record is not None else None
            for item in row_items(SourceFile(path), n or 1, row, aliases, role_keys, mistyped, told=True):
                if isinstance(item, Article):
                    rows.append((0, n or 0, pickle.dumps(replace(item, record=n)), b""))
                else:
                    rows.append((0, n or 0, b"", pickle.dumps(replace(item, record=n))))
        return _article_table(rows)
    return convert


# ---------------------------------------------------------------------------- checking


def _violation_rows(violations: Iterable[tuple[Violation, tuple[int, ...]]]) -> dict[str, list]:
    cols: dict[str, list] = {name: [] for name in RUN_SCHEMA.names}
    for v, key in violations:
        d = v.as_dict()
        for name in VIOLATION_SCHEMA.names:
            cols[name].append(d.get(name))
        for name, k in zip(ORDER_COLUMNS, key):
            cols[name].append(k)
        cols["articles"].append(0)
        cols["skipped"].append(0)
    return cols


def _table(cols: dict[str, list]) -> pa.Table:
    return pa.table(cols, schema=RUN_SCHEMA)


def _tally(cols: dict[str, list], articles: int, skipped: int) -> None:
    for name in RUN_SCHEMA.names:
        cols[name].append(None)
    cols["rule"][-1] = ""
    cols["articles"][-1] = articles
    cols["skipped"][-1] = skipped


def _check_batches(rules: list[Rule], aliases: dict[str, list[str]], ignored: frozenset[str]):
    def check(batch: pa.Table) -> pa.Table:
        # As in a local run: suppressions (newslint_ignore, comments) are collected from every
        # article, then applied to all the findings, input errors included.
        suppressions = Suppressions()
        engine = Engine(rules, aliases, on_article=suppressions.observe, skip_ignored=False, cross_article=False)
        found: list[tuple[Violation, tuple[int, ...]]] = []
        articles = skipped = 0
        for order, seq, art, prob in zip(*(batch.column(c).to_pylist() for c in ARTICLE_SCHEMA.names)):
            if not art:
                item = pickle.loads(prob)
                if isinstance(item, SkippedPage):
                    skipped += 1
                else:
                    found.append((item, (0, order, seq, 0, 0)))
                continue
            articles += 1
            found.extend((v, (0, order, seq, n, 0)) for n, v in enumerate(engine.check_article(pickle.loads(art))))
        kept = {id(v) for v in suppressions.apply([v for v, _ in found])}
        found = [(v, k) for v, k in found if id(v) in kept and v.rule not in ignored]
        cols = _violation_rows(found)
        _tally(cols, articles, skipped)
        return _table(cols)
    return check


def _partition_keys(rule: Rule):
    def key(batch: pa.Table) -> pa.Table:
        corpus = KINDS[rule.check].Corpus(rule.options)
        partition = getattr(corpus, "partition", None)
        keep: dict[str, list] = {"group": [], "order": [], "seq": [], "article": []}
        for order, seq, art in zip(*(batch.column(c).to_pylist() for c in ("order", "seq", "article"))):
            if not art:
                continue
            article = pickle.loads(art)
            if rule.name in article.ignore:
                continue
            group = partition(article) if partition is not None else ""
            if group is None:  # an article this kind never looks at across the input
                continue
            keep["group"].append(group)
            keep["order"].append(order)
            keep["seq"].append(seq)
            keep["article"].append(art)
        return pa.table(keep, schema=pa.schema([("group", pa.string()), ("order", pa.int64()), ("seq", pa.int64()),
                                                ("article", pa.binary())]))
    return key


def _corpus_pass(rule: Rule, rule_index: int, aliases: dict[str, list[str]], ignored: frozenset[str]):
    def run(group: pa.Table) -> pa.Table:
        group = group.sort_by([("order", "ascending"), ("seq", "ascending")])
        suppressions = Suppressions()
        engine = Engine([rule], aliases, on_article=suppressions.observe, skip_ignored=False)
        for art in group.column("article").to_pylist():
            engine.check_article(pickle.loads(art))  # its per-article findings come from the other branch
        first = (group.column("order")[0].as_py(), group.column("seq")[0].as_py()) if group.num_rows else (0, 0)
        kept = [v for v in suppressions.apply(engine.finish()) if v.rule not in ignored]
        return _table(_violation_rows((v, (1, rule_index, first[0], first[1], i)) for i, v in enumerate(kept)))
    return run


def _partitions() -> int:
    """As many shuffle partitions as the cluster has CPUs: Ray's default (200) costs more
    start-up than a small run's whole check."""
    return max(1, min(200, int(ray.cluster_resources().get("CPU", 1))))


def lint_articles(articles: ray.data.Dataset, rules: list[Rule], aliases: dict[str, list[str]],
                  ignored: frozenset[str] = frozenset()) -> ray.data.Dataset:
    """The run's rows (violations and tally rows) for a dataset of articles (read_articles)."""
    checked = articles.map_batches(_check_batches(rules, aliases, ignored), batch_format="pyarrow")
    branches = []
    for index, rule in enumerate(rules):
        if not hasattr(KINDS[rule.check], "Corpus"):
            continue
        keyed = articles.map_batches(_partition_keys(rule), batch_format="pyarrow")
        branches.append(keyed.groupby("group", num_partitions=_partitions()).map_groups(_corpus_pass(rule, index, aliases, ignored),
                                                          batch_format="pyarrow"))
    return checked.union(*branches) if branches else checked


def _only_violations(batch: pa.Table) -> pa.Table:
    """The violation rows and columns, in the fixed schema (a block of nulls keeps its types,
    so the part files written agree)."""
    import pyarrow.compute as pc

    batch = batch.filter(pc.not_equal(batch.column("rule"), ""))
    return batch.select(VIOLATION_SCHEMA.names).cast(VIOLATION_SCHEMA)


# ---------------------------------------------------------------------------- the public API


def _rules_of(config: ProjectConfig | str | Path | None, rules: list[Rule] | None) -> tuple[ProjectConfig, list[Rule]]:
    if not isinstance(config, ProjectConfig):
        config = load_config(Path(config) if config is not None else None, Path.cwd())
    if rules is None:
        rules = select_rules(load_rules(config, []), config.select, config.ignore)
    return config, rules


def lint_dataset(ds: ray.data.Dataset, config: ProjectConfig | str | Path | None = None, *,
                 rules: list[Rule] | None = None, path_column: str = "path",
                 record_column: str = "record") -> ray.data.Dataset:
    """A Ray Dataset of violations, one row each with the keys of `--format json` (`record` and
    `field` null where absent), for a dataset of articles, one a row.

    The columns are mapped to roles as a JSON record's keys are (the config's `fields` first).
    `path_column` and `record_column`, when present, place the findings (`path`, `record`,
    `line`); rows without them are "<dataset>", record null, line 1. `config` is a
    ProjectConfig, a config file's path, or None for the config found from the current folder.
    """
    config, rules = _rules_of(config, rules)
    aliases = config.field_aliases()
    columns = [n for n in ds.columns() if n not in (path_column, record_column)]
    if "body" not in resolve_keys(columns, aliases):
        raise ValueError(f"none of the dataset's columns ({', '.join(columns)}) is a body field; "
                         "map one with the config's fields (e.g. fields: {body: story_text})")
    articles = ds.map_batches(_rows_to_articles(aliases, path_column, record_column), batch_format="pyarrow")
    rows = lint_articles(articles, rules, aliases, frozenset(config.ignore))
    return rows.map_batches(_only_violations, batch_format="pyarrow")


# ---------------------------------------------------------------------------- the command line


@dataclass
class RayRun:
    """What `newslint --engine ray` found: the violations in the local engine's order (None when
    written to --ray-output instead), their counts, and what was checked."""

    violations: list[Violation] | None
    articles: int = 0
    skipped: int = 0
    written: int = 0
    by_severity: dict[str, int] | None = None
    touched: int = 0

    def fails(self, fail_on: str) -> bool:
        """Whether a violation written to --ray-output is at or above the fail level."""
        floor = SEVERITY_RANK[fail_on]
        return any(SEVERITY_RANK.get(s, 2) >= floor and n for s, n in (self.by_severity or {}).items())

    def summary(self, files: int, output: Path, output_format: str) -> str:
        """The one-line summary of a run whose violations went to --ray-output."""
        counts = self.by_severity or {}
        parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "info") if counts.get(s)]
        n, articles = self.written, f"{self.articles} article{'s' if self.articles != 1 else ''}"
        files_text = f"{files} file{'s' if files != 1 else ''}"
        found = f" ({', '.join(parts)}) in {self.touched} of {files_text}" if n else f" in {files_text}"
        skipped = f"; {self.skipped} page{'s' if self.skipped != 1 else ''} with no article not linted" if self.skipped else ""
        return (f"Wrote {n} violation{'s' if n != 1 else ''}{found} to {output} ({output_format}); "
                f"{articles} checked{skipped}.")


def connect(address: str | None) -> None:
    """Join the cluster at `address` (or RAY_ADDRESS), else start Ray on this machine."""
    if ray.is_initialized():
        return
    address = address or os.environ.get("RAY_ADDRESS") or None
    ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False,
             include_dashboard=False if not address else None)
    # Ray Data reports each execution on standard error; newslint's own output says what was
    # done (RAY_DATA_LOG_LEVEL=INFO brings the reports back).
    os.environ.setdefault("RAY_DATA_LOG_LEVEL", "WARNING")
    ctx = ray.data.DataContext.get_current()
    ctx.print_on_execution_start = False


def _violation(row: dict[str, Any]) -> Violation:
    return Violation(row["path"], row["line"], row["column"], row["end_line"], row["end_column"], row["rule"],
                     row["severity"], row["message"], row["record"], row["field"])


def run_files(files: list[tuple[Path, str]], config: ProjectConfig, rules: list[Rule], ignored: frozenset[str],
              address: str | None = None, output: Path | None = None, output_format: str = "jsonl") -> RayRun:
    """Lint the files on Ray; with `output`, write the violations there (a folder of part files)
    and count them, else bring them back sorted as the local engine sorts them."""
    connect(address)
    aliases = config.field_aliases()
    rows = lint_articles(read_articles(files, aliases), rules, aliases, ignored)
    if output is None:
        got = rows.take_all()
        run = RayRun([])
        keyed = []
        for row in got:
            if row["rule"] == "":
                run.articles += row["articles"]
                run.skipped += row["skipped"]
                continue
            v = _violation(row)
            keyed.append((v.sort_key(), tuple(row[c] for c in ORDER_COLUMNS), v))
        keyed.sort(key=lambda t: (t[0], t[1]))
        run.violations = [v for _, _, v in keyed]
        return run
    rows = rows.materialize()
    found = rows.map_batches(_only_violations, batch_format="pyarrow")
    if output_format == "parquet":
        found.write_parquet(str(output.resolve()))
    else:
        found.write_json(str(output.resolve()), force_ascii=False)
    run = RayRun(None, by_severity={})
    paths: set[str] = set()
    for batch in rows.iter_batches(batch_format="pyarrow"):
        for rule, severity, path, articles, skipped in zip(*(batch.column(c).to_pylist() for c in (
                "rule", "severity", "path", "articles", "skipped"))):
            if rule == "":
                run.articles += articles
                run.skipped += skipped
                continue
            run.written += 1
            run.by_severity[severity] = run.by_severity.get(severity, 0) + 1
            paths.add(path)
    run.touched = len(paths)
    return run
