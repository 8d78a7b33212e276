"""Peak memory of `newslint` on one big JSONL file of 10k, 100k and 1M seed-like articles.

Each file is generated, streaming, into a temporary folder (gzipped with --gzip): the articles of
benchmarks/throughput.py (headline, date, caption, body paragraphs, with the defects the rules
look for planted in some), as news-please records (title, date_publish, maintext, url,
source_domain) from a few sources, each closing some stories with its own sign-off line, so the
cross-article pass has site boilerplate to find. Then `newslint --format json --no-cache FILE`
runs in a child process and this prints its peak RSS (getrusage ru_maxrss of the children:
the largest single process, so with --jobs 2 the bigger of the parent and its workers), CPU
seconds and wall seconds, articles/s (by CPU and by wall) and the number of findings. Run:

    python benchmarks/memory.py                      # 10k and 100k articles, --jobs 1
    python benchmarks/memory.py --sizes 10000,100000,1000000 --jobs 1,2 --gzip
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import RUN_ENV, article  # noqa: E402

SOURCES = {
    "koreaherald.example": "Follow The Korea Herald on Telegram and X for breaking news alerts every day.",
    "yna.example": "Get the latest headlines from Yonhap delivered to your inbox every morning for free.",
    "kcna.example": None,
    "newswire.example": "This story was distributed by Newswire Partners; republishing requires written permission.",
}


def record(rng: random.Random, i: int) -> dict:
    text = article(rng, i)
    head, _, body = text.partition("\n")
    title, _, date = head.partition("DATE: ")
    source = list(SOURCES)[i % len(SOURCES)]
    paragraphs = [p for p in body.split("\n") if p.strip()]
    signoff = SOURCES[source]
    if signoff and i % 3:
        paragraphs.append(signoff)
    return {"title": title.strip(" \u00a0"), "date_publish": date.strip(), "maintext": "\n".join(paragraphs),
            "url": f"https://{source}/news/{i}", "source_domain": source}


def generate(path: Path, n: int) -> int:
    rng = random.Random(7)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps(record(rng, i), ensure_ascii=False) + "\n")
    return path.stat().st_size


def measure(path: Path, jobs: int) -> tuple[float, float, float, int]:
    """(peak RSS in MB, CPU seconds, wall seconds, findings) of one run in a fresh child."""
    script = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
        "wall = time.perf_counter() - t\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "n = p.stdout.count(b'\\n{') + p.stdout.startswith(b'[\\n{')\n"
        "print(json.dumps([u.ru_maxrss / 1024, u.ru_utime + u.ru_stime, wall, n, p.returncode,"
        " p.stderr[-2000:].decode('utf-8', 'replace')]))\n"
    )
    cmd = [sys.executable, "-c", script, sys.executable, "-m", "newslint", "--format", "json", "--no-cache",
           "--jobs", str(jobs), str(path)]
    out = subprocess.run(cmd, capture_output=True, text=True, env=RUN_ENV, check=True).stdout
    rss, cpu, wall, findings, code, err = json.loads(out)
    if code not in (0, 1) or "Traceback" in err:
        raise SystemExit(f"newslint failed with status {code}: {err}")
    return rss, cpu, wall, findings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000", help="article counts, comma-separated")
    ap.add_argument("--jobs", default="1", help="--jobs values to run, comma-separated")
    ap.add_argument("--gzip", action="store_true", help="write and read .jsonl.gz")
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; peak RSS is the largest single process")
    print(f"{'articles':>9} {'MB':>8} {'jobs':>4} {'peak RSS MB':>12} {'CPU s':>8} {'wall s':>8} "
          f"{'art/s CPU':>10} {'art/s wall':>10} {'findings':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"articles-{n}.jsonl{'.gz' if args.gzip else ''}"
            t = time.perf_counter()
            size = generate(path, n)
            made = time.perf_counter() - t
            for jobs in (int(j) for j in args.jobs.split(",")):
                rss, cpu, wall, findings = measure(path, jobs)
                print(f"{n:9d} {size / 1e6:8.1f} {jobs:4d} {rss:12.0f} {cpu:8.1f} {wall:8.1f} "
                      f"{n / cpu:10.0f} {n / wall:10.0f} {findings:9d}", flush=True)
            print(f"          (generated in {made:.0f} s)", flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
