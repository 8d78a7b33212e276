"""Kind `duplicated-paragraph`: a long paragraph saved twice in one article.

A scraper that follows a "continue reading" link, or reads a paragraph from both the page and
its AMP copy, saves the same paragraph twice. Copies are compared as `duplicated-caption`
compares them (markup, entities, white space and case ignored). Only paragraphs of at least
`min-length` characters count: short lines (a "(END)", a section label) repeat by design.
Photo captions, recognised as `duplicated-caption` recognises them, are left to that rule, so
no copy is reported twice. A paragraph found more than `max-copies` times is the article's own
pattern (an interview's recurring question, a meal plan's repeated day), not a scraper that read
a paragraph twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from pydantic import Field as PydanticField

from ..article import Article, Finding
from ..text.paragraphs import repeats, where
from .duplicated_caption import CaptionOptions, removal

MESSAGE_ARGS = frozenset({"first"})


class Options(CaptionOptions):
    fields: list[str] = ["body"]
    min_length: int = PydanticField(default=80, ge=1)
    max_copies: int = PydanticField(default=2, ge=2)


def check(article: Article, options: Options) -> Iterator[Finding]:
    for name in options.fields:
        if name not in article.fields:
            continue
        with options.deadline.on(name, len(article.fields[name].text)):  # the caption patterns are a user's (regex-timeout)
            yield from _check_field(article, name, options)


def _check_field(article: Article, name: str, options: Options) -> Iterator[Finding]:
    # a teaser card's copy of a one-paragraph story is no copy, and does not count as one
    found = [rep for rep in repeats(article, name) if not options.no_copy(article, name, rep)]
    copies = Counter(rep.first.key for rep in found)
    for rep in found:
        if copies[rep.first.key] + 1 > options.max_copies:
            continue
        if len(rep.copy.key) < options.min_length:
            continue
        if options.caption_repeat(article, name, rep):
            continue
        yield removal(article, name, rep, {"first": where(article, name, rep.first)})
