"""North and South Korean romanisations of one personal name, as equivalences.

KCNA and Rodong Sinmun write "Ri Sol Ju" and "Pak Pong Ju"; Yonhap and the Korea Herald write
"Lee Sol-ju" and "Park Bong-ju". Listing every person in a dictionary cannot keep up, so a full
Korean personal name (a surname, then a given name of one or two romanised syllables) gets a
*Korean key*: the surname's family of spellings (Lee/Ri/Rhee/Yi, Park/Pak/Bak, ...) and the given
name with the McCune-Reischauer and Revised Romanization vowels made one (Jŏng / Jeong / Jong,
Ŭn / Eun / Un). Two spellings with one Korean key are one person's name.

Some surnames are common words or syllables ("No", "Im", "Yu", "Jong"): a key is made only for a
full name, never for a surname alone, and for these only with a two-syllable given name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .name_words import ENGLISH_SYLLABLE_WORDS
from .names import fold_word, is_syllable

# Each family of spellings of one surname; the first is the family's name in keys.
SURNAME_FAMILIES = (
    ("lee", "ri", "rhee", "yi"),
    ("park", "pak", "bak"),
    ("choi", "choe"),
    ("jung", "jong", "chung", "jeong"),
    ("roh", "no", "noh"),
    ("ryu", "yu", "yoo"),
    ("lim", "rim", "im"),
    ("kim", "gim"),
    ("kang", "gang"),
    ("yoon", "yun"),
    ("kwon", "gwon"),
    ("shin", "sin"),
)
SURNAME_FAMILY = {spelling: family[0] for family in SURNAME_FAMILIES for spelling in family}
# Surnames that are also words or syllables of other names: only with a two-syllable given name.
WEAK_SURNAMES = frozenset({"no", "im", "yu", "jong", "yi", "ri", "sin", "gang", "rim"})

_SURNAME_WORDS = sorted({s.capitalize() for s in SURNAME_FAMILY} | {s.upper() for s in SURNAME_FAMILY}, key=len, reverse=True)
# A surname and the word or two after it: the cheap look for names whose spellings differ only
# by the surname's family or the vowels of the given name, which the fold screen cannot see.
_SURNAME_THEN_NAME = re.compile(
    "(?:" + "|".join(_SURNAME_WORDS) + r")[ \u00a0][^\W\d_][^\W\d_'’]*(?:[-\u2010\u2011 \u00a0][^\W\d_][^\W\d_'’]*)?"
)


def _given_syllable(piece: str) -> str:
    """A given-name syllable with MR and RR vowels made one: jeong, jŏng, jong -> jong."""
    return piece.replace("eo", "o").replace("eu", "u")


@lru_cache(maxsize=8192)  # the same names recur across a corpus; bounded, so memory is too
def korean_key(surface: str) -> str | None:
    """The Korean key of a full personal name ("Ri Sol Ju", "Lee Sol-ju" -> "lee|solju"), or
    None when the spelling is not a surname and a given name of romanised syllables."""
    units = surface.replace("\u00a0", " ").split(" ")
    if not 2 <= len(units) <= 3 or "-" in units[0]:
        return None
    surname = fold_word(units[0])
    family = SURNAME_FAMILY.get(surname)
    if family is None:
        return None
    pieces = [fold_word(p) for u in units[1:] for p in re.split("[-\u2010\u2011]", u)]
    if not 1 <= len(pieces) <= 2 or not all(is_syllable(p) for p in pieces):
        return None
    if len(pieces) == 1 and (surname in WEAK_SURNAMES or len(units) != 2):
        return None
    if all(p in ENGLISH_SYLLABLE_WORDS for p in pieces):
        return None  # "No Way", "Im Sorry"
    if not all(u[:1].isupper() for u in units[1:]):
        return None
    return family + "|" + "".join(_given_syllable(p) for p in pieces)


@lru_cache(maxsize=8192)
def _folded(surface: str) -> str:
    return "".join(map(fold_word, filter(str.isalpha, surface)))


def maybe_korean_variants(texts: list[str]) -> bool:
    """True when one Korean key is written with two different folded spellings in these texts
    ("Ri Sol Ju" and "Lee Sol-ju"; "Kim Jŏng-ŭn" and "Kim Jeong-eun")."""
    seen: dict[str, str] = {}
    for text in texts:
        for m in _SURNAME_THEN_NAME.finditer(text):
            start = m.start()
            if start and text[start - 1].isalnum():
                continue
            surface = m.group()
            for cut in (surface, surface.rsplit(" ", 1)[0]):
                key = korean_key(cut)
                if key is None:
                    continue
                folded = _folded(cut)
                if seen.setdefault(key, folded) != folded:
                    return True
    return False
