"""What a one-file run costs: the run pre-commit makes on every commit.

Times `newslint seeds/001_clean_wire.txt` as a user's shell runs it (a new process each time),
with the rule cache cold (an empty cache folder each run: the rule files are parsed and their
patterns compiled) and warm (the rules loaded from `.newslint_cache/rules/`), and prints the
median wall time and the median CPU time (user + sys) of each. Wall time is what a user waits;
CPU time is the figure to compare when other work shares the machine. Run:

    python benchmarks/startup.py              # 9 runs each
    python benchmarks/startup.py --runs 21
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "001_clean_wire.txt"
# As a user's install runs: with bytecode cached (see throughput.py).
RUN_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _children_cpu() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def _one_run(cache: Path) -> tuple[float, float]:
    env = {**RUN_ENV, "NEWSLINT_CACHE_DIR": str(cache)}
    cpu, wall = _children_cpu(), time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "newslint", str(SEED)], capture_output=True, env=env)
    wall, cpu = time.perf_counter() - wall, _children_cpu() - cpu
    if proc.returncode not in (0, 1):
        raise SystemExit(f"newslint failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return wall, cpu


def one_file_times(runs: int) -> dict[str, tuple[float, float]]:
    """{"cold": (median wall, median CPU), "warm": (...)} over `runs` runs each."""
    with tempfile.TemporaryDirectory() as tmp:
        cold = [_one_run(Path(tmp) / f"cold-{i}") for i in range(runs)]
        warm_cache = Path(tmp) / "warm"
        _one_run(warm_cache)  # fills the cache
        warm = [_one_run(warm_cache) for _ in range(runs)]
    return {
        name: (statistics.median(w for w, _ in rows), statistics.median(c for _, c in rows))
        for name, rows in (("cold", cold), ("warm", warm))
    }


def describe(times: dict[str, tuple[float, float]], runs: int) -> str:
    return (f"one-file run (newslint {SEED.parent.name}/{SEED.name}), median of {runs}: "
            f"cold rule cache {times['cold'][0]:.3f} s wall ({times['cold'][1]:.3f} s CPU), "
            f"warm {times['warm'][0]:.3f} s wall ({times['warm'][1]:.3f} s CPU)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    print(f"({os.cpu_count()} cores; python {sys.version.split()[0]})")
    print(describe(one_file_times(args.runs), args.runs))


if __name__ == "__main__":
    main()
