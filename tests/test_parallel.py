"""`--jobs N`: the output and exit status of a parallel run are those of the serial run, byte for
byte, on the shared corpus and on an input whose cross-article findings (site boilerplate) and
suppressions span files and parts of a big JSONL file."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest
from conftest import CORPUS, need_shared, run_cli
from inprocess_cli import cli

from newslint import parallel, runner

PEOPLE = ["Kim Jong Un", "Yoon Suk Yeol", "Choe Son Hui", "Han Duck-soo", "Lee Jae-myung"]
PLACES = ["Seoul", "Pyongyang", "Busan", "Incheon", "Daejeon"]
EN_SIGNOFF = "Follow Korea Wire on Telegram for breaking news alerts and daily briefings."
KO_SIGNOFF = "코리아와이어 텔레그램 채널을 구독하시면 속보와 주요 뉴스를 가장 먼저 받아보실 수 있습니다."
DE_SIGNOFF = "Folgen Sie Korea Wire auf Telegram für aktuelle Eilmeldungen und tägliche Zusammenfassungen."


def _story(rng: random.Random, lang: str) -> list[str]:
    who, where = rng.choice(PEOPLE), rng.choice(PLACES)
    if lang == "ko":
        return [f"{where}에서 열린 회의에서 관계자들은 {rng.randint(2, 40)}개 사업의 예산을 다시 검토하기로 했다.",
                f"정부는 다음 달까지 세부 계획을 발표할 예정이라고 {rng.randint(1, 28)}일 밝혔다."]
    if lang == "de":
        return [f"{who} sagte am Montag in {where}, die Gespräche über {rng.randint(2, 40)} Projekte würden fortgesetzt.",
                "Die Regierung will bis Ende des Monats einen genauen Zeitplan vorlegen, hieß es aus Ministerkreisen."]
    lines = [f"{who} said on Monday in {where} that talks on {rng.randint(2, 40)} projects would continue next week.",
             "Officials who asked not to be named said a detailed timetable would follow by the end of the month."]
    if rng.random() < 0.3:  # the other spelling of the same man, later in the story
        lines.append(f"{who.replace('Kim Jong Un', 'Kim Jong-un')} did not comment, the ministry said.")
    return lines


def _record(rng: random.Random, i: int, lang: str, signoff: str | None) -> dict:
    body = _story(rng, lang)
    if signoff:
        body.append(signoff)
    if i % 17 == 0:
        body.insert(1, "A photo shows the meeting hall,<strong></strong> where delegates met.")
    return {"title": f"Talks in {rng.choice(PLACES)} continue ({i})", "date_publish": f"2024-05-{1 + i % 28:02d} 09:00:00",
            "maintext": "\n".join(body), "source_domain": "koreawire.example", "url": f"https://koreawire.example/{i}"}


def make_corpus(folder: Path, records: int = 240) -> None:
    """JSONL (plain and gzipped) and text articles of one source that share its sign-off lines,
    with a `newslint_ignore` record, a stale one, and a text file that disables the rule."""
    rng = random.Random(12)
    rows = []
    for i in range(records):
        lang = ("en", "ko", "de")[i % 3]
        signoff = {"en": EN_SIGNOFF, "ko": KO_SIGNOFF, "de": DE_SIGNOFF}[lang] if i % 4 else None
        row = _record(rng, i, lang, signoff)
        if i == 39:
            row["newslint_ignore"] = ["promo-block"]  # hides its sign-off's finding (in a later part)
        if i == 150:
            row["newslint_ignore"] = ["date-mismatch"]  # hides nothing: --report-unused says so
        rows.append(json.dumps(row, ensure_ascii=False))
    half = len(rows) // 2
    (folder / "a_wire.jsonl").write_text("\n".join(rows[:half]) + "\n", encoding="utf-8")
    with gzip.open(folder / "b_wire.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(rows[half:]) + "\n")
    for n in range(6):
        head = f"Port of Busan reopens after storm {n}   DATE: 2024-06-0{n + 1} 08:00:00\nSource: koreawire.example\n\n"
        body = ("<!-- newslint: disable-file=promo-block -->\n" if n == 2 else "") + "\n".join(
            ["Ships left the Port of Busan at dawn on Tuesday after a two-day closure, officials said.",
             "Fishing boats were told to stay in harbour until the wind drops below gale force.", EN_SIGNOFF])
        (folder / f"c_port_{n}.txt").write_text(head + body + "\n", encoding="utf-8")


@pytest.fixture()
def small_units(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Parallel runs even for a small input, big files cut into many parts; counts the parts."""
    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(runner, "SPLIT_MIN_BYTES", 12000)
    monkeypatch.setattr(runner, "PART_BYTES", 6000)
    monkeypatch.setattr(parallel, "BATCH_BYTES", 2000)
    parts = []
    split = runner.split

    def counting(path, shown, parallel_run):
        for unit in split(path, shown, parallel_run):
            parts.append(unit.part is not None)
            yield unit

    monkeypatch.setattr(runner, "split", counting)
    return parts


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_jobs_2_prints_what_the_serial_run_prints_across_files_and_parts(tmp_path: Path, small_units: list, fmt: str) -> None:
    make_corpus(tmp_path)
    args = ("--format", fmt, "--no-cache", "--report-unused", ".")
    serial = cli(*args, "--jobs", "1", cwd=tmp_path)
    assert not any(small_units)  # a serial run reads each file whole (streamed when big)
    small_units.clear()
    two = cli(*args, "--jobs", "2", cwd=tmp_path)
    assert sum(small_units) >= 6  # both JSONL files were cut into parts
    assert (two.returncode, two.stdout, two.stderr) == (serial.returncode, serial.stdout, serial.stderr)
    assert serial.returncode == 1
    if fmt == "json":
        found = json.loads(serial.stdout)
        boilerplate = [v for v in found if v["rule"] == "promo-block" and "site boilerplate" in v["message"]]
        # the sign-off of every language, in both JSONL files and the text files (not the one
        # that disables the rule), all from the counts of one source
        assert {v["path"] for v in boilerplate} == {"a_wire.jsonl", "b_wire.jsonl.gz", "c_port_0.txt", "c_port_1.txt",
                                                    "c_port_3.txt", "c_port_4.txt", "c_port_5.txt"}
        assert {v["record"] for v in boilerplate if v["path"] == "a_wire.jsonl"} >= {2, 3, 5, 6}
        promo = {(v["path"], v.get("record")) for v in found if v["rule"] == "promo-block"}
        assert ("a_wire.jsonl", 39) in promo and ("a_wire.jsonl", 40) not in promo  # newslint_ignore
        unused = [(v["path"], v["line"]) for v in found if v["rule"] == "unused-suppression"]
        assert unused == [("b_wire.jsonl.gz", 31)]
    else:
        # (c_port_2.txt disables the one rule it would break)
        assert serial.stdout.endswith("in 7 of 8 files; 246 articles checked.\n")


