"""A replacement written in the case shape of the text it replaces."""

from __future__ import annotations


def in_case_of(written: str, occurrence: str) -> str:
    """`written` in the occurrence's case shape: in capitals where the occurrence is (a
    dateline's `PUSAN,` becomes `BUSAN,`, not `Busan,`), capitalised like a sentence start
    where the occurrence is; otherwise as written."""
    if occurrence.isupper() and sum(1 for ch in occurrence if ch.isupper()) > 1:
        return written.upper()
    if occurrence[:1].isupper() and written[:1].islower():
        return written[:1].upper() + written[1:]
    return written
