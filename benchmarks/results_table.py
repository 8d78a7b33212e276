"""The README's results table: newslint on 1 and 2 cores and on Ray (local), beside the floor
and textlint, on the same generated articles.

Generates N seed-like articles (benchmarks/throughput.py's generator) as .txt files, the same
articles as news-please JSONL records in four files (benchmarks/ray_local.py's writer: Ray reads
JSONL and Parquet, not the seed format) and as one CSV file (a big file that --jobs cuts at
record ends), then runs each of these in its own process:

  floor                  read every .txt file and run five regexes over it (throughput.py's floor)
  newslint --jobs 1      the real command line, every default rule, `--format json --no-cache`
  newslint --jobs 2      the same on two worker processes (on each input)
  newslint --engine ray  the same on Ray Data started on this machine (only where Ray is installed)
  textlint               textlint 15 with two English rules (terminology, write-good) over the
                         same .txt files, from benchmarks/textlint (`npm ci` there when its
                         node_modules is missing; skipped, with the reason, where npm is absent)

`--no-cache` turns off newslint's result cache (every file is checked, every run) and its rule
cache too (each run parses and compiles the rules: about 0.25 s of CPU). For each run it prints
articles/s and MB/s (of wall time), wall and CPU seconds (user + sys of the command and every
process it waited for; for Ray, whose daemons are not all waited for, the /proc
samples where they add up to more), the peak RSS of its largest process (ru_maxrss, as GNU
time reports it when /usr/bin/time is there) and the peak of its processes' summed RSS (sampled
from /proc every 0.05 s: a short peak may fall between two samples). Each run is made --repeat
times and the one with the least wall time is shown (the least disturbed by other work). It
checks that every newslint run of one input prints the same findings. Linux only. Run:

    python benchmarks/results_table.py                    # 3000 articles, best of 2
    python benchmarks/results_table.py --articles 1000 --repeat 1
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from ray_local import TreeWatch  # noqa: E402  (the /proc sampler of the Ray benchmark)
from ray_local import generate as generate_jsonl  # noqa: E402  (the same articles as JSONL records)
from throughput import RUN_ENV, newslint_cmd  # noqa: E402
from throughput import generate as generate_txt  # noqa: E402  (the seed-like articles)

TEXTLINT = HERE / "textlint"
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None
FLOOR = f"import sys; sys.path.insert(0, {str(HERE)!r}); from pathlib import Path; from throughput import floor_pass; " \
        "floor_pass(Path(sys.argv[1]))"


@dataclass
class Measure:
    wall: float
    cpu: float
    rss_one: float  # MB, the largest process
    rss_sum: float  # MB, all processes together (sampled)
    status: int
    out: bytes


def measure(cmd: list[str], cwd: Path) -> Measure:
    """One run of `cmd`, its output kept in a file (a pipe could fill while it is waited for).

    Under GNU time when there is one: the peak RSS that wait4 reports for a process started
    from this script would count this script's own memory (a forked child's size before its
    exec), and time is a small C program."""
    with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile("r") as said:
        full = [GNU_TIME, "-f", "%M %U %S", "-o", said.name, *cmd] if GNU_TIME else cmd
        start = time.perf_counter()
        proc = subprocess.Popen(full, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL, env=RUN_ENV)
        watch = TreeWatch(proc.pid, 0.05)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        watch.stop()
        out.seek(0)
        if GNU_TIME:  # (after "Command exited with non-zero status N" when it did)
            kb, user, system = said.read().split("\n")[-2].split()
            rss_one, cpu = int(kb) / 1024, float(user) + float(system)
        else:
            rss_one, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
        return Measure(wall, max(cpu, sum(watch.cpu.values())), rss_one, watch.peak / 2**20, os.waitstatus_to_exitcode(status),
                       out.read())


def best(cmd: list[str], cwd: Path, repeat: int, ok: tuple[int, ...]) -> Measure:
    runs = []
    for _ in range(repeat):
        m = measure(cmd, cwd)
        if m.status not in ok:
            raise SystemExit(f"{' '.join(cmd[:4])} ... failed with exit status {m.status}")
        runs.append(m)
    return min(runs, key=lambda m: m.wall)


def write_csv(jsonl: Path, path: Path) -> int:
    """The JSONL records again as one CSV file (each body a quoted field over several lines)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = None
        for part in sorted(jsonl.iterdir()):
            for line in part.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                if writer is None:
                    writer = csv.DictWriter(f, fieldnames=list(record))
                    writer.writeheader()
                writer.writerow(record)
    return path.stat().st_size


