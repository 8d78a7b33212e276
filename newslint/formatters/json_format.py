"""`--format json`: one JSON array of violation objects (keys kept stable: scripts read them)."""

from __future__ import annotations

import json

from ..article import Violation
from .report import Report


def render(violations: list[Violation], report: Report) -> str:
    # The C encoder is used when no indent is asked for; one object a line keeps diffs readable.
    if not violations:
        return "[]\n"
    encode = json.JSONEncoder(ensure_ascii=False).encode
    return "[\n" + ",\n".join(encode(v.as_dict()) for v in violations) + "\n]\n"
