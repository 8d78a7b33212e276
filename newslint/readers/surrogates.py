"""Lone surrogates: JSON's `\\ud800` and YAML's `"\\ud800"` escapes can spell half of a UTF-16
surrogate pair on its own. That is no character: Python keeps it in the string, and it cannot be
written as UTF-8, so one such escape in a record would stop the run at the first hash or output.
A reader replaces each by U+FFFD (one character for one: columns stay put) and reports it as an
input-error; the record is still checked. A pair that is whole (`\\ud83d\\ude00`) is one character
and is left alone.
"""

from __future__ import annotations

import re
from typing import Any

# Only text holding such an escape can hold a lone surrogate after decoding: look for it first.
_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE = re.compile("[\ud800-\udfff]")
MESSAGE = ("a \\u escape for half a surrogate pair (U+D800 to U+DFFF) is no character: "
           "replaced by U+FFFD, and the rest checked")


def may_hold_lone_surrogates(raw: str) -> bool:
    return _ESCAPE.search(raw) is not None


def without_lone_surrogates(text: str) -> str:
    return _LONE.sub("\ufffd", text)


def scrub_record(record: dict[Any, Any]) -> tuple[dict[Any, Any], bool]:
    """The record with a U+FFFD for each lone surrogate in its keys and in the values a reader
    takes text from (strings and lists of strings), and whether there was any."""
    found = False

    def clean(value: Any) -> Any:
        nonlocal found
        if isinstance(value, str) and _LONE.search(value):
            found = True
            return without_lone_surrogates(value)
        if isinstance(value, list):
            return [clean(v) if isinstance(v, str) else v for v in value]
        return value

    cleaned = {clean(k): clean(v) for k, v in record.items()}
    return cleaned, found
