"""What a reader makes and what a check returns: Article, Field, Finding, Violation.

These are made once per article or finding, so they are plain frozen dataclasses with slots,
not pydantic models: validation on the hot path would cost more than the checks themselves.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

_PLUS_ONE = (1).__add__


def line_break(text: str) -> str:
    """What ends a line of this text: LF (and CRLF), or CR alone in a text without any LF."""
    return "\r" if "\n" not in text and "\r" in text else "\n"


class LineIndex:
    """Maps a character offset in a text to a 1-based (line, column)."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        # Each line starts one past the end of the line before: lengths summed at C speed.
        # A text with no LF but CRs has classic Mac line ends: a CR alone ends each line, as
        # the editors that wrote it show it.
        lines = text.split(line_break(text))
        lines.pop()
        self.starts = list(accumulate(map(_PLUS_ONE, map(len, lines)), initial=0))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file as read: its display path and, for line-based positions, its decoded text."""

    path: str
    text: str = ""
    lines: LineIndex | None = None

    @classmethod
    def of(cls, path: str, text: str) -> SourceFile:
        return cls(path, text, LineIndex(text))


@dataclass(frozen=True, slots=True)
class Block:
    """What a web page's markup says about one line of its body, which the text cannot show.

    `hooks` are the class, id and role of the elements around the line below the story's
    container, lower case, camelCase split with '-' ("relatedNews" -> "related-news");
    `tags` their tag names; `link_share` the share of the line's characters inside links;
    `story` whether the main-content extractor took the line for story text; `picture` the
    picture the line labels ("" when none): the line is the only text of the smallest element
    around it that holds an `<img>` (a figure, a gallery slide, a thumbnail card), and this
    names that image's file. `nested` whether the line sits in an `<article>` that does not
    hold the story's first line (a teaser card's).
    """

    hooks: str
    tags: frozenset[str]
    link_share: float
    story: bool
    picture: str = ""
    nested: bool = False


@dataclass(frozen=True, slots=True)
class Field:
    """One piece of an article's text and where it sits in the file.

    Two kinds of place exist. A field cut straight out of the file (a `.txt` body, an HTML
    region) has `start`, its character offset in the file, and optionally `segments` when the
    text was derived from markup: sorted (text_offset, file_offset) pairs that map each run of
    derived text back to where it came from. A field of a record (JSON, JSONL, CSV) has
    `start=None`: its positions are 1-based character offsets inside the field's value, on the
    record's line, as the README promises scripts that read `--format json`.
    """

    name: str
    text: str
    start: int | None = None
    segments: tuple[tuple[int, int], ...] | None = None
    key: str | None = None  # the producer's own name for the field (e.g. "maintext")
    markup: bool = False  # the text is raw HTML (checks that want prose skip it)
    blocks: tuple[Block, ...] | None = None  # an HTML body's structure, one Block a line

    def file_offset(self, offset: int) -> int:
        """The character offset in the file of `offset` in this field's text."""
        assert self.start is not None
        if self.segments is None:
            return self.start + offset
        segs = self.segments
        i = bisect.bisect_right(segs, (offset, float("inf"))) - 1
        if i < 0:
            return self.start
        text_at, file_at = segs[i]
        return file_at + (offset - text_at)


@dataclass(frozen=True, slots=True)
class Article:
    """One article as a reader found it.

    `fields` holds its text by role: title, body, description, published, modified, url,
    source, author (any may be missing); a web page adds its raw `markup` and its
    `story_tail` (the lines after the story region). `record` is the 1-based line of the record in a
    JSON/JSONL/CSV file. `cache` lets checks share work done once per article (parsed dates,
    paragraphs) without the engine knowing what any check needs.
    """

    source: SourceFile
    fields: dict[str, Field]
    record: int | None = None
    ignore: frozenset[str] = frozenset()
    cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def path(self) -> str:
        return self.source.path

    def text(self, name: str) -> str:
        f = self.fields.get(name)
        return f.text if f is not None else ""

    def place(self, field_name: str, start: int, end: int) -> Place:
        """Where [start, end) of a field is, in the terms a user sees."""
        f = self.fields[field_name]
        if f.start is None or self.source.lines is None:
            line = self.record or 1
            return Place(self.path, line, start + 1, line, max(end, start) + 1, self.record, f.key or f.name)
        lines = self.source.lines
        a = f.file_offset(start)
        b = f.file_offset(max(end - 1, start)) + 1 if end > start else a
        line, col = lines.position(a)
        end_line, end_col = lines.position(b)
        return Place(self.path, line, col, end_line, end_col, self.record, None)


@dataclass(frozen=True, slots=True)
class SkippedPage:
    """A file a reader read but that holds no article to lint: a web page with no story (a
    video or profile page, a forum thread, a page whose main content could not be found).

    Readers yield it instead of an Article so the run can count such pages and `show` can say
    why; it is no finding, so machine formats (a list of violations) do not carry it.
    """

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Place:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    record: int | None = None
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check returns: a span of one field and the values its rule's message names.

    `args` fills the rule's message template. `related` names other places (as text, e.g.
    "line 3") when the message needs them; the check fills it through `args`.
    `replacement`, when set, is the text a fix would put in the span; `unsafe` marks a fix
    that may remove real content (a promo block), applied only with --unsafe-fixes.
    """

    field: str
    start: int
    end: int
    args: dict[str, Any] = field(default_factory=dict)
    replacement: str | None = None
    unsafe: bool = False
    # More spans the same fix applies to, (field, start, end, replacement): a finding reported
    # once for several occurrences (a name's variant spelling) still fixes them all.
    also: tuple[tuple[str, int, int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Violation:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: str
    message: str
    record: int | None = None
    field: str | None = None
    snippet: str = ""
    replacement: str | None = None
    unsafe: bool = False
    # The other occurrences this violation's fix settles (not reported on their own).
    also: tuple[Violation, ...] = ()
    # The field's text just before and just after the span, kept only when a format shows
    # findings in context (--format html); not part of a violation's identity.
    context: tuple[str, str] | None = dataclasses.field(default=None, compare=False)  # (`field` is a name above)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.record or 0)

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
        }
        if self.record is not None:
            d["record"] = self.record
        if self.field is not None:
            d["field"] = self.field
        return d


SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
