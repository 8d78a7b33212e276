"""Name candidates in prose and what makes two spellings one romanised name.

A *run* is a stretch of capitalised words joined by single spaces or hyphens ("North Korean leader
Kim Jong-un" holds the runs "North Korean" and "Kim Jong-un"), with lowercase name particles inside
("Bashar al-Assad"). Each contiguous stretch of a run's space-separated *units* is a name
*candidate* unless it starts with a title or function word ("President", "The"); a stretch that
follows or precedes a romanised syllable is a piece of a longer name ("Jae Ryong" and "Kim Jong" of
"Kim Jae Ryong" and "Kim Jong Un") and counts only when a dictionary knows it.

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

import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import regex

from .name_words import ENGLISH_SYLLABLE_WORDS, NAME_PARTICLES, NOT_NAME_WORDS

APOSTROPHES = "'’ʼ‘`"
HYPHENS = "-\u2010\u2011"
SPACES = " \u00a0"
SPACES_AND_HYPHENS = SPACES + HYPHENS

# Python's `re`, not `regex`: this pattern runs over every text and `re` scans its opening class
# faster. Letters are [^\W\d_] (text is taken as NFC, as scrapers save it).
_LETTER = r"[^\W\d_]"
_WORD = rf"{_LETTER}+(?:['’ʼ‘`]{_LETTER}+)*"
# Capital letters of Latin-1 and Latin Extended-A/B, spelled out: `re` has no \p{Lu}.
_CAPITALS = "A-Z" + "".join(ch for ch in map(chr, range(0xC0, 0x250)) if ch.isupper())
_CAPWORD = rf"[{_CAPITALS}]{_LETTER}*(?:['’ʼ‘`]{_LETTER}+)*"
_HYPHEN = "[-\u2010\u2011]"
_SPACE = "[ \u00a0]"
_PARTICLE = "(?:" + "|".join(sorted(NAME_PARTICLES, key=len, reverse=True)) + ")"
_CAPUNIT = rf"{_CAPWORD}(?:{_HYPHEN}{_WORD})*"
# Opens with a letter class (not \b, a look-behind or an alternation), so the engine scans fast;
# a particle before the first unit ("the al-Qaeda group") is taken in afterwards.
# After a space a run goes on with particles and a unit (a particle and hyphen, then a capitalised
# word). Look-aheads that change no match spare the engine trying every particle after each
# space: what follows is a particle or a capital, and a particle starts with one of a few letters.
_PARTICLE_FIRSTS = "".join(sorted({p[0] for p in NAME_PARTICLES}))
_GATED_PARTICLE = f"(?=[{_PARTICLE_FIRSTS}]){_PARTICLE}"
_RUN_TAIL = (
    rf"(?:{_SPACE}(?=[{_PARTICLE_FIRSTS}{_CAPITALS}])(?:{_GATED_PARTICLE}{_SPACE})*"
    rf"(?:{_GATED_PARTICLE}{_HYPHEN})?{_CAPUNIT})*"
)
RUN = re.compile(rf"{_CAPUNIT}{_RUN_TAIL}")
_TUPLE_NEW = tuple.__new__
_GLUED = regex.compile(r"\p{Ll}\p{Lu}|\p{Lu}{2}\p{Ll}")

MAX_NAME_UNITS = 5

# Letters NFKD does not take apart.
_FOLD_EXTRA = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ø": "o",
        "Ø": "O",
        "ı": "i",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "ð": "d",
    }
)

# One syllable as Korean (Revised Romanization, McCune-Reischauer, common personal spellings),
# Chinese (pinyin, Wade-Giles, Cantonese) names romanise it, once folded: an optional initial, a
# vowel cluster, an optional final. Generous on purpose: it only has to tell "Jong", "un", "yeol",
# "ping" from "emperor" or "based".
_SYLLABLE = regex.compile(
    r"(?:tch|ssh|kk|gg|tt|dd|pp|bb|ss|jj|ch|sh|zh|ts|tz|hs|ng|rh|wh|th|ph|kh|[bcdfghjklmnpqrstwxyz])?"
    r"(?:yae|yeo|weo|wae|uai|iao|ieu|yeu|eui|uye|ae|eo|eu|ui|oe|ee|oo|ou|oi|ai|ei|ey|ay|ao|ia|ie|io|iu|ua"
    r"|ue|uo|wa|we|wi|wo|ya|ye|yo|yu|a|e|i|o|u|y)"
    r"(?:ng|nh|ck|rk|hn|n|m|l|r|k|g|t|d|p|b|h)?"
)


def fold_text(text: str) -> str:
    """Lowercase letters only: case, diacritics, apostrophes, hyphens and spaces dropped."""
    return "".join(map(fold_word, filter(str.isalpha, text)))  # letter by letter, at C speed


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.translate(_FOLD_EXTRA))
    return "".join(c for c in decomposed if c.isalpha() and not unicodedata.combining(c)).lower()


def is_syllable(piece: str) -> bool:
    return 0 < len(piece) <= 7 and _SYLLABLE.fullmatch(piece) is not None


class Unit(NamedTuple):
    """One space-separated word of a run, hyphenated parts included ("Jong-un", "al-Assad").

    (NamedTuples, not frozen dataclasses: these are made for every capitalised word.)"""

    start: int
    end: int
    text: str
    glued: bool  # stuck to a neighbour by a scraper ("ComradeKim", "SungSquare")
    contraction: bool  # "I'd", "We'll": an apostrophe of English, not of a romanisation


class Candidate(NamedTuple):
    """A stretch of a run that may be a name: where it is and how it is written."""

    field: str
    start: int
    end: int
    surface: str  # as written, possessive 's cut off
    key: str  # folded
    cased: bool  # False when its case says nothing (ALL CAPS, a Title Case headline)
    units: int
    next_word: str  # the capitalised word right after it in the same run, or ""
    inner: bool = (
        False  # a piece of a longer name ("Jae Ryong" of "Kim Jae Ryong"): a name only if a dictionary says so
    )


_POSSESSIVES = ("'s", "’s", "ʼs")
_CONTRACTIONS = ("'d", "'ll", "'m", "'re", "'ve", "'t", "’d", "’ll", "’m", "’re", "’ve", "’t")


def _glued(word: str) -> bool:
    """Capitals inside a word ("ComradeKim", "ANALYSISKim"): words stuck together by a scraper.
    "McCain", "MacArthur" and "Jong-Un" are not."""
    rest = word[1:]
    if rest.islower() or word.isupper() or not rest:
        return False
    if word.startswith(("Mc", "Mac")):
        return False
    return _GLUED.search(word) is not None


_PARTICLE_LENGTHS = sorted({len(p) for p in NAME_PARTICLES})


def _particle_before(text: str, start: int) -> int:
    """Where a run really starts when a name particle stands before it ("the al-Qaeda group")."""
    for size in _PARTICLE_LENGTHS:
        at = start - 1 - size
        if at < 0:
            break
        if text[at : start - 1] in NAME_PARTICLES and (at == 0 or not text[at - 1].isalpha()):
            return at
    return start


def runs(text: str) -> Iterator[list[Unit]]:
    """The runs of capitalised words in a text, as lists of units."""
    size = len(text)
    for m in RUN.finditer(text):
        start, end = m.span()
        chunk = m.group()
        if chunk.lower() in NOT_NAME_WORDS:  # "The", "But", "In": most one-word runs start a sentence
            continue
        if start > 2 and text[start - 1] in SPACES_AND_HYPHENS and text[start - 2].islower():
            start = _particle_before(text, start)
        glued_left = start > 0 and text[start - 1].isalnum()
        if start != m.start():
            chunk = text[start:end]
        words = [chunk] if " " not in chunk and "\u00a0" not in chunk else chunk.replace("\u00a0", " ").split(" ")
        units: list[Unit] = []
        pos = start
        for word in words:
            u_start = pos
            pos += len(word) + 1
            possessive = word.endswith(_POSSESSIVES)
            if possessive:
                word = word[:-2]
            glued = (glued_left and u_start == start) or _glued(word)
            contraction = not possessive and ("'" in word or "’" in word) and word.endswith(_CONTRACTIONS)
            # tuple.__new__ skips the Python-level NamedTuple constructor: this runs once a word
            units.append(_TUPLE_NEW(Unit, (u_start, u_start + len(word), word, glued, contraction)))
            if possessive:  # a possessive ends the name: "Korea's Kim Jong Un"
                yield units
                units = []
        if units:
            if end < size and text[end].isalnum():  # "Kim Jong Un2024": glued on the right
                units[-1] = units[-1]._replace(glued=True)
            yield units


def candidates(
    field: str, text: str, uncased: bool = False, max_units: int = MAX_NAME_UNITS, found: list[list[Unit]] | None = None
) -> Iterator[Candidate]:
    """Every name candidate in a text: each stretch of each run that does not start with a title or
    function word ("President", "The"), does not end with a bare particle, and holds no glued word.
    (A name may end with a function word: "Moon Jae In".) `found` is `runs(text)` if already made."""
    for units in found if found is not None else runs(text):
        n = len(units)
        if n == 1:  # most runs: one capitalised word
            u = units[0]
            word = fold_word(u.text)
            if u.glued or u.contraction or word in NOT_NAME_WORDS or len(word) < 2 or u.text in NAME_PARTICLES:
                continue
            yield Candidate(field, u.start, u.end, u.text, word, not uncased and not u.text.isupper(), 1, "", False)
            continue
        folded = [fold_word(u.text) for u in units]
        # Titles and function words, and romanised syllables: a stretch after or before a syllable
        # is a piece of a longer name ("Jae Ryong" and "Kim Jong" of "Kim Jae Ryong", "Kim Jong Un"),
        # no name of its own, though a dictionary may know it. After other words it starts a name:
        # "Minister of Foreign Affairs Ri Yong Ho".
        plain = [f not in NOT_NAME_WORDS for f in folded]
        # A lowercase particle is no syllable of a name: "Syiah di Indonesia" is "Syiah" before a
        # preposition, not a piece of a longer name.
        syllable = [p and is_syllable(f) and u.text not in NAME_PARTICLES for p, f, u in zip(plain, folded, units)]
        for i in range(n):
            first = units[i]
            if first.glued or first.contraction or not plain[i]:
                continue
            inner = i > 0 and plain[i - 1] and (syllable[i - 1] or first.text.split("-", 1)[0] in NAME_PARTICLES)
            key = ""
            for j in range(i, min(n, i + max_units)):
                u = units[j]
                if u.glued or u.contraction:
                    break
                key += folded[j]
                if u.text in NAME_PARTICLES:
                    continue  # "Mohammed bin" is no name
                if len(key) < 2:
                    continue  # "I", "É": no name
                surface = text[first.start : u.end]
                last = j + 1 == n
                yield Candidate(
                    field,
                    first.start,
                    u.end,
                    surface,
                    key,
                    not uncased and not surface.isupper(),
                    j - i + 1,
                    "" if last else units[j + 1].text,
                    inner or (not last and syllable[j + 1]),
                )


def spelled_alike(
    texts: list[list[list[Unit]]], known: dict[str, int], wanted: set[int], max_units: int = MAX_NAME_UNITS
) -> bool:
    """False when no name in these runs can have two spellings: the cheap first look that spares
    most articles the full comparison.

    Two spellings of one name either split into words differently ("Jong Un" / "Jong-un" /
    "Jongun": one folded stretch, two segmentations), or differ inside a word ("KIM" / "Kim",
    "Pyŏngyang" / "Pyongyang"), or are two spellings a dictionary knows (`known`: folded spelling
    -> group), or meet a house style (`wanted`: groups with a preferred form).
    """
    segmentation: dict[str, str] = {}
    written: dict[str, str] = {}
    groups: dict[int, str] = {}
    for found in texts:
        for units in found:
            shouting = all(u.text.isupper() for u in units)  # "SEOUL, Sept. 14": case says nothing
            for u in units:
                if u.glued:
                    continue
                word = u.text.replace("’", "'").replace("ʼ", "'")
                if shouting:
                    word = word.lower()
                elif word.split("-", 1)[0].lower() not in NAME_PARTICLES:
                    # The first letter of a capitalised word says nothing (a sentence start, a
                    # title); a particle's does ("bin Laden" / "Bin Laden").
                    word = word[:1].lower() + word[1:]
                folded = fold_word(u.text)
                seen = written.setdefault(folded, word)
                if seen != word:
                    return True
            folded_units = [fold_word(u.text) for u in units]
            n = len(units)
            for i in range(n):
                key = ""
                shape_key = ""
                for j in range(i, min(n, i + max_units)):
                    if units[j].glued:
                        break
                    key += folded_units[j]
                    shape_key += "|" + folded_units[j]
                    seen = segmentation.setdefault(key, shape_key)
                    if seen != shape_key:
                        return True
                    group = known.get(key)
                    if group is not None:
                        if group in wanted:
                            return True
                        if groups.setdefault(group, key) != key:
                            return True
    return False


# The screen before `spelled_alike`: the runs of RUN, each with the two lowercase letters and the
# space or hyphen right before it, where a name particle ends when `runs` takes one in ("the
# al-Qaeda group", "crown prince bin Salman"). The look-behind sits after the run's first capital,
# where it costs little (a pattern opening with a look-behind loses the engine's fast scan for its
# first character). Groups: the run, and those three characters or "".
_SPACE_OR_HYPHEN = "[ \u00a0\\-\u2010\u2011]"
_RUN_IN_CONTEXT = re.compile(
    rf"([{_CAPITALS}](?:(?<=([a-z][a-z]{_SPACE_OR_HYPHEN}).))?{_LETTER}*(?:['’ʼ‘`]{_LETTER}+)*"
    rf"(?:{_HYPHEN}{_WORD})*{_RUN_TAIL})"
)
# The particles a two-letter word end can belong to ("in" of "bin", "al" of "al" and "abdal").
_PARTICLES_BY_TAIL: dict[str, tuple[str, ...]] = {}
for _p in sorted(NAME_PARTICLES):
    _PARTICLES_BY_TAIL[_p[-2:]] = (*_PARTICLES_BY_TAIL.get(_p[-2:], ()), _p)


class _Signs(NamedTuple):
    """What one distinct run says about spellings: "kind<TAB>key<TAB>spelling" pairs, their
    "kind<TAB>key" keys (strings, which keep their hash, unlike tuples) and the dictionary groups
    it names. Runs disagree on a spelling exactly when the union of their pairs is larger than the
    union of their keys."""

    pairs: frozenset
    keys: frozenset
    groups: frozenset


_NO_SIGNS = _Signs(frozenset(), frozenset(), frozenset())


class SpellingScreen:
    """The cheap first look, cheaper than `spelled_alike`: it answers from the *distinct* runs of
    an article, each run's signs worked out once per process, and it only ever says "maybe"
    more often than `spelled_alike` (a run's neighbour gluing is ignored; a particle before a
    run adds the run with the particle besides the run without), so an article it passes over
    is one `spelled_alike` would pass over too."""

    # Distinct runs remembered: about 2 KB each (three frozensets), so 20,000 hold some 40 MB;
    # past that the older half is forgotten (a dict keeps insertion order), as the names of
    # recent articles are the likeliest to come again.
    _LIMIT = 20_000

    def __init__(self, known: dict[str, int], max_units: int = MAX_NAME_UNITS) -> None:
        self.known = known
        self.max_units = max_units
        self._signs: dict[tuple[str, str], _Signs] = {}

    def maybe_alike(self, texts: list[str], wanted: set[int] | frozenset[int]) -> bool:
        if not texts:
            return False
        # One scan over all the texts ("\n" joins them: no run or particle crosses a line break).
        found = set(_RUN_IN_CONTEXT.findall(texts[0] if len(texts) == 1 else "\n".join(texts)))
        signs = self._signs
        if len(signs) > self._LIMIT:
            for key in list(itertools.islice(signs, len(signs) // 2)):
                del signs[key]
        each = list(map(signs.get, found))
        if None in each:
            each = [s if s is not None else self._learn(item) for item, s in zip(found, each)]
        if not each:
            return False
        pairs, keys, groups = zip(*each)
        if len(set().union(*pairs)) > len(set().union(*keys)):
            return True
        return bool(wanted) and not wanted.isdisjoint(set().union(*groups))

    def _learn(self, item: tuple[str, str]) -> _Signs:
        s = self._signs[item] = self._signs_of(item)
        return s

    def _signs_of(self, item: tuple[str, str]) -> _Signs:
        chunk = item[0]
        if chunk.lower() in NOT_NAME_WORDS:  # as `runs` does
            return _NO_SIGNS
        pairs: set = set()
        keys: set = set()
        groups: set = set()
        before = item[1]
        # With the letters before the run, every particle they may end: a superset of what `runs`
        # takes in, which is all a screen needs.
        extended = [p + before[2] + chunk for p in _PARTICLES_BY_TAIL.get(before[:2], ())] if before else []
        for text in (chunk, *extended):
            for units in _words_of_run(text):
                self._add_signs(units, pairs, keys, groups)
        return _Signs(frozenset(pairs), frozenset(keys), frozenset(groups))

    def _add_signs(self, units: list[tuple[str, bool]], pairs: set, keys: set, groups: set) -> None:
        """`spelled_alike`'s comparisons for one run, as sets."""
        known = self.known
        shouting = all(text.isupper() for text, _ in units)
        for text, glued in units:
            if glued:
                continue
            word = text.replace("’", "'").replace("ʼ", "'")
            if shouting:
                word = word.lower()
            elif word.split("-", 1)[0].lower() not in NAME_PARTICLES:
                word = word[:1].lower() + word[1:]
            folded = fold_word(text)
            pairs.add(f"w\t{folded}\t{word}")
            keys.add(f"w\t{folded}")
        folded_units = [fold_word(text) for text, _ in units]
        n = len(units)
        for i in range(n):
            key = ""
            shape_key = ""
            for j in range(i, min(n, i + self.max_units)):
                if units[j][1]:
                    break
                key += folded_units[j]
                shape_key += "|" + folded_units[j]
                pairs.add(f"s\t{key}\t{shape_key}")
                keys.add(f"s\t{key}")
                group = known.get(key)
                if group is not None:
                    pairs.add(f"g\t{group}\t{key}")
                    keys.add(f"g\t{group}")
                    groups.add(group)


