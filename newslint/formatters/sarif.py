"""`--format sarif`: SARIF 2.1.0, the format GitHub code scanning and most CI dashboards read.

Paths are relative to the current folder (`uriBaseId` %SRCROOT%), so the report means the same
on every machine; columns count Unicode code points, as newslint's do (`columnKind`). A finding
inside a JSON/JSONL/CSV record has only its record's line: its column is an offset inside a
field's value, not a column of the file, so it goes in the message and `properties` instead.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..article import Violation
from ..builtin_rules import BUILTIN_RULES
from ..path_quoting import path_bytes
from .fingerprint import fingerprints
from .report import Report

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"


def _first_sentence(text: str) -> str:
    first = text.strip().split("\n\n")[0].replace("\n", " ")
    end = first.find(". ")
    return first[: end + 1] if end != -1 else first


def _descriptor(name: str, report: Report) -> dict:
    rule = report.rule(name)
    if rule is not None:
        severity, description = rule.severity, rule.description.strip()
        props = {"check": rule.check}
    else:
        severity, description = BUILTIN_RULES.get(name, ("error", name))
        props = {"check": "built-in"}
    description = description or name
    return {
        "id": name,
        "shortDescription": {"text": _first_sentence(description)},
        "fullDescription": {"text": description},
        "help": {"text": f"{description}\n\nRun `newslint rule {name}` for its options and examples."},
        "defaultConfiguration": {"level": LEVELS.get(severity, "error")},
        "properties": props,
    }


def _artifact(path: str) -> dict:
    if path.startswith('"'):  # a name that is not UTF-8, quoted (path_quoting): its own bytes, %-encoded
        raw = path_bytes(path)
        if raw.startswith(b"/"):
            return {"uri": "file://" + quote(raw)}
        return {"uri": quote(raw), "uriBaseId": SRCROOT}
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path.replace(os.sep, "/")), "uriBaseId": SRCROOT}


def _result(v: Violation, index: int, fingerprint: str) -> dict:
    if v.field is None:
        # endColumn is exclusive in SARIF as in newslint: the column after the last character.
        end_line = max(v.end_line, v.line)
        end_column = v.end_column if end_line > v.line else max(v.end_column, v.column)
        region = {"startLine": v.line, "startColumn": v.column, "endLine": end_line, "endColumn": end_column}
        message = v.message
    else:
        region = {"startLine": v.line}
        message = f"{v.message} (field {v.field}, characters {v.column}-{v.end_column})"
    result = {
        "ruleId": v.rule,
        "ruleIndex": index,
        "level": LEVELS.get(v.severity, "error"),
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(v.path), "region": region}}],
        "partialFingerprints": {"newslint/v1": fingerprint},
    }
    if v.field is not None:
        result["properties"] = {"record": v.record, "field": v.field,
                                "fieldColumn": v.column, "fieldEndColumn": v.end_column}
    return result


def render(violations: list[Violation], report: Report) -> str:
    names = sorted({r.name for r in report.rules} | {v.rule for v in violations})
    index = {name: i for i, name in enumerate(names)}
    results = [_result(v, index[v.rule], fp) for v, fp in zip(violations, fingerprints(violations))]
    run = {
        "tool": {"driver": {
            "name": "newslint",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [_descriptor(n, report) for n in names],
        }},
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
