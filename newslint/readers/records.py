"""From one record (a JSON object or a CSV row) to an Article, shared by the record readers."""

from __future__ import annotations

from typing import Any

from ..article import Article, Field, SourceFile, Violation
from .fields import resolve_keys
from .problems import input_error

IGNORE_KEY = "newslint_ignore"


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, dict):
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return None


def article_from_record(
    source: SourceFile, line: int, record: dict[str, Any], aliases: dict[str, list[str]]
) -> Article:
    fields: dict[str, Field] = {}
    for role, key in resolve_keys([k for k in record if isinstance(k, str)], aliases).items():
        text = _as_text(record[key])
        if text is not None:
            fields[role] = Field(role, text, key=key)
    ignore = record.get(IGNORE_KEY)
    if isinstance(ignore, str):  # a CSV cell (or a string in JSON): "rule-a, rule-b"
        ignore = ignore.replace(",", " ").split()
    rules = frozenset(r.strip() for r in ignore if isinstance(r, str)) if isinstance(ignore, list) else frozenset()
    return Article(source, fields, record=line, ignore=rules)


def no_body_problem(source: SourceFile, line: int, record: dict[str, Any], aliases: dict[str, list[str]]) -> Violation | None:
    """An input-error when none of a record's keys is a body field, said once per file: without
    a `fields` mapping for the producer's own names, nothing of the article text is checked."""
    keys = [k for k in record if isinstance(k, str)]
    if "body" in resolve_keys(keys, aliases):
        return None
    texts = {k: v for k, v in record.items() if isinstance(k, str) and isinstance(v, str)}
    longest = max(texts, key=lambda k: len(texts[k]), default=None)
    hint = f"; if it is '{longest}', add to the config: fields: {{body: {longest}}}" if longest else ""
    shown = ", ".join(keys[:12]) + (", ..." if len(keys) > 12 else "")
    return input_error(
        source.path, line, 1,
        f"no article text: none of this file's keys ({shown}) is a known body field, so the text is not checked{hint}",
        record=line,
    )
