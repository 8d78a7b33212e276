"""Where a field's lines start and end, and its quotation marks, looked up in log time.

A scraper that drops paragraph breaks writes a whole article on one line. Then
`text.rfind("\\n", 0, at)` or `text[line_start:at].count('"')` for every date in it reads the
article again each time: quadratic in its length. This index is built once per field (one pass
at C speed) and answers each question by bisection. `text_lines(article, field)` keeps it in
`article.cache` so every rule shares it.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right

from ..article import Article

_OPEN_CURLY, _CLOSE_CURLY, _STRAIGHT = "\u201c", "\u201d", '"'


def positions(text: str, needle: str) -> array:
    """Offsets of `needle` in `text`, ascending (machine integers: a long text has many lines).
    The needles used here cannot overlap themselves, so finditer finds every one."""
    if needle not in text:
        return array("q")
    return array("q", (m.start() for m in re.finditer(re.escape(needle), text)))


class TextLines:
    __slots__ = ("text", "length", "_breaks", "_open", "_close", "_straight", "_stops")

    def __init__(self, text: str) -> None:
        self.text = text
        self.length = len(text)
        self._stops: array | None = None  # ". ", found on first use
        self._breaks = positions(text, "\n")
        self._open = positions(text, _OPEN_CURLY)
        self._close = positions(text, _CLOSE_CURLY)
        self._straight = positions(text, _STRAIGHT)

    def number(self, at: int) -> int:
        """0-based line of offset `at`: text.count("\\n", 0, at)."""
        return bisect_left(self._breaks, at)

    def start(self, at: int) -> int:
        """Where the line holding `at` starts: text.rfind("\\n", 0, at) + 1."""
        i = bisect_left(self._breaks, at)
        return self._breaks[i - 1] + 1 if i else 0

    def end(self, at: int) -> int:
        """Where the line holding `at` ends: text.find("\\n", at), or the text's length."""
        i = bisect_left(self._breaks, at)
        return self._breaks[i] if i < len(self._breaks) else self.length

    def in_quote(self, start: int, at: int) -> bool:
        """Whether text[start:at] leaves a quotation open: more opening than closing curly
        quotes, or an odd number of straight ones."""
        if at <= start:
            return False
        return (
            _count(self._open, start, at) > _count(self._close, start, at)
            or _count(self._straight, start, at) % 2 == 1
        )


    def stop_before(self, lo: int, at: int) -> int:
        """The last sentence stop ". " inside text[lo:at]: text.rfind(". ", lo, at)."""
        stops = self._sentence_stops()
        i = bisect_right(stops, at - 2) - 1
        return stops[i] if i >= 0 and stops[i] >= lo else -1

    def stop_after(self, at: int, hi: int) -> int:
        """The first sentence stop ". " inside text[at:hi]: text.find(". ", at, hi)."""
        stops = self._sentence_stops()
        i = bisect_left(stops, at)
        return stops[i] if i < len(stops) and stops[i] + 2 <= hi else -1

    def _sentence_stops(self) -> array:
        if self._stops is None:
            self._stops = positions(self.text, ". ")
        return self._stops


def _count(positions: array, start: int, end: int) -> int:
    if not positions:
        return 0
    return bisect_left(positions, end) - bisect_left(positions, start)


def text_lines(article: Article, field: str) -> TextLines:
    key = f"lines:{field}"
    found = article.cache.get(key)
    if found is None:
        found = article.cache[key] = TextLines(article.fields[field].text)
    return found
