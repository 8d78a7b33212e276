"""Every regular expression a user supplies runs under `regex-timeout`, not only `pattern` rules':
promo-block's labels, calls to action and phrase lists, duplicated-caption's credits,
empty-html-tag's allowed start tags. A pattern that backtracks past the limit gives one
check-error for that rule and article; the other rules, and the same rule on the other articles,
are still checked, and the run exits 1 (a check-error is an error).

The patterns are mistakes a user makes: a bounded repeat of optional-space words,
`(?:\\w+ ?){1,20}`, can split a run of words in more ways than there are atoms in the world,
and the `regex` module's guards against nested repeats do not stop it. On the articles below
each ran past a limit raised to 5 s; the tests set 0.05 s so they stay fast.
"""

from __future__ import annotations

import json

import pytest
from inprocess_cli import cli

STOPPED = ("rule {rule} failed on this article: RegexTimeout: its patterns ran past regex-timeout "
           "(0.05 s) on the {field} and were stopped; a nested repeat such as (a+)+ can take exponential time")

# A wire story with a related-headlines widget; the caption is saved twice and an empty <b> is
# left in the last paragraph.
RATES = """\
Bank of Korea holds rates as housing prices climb \u00a0 DATE: 2024-05-23 10:12:00

A man walks past a real estate agency in southern Seoul on May 22, 2024. Yonhap
A man walks past a real estate agency in southern Seoul on May 22, 2024. Yonhap
SEOUL, May 23 (Yonhap) -- The Bank of Korea kept its key rate unchanged at 3.5 percent on Thursday, citing household debt and rising housing prices in Seoul.
Governor Rhee Chang-yong said the board would watch the property market closely.
Most read
Seoul housing prices rise as buyers return - Yonhap
Won weakens against dollar for third day
Exporters brace for slower chip demand
The decision was widely expected by economists polled by Yonhap.<b></b>
"""
# A Korean sports story with a newsletter pitch, which the shipped phrases find.
DERBY = """\
수원, 서울과의 더비에서 승리 \u00a0 DATE: 2024-04-14 21:40:00

수원이 일요일 서울과의 더비에서 종료 직전 결승골로 2-1 승리를 거뒀다.
Sign up for our newsletter to get the K League scores every morning.
감독은 경기 후 팬들에게 감사의 뜻을 전했다.
"""


