"""Broken input: each problem is one `input-error` at its place, the rest of the file is still
checked (shown by a finding in a later record), and nothing ever prints a traceback.

The files are in tests/data/broken/. A `pattern` rule written here finds leftover empty inline
tags, so these tests prove "still checked" whatever the shipped rule set holds.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from lint_helpers import lint_text

from newslint.article import Violation
from newslint.config import rule_from_data
from newslint.engine import Engine
from newslint.readers import format_of, read_bytes, read_path

BROKEN = Path(__file__).resolve().parent / "data" / "broken"

LEFTOVER_TAG = rule_from_data(
    {
        "name": "leftover-inline-tag",
        "check": "pattern",
        "severity": "error",
        "message": "Leftover tag '{match}'",
        "description": "An inline tag with nothing inside.",
        "patterns": [r"<(em|strong|b|i|p)>\s*</\1>"],
    },
    "leftover-inline-tag.yaml",
)


def lint_file(path: Path) -> list[tuple]:
    engine = Engine([LEFTOVER_TAG])
    found = sorted(engine.check_items(read_path(path, path.name, {})), key=Violation.sort_key)
    return [(v.rule, v.line, v.column, v.record, v.message) for v in found]


def test_invalid_utf8_is_reported_at_its_line_and_column_and_the_rest_is_checked():
    assert lint_file(BROKEN / "invalid_utf8.txt") == [
        ("input-error", 4, 75, None, "invalid UTF-8 (byte 0xe9); it was replaced by U+FFFD and the rest checked"),
        ("leftover-inline-tag", 5, 41, None, "Leftover tag '<em></em>'"),
    ]


def test_a_file_in_another_encoding_is_one_report_at_its_first_bad_byte():
    text = ("Caf\xe9 owners protest rent rise\n\n" + "Prices at the caf\xe9 rose.\n" * 30).encode("latin-1")
    problems = [v for v in read_bytes("cafe.txt", text, ".txt", {}) if isinstance(v, Violation)]
    assert [(v.line, v.column, v.message) for v in problems] == [(
        1, 4, "the file is not UTF-8 (byte 0xe9 here is not valid UTF-8): it looks like windows-1252 and was read as windows-1252",
    )]


def test_many_invalid_bytes_give_a_bounded_number_of_reports():
    # UTF-8 (a valid é on every line) with a stray Latin-1 byte on each line: damaged, not another encoding.
    lines = ["Café owners protest rent rise", ""] + ["Prices at the café rose, a caf\xe9 owner said."] * 30
    data = "\n".join(lines).encode("utf-8").replace(b"caf\xc3\xa9 owner", b"caf\xe9 owner")
    problems = [v for v in read_bytes("cafe.txt", data, ".txt", {}) if isinstance(v, Violation)]
    assert [(v.line, v.column) for v in problems[:3]] == [(3, 31), (4, 31), (5, 31)]
    assert len(problems) == 11
    assert problems[0].message == "invalid UTF-8 (byte 0xe9); it was replaced by U+FFFD and the rest checked"
    assert problems[-1].message == "more invalid UTF-8 follows; not listed"


def test_malformed_jsonl_line_among_good_ones():
    assert lint_file(BROKEN / "malformed_line.jsonl") == [
        ("input-error", 2, 83, 2, "malformed JSON record: Expecting ',' delimiter"),
        ("leftover-inline-tag", 3, 57, 3, "Leftover tag '<strong></strong>'"),
    ]


def test_json_list_with_a_bad_element_reads_on_from_the_next_record():
    assert lint_file(BROKEN / "bad_element.json") == [
        ("input-error", 3, 52, 3, "malformed JSON: Expecting ',' delimiter; the list is read again from line 4"),
        ("leftover-inline-tag", 4, 29, 4, "Leftover tag '<i> </i>'"),
    ]


def test_json_list_on_one_line_stops_at_a_bad_element():
    data = '[{"title": "A", "text": "Fine<b></b>."}, {"title": B}, {"title": "C", "text": "Also<i></i>."}]'
    found = [(v.rule, v.line, v.column, v.message) for v in lint_text(data, "one-line.json", rules=[LEFTOVER_TAG])]
    assert found == [
        ("leftover-inline-tag", 1, 5, "Leftover tag '<b></b>'"),
        ("input-error", 1, 52, "malformed JSON: Expecting value; the rest of the list is not read"),
    ]


def test_csv_row_with_the_wrong_number_of_fields():
    assert lint_file(BROKEN / "wrong_width.csv") == [
        ("input-error", 3, 1, 3, "CSV row has 2 fields, the header has 3"),
        ("leftover-inline-tag", 4, 35, 4, "Leftover tag '<b> </b>'"),
    ]


def test_truncated_gzip_checks_the_complete_lines_before_the_cut():
    assert lint_file(BROKEN / "truncated.jsonl.gz") == [
        ("leftover-inline-tag", 2, 123, 2, "Leftover tag '<em></em>'"),
        ("input-error", 5, 1, None, "gzip data ends early (a truncated file): only the 4 complete lines before the cut were read"),
    ]


def test_gzip_that_is_not_gzip():
    found = lint_text("plain text, not gzip", "article.txt.gz", rules=[])
    assert [(v.rule, v.line, v.column) for v in found] == [("input-error", 1, 1)]
    assert found[0].message.startswith("cannot decompress gzip data:")


def test_binary_file():
    assert lint_file(BROKEN / "binary.txt") == [("input-error", 1, 1, None, "binary file: not text (a NUL byte was found)")]


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.json", "empty.jsonl", "empty.csv", "empty.html", "empty.jsonl.gz"])
def test_empty_file_of_every_format(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(gzip.compress(b"") if name.endswith(".gz") else b"")
    found = lint_file(path)
    assert len(found) == 1 and found[0][:3] == ("input-error", 1, 1)
    assert "empty" in found[0][4]


def test_front_matter_never_closed():
    assert lint_file(BROKEN / "unclosed_front_matter.md") == [
        ("input-error", 1, 1, None, "front matter opened with '---' is never closed (no later '---' line), so the article was not read"),
    ]


def test_front_matter_with_bad_yaml_still_checks_the_body():
    data = "---\ntitle: [Storm warning\npublished: 2024-08-01\n---\nFerries are cancelled<em></em>.\n"
    found = [(v.rule, v.line, v.column, v.message) for v in lint_text(data, "storm.md", rules=[LEFTOVER_TAG])]
    assert found[0][:2] == ("input-error", 3)
    assert found[0][3].startswith("invalid YAML front matter:")
    assert found[1] == ("leftover-inline-tag", 5, 22, "Leftover tag '<em></em>'")


def test_bom_and_crlf_keep_positions():
    assert lint_file(BROKEN / "bom_crlf.txt") == [("leftover-inline-tag", 4, 50, None, "Leftover tag '<strong></strong>'")]


def test_jsonl_line_that_is_not_an_object():
    data = '["a", "list"]\n{"title": "Ok", "maintext": "Body<b></b>"}\n'
    found = [(v.rule, v.line, v.column, v.message) for v in lint_text(data, "x.jsonl", rules=[LEFTOVER_TAG])]
    assert found == [
        ("input-error", 1, 1, "a record must be a JSON object, not list"),
        ("leftover-inline-tag", 2, 5, "Leftover tag '<b></b>'"),
    ]


def test_malformed_json_ld_in_a_page_is_reported_and_the_article_checked():
    page = ('<html><head><script type="application/ld+json">\n{"@type": "NewsArticle", "datePublished": \'2024-01-01\'}\n'
            '</script></head><body><article><p>Text&lt;b&gt;&lt;/b&gt; here.</p></article></body></html>\n')
    # The page escaped a tag into its text (a double-escaped scrape): the text view holds '<b></b>'.
    found = [(v.rule, v.line, v.column, v.message) for v in lint_text(page, "page.html", rules=[LEFTOVER_TAG])]
    assert found == [
        ("input-error", 2, 43, "malformed JSON-LD block ignored: Expecting value"),
        ("leftover-inline-tag", 3, 39, "Leftover tag '<b></b>'"),
    ]


def test_cli_on_every_broken_file_reports_and_never_crashes(tmp_path):
    from conftest import run_cli

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "leftover-inline-tag.yaml").write_text(
        "name: leftover-inline-tag\ncheck: pattern\nseverity: error\nmessage: \"Leftover tag '{match}'\"\n"
        "description: An inline tag with nothing inside.\npatterns: ['<(em|strong|b|i|p)>\\s*</\\1>']\n",
        encoding="utf-8",
    )
    proc = run_cli("--select", "leftover-inline-tag,input-error", "--rules", str(rules), str(BROKEN), cwd=tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and proc.stderr == ""
    lines = proc.stdout.splitlines()
    inputs = [line for line in lines if " input-error " in line]
    checked = [line for line in lines if " leftover-inline-tag " in line]
    assert len(inputs) == 8 and len(checked) == 6
    assert lines[-1].startswith("Found 14 violations (14 errors) in 9 of 9 files;")


def test_records_without_a_known_body_field_say_how_to_map_one():
    data = (
        '{"headline": "Grain harvest up", "story_text": "The harvest rose 4 percent<b></b>.", "pub": "2024-10-01"}\n'
        '{"headline": "Port reopens", "story_text": "The port reopened.", "pub": "2024-10-02"}\n'
    )
    found = [(v.rule, v.line, v.column, v.message) for v in lint_text(data, "feed.jsonl", rules=[LEFTOVER_TAG])]
    assert found == [(
        "input-error", 1, 1,
        ("no article text: none of this file's keys (headline, story_text, pub) is a known body field, so the text "
         "is not checked; if it is 'story_text', add to the config: fields: {body: story_text}"),
    )]
    mapped = lint_text(data, "feed.jsonl", rules=[LEFTOVER_TAG], aliases={"body": ["story_text"]})
    assert [(v.rule, v.line, v.column) for v in mapped] == [("leftover-inline-tag", 1, 27)]


def test_csv_without_a_known_body_column_is_said_once():
    data = "headline,copy\nBridge opens,The bridge opened.\nTunnel closes,The tunnel closed.\n"
    found = [(v.rule, v.line, v.record) for v in lint_text(data, "list.csv", rules=[])]
    assert found == [("input-error", 2, 2)]


# A scraper that saves the page's DOM tree beside the text can write a field nested thousands of
# levels deep (an unused field: only the reader ever sees it). Python's json gives up at about
# a thousand levels; that one record is reported, and every other one is still read.
DOM_TREE = '{"div": ' * 5000 + "null" + "}" * 5000
DEEP_RECORDS = [
    '{"title": "Grain harvest up", "maintext": "The harvest rose 4 percent<b></b>."}',
    '{"title": "Port reopens", "maintext": "The port reopened.", "dom": ' + DOM_TREE + "}",
    '{"title": "곡물 수확량 증가", "maintext": "올해 곡물 수확량이 4% 늘었다<em></em>."}',
]
TOO_DEEP = "JSON record nested too deeply to read (about a thousand levels or more)"


@pytest.mark.parametrize(("name", "data", "first_at", "deep_at", "later_at"), [
    ("feed.jsonl", "\n".join(DEEP_RECORDS) + "\n", (1, 27), (2, 1), (3, 18)),
    ("feed.json", "[\n" + ",\n".join(DEEP_RECORDS) + "\n]\n", (2, 27), (3, 1), (4, 18)),
    ("one-line.json", "[" + ", ".join(DEEP_RECORDS) + "]", (1, 27), (1, 83), (1, 18)),
])
def test_a_record_nested_too_deeply_is_one_input_error_and_the_other_records_are_checked(name, data, first_at, deep_at, later_at):
    engine = Engine([LEFTOVER_TAG])
    found = sorted(engine.check_items(read_bytes(name, data.encode("utf-8"), format_of(name), {})), key=Violation.sort_key)
    assert sorted((v.rule, v.line, v.column, v.message) for v in found) == sorted([
        ("leftover-inline-tag", *first_at, "Leftover tag '<b></b>'"),
        ("input-error", *deep_at, f"{TOO_DEEP}; the other records are still checked"),
        ("leftover-inline-tag", *later_at, "Leftover tag '<em></em>'"),
    ])
    assert engine.stats.articles == 2  # the count says what was checked


@pytest.mark.parametrize(("name", "data", "message"), [
    ("export.csv", "title,maintext,date_publish\n", "CSV file holds no records: a header row and nothing else"),
    ("export.csv", "title,maintext,date_publish\r\n\r\n\r\n", "CSV file holds no records: a header row and nothing else"),
    ("export.json", "[]\n", "empty JSON list: no article found"),
    ("export.json", "[\n\n]", "empty JSON list: no article found"),
    ("export.jsonl", "\n\n", "empty file: no article found"),
])
def test_a_record_file_with_no_record_is_one_input_error(name, data, message):
    # A scraper run that saved nothing must not pass as a clean file.
    found = [(v.rule, v.line, v.column, v.message) for v in lint_text(data, name, rules=[LEFTOVER_TAG])]
    assert found == [("input-error", 1, 1, message)]


def test_a_lone_surrogate_escape_is_an_input_error_and_the_record_is_still_checked():
    # `\ud800` without its second half is no character: it cannot be hashed or written as UTF-8.
    data = (
        '{"title": "Kim Jong Un visits Nampho\\ud800 port", "maintext": "Kim Jong Un toured the port<b></b>."}\n'
        '{"title": "남포항 방문", "maintext": "김정은 위원장이 남포항을<em></em> 방문했다.", "emoji": "\\ud83d\\ude00"}\n'
    )
    found = [(v.rule, v.line, v.column, v.message) for v in lint_text(data, "feed.jsonl")]
    assert found == [
        ("input-error", 1, 1, "a \\u escape for half a surrogate pair (U+D800 to U+DFFF) is no character: "
                              "replaced by U+FFFD, and the rest checked"),
        ("empty-html-tag", 1, 28, "Empty <b> element left in the text (nothing but white space inside)"),
        ("empty-html-tag", 2, 14, "Empty <em> element left in the text (nothing but white space inside)"),
    ]
    page = '---\ntitle: "Kim Jong Un visits Nampho\\ud800 port"\n---\nKim Jong Un toured the port<b></b>.\n'
    found = [(v.rule, v.line, v.column) for v in lint_text(page, "visit.md")]
    assert found == [("input-error", 2, 9), ("empty-html-tag", 4, 28)]
