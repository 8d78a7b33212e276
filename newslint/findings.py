"""The run's findings, sorted for output, held in flat memory however many there are.

Up to SPILL_AT findings are kept in memory and sorted there (the common case: a plain list comes
out). Beyond that, each SPILL_AT findings are sorted and written to a temporary file as plain
values (marshal), and the sorted output is a merge of those runs, read back as it is written
out: a million findings never sit in memory at once. The merge is stable (heapq.merge takes
equal keys from earlier runs first), so the order is the one a single stable sort gives.
"""

from __future__ import annotations

import heapq
import marshal
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from .article import Violation

SPILL_AT = 50_000


def violation_plain(v: Violation) -> tuple:
    return (v.path, v.line, v.column, v.end_line, v.end_column, v.rule, v.severity, v.message, v.record,
            v.field, v.snippet, v.replacement, v.unsafe, tuple(violation_plain(a) for a in v.also))


def violation_from_plain(t: tuple) -> Violation:
    return Violation(*t[:13], tuple(violation_from_plain(a) for a in t[13]))


class Findings:
    """Collects findings in the order they are made; `sorted()` gives them by Violation.sort_key."""

    def __init__(self) -> None:
        self._held: list[Violation] = []
        self._runs: list[tuple[Path, int]] = []  # (file, findings in it)
        self._folder: tempfile.TemporaryDirectory | None = None  # removed with this object

    def extend(self, violations: Iterable[Violation]) -> None:
        self._held.extend(violations)
        if len(self._held) >= SPILL_AT:
            self._spill()

    def _spill(self) -> None:
        self._held.sort(key=Violation.sort_key)
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="newslint-findings-")
        path = Path(self._folder.name) / f"{len(self._runs)}.run"
        with path.open("wb") as f:
            for v in self._held:
                marshal.dump(violation_plain(v), f)
        self._runs.append((path, len(self._held)))
        self._held = []

    def sorted(self) -> list[Violation] | SpilledFindings:
        if not self._runs:
            self._held.sort(key=Violation.sort_key)
            return self._held
        if self._held:
            self._spill()
        return SpilledFindings(self._runs, self._folder)


class SpilledFindings:
    """Sorted findings read back from their runs on disk, each time they are iterated."""

    def __init__(self, runs: list[tuple[Path, int]], folder: tempfile.TemporaryDirectory | None) -> None:
        self._runs = runs
        self._folder = folder  # kept alive as long as the findings are
        self._count = sum(n for _, n in runs)

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self) -> Iterator[Violation]:
        return heapq.merge(*(self._read(f, n) for f, n in self._runs), key=Violation.sort_key)

    @staticmethod
    def _read(path: Path, n: int) -> Iterator[Violation]:
        with path.open("rb") as f:
            for _ in range(n):
                yield violation_from_plain(marshal.load(f))
