"""Output formats. Each module in FORMATTERS has `render(violations, report) -> str`; `statistics`
counts findings and `articles` renders what `newslint show` prints. None of them checks."""

from __future__ import annotations

from types import ModuleType

from . import github, gitlab, html, json_format, jsonl, junit, sarif, text

FORMATTERS: dict[str, ModuleType] = {
    "text": text,
    "json": json_format,
    "jsonl": jsonl,
    "sarif": sarif,
    "github": github,
    "gitlab": gitlab,
    "junit": junit,
    "html": html,
}