@pytest.mark.shared
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_jobs_2_on_the_shared_corpus_is_byte_identical(fmt: str) -> None:
    need_shared("corpus")
    serial = run_cli("--format", fmt, "--no-cache", "--jobs", "1", "corpus", cwd=CORPUS.parent)
    two = run_cli("--format", fmt, "--no-cache", "--jobs", "2", "corpus", cwd=CORPUS.parent)
    assert serial.returncode == 1 and serial.stdout
    assert (two.returncode, two.stdout, two.stderr) == (serial.returncode, serial.stdout, serial.stderr)


def test_a_small_run_starts_no_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_corpus(tmp_path, records=12)
    started = []
    monkeypatch.setattr(parallel, "run_parallel", lambda *a: started.append(a) or iter(()))
    result = cli("--no-cache", "--jobs", "2", "c_port_0.txt", "a_wire.jsonl", cwd=tmp_path)
    assert started == []
    assert result.stdout == cli("--no-cache", "--jobs", "1", "c_port_0.txt", "a_wire.jsonl", cwd=tmp_path).stdout
    assert result.stdout.endswith("in 2 of 2 files; 7 articles checked.\n")


@pytest.mark.parametrize("value", ["0", "two"])
def test_a_bad_jobs_value_is_a_usage_error(tmp_path: Path, value: str) -> None:
    result = cli("--jobs", value, ".", cwd=tmp_path)
    assert result.returncode == 2
    assert "--jobs" in result.stderr


