"""Kind `pattern`: phrases or regular expressions that must not appear in an article.

A rule of this kind is written in YAML alone, as Vale's `existence` rules are:

    name: no-lorem-ipsum
    check: pattern
    severity: warning
    message: "Placeholder text left in the article: '{match}'"
    description: Lorem ipsum filler saved instead of the story.
    phrases: ["lorem ipsum"]
    ignore-case: true
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import PrivateAttr, model_validator

from ..article import Article, Finding
from .base import PROSE_FIELDS, CheckOptions, Regex, at_word_bounds, prose_fields

MESSAGE_ARGS = frozenset({"match"})


class Options(CheckOptions):
    phrases: list[str] = []
    patterns: list[Regex] = []
    ignore_case: bool = False
    whole_words: bool = True
    fields: list[str] = list(PROSE_FIELDS)

    _compiled: regex.Pattern | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _something_to_find(self) -> Options:
        if not self.phrases and not self.patterns:
            raise ValueError("a pattern rule needs 'phrases' or 'patterns'")
        return self

    def model_post_init(self, _context: object) -> None:
        alternatives = [regex.escape(p) for p in sorted(self.phrases, key=len, reverse=True)]
        alternatives += [f"(?:{p})" for p in self.patterns]
        flags = regex.IGNORECASE if self.ignore_case else 0
        self._compiled = regex.compile("|".join(alternatives), flags | regex.V0)

    @property
    def compiled(self) -> regex.Pattern:
        assert self._compiled is not None
        return self._compiled


def check(article: Article, options: Options) -> Iterator[Finding]:
    pattern = options.compiled
    for name, text in prose_fields(article, options.fields):
        for m in pattern.finditer(text):
            start, end = m.span()
            if start == end:
                continue
            if options.whole_words and not at_word_bounds(text, start, end):
                continue
            yield Finding(name, start, end, {"match": m.group()})
