"""The command line end to end, in a subprocess, on articles in a temporary folder.

The project's own rule folder (config `rules:`) holds one rule of each generic kind, as the
README shows them, so these tests read the same whatever the shipped rule set holds; a few runs
use the shipped rules on the samples in seeds/.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED, run_cli
from inprocess_cli import cli

from newslint import __version__
from newslint.readers.stdin import sniff_format

PLACEHOLDER_RULE = """\
name: placeholder-text
check: pattern
severity: error
message: "Placeholder left in the story: '{match}'"
description: |
  Editors' placeholders (TK, lorem ipsum) saved in place of the facts.
  A second line of description.
phrases: ["lorem ipsum"]
patterns: ["TK(?:TK)+"]
ignore-case: false
"""

CITY_RULE = """\
name: house-city-names
check: substitution
severity: warning
message: "Write '{replacement}', not '{match}'"
description: Old romanisations of city names that the house style no longer uses.
swap:
  Pusan: Busan
  Inchon: Incheon
"""

NB = "\u00a0"


def article(title: str, date: str, *paragraphs: str) -> str:
    return f"{title} {NB} DATE: {date}\n\n" + "".join(p + "\n" for p in paragraphs)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A newsroom's folder: its config, its own rules, and a few articles."""
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "placeholder-text.yaml").write_text(PLACEHOLDER_RULE, encoding="utf-8")
    (tmp_path / "style" / "house-city-names.yaml").write_text(CITY_RULE, encoding="utf-8")
    (tmp_path / "newslint.yaml").write_text(
        "rules: [style]\nselect: [placeholder-text, house-city-names]\nexclude: ['drafts/**']\n", encoding="utf-8")
    news = tmp_path / "news"
    (news / "2024" / "05").mkdir(parents=True)
    (news / "2024" / "05" / "port.txt").write_text(article(
        "Container traffic at Pusan port hits record", "2024-05-03 09:00:00",
        "PUSAN, May 3 (Port Desk) -- Container traffic reached a record in April, TKTK the port authority said.",
        "Ships from Inchon and Pusan carried most of the gain.",
    ), encoding="utf-8")
    (news / "clean.txt").write_text(article(
        "Busan ferry terminal expands", "2024-05-04 10:00:00",
        "BUSAN, May 4 (Port Desk) -- A new ferry terminal opened on Saturday.",
    ), encoding="utf-8")
    records = [
        {"title": "Incheon airport adds routes", "date_publish": "2024-05-05 08:00:00", "maintext": "The airport added six routes."},
        {"title": "Rail link planned", "date_publish": "2024-05-06 08:00:00", "maintext": "A rail link to Inchon airport, lorem ipsum, is planned."},
    ]
    (news / "batch.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (news / "notes.docx").write_bytes(b"PK\x03\x04 not an input format")
    (news / ".cache").mkdir()
    (news / ".cache" / "old.txt").write_text(article("Old", "2020-01-01 00:00:00", "TKTK"), encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "draft.txt").write_text(article("Draft", "2024-05-07 00:00:00", "TKTK lorem ipsum"), encoding="utf-8")
    return tmp_path


EXPECTED_TEXT = [
    "news/2024/05/port.txt:1:22: warning house-city-names Write 'Busan', not 'Pusan'",
    "news/2024/05/port.txt:3:74: error placeholder-text Placeholder left in the story: 'TKTK'",
    "news/2024/05/port.txt:4:12: warning house-city-names Write 'Incheon', not 'Inchon'",
    "news/2024/05/port.txt:4:23: warning house-city-names Write 'Busan', not 'Pusan'",
    "news/batch.jsonl:2:16: warning house-city-names Write 'Incheon', not 'Inchon' [maintext]",
    "news/batch.jsonl:2:32: error placeholder-text Placeholder left in the story: 'lorem ipsum' [maintext]",
    "Found 6 violations (2 errors, 4 warnings) in 2 of 3 files; 4 articles checked.",
]


def test_text_output_of_a_folder_walked_recursively(project):
    proc = run_cli("news", cwd=project)
    assert proc.returncode == 1
    assert proc.stderr == ""
    # Sorted by path, line, column; the docx, the hidden folder and drafts/ (excluded) are not read.
    assert proc.stdout.splitlines() == EXPECTED_TEXT


def test_a_folder_outside_the_current_one_is_shown_as_given(project):
    """A CI job that runs in one checkout and lints another names it by '../' or in full: its
    files are shown under the path as it was written, and config excludes match that path."""
    work = project / "work"
    work.mkdir()
    (work / "newslint.yaml").write_text(
        "rules: [../style]\nselect: [placeholder-text]\nexclude: ['../news/2024/**']\n", encoding="utf-8")
    relative = run_cli("../news", cwd=work)
    assert (relative.returncode, relative.stdout.splitlines()) == (1, [
        "../news/batch.jsonl:2:32: error placeholder-text Placeholder left in the story: 'lorem ipsum' [maintext]",
        "Found 1 violation (1 error) in 1 of 2 files; 3 articles checked.",
    ])
    absolute = run_cli(str(project / "news") + "/", cwd=work)
    assert absolute.stdout.splitlines()[:2] == [
        f"{project}/news/2024/05/port.txt:3:74: error placeholder-text Placeholder left in the story: 'TKTK'",
        f"{project}/news/batch.jsonl:2:32: error placeholder-text Placeholder left in the story: 'lorem ipsum' [maintext]",
    ]


def test_json_output_keys_and_order(project):
    proc = run_cli("--format", "json", ".", cwd=project)
    assert proc.returncode == 1
    found = json.loads(proc.stdout)
    assert [(v["path"], v["line"], v["column"], v["rule"]) for v in found] == [
        ("news/2024/05/port.txt", 1, 22, "house-city-names"),
        ("news/2024/05/port.txt", 3, 74, "placeholder-text"),
        ("news/2024/05/port.txt", 4, 12, "house-city-names"),
        ("news/2024/05/port.txt", 4, 23, "house-city-names"),
        ("news/batch.jsonl", 2, 16, "house-city-names"),
        ("news/batch.jsonl", 2, 32, "placeholder-text"),
    ]
    assert found[1] == {
        "path": "news/2024/05/port.txt", "line": 3, "column": 74, "end_line": 3, "end_column": 78,
        "rule": "placeholder-text", "severity": "error", "message": "Placeholder left in the story: 'TKTK'",
    } | {k: found[1][k] for k in found[1] if k not in (
        "path", "line", "column", "end_line", "end_column", "rule", "severity", "message")}
    record = found[5]
    assert (record["record"], record["field"], record["column"], record["end_column"]) == (2, "maintext", 32, 43)
    assert "record" not in found[0] and "field" not in found[0]


def test_exit_0_when_clean(project):
    proc = run_cli("news/clean.txt", cwd=project)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "No violations in 1 article (1 file checked).\n", "")
    proc = cli("--format", "json", "news/clean.txt", cwd=project)
    assert (proc.returncode, proc.stdout) == (0, "[]\n")