def _words_of_run(chunk: str) -> list[list[tuple[str, bool]]]:
    """A run's units as `runs` makes them, (text, glued inside the word), split after a
    possessive; gluing to the text around the run is left out."""
    out: list[list[tuple[str, bool]]] = []
    units: list[tuple[str, bool]] = []
    for word in chunk.replace("\u00a0", " ").split(" "):
        possessive = word.endswith(_POSSESSIVES)
        if possessive:
            word = word[:-2]
        units.append((word, _glued(word)))
        if possessive:
            out.append(units)
            units = []
    if units:
        out.append(units)
    return out


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
            f = fold_word(ch)
            key.append(f)
            upper.extend([ch.isupper()] * len(f))
            n += len(f)
    low = "".join(
        "'" if c in APOSTROPHES else "-" if c in HYPHENS else " " if c in SPACES else c for c in surface
    ).lower()
    if "\u0307" in low:  # "İ".lower() is "i" and a combining dot: Turkish capitals, not a mark
        low = low.replace("i\u0307", "i")
    return Shape("".join(key), breaks, tuple(upper) if cased else None, low)


def same_spelling(a: Shape, b: Shape) -> bool:
    """No difference a reader would see, the case of the first letter (a sentence start) aside."""
    if a.low != b.low:
        return False
    if a.upper is None or b.upper is None:
        return True
    return a.upper[1:] == b.upper[1:]


