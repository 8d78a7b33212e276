"""An article's paragraphs, with their places and a key for comparing them, computed once.

Every reader hands checks a body with one paragraph a line: a `.txt` body, a JSONL `maintext`
split by "\\n", the text view of an HTML page (one block element a line). `paragraphs(article)`
returns the non-blank lines of a field as `Paragraph`s and keeps them in `article.cache`, so the
duplicate rules, the promo-block rule and any other rule share one split.

`Paragraph.key` is what "the same paragraph" means for a scraper's copies: markup removed,
entities decoded, white space (U+00A0 included) and case ignored. Two copies that differ only
by `<span class="credit">`, `&nbsp;` or a doubled space get the same key.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import NamedTuple

from ..article import Article

# A tag or comment: `<` then a letter, `/` or `!`, so "a <5% rise" and "x < y" stay text.
_TAG = re.compile(r"<(?:!--.*?-->|[A-Za-z/!][^<>]*>)", re.DOTALL)
# White space is what str.split() breaks at (what `\s` matches, U+00A0 included), at C speed, far
# faster than a regex substitution. The characters that take no room on the page (zero-width
# space, BOM) are no white space to it and are seen to first.
_NO_ROOM = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
# str.split() makes an object of every word: on a paragraph of megabytes (a body saved as one
# line) that is ten times the text in memory. Past this length the text is split a piece at a
# time. (`\s` and str.split() know the same white space: both ask Py_UNICODE_ISSPACE.)
_LONG = 1 << 16
_WHITE_RUN = re.compile(r"\s+")
_LINE_PAD = " \t\r\u00a0\u200b\ufeff"


class Paragraph(NamedTuple):
    """One non-blank line of a field.

    number: the 1-based line of the field it is on (blank lines count, so for a JSONL
            `maintext` this is the paragraph index a reader of the record sees)
    start, end: the line's text without its leading and trailing white space, as offsets in
            the field's text
    line_end: the offset just past the line's newline (or the field's end): removing
            [start of line, line_end) removes the whole line
    key: the comparison key (see `key_of`)
    words: the line's white-space separated words (`count_words`)
    """

    number: int
    start: int
    end: int
    line_start: int
    line_end: int
    key: str
    words: int


_TUPLE_NEW = tuple.__new__


def plain_text(text: str) -> str:
    """The text a reader sees: tags removed, entities decoded, white space runs as one space."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = _no_room(text, " ")
    if len(text) > _LONG:
        return " ".join(filter(None, (" ".join(piece.split()) for piece in pieces_at_white_space(text))))
    return " ".join(text.split())


def lower_case(text: str) -> str:
    """text.lower(), a piece at a time on a long text that is not ASCII (lower() then works in a
    buffer of 12 bytes a character). Pieces are cut before white space: the one rule that looks
    at a character's neighbours (a final sigma) never looks across white space."""
    if len(text) <= _LONG or text.isascii():
        return text.lower()
    pieces, pos = [], 0
    while pos < len(text):
        run = _WHITE_RUN.search(text, pos + _LONG)
        cut = len(text) if run is None else run.start()
        pieces.append(text[pos:cut].lower())
        pos = cut
    return "".join(pieces)


def count_words(text: str) -> int:
    """len(text.split()), a piece at a time."""
    return sum(len(piece.split()) for piece in pieces_at_white_space(text))


def key_of(text: str) -> str:
    """A key equal for copies that differ only by markup, entities, white space or case.

    White space is dropped rather than collapsed because removing a tag can leave a space or
    not (`Putin,<strong></strong> right` against `Putin, right`; `2024.<br>JIJI` against
    `2024. JIJI`).
    """
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = _no_room(text, "")
    if len(text) > _LONG:
        # a piece at a time (white space is dropped character by character, so any cut will do);
        # casefold() too works in a buffer of 12 bytes a character on text that is not ASCII,
        # and folds each character on its own
        return "".join("".join(text[i : i + _LONG].split()).casefold() for i in range(0, len(text), _LONG))
    return "".join(text.split()).casefold()


def pieces_at_white_space(text: str) -> Iterator[str]:
    """The text in pieces of about _LONG characters, cut at white space runs (left out): what
    `piece.split()` of each gives is `text.split()`, without a list of every word at once."""
    if len(text) <= _LONG:
        yield text
        return
    pos = 0
    while pos < len(text):
        run = _WHITE_RUN.search(text, pos + _LONG)
        if run is None:
            yield text[pos:]
            return
        yield text[pos : run.start()]
        pos = run.end()


def _no_room(text: str, by: str) -> str:
    for ch in _NO_ROOM:
        if ch in text:
            text = text.replace(ch, by)
    return text


