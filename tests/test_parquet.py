"""Parquet input: one article a row, `record` the row number, fields mapped as for JSON.

The files are written here with pyarrow in a temporary folder. pyarrow is in the `test` extra,
so CI has it; a user's install without it skips these (and the last test shows what such a
user sees instead of a crash).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from inprocess_cli import cli

pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed: pip install 'newslint[parquet]' (or the test extra)")
pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed")

ROOT = Path(__file__).resolve().parent.parent

# A wire story, a Korean story with an empty tag left by the scraper, a German one.
ROWS = [
    {
        "headline": "Port strike enters third day as talks stall",
        "date_str": "2024-03-12",
        "story_text": "ROTTERDAM, March 12 (Wire) -- Dock workers stayed off the job for a third day on Tuesday.\n"
                      "Union leaders said talks with the port authority had stalled over night-shift pay.",
        "link": "https://wire.example/2024/03/12/port-strike/",
    },
    {
        "headline": "서울 지하철 요금 인상 확정",
        "date_str": "2024-03-12",
        "story_text": "서울시는 12일 지하철 기본요금을 150원 인상한다고 밝혔다.\n"
                      "시는 적자 누적을 이유로 들었다.<strong> </strong> 새 요금은 다음 달부터 적용된다.",
        "link": "https://news.example.kr/2024/03/12/subway-fare/",
    },
    {
        "headline": "Hochwasser: Pegel am Rhein sinkt langsam",
        "date_str": "2024-03-12",
        "story_text": "Der Pegel am Rhein ist in der Nacht zum Dienstag leicht gesunken.<em></em>\n"
                      "Die Schifffahrt bleibt vorerst eingestellt, teilte das Wasserstraßenamt mit.",
        "link": "https://zeitung.example.de/2024/03/12/hochwasser/",
    },
]
FIELDS = "fields:\n  title: headline\n  published: date_str\n  body: story_text\n  url: link\n"


def write(path: Path, rows: list[dict], **kwargs) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path, **kwargs)
    return path


def findings(result) -> list[tuple]:
    return [(v["path"], v["rule"], v["line"], v["column"], v["record"], v["field"]) for v in json.loads(result.stdout)]


def test_a_row_is_a_record_placed_as_a_json_record_is(tmp_path):
    (tmp_path / "newslint.yaml").write_text(FIELDS, encoding="utf-8")
    write(tmp_path / "wire.parquet", ROWS)
    (tmp_path / "wire.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS), encoding="utf-8")
    result = cli("wire.parquet", "wire.jsonl", "--format", "json", "--select", "empty-html-tag", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    korean = ROWS[1]["story_text"]
    german = ROWS[2]["story_text"]
    expected = [
        ("empty-html-tag", 2, korean.index("<strong>") + 1, 2, "story_text"),
        ("empty-html-tag", 3, german.index("<em>") + 1, 3, "story_text"),
    ]
    # line = record = the row's number; column = the character offset inside the field + 1,
    # exactly where the same records in JSONL put them.
    assert findings(result) == [("wire.jsonl", *e) for e in expected] + [("wire.parquet", *e) for e in expected]


def test_record_numbers_run_on_across_row_groups(tmp_path):
    clean = dict(ROWS[0])
    rows = [clean] * 4 + [ROWS[2]]
    write(tmp_path / "batch.parquet", rows, row_group_size=2)  # row groups of 2, 2 and 1 rows
    (tmp_path / "newslint.yaml").write_text(FIELDS, encoding="utf-8")
    result = cli("batch.parquet", "--format", "json", "--select", "empty-html-tag", cwd=tmp_path)
    assert findings(result) == [("batch.parquet", "empty-html-tag", 5, ROWS[2]["story_text"].index("<em>") + 1, 5, "story_text")]
    assert pq.ParquetFile(tmp_path / "batch.parquet").metadata.num_row_groups == 3


def test_default_aliases_and_timestamps_become_text(tmp_path):
    # news-please's names, with the dates stored as Parquet timestamps rather than strings.
    rows = [{"title": r["headline"], "maintext": r["story_text"], "url": r["link"],
             "date_publish": dt.datetime(2024, 3, 12, 8, 30)} for r in ROWS[:2]]
    write(tmp_path / "np.parquet", rows)
    shown = cli("show", "np.parquet", "--format", "json", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    articles = json.loads(shown.stdout)
    assert [(a["record"], a["published"], a["title"]) for a in articles] == [
        (1, "2024-03-12 08:30:00", ROWS[0]["headline"]), (2, "2024-03-12 08:30:00", ROWS[1]["headline"])]


def test_a_broken_file_is_one_input_error_and_the_other_files_are_checked(tmp_path):
    (tmp_path / "newslint.yaml").write_text(FIELDS, encoding="utf-8")
    good = write(tmp_path / "b.parquet", ROWS)
    data = good.read_bytes()
    (tmp_path / "a.parquet").write_bytes(data[: len(data) // 2])  # a download cut in half
    result = cli(".", "--format", "json", "--select", "empty-html-tag", cwd=tmp_path)
    found = json.loads(result.stdout)
    assert [(v["path"], v["rule"], v["line"], v["column"]) for v in found] == [
        ("a.parquet", "input-error", 1, 1), ("b.parquet", "empty-html-tag", 2, ROWS[1]["story_text"].index("<strong>") + 1),
        ("b.parquet", "empty-html-tag", 3, ROWS[2]["story_text"].index("<em>") + 1)]
    assert found[0]["message"].startswith("cannot read Parquet file: ")
    assert result.returncode == 1


def test_a_row_group_that_cannot_be_read_is_one_input_error_and_the_next_group_is_checked(tmp_path):
    rows = [{"title": r["headline"], "text": r["story_text"]} for r in ROWS * 2]
    path = write(tmp_path / "rg.parquet", rows, row_group_size=3)
    text_column = pq.ParquetFile(path).metadata.row_group(0).column(1)
    data = bytearray(path.read_bytes())
    data[text_column.data_page_offset : text_column.data_page_offset + 8] = b"\xff" * 8  # its page header
    path.write_bytes(bytes(data))
    result = cli("rg.parquet", "--format", "json", "--select", "empty-html-tag", cwd=tmp_path)
    found = json.loads(result.stdout)
    assert [(v["rule"], v["line"], v["record"]) for v in found] == [
        ("input-error", 1, 1), ("empty-html-tag", 5, 5), ("empty-html-tag", 6, 6)]
    assert found[0]["message"].startswith("cannot read rows 1-3 (row group 1): ")
    assert "\n" not in found[0]["message"]


def test_a_cell_that_is_not_text_is_an_input_error_at_its_row_and_the_other_rows_are_checked(tmp_path):
    (tmp_path / "newslint.yaml").write_text(FIELDS, encoding="utf-8")
    # story_text stored as bytes: row 1 is windows-1252, not UTF-8; rows 2 and 3 are fine.
    bodies = ["Caf\xe9 owners protest the rent rise.".encode("cp1252"),
              ROWS[1]["story_text"].encode("utf-8"), ROWS[2]["story_text"].encode("utf-8")]
    table = pa.table({"headline": [r["headline"] for r in ROWS], "story_text": pa.array(bodies, pa.binary())})
    pq.write_table(table, tmp_path / "bytes.parquet")
    result = cli("bytes.parquet", "--format", "json", "--select", "empty-html-tag", cwd=tmp_path)
    found = json.loads(result.stdout)
    assert [(v["rule"], v["line"], v["record"]) for v in found] == [
        ("input-error", 1, 1), ("empty-html-tag", 2, 2), ("empty-html-tag", 3, 3)]
    assert found[0]["message"] == ("column 'story_text' holds bytes that are not UTF-8 (invalid continuation byte at byte 3): "
                                   "it is left out of this row's article")


def test_a_nested_column_in_a_role_is_reported_once_a_file(tmp_path):
    rows = [{"title": r["headline"], "maintext": r["story_text"], "url": {"href": r["link"], "rel": "canonical"}}
            for r in ROWS]
    write(tmp_path / "nested.parquet", rows)
    result = cli("nested.parquet", "--format", "json", "--select", "empty-html-tag", cwd=tmp_path)
    found = json.loads(result.stdout)
    assert [(v["rule"], v["line"]) for v in found] == [("input-error", 1), ("empty-html-tag", 2), ("empty-html-tag", 3)]
    assert found[0]["message"] == "column 'url' holds a struct, not text: it is left out of the articles (said once a file)"


def test_folders_and_standard_input(tmp_path):
    (tmp_path / "data").mkdir()
    write(tmp_path / "data" / "part-0.parquet", [{"title": r["headline"], "text": r["story_text"]} for r in ROWS])
    found = findings(cli("data", "--format", "json", "--select", "empty-html-tag", cwd=tmp_path))
    assert [(p, line) for p, _, line, *_ in found] == [("data/part-0.parquet", 2), ("data/part-0.parquet", 3)]
    data = (tmp_path / "data" / "part-0.parquet").read_bytes()
    proc = subprocess.run([sys.executable, "-m", "newslint", "-", "--stdin-filename", "part.parquet", "--format", "json",
                           "--select", "empty-html-tag"], input=data, capture_output=True, cwd=tmp_path, timeout=120)
    assert [(v["path"], v["line"], v["field"]) for v in json.loads(proc.stdout)] == [
        ("part.parquet", 2, "text"), ("part.parquet", 3, "text")]
    assert proc.returncode == 1


def test_without_pyarrow_a_parquet_file_is_one_input_error_not_a_crash(tmp_path):
    write(tmp_path / "a.parquet", [{"title": r["headline"], "text": r["story_text"]} for r in ROWS])
    (tmp_path / "b.txt").write_text("Tram line reopens      DATE: 2024-03-12 09:00:00\n\nThe tram<em></em> runs again.\n",
                                    encoding="utf-8")
    hide_pyarrow = ("import sys; sys.modules['pyarrow'] = None; sys.modules['pyarrow.parquet'] = None; "
                    "from newslint.cli import main; sys.exit(main(sys.argv[1:]))")
    proc = subprocess.run([sys.executable, "-c", hide_pyarrow, ".", "--select", "empty-html-tag"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.stderr == ""
    assert proc.stdout.splitlines()[:2] == [
        "a.parquet:1:1: error input-error cannot read a Parquet file: reading Parquet needs pyarrow: pip install 'newslint[parquet]'",
        "b.txt:3:9: error empty-html-tag Empty <em> element left in the text (nothing but white space inside)",
    ]
    assert proc.returncode == 1


def test_a_newslint_ignore_column_hides_that_rows_findings(tmp_path):
    (tmp_path / "newslint.yaml").write_text(FIELDS, encoding="utf-8")
    ignoring = [dict(r, newslint_ignore=ignore) for r, ignore in zip(ROWS, [[], ["empty-html-tag"], None])]
    write(tmp_path / "ignoring.parquet", ignoring)
    result = cli("ignoring.parquet", "--format", "json", "--select", "empty-html-tag", "--report-unused", cwd=tmp_path)
    assert [(v["rule"], v["line"]) for v in json.loads(result.stdout)] == [("empty-html-tag", 3)]


def test_a_file_read_in_parts_of_row_groups_gives_what_the_whole_file_gives(tmp_path):
    # How the Ray engine spreads one large file over several tasks: each part numbers its rows
    # as in the whole file, and what is said once a file is said once.
    from newslint.article import Article
    from newslint.readers.parquet import read_parquet

    rows = [{"title": r["headline"], "body_html": r["story_text"], "url": {"href": r["link"]}} for r in ROWS * 3]
    path = write(tmp_path / "parts.parquet", rows, row_group_size=3)

    def seen(items) -> list[tuple]:
        return [(i.record, i.text("body")) if isinstance(i, Article) else (i.line, i.rule, i.message) for i in items]

    whole = seen(read_parquet("parts.parquet", str(path), {}))
    parts = [seen(read_parquet("parts.parquet", str(path), {}, row_groups=[g])) for g in range(3)]
    assert sum(parts, []) == whole
    # The file's own problems, once: no known body column (body_html), and the nested url column.
    problems = [p for p in whole if len(p) == 3]
    assert [(line, rule) for line, rule, _ in problems] == [(1, "input-error"), (1, "input-error")]
    assert [r for r, _ in (p for p in whole if len(p) == 2)] == list(range(1, 10))
