"""empty-html-tag, duplicated-caption and duplicated-paragraph on real and labelled articles in
../shared: the seed, the dev set, and Readability's extracted pages.

Measured, not tuned: no text of these files is in the rules. The places pinned here were read
in the files when the rules were written.
"""

from __future__ import annotations

import json

import pytest
from conftest import SEED, need_shared, run_cli

RULES = ("empty-html-tag", "duplicated-caption", "duplicated-paragraph")
pytestmark = pytest.mark.shared


def _run_json(*paths) -> list[dict]:
    proc = run_cli("--select", ",".join(RULES), "--format", "json", *map(str, paths))
    assert proc.returncode in (0, 1), proc.stderr
    return [v for v in json.loads(proc.stdout) if v["rule"] in RULES]


def test_seed_empty_strong_and_caption_saved_twice() -> None:
    need_shared("seeds")
    found = [(v["rule"], v["line"], v["column"], v["message"]) for v in _run_json(SEED)]
    assert found == [
        ("empty-html-tag", 3, 82, "Empty <strong> element left in the text (nothing but white space inside)"),
        ("duplicated-caption", 4, 1, "Photo caption saved twice: the same caption is already at line 3"),
    ]


def _case(v: dict) -> str:
    name = v["path"].rsplit("/", 1)[-1]
    return f"{name}#{v['record']}" if v.get("record") is not None else name


@pytest.fixture(scope="module")
def devset_run() -> tuple[dict, list[dict]]:
    devset = need_shared("devset")
    labels = json.loads((devset / "labels.json").read_text(encoding="utf-8"))
    return labels, _run_json(devset / "cases")


@pytest.mark.parametrize("rule", ["empty-html-tag", "duplicated-caption"])
def test_devset_precision_and_recall_are_one(rule: str, devset_run) -> None:
    labels, found = devset_run
    labelled = {case for case, entry in labels.items()
                if not case.startswith("_") and any(d["rule"] == rule for d in entry["defects"])}
    reported = {_case(v) for v in found if v["rule"] == rule}
    assert reported == labelled


def test_devset_has_no_duplicated_paragraph(devset_run) -> None:
    # Every repeat in the dev set is a caption; none may be reported twice.
    _, found = devset_run
    assert [v for v in found if v["rule"] == "duplicated-paragraph"] == []


def test_readability_pages_real_findings_and_a_clean_page() -> None:
    pages = need_shared("corpus", "readability")
    found = _run_json(pages / "lemonde-1" / "expected.html", pages / "yahoo-2" / "expected.html",
                      pages / "ars-1" / "expected.html", pages / "nytimes-1" / "expected.html")
    places = [(v["path"].split("/")[-2], v["rule"], v["line"], v["column"], v["message"]) for v in found]
    assert places == [
        # an empty figcaption under the lead photo
        ("ars-1", "empty-html-tag", 10, 17, "Empty <figcaption> element left in the text (nothing but white space inside)"),
        # `libertés<strong> </strong>(CNIL)`
        ("lemonde-1", "empty-html-tag", 22, 60, "Empty <strong> element left in the text (nothing but white space inside)"),
        # the slideshow's caption as an <h2>, then again as a <p>
        ("yahoo-2", "duplicated-caption", 8, 21, "Photo caption saved twice: the same caption is already at line 7"),
        # nothing in nytimes-1: a clean page
    ]
