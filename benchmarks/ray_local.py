"""Ray on one machine against the local engine: articles/s, CPU and peak memory.

Generates N seed-like articles (benchmarks/throughput.py's generator) as news-please JSONL
records in files of 1,000, from five sites, then runs the real command line on them twice:

  local  `newslint --format json DIR`
  ray    `newslint --engine ray --format json DIR` (Ray started on this machine, all its cores)

Each run is one process tree (Ray's own daemons and workers are children of the newslint
process), sampled every 0.1 s from /proc: the figures are its wall time, the CPU time of the
whole tree (user + sys, as last seen for each process) and the peak of the tree's summed RSS.
It checks that both print the same findings. Linux only. Run:

    python benchmarks/ray_local.py                  # 10,000 articles
    python benchmarks/ray_local.py --articles 2000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import article  # noqa: E402  (the same seed-like articles)

TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def generate(folder: Path, n: int, per_file: int = 1000, seed: int = 7) -> int:
    rng = random.Random(seed)
    total = 0
    for start in range(0, n, per_file):
        lines = []
        for i in range(start, min(n, start + per_file)):
            head, _, body = article(rng, i).partition("\n")
            title, _, date = head.partition("DATE: ")
            site = f"news{i % 5}.example"
            lines.append(json.dumps({"title": title.strip(" \u00a0"), "date_publish": date, "maintext": body.strip("\n"),
                                     "url": f"https://{site}/{i}", "source_domain": site}, ensure_ascii=False))
        data = ("\n".join(lines) + "\n").encode("utf-8")
        (folder / f"part-{start // per_file:04d}.jsonl").write_bytes(data)
        total += len(data)
    return total


def _tree(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(parents.get(pid, ()))
    return out


def _sample(pid: int) -> tuple[int, float]:
    """(RSS bytes, CPU seconds) of one process, or (0, -1) when it is gone."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            rss = int(f.read().split()[1]) * PAGE
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return rss, (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError, ValueError):
        return 0, -1.0


class TreeWatch:
    """Samples a process tree from /proc until stopped: the peak of its summed RSS (bytes) and
    the last CPU seconds seen of each of its processes (pid -> seconds)."""

    def __init__(self, root: int, interval: float) -> None:
        self.peak = 0
        self.cpu: dict[int, float] = {}
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(root, interval), daemon=True)
        self._thread.start()

    def _run(self, root: int, interval: float) -> None:
        while not self._done.is_set():
            total = 0
            for pid in _tree(root):
                rss, seconds = _sample(pid)
                total += rss
                if seconds >= 0:
                    self.cpu[pid] = seconds
            self.peak = max(self.peak, total)
            time.sleep(interval)

    def stop(self) -> None:
        self._done.set()
        self._thread.join()


def measure(cmd: list[str], cwd: Path) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds of the tree, peak summed RSS (MB) and standard output."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    watch = TreeWatch(proc.pid, 0.1)
    out, _ = proc.communicate()
    watch.stop()
    return time.perf_counter() - start, sum(watch.cpu.values()), watch.peak / 2**20, out.decode("utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "news"
        folder.mkdir()
        size = generate(folder, args.articles)
        base = [sys.executable, "-m", "newslint", "news", "--format", "json"]
        runs = [("local engine", base), ("ray, local (all cores)", [*base, "--engine", "ray"])]
        print(f"{args.articles} generated articles in {len(list(folder.iterdir()))} JSONL files, {size / 1e6:.2f} MB "
              f"({os.cpu_count()} cores; python {sys.version.split()[0]})")
        print(f"{'run':<26}{'wall s':>8}{'CPU s':>8}{'articles/s':>12}{'MB/s':>8}{'peak RSS MB':>13}")
        outputs = []
        for name, cmd in runs:
            wall, cpu, rss, out = measure(cmd, Path(tmp))
            outputs.append(out)
            print(f"{name:<26}{wall:>8.1f}{cpu:>8.1f}{args.articles / wall:>12.0f}{size / 1e6 / wall:>8.2f}{rss:>13.0f}")
        same = outputs[0] == outputs[1]
        print(f"same findings from both: {'yes' if same else 'NO'} ({len(json.loads(outputs[0]))} violations)")


if __name__ == "__main__":
    main()
