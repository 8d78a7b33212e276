"""Literal text a regular expression cannot match without: a cheap prefilter for many patterns.

A case-insensitive alternation of dozens of phrases scans text at a few MB/s, because almost any
letter may start a match. A case-sensitive scan of lower-cased text for a few required words
("newsletter", "inbox", "cookie") is an order of magnitude faster, and the full pattern then
runs only on the lines where one was found.
"""

from __future__ import annotations

try:
    import re._parser as sre_parse  # Python 3.11+
    from re._constants import BRANCH, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN
except ImportError:  # Python 3.10
    import sre_parse  # type: ignore[no-redef]
    from sre_constants import BRANCH, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN  # type: ignore[no-redef]

MIN_LITERAL = 3


def _weight(literal: str) -> int:
    """Length as a filter's strength: a CJK character or syllable block is as rare as two Latin
    letters ("订阅", "구독" are good filters; "our" is the shortest Latin one)."""
    return sum(2 if ord(c) >= 0x2E80 else 1 for c in literal)


def _best(items) -> frozenset[str] | None:
    """The strongest set of literals one of which every match of `items` contains."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        # spaces at a literal's ends start a scan at every space: keep the words only
        if run:
            candidates.append(frozenset({"".join(run).strip()}))
            run.clear()

    for op, av in items:
        if op is LITERAL:
            run.append(chr(av).lower())
            continue
        close_run()
        found = None
        if op is SUBPATTERN:
            found = _best(av[-1])
        elif op is BRANCH:
            branches = [_best(b) for b in av[1]]
            if all(b is not None for b in branches):
                found = frozenset().union(*branches)
        elif op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:
            found = _best(av[2])
        if found is not None:
            candidates.append(found)
    close_run()
    good = [c for c in candidates if c and min(map(_weight, c)) >= MIN_LITERAL]
    if not good:
        return None
    # the longest shortest member filters best; fewer members break ties
    return max(good, key=lambda c: (min(map(_weight, c)), -len(c)))


def required_literals(patterns: list[str]) -> frozenset[str] | None:
    """Lower-case strings one of which any match of any pattern contains, or None when some
    pattern has no such literal (then the caller must scan with the full pattern)."""
    out: set[str] = set()
    for pattern in patterns:
        try:
            parsed = sre_parse.parse(pattern)
        except Exception:  # noqa: BLE001  (a pattern only the `regex` module understands)
            return None
        best = _best(list(parsed))
        if best is None:
            return None
        out |= best
    return frozenset(out)
