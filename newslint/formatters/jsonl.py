"""`--format jsonl`: one violation object a line, with the same keys as `--format json`,
for pipelines that stream findings (`jq -c`, log shippers, BigQuery loads)."""

from __future__ import annotations

import json

from ..article import Violation
from .report import Report


def render(violations: list[Violation], report: Report) -> str:
    encode = json.JSONEncoder(ensure_ascii=False).encode
    return "".join(encode(v.as_dict()) + "\n" for v in violations)
