"""`--format junit`: JUnit XML, which Jenkins, GitLab, Azure and most CI test views read.

One <testsuite> a file checked; one failing <testcase> a finding (named by rule and place,
as ESLint's and Ruff's JUnit reports do); a clean file gets one passing <testcase>, so the
CI view shows what was checked, not only what failed. Scraped text can hold control
characters XML 1.0 forbids; they are replaced so the report always parses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from ..article import Violation
from . import text
from .report import Report

# Characters XML 1.0 does not allow anywhere, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def _where(v: Violation) -> str:
    if v.field is not None:
        return f"record line {v.line}, field {v.field}, characters {v.column}-{v.end_column}"
    return f"line {v.line}, column {v.column}"


def _testcase(suite: ET.Element, v: Violation) -> None:
    case = ET.SubElement(suite, "testcase", name=_clean(f"{v.rule} at {_where(v)}"),
                         classname=_clean(v.path), file=_clean(v.path), line=str(v.line), time="0")
    failure = ET.SubElement(case, "failure", message=_clean(v.message), type=v.severity)
    failure.text = _clean(text.line_for(v))


def render(violations: list[Violation], report: Report) -> str:
    by_path: dict[str, list[Violation]] = defaultdict(list)
    for v in violations:
        by_path[v.path].append(v)
    paths = list(dict.fromkeys([*report.paths, *by_path]))
    root = ET.Element("testsuites", name="newslint", tests="0", failures=str(len(violations)), errors="0", time="0")
    total = 0
    for path in sorted(paths):
        found = by_path.get(path, [])
        suite = ET.SubElement(root, "testsuite", name=_clean(path), tests=str(max(len(found), 1)),
                              failures=str(len(found)), errors="0", skipped="0", time="0")
        if found:
            for v in found:
                _testcase(suite, v)
        else:
            ET.SubElement(suite, "testcase", name="no violations", classname=_clean(path), file=_clean(path), time="0")
        total += max(len(found), 1)
    root.set("tests", str(total))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
