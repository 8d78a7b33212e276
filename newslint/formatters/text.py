"""`--format text`: `path:line:column: severity rule-name message`, then a one-line summary."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from ..article import Violation
from .report import Report

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


def line_for(v: Violation, color: bool = False) -> str:
    where = f"{v.path}:{v.line}:{v.column}:"
    inside = f" [{v.field}]" if v.field else ""
    severity, rule = v.severity, v.rule
    if color:
        where = f"{_BOLD}{where}{_RESET}"
        severity = f"{_COLORS.get(severity, '')}{severity}{_RESET}"
    return f"{where} {severity} {rule} {v.message}{inside}"


def summary(violations: Iterable[Violation], report: Report) -> str:
    counts: Counter[str] = Counter()
    paths: set[str] = set()
    for v in violations:
        counts[v.severity] += 1
        paths.add(v.path)
    articles = f"{report.articles} article{'s' if report.articles != 1 else ''}"
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    skipped = ""
    if report.skipped:
        pages = f"{report.skipped} page{'s' if report.skipped != 1 else ''}"
        skipped = f"; {pages} with no article not linted (`newslint show` says why)"
    if not paths:
        return f"No violations in {articles} ({files} checked{skipped})."
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "info") if counts[s]]
    n = counts.total()
    touched = len(paths)
    return (
        f"Found {n} violation{'s' if n != 1 else ''} ({', '.join(parts)}) in {touched} of {files}; "
        f"{articles} checked{skipped}."
    )


def write(violations: Iterable[Violation], report: Report, out: TextIO) -> None:
    """As `render`, written a finding at a time (a run's findings may be read back from disk)."""
    for v in violations:
        out.write(line_for(v, report.color) + "\n")
    if not report.quiet:
        out.write(summary(violations, report) + "\n")


def render(violations: list[Violation], report: Report) -> str:
    out = io.StringIO()
    write(violations, report, out)
    return out.getvalue()
