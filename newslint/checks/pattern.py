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
run of a's), so the patterns run under the regex module's timeout (`regex-timeout`, seconds
for one field of one article). Past it the check stops with RegexTimeout, which the engine
reports as one `check-error` for that rule and article; the run goes on.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import Field, PrivateAttr, model_validator

from ..article import Article, Finding
from .base import PROSE_FIELDS, CheckOptions, Regex, at_word_bounds, prose_fields

MESSAGE_ARGS = frozenset({"match"})
DEFAULT_REGEX_TIMEOUT = 1.0  # seconds: about 100 MB of prose for a plain pattern on this machine


class RegexTimeout(TimeoutError):
    """The rule's patterns ran past regex-timeout on one field (most likely nested repeats)."""


class Options(CheckOptions):
    phrases: list[str] = []
    patterns: list[Regex] = []
    ignore_case: bool = False
    whole_words: bool = True
    fields: list[str] = list(PROSE_FIELDS)
    regex_timeout: float = Field(
        DEFAULT_REGEX_TIMEOUT, gt=0,
        description="seconds the patterns may run over one field of one article; past it the rule "
        "gives one check-error for that article and the run goes on",
    )

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
        try:
            for m in pattern.finditer(text, timeout=options.regex_timeout):
                start, end = m.span()
                if start == end:
                    continue
                if options.whole_words and not at_word_bounds(text, start, end):
                    continue
                yield Finding(name, start, end, {"match": m.group()})
        except TimeoutError:
            raise RegexTimeout(
                f"its patterns ran past regex-timeout ({options.regex_timeout:g} s) on the {name} and were "
                "stopped; a nested repeat such as (a+)+ can take exponential time"
            ) from None
