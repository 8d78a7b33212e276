"""--write-baseline / --baseline: accepted findings stay hidden until their text changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli
from inprocess_cli import cli
from sample_articles import spelling_project

from newslint.workflow.baseline import text_hash

ARTICLE = """\
Ferries to Pusan resume after typhoon     DATE: 2024-09-02 07:15:00

Ferry operators said services between Fukuoka and Pusan resumed on Monday.
Cranes were back at work<em></em> on the container piers.
"""


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return spelling_project(tmp_path, "rules: [rules]\nselect: [busan-spelling, empty-html-tag]\n", {"news/a.txt": ARTICLE})


def found(proc) -> list[tuple[str, int, str]]:
    return [(v["path"], v["line"], v["rule"]) for v in json.loads(proc.stdout)]


def test_write_then_use_hides_every_current_finding(project: Path) -> None:
    wrote = run_cli("news", "--write-baseline", "baseline.json", cwd=project)
    assert wrote.returncode == 0, wrote.stderr
    assert "wrote 3 findings to baseline.json" in wrote.stderr
    data = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    assert data["newslint-baseline"] == 1
    entries = {(e["path"], e["rule"]): e for e in data["findings"]}
    assert entries[("news/a.txt", "busan-spelling")]["count"] == 2
    assert entries[("news/a.txt", "busan-spelling")]["hash"] == text_hash("Pusan")
    assert entries[("news/a.txt", "empty-html-tag")]["text"] == "<em></em>"

    proc = run_cli("news", "--baseline", "baseline.json", cwd=project)
    assert proc.returncode == 0, proc.stdout
    assert "No violations" in proc.stdout


def test_edits_elsewhere_do_not_bring_findings_back_but_new_copies_do(project: Path) -> None:
    cli("news", "--write-baseline", "baseline.json", cwd=project)
    article = project / "news" / "a.txt"
    text = article.read_text(encoding="utf-8")
    # Lines added above move every finding; the accepted ones stay hidden.
    text = text.replace("\n\n", "\n\nA correction was appended on Tuesday.\nShipping agents welcomed the news.\n", 1)
    article.write_text(text, encoding="utf-8")
    proc = cli("news", "--baseline", "baseline.json", "--format", "json", cwd=project)
    assert found(proc) == []
    # A third Pusan is new: exactly one finding comes back.
    article.write_text(text + "Pusan's mayor thanked the crews.\n", encoding="utf-8")
    proc = cli("news", "--baseline", "baseline.json", "--format", "json", cwd=project)
    assert found(proc) == [("news/a.txt", 7, "busan-spelling")]
    assert proc.returncode == 1


def test_changed_text_is_a_new_finding(project: Path) -> None:
    cli("news", "--write-baseline", "baseline.json", cwd=project)
    article = project / "news" / "a.txt"
    article.write_text(ARTICLE.replace("<em></em>", "<strong> </strong>"), encoding="utf-8")
    proc = cli("news", "--baseline", "baseline.json", "--format", "json", cwd=project)
    assert found(proc) == [("news/a.txt", 4, "empty-html-tag")]


def test_baseline_paths_are_relative_to_the_baseline_file(project: Path) -> None:
    (project / "ci").mkdir()
    cli("news", "--write-baseline", "ci/newslint-baseline.json", cwd=project)
    data = json.loads((project / "ci" / "newslint-baseline.json").read_text(encoding="utf-8"))
    assert {e["path"] for e in data["findings"]} == {"../news/a.txt"}
    # Run from another folder: the same findings are still recognised.
    proc = cli("a.txt", "--baseline", "../ci/newslint-baseline.json", "--config", "../newslint.yaml", cwd=project / "news")
    assert proc.returncode == 0, proc.stdout


def test_report_unused_points_at_the_stale_entry_line(project: Path) -> None:
    run_cli("news", "--write-baseline", "baseline.json", cwd=project)
    (project / "news" / "a.txt").write_text(ARTICLE.replace("<em></em>", ""), encoding="utf-8")
    lines = (project / "baseline.json").read_text(encoding="utf-8").splitlines()
    entry_line = next(n for n, line in enumerate(lines, 1) if "empty-html-tag" in line)
    proc = run_cli("news", "--baseline", "baseline.json", "--report-unused", "--format", "json", cwd=project)
    assert proc.returncode == 1
    [v] = json.loads(proc.stdout)
    assert (v["path"], v["line"], v["rule"], v["severity"]) == ("baseline.json", entry_line, "unused-suppression", "warning")
    assert "news/a.txt empty-html-tag" in v["message"]
    # An entry of a file that was not checked in this run is not judged.
    (project / "other.txt").write_text("Quiet day at the port     DATE: 2024-09-03 08:00:00\n\nNothing to report.\n", encoding="utf-8")
    proc = run_cli("other.txt", "--baseline", "baseline.json", "--report-unused", cwd=project)
    assert proc.returncode == 0, proc.stdout


def test_rewriting_keeps_entries_of_files_not_checked(project: Path) -> None:
    (project / "news" / "b.txt").write_text(ARTICLE.replace("<em></em>", ""), encoding="utf-8")
    cli("news", "--write-baseline", "baseline.json", cwd=project)
    # Only b.txt is checked now (as pre-commit passes only staged files); a.txt's entries stay.
    (project / "news" / "b.txt").write_text(ARTICLE.replace("<em></em>", "").replace("Pusan", "Busan"), encoding="utf-8")
    cli("news/b.txt", "--write-baseline", "baseline.json", cwd=project)
    data = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    assert sorted((e["path"], e["rule"], e["count"]) for e in data["findings"]) == [
        ("news/a.txt", "busan-spelling", 2),
        ("news/a.txt", "empty-html-tag", 1),
    ]
    # A rule left out by --select keeps its entries; the rule that ran is written afresh.
    (project / "news" / "a.txt").write_text(ARTICLE.replace("<em></em>", ""), encoding="utf-8")
    cli("news", "--select", "empty-html-tag", "--write-baseline", "baseline.json", cwd=project)
    data = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    assert sorted((e["path"], e["rule"], e["count"]) for e in data["findings"]) == [("news/a.txt", "busan-spelling", 2)]


def test_a_broken_baseline_is_a_usage_error(project: Path) -> None:
    (project / "baseline.json").write_text('{"findings": [}', encoding="utf-8")
    proc = cli("news", "--baseline", "baseline.json", cwd=project)
    assert proc.returncode == 2
    assert "baseline.json" in proc.stderr and "not valid JSON" in proc.stderr


def test_hash_ignores_white_space_changes() -> None:
    assert text_hash("Related:\u00a0Kim  visits\nRussia") == text_hash("Related: Kim visits Russia")
    assert text_hash("Kim visits Russia") != text_hash("Kim visits China")


def test_write_baseline_to_a_place_no_file_can_be_is_one_line_and_exit_2(project: Path) -> None:
    (project / "reports").mkdir()
    cases = [
        ("reports", "newslint: reports: cannot write the baseline: it is a folder; name a file, e.g. reports/.newslint-baseline.json\n"),
        ("news/a.txt/baseline.json", "newslint: news/a.txt/baseline.json: cannot write the baseline: news/a.txt is a file, not a folder\n"),
    ]
    for target, message in cases:
        proc = cli("news", "--write-baseline", target, cwd=project)
        assert (proc.returncode, proc.stderr, proc.stdout) == (2, message, "")
    assert sorted(p.name for p in (project / "reports").iterdir()) == []
    assert (project / "news" / "a.txt").read_text(encoding="utf-8") == ARTICLE


def test_write_baseline_does_not_overwrite_a_file_that_is_not_a_baseline(project: Path) -> None:
    # A slip of the hand: the article itself named as the baseline.
    proc = run_cli("news", "--write-baseline", "news/a.txt", cwd=project)
    assert proc.returncode == 2
    assert proc.stderr.startswith("newslint: news/a.txt:1: baseline is not valid JSON")
    assert len(proc.stderr.splitlines()) == 1
    assert (project / "news" / "a.txt").read_text(encoding="utf-8") == ARTICLE
