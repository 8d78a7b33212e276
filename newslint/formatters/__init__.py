"""Output formats. Each module in FORMATTERS has `render(violations, report) -> str` (and those a
big run streams, `write(violations, report, out)`, a finding at a time); `statistics`
counts findings and `articles` renders what `newslint show` prints. None of them checks."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from types import ModuleType

# format name -> module; a module is imported when its format is asked for, so a run pays the
# start-up time of its own formatter only (sarif and junit import more of the standard library)
_MODULES = {
    "text": "text",
    "json": "json_format",
    "jsonl": "jsonl",
    "sarif": "sarif",
    "github": "github",
    "gitlab": "gitlab",
    "junit": "junit",
    "html": "html",
}


class _Formatters(Mapping[str, ModuleType]):
    def __getitem__(self, name: str) -> ModuleType:
        return importlib.import_module(f"{__name__}.{_MODULES[name]}")

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATTERS: Mapping[str, ModuleType] = _Formatters()
