"""Runs the enabled rules over articles, and over the whole input for cross-article kinds.

The engine knows rules only as (kind module, options, message template): it never names a rule.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .article import SEVERITY_RANK, Article, Finding, Place, SkippedPage, Violation
from .checks import KINDS
from .config import Rule
from .file_kinds import special_file
from .path_quoting import quote_path
from .readers import READERS, Item, format_of, read_bytes, read_path
from .readers.problems import input_error

CHECK_ERROR = "check-error"
PROJECT_DOCUMENTS = frozenset({"README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING", "CODE_OF_CONDUCT", "SECURITY", "NOTICE"})


@dataclass
class RunStats:
    files: int = 0
    articles: int = 0
    skipped: int = 0  # pages read that hold no article (no story found; a video or profile page)


@dataclass
class Engine:
    rules: list[Rule]
    aliases: dict[str, list[str]] = field(default_factory=dict)
    stats: RunStats = field(default_factory=RunStats)
    # Called with every article read (suppression comments are collected from it).
    on_article: Callable[[Article], None] | None = None
    # False: run even the rules an article's `newslint_ignore` names, and leave hiding their
    # findings to the caller (so --report-unused can tell whether the ignore hid anything).
    skip_ignored: bool = True
    # False: no cross-article checks (re-checking one file in memory while fixing it).
    cross_article: bool = True
    # Keep the text around each finding on its Violation (for formats that show it in context).
    keep_context: bool = False
    # Called with every article read, besides on_article (the HTML report's summary of each
    # article; on_article is taken by the suppressions of each piece of a run).
    log_article: Callable[[Article], None] | None = None
    # True: what each article adds to the cross-article checks is kept as a note (hashes and
    # places) for `take_notes`, to be folded in elsewhere (a worker process, the result cache).
    noting: bool = False

    def __post_init__(self) -> None:
        self._plans = [(rule, KINDS[rule.check]) for rule in self.rules]
        self._corpora = [
            (rule, KINDS[rule.check].Corpus(rule.options))
            for rule in self.rules
            if self.cross_article and hasattr(KINDS[rule.check], "Corpus")
        ]
        self._notes: list[list[Any]] = [[] for _ in self._corpora]

    def violation(
        self, rule: Rule, place: Place, args: dict[str, Any], snippet: str,
        replacement: str | None = None, unsafe: bool = False,
    ) -> Violation:
        return Violation(
            place.path, place.line, place.column, place.end_line, place.end_column,
            rule.name, rule.severity, rule.message_for(args), place.record, place.field,
            snippet, replacement, unsafe,
        )

    def _from_finding(self, rule: Rule, article: Article, f: Finding) -> Violation:
        place = article.place(f.field, f.start, f.end)
        snippet = article.fields[f.field].text[f.start : f.end]
        v = self.violation(rule, place, f.args, snippet, f.replacement, f.unsafe)
        if self.keep_context:
            v = replace(v, context=context_around(article.fields[f.field].text, f.start, f.end))
        if f.also:
            more = []
            for field_name, start, end, replacement in f.also:
                p = article.place(field_name, start, end)
                more.append(Violation(
                    p.path, p.line, p.column, p.end_line, p.end_column, v.rule, v.severity, v.message,
                    p.record, p.field, article.fields[field_name].text[start:end], replacement, f.unsafe,
                ))
            v = replace(v, also=tuple(more))
        return v

    def check_article(self, article: Article) -> list[Violation]:
        self.stats.articles += 1
        if self.on_article is not None:
            self.on_article(article)
        if self.log_article is not None:
            self.log_article(article)
        out: list[Violation] = []
        for rule, kind in self._plans:
            if self.skip_ignored and rule.name in article.ignore:
                continue
            try:
                for finding in kind.check(article, rule.options):
                    out.append(self._from_finding(rule, article, finding))
            except Exception as exc:  # one check's bug must not lose the other findings
                place = Place(article.path, article.record or 1, 1, article.record or 1, 2, article.record)
                out.append(Violation(
                    place.path, place.line, place.column, place.end_line, place.end_column,
                    CHECK_ERROR, "error", f"rule {rule.name} failed on this article: {type(exc).__name__}: {exc}",
                    place.record,
                ))
        for i, (rule, corpus) in enumerate(self._corpora):
            if rule.name not in article.ignore:
                if not self.noting:
                    corpus.observe(article)
                elif (note := corpus.note(article)) is not None:
                    self._notes[i].append(note)
        return out

    def take_notes(self) -> list[list[Any]]:
        """The cross-article notes taken since the last call, one list per cross-article rule."""
        notes, self._notes = self._notes, [[] for _ in self._corpora]
        return notes

    def fold_notes(self, notes: list[list[Any]]) -> None:
        """Folds in notes that `take_notes` gave (here or in another process), in reading order."""
        for (_, corpus), some in zip(self._corpora, notes):
            for note in some:
                corpus.fold(note)

    def finish(self) -> list[Violation]:
        """Findings that need the whole input seen first (site boilerplate across articles)."""
        return list(self.cross_article_findings())

    def cross_article_findings(self) -> Iterator[Violation]:
        """As `finish`, one at a time (a big input's boilerplate findings are many)."""
        for rule, corpus in self._corpora:
            for place, args, snippet in corpus.findings():
                yield self.violation(rule, place, args, snippet)

    def check_items(self, items: Iterable[Article | Violation | SkippedPage]) -> Iterator[Violation]:
        for item in items:
            if isinstance(item, Violation):
                yield item
            elif isinstance(item, SkippedPage):
                self.stats.skipped += 1
            else:
                yield from self.check_article(item)

    def read_file(self, path: Path, display: str) -> Iterator[Item]:
        """What the readers make of a file, with this run's field aliases (`show` prints it)."""
        self.stats.files += 1
        return read_path(path, display, self.aliases)

    def read_stdin(self, data: bytes, display: str) -> Iterator[Item]:
        """Standard input, read in the format its display name says (text when none)."""
        self.stats.files += 1
        return read_bytes(display, data, format_of(display) or ".txt", self.aliases)


CONTEXT_CHARS = 90  # of text kept on each side of a finding, when asked for


def context_around(text: str, start: int, end: int) -> tuple[str, str]:
    """Up to CONTEXT_CHARS of `text` before `start` and after `end`, cut at a word's edge, with
    an ellipsis where the text goes on."""
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    if start > CONTEXT_CHARS:
        before = "\u2026" + (before[before.index(" ") + 1 :] if " " in before else before).lstrip()
    if end + CONTEXT_CHARS < len(text):
        after = (after[: after.rindex(" ")] if " " in after else after).rstrip() + "\u2026"
    return before, after


def display_path(path: Path) -> str:
    """Paths are shown relative to the current folder when they lie below it, with '/', and
    quoted as git quotes them when they are not UTF-8 or hold control characters."""
    return quote_path(_unquoted_path(path))


def _unquoted_path(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        rel = str(path)
    shown = rel if not rel.startswith("..") else str(path)
    return shown.replace(os.sep, "/")


def _shown_folder(root: str) -> str | None:
    """A folder's path as display_path writes the paths of the files in it ("" for the current
    folder itself): relative below the current folder, as given elsewhere. None when its files'
    paths must be worked out one by one."""
    if os.sep != "/":
        return None
    try:
        rel = os.path.relpath(root)
    except ValueError:
        return None
    if rel.startswith(".."):
        # display_path shows such a file as given: the folder as given, then its name
        given = str(Path(root))
        return None if given in ("/", "//", ".") else given
    return "" if rel == "." else rel


def excluded(display: str, patterns: list[str]) -> bool:
    parts = display.split("/")
    for pat in patterns:
        if fnmatch.fnmatch(display, pat) or fnmatch.fnmatch(parts[-1], pat):
            return True
        if any(fnmatch.fnmatch("/".join(parts[: i + 1]), pat.rstrip("/")) for i in range(len(parts) - 1)):
            return True
    return False


# Said on standard error when discover finds nothing: a CI job that checks an empty or mistyped
# folder must not pass in silence (--fail-on-empty makes it fail).
NOTHING_TO_CHECK = (
    "no files to check under the given paths (in a folder, newslint reads "
    + " ".join(READERS) + " files, gzipped or not, and skips hidden files and folders)"
)


def discover(paths: list[Path], exclude: list[str], problems: list[Violation] | None = None) -> Iterator[tuple[Path, str]]:
    """Input files under the given paths, walked recursively in a stable order.

    A file named on the command line is read whatever its suffix; files found in folders only
    when their suffix is an input format, their name is not a project document (README.md,
    LICENSE.md: a folder of articles usually carries one, and it is no article) and they are
    regular files (a named pipe or a device would hang the run). Hidden files and folders
    (.git, .venv, .newslint-baseline.json) are skipped. A folder that cannot be listed is an
    input-error in `problems`, not silence. Names are shown as path_quoting shows them.
    """
    def unlistable(exc: OSError) -> None:
        if problems is not None:
            where = display_path(Path(exc.filename)) if exc.filename is not None else str(exc)
            problems.append(input_error(where, 1, 1, f"cannot read folder: {exc.strerror or exc}; the files in it are not checked"))

    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path, onerror=unlistable):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
                folder = Path(root)
                # The folder's relative path once, not os.path.relpath for every file in it: a
                # file's shown path is the folder's and its name (what display_path gives).
                shown_folder = _shown_folder(root)
                for name in sorted(files):
                    if name.startswith(".") or format_of(name) is None or name.split(".")[0].upper() in PROJECT_DOCUMENTS:
                        continue
                    full = folder / name
                    if shown_folder is None:
                        shown = _unquoted_path(full)
                    else:
                        shown = f"{shown_folder}/{name}" if shown_folder else name
                    if not excluded(shown, exclude) and special_file(full) is None:
                        yield full, quote_path(shown)
        else:
            shown = _unquoted_path(path)
            if not excluded(shown, exclude):
                yield path, quote_path(shown)


def fails(violations: Iterable[Violation], fail_on: str) -> bool:
    floor = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK.get(v.severity, 2) >= floor for v in violations)
