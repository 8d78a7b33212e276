"""A user's `pattern` rule that backtracks for minutes is stopped at its regex-timeout: one
check-error for that rule and article, and every other rule and article is still checked."""

from __future__ import annotations

import json

from inprocess_cli import cli
from sample_articles import LOREM_RULE

# Meant to catch a body cut off mid-sentence. On a long run of words with no punctuation (a
# keyword list a scraper kept) it tries every way to split the run before failing at the full
# stop: minutes for a few thousand characters in the regex module.
SLOW_RULE = """\
name: truncated-body
check: pattern
severity: info
message: "The body ends mid-sentence: '{match}'"
description: A body whose last words carry no closing punctuation (the scraper cut it off).
patterns: ['(\\w+ ?)+$']
fields: [body]
regex-timeout: 0.05
"""
KEYWORDS = " ".join(["Suwon", "football", "league", "derby", "goal", "stadium", "fans", "coach"] * 180)
TAGGED = (
    "Late winner sends Suwon top \u00a0DATE: 2024-04-14 21:40:00\n\n"
    "Suwon beat Seoul 2-1 with a goal in the last minute, lorem ipsum the club said.\n"
    f"Tags {KEYWORDS}.\n"
)
CUT_OFF = (
    "수원, 선두 탈환    DATE: 2024-04-14 21:45:00\n\n"
    "경기 종료 직전 수원이 결승골을 넣으며\n"
)


def test_a_backtracking_pattern_gives_one_check_error_and_the_run_goes_on(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "truncated.yaml").write_text(SLOW_RULE)
    (tmp_path / "rules" / "lorem.yaml").write_text(LOREM_RULE)
    (tmp_path / "a-tagged.txt").write_text(TAGGED, encoding="utf-8")
    (tmp_path / "b-cut.txt").write_text(CUT_OFF, encoding="utf-8")
    proc = cli("--rules", "rules", "--select", "truncated-body,no-lorem-ipsum", "a-tagged.txt", "b-cut.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[:3] == [
        "a-tagged.txt:1:1: error check-error rule truncated-body failed on this article: RegexTimeout: its patterns "
        "ran past regex-timeout (0.05 s) on the body and were stopped; a nested repeat such as (a+)+ can take "
        "exponential time",
        "a-tagged.txt:3:54: warning no-lorem-ipsum Placeholder text left in the article: 'lorem ipsum'",
        "b-cut.txt:3:1: info truncated-body The body ends mid-sentence: '경기 종료 직전 수원이 결승골을 넣으며'",
    ]
    assert proc.stdout.count("check-error") == 1


def test_the_timeout_is_set_per_rule_from_the_project_config(tmp_path):
    (tmp_path / "truncated.yaml").write_text(SLOW_RULE.replace("regex-timeout: 0.05\n", ""))
    (tmp_path / "newslint.yaml").write_text(
        "rules: [truncated.yaml]\nselect: [truncated-body]\noptions:\n  truncated-body:\n    regex-timeout: 0.02\n")
    (tmp_path / "a-tagged.txt").write_text(TAGGED, encoding="utf-8")
    proc = cli("--format", "json", "a-tagged.txt", cwd=tmp_path)
    found = json.loads(proc.stdout)
    assert [(v["rule"], v["line"], v["column"]) for v in found] == [("check-error", 1, 1)]
    assert "regex-timeout (0.02 s)" in found[0]["message"]
    assert proc.returncode == 1


def test_a_timeout_that_is_not_a_positive_number_is_a_config_error(tmp_path):
    (tmp_path / "truncated.yaml").write_text(SLOW_RULE.replace("regex-timeout: 0.05", "regex-timeout: 0"))
    (tmp_path / "a.txt").write_text(CUT_OFF, encoding="utf-8")
    proc = cli("--rules", "truncated.yaml", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "newslint: truncated.yaml:8: key 'regex-timeout': Input should be greater than 0 (got 0)\n"
