"""Kind `substitution`: write X, not Y. Each match is reported with the preferred form as its fix.

    name: house-style-seoul-spelling
    check: substitution
    severity: warning
    message: "Use '{replacement}' instead of '{match}'"
    description: The house style spells these names one way.
    swap:
      Pusan: Busan
      Peking: Beijing
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import PrivateAttr, field_validator

from ..article import Article, Finding
from ..text.case_shape import in_case_of
from .base import PROSE_FIELDS, CheckOptions, at_word_bounds, prose_fields

MESSAGE_ARGS = frozenset({"match", "replacement"})


class Options(CheckOptions):
    swap: dict[str, str]
    ignore_case: bool = False
    fields: list[str] = list(PROSE_FIELDS)

    _compiled: regex.Pattern | None = PrivateAttr(default=None)
    _lookup: dict[str, str] = PrivateAttr(default_factory=dict)

    @field_validator("swap")
    @classmethod
    def _not_empty(cls, value: dict[str, str]) -> dict[str, str]:
        if not value:
            raise ValueError("'swap' needs at least one 'wrong: right' pair")
        for wrong, right in value.items():
            if not wrong.strip():
                raise ValueError("'swap' has an empty phrase")
            if wrong == right:
                raise ValueError(f"'swap' maps {wrong!r} to itself")
        return value

    def model_post_init(self, _context: object) -> None:
        wrongs = sorted(self.swap, key=len, reverse=True)
        flags = regex.IGNORECASE if self.ignore_case else 0
        self._compiled = regex.compile("|".join(regex.escape(w) for w in wrongs), flags)
        fold = str.casefold if self.ignore_case else (lambda s: s)
        self._lookup = {fold(w): r for w, r in self.swap.items()}

    def replacement_for(self, matched: str) -> str:
        """The preferred form; matched without regard to case, it takes the match's case
        shape (`PUSAN` -> `BUSAN` in a dateline), so the fix changes the spelling only."""
        if not self.ignore_case:
            return self._lookup[matched]
        return in_case_of(self._lookup[matched.casefold()], matched)

    @property
    def compiled(self) -> regex.Pattern:
        assert self._compiled is not None
        return self._compiled


def check(article: Article, options: Options) -> Iterator[Finding]:
    for name, text in prose_fields(article, options.fields):
        for m in options.compiled.finditer(text):
            start, end = m.span()
            if not at_word_bounds(text, start, end):
                continue
            right = options.replacement_for(m.group())
            yield Finding(name, start, end, {"match": m.group(), "replacement": right}, replacement=right)
