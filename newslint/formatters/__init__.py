"""Output formats. Each module has `render(violations, report) -> str`; none of them checks."""

from __future__ import annotations

from types import ModuleType

from . import json_format, text

FORMATTERS: dict[str, ModuleType] = {
    "text": text,
    "json": json_format,
}
