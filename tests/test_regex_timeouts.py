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


def test_a_promo_label_that_backtracks_stops_promo_block_on_that_article_only(tmp_path):
    # Meant for a newsroom's sign-off label ("Economy desk"); tried against the widget's
    # "Seoul housing prices rise as buyers return - Yonhap" it runs for minutes.
    proc = _project(tmp_path, (
        "options:\n"
        "  promo-block:\n"
        "    labels:\n"
        "      desk label: ['(?:\\w+ ?){1,20}(?:desk|team)']\n"
        "    regex-timeout: 0.05\n"
    ))
    err = _check_error(proc)
    assert (err["path"], err["line"], err["column"], err["severity"]) == ("a-rates.txt", 1, 1, "error")
    assert err["message"] == STOPPED.format(rule="promo-block", field="body")
    assert sorted(_found(proc)) == sorted([
        ("a-rates.txt", "check-error", 1, 1),
        ("a-rates.txt", "duplicated-caption", 4, 1),
        ("a-rates.txt", "empty-html-tag", 11, 65),
        ("b-derby.txt", "promo-block", 4, 1),  # the same rule, the next article: still checked
    ])
    assert proc.returncode == 1


def test_a_call_to_action_in_a_users_phrase_list_is_bounded_too(tmp_path):
    # A project's own phrase list (extra-phrase-lists): "Download the Yonhap app today" was
    # meant; every ordinary paragraph of up to 40 words is tried against it.
    phrases = (
        "language: English (house)\n"
        "calls-to-action:\n"
        "  app promo: ['(?:\\w+ ?){1,20}(?:desk|team) app']\n"
    )
    proc = _project(tmp_path, (
        "options:\n"
        "  promo-block:\n"
        "    extra-phrase-lists: [house-promo.yaml]\n"
        "    regex-timeout: 0.05\n"
    ), {"house-promo.yaml": phrases})
    err = _check_error(proc)
    assert (err["path"], err["message"]) == ("a-rates.txt", STOPPED.format(rule="promo-block", field="body"))
    assert sorted(_found(proc)) == sorted([
        ("a-rates.txt", "check-error", 1, 1),
        ("a-rates.txt", "duplicated-caption", 4, 1),
        ("a-rates.txt", "empty-html-tag", 11, 65),
        ("b-derby.txt", "promo-block", 4, 1),
    ])
    assert proc.returncode == 1


def test_a_pitch_in_a_users_phrase_list_is_bounded_too(tmp_path):
    # A pitch runs on the lines that hold the words it cannot match without ("newsletter"):
    # the sign-up line of the Korean story, whose opening words it splits every way.
    phrases = (
        "language: English (house)\n"
        "pitches:\n"
        "  desk pitch: ['(?:\\w+ ?){1,20}(?:desk|team) newsletter']\n"
    )
    proc = _project(tmp_path, (
        "options:\n"
        "  promo-block:\n"
        "    extra-phrase-lists: [house-promo.yaml]\n"
        "    regex-timeout: 0.05\n"
    ), {"house-promo.yaml": phrases})
    err = _check_error(proc)
    assert (err["path"], err["message"]) == ("b-derby.txt", STOPPED.format(rule="promo-block", field="body"))
    assert sorted(_found(proc)) == sorted([
        ("a-rates.txt", "duplicated-caption", 4, 1),
        ("a-rates.txt", "promo-block", 7, 1),
        ("a-rates.txt", "empty-html-tag", 11, 65),
        ("b-derby.txt", "check-error", 1, 1),
    ])
    assert proc.returncode == 1


def test_a_photo_credit_that_backtracks_stops_duplicated_caption_on_that_article(tmp_path):
    # "Yonhap Photo Desk" was meant; the caption's own words are a long run of words.
    proc = _project(tmp_path, (
        "options:\n"
        "  duplicated-caption:\n"
        "    credits: ['(?:\\w+ ?){1,20}(?:Desk|Team)']\n"
        "    regex-timeout: 0.05\n"
    ))
    err = _check_error(proc)
    assert (err["path"], err["line"], err["column"]) == ("a-rates.txt", 1, 1)
    assert err["message"] == STOPPED.format(rule="duplicated-caption", field="body")
    assert sorted(_found(proc)) == sorted([
        ("a-rates.txt", "check-error", 1, 1),
        ("a-rates.txt", "promo-block", 7, 1),
        ("a-rates.txt", "empty-html-tag", 11, 65),
        ("b-derby.txt", "promo-block", 4, 1),
    ])
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
