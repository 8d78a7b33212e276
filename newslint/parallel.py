"""`--jobs N`: files (and parts of big JSONL, CSV and Parquet files) checked in N processes.

Each worker builds its engine once, from the rules the parent already loaded, and sends back
each unit's outcomes; the parent takes them in the order it sent the units (see runner.py), so
the run's output is the serial run's. At most a few units per worker are in flight: a huge input
is never all queued, and a slow file holds back only what follows it.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .config import Rule
from .engine import Engine
from .runner import BATCH_BYTES, Outcome, Unit, check_unit

IN_FLIGHT_PER_WORKER = 3

_engine: Engine | None = None


def _start_worker(rules: list[Rule], aliases: dict[str, list[str]]) -> None:
    global _engine
    _engine = Engine(rules, aliases, skip_ignored=False, noting=True)


def _check(units: list[Unit]) -> list[list[Outcome]]:
    assert _engine is not None
    return [list(check_unit(_engine, unit)) for unit in units]


def _context() -> multiprocessing.context.BaseContext:
    # fork: a worker starts with the parent's modules and rules already loaded (Linux);
    # elsewhere the rules are pickled to each worker once.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


Batch = list[tuple[int, Unit | None]]


def run_parallel(rules: list[Rule], aliases: dict[str, list[str]], work: Iterator[tuple[int, Unit | None]],
                 jobs: int) -> Iterator[tuple[int, Unit | None, list[Outcome] | None]]:
    """(input index, unit, its outcomes) in the order of `work`; a unit of None (standard input, a
    cached file) is passed on for the parent to handle, in its place."""
    queue: deque[tuple[Batch, Future | None]] = deque()
    limit = jobs * IN_FLIGHT_PER_WORKER
    try:
        pool = ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_start_worker, initargs=(rules, aliases))
        pool.submit(int).result()  # the workers start here, or fail to
    except (OSError, NotImplementedError, ImportError, BrokenProcessPool):
        # No processes to be had here (a sandbox without /dev/shm or fork): the parent checks
        # every unit itself, as with --jobs 1.
        for i, unit in work:
            yield i, unit, None
        return
    with pool:
        batch: Batch = []
        weight = 0
        in_flight = 0

        def send() -> None:
            nonlocal batch, weight, in_flight
            if batch:
                queue.append((batch, pool.submit(_check, [u for _, u in batch])))
                in_flight += 1
                batch, weight = [], 0

        def take() -> Iterator[tuple[int, Unit | None, list[Outcome] | None]]:
            nonlocal in_flight
            done, future = queue.popleft()
            if future is None:
                for i, unit in done:
                    yield i, unit, None
                return
            in_flight -= 1
            for (i, unit), outcomes in zip(done, future.result()):
                yield i, unit, outcomes

        for i, unit in work:
            if unit is None:
                send()
                queue.append(([(i, None)], None))
            else:
                batch.append((i, unit))
                weight += unit.weight
                if weight >= BATCH_BYTES or unit.part is not None:
                    send()
            while in_flight >= limit:
                yield from take()
        send()
        while queue:
            yield from take()
