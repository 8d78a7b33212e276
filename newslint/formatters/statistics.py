"""`--statistics`: a count per rule instead of the findings, most frequent first, as Ruff's
`--statistics` prints them (a JSON array when the output format is json or jsonl)."""

from __future__ import annotations

import json
from collections import Counter

from ..article import Violation


def counts(violations: list[Violation]) -> list[dict]:
    by_rule = Counter(v.rule for v in violations)
    severity = {v.rule: v.severity for v in violations}
    fixable = {v.rule for v in violations if v.replacement is not None and not v.unsafe}
    order = sorted(by_rule, key=lambda r: (-by_rule[r], r))
    return [{"rule": r, "count": by_rule[r], "severity": severity[r], "fixable": r in fixable} for r in order]


def render_text(violations: list[Violation]) -> str:
    rows = counts(violations)
    if not rows:
        return ""
    width = len(str(rows[0]["count"]))
    name_width = max(len(r["rule"]) for r in rows)
    return "".join(
        f"{str(r['count']).rjust(width)}\t{r['rule'].ljust(name_width)}\t{'[*]' if r['fixable'] else '[ ]'} {r['severity']}\n"
        for r in rows
    )


def render_json(violations: list[Violation]) -> str:
    return json.dumps(counts(violations), ensure_ascii=False) + "\n"
