"""Per-article time of `inconsistent-romanisation` with the starter dictionary against a synthetic
dictionary of 5,000 more groups: the dictionary is one hash index, so the time must not grow with it.

    python benchmarks/romanisation_scale.py            # articles made up here (no ../shared needed)
    python benchmarks/romanisation_scale.py FILE...    # or your own article files

Prints CPU microseconds per article for each dictionary size, beside a one-regex floor.
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslint.checks import inconsistent_romanisation as kind  # noqa: E402 - runs from a checkout too
from newslint.config import default_rules_dir  # noqa: E402
from newslint.readers import format_of, read_bytes  # noqa: E402

SYLLABLES = [
    "kim",
    "lee",
    "park",
    "choi",
    "jung",
    "kang",
    "cho",
    "yoon",
    "jang",
    "lim",
    "han",
    "oh",
    "seo",
    "shin",
    "kwon",
    "hwang",
    "ahn",
    "song",
    "ryu",
    "hong",
]
GIVEN = [
    "jae",
    "min",
    "seo",
    "hyun",
    "woo",
    "jin",
    "young",
    "soo",
    "ji",
    "eun",
    "sung",
    "hoon",
    "ho",
    "chul",
    "yeon",
    "kyung",
    "hee",
    "joon",
]
PARAGRAPH = (
    "SEOUL, Sept. 14 (Yonhap) -- President {a} met Foreign Minister {b} on Thursday to discuss the "
    "North Korean missile launch, the presidential office said. {a} told reporters that Seoul would "
    "work with Washington and Tokyo. Kim Jong Un watched the launch from Pyongyang, KCNA said, while "
    "Russian President Vladimir Putin praised the talks in Vladivostok."
)


def synthetic_names(n: int, rng: random.Random) -> list[list[str]]:
    groups = []
    seen = set()
    while len(groups) < n:
        surname = rng.choice(SYLLABLES).capitalize()
        g1, g2 = rng.choice(GIVEN), rng.choice(GIVEN)
        name = f"{surname} {g1.capitalize()}-{g2}"
        if name in seen:
            continue
        seen.add(name)
        groups.append([name, f"{surname} {g1.capitalize()}{g2}x", f"{surname}h {g1.capitalize()}-{g2}"])
    return groups


def articles(paths: list[str], rng: random.Random):
    if paths:
        for p in paths:
            path = Path(p)
            yield from read_bytes(path.name, path.read_bytes(), format_of(path.name) or ".txt", {})
        return
    for i in range(200):
        a = f"{rng.choice(SYLLABLES).capitalize()} {rng.choice(GIVEN).capitalize()}-{rng.choice(GIVEN)}"
        b = f"{rng.choice(SYLLABLES).capitalize()} {rng.choice(GIVEN).capitalize()}-{rng.choice(GIVEN)}"
        body = "\n".join(PARAGRAPH.format(a=a, b=b) for _ in range(6))
        text = f"Headline {i}    DATE: 2024-09-14 10:00:00\n\n{body}\n"
        yield from read_bytes(f"a{i}.txt", text.encode(), ".txt", {})


CAPITALISED = re.compile(r"[A-Z][a-z]+")


def floor(doc) -> None:
    """One plain regex pass over the same fields: what finding capitalised words costs at least."""
    for name in ("title", "description", "body"):
        f = doc.fields.get(name)
        if f is not None:
            for _ in CAPITALISED.finditer(f.text):
                pass


def per_article_us(run, docs, rounds: int = 5) -> float:
    """Best of `rounds`, in CPU time (steadier than wall time on a shared machine)."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for doc in docs:
            doc.cache.clear()
            run(doc)
        best = min(best, time.process_time() - start)
    return best / len(docs) * 1e6


def main() -> None:
    rng = random.Random(7)
    docs = list(articles(sys.argv[1:], rng))
    rule_path = str(default_rules_dir() / "inconsistent-romanisation.yaml")
    starter = kind.Options.model_validate({}, context={"rule_path": rule_path})
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "synthetic.yaml"
        lines = ["groups:"] + [f"  - [{', '.join(g)}]" for g in synthetic_names(5000, rng)]
        big.write_text("\n".join(lines) + "\n", encoding="utf-8")
        start = time.perf_counter()
        large = kind.Options.model_validate({"extra-dictionaries": [str(big)]}, context={"rule_path": rule_path})
        load_s = time.perf_counter() - start
    print(f"{len(docs)} articles")
    print(f"floor, one regex pass for capitalised words: {per_article_us(floor, docs):8.1f} us/article")
    for label, options in (
        (f"starter dictionary ({len(starter.index)} groups)", starter),
        (f"starter + 5,000 synthetic ({len(large.index)} groups)", large),
    ):
        us = per_article_us(lambda doc, o=options: list(kind.check(doc, o)), docs)
        print(f"{label}: {us:8.1f} us/article")
    print(f"(the 5,000 extra groups load once per run in {load_s:.2f} s)")


if __name__ == "__main__":
    main()