def paragraphs(article: Article, field_name: str = "body") -> list[Paragraph]:
    """The non-blank lines of a field (cached per article and field)."""
    cache_key = ("paragraphs", field_name)
    cached = article.cache.get(cache_key)
    if cached is not None:
        return cached
    f = article.fields.get(field_name)
    out: list[Paragraph] = []
    if f is not None and not f.markup:
        pos = 0
        text = f.text
        lines = text.split("\n")
        folded = _folded_lines(text)
        last = len(lines)
        for number, line in enumerate(lines, 1):
            if not line:  # the blank line between paragraphs, as often as not
                pos += 1
                continue
            size = len(line)
            stripped = line.strip(_LINE_PAD)
            if stripped:
                start = pos if stripped is line else pos + size - len(line.lstrip(_LINE_PAD))
                if folded is not None:
                    # the key's words are the line's words: one split makes both
                    words = folded[number - 1].split()
                    key, count = "".join(words), len(words)
                else:
                    key, count = key_of(stripped), count_words(stripped)
                # line_end: past the newline, or the field's end on the last line
                # tuple.__new__ skips the NamedTuple's Python-level constructor (once a line)
                out.append(_TUPLE_NEW(Paragraph, (number, start, start + len(stripped), pos,
                                                  pos + size + (number != last), key, count)))
            pos += size + 1
    article.cache[cache_key] = out
    return out


def _folded_lines(text: str) -> list[str] | None:
    """The field's lines case-folded in one call, when `key_of` of a line is then just its
    words joined: no markup, no entity and no character that takes no room (most bodies). None
    otherwise, and for a long text (folded a line at a time, as `key_of` does, to bound memory).
    Case folding never makes or takes white space, so the folded line has the line's words."""
    if len(text) > _LONG or "<" in text or "&" in text:
        return None
    if text.isascii():
        return text.lower().split("\n")  # casefold() is lower() on ASCII
    if any(ch in text for ch in _NO_ROOM):
        return None
    return text.casefold().split("\n")


class Repeat(NamedTuple):
    """A paragraph whose key was already seen earlier in the same field."""

    first: Paragraph
    copy: Paragraph


def repeats(article: Article, field_name: str = "body", min_key: int = 12) -> list[Repeat]:
    """Every later copy of a paragraph, with the first copy (cached per article and field).

    Keys shorter than `min_key` characters (an "(END)", a lone "Advertisement") are left out:
    they repeat by design and are another rule's business.
    """
    cache_key = ("repeats", field_name, min_key)
    cached = article.cache.get(cache_key)
    if cached is not None:
        return cached
    seen: dict[str, Paragraph] = {}
    out: list[Repeat] = []
    for par in paragraphs(article, field_name):
        if len(par.key) < min_key:
            continue
        first = seen.setdefault(par.key, par)
        if first is not par:
            out.append(Repeat(first, par))
    article.cache[cache_key] = out
    return out


def where(article: Article, field_name: str, par: Paragraph) -> str:
    """How a message names a paragraph: its file line, or for a record's field its paragraph."""
    f = article.fields[field_name]
    if f.start is None or article.source.lines is None:
        return f"paragraph {par.number}"
    return f"line {article.place(field_name, par.start, par.end).line}"


class Element(NamedTuple):
    """The HTML element that holds a paragraph of a page's text view, in the `markup` field."""

    start: int  # offsets in the markup field's text
    end: int
    tag: str
    start_tags: tuple[str, ...]  # the start tags just before the text, outermost first


_START_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:-]*)(?:\s[^<>]*)?/?>")
_END_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9:-]*)\s*>")
_HOLDERS = frozenset(
    ["p", "div", "figcaption", "caption", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "td", "th", "pre", "address"]
)


def element_around(article: Article, field_name: str, par: Paragraph) -> Element | None:
    """The block element (`<p>`, `<figcaption>`, ...) whose whole text is this paragraph.

    Only for an HTML page, whose `body` is a text view of its `markup`. The start tags right
    before the text and the end tags right after it are read; the innermost block element among
    them whose text has the paragraph's key is the one. None when the paragraph is not exactly
    one element's text (it shares a `<div>` with other text, or the field is not a text view).
    """
    body = article.fields.get(field_name)
    markup = article.fields.get("markup")
    if body is None or body.segments is None or markup is None or markup.start is None or body.start is None:
        return None
    html_text = markup.text
    a = body.file_offset(par.start) - markup.start
    b = body.file_offset(par.end - 1) + 1 - markup.start
    if not (0 <= a < b <= len(html_text)):
        return None
    opens: list[tuple[int, str, str]] = []  # innermost first
    i = a
    while True:
        j = i
        while j > 0 and html_text[j - 1].isspace():
            j -= 1
        if j == 0 or html_text[j - 1] != ">":
            break
        k = html_text.rfind("<", 0, j)
        m = _START_TAG.fullmatch(html_text, k, j) if k >= 0 else None
        if m is None:
            break
        opens.append((k, m.group(1).lower(), m.group()))
        i = k
    closes: list[tuple[int, str]] = []  # innermost first
    i = b
    while True:
        while i < len(html_text) and html_text[i].isspace():
            i += 1
        m = _END_TAG.match(html_text, i)
        if m is None:
            break
        closes.append((m.end(), m.group(1).lower()))
        i = m.end()
    for start, tag, _ in opens:
        if tag not in _HOLDERS:
            continue
        for end, closed in closes:
            if closed == tag:
                if key_of(html_text[start:end]) == par.key:
                    return Element(start, end, tag, tuple(t for _, _, t in reversed(opens)))
                break
    return None