def _project(tmp_path, config: str, files: dict[str, str] | None = None):
    (tmp_path / "newslint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "a-rates.txt").write_text(RATES, encoding="utf-8")
    (tmp_path / "b-derby.txt").write_text(DERBY, encoding="utf-8")
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return cli("--format", "json", "a-rates.txt", "b-derby.txt", cwd=tmp_path)


def _found(proc) -> list[tuple[str, str, int, int]]:
    return [(v["path"], v["rule"], v["line"], v["column"]) for v in json.loads(proc.stdout)]


def _check_error(proc) -> dict:
    errors = [v for v in json.loads(proc.stdout) if v["rule"] == "check-error"]
    assert len(errors) == 1, errors
    return errors[0]


# What the shipped rules report on the two articles when every pattern finishes in time.
EVERY_RULE = [
    ("a-rates.txt", "duplicated-caption", 4, 1),
    ("a-rates.txt", "promo-block", 7, 1),
    ("a-rates.txt", "empty-html-tag", 11, 65),
    ("b-derby.txt", "promo-block", 4, 1),
]


def test_without_user_patterns_every_rule_reports_its_finding(tmp_path):
    proc = _project(tmp_path, "fail-on: error\n")
    assert sorted(_found(proc)) == sorted(EVERY_RULE)
    assert proc.returncode == 1  # duplicated-caption and empty-html-tag are errors


HOUSE_PROMO_CONFIG = (
    "options:\n"
    "  promo-block:\n"
    "    extra-phrase-lists: [house-promo.yaml]\n"
    "    regex-timeout: 0.05\n"
)
# (config, further files, the article the pattern backtracks on, the rule it stops there)
BACKTRACKING = {
    # Meant for a newsroom's sign-off label ("Economy desk", "Election 2024"); tried against
    # the widget's "Seoul housing prices rise as buyers return - Yonhap" it runs for minutes.
    # (A label that needs a word, "desk" alone, is tried only on lines that hold the word; the
    # year makes this one tried on every line.)
    "a promo label": (
        "options:\n"
        "  promo-block:\n"
        "    labels:\n"
        "      desk label: ['(?:\\w+ ?){1,20}(?:desk|team|\\d{4})']\n"
        "    regex-timeout: 0.05\n",
        {}, "a-rates.txt", "promo-block",
    ),
    # A project's own phrase list (extra-phrase-lists): "Download the news app from Yonhap"
    # was meant; every paragraph of up to 40 words that names Yonhap (the word it cannot
    # match without) is tried against it.
    "a call to action in a user's phrase list": (
        HOUSE_PROMO_CONFIG,
        {"house-promo.yaml": (
            "language: English (house)\n"
            "calls-to-action:\n"
            "  app promo: ['(?:\\w+ ?){1,20}(?:app|desk) (?:of|from) yonhap']\n"
        )},
        "a-rates.txt", "promo-block",
    ),
    # A pitch runs on the lines that hold the words it cannot match without ("newsletter"):
    # the sign-up line of the Korean story, whose opening words it splits every way.
    "a pitch in a user's phrase list": (
        HOUSE_PROMO_CONFIG,
        {"house-promo.yaml": (
            "language: English (house)\n"
            "pitches:\n"
            "  desk pitch: ['(?:\\w+ ?){1,20}(?:desk|team) newsletter']\n"
        )},
        "b-derby.txt", "promo-block",
    ),
    # "Yonhap Photo Desk" was meant; the caption's own words are a long run of words.
    "a photo credit": (
        "options:\n"
        "  duplicated-caption:\n"
        "    credits: ['(?:\\w+ ?){1,20}(?:Desk|Team)']\n"
        "    regex-timeout: 0.05\n",
        {}, "a-rates.txt", "duplicated-caption",
    ),
}


@pytest.mark.parametrize("what", BACKTRACKING)
def test_a_pattern_that_backtracks_stops_its_rule_on_that_article_only(tmp_path, what):
    config, files, stopped_path, stopped_rule = BACKTRACKING[what]
    proc = _project(tmp_path, config, files)
    err = _check_error(proc)
    assert (err["path"], err["line"], err["column"], err["severity"]) == (stopped_path, 1, 1, "error")
    assert err["message"] == STOPPED.format(rule=stopped_rule, field="body")
    # What every rule reports without the user's pattern, but for the stopped rule on that
    # article: a check-error in its place. The same rule on the other article is still checked.
    expected = [f for f in EVERY_RULE if (f[0], f[1]) != (stopped_path, stopped_rule)]
    assert sorted(_found(proc)) == sorted([*expected, (stopped_path, "check-error", 1, 1)])
    assert proc.returncode == 1


def test_an_allowed_start_tag_that_backtracks_stops_empty_html_tag(tmp_path):
    # Meant to let icon spans be empty (`<span class="icon icon-search">`); the scraper left a
    # styled span of the story empty, and its class list is a long run of words.
    styled = RATES.replace(
        "Governor Rhee Chang-yong said",
        '<span class="story body text large serif dark quote highlight"></span>Governor Rhee Chang-yong said',
    )
    (tmp_path / "newslint.yaml").write_text(
        "options:\n"
        "  empty-html-tag:\n"
        "    allowed-start-tags: ['class=\"(?:\\w+ ?){1,20}(?:icon|glyph)']\n"
        "    regex-timeout: 0.05\n",
        encoding="utf-8",
    )
    (tmp_path / "a-rates.txt").write_text(styled, encoding="utf-8")
    (tmp_path / "b-derby.txt").write_text(DERBY.replace("승리를", "<b> </b>승리를"), encoding="utf-8")
    proc = cli("a-rates.txt", "b-derby.txt", cwd=tmp_path)
    assert proc.stdout.splitlines() == [
        "a-rates.txt:1:1: error check-error " + STOPPED.format(rule="empty-html-tag", field="body"),
        "a-rates.txt:4:1: error duplicated-caption Photo caption saved twice: the same caption is already at line 3",
        "a-rates.txt:7:1: warning promo-block Injected block, not the story (most-popular list label; short lines "
        "without closing punctuation amid full sentences)",
        "b-derby.txt:3:34: error empty-html-tag Empty <b> element left in the text (nothing but white space inside)",
        "b-derby.txt:4:1: warning promo-block Injected block, not the story (call to action; newsletter pitch)",
        "Found 5 violations (3 errors, 2 warnings) in 2 of 2 files; 2 articles checked.",
    ]
    assert proc.returncode == 1


def test_a_regex_timeout_that_is_not_a_positive_number_is_a_config_error(tmp_path):
    (tmp_path / "newslint.yaml").write_text("options:\n  duplicated-caption:\n    regex-timeout: -1\n", encoding="utf-8")
    (tmp_path / "a-rates.txt").write_text(RATES, encoding="utf-8")
    proc = cli("a-rates.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "newslint.yaml:3" in proc.stderr and "regex-timeout" in proc.stderr
    assert "greater than 0" in proc.stderr
