"""duplicated-caption and duplicated-paragraph: their fixes end to end, and the caption
recognition the two rules share."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli
from lint_helpers import default_rules

SELECT = "duplicated-caption,duplicated-paragraph"


def test_both_rules_recognise_captions_alike() -> None:
    # duplicated-paragraph leaves captions to duplicated-caption; that only holds while the
    # two shipped rules describe a caption the same way.
    rules = default_rules()
    caption, paragraph = rules["duplicated-caption"].options, rules["duplicated-paragraph"].options
    for key in ("credits", "caption_tags", "caption_classes", "caption_max_length", "teaser_hooks", "teaser_link_share"):
        assert getattr(caption, key) == getattr(paragraph, key), key
    assert rules["duplicated-paragraph"].severity == "warning"


def test_fix_removes_the_second_copy_line_of_a_text_file(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Exam day    DATE: 2023-11-16 10:41:00\n\n"
        "Students take the exam at a school in Seoul on Thursday. Yonhap\n"
        "Students take the exam at a school in Seoul on Thursday.&nbsp;Yonhap\n"
        "About half a million students sat the annual exam on Thursday, the education ministry said in a statement.\n"
        "Scores will be sent on Dec. 8.\n"
        "About half a million students sat the annual exam on Thursday, the education ministry said in a statement.\n",
        encoding="utf-8",
    )
    proc = run_cli("a.txt", "--select", SELECT, "--fix", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Fixed 2 violations." in proc.stdout
    assert article.read_text(encoding="utf-8") == (
        "Exam day    DATE: 2023-11-16 10:41:00\n\n"
        "Students take the exam at a school in Seoul on Thursday. Yonhap\n"
        "About half a million students sat the annual exam on Thursday, the education ministry said in a statement.\n"
        "Scores will be sent on Dec. 8.\n"
    )


def test_fix_removes_the_repeated_paragraph_of_a_jsonl_record(tmp_path: Path) -> None:
    article = tmp_path / "b.jsonl"
    record = {"title": "Lanterns", "maintext": "Lanterns line the stream in Seoul on Friday. [YONHAP]\n"
              "Lanterns line the stream in Seoul on Friday. <span class=\"credit\">[YONHAP]</span>\n"
              "The festival opened Friday."}
    article.write_text(json.dumps(record) + "\n", encoding="utf-8")
    report = json.loads(run_cli("b.jsonl", "--select", SELECT, "--format", "json", cwd=tmp_path).stdout)
    assert [(v["rule"], v["record"], v["field"], v["column"]) for v in report] == [("duplicated-caption", 1, "maintext", 55)]
    proc = run_cli("b.jsonl", "--select", SELECT, "--fix", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    fixed = json.loads(article.read_text(encoding="utf-8"))
    assert fixed["maintext"] == "Lanterns line the stream in Seoul on Friday. [YONHAP]\nThe festival opened Friday."


def test_fix_removes_the_repeating_element_of_an_html_page(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<html><body>\n<article>\n"
        "  <figure><img src=\"c.jpg\" alt=\"\"><figcaption>A cruise ship docked at the port of Barcelona. AFP</figcaption></figure>\n"
        "  <p>Barcelona will double the tax.</p>\n"
        "  <p class=\"caption\">A cruise ship docked at the port of Barcelona. <span class=\"credit\">AFP</span></p>\n"
        "  <p>The surcharge rises next year.</p>\n"
        "</article>\n</body></html>\n",
        encoding="utf-8",
    )
    proc = run_cli("p.html", "--select", SELECT, "--fix", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert page.read_text(encoding="utf-8") == (
        "<html><body>\n<article>\n"
        "  <figure><img src=\"c.jpg\" alt=\"\"><figcaption>A cruise ship docked at the port of Barcelona. AFP</figcaption></figure>\n"
        "  <p>Barcelona will double the tax.</p>\n"
        "  <p>The surcharge rises next year.</p>\n"
        "</article>\n</body></html>\n"
    )
