"""`--format json`: one JSON array of violation objects (keys kept stable: scripts read them)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import TextIO

from ..article import Violation
from .report import Report


def write(violations: Iterable[Violation], report: Report, out: TextIO) -> None:
    """As `render`, written a finding at a time (a run's findings may be read back from disk)."""
    # The C encoder is used when no indent is asked for; one object a line keeps diffs readable.
    encode = json.JSONEncoder(ensure_ascii=False).encode
    opening = "[\n"
    for v in violations:
        out.write(opening + encode(v.as_dict()))
        opening = ",\n"
    out.write("[]\n" if opening == "[\n" else "\n]\n")


def render(violations: list[Violation], report: Report) -> str:
    out = io.StringIO()
    write(violations, report, out)
    return out.getvalue()