def _csv_rows(records: int) -> list[list[str]]:
    """news-please rows whose `maintext` holds its paragraphs on several lines (a quoted field
    over line breaks), some with quotes and commas, English, Korean and German, one source."""
    rng = random.Random(31)
    rows = []
    for i in range(records):
        lang = ("en", "ko", "de")[i % 3]
        row = _record(rng, i, lang, {"en": EN_SIGNOFF, "ko": KO_SIGNOFF, "de": DE_SIGNOFF}[lang] if i % 4 else None)
        if i % 5 == 0:
            row["maintext"] = row["maintext"].replace("said", 'said, "we will meet again,"', 1)
        rows.append([row["title"], row["date_publish"], row["maintext"], row["source_domain"], row["url"]])
    return rows


def write_news_csv(path: Path, records: int, newline: str = "\n", bad_row_at: int | None = None) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator=newline)
        writer.writerow(["title", "date_publish", "maintext", "source_domain", "url"])
        for i, row in enumerate(_csv_rows(records)):
            row[2] = row[2].replace("\n", newline)  # (a spreadsheet's export ends every line so)
            writer.writerow(row[:3] if i == bad_row_at else row)


def _runs(tmp_path: Path, small_units: list, *args: str) -> tuple:
    serial = cli("--format", "json", "--no-cache", *args, "--jobs", "1", cwd=tmp_path)
    assert not any(small_units)
    small_units.clear()
    two = cli("--format", "json", "--no-cache", *args, "--jobs", "2", cwd=tmp_path)
    assert (two.returncode, two.stdout, two.stderr) == (serial.returncode, serial.stdout, serial.stderr)
    return serial, json.loads(serial.stdout)


@pytest.mark.parametrize(("newline", "bom"), [("\n", False), ("\r\n", True)])  # (a spreadsheet's "CSV UTF-8")
def test_jobs_2_cuts_a_big_csv_file_between_records_and_prints_what_the_serial_run_prints(
        tmp_path: Path, small_units: list, newline: str, bom: bool) -> None:
    write_news_csv(tmp_path / "wire.csv", 150, newline, bad_row_at=120)
    if bom:
        (tmp_path / "wire.csv").write_bytes(b"\xef\xbb\xbf" + (tmp_path / "wire.csv").read_bytes())
    text = (tmp_path / "wire.csv").read_bytes().decode("utf-8")
    serial, found = _runs(tmp_path, small_units, "wire.csv")
    assert sum(small_units) >= 4  # the file was read in parts by the workers
    assert serial.returncode == 1
    # each record's place is its first line in the whole file, before and after every cut
    lines = text.split(newline)
    bad = [v for v in found if v["rule"] == "input-error"]
    bad_line = next(n for n, line in enumerate(lines, 1) if "continue (120)," in line)
    assert [(v["line"], v["message"]) for v in bad] == [(bad_line, "CSV row has 3 fields, the header has 5")]
    records = {v["record"] for v in found}
    assert min(records) < len(lines) // 4 and max(records) > 3 * len(lines) // 4  # findings on both sides
    for v in found:
        assert lines[v["record"] - 1].startswith("Talks in "), v  # a row's first line, as in the file
    boilerplate = {v["record"] for v in found if "site boilerplate" in v["message"]}
    assert len(boilerplate) > 50  # the sign-offs counted across the parts, in the three languages
    caption = [v for v in found if v["rule"] == "empty-html-tag"]
    assert caption and all(v["field"] == "maintext" and v["column"] > 1 for v in caption)


