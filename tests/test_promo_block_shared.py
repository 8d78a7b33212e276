"""promo-block on real and labelled articles in ../shared: the seed, the dev set, and the corpus.

Measured, not tuned: no text of these files is in the rule or its phrases. The counts asserted
here were inspected line by line when the rule was written (see each test's comment).
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from conftest import SEED, need_shared, run_cli

RULE = "promo-block"
pytestmark = pytest.mark.shared


def _run_json(*paths, cwd=None) -> list[dict]:
    proc = run_cli("--select", RULE, "--format", "json", *map(str, paths), cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return [v for v in json.loads(proc.stdout) if v["rule"] == RULE]


def test_seed_has_exactly_one_promo_block_at_line_15() -> None:
    need_shared("seeds")
    found = _run_json(SEED)
    assert [(v["line"], v["column"], v["end_line"]) for v in found] == [(15, 1, 15)]
    assert "trailing date-time | section stamp" in found[0]["message"]


def test_devset_promo_block_precision_and_recall() -> None:
    devset = need_shared("devset")
    labels = json.loads((devset / "labels.json").read_text(encoding="utf-8"))
    labelled = {case for case, entry in labels.items() if not case.startswith("_")
                and any(d["rule"] == RULE for d in entry["defects"])}
    reported = set()
    for v in _run_json(devset / "cases"):
        name = v["path"].rsplit("/", 1)[-1]
        reported.add(f"{name}#{v['record']}" if "record" in v else name)
    assert reported == labelled


def test_readability_pages_with_widgets_are_found_and_no_others() -> None:
    pages = need_shared("corpus", "readability")
    found = _run_json(pages)
    by_page = defaultdict(int)
    for v in found:
        by_page[v["path"].split("/")[-2]] += 1
    # cnn: two "Related:" links; theverge: a paid-newsletter box with its price list; breitbart:
    # two "SIGN UP FOR OUR NEWSLETTER" lines; wapo-1: bracketed related links and a closing
    # "Read more:" list; nytimes-1 and -2: the "Continue reading the main story" ad-break label
    # (once and twice); yahoo-1: the "More games news:" list of five linked headlines; yahoo-3:
    # three linked ABC News headlines between two paragraphs (both found by their links);
    # lemonde-1: a French "Lire aussi : <link>" related-article line; bbc-1: two linked
    # related headlines; lwn-1 (a weekly digest of several articles): twice a "Comments (5
    # posted)" link over the next article's linked title (each inspected). The other 30 pages
    # have none.
    assert set(by_page) == {"cnn", "theverge", "breitbart", "wapo-1", "nytimes-1", "nytimes-2", "yahoo-1", "yahoo-3",
                            "lemonde-1", "bbc-1", "lwn-1"}
    assert by_page["nytimes-1"] == 1 and by_page["nytimes-2"] == 2 and by_page["lemonde-1"] == 1
    assert by_page["yahoo-1"] == 1 and by_page["yahoo-3"] == 1 and by_page["bbc-1"] == 1 and by_page["lwn-1"] == 2
    assert sum(by_page.values()) == 18


def test_human_written_aeb_bodies_give_only_their_few_real_promo_lines(tmp_path) -> None:
    truth = need_shared("corpus", "aeb", "ground-truth.json")
    bodies = json.loads(truth.read_text(encoding="utf-8"))
    batch = tmp_path / "aeb-bodies.jsonl"
    with batch.open("w", encoding="utf-8") as out:
        for item in bodies.values():
            out.write(json.dumps({"url": item["url"], "maintext": item["articleBody"]}) + "\n")
    found = _run_json(batch)
    # 9 of 181 bodies, each inspected: a deal post's sign-up buttons ("Sign up for a Hulu
    # ad-free account ..."), two wire copyright lines, a game page's "Click here", a blog's
    # "Download it here", a "Don't Miss" product box, a newsletter pitch, a video widget's
    # "UP NEXT" label and a republisher's "Read the original article." note; and, found with
    # the phrase lists of other languages, two Korean pages' copyright line ("무단전재 및
    # 재배포금지": no reproduction or redistribution) and an Italian page's "Leggi anche" label;
    # a closing "Follow NBC Latino on Facebook, Twitter and Instagram." line; and two blogs'
    # "FTC: We use income earning auto affiliate links." disclosure.
    assert len(found) == 15
    assert len({v["record"] for v in found}) == 15
    snippets = [v["message"] for v in found]
    assert any("call to action" in m for m in snippets) and any("copyright notice" in m for m in snippets)
    lines = batch.read_text(encoding="utf-8").splitlines()
    hulu = [v for v in found if "Sign up for a Hulu ad-free account" in json.loads(lines[v["record"] - 1])["maintext"]
            [v["column"] - 1: v["end_column"] - 1]]
    assert len(hulu) == 1


def test_kcna_and_rodong_bodies_give_none(tmp_path) -> None:
    kcna = need_shared("corpus", "kcna", "headlines_2024-08-20.json")
    rodong = need_shared("corpus", "rodong-sinmun-en", "rodong_sinmun_en_sample.csv")
    (tmp_path / "newslint.yaml").write_text(
        "fields:\n  title: headline\n  body: story_text\n  url: link\n  published: date_str\n", encoding="utf-8"
    )
    proc = run_cli("--select", RULE, "--format", "json", str(kcna), str(rodong), cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout[:2000] + proc.stderr
    assert json.loads(proc.stdout) == []