def test_select_and_ignore(project):
    proc = cli("--select", "placeholder-text", "news", cwd=project)
    assert [line.split()[2] for line in proc.stdout.splitlines()[:-1]] == ["placeholder-text"] * 2
    proc = cli("--ignore", "placeholder-text", "news", cwd=project)
    assert {line.split()[2] for line in proc.stdout.splitlines()[:-1]} == {"house-city-names"}
    assert proc.stdout.splitlines()[-1] == "Found 4 violations (4 warnings) in 2 of 3 files; 4 articles checked."


def test_fail_on(project):
    warnings_only = ["--ignore", "placeholder-text", "news"]
    assert cli(*warnings_only, cwd=project).returncode == 1  # default: warning fails
    assert cli("--fail-on", "error", *warnings_only, cwd=project).returncode == 0
    assert cli("--fail-on", "error", "news", cwd=project).returncode == 1
    (project / "newslint.yaml").write_text(
        "rules: [style]\nselect: [placeholder-text, house-city-names]\nfail-on: error\n", encoding="utf-8")
    assert cli(*warnings_only, cwd=project).returncode == 0
    assert cli("--fail-on", "info", *warnings_only, cwd=project).returncode == 1  # the flag beats the config


def test_exclude_glob_also_on_the_command_line_folder(project):
    proc = cli("drafts", cwd=project)
    assert proc.returncode == 0
    assert proc.stdout == "No violations in 0 articles (0 files checked).\n"
    proc = cli(".", cwd=project)
    assert "drafts/" not in proc.stdout


