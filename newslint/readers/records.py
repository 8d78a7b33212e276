"""From one record (a JSON object or a CSV row) to an Article, shared by the record readers."""

from __future__ import annotations

from typing import Any

from ..article import Article, Field, SourceFile
from .fields import resolve_keys

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
