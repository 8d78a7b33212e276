"""`--format jsonl`: one violation object a line, with the same keys as `--format json`,
for pipelines that stream findings (`jq -c`, log shippers, BigQuery loads)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import TextIO

from ..article import Violation
from .report import Report


def write(violations: Iterable[Violation], report: Report, out: TextIO) -> None:
    """As `render`, written a finding at a time (a run's findings may be read back from disk)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    for v in violations:
        out.write(encode(v.as_dict()) + "\n")


def render(violations: list[Violation], report: Report) -> str:
    out = io.StringIO()
    write(violations, report, out)
    return out.getvalue()
