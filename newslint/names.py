"""Name candidates in prose and what makes two spellings one romanised name.

A *run* is a stretch of capitalised words joined by single spaces or hyphens ("North Korean leader
Kim Jong-un" holds the runs "North Korean" and "Kim Jong-un"), with lowercase name particles inside
("Bashar al-Assad"). Each contiguous stretch of a run's space-separated *units* is a name
*candidate*, unless it starts or ends with a title or function word ("President", "The").

Two candidates are spellings of one name when they *fold* to the same key: case, hyphens, spaces,
apostrophes and diacritics removed ("Kim Jong Un", "Kim Jong-un", "KIM Jong Un", "Kim Jongun" all
fold to "kimjongun"). Folding alone would join compounds too ("Moon God-Emperor" / "Moon God
Emperor"), so `romanisation_difference` accepts a hyphen, space or case difference only between
pieces shaped like romanised Korean or Chinese syllables ("Jong", "un", "Jin", "ping"), not all of
them plain English words, or after a name particle ("al-Assad" / "al Assad"). Differences in
diacritics and apostrophes ("P'yŏngyang" / "Pyongyang", "Erdoğan" / "Erdogan") are always
romanisation.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from .name_words import ENGLISH_SYLLABLE_WORDS, NAME_PARTICLES, NOT_NAME_WORDS

APOSTROPHES = "'’ʼ‘`"
HYPHENS = "-\u2010\u2011"
SPACES = " \u00a0"

_WORD = r"[\p{L}\p{M}]+(?:['’ʼ‘`][\p{L}\p{M}]+)*"
_CAPWORD = r"\p{Lu}[\p{L}\p{M}]*(?:['’ʼ‘`][\p{L}\p{M}]+)*"
_HYPHEN = "[-\u2010\u2011]"
_SPACE = "[ \u00a0]"
_PARTICLE = "(?:" + "|".join(sorted(NAME_PARTICLES, key=len, reverse=True)) + ")"
_UNIT = rf"(?:{_PARTICLE}{_HYPHEN})?{_CAPWORD}(?:{_HYPHEN}{_WORD})*"
# Opens with an uppercase letter (a class, not \b or a look-behind), so the engine scans fast;
# a particle before the first unit ("the al-Qaeda group") is taken in by `_extend_left`.
RUN = regex.compile(rf"{_UNIT}(?:{_SPACE}(?:{_PARTICLE}{_SPACE})*{_UNIT})*")
_PARTICLE_BEFORE = regex.compile(rf"(?:^|[^\p{{L}}\p{{M}}])({_PARTICLE}(?:{_HYPHEN}|{_SPACE}))$")
_GLUED = regex.compile(r"\p{Ll}\p{Lu}|\p{Lu}{2}\p{Ll}")
_POSSESSIVE = regex.compile(r"['’ʼ]s$")

MAX_NAME_UNITS = 5

# Letters NFKD does not take apart.
_FOLD_EXTRA = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ı": "i",
                             "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d"})

# One syllable as Korean (Revised Romanization, McCune-Reischauer, common personal spellings),
# Chinese (pinyin, Wade-Giles, Cantonese) names romanise it, once folded: an optional initial, a
# vowel cluster, an optional final. Generous on purpose: it only has to tell "Jong", "un", "yeol",
# "ping" from "emperor" or "based".
_SYLLABLE = regex.compile(
    r"(?:tch|ssh|kk|gg|tt|dd|pp|bb|ss|jj|ch|sh|zh|ts|tz|hs|ng|rh|wh|[bcdfghjklmnpqrstwxyz])?"
    r"(?:yae|yeo|weo|wae|uai|iao|ieu|yeu|ae|eo|eu|ui|oe|ee|oo|ou|oi|ai|ei|ey|ay|ao|ia|ie|io|iu|ua|ue|uo"
    r"|wa|we|wi|wo|ya|ye|yo|yu|a|e|i|o|u|y)"
    r"(?:ng|n|m|l|r|k|g|t|d|p|b|h)?"
)


def fold_text(text: str) -> str:
    """Lowercase letters only: case, diacritics, apostrophes, hyphens and spaces dropped."""
    return "".join(_fold_chars(text))


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.translate(_FOLD_EXTRA))
    return "".join(c for c in decomposed if c.isalpha() and not unicodedata.combining(c)).lower()


def _fold_chars(text: str) -> Iterator[str]:
    for ch in text:
        if ch.isalpha():
            yield _fold_word(ch)


def is_syllable(piece: str) -> bool:
    return 0 < len(piece) <= 7 and _SYLLABLE.fullmatch(piece) is not None


@dataclass(frozen=True, slots=True)
class Unit:
    """One space-separated word of a run, hyphenated parts included ("Jong-un", "al-Assad")."""

    start: int
    end: int
    text: str
    glued: bool  # stuck to a neighbour by a scraper ("ComradeKim", "SungSquare")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stretch of a run that may be a name: where it is and how it is written."""

    field: str
    start: int
    end: int
    surface: str  # as written, possessive 's cut off
    key: str  # folded
    cased: bool  # False when its case says nothing (ALL CAPS, a Title Case headline)
    units: int
    next_word: str  # the capitalised word right after it in the same run, or ""


