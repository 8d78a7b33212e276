"""What every check kind shares: the options base model and small text helpers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

import regex
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ..article import Article
from ..text.bounded_regex import REGEX_TIMEOUT_HELP


def kebab(name: str) -> str:
    return name.replace("_", "-")


class CheckOptions(BaseModel):
    """Options of a check kind, read once from a rule file: frozen, unknown keys refused.

    Keys are written in kebab-case in YAML (`min-length`); compiled patterns and other
    derived state go in private attributes set in `model_post_init`, so they are built once
    per run, never per article.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", alias_generator=kebab, populate_by_name=True, defer_build=True)

    def bundled_examples(self) -> list[tuple[str, list[str], list[str]]]:
        """Examples that come with files the options load (a phrase list's own), as
        (file, flagged, clean): `newslint rules --check` runs them with the rule's own."""
        return []


def private(options: BaseModel, name: str) -> Any:
    """A private attribute (`options._name`) read straight from pydantic's store: the plain
    attribute read goes through BaseModel.__getattr__, in Python, about 2 us each, and the checks
    read their compiled state several times an article."""
    return options.__pydantic_private__[name]


def _valid_regex(pattern: str) -> str:
    try:
        regex.compile(pattern)
    except regex.error as exc:
        raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
    return pattern


# A regular expression in a rule option: checked when the rule file is read, so a mistake is
# reported at its own line rather than when the first article is checked.
Regex = Annotated[str, AfterValidator(_valid_regex)]

# `regex-timeout`, the option of every kind whose rule files hold regular expressions run on
# article text (see text/bounded_regex.py); its default is DEFAULT_REGEX_TIMEOUT.
RegexTimeoutSeconds = Annotated[float, Field(gt=0, description=REGEX_TIMEOUT_HELP)]

PROSE_FIELDS = ("title", "description", "body")


def prose_fields(article: Article, names: tuple[str, ...] | list[str] = PROSE_FIELDS) -> Iterator[tuple[str, str]]:
    """(field name, text) of the article's prose fields that exist, in the given order."""
    for name in names:
        f = article.fields.get(name)
        if f is not None and f.text and not f.markup:
            yield name, f.text


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def at_word_bounds(text: str, start: int, end: int) -> bool:
    """True when [start, end) is not glued to a letter or digit on either side.

    Checked after a match rather than with \\b in the pattern: a pattern that opens with \\b
    defeats the regex engine's fast scan for its first literal.
    """
    before = start == 0 or not is_word_char(text[start - 1]) or not is_word_char(text[start])
    after = end >= len(text) or not is_word_char(text[end]) or not is_word_char(text[end - 1])
    return before and after
