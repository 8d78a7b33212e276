"""How much of a web page's story `newslint show --format json` puts in `body`, and how much
site chrome comes with it, on the labelled pages of the web-boilerplate dev set.

The set (../shared/devset/web-boilerplate; see its README.md and score.py) labels, for each page,
`with` segments (text of the story) and `without` segments (boilerplate), each of the latter
classed promo, chrome, other or absent (not in the visible text). A segment counts as covered
when its white-space-collapsed text is a substring of the page's white-space-collapsed body; a
page with no body (not linted, or no story found) covers nothing. Reported:

  with    share of story segments covered            (target >= 0.90)
  chrome  share of navigation/sidebar/footer segments covered  (target <= 0.15)
  promo, other  the same, for information (promo blocks are what promo-block should then flag)

overall and by page language (`<html lang>`: de, en, other). One newslint process reads every
page. Standard library only; this measures, it tunes nothing. Run from the repository root:

    python benchmarks/story_coverage.py
    python benchmarks/story_coverage.py --details 20          # the first 20 misses and leaks
    python benchmarks/story_coverage.py --set DIR --newslint "python -m newslint"

Exit status: 0 when both targets are met, 1 when one is not, 2 when newslint could not be run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = ROOT.parent / "shared" / "devset" / "web-boilerplate"
MIN_WITH, MAX_CHROME = 0.90, 0.15
CLASSES = ("with", "chrome", "promo", "other")
LANGS = ("de", "en", "other")
WS = re.compile(r"\s+")  # as score.py collapses white space
LANG = re.compile(rb"""<html[^>]*\blang=["']?([a-zA-Z]{2})""")


def collapse(text: str) -> str:
    return WS.sub(" ", text).strip()


def page_language(path: Path) -> str:
    raw = path.read_bytes()
    if path.name.endswith(".gz"):
        raw = gzip.decompress(raw)
    m = LANG.search(raw[:30000])
    lang = m.group(1).decode().lower() if m else ""
    return lang if lang in ("de", "en") else "other"


def show_bodies(cmd: list[str], pages: Path, names: list[str]) -> tuple[dict[str, str | None], str, float]:
    """{page name: body or None} from one `newslint show --format json` run over every page."""
    started = time.perf_counter()
    # `--`: a page's name may start with a dash
    proc = subprocess.run([*cmd, "show", "--format", "json", "--", *names], cwd=pages, capture_output=True)
    elapsed = time.perf_counter() - started
    stderr = proc.stderr.decode("utf-8", errors="replace")
    if proc.returncode not in (0, 1) or "Traceback" in stderr:
        sys.exit(f"story_coverage: `{shlex.join(cmd)} show` failed (exit {proc.returncode}): {stderr.strip()[-600:]}")
    try:
        shown = json.loads(proc.stdout.decode("utf-8"))
    except ValueError as exc:
        sys.exit(f"story_coverage: newslint show's JSON does not parse ({exc}); {stderr.strip()[-300:]}")
    bodies: dict[str, str | None] = {}
    for article in shown:
        bodies.setdefault(article["path"], article["body"])
    return bodies, stderr, elapsed


def share(counts: list[int]) -> str:
    covered, total = counts
    return f"{covered / total:.4f} ({covered}/{total})" if total else "-"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", type=Path, default=DEFAULT_SET, metavar="DIR",
                    help="the dev set folder, with pages/ and labels.json (default: ../shared/devset/web-boilerplate)")
    ap.add_argument("--newslint", default="newslint", metavar="CMD", help="how to run newslint (default: newslint)")
    ap.add_argument("--details", type=int, default=0, metavar="N",
                    help="print the first N story segments missed and the first N chrome segments leaked")
    args = ap.parse_args()
    pages, labels_file = args.set / "pages", args.set / "labels.json"
    if not labels_file.is_file():
        sys.exit(f"story_coverage: no labels at {labels_file}")
    labels = json.loads(labels_file.read_text(encoding="utf-8"))
    names = sorted(labels)
    bodies, stderr, elapsed = show_bodies(shlex.split(args.newslint), pages, names)

    # counts[class][language] = [covered, total]; "all" sums the languages
    counts = {c: {lang: [0, 0] for lang in (*LANGS, "all")} for c in CLASSES}
    pages_by_lang = dict.fromkeys(LANGS, 0)
    misses: list[tuple[str, str]] = []
    leaks: list[tuple[str, str]] = []
    not_linted = []
    for name in names:
        label = labels[name]
        lang = page_language(pages / name)
        pages_by_lang[lang] += 1
        body = bodies.get(name)
        if body is None:
            not_linted.append(name)
        text = collapse(body or "")
        segments = [("with", s) for s in label["with"]]
        segments += [(c, s) for s, c in zip(label["without"], label["without_class"]) if c in CLASSES]
        for cls, segment in segments:
            seg = collapse(segment)
            if not seg:
                continue
            covered = seg in text
            for key in (lang, "all"):
                counts[cls][key][0] += covered
                counts[cls][key][1] += 1
            if cls == "with" and not covered:
                misses.append((name, seg))
            elif cls == "chrome" and covered:
                leaks.append((name, seg))

    print(f"pages: {len(names)} ({', '.join(f'{lang} {n}' for lang, n in pages_by_lang.items())}); "
          f"one `{args.newslint} show --format json` run, {elapsed:.1f} s")
    problems = [line for line in stderr.splitlines() if ": input-error " in line]
    troubled = {name for name in names for line in problems if line.startswith(name + ":")}
    print(f"pages not linted (no body): {len(not_linted)}; "
          f"pages with an input-error (e.g. not UTF-8, bad JSON-LD): {len(troubled)}")
    with_share = counts["with"]["all"][0] / max(counts["with"]["all"][1], 1)
    chrome_share = counts["chrome"]["all"][0] / max(counts["chrome"]["all"][1], 1)
    targets = {
        "with": f"target >= {MIN_WITH:.2f}: {'met' if with_share >= MIN_WITH else 'MISSED'}",
        "chrome": f"target <= {MAX_CHROME:.2f}: {'met' if chrome_share <= MAX_CHROME else 'MISSED'}",
    }
    print(f"{'segments covered':<18}{'all':<22}" + "".join(f"{lang:<22}" for lang in LANGS))
    for cls in CLASSES:
        row = f"{cls:<18}{share(counts[cls]['all']):<22}" + "".join(f"{share(counts[cls][lang]):<22}" for lang in LANGS)
        print(row + (targets.get(cls) or "for information"))
    if args.details:
        for name, seg in misses[: args.details]:
            print(f"  missed story: {name}: {seg[:90]!r}")
        for name, seg in leaks[: args.details]:
            print(f"  leaked chrome: {name}: {seg[:90]!r}")
        for name in not_linted[: args.details]:
            print(f"  not linted: {name}")

    return 0 if with_share >= MIN_WITH and chrome_share <= MAX_CHROME else 1


if __name__ == "__main__":
    sys.exit(main())
