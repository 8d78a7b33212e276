"""Line shapes the promo-block check weighs: headline-like fragments, wire sign-offs, section labels.

A scraped body holds one paragraph a line (an HTML body's text view one block a line), so an
injected widget shows up as whole lines. These helpers look at one line's shape only; what
counts as a promo phrase is data in the rule's YAML, not here.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

import regex

from ..article import Article
from .lines import positions
from .paragraphs import count_words, paragraphs


class Line(NamedTuple):
    index: int  # 0-based line number in the field
    start: int  # offsets of the line's text (without surrounding white space) in the field
    end: int
    text: str  # the line without surrounding white space
    line_start: int  # where the line itself starts (column 1)
    key: str  # comparison key: markup, entities, white space and case ignored
    words: int  # white-space separated words


_TUPLE_NEW = tuple.__new__


def body_lines(article: Article, field: str = "body") -> list[Line]:
    """The field's non-blank lines, on the paragraph split other rules share, once per article."""
    key = ("promo-block.lines", field)
    cached = article.cache.get(key)
    if cached is not None:
        return cached
    text = article.text(field)
    out = []
    for p in paragraphs(article, field):
        line = text[p.start:p.end]
        # tuple.__new__ skips the NamedTuple's Python-level constructor: this runs once a line
        out.append(_TUPLE_NEW(Line, (p.number - 1, p.start, p.end, line, p.line_start, p.key, p.words)))
    article.cache[key] = out
    return out


# A sentence ends with . ! ? or … , possibly inside closing quotes or brackets.
_TRAILING_CLOSERS = "\"'”’»)]} \u00a0"
# A full stop after a lower-case word or a number, then a capital: a second sentence (a photo
# caption with its credit, "… on Aug. 20, 2024. AFP"), so not a headline. "N. Korea" and
# "Mr. Kim" keep a single capital before the dot and do not match.
_INNER_SENTENCE = regex.compile(r"[a-z0-9]{2}[.!?] +[A-Z]")
# The end of a sentence inside a line, even when the scraper glued the next one on ("China.Rodong").
_SENTENCE_END = regex.compile(r"[a-z0-9]{2}[.!?][\"”’)]?(?:\s|[A-Z])")
# Wire sign-offs and credit lines that end a story without closing punctuation.
_SIGNOFF = regex.compile(
    r"^(?:\(.*\)|-+\s*0\s*-+|#{2,}|\*{2,}|[-–—=_\s]+|\[?END\]?)$|^by\s|^\(?(?:reporting|writing|editing|additional reporting)\s+by\s",
    regex.IGNORECASE,
)


def ends_sentence(text: str) -> bool:
    t = text.rstrip(_TRAILING_CLOSERS)
    return bool(t) and t[-1] in ".!?…。！？।؟"


def word_count(text: str) -> int:
    return count_words(text)


def is_signoff(text: str) -> bool:
    """"(Yonhap)", "(END)", "-0-", "(Reporting by …; Editing by …)", a byline: the story's own end."""
    return bool(_SIGNOFF.search(text)) or "@" in text


def is_headline_like(text: str, max_words: int = 20) -> bool:
    """A short line without closing punctuation: a headline, a widget title, a button.

    Photo captions with a credit ("… 2024. AFP") and sign-offs are excluded; a caption or a
    crosshead alone is never reported, this only extends a block another signal found.
    """
    if ends_sentence(text) or is_signoff(text):
        return False
    if word_count(text) > max_words or "http" in text:
        return False
    first = text[0]
    if not (first.isalnum() or first in "\"'“‘$£€[("):
        return False
    return not _INNER_SENTENCE.search(text)


# "[ANALYSIS] Headline", "[RELATED] Headline": a short label in brackets opening the line.
BRACKET_LABEL = regex.compile(r"\[([^\]\[\n]{2,30})\][\s\u00a0]*")
# A whole line that is a headline in brackets: "[Museum houses Roman treasures]".
BRACKETED_LINE = regex.compile(r"\[([^\]\[\n]{8,200})\]")
# A capitalised label glued to the capital of the next word: "ANALYSISKim-Putin".
GLUED_LABEL = regex.compile(r"[A-Z]{4,}(?=[A-Z][a-z])")
# "2023-09-14 16:33 | Foreign Affairs" (or 2023.09.14) closing a line: a widget's stamp.
TRAILING_STAMP = regex.compile(
    r"(\d{4}[-./]\d{1,2}[-./]\d{1,2}\.?[ T\u00a0]+\d{1,2}:\d{2}(?::\d{2})?)"
    r"(?:[\s\u00a0]*[|·•][\s\u00a0]*([^|.!?\d][^|.!?]{0,40}?))?[\s\u00a0]*$"
)


def is_capitalised_label(text: str) -> bool:
    """A line that is one to four words in capitals ("MOST READ", "EDITOR'S PICKS")."""
    words = text.rstrip(":").split()
    return 1 <= len(words) <= 4 and len(text) <= 40 and text.isupper() and all(w[0].isupper() for w in words)


# "[PHOTO] …", "[VIDEO] …" open captions and media embeds, not widgets
MEDIA_LABELS = frozenset({"photo", "photos", "video", "graphic", "graphics", "cartoon", "map", "chart", "infographic", "audio"})


def is_section_label(label: str) -> bool:
    """The inside of "[ANALYSIS]" or "[Related]": capitalised words, not a credit with digits."""
    words = label.split()
    return (
        1 <= len(words) <= 3 and all(w[0].isupper() for w in words) and not any(ch.isdigit() for ch in label)
        and label.casefold() not in MEDIA_LABELS
    )


def repeated_lead(text: str, lead_from: int = 0, min_chars: int = 15) -> bool:
    """The line's opening words come back later in the same line: a headline shown twice."""
    if text.find(text[lead_from:lead_from + 12], lead_from + 12) == -1:  # cheap test first
        return False
    words = text[lead_from:].split()
    if len(words) < 8:
        return False
    lead = " ".join(words[:4])
    if len(lead) < min_chars:
        return False
    first = text.find(lead, lead_from)
    if first == -1:
        return False
    second = text.find(lead, first + len(lead))
    # the first copy is a headline, not sentences: a story saved twice in one paragraph
    # ("… arrived on Friday. … arrived on Friday.") is a scraper's double save, not a widget
    return second != -1 and not _SENTENCE_END.search(text, first, second)


_QUOTE_MARKS = "„“”«»「」『』‹›\""


class QuoteMarks:
    """Where a line's quotation marks are, so that asking whether each of many places in a
    long line is quoted does not read the line again each time."""

    __slots__ = ("_at",)

    def __init__(self, text: str) -> None:
        self._at = {mark: positions(text, mark) for mark in _QUOTE_MARKS if mark in text}

    def _before(self, mark: str, pos: int) -> int:
        found = self._at.get(mark)
        return bisect_left(found, pos) if found else 0

    def inside(self, pos: int) -> bool:
        """True when `pos` sits inside a quotation (someone's words, not the page's)."""
        n = self._before
        if n("„", pos):  # German and Polish open with „ and close with “ or ”
            if n("„", pos) > n("“", pos) + n("”", pos):
                return True
        elif n("“", pos) > n("”", pos):
            return True
        for opening, closing in ("«»", "「」", "『』", "‹›"):
            if n(opening, pos) > n(closing, pos):
                return True
        return n('"', pos) % 2 == 1