# Marks that romanisations add (ŏ ŭ of McCune-Reischauer, ō ū of Hepburn, ǎ of pinyin, š of
# scholarly Cyrillic, ḥ of Arabic), as opposed to the accents of languages written in Latin letters.
_ROMANISATION_MARKS = frozenset("\u0304\u0306\u030c\u0323\u0331")


# Vietnamese alone among languages written in Latin letters sets a horn (ơ, ư), a hook above
# (ả) or two marks on one letter (ễ, ộ): a spelling that shows one is Vietnamese, and the same
# letters without marks are that name written in plain ASCII, as English-language papers do.
_VIETNAMESE_MARKS = frozenset("\u031b\u0309")


def _vietnamese(spelling: str) -> bool:
    if spelling.isascii():
        return False
    for c in spelling:
        if c in "đĐ":
            return True
        marks = [m for m in unicodedata.normalize("NFD", c)[1:] if unicodedata.combining(m)]
        if len(marks) > 1 or not _VIETNAMESE_MARKS.isdisjoint(marks):
            return True
    return False


def _romanisation_marks_only(a: str, b: str) -> bool:
    """True when the letters that differ between two spellings differ by romanisation marks
    ("Tōkyō" / "Tokyo", "P'yŏngyang" / "Pyongyang", "Erdoğan" / "Erdogan") or by an apostrophe
    inside the word ("Syi'ah" / "Syiah"), and by nothing else. Accents and umlauts of languages
    written in Latin letters make other words ("Große" / "Größe", "Losung" / "Lösung", "Março" /
    "Marco"), as do their own letters ("Yardım" / "Yardim", "ł", "ß", Romanian "ă"); a sign that is no letter
    ("Zoom²" / "Zoom") and an apostrophe before a final s (a possessive, "Detlev`s") are no
    romanisation either. A Vietnamese spelling's marks all count ("Nguyễn Phú Trọng" / "Nguyen
    Phu Trong"), "đ" against "d" too."""
    la = [c for c in a if c not in APOSTROPHES and c not in SPACES_AND_HYPHENS]
    lb = [c for c in b if c not in APOSTROPHES and c not in SPACES_AND_HYPHENS]
    if len(la) != len(lb):
        return False
    if _vietnamese(a) or _vietnamese(b):
        return all(x == y or fold_word(x) == fold_word(y) for x, y in zip(la, lb))
    for x, y in zip(la, lb):
        if x == y:
            continue
        if not (x.isalpha() and y.isalpha()):
            return False
        marks = {m for c in (x, y) for m in unicodedata.normalize("NFD", c) if unicodedata.combining(m)}
        if not marks or not marks <= _ROMANISATION_MARKS:
            return False
        base = unicodedata.normalize("NFD", x)[0]
        if base != unicodedata.normalize("NFD", y)[0]:
            return False
        if base in "aA" and "\u0306" in marks:
            return False  # "ă" is Romanian's own letter ("Această" / "Aceasta" are two words)
    possessive = [len(w) > 2 and w[-2] in APOSTROPHES and w[-1] == "s" for w in (a, b)]
    return possessive[0] == possessive[1]


