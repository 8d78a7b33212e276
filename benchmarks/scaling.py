"""How each check's cost grows with an article's length: doubling the input should double the time.

Two hostile but real shapes of input, built here:

  single line   a seed-format article whose body is one line of 8, 16 and 32 MB: what a scraper
                writes when it drops the paragraph breaks. Realistic news sentences: names in two
                spellings, datelines, dates with and without a year, weekdays, photo captions,
                empty and non-empty tags, promo lines.
  nested tags   a body holding 10k, 20k and 40k nested empty elements, `<b><i><b>...</b></i></b>`.

For each size it prints the CPU seconds (this process's user + system time) of reading the file,
of each default rule on its own (on a freshly read article, so a shared parse such as the dates
is counted in each rule that uses it), and of the whole command line run in this process
(`newslint --format json FILE`, output thrown away), and the ratio to the previous size: about 2
when the cost is linear, about 4 when it is quadratic. Run:

    python benchmarks/scaling.py            # 8, 16, 32 MB and 10k, 20k, 40k tags
    python benchmarks/scaling.py --quick    # 1, 2, 4 MB and 2.5k, 5k, 10k tags
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import resource
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DAYS, MONTHS, TOPICS, VERBS  # noqa: E402  (the throughput benchmark's words)

from newslint.checks import KINDS
from newslint.cli import main as cli_main
from newslint.config import ProjectConfig, load_rules
from newslint.readers import read_path

PEOPLE = [("Kim Jong Un", "Kim Jong-un"), ("Yoon Suk Yeol", "Yoon Suk-yeol"), ("Choe Son Hui", "Choe Son-hui"),
          ("Lee Jae-myung", "Lee Jae Myung"), ("Xi Jinping", "Xi Jin-ping"), ("Vladimir Putin", "Vladimir Putin")]
PLACES = ["SEOUL", "PYONGYANG", "TOKYO", "BEIJING", "MOSCOW", "WASHINGTON", "BUSAN"]
CREDITS = ["AP-Yonhap", "Yonhap", "Reuters", "AFP", "EPA-Yonhap", "KCNA-Yonhap"]
PROMO = ["Related Articles", "Subscribe to our newsletter", "Click here to read more", "Most Viewed"]


def _sentence(rng: random.Random) -> str:
    name = rng.choice(PEOPLE)[rng.randrange(2)]
    month, day = rng.randrange(12), rng.randint(1, 28)
    kind = rng.randrange(9)
    if kind == 0:
        return f"{rng.choice(PLACES)}, {MONTHS[month]} {day} (Yonhap) -- {name} {rng.choice(VERBS)} on {rng.choice(DAYS)} that talks on {rng.choice(TOPICS)} would resume."
    if kind == 1:
        return f"A TV screen shows {name} during a news program in Seoul, {MONTHS[month]} {day}. {rng.choice(CREDITS)}"
    if kind == 2:
        return f"The <b>{rng.choice(TOPICS)}</b> plan<strong></strong> was first set out on {rng.choice(DAYS)}, {MONTHS[month]} {day}, {rng.randint(2019, 2024)}, officials said."
    if kind == 3:
        return f"{rng.choice(PROMO)} \u00bb {name} {rng.choice(VERBS)} on {rng.choice(TOPICS)}"
    if kind == 4:
        return f"Updated: {rng.randint(2019, 2024)}-{month + 1:02d}-{day:02d} 16:33 | {name} \"{rng.choice(VERBS)}\" last year on {MONTHS[month]} {day}."
    return (f"{name} {rng.choice(VERBS)} on {rng.choice(DAYS)} that {rng.choice(PLACES).title()} and "
            f"{rng.choice(PLACES).title()} would discuss {rng.choice(TOPICS)} in the coming weeks, "
            f"according to officials who asked not to be named.")


def single_line_article(size: int, seed: int = 13) -> bytes:
    """A seed-format article of about `size` bytes whose body is one line."""
    rng = random.Random(seed)
    head = "Kim Jong Un inspects munitions factory \u00a0 DATE: 2024-09-14 10:12:00\n\n"
    parts: list[str] = []
    total = len(head)
    while total < size:
        s = _sentence(rng)
        parts.append(s)
        total += len(s) + 1
    return (head + " ".join(parts) + "\n").encode("utf-8")


def nested_tags_article(depth: int) -> bytes:
    tags = ["b", "i", "em", "span"]
    opens = "".join(f"<{tags[i % 4]}>" for i in range(depth))
    closes = "".join(f"</{tags[i % 4]}>" for i in reversed(range(depth)))
    return (f"Nested tags in a body \u00a0 DATE: 2024-09-14 10:12:00\n\n"
            f"SEOUL, Sept. 14 (Yonhap) -- The body {opens}{closes} goes on here.\n").encode()


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def cpu_of(fn: Callable[[], object]) -> float:
    t0 = cpu()
    fn()
    return cpu() - t0


def measure(path: Path) -> dict[str, float]:
    rules = load_rules(ProjectConfig())
    out = {"read": cpu_of(lambda: list(read_path(path, path.name, {})))}
    for rule in rules:
        article = next(a for a in read_path(path, path.name, {}) if hasattr(a, "fields"))
        kind = KINDS[rule.check]
        out[rule.name] = cpu_of(lambda k=kind, a=article, r=rule: list(k.check(a, r.options)))

    def whole() -> None:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            cli_main(["--format", "json", str(path)])

    out["whole run (CLI)"] = cpu_of(whole)
    return out


def table(title: str, sizes: list[tuple[str, bytes]]) -> None:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for _label, data in sizes:
            path = Path(tmp) / "article.txt"
            path.write_bytes(data)
            results.append(measure(path))
            path.unlink()
    names = list(results[0])
    print(f"\n{title}")
    header = f"{'':30}" + "".join(f"{label:>12}{'ratio':>7}" for label, _ in sizes)
    print(header)
    for name in names:
        row = f"{name:30}"
        for i, r in enumerate(results):
            ratio = f"{r[name] / results[i - 1][name]:7.2f}" if i and results[i - 1][name] >= 0.02 else f"{'-':>7}"
            row += f"{r[name]:12.2f}{ratio}"
        print(row)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes: 1, 2, 4 MB and 2.5k, 5k, 10k tags")
    args = ap.parse_args()
    mbs = [1, 2, 4] if args.quick else [8, 16, 32]
    depths = [2500, 5000, 10000] if args.quick else [10000, 20000, 40000]
    print(f"CPU seconds (user + system), ratio to the size before (2 = linear); python {sys.version.split()[0]}")
    table("single-line article", [(f"{mb} MB", single_line_article(mb * 1_000_000)) for mb in mbs])
    table("nested empty tags", [(f"{d // 1000}k" if d % 1000 == 0 else f"{d / 1000}k", nested_tags_article(d)) for d in depths])


if __name__ == "__main__":
    main()
