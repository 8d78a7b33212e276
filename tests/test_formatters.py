"""Output formats end to end: `newslint --format F` on articles in a temporary project, read
back the way the consuming tool reads it (JSON, SARIF schema, workflow commands, XML)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import need_shared, run_cli
from inprocess_cli import cli
from sample_articles import FLOOD, SELECT, project

TEXT_FINDINGS = [
    "articles/batch.jsonl:1:58: warning newsletter-promo",
    "articles/batch.jsonl:3:34: error input-error",
    "articles/filler.txt:1:1: error placeholder-text",
    "articles/filler.txt:3:1: error placeholder-text",
    "articles/flood-budget.txt:6:1: warning newsletter-promo",
    "articles/flood-budget.txt:7:15: info click-here",
]


@pytest.fixture(scope="module")
def shared_proj(tmp_path_factory) -> Path:
    """One project for the tests that only read it; each format is run on it once."""
    return project(tmp_path_factory.mktemp("formats"))


_RUNS: dict[tuple, object] = {}


def lint(proj: Path, *args: str, env: dict | None = None):
    """The real process, as CI runs it."""
    return run_cli("articles", "--select", SELECT, *args, cwd=proj, env=env)


def lint_here(proj: Path, *args: str):
    """The same command line run in this process, for the many variations."""
    return cli("articles", "--select", SELECT, *args, cwd=proj)


def lint_once(proj: Path, *args: str):
    """`lint` for an unchanged project: the same command is run once per module."""
    key = (proj, args)
    if key not in _RUNS:
        _RUNS[key] = lint(proj, *args)
    return _RUNS[key]


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    """A project of its own, for tests that change its files."""
    return project(tmp_path)


def test_text_is_the_baseline_the_other_formats_are_compared_with(shared_proj):
    proc = lint_once(shared_proj)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert [line.split(" ", 3)[:3] for line in lines[:-1]] == [f.split(" ") for f in TEXT_FINDINGS]
    assert lines[-1].startswith("Found 6 violations (3 errors, 2 warnings, 1 info) in 3 of 4 files")


# --- jsonl -----------------------------------------------------------------------------------

def test_jsonl_is_one_json_object_a_line_with_the_json_keys(shared_proj):
    as_json = json.loads(lint_once(shared_proj, "--format", "json").stdout)
    proc = lint_once(shared_proj, "--format", "jsonl")
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == 6
    assert [json.loads(line) for line in lines] == as_json
    record = json.loads(lines[0])
    assert record["record"] == 1 and record["field"] == "maintext" and record["column"] == 58


def test_jsonl_prints_nothing_when_clean(shared_proj):
    proc = cli("articles/library-hours.txt", "--select", SELECT, "--format", "jsonl", cwd=shared_proj)
    assert proc.returncode == 0 and proc.stdout == ""


# --- sarif -----------------------------------------------------------------------------------

def sarif_validator():
    import jsonschema

    schema = json.loads(need_shared("schemas", "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def sarif(proj: Path, cached: bool = False) -> dict:
    proc = (lint_once if cached else lint_here)(proj, "--format", "sarif")
    assert proc.returncode == 1, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.shared
def test_sarif_is_valid_sarif_2_1_0(shared_proj):
    validator = sarif_validator()
    log = sarif(shared_proj, cached=True)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    assert log["version"] == "2.1.0"


@pytest.mark.shared
def test_sarif_of_the_shipped_rules_on_the_seeds_is_valid(tmp_path):
    # Every shipped rule's metadata (whatever its description holds) must make valid SARIF.
    validator = sarif_validator()
    proc = cli(str(Path(__file__).resolve().parent.parent / "seeds"), "--format", "sarif", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    log = json.loads(proc.stdout)
    assert not list(validator.iter_errors(log))
    listed = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    from newslint.config import ProjectConfig, load_rules

    shipped = {r.name for r in load_rules(ProjectConfig())}
    assert shipped <= listed


def test_sarif_describes_each_rule_from_its_yaml(shared_proj):
    run = sarif(shared_proj, cached=True)["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    promo = rules["newsletter-promo"]
    assert promo["shortDescription"]["text"] == "A newsletter sign-up line saved as part of the article body."
    assert promo["fullDescription"]["text"].startswith("A newsletter sign-up line saved")
    assert "from the page template" in promo["fullDescription"]["text"]
    assert promo["defaultConfiguration"]["level"] == "warning"
    assert rules["placeholder-text"]["defaultConfiguration"]["level"] == "error"
    assert rules["click-here"]["defaultConfiguration"]["level"] == "note"
    assert rules["input-error"]["defaultConfiguration"]["level"] == "error"
    assert run["tool"]["driver"]["name"] == "newslint"
    # ruleIndex points at the rule's descriptor
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_results_have_relative_paths_and_the_text_report_positions(shared_proj):
    run = sarif(shared_proj, cached=True)["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == shared_proj.resolve().as_uri() + "/"
    by_place = {}
    for r in run["results"]:
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not loc["artifactLocation"]["uri"].startswith(("/", "file:"))
        by_place[(loc["artifactLocation"]["uri"], loc["region"]["startLine"], r["ruleId"])] = (r, loc["region"])
    result, region = by_place[("articles/flood-budget.txt", 6, "newsletter-promo")]
    assert region == {"startLine": 6, "startColumn": 1, "endLine": 6, "endColumn": 28}
    assert result["level"] == "warning"
    assert result["message"]["text"] == "Newsletter call-to-action saved with the story: 'Subscribe to our newsletter'"
    _, region = by_place[("articles/flood-budget.txt", 7, "click-here")]
    assert region == {"startLine": 7, "startColumn": 15, "endLine": 7, "endColumn": 25}
    # In a JSONL record the column counts inside the field, so the region is the record's line.
    result, region = by_place[("articles/batch.jsonl", 1, "newsletter-promo")]
    assert region == {"startLine": 1}
    assert result["properties"] == {"record": 1, "field": "maintext", "fieldColumn": 58, "fieldEndColumn": 85}
    assert "field maintext" in result["message"]["text"]


def test_sarif_path_with_spaces_is_a_percent_encoded_uri(tmp_path):
    project(tmp_path)
    (tmp_path / "articles" / "flood budget 2024.txt").write_text(FLOOD, encoding="utf-8")
    proc = cli("articles/flood budget 2024.txt", "--select", SELECT, "--format", "sarif", cwd=tmp_path)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(proc.stdout)["runs"][0]["results"]}
    assert uris == {"articles/flood%20budget%202024.txt"}


def fingerprints_by_finding(log: dict) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for r in log["runs"][0]["results"]:
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        out.setdefault((uri, r["ruleId"]), []).append(r["partialFingerprints"]["newslint/v1"])
    return out


def test_sarif_fingerprints_survive_a_line_move_and_tell_copies_apart(proj):
    before = fingerprints_by_finding(sarif(proj))
    # Two copies of the same filler line have different fingerprints.
    filler = before[("articles/filler.txt", "placeholder-text")]
    assert len(filler) == 2 and len(set(filler)) == 2
    # Two paragraphs added above the promo line move it to line 8; its fingerprint stays.
    path = proj / "articles" / "flood-budget.txt"
    head, body = FLOOD.split("\n\n", 1)
    path.write_text(head + "\n\nA correction was added.\nAnd an editor's note.\n" + body, encoding="utf-8")
    after_log = sarif(proj)
    after = fingerprints_by_finding(after_log)
    assert after[("articles/flood-budget.txt", "newsletter-promo")] == before[("articles/flood-budget.txt", "newsletter-promo")]
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after_log["runs"][0]["results"]
             if r["ruleId"] == "newsletter-promo" and "flood" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]]
    assert lines == [8]
    # A different flagged text in the same file and rule gets a different fingerprint.
    path.write_text(FLOOD.replace("Subscribe to our newsletter", "Sign up for our morning briefing"), encoding="utf-8")
    changed = fingerprints_by_finding(sarif(proj))
    assert changed[("articles/flood-budget.txt", "newsletter-promo")] != before[("articles/flood-budget.txt", "newsletter-promo")]


def test_sarif_for_a_clean_run_has_rules_and_no_results(shared_proj):
    proc = cli("articles/library-hours.txt", "--select", SELECT, "--format", "sarif", cwd=shared_proj)
    assert proc.returncode == 0
    run = json.loads(proc.stdout)["runs"][0]
    assert run["results"] == []
    assert {"newsletter-promo", "placeholder-text", "click-here"} <= {r["id"] for r in run["tool"]["driver"]["rules"]}


# --- github ----------------------------------------------------------------------------------

def test_github_annotations_then_the_plain_report(shared_proj):
    proc = lint_once(shared_proj, "--format", "github")
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == 6
    assert (
        "::warning file=articles/flood-budget.txt,line=6,col=1,endLine=6,endColumn=28,"
        "title=newslint (newsletter-promo)::Newsletter call-to-action saved with the story: 'Subscribe to our newsletter'"
    ) in annotations
    assert "::notice file=articles/flood-budget.txt,line=7,col=15,endLine=7,endColumn=25,title=newslint (click-here)::" \
        "Link text left from the page: 'click here'" in annotations
    assert any(a.startswith("::error file=articles/filler.txt,line=1,col=1,") for a in annotations)
    # A record's finding gives no column: its offset counts inside the field, not the line.
    assert ("::warning file=articles/batch.jsonl,line=1,title=newslint (newsletter-promo)::"
            "Newsletter call-to-action saved with the story: 'Subscribe to our newsletter' [maintext, characters 58-85]") in annotations
    # The annotations come first; then the whole plain report, since GitHub shows only ten.
    text = lines[len(annotations):]
    assert all(not line.startswith("::") for line in text)
    assert [line.split(" ", 3)[:3] for line in text[:-1]] == [f.split(" ") for f in TEXT_FINDINGS]
    assert text[-1].startswith("Found 6 violations")


def test_github_is_the_default_under_github_actions(shared_proj):
    auto = lint(shared_proj, env={"GITHUB_ACTIONS": "true"})
    assert auto.returncode == 1
    assert auto.stdout == lint_once(shared_proj, "--format", "github").stdout
    plain = lint_once(shared_proj)
    assert not any(line.startswith("::") for line in plain.stdout.splitlines())
    chosen = lint(shared_proj, "--format", "text", env={"GITHUB_ACTIONS": "true"})
    assert chosen.stdout == plain.stdout


def test_github_escapes_data_and_properties(tmp_path):
    (tmp_path / "rules").mkdir()
    # A message with %, a line break and a comma; a file name with a comma and a colon.
    (tmp_path / "rules" / "discount.yaml").write_text(
        'name: discount-banner\ncheck: pattern\nseverity: warning\n'
        'message: "Shop banner in the story: {match}\\nRemove it, then re-run"\n'
        'description: A shop discount banner saved with the article.\n'
        'phrases: ["50% off"]\n', encoding="utf-8")
    name = "deals, week 12: spring.txt"
    (tmp_path / name).write_text(
        "Spring sale draws crowds      DATE: 2024-03-20 09:00:00\n\nShoppers queued early. Get 50% off today.\n",
        encoding="utf-8")
    proc = cli(name, "--rules", "rules", "--select", "discount-banner", "--format", "github", cwd=tmp_path)
    first = proc.stdout.splitlines()[0]
    assert first == (
        "::warning file=deals%2C week 12%3A spring.txt,line=3,col=28,endLine=3,endColumn=35,"
        "title=newslint (discount-banner)::Shop banner in the story: 50%25 off%0ARemove it, then re-run"
    )


# --- gitlab ----------------------------------------------------------------------------------

def test_gitlab_code_quality_report(shared_proj):
    proc = lint_once(shared_proj, "--format", "gitlab")
    assert proc.returncode == 1
    issues = json.loads(proc.stdout)
    assert len(issues) == 6
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= issue.keys()
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert not issue["location"]["path"].startswith("/")
    assert len({i["fingerprint"] for i in issues}) == 6
    by = {(i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"]): i for i in issues}
    promo = by[("articles/flood-budget.txt", 6, "newsletter-promo")]
    assert promo["severity"] == "minor"
    assert promo["description"] == "Newsletter call-to-action saved with the story: 'Subscribe to our newsletter'"
    assert by[("articles/filler.txt", 1, "placeholder-text")]["severity"] == "major"
    assert by[("articles/flood-budget.txt", 7, "click-here")]["severity"] == "info"
    assert by[("articles/batch.jsonl", 3, "input-error")]["severity"] == "critical"
    assert by[("articles/batch.jsonl", 1, "newsletter-promo")]["description"].endswith("[maintext]")


def test_gitlab_fingerprints_are_stable_across_runs_and_line_moves(proj):
    def fps():
        return {(i["location"]["path"], i["check_name"], i["location"]["lines"]["begin"]): i["fingerprint"]
                for i in json.loads(lint_here(proj, "--format", "gitlab").stdout)}
    first, again = fps(), fps()
    assert first == again
    path = proj / "articles" / "flood-budget.txt"
    head, body = FLOOD.split("\n\n", 1)
    path.write_text(head + "\n\nAn update was added at noon.\n" + body, encoding="utf-8")
    moved = fps()
    assert moved[("articles/flood-budget.txt", "newsletter-promo", 7)] == first[("articles/flood-budget.txt", "newsletter-promo", 6)]


# --- junit -----------------------------------------------------------------------------------

def test_junit_has_a_suite_per_file_and_a_failure_per_finding(shared_proj):
    proc = lint_once(shared_proj, "--format", "junit")
    assert proc.returncode == 1
    root = ET.fromstring(proc.stdout)
    assert root.tag == "testsuites" and root.get("failures") == "6"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"articles/batch.jsonl", "articles/filler.txt", "articles/flood-budget.txt",
                           "articles/library-hours.txt"}
    clean = suites["articles/library-hours.txt"]
    assert clean.get("failures") == "0" and len(clean.findall("testcase")) == 1
    assert clean.find("testcase/failure") is None
    flood = suites["articles/flood-budget.txt"]
    assert flood.get("tests") == "2" and flood.get("failures") == "2"
    failures = [c.find("failure") for c in flood.findall("testcase")]
    assert failures[0].get("type") == "warning"
    assert failures[0].get("message") == "Newsletter call-to-action saved with the story: 'Subscribe to our newsletter'"
    assert failures[0].text.startswith("articles/flood-budget.txt:6:1: warning newsletter-promo")
    assert flood.findall("testcase")[1].get("name") == "click-here at line 7, column 15"
    assert int(root.get("tests")) == 7


def test_junit_stays_valid_xml_with_markup_and_control_characters(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "embed.yaml").write_text(
        'name: embed-code\ncheck: pattern\nseverity: error\nmessage: "Embed code in the text: {match}"\n'
        'description: Social media embed markup saved as text.\npatterns: [\'<blockquote class="[^"]*"[^>]*>[^<]*\']\n'
        "whole-words: false\n", encoding="utf-8")
    # A vertical tab (invalid in XML 1.0 even escaped) inside the flagged text, and < & " around it.
    body = 'Fans reacted online. <blockquote class="tw & co">Great \x0b game</blockquote>\n'
    (tmp_path / "match.txt").write_text("Derby ends level      DATE: 2024-04-01 21:00:00\n\n" + body, encoding="utf-8")
    proc = cli("match.txt", "--rules", "rules", "--select", "embed-code", "--format", "junit", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    root = ET.fromstring(proc.stdout)  # raises on invalid XML
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message") == 'Embed code in the text: <blockquote class="tw & co">Great \ufffd game'


def test_junit_with_no_files_is_an_empty_passing_report(tmp_path):
    (tmp_path / "empty").mkdir()
    proc = cli("empty", "--format", "junit", cwd=tmp_path)
    assert proc.returncode == 0
    root = ET.fromstring(proc.stdout)
    assert root.get("tests") == "0" and root.get("failures") == "0"


# --- real scraped articles -------------------------------------------------------------------

@pytest.mark.shared
def test_machine_formats_stay_valid_on_real_scraped_articles(tmp_path):
    """Real pages and CSV exports (entities, odd white space, control characters, absolute
    paths outside the current folder): SARIF still validates, JUnit still parses, GitLab
    fingerprints stay unique, and every format reports the same findings."""
    corpus = [str(need_shared("corpus", "koreaherald-covid")), str(need_shared("corpus", "readability"))]
    validator = sarif_validator()
    log = json.loads(cli(*corpus, "--format", "sarif", cwd=tmp_path).stdout)
    assert not list(validator.iter_errors(log))
    results = log["runs"][0]["results"]
    assert results, "the sample should have findings"
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("file:///") for r in results)
    issues = json.loads(cli(*corpus, "--format", "gitlab", cwd=tmp_path).stdout)
    assert len(issues) == len(results) == len({i["fingerprint"] for i in issues})
    root = ET.fromstring(cli(*corpus, "--format", "junit", cwd=tmp_path).stdout)
    assert int(root.get("failures")) == len(results)
