"""Throughput of `newslint` against the floor a linter cannot beat by much.

Generates N seed-like articles (headline + DATE header, caption, body paragraphs, with the
defects the rules look for planted in some of them) in a temporary folder, then times:

  floor     one Python process that only reads the same files and runs five regexes over them
  newslint  the real command line, `newslint --format json --jobs 1 DIR`, every default rule on,
            as a data team runs it: the loaded-rule cache warm (filled by an earlier run) and the
            result cache empty (each run starts from a fresh cache folder holding only the rule
            cache, so every file is checked)
  cached    the same run again, no file changed since: every result from the result cache
  cold      the same with `--no-cache`: the rule files parsed and compiled in the run as well,
            and no result written
  per rule  the warm run with one rule selected (what each rule costs on its own)

and prints CPU time (user + sys: other work on the machine does not inflate it) with its system
part (the kernel's: reading the files and, in the warm rows, making a result-cache file for
each), articles per second and MB per second for each, then what a one-file run costs
(startup.py). Run:

    python benchmarks/throughput.py                # 3000 articles, best of 3
    python benchmarks/throughput.py --articles 5000 --repeat 5
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from startup import describe, one_file_times

PEOPLE = ["Kim Jong Un", "Yoon Suk Yeol", "Vladimir Putin", "Xi Jinping", "Fumio Kishida", "Joe Biden",
          "Choe Son Hui", "Han Duck-soo", "Park Jin", "Lee Jae-myung", "Volodymyr Zelensky"]
PLACES = ["Seoul", "Pyongyang", "Tokyo", "Beijing", "Moscow", "Washington", "Busan", "Vladivostok"]
CREDITS = ["AP-Yonhap", "Yonhap", "Reuters", "AFP", "EPA-Yonhap", "Korea Times photo by Shim Hyun-chul"]
VERBS = ["warned", "said", "announced", "urged", "agreed", "denied", "confirmed", "proposed"]
TOPICS = ["military cooperation", "arms deals", "sanctions", "trade talks", "a summit", "missile launches",
          "energy prices", "chip exports", "a new budget", "household debt"]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def sentence(rng: random.Random) -> str:
    return (f"{rng.choice(PEOPLE)} {rng.choice(VERBS)} on {rng.choice(DAYS)} that {rng.choice(PLACES)} and "
            f"{rng.choice(PLACES)} would discuss {rng.choice(TOPICS)} and {rng.choice(TOPICS)} in the coming weeks, "
            f"according to officials who asked not to be named.")


def article(rng: random.Random, i: int) -> str:
    year = rng.choice([2022, 2023, 2024])
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    headline = f"{rng.choice(PLACES)} {rng.choice(VERBS)} over {rng.choice(TOPICS)} with {rng.choice(PLACES)}"
    pad = rng.choice([" \u00a0 ", "    ", " \u00a0\u00a0 \u00a0 "])
    caption = (f"A TV screen shows {rng.choice(PEOPLE)} during a news program at a station in "
               f"{rng.choice(PLACES)}, {MONTHS[month - 1]} {day}. {rng.choice(CREDITS)}")
    lines = [f"{headline}{pad}DATE: {year}-{month:02d}-{day:02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00", ""]
    if i % 7 == 0:
        lines.append(caption.replace(", ", ",<strong></strong> ", 1))
    lines.append(caption)
    if i % 11 == 0:
        lines.append(caption)
    lines.append("")
    for p in range(rng.randint(6, 12)):
        lines.append(" ".join(sentence(rng) for _ in range(rng.randint(1, 3))))
        lines.append("")
        if p == 3 and i % 13 == 0:
            lines.append(f"[ANALYSIS] {headline} {year}-{month:02d}-{day:02d} 16:33 \u00a0| \u00a0Foreign Affairs")
    lines.append("(Yonhap)")
    return "\n".join(lines) + "\n"


def generate(folder: Path, n: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    total = 0
    for i in range(n):
        data = article(rng, i).encode("utf-8")
        (folder / f"{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


FLOOR_PATTERNS = [
    r"<(\w+)[^>]*>\s*</\1>",
    r"(?:AP-Yonhap|Yonhap|Reuters|AFP|EPA)\s*$",
    r"Kim Jong[ -]?[Uu]n",
    r"\d{4}-\d{2}-\d{2}",
    r"\[[A-Z]+\]",
]


def floor_pass(folder: Path) -> int:
    """Read every file and run five compiled regexes over it: the floor."""
    compiled = [re.compile(p, re.M) for p in FLOOR_PATTERNS]
    hits = 0
    for path in sorted(folder.iterdir()):
        text = path.read_bytes().decode("utf-8")
        for rx in compiled:
            hits += sum(1 for _ in rx.finditer(text))
    return hits


def cpu_seconds() -> float:
    """User + system CPU of this process and of every child it has waited for."""
    return sum(cpu_split())


def cpu_split() -> tuple[float, float]:
    """(user, system) CPU of this process and of every child it has waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + kids.ru_utime, own.ru_stime + kids.ru_stime


def timed(fn, repeat: int, setup=None) -> float:
    """Best CPU time (user + sys) of `repeat` calls: other work on the machine does not inflate it
    the way it inflates wall time. `setup` runs before each call, outside the timing."""
    return timed_with_sys(fn, repeat, setup)[0]


