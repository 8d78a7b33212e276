"""A time limit for the regular expressions users write: rule options and phrase lists.

A pattern with nested repeats (`(\\w+ ?)+$`, `(?:\\w+ ?){1,20}desk`) can backtrack for minutes
on the wrong text. Every pattern a rule file or a phrase list supplies (the shipped ones too:
users edit them) therefore runs under the `regex` module's `timeout=`, against one deadline per
field of one article: `regex-timeout` seconds shared by all the rule's pattern calls on that
field, so a rule that runs hundreds of patterns a line cannot take hundreds of times the limit.
A field over a megabyte gets the limit once per megabyte (a rule's honest work grows with the
text: an 8 MB body takes promo-block about a second of CPU), and no single call gets more than
the limit. Past the deadline the check stops with RegexTimeout, which the engine reports as one
`check-error` naming the rule and the article; the other rules and articles are still checked.

Time is CPU time, as the regex module counts each call's own limit (C `clock()`), so a
process the machine leaves waiting is not stopped for it. Reading it is a system call (here, at
the start of a field and before each call; the module reads it at the start of a call and every
256 steps of its matcher): with the module's parsing of the extra argument, the whole cost of
the limit, a few percent of a run where promo-block makes two or three calls a line.
"""

from __future__ import annotations

from collections.abc import Iterator
from time import process_time
from types import TracebackType

import regex

DEFAULT_REGEX_TIMEOUT = 1.0  # seconds: about 100 MB of prose for a plain pattern on this machine
MEGABYTE = 1_000_000  # characters of a field that earn it one more regex-timeout
REGEX_TIMEOUT_HELP = (
    "seconds the rule's own patterns may run over one field of one article; past it the rule "
    "gives one check-error for that article and the run goes on"
)


class RegexTimeout(TimeoutError):
    """A rule's patterns ran past regex-timeout on one field (most likely nested repeats)."""

    def __init__(self, seconds: float, field: str) -> None:
        super().__init__(
            f"its patterns ran past regex-timeout ({seconds:g} s) on the {field} and were stopped; "
            "a nested repeat such as (a+)+ can take exponential time"
        )


class Deadline:
    """The CPU time one rule's patterns have left on the field being checked.

    One per rule, made with its options; its patterns are BoundedPatterns that share it. A check
    wraps the work on each field in `with deadline.on(field, len(text)):`, which turns the regex
    module's TimeoutError into RegexTimeout. Outside such a block each call gets the whole limit.
    (A run checks one article at a time, so one mutable deadline a rule is enough.)
    """

    __slots__ = ("budget", "ends", "field", "seconds")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.field = ""
        self.budget = seconds
        self.ends: float | None = None

    def on(self, field: str, size: int) -> Deadline:
        """Set up the clock for one field of `size` characters; use as a context manager."""
        self.field = field
        self.budget = self.seconds * max(1.0, size / MEGABYTE)
        return self

    def __enter__(self) -> Deadline:
        self.ends = process_time() + self.budget
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.ends = None
        if kind is not None and issubclass(kind, TimeoutError) and not isinstance(exc, RegexTimeout):
            raise RegexTimeout(self.seconds, self.field) from None

    def left(self) -> float:
        """Seconds the next call may take: what is left of the field's budget, at most the limit."""
        if self.ends is None:
            return self.seconds
        left = self.ends - process_time()
        if left <= 0:
            raise RegexTimeout(self.seconds, self.field)
        return left if left < self.seconds else self.seconds


class BoundedPattern:
    """A compiled user pattern whose every call runs under its rule's deadline: the calls read
    as the regex module's (`search`, `match`, `fullmatch`, `finditer`), with `timeout=` added.

    The arguments go to the module by position: with a keyword the module parses its arguments
    by name, which costs more than the match itself on a short line.
    """

    __slots__ = ("deadline", "pattern")

    def __init__(self, pattern: regex.Pattern, deadline: Deadline) -> None:
        self.pattern = pattern
        self.deadline = deadline

    # (string, pos, endpos, concurrent, partial, timeout)
    def search(self, string: str, pos: int | None = None, endpos: int | None = None) -> regex.Match | None:
        return self.pattern.search(string, pos, endpos, None, False, self.deadline.left())

    def match(self, string: str, pos: int | None = None, endpos: int | None = None) -> regex.Match | None:
        return self.pattern.match(string, pos, endpos, None, False, self.deadline.left())

    def fullmatch(self, string: str, pos: int | None = None, endpos: int | None = None) -> regex.Match | None:
        return self.pattern.fullmatch(string, pos, endpos, None, False, self.deadline.left())

    # (string, pos, endpos, overlapped, concurrent, partial, timeout); one limit for the whole
    # scan, which the module counts from its start
    def finditer(self, string: str, pos: int | None = None, endpos: int | None = None) -> Iterator[regex.Match]:
        return self.pattern.finditer(string, pos, endpos, False, None, False, self.deadline.left())