def test_stdin_with_a_file_name(project):
    data = (project / "news" / "batch.jsonl").read_text(encoding="utf-8")
    proc = run_cli("--stdin-filename", "incoming/batch.jsonl", "-", cwd=project, stdin=data)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "incoming/batch.jsonl:2:16: warning house-city-names Write 'Incheon', not 'Inchon' [maintext]",
        "incoming/batch.jsonl:2:32: error placeholder-text Placeholder left in the story: 'lorem ipsum' [maintext]",
        "Found 2 violations (1 error, 1 warning) in 1 of 1 file; 2 articles checked.",
    ]


def test_stdin_defaults_to_the_text_format(project):
    proc = run_cli("-", cwd=project, stdin=article("Pusan fish market reopens", "2024-05-08 06:00:00", "It reopened."))
    assert proc.stdout.splitlines()[0] == "stdin.txt:1:1: warning house-city-names Write 'Busan', not 'Pusan'"


def test_stdin_without_a_name_is_sniffed_as_json_lines_or_a_json_list(project):
    records = [json.loads(line) for line in (project / "news" / "batch.jsonl").read_text(encoding="utf-8").splitlines()]
    expected = [
        "{name}:2:16: warning house-city-names Write 'Incheon', not 'Inchon' [maintext]",
        "{name}:2:32: error placeholder-text Placeholder left in the story: 'lorem ipsum' [maintext]",
        "Found 2 violations (1 error, 1 warning) in 1 of 1 file; 2 articles checked.",
    ]
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    proc = run_cli("-", cwd=project, stdin=lines)
    assert (proc.returncode, proc.stdout.splitlines()) == (1, [e.format(name="stdin.jsonl") for e in expected])
    listed = "[" + ",\n ".join(json.dumps(r) for r in records) + "]\n"  # one record a line: the record is its line
    proc = run_cli("-", cwd=project, stdin=listed)
    assert (proc.returncode, proc.stdout.splitlines()) == (1, [e.format(name="stdin.json") for e in expected])


@pytest.mark.parametrize(("data", "fmt"), [
    ('{"title": "Rail link planned", "maintext": "A rail link."}\n{"title": "B"}\n', ".jsonl"),
    ('\ufeff  {"title": "Rail link planned",\n "maintext": "A rail link."}\n', ".json"),  # pretty-printed
    ('{"title": "Cut off, "maintext": "x"}\n{"title": "B"}\n', ".jsonl"),  # a broken first line
    ("[\n  {\n    \"title\": \"A\"\n  }\n]\n", ".json"),
    ("[]", ".json"),
    ("<!DOCTYPE html>\n<html><body><p>Text</p></body></html>", ".html"),
    (article("[Update] Rail link planned", "2024-05-06 08:00:00", "A rail link is planned."), ".txt"),
    (article("{Korea} 철도 연결 계획", "2024-05-06 08:00:00", "철도 연결이 계획됐다."), ".txt"),
])
def test_how_standard_input_is_sniffed(data, fmt):
    assert sniff_format(data.encode("utf-8")) == fmt
    assert sniff_format(gzip.compress(data.encode("utf-8"))) == fmt


