"""Output formats. Each module in FORMATTERS has `render(violations, report) -> str` (and those a
big run streams, `write(violations, report, out)`, a finding at a time); `statistics`
counts findings and `articles` renders what `newslint show` prints. None of them checks."""

from __future__ import annotations

from types import ModuleType

from . import github, gitlab, json_format, jsonl, junit, sarif, text

FORMATTERS: dict[str, ModuleType] = {
    "text": text,
    "json": json_format,
    "jsonl": jsonl,
    "sarif": sarif,
    "github": github,
    "gitlab": gitlab,
    "junit": junit,
}
