"""Rule cases from tests/cases/<rule>.yaml, in the spirit of sqlfluff's YAML rule tests.

Each file:
    rule: empty-html-tag
    cases:
      - name: what this case shows
        file: article.txt            # optional: the file name, which picks the reader
        options: {key: value}        # optional: rule options for this case
        text: |                       # the whole file as a scraper saved it
          ...
        expect:                       # [] means the rule must stay silent
          - {line: 3, column: 82, message: "exact message"}   # message optional; field/record too
        fixed: |                      # optional: the whole file after --fix with this rule
          ...
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from lint_helpers import fix_text, lint_text, rule_with

CASES_DIR = Path(__file__).parent / "cases"


def _load_cases():
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{path.stem}:{case['name']}")


@pytest.mark.parametrize(("rule_name", "case"), list(_load_cases()))
def test_rule_case(rule_name: str, case: dict) -> None:
    rule = rule_with(rule_name, case.get("options"))
    got = [v for v in lint_text(case["text"], case.get("file", "article.txt"), [rule]) if v.rule == rule_name]
    want = case.get("expect") or []
    assert len(got) == len(want), f"expected {len(want)} finding(s), got: {[(v.line, v.column, v.message) for v in got]}"
    for v, w in zip(got, want):
        assert (v.line, v.column) == (w["line"], w["column"]), v
        for key in ("message", "field", "record", "end_line", "end_column", "severity"):
            if key in w:
                assert getattr(v, key) == w[key], (key, v)
    for v in lint_text(case["text"], case.get("file", "article.txt"), [rule]):
        assert v.rule != "check-error", v.message
    if "fixed" in case:
        after, _ = fix_text(case["text"], case.get("file", "article.txt"), [rule])
        assert after == case["fixed"]
