"""What the date-mismatch rule costs on top of the other rules.

Generates seed-like articles with benchmarks/throughput.py's generator (headline + DATE header,
captions with dates, time stamps in related-article lines), then times in one process, reading
every file afresh each run (so no parsed date survives from one run to the next):

  all rules                every default rule
  all but date-mismatch    the same without it
  date-mismatch alone      reading the files plus this rule

and prints articles per second for each and the difference. Run:

    python benchmarks/date_cost.py                 # 3000 articles, best of 5
    python benchmarks/date_cost.py --articles 5000 --repeat 7
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import generate

from newslint.config import ProjectConfig, load_rules, select_rules
from newslint.engine import Engine
from newslint.readers import read_path

RULE = "date-mismatch"


def run(files: list[Path], rules) -> int:
    engine = Engine(list(rules), {})
    found = 0
    for path in files:
        for _ in engine.check_items(read_path(path, path.name, {})):
            found += 1
    for _ in engine.finish():
        found += 1
    return found


def best_of(runs: dict[str, object], repeat: int) -> dict[str, float]:
    """Best CPU time of each run, the runs interleaved so that a busy spell on a shared machine
    slows them all alike rather than one of them."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):
        for label, fn in runs.items():
            t0 = time.process_time()
            fn()
            best[label] = min(best[label], time.process_time() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    rules = select_rules(load_rules(ProjectConfig()), [], [])
    without = [r for r in rules if r.name != RULE]
    alone = [r for r in rules if r.name == RULE]
    if not alone:
        raise SystemExit(f"no rule named {RULE} in the default set")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, args.articles)
        files = sorted(folder.iterdir())
        hits = run(files, alone)
        rows = list(best_of({
            "read only (no rules)": lambda: run(files, []),
            "all default rules": lambda: run(files, rules),
            f"all but {RULE}": lambda: run(files, without),
            f"{RULE} alone": lambda: run(files, alone),
        }, args.repeat).items())
    n = args.articles
    print(f"{n} generated seed-like articles, best of {args.repeat} in-process runs, CPU seconds; "
          f"{RULE} reported {hits} of them; rules: {', '.join(r.name for r in rules)}")
    print(f"{'run':28} {'seconds':>8} {'articles/s':>11}")
    for label, secs in rows:
        print(f"{label:28} {secs:8.3f} {n / secs:11.0f}")
    read, full, rest, own = (secs for _, secs in rows)
    print(f"{RULE} adds {full - rest:.3f} s to all rules ({(full - rest) / rest:+.1%}), "
          f"{(full - rest) / n * 1e6:.0f} us an article; alone it costs {(own - read) / n * 1e6:.0f} us an article "
          f"over reading")


if __name__ == "__main__":
    main()
