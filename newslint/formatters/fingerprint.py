"""Fingerprints that name a finding across runs, for CI systems that track findings over time
(GitHub code scanning reads SARIF `partialFingerprints`, GitLab Code Quality a `fingerprint`).

A fingerprint hashes what was flagged (path, rule, field and the flagged text), never the line,
so an edit above a finding does not make it look new. Two identical findings in one file (the
same promo block pasted twice) are told apart by their order of appearance.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from ..article import Violation


def fingerprints(violations: Iterable[Violation]) -> list[str]:
    """One hex fingerprint per violation, in the order given; unique within the list."""
    seen: Counter[tuple[str, str, str, str]] = Counter()
    out = []
    for v in violations:
        # Findings without flagged text (an unreadable file) are named by their message.
        what = (v.path, v.rule, v.field or "", v.snippet or v.message)
        nth = seen[what]
        seen[what] += 1
        digest = hashlib.sha256("\0".join((*what, str(nth))).encode("utf-8", "surrogatepass"))
        out.append(digest.hexdigest()[:32])
    return out