def romanisation_difference(a: Shape, b: Shape) -> bool:
    """True when two spellings of one folded key differ the way romanisations of a name do.

    Every hyphen/space/joining difference must fall between romanised syllables (not all of
    them plain English) or after a name particle; every case difference (past the first letter)
    must fall inside such a syllable. Letters may differ only by romanisation marks and
    apostrophes (`_romanisation_marks_only`).
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
        if len(left) == 1 and (at == 1 or (at - 1) in a.breaks) and {a.breaks.get(at), b.breaks.get(at)} == {"-", None}:
            return False  # a one-letter prefix: "E-mail" / "Email", "E-Book" / "Ebook"
        if not (is_syllable(left) and is_syllable(right)):
            return False
        if left in ENGLISH_SYLLABLE_WORDS and right in ENGLISH_SYLLABLE_WORDS:
            return False
    if a.low.replace(" ", "").replace("-", "") != b.low.replace(" ", "").replace("-", "") and not _romanisation_marks_only(
        a.low, b.low
    ):
        return False
    if a.upper is not None and b.upper is not None:
        # A case difference is romanisation in a name made of syllables ("Kim Jong-Un", "KIM Jong
        # Un") or in a particle ("Bashar Al-Assad"), not in a term ("K-Pop" / "K-pop").
        starts = cuts[:-1]
        all_syllables = all(is_syllable(p) or p in NAME_PARTICLES for p in pieces.values())
        for i in range(1, len(key)):
            if a.upper[i] == b.upper[i]:
                continue
            piece = pieces[max(s for s in starts if s <= i)]
            if piece not in NAME_PARTICLES and not (all_syllables and is_syllable(piece)):
                return False
    return True
