"""Inline suppression comments, `newslint_ignore` fields and --report-unused, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli
from inprocess_cli import cli
from sample_articles import spelling_project

from newslint.workflow.suppression import parse_directives

ARTICLE = """\
Ferries to Pusan resume after typhoon     DATE: 2024-09-02 07:15:00

Ferry operators said services between Fukuoka and Pusan resumed on Monday morning.
<!-- newslint: disable=busan-spelling -->
The Pusan International Film Festival office said its schedule was unchanged.
Port officials in Pusan expect full traffic by Wednesday.
"""


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return spelling_project(tmp_path)


def lint(project: Path, *args: str, runner=cli):
    return runner(*args, "--select", "busan-spelling,empty-html-tag", cwd=project)


def places(stdout: str) -> list[str]:
    """`path:line:column rule` of each reported finding."""
    out = []
    for line in stdout.splitlines():
        head, _, rest = line.partition(": ")
        if rest and head.count(":") == 2:
            out.append(f"{head} {rest.split()[1]}")
    return out


def test_disable_comment_hides_the_named_rule_on_the_next_line_only(project: Path) -> None:
    (project / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = lint(project, "a.txt", runner=run_cli)
    assert proc.returncode == 1
    assert places(proc.stdout) == [
        "a.txt:1:12 busan-spelling",
        "a.txt:3:51 busan-spelling",
        "a.txt:6:19 busan-spelling",
    ]


def test_bare_disable_hides_every_rule_on_the_next_line(project: Path) -> None:
    text = ARTICLE.replace("disable=busan-spelling", "disable").replace(
        "The Pusan International", "The <em></em>Pusan International")
    (project / "a.txt").write_text(text, encoding="utf-8")
    proc = lint(project, "a.txt", "--format", "json")
    found = [(v["line"], v["rule"]) for v in json.loads(proc.stdout)]
    assert found == [(1, "busan-spelling"), (3, "busan-spelling"), (6, "busan-spelling")]


def test_disable_file_hides_a_rule_everywhere_and_exit_status_follows(project: Path) -> None:
    text = ARTICLE + "<!-- newslint: disable-file=busan-spelling -->\n"
    (project / "a.txt").write_text(text, encoding="utf-8")
    proc = lint(project, "a.txt")
    assert proc.returncode == 0, proc.stdout
    assert "No violations" in proc.stdout


def test_disable_file_for_one_rule_leaves_the_others(project: Path) -> None:
    text = ARTICLE.replace("Port officials", "Port <strong> </strong>officials") + "<!-- newslint: disable-file=busan-spelling -->\n"
    (project / "a.txt").write_text(text, encoding="utf-8")
    proc = lint(project, "a.txt")
    assert places(proc.stdout) == ["a.txt:6:6 empty-html-tag"]
    assert proc.returncode == 1


def test_html_comment_before_an_empty_tag(project: Path) -> None:
    page = (
        "<html><head><title>Port reopens</title></head><body><article>\n"
        "<h1>Port reopens</h1>\n"
        "<!-- newslint: disable=empty-html-tag -->\n"
        "<p>Cranes were back at work<em></em> on Monday.</p>\n"
        "<p>Unions said talks would go on<strong></strong> this week.</p>\n"
        "</article></body></html>\n"
    )
    (project / "page.html").write_text(page, encoding="utf-8")
    proc = lint(project, "page.html")
    assert places(proc.stdout) == ["page.html:5:33 empty-html-tag"]


def test_markdown_front_matter_ignore_list(project: Path) -> None:
    md = (
        "---\ntitle: Ferries to Pusan resume\ndate: 2024-09-02\nnewslint_ignore: [busan-spelling]\n---\n"
        "Services to Pusan resumed<em></em> on Monday.\n"
    )
    (project / "a.md").write_text(md, encoding="utf-8")
    proc = lint(project, "a.md")
    assert places(proc.stdout) == ["a.md:6:26 empty-html-tag"]


def test_record_ignore_field_in_jsonl_and_csv(project: Path) -> None:
    records = [
        {"title": "Ferries to Pusan resume", "maintext": "Ships left Pusan at dawn.", "newslint_ignore": ["busan-spelling"]},
        {"title": "Cargo volumes rise", "maintext": "Pusan handled more boxes in August."},
    ]
    (project / "batch.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (project / "batch.csv").write_text(
        "title,text,newslint_ignore\n"
        "Ferries resume,Ships left Pusan at dawn.,\"busan-spelling, empty-html-tag\"\n"
        "Cargo volumes rise,Pusan handled more boxes.,\n",
        encoding="utf-8",
    )
    proc = lint(project, "batch.jsonl", "batch.csv", "--format", "json", runner=run_cli)
    found = [(v["path"], v["record"], v["field"], v["column"]) for v in json.loads(proc.stdout)]
    assert found == [("batch.csv", 3, "text", 1), ("batch.jsonl", 2, "maintext", 1)]


def test_report_unused_names_comments_and_ignores_that_hid_nothing(project: Path) -> None:
    text = ARTICLE.replace(
        "Port officials in Pusan", "<!-- newslint: disable=busan-spelling,empty-html-tag -->\nPort officials in Pusan"
    ) + "<!-- newslint: disable=busan-speling -->\nThe end.\n<!-- newslint: disabel -->\n"
    (project / "a.txt").write_text(text, encoding="utf-8")
    (project / "b.jsonl").write_text(
        json.dumps({"title": "Cargo volumes rise", "maintext": "Busan handled more boxes.", "newslint_ignore": ["busan-spelling"]}) + "\n",
        encoding="utf-8",
    )
    proc = lint(project, "a.txt", "b.jsonl", "--report-unused", "--format", "json", runner=run_cli)
    assert proc.returncode == 1
    unused = [(v["path"], v["line"], v["column"], v["severity"], v["message"]) for v in json.loads(proc.stdout) if v["rule"] == "unused-suppression"]
    assert unused == [
        ("a.txt", 6, 1, "warning", "this comment disables 'empty-html-tag' on line 7, but it hid no finding"),
        ("a.txt", 8, 1, "warning", "this comment disables 'busan-speling' on line 9, which is not a rule (see `newslint rules`)"),
        ("a.txt", 10, 1, "warning", "unknown newslint comment '<!-- newslint: disabel -->'; write 'disable=RULES' or 'disable-file=RULES'"),
        ("b.jsonl", 1, 1, "warning", "newslint_ignore lists 'busan-spelling', but it hid no finding"),
    ]
    # Without the flag the same run reports none of them.
    quiet = lint(project, "a.txt", "b.jsonl", "--format", "json")
    assert not [v for v in json.loads(quiet.stdout) if v["rule"] == "unused-suppression"]


def test_suppression_of_a_rule_left_out_by_select_is_not_judged(project: Path) -> None:
    text = ARTICLE.replace("The Pusan International", "The Busan International")
    (project / "a.txt").write_text(text, encoding="utf-8")
    proc = cli("a.txt", "--select", "empty-html-tag", "--report-unused", cwd=project)
    assert proc.returncode == 0, proc.stdout
    proc = cli("a.txt", "--select", "busan-spelling", "--report-unused", cwd=project)
    assert "a.txt:4:1: warning unused-suppression" in proc.stdout


def test_parse_directives_places_and_targets() -> None:
    text = "para one\n  <!-- newslint:disable = a, b -->\r\npara two\n<!--newslint: disable-file-->"
    found = parse_directives("x.txt", text)
    assert [(d.line, d.column, d.target, d.whole_file, d.rules, d.problem) for d in found] == [
        (2, 3, 3, False, ("a", "b"), None),
        (4, 1, 5, True, None, None),
    ]
