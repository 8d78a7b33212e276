"""Explaining: `newslint rule NAME`, `--statistics`, `--quiet`, and colour only on a terminal."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli
from inprocess_cli import cli
from sample_articles import SELECT, project


@pytest.fixture(scope="module")
def shared_proj(tmp_path_factory) -> Path:
    """One project for the tests that only read it."""
    return project(tmp_path_factory.mktemp("explain"))


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    """A project of its own, for tests that change its config."""
    return project(tmp_path)


# --- newslint rule NAME ----------------------------------------------------------------------

def test_rule_prints_description_severity_kind_options_and_examples(shared_proj):
    proc = run_cli("rule", "newsletter-promo", cwd=shared_proj)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("newsletter-promo\n")
    assert "severity: warning" in out
    assert "check:    pattern" in out
    assert "message:  Newsletter call-to-action saved with the story: '{match}'" in out
    assert "file:     rules/newsletter-promo.yaml" in out
    assert "A newsletter sign-up line saved as part of the article body." in out
    assert '  phrases:       ["Subscribe to our newsletter", "Sign up for our morning briefing"]\n' in out
    assert "  ignore-case:   true\n" in out
    assert "  whole-words:   true  (default)\n" in out
    assert "  regex-timeout: 1.0  (default)\n" in out
    flagged = out.index("Flagged:\n  - Rain is expected over the weekend.")
    clean = out.index("Not flagged:\n  - The council voted to subscribe the town")
    assert flagged < clean


def test_rule_shows_the_project_s_option_values(proj):
    (proj / "newslint.yaml").write_text(
        "rules: [rules]\noptions:\n  newsletter-promo:\n    whole-words: false\nseverity:\n  newsletter-promo: error\n",
        encoding="utf-8")
    out = cli("rule", "newsletter-promo", cwd=proj).stdout
    assert "  whole-words:   false\n" in out  # not the rule file's value, nor marked default
    assert "severity: error" in out


def test_rule_says_when_the_project_leaves_it_out(proj):
    (proj / "newslint.yaml").write_text("rules: [rules]\nignore: [click-here]\n", encoding="utf-8")
    proc = cli("rule", "click-here", cwd=proj)
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[0] == "click-here (not active here: select or ignore leaves it out)"
    flagged = cli("rule", "newsletter-promo", "--ignore", "newsletter-promo", cwd=proj)
    assert flagged.stdout.splitlines()[0] == "newsletter-promo (not active here: select or ignore leaves it out)"
    assert cli("rule", "newsletter-promo", cwd=proj).stdout.splitlines()[0] == "newsletter-promo"


def test_rule_explains_the_built_in_input_error(shared_proj):
    proc = cli("rule", "input-error", cwd=shared_proj)
    assert proc.returncode == 0
    assert "malformed JSON line" in proc.stdout and "severity: error" in proc.stdout


def test_unknown_rule_exits_2_and_names_near_ones(shared_proj):
    proc = cli("rule", "newsletter-promos", cwd=shared_proj)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "no rule named 'newsletter-promos'" in proc.stderr
    assert "did you mean: newsletter-promo" in proc.stderr
    proc = cli("rule", "zzzz", cwd=shared_proj)
    assert proc.returncode == 2 and "see `newslint rules`" in proc.stderr


def test_rule_without_a_name_is_a_usage_error(shared_proj):
    proc = cli("rule", cwd=shared_proj)
    assert proc.returncode == 2 and "usage: newslint rule NAME" in proc.stderr


def test_every_shipped_rule_can_be_explained(tmp_path):
    from newslint import explain
    from newslint.config import ProjectConfig, load_rules

    rules = load_rules(ProjectConfig())
    assert rules, "no shipped rules"
    for rule in rules:
        text = explain.describe(rule)
        assert text.startswith(rule.name) and "Options in effect:" in text
        assert rule.description.strip().splitlines()[0] in text
    # and one through the command line, from a folder with no project config
    name = rules[0].name
    proc = run_cli("rule", name, cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.startswith(name)


# --- --statistics ----------------------------------------------------------------------------

def test_statistics_counts_per_rule_most_frequent_first(shared_proj):
    proc = run_cli("articles", "--select", SELECT, "--statistics", cwd=shared_proj)
    assert proc.returncode == 1  # the exit status is that of the findings
    rows = [line.split("\t") for line in proc.stdout.splitlines()]
    assert [(r[0].strip(), r[1].strip(), r[2]) for r in rows] == [
        ("2", "newsletter-promo", "[ ] warning"),
        ("2", "placeholder-text", "[ ] error"),
        ("1", "click-here", "[ ] info"),
        ("1", "input-error", "[ ] error"),
    ]
    assert "articles/" not in proc.stdout  # counts instead of the findings


def test_statistics_as_json(shared_proj):
    proc = cli("articles", "--select", SELECT, "--statistics", "--format", "json", cwd=shared_proj)
    assert json.loads(proc.stdout) == [
        {"rule": "newsletter-promo", "count": 2, "severity": "warning", "fixable": False},
        {"rule": "placeholder-text", "count": 2, "severity": "error", "fixable": False},
        {"rule": "click-here", "count": 1, "severity": "info", "fixable": False},
        {"rule": "input-error", "count": 1, "severity": "error", "fixable": False},
    ]


def test_statistics_of_a_clean_run_is_empty(shared_proj):
    proc = cli("articles/library-hours.txt", "--select", SELECT, "--statistics", cwd=shared_proj)
    assert proc.returncode == 0 and proc.stdout == ""


# --- --quiet ---------------------------------------------------------------------------------

def test_quiet_prints_the_findings_only(shared_proj):
    loud = cli("articles", "--select", SELECT, cwd=shared_proj).stdout.splitlines()
    quiet = cli("articles", "--select", SELECT, "--quiet", cwd=shared_proj)
    assert quiet.returncode == 1
    assert quiet.stdout.splitlines() == loud[:-1]
    assert all(line.startswith("articles/") for line in quiet.stdout.splitlines())
    clean = cli("articles/library-hours.txt", "--select", SELECT, "-q", cwd=shared_proj)
    assert clean.returncode == 0 and clean.stdout == ""


# --- colour ----------------------------------------------------------------------------------

ESC = "\x1b["


def run_on_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """The CLI with its standard output on a pseudo-terminal, as a user at a terminal runs it."""
    main, secondary = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS")}
    proc = subprocess.Popen([sys.executable, "-m", "newslint", *args], cwd=cwd, stdout=secondary,
                            stderr=subprocess.PIPE, env={**full_env, **env})
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(main)
    proc.wait(timeout=60)
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_colour_on_a_terminal_unless_no_color(shared_proj):
    args = ["articles/flood-budget.txt", "--select", SELECT]
    coloured = run_on_terminal(args, shared_proj, {})
    assert f"{ESC}33mwarning{ESC}0m" in coloured and f"{ESC}36minfo{ESC}0m" in coloured
    plain = run_on_terminal(args, shared_proj, {"NO_COLOR": "1"})
    assert ESC not in plain and "warning newsletter-promo" in plain


def test_no_colour_in_a_pipe_unless_forced(shared_proj, monkeypatch):
    args = ("articles/flood-budget.txt", "--select", SELECT)
    assert ESC not in run_cli(*args, cwd=shared_proj).stdout
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert f"{ESC}33mwarning{ESC}0m" in cli(*args, cwd=shared_proj).stdout
    # Machine formats never carry colour codes.
    assert ESC not in cli(*args, "--format", "json", cwd=shared_proj).stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert ESC not in cli(*args, cwd=shared_proj).stdout
