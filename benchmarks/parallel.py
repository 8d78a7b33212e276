"""`--jobs 1` against `--jobs 2`: wall and CPU time on generated seed-like articles.

Two inputs: a folder of N `.txt` articles (benchmarks/throughput.py's generator) and the same
articles as one JSONL file (which `--jobs 2` cuts into parts). Each run is a fresh
`newslint --format json --no-cache` process; each configuration runs --repeat times, alternating,
and the median and best wall seconds are printed with the CPU seconds (user+sys of newslint and
its workers) and the speed-up of the median wall time. On a machine that other work loads, wall
times vary: read the CPU column for the cost, the wall column for what a user waits. Run:

    python benchmarks/parallel.py                    # 3000 articles, 5 runs each
    python benchmarks/parallel.py --articles 6000 --repeat 7
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import RUN_ENV, generate  # noqa: E402


def one_run(target: Path, jobs: int) -> tuple[float, float, bytes]:
    """(wall seconds, CPU seconds of newslint and its workers, output) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "newslint", "--format", "json", "--no-cache", "--jobs", str(jobs),
                           str(target)], capture_output=True, env=RUN_ENV)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"newslint failed ({proc.returncode}): {proc.stderr[-500:]!r}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.stdout


def to_jsonl(folder: Path, out: Path) -> None:
    with out.open("w", encoding="utf-8") as f:
        for path in sorted(folder.iterdir()):
            head, _, body = path.read_text(encoding="utf-8").partition("\n")
            title, _, date = head.partition("DATE: ")
            f.write(json.dumps({"title": title.strip(" \u00a0"), "date_publish": date.strip(),
                                "maintext": body.strip("\n"), "source_domain": "wire.example"},
                               ensure_ascii=False) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        size = generate(folder, args.articles)
        jsonl = Path(tmp) / "articles.jsonl"
        to_jsonl(folder, jsonl)
        print(f"{args.articles} articles ({size / 1e6:.1f} MB); {os.cpu_count()} cores; "
              f"load average {os.getloadavg()[0]:.1f}; {args.repeat} runs each, alternating")
        print(f"{'input':28} {'jobs':>4} {'wall median':>12} {'wall best':>10} {'CPU median':>11} {'speed-up':>9}")
        for label, target in ((f"{args.articles} .txt files", folder), ("one JSONL file", jsonl)):
            walls: dict[int, list[float]] = {1: [], 2: []}
            cpus: dict[int, list[float]] = {1: [], 2: []}
            outputs = set()
            for _ in range(args.repeat):
                for jobs in (1, 2):
                    wall, cpu, out = one_run(target, jobs)
                    walls[jobs].append(wall)
                    cpus[jobs].append(cpu)
                    outputs.add(out)
            assert len(outputs) == 1, "--jobs 2 printed something else than --jobs 1"
            base = statistics.median(walls[1])
            for jobs in (1, 2):
                med = statistics.median(walls[jobs])
                print(f"{label:28} {jobs:4d} {med:12.2f} {min(walls[jobs]):10.2f} "
                      f"{statistics.median(cpus[jobs]):11.2f} {base / med:9.2f}")
        print(f"(load average after: {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
