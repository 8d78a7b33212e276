"""`--format gitlab`: GitLab Code Quality (a subset of Code Climate's JSON), shown in merge
requests. Each finding needs a fingerprint unique in the report and stable across runs, so
GitLab can tell new findings from old ones (see fingerprint.py)."""

from __future__ import annotations

import json

from ..article import Violation
from .fingerprint import fingerprints
from .report import Report

# Code Quality knows info, minor, major, critical, blocker. A file that cannot be read at all
# hides every other finding in it, so it ranks above a defect in readable text.
SEVERITIES = {"info": "info", "warning": "minor", "error": "major"}
UNREADABLE = {"input-error": "critical", "check-error": "critical"}


def _issue(v: Violation, fingerprint: str) -> dict:
    description = v.message if v.field is None else f"{v.message} [{v.field}]"
    return {
        "type": "issue",
        "description": description,
        "check_name": v.rule,
        "fingerprint": fingerprint,
        "severity": UNREADABLE.get(v.rule, SEVERITIES.get(v.severity, "major")),
        "location": {"path": v.path, "lines": {"begin": v.line, "end": max(v.end_line, v.line)}},
    }


def render(violations: list[Violation], report: Report) -> str:
    issues = [_issue(v, fp) for v, fp in zip(violations, fingerprints(violations))]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