def timed_with_sys(fn, repeat: int, setup=None) -> tuple[float, float]:
    """`timed`, with the system part of the best run (the kernel's share: reading files, and
    making the result cache's files)."""
    best = (float("inf"), 0.0)
    for _ in range(repeat):
        if setup is not None:
            setup()
        user0, sys0 = cpu_split()
        fn()
        user1, sys1 = cpu_split()
        best = min(best, (user1 - user0 + sys1 - sys0, sys1 - sys0))
    return best


def newslint_cmd() -> list[str]:
    return [sys.executable, "-m", "newslint"]


# As a user's install runs: with bytecode cached. (Some sandboxes set PYTHONDONTWRITEBYTECODE,
# which makes every run compile newslint from source and doubles its start-up.)
RUN_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


class RuleCache:
    """A cache folder holding only the loaded-rule cache, made fresh for each run: the rules come
    from the cache (as on every run after a project's first) while the result cache is empty,
    so the run checks every file (and writes its result).

    The folders of earlier runs are removed only at the end: on ext4, files made just after
    thousands were deleted cost several times the system time (the inode allocator skips
    recently freed inodes one by one), which no user's run sees."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.warm = root / "warm"
        self.runs = 0
        empty = root / "empty"
        empty.mkdir()
        run_newslint(empty, cache=self.warm)  # loads the rules and saves them
        if not any((self.warm / RULES_SUBDIR).glob("*.pickle")):
            raise SystemExit(f"the rule cache was not written under {self.warm}")

    @property
    def run(self) -> Path:
        return self.root / f"run-{self.runs}"

    def fresh(self) -> None:
        self.runs += 1
        shutil.copytree(self.warm / RULES_SUBDIR, self.run / RULES_SUBDIR)


RULES_SUBDIR = "rules"  # newslint/rule_cache.py's SUBDIR: the loaded rules, beside the results


def run_newslint(folder: Path, select: str | None = None, cache: Path | None = None) -> None:
    # One process: the figures are one core's work on every file, each run. Without a cache
    # folder, --no-cache (neither the rule cache nor the result cache).
    args = newslint_cmd() + ["--format", "json", "--jobs", "1", str(folder)]
    args += ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    if select:
        args += ["--select", select]
    proc = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=RUN_ENV)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"newslint failed ({proc.returncode}): {proc.stderr[-500:]}")


def rule_names() -> list[str]:
    out = subprocess.run(newslint_cmd() + ["rules"], capture_output=True, text=True, check=True, env=RUN_ENV).stdout
    return [line.split()[0] for line in out.splitlines()[1:] if line.strip()]


def startup(caches: RuleCache) -> float:
    """What one `newslint` process costs before it reads anything (imports, rules from the
    warm rule cache)."""
    with tempfile.TemporaryDirectory() as tmp:
        return timed(lambda: run_newslint(Path(tmp), cache=caches.run), 3, caches.fresh)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-per-rule", action="store_true", help="skip the one-rule-at-a-time runs")
    ap.add_argument("--one-file-runs", type=int, default=9, help="runs of the one-file timing (median)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as cache_tmp:
        folder = Path(tmp)
        caches = RuleCache(Path(cache_tmp))
        size = generate(folder, args.articles)
        mb = size / 1e6
        print(f"{args.articles} generated seed-like articles, {mb:.2f} MB, best CPU time of {args.repeat} runs "
              f"({os.cpu_count()} cores; python {sys.version.split()[0]})")
        rows = [("floor: read + 5 regexes (in-process)", *timed_with_sys(lambda: floor_pass(folder), args.repeat))]
        rows.append(("newslint, all default rules (CLI)",
                     *timed_with_sys(lambda: run_newslint(folder, cache=caches.run), args.repeat, caches.fresh)))
        # the last run's cache folder now holds every file's result: what a run after it costs
        rows.append(("  the same again, no file changed (all cached)",
                     *timed_with_sys(lambda: run_newslint(folder, cache=caches.run), args.repeat)))
        rows.append(("  the same, cold: --no-cache (rules loaded too)",
                     *timed_with_sys(lambda: run_newslint(folder), args.repeat)))
        if not args.no_per_rule:
            for name in rule_names():
                rows.append((f"newslint --select {name}",
                             *timed_with_sys(lambda n=name: run_newslint(folder, n, caches.run), args.repeat, caches.fresh)))
        start = startup(caches)
        floor = rows[0][1]
        print("(newslint rows: the CLI, one process (--jobs 1), rule cache warm, result cache empty: every file checked)")
        print(f"{'run':48} {'CPU s':>8} {'of it sys':>9} {'articles/s':>11} {'MB/s':>7} {'x floor':>8}")
        for label, secs, sys_secs in rows:
            print(f"{label:48} {secs:8.3f} {sys_secs:9.3f} {args.articles / secs:11.0f} {mb / secs:7.2f} {secs / floor:8.2f}")
        print(f"(newslint process start-up with no input, rule cache warm: {start:.3f} s, included in each "
              f"warm CLI figure; all rules without start-up: {args.articles / (rows[1][1] - start):.0f} articles/s, "
              f"{(rows[1][1] - start) / floor:.2f} x floor)")
    print(describe(one_file_times(args.one_file_runs), args.one_file_runs))


if __name__ == "__main__":
    main()