def test_stdin_gzip(project):
    data = gzip.compress((project / "news" / "batch.jsonl").read_bytes())
    proc = run_cli("--stdin-filename", "batch.jsonl.gz", "-", cwd=project, stdin=data)
    assert proc.returncode == 1 and len(proc.stdout.splitlines()) == 3


def test_rules_listing(project):
    proc = cli("rules", cwd=project)
    assert proc.returncode == 0
    assert proc.stdout.splitlines() == [
        "rule              severity  description",
        "house-city-names  warning   Old romanisations of city names that the house style no longer uses.",
        "placeholder-text  error     Editors' placeholders (TK, lorem ipsum) saved in place of the facts.",
    ]


def test_rules_listing_of_the_shipped_rules(tmp_path):
    proc = cli("rules", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    names = [line.split()[0] for line in proc.stdout.splitlines()[1:]]
    for name in ("empty-html-tag", "duplicated-caption"):
        assert name in names
    assert names == sorted(names)


def test_version():
    proc = run_cli("--version")
    assert (proc.returncode, proc.stdout) == (0, f"newslint {__version__}\n")


def test_console_script_and_module_agree(project):
    script = Path(sys.executable).with_name("newslint")
    if not script.exists():
        pytest.fail(f"console script {script} is not installed")
    direct = subprocess.run([str(script), "news"], cwd=project, capture_output=True, text=True, check=False)
    assert direct.returncode == 1
    assert direct.stdout.splitlines() == EXPECTED_TEXT


def test_usage_errors_exit_2(project):
    proc = run_cli(cwd=project)
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-1] == "newslint: error: give at least one PATH (a file, a folder, or - for standard input)"
    proc = cli("news/missing.txt", cwd=project)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == "newslint: error: no such file or folder: news/missing.txt\n"
    proc = cli("--format", "xml", "news", cwd=project)
    assert proc.returncode == 2 and "invalid choice: 'xml'" in proc.stderr
    proc = cli("--select", "placeholder-txt", "news", cwd=project)
    assert proc.returncode == 2
    assert proc.stderr == "newslint: --select: no rule named 'placeholder-txt'; did you mean 'placeholder-text'?\n"


def test_input_error_in_a_folder_is_a_violation_not_a_crash(project):
    (project / "news" / "broken.jsonl").write_bytes(b'{"title": "Cut off", "maintext": "Lorem\n{"title": "Fine", "maintext": "TKTK here"}\n')
    proc = run_cli("news", cwd=project)
    assert proc.returncode == 1 and proc.stderr == ""
    lines = proc.stdout.splitlines()
    assert "news/broken.jsonl:1:34: error input-error malformed JSON record: Unterminated string starting" in lines
    assert "news/broken.jsonl:2:1: error placeholder-text Placeholder left in the story: 'TKTK' [maintext]" in lines
    assert cli("--ignore", "input-error", "news/broken.jsonl", cwd=project).stdout.count("input-error") == 0


def test_shipped_rules_on_the_samples(tmp_path):
    """A real run of the shipped rules on the seed and the samples, from a folder with no config."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    proc = run_cli("--format", "json", "--select", "empty-html-tag", "seeds", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    found = json.loads(proc.stdout)
    places = [(v["path"].removeprefix("seeds/"), v["line"], v["column"]) for v in found]
    assert places == sorted(places)
    assert ("000_cc69422307144f52.txt", 3, 82) in places
    touched = {p for p, _, _ in places}
    assert not touched & {"001_clean_wire.txt", "003_clean_front_matter.md", "README.md"}
    assert {"002_scraper_defects.txt", "004_front_matter_defects.md", "005_newsplease_batch.jsonl",
            "007_listing_export.csv", "008_saved_page.html", "009_newspaper4k_archive.jsonl.gz"} <= touched
    assert SEED.read_bytes() == (tmp_path / "seeds" / SEED.name).read_bytes()
