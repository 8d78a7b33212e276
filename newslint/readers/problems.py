"""Input that cannot be read is itself a finding: rule `input-error`, never a crash."""

from __future__ import annotations

from ..article import Violation

INPUT_ERROR = "input-error"


def input_error(path: str, line: int, column: int, message: str, record: int | None = None) -> Violation:
    return Violation(path, line, column, line, column + 1, INPUT_ERROR, "error", message, record=record)


def json_problem(exc: Exception) -> str:
    """json's own words for what is wrong, without its dangling "at" (the place is reported)."""
    msg = str(getattr(exc, "msg", exc))
    return msg.removesuffix(" at")


# Python's json parser recurses once per level of nesting and gives up at about a thousand.
TOO_DEEP_LIST = "JSON record nested too deeply to read (about a thousand levels or more)"
TOO_DEEP = TOO_DEEP_LIST + "; the other records are still checked"