def test_a_gzipped_csv_file_is_read_in_one_piece_with_the_serial_findings(tmp_path: Path, small_units: list) -> None:
    write_news_csv(tmp_path / "plain.csv", 150)
    (tmp_path / "wire.csv.gz").write_bytes(gzip.compress((tmp_path / "plain.csv").read_bytes()))
    (tmp_path / "plain.csv").unlink()
    serial, found = _runs(tmp_path, small_units, "wire.csv.gz")
    assert small_units == [False]
    assert serial.returncode == 1 and {v["path"] for v in found} == {"wire.csv.gz"} and len(found) > 50


def test_a_csv_file_with_a_lone_carriage_return_is_not_cut(tmp_path: Path, small_units: list) -> None:
    write_news_csv(tmp_path / "wire.csv", 150)
    data = (tmp_path / "wire.csv").read_bytes().replace(b"continue next week.", b"continue\rnext week.", 1)
    (tmp_path / "wire.csv").write_bytes(data)
    serial, found = _runs(tmp_path, small_units, "wire.csv")
    assert small_units == [False]  # one unit: a lone "\r" ends a line for the csv reader
    assert serial.returncode == 1 and len(found) > 50


def write_news_parquet(path: Path, records: int, nested: bool = False) -> None:
    """news-please rows (a timestamp column, a list of authors) in row groups of 10 rows."""
    import datetime as dt

    pa = pytest.importorskip("pyarrow", reason="pyarrow is not installed: pip install 'newslint[parquet]'")
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed")
    rows = _csv_rows(records)
    columns = {"title": [r[0] for r in rows],
               "date_publish": [dt.datetime.fromisoformat(r[1]) for r in rows],
               "maintext": [r[2] for r in rows], "source_domain": [r[3] for r in rows], "url": [r[4] for r in rows],
               "authors": [["Kim Min-ji", "Park Seo-yeon"][: 1 + i % 2] for i in range(records)]}
    if nested:  # links saved as structs from row 16 on: said once a file, at its first value
        columns["url"] = [None] * 15 + [{"href": u, "rel": "canonical"} for u in columns["url"][15:]]
    pq.write_table(pa.table(columns), path, row_group_size=10)


def test_jobs_2_reads_a_big_parquet_file_in_runs_of_row_groups_as_the_serial_run_does(tmp_path: Path,
                                                                                     small_units: list) -> None:
    write_news_parquet(tmp_path / "wire.parquet", 150)
    serial, found = _runs(tmp_path, small_units, "wire.parquet")
    assert sum(small_units) >= 3  # the workers read runs of its 15 row groups
    assert serial.returncode == 1
    records = sorted({v["record"] for v in found})
    assert records[0] <= 10 and records[-1] > 140  # findings in the first and the last row group
    assert all(v["line"] == v["record"] for v in found)  # a row's number in the whole file
    boilerplate = [v for v in found if "site boilerplate" in v["message"]]
    assert len(boilerplate) > 50 and {v["field"] for v in boilerplate} == {"maintext"}


def test_a_parquet_file_with_a_nested_column_is_read_in_one_piece(tmp_path: Path, small_units: list) -> None:
    write_news_parquet(tmp_path / "wire.parquet", 150, nested=True)
    serial, found = _runs(tmp_path, small_units, "wire.parquet")
    assert small_units == [False]
    said = [(v["record"], v["message"]) for v in found if v["rule"] == "input-error"]
    assert said == [(16, "column 'url' holds a struct, not text: it is left out of the articles (said once a file)")]
    assert serial.returncode == 1 and len(found) > 50