def runs(text: str) -> Iterator[list[Unit]]:
    """The runs of capitalised words in a text, as lists of units."""
    for m in RUN.finditer(text):
        start, end = m.span()
        before = _PARTICLE_BEFORE.search(text, max(0, start - 8), start)
        if before is not None:
            start = before.start(1)
        units: list[Unit] = []
        glued_left = start > 0 and text[start - 1].isalnum()
        for u_start, u_end in _split_units(text, start, end):
            word = text[u_start:u_end]
            poss = _POSSESSIVE.search(word)
            if poss is not None:
                u_end -= len(poss.group())
                word = word[: poss.start()]
            glued = bool(_GLUED.search(word)) and not word.startswith(("Mc", "Mac"))
            if u_start == start and glued_left:
                glued = True
            units.append(Unit(u_start, u_end, word, glued))
            if poss is not None:  # a possessive ends the name: "Korea's Kim Jong Un"
                yield units
                units = []
        if units:
            if end < len(text) and text[end].isalnum():  # "Kim Jong Un2024": glued on the right
                last = units[-1]
                units[-1] = Unit(last.start, last.end, last.text, True)
            yield units


def _split_units(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for i in range(start, end):
        if text[i] in SPACES:
            yield pos, i
            pos = i + 1
    yield pos, end


def candidates(field: str, text: str, uncased: bool = False, max_units: int = MAX_NAME_UNITS) -> Iterator[Candidate]:
    """Every name candidate in a text: each stretch of each run that neither starts nor ends with
    a title or function word and holds no glued word."""
    for units in runs(text):
        n = len(units)
        folded = [_fold_word(u.text) for u in units]
        for i in range(n):
            if units[i].glued or folded[i] in NOT_NAME_WORDS:
                continue
            key = ""
            for j in range(i, min(n, i + max_units)):
                u = units[j]
                if u.glued:
                    break
                key += folded[j]
                if folded[j] in NOT_NAME_WORDS or (folded[j] in NAME_PARTICLES and "-" not in u.text):
                    continue
                start, end = units[i].start, u.end
                surface = text[start:end]
                cased = not uncased and not _all_caps(surface)
                next_word = units[j + 1].text if j + 1 < n else ""
                yield Candidate(field, start, end, surface, key, cased, j - i + 1, next_word)


def _all_caps(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def is_title_case(text: str) -> bool:
    """A headline in Title Case says nothing about how a name is capitalised ("Moon Jae-In Meets")."""
    words = [w for w in regex.findall(r"\p{L}{4,}", text)]
    if len(words) < 3:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 0.75 * len(words)


@dataclass(frozen=True, slots=True)
class Shape:
    """A spelling taken apart for comparison: folded letters, where the breaks fall, which letters
    were capitals (None when the case says nothing), and the lowercase spelling with its marks."""

    key: str
    breaks: dict[int, str]
    upper: tuple[bool, ...] | None
    low: str


@lru_cache(maxsize=65536)
def shape(surface: str, cased: bool = True) -> Shape:
    key: list[str] = []
    upper: list[bool] = []
    breaks: dict[int, str] = {}
    n = 0
    for ch in surface:
        if ch in SPACES:
            breaks[n] = " "
        elif ch in HYPHENS:
            breaks[n] = "-"
        elif ch.isalpha():
            f = _fold_word(ch)
            key.append(f)
            upper.extend([ch.isupper()] * len(f))
            n += len(f)
    low = "".join("'" if c in APOSTROPHES else "-" if c in HYPHENS else " " if c in SPACES else c for c in surface).lower()
    return Shape("".join(key), breaks, tuple(upper) if cased else None, low)


def same_spelling(a: Shape, b: Shape) -> bool:
    """No difference a reader would see, the case of the first letter (a sentence start) aside."""
    if a.low != b.low:
        return False
    if a.upper is None or b.upper is None:
        return True
    return a.upper[1:] == b.upper[1:]


def romanisation_difference(a: Shape, b: Shape) -> bool:
    """True when two spellings of one folded key differ the way romanisations of a name do.

    Every hyphen/space/joining difference must fall between romanised syllables (not all of
    them plain English) or after a name particle; every case difference (past the first letter)
    must fall inside such a syllable. Diacritics and apostrophes may differ freely.
    """
    if a.key != b.key or same_spelling(a, b):
        return False
    key = a.key
    cuts = sorted(set(a.breaks) | set(b.breaks) | {0, len(key)})
    pieces = {cuts[i]: key[cuts[i] : cuts[i + 1]] for i in range(len(cuts) - 1)}
    ends = {cuts[i + 1]: key[cuts[i] : cuts[i + 1]] for i in range(len(cuts) - 1)}
    for at in cuts[1:-1]:
        if a.breaks.get(at) == b.breaks.get(at):
            continue
        left, right = ends[at], pieces[at]
        if left in NAME_PARTICLES:
            continue
        if not (is_syllable(left) and is_syllable(right)):
            return False
        if left in ENGLISH_SYLLABLE_WORDS and right in ENGLISH_SYLLABLE_WORDS:
            return False
    if a.upper is not None and b.upper is not None:
        starts = cuts[:-1]
        for i in range(1, len(key)):
            if a.upper[i] == b.upper[i]:
                continue
            piece_start = max(s for s in starts if s <= i)
            piece = pieces[piece_start]
            if piece not in NAME_PARTICLES and not is_syllable(piece):
                return False
    return True
