"""`--format github`: GitHub Actions workflow commands, shown as annotations on the changed files.

Chosen by default when GITHUB_ACTIONS=true. GitHub shows only ten annotations of each kind per
step, so the plain text report follows the annotations: the job log always holds every finding.
Escaping follows the Actions toolkit: in the message %, CR and LF; in properties also : and ,.
"""

from __future__ import annotations

from ..article import Violation
from . import text
from .report import Report

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(v: Violation) -> str:
    props = [("file", v.path), ("line", str(v.line))]
    message = v.message
    if v.field is None:
        props += [("col", str(v.column)), ("endLine", str(v.end_line)), ("endColumn", str(v.end_column))]
    else:
        # A record's column counts inside one field's value, not along the file's line.
        message = f"{message} [{v.field}, characters {v.column}-{v.end_column}]"
    props.append(("title", f"newslint ({v.rule})"))
    head = ",".join(f"{k}={escape_property(val)}" for k, val in props)
    return f"::{COMMANDS.get(v.severity, 'error')} {head}::{escape_data(message)}"


def render(violations: list[Violation], report: Report) -> str:
    annotations = "".join(annotation(v) + "\n" for v in violations)
    return annotations + text.render(violations, report)
