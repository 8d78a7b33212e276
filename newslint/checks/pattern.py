"""Kind `pattern`: phrases or regular expressions that must not appear in an article.

A rule of this kind is written in YAML alone, as Vale's `existence` rules are:

    name: no-lorem-ipsum
    check: pattern
    severity: warning
    message: "Placeholder text left in the article: '{match}'"
    description: Lorem ipsum filler saved instead of the story.
    phrases: ["lorem ipsum"]
    ignore-case: true

A user's regular expression can backtrack for minutes on the wrong text (`(a+)+$` against a
run of a's), so the patterns run under a deadline (`regex-timeout`, seconds for one field of
one article): see text/bounded_regex.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import PrivateAttr, model_validator

from ..article import Article, Finding
from ..text.bounded_regex import DEFAULT_REGEX_TIMEOUT, BoundedPattern, Deadline
from .base import PROSE_FIELDS, CheckOptions, Regex, RegexTimeoutSeconds, at_word_bounds, private, prose_fields

MESSAGE_ARGS = frozenset({"match"})


class Options(CheckOptions):
    phrases: list[str] = []
    patterns: list[Regex] = []
    ignore_case: bool = False
    whole_words: bool = True
    fields: list[str] = list(PROSE_FIELDS)
    regex_timeout: RegexTimeoutSeconds = DEFAULT_REGEX_TIMEOUT

    _compiled: BoundedPattern | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _something_to_find(self) -> Options:
        if not self.phrases and not self.patterns:
            raise ValueError("a pattern rule needs 'phrases' or 'patterns'")
        return self

    def model_post_init(self, _context: object) -> None:
        alternatives = [regex.escape(p) for p in sorted(self.phrases, key=len, reverse=True)]
        alternatives += [f"(?:{p})" for p in self.patterns]
        flags = regex.IGNORECASE if self.ignore_case else 0
        compiled = regex.compile("|".join(alternatives), flags | regex.V0)
        self._compiled = BoundedPattern(compiled, Deadline(self.regex_timeout))

    @property
    def compiled(self) -> BoundedPattern:
        compiled = private(self, "_compiled")
        assert compiled is not None
        return compiled


def check(article: Article, options: Options) -> Iterator[Finding]:
    pattern = options.compiled
    for name, text in prose_fields(article, options.fields):
        with pattern.deadline.on(name, len(text)):
            for m in pattern.finditer(text):
                start, end = m.span()
                if start == end:
                    continue
                if options.whole_words and not at_word_bounds(text, start, end):
                    continue
                yield Finding(name, start, end, {"match": m.group()})