def textlint_ready() -> str | None:
    """Why textlint cannot run here, or None when it can (installed from the lock file if need be)."""
    if shutil.which("npm") is None or shutil.which("npx") is None:
        return "npm is not installed"
    if not (TEXTLINT / "node_modules" / ".bin" / "textlint").exists():
        done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TEXTLINT, capture_output=True, text=True)
        if done.returncode != 0:
            return f"npm ci failed in {TEXTLINT}: {done.stderr.strip()[-300:]}"
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=2, help="runs of each command (the least wall time is shown)")
    args = ap.parse_args()
    have_ray = importlib.util.find_spec("ray") is not None  # (not imported: this process stays small)
    why_no_textlint = textlint_ready()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "txt").mkdir()
        (root / "jsonl").mkdir()
        txt_bytes = generate_txt(root / "txt", args.articles)
        jsonl_bytes = generate_jsonl(root / "jsonl", args.articles, per_file=-(-args.articles // 4))
        csv_bytes = write_csv(root / "jsonl", root / "news.csv")
        newslint = [*newslint_cmd(), "--format", "json", "--no-cache"]
        rows: list[tuple[str, str, list[str], tuple[int, ...], Path]] = [
            ("floor: read + 5 regexes", "txt", [sys.executable, "-c", FLOOR, "txt"], (0,), root),
            ("newslint --jobs 1", "txt", [*newslint, "--jobs", "1", "txt"], (0, 1), root),
            ("newslint --jobs 2", "txt", [*newslint, "--jobs", "2", "txt"], (0, 1), root),
            ("newslint --jobs 1", "jsonl", [*newslint, "--jobs", "1", "jsonl"], (0, 1), root),
            ("newslint --jobs 2", "jsonl", [*newslint, "--jobs", "2", "jsonl"], (0, 1), root),
            ("newslint --jobs 1", "csv", [*newslint, "--jobs", "1", "news.csv"], (0, 1), root),
            ("newslint --jobs 2", "csv", [*newslint, "--jobs", "2", "news.csv"], (0, 1), root),
        ]
        if have_ray:
            rows.append(("newslint --engine ray (local)", "jsonl", [*newslint, "--engine", "ray", "jsonl"], (0, 1), root))
        if why_no_textlint is None:
            rows.append(("textlint (terminology, write-good)", "txt",
                         ["npx", "--no-install", "textlint", "--format", "json", str(root / "txt")], (0, 1), TEXTLINT))
        cores = len(os.sched_getaffinity(0))
        print(f"{args.articles} generated seed-like articles: {args.articles} .txt files ({txt_bytes / 1e6:.2f} MB) and "
              f"4 JSONL files ({jsonl_bytes / 1e6:.2f} MB) and one CSV file ({csv_bytes / 1e6:.2f} MB); {cores} cores, load average {os.getloadavg()[0]:.1f}; "
              f"python {sys.version.split()[0]}; {dt.date.today().isoformat()}; least wall time of {args.repeat}")
        print()
        print("| run | input | articles/s | MB/s | wall s | CPU s | peak RSS MB, largest process | peak RSS MB, all processes |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        outputs: dict[str, set[bytes]] = {"txt": set(), "jsonl": set(), "csv": set()}
        sizes = {"txt": txt_bytes, "jsonl": jsonl_bytes, "csv": csv_bytes}
        shown = {"txt": ".txt files", "jsonl": "4 JSONL files", "csv": "one CSV file"}
        for name, kind, cmd, ok, cwd in rows:
            m = best(cmd, cwd, args.repeat, ok)
            if name.startswith("newslint"):
                outputs[kind].add(m.out)
            print(f"| {name} | {shown[kind]} | {args.articles / m.wall:.0f} | {sizes[kind] / 1e6 / m.wall:.2f} | {m.wall:.2f} | "
                  f"{m.cpu:.2f} | {m.rss_one:.0f} | {m.rss_sum:.0f} |")
        print()
        same = all(len(found) == 1 for found in outputs.values())
        counts = ", ".join(f"{kind}: {len(json.loads(next(iter(found))))}" for kind, found in outputs.items() if found)
        print(f"every newslint run of an input printed the same findings: {'yes' if same else 'NO'} ({counts})")
        if not have_ray:
            print("newslint --engine ray: skipped (Ray is not installed: pip install 'newslint[ray]')")
        if why_no_textlint is not None:
            print(f"textlint: skipped ({why_no_textlint})")


if __name__ == "__main__":
    main()
