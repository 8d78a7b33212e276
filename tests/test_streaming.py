"""Big JSONL and CSV files are read record by record, never whole, and give exactly the findings
reading them whole gives; a file that cannot be streamed safely (not UTF-8, a cut gzip file) is
read whole as before, with its input-error."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from inprocess_cli import cli
from test_parallel import make_corpus

from newslint import findings
from newslint.readers import streaming

RECORDS = [
    {"title": "Ferries to Pusan resume", "date_publish": "2024-09-02 07:15:00",
     "maintext": "Ships left Pusan at dawn,<strong></strong> officials said.\nKim Jong Un and Kim Jong-un were named."},
    {"title": "부산항 운항 재개", "date_publish": "2024-09-03 08:00:00",
     "maintext": "부산항에서 선박들이 <em></em>새벽에 출항했다고 관계자들이 밝혔다."},
    {"title": "Fähren nach Busan", "date_publish": "2024-09-04 09:30:00",
     "maintext": "Die Fähren nach Busan fahren wieder,<b> </b> sagte die Hafenbehörde am Dienstag."},
]


def jsonl_bytes() -> bytes:
    """A BOM, CRLF line ends, a blank line, a malformed line and a line that is no object."""
    lines = [json.dumps(r, ensure_ascii=False) for r in RECORDS]
    text = "\ufeff" + lines[0] + "\r\n\r\n" + '{"title": "cut' + "\n" + "[1, 2]\n" + lines[1] + "\n" + lines[2]
    return text.encode("utf-8")


def run(folder: Path, name: str, streamed: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    with monkeypatch.context() as m:
        if streamed:
            m.setattr(streaming, "STREAM_MIN_BYTES", 0)

            read_bytes = Path.read_bytes

            def whole(self: Path) -> bytes:
                if self.name == name:  # (the rule cache reads its own files whole)
                    raise AssertionError(f"{self} was read whole")
                return read_bytes(self)

            m.setattr(Path, "read_bytes", whole)
        result = cli("--format", "json", "--no-cache", "--jobs", "1", name, cwd=folder)
    return result.returncode, result.stdout


@pytest.mark.parametrize("name", ["batch.jsonl", "batch.jsonl.gz", "batch.ndjson"])
def test_a_streamed_jsonl_file_gives_the_findings_of_a_whole_read(tmp_path: Path, monkeypatch, name: str) -> None:
    data = jsonl_bytes()
    (tmp_path / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    whole = run(tmp_path, name, False, monkeypatch)
    assert run(tmp_path, name, True, monkeypatch) == whole
    found = [(v["rule"], v["line"], v["column"]) for v in json.loads(whole[1])]
    assert ("input-error", 3, 11) in found  # the cut record, at its own line
    assert ("input-error", 4, 1) in found  # a list is no record
    assert ("empty-html-tag", 1, 26) in found and ("empty-html-tag", 5, 12) in found and ("empty-html-tag", 6, 37) in found


def test_a_streamed_csv_file_keeps_rows_that_span_lines(tmp_path: Path, monkeypatch) -> None:
    rows = ['title,date_publish,maintext',
            '"Ferries to Pusan resume",2024-09-02 07:15:00,"Ships left Pusan at dawn.\nPort officials,<strong></strong> said more."',
            '"부산항 운항 재개",2024-09-03 08:00:00,"부산항에서 <em></em>선박들이 출항했다."',
            'a row,with too many,fields,here']
    (tmp_path / "batch.csv").write_text("\r\n".join(rows) + "\r\n", encoding="utf-8-sig")
    whole = run(tmp_path, "batch.csv", False, monkeypatch)
    assert run(tmp_path, "batch.csv", True, monkeypatch) == whole
    found = [(v["rule"], v["line"], v.get("record")) for v in json.loads(whole[1])]
    assert ("empty-html-tag", 2, 2) in found and ("empty-html-tag", 4, 4) in found and ("input-error", 5, 5) in found


@pytest.mark.parametrize("case", ["windows-1252", "truncated-gzip", "empty"])
def test_a_file_that_cannot_be_streamed_safely_is_read_whole_as_before(tmp_path: Path, monkeypatch, case: str) -> None:
    name = "batch.jsonl.gz" if case == "truncated-gzip" else "batch.jsonl"
    if case == "windows-1252":
        data = "\n".join(json.dumps({"title": "Café reopens", "maintext": "The café<b></b> in Düsseldorf reopened."},
                                    ensure_ascii=False) for _ in range(3)).encode("cp1252")
    elif case == "truncated-gzip":
        data = gzip.compress(jsonl_bytes())[:-30]
    else:
        data = b"\n  \n"
    (tmp_path / name).write_bytes(data)
    whole = run(tmp_path, name, False, monkeypatch)
    with monkeypatch.context() as m:
        m.setattr(streaming, "STREAM_MIN_BYTES", 0)
        assert cli("--format", "json", "--no-cache", "--jobs", "1", name, cwd=tmp_path).stdout == whole[1]
    messages = [v["message"] for v in json.loads(whole[1]) if v["rule"] == "input-error"]
    expected = {"windows-1252": "it looks like windows-1252", "truncated-gzip": "gzip data ends early",
                "empty": "empty file"}[case]
    assert any(expected in m for m in messages), messages


def test_parts_keep_the_line_numbers_of_the_whole_file(tmp_path: Path) -> None:
    lines = [json.dumps({"title": f"Story {i}", "maintext": f"Body {i} of the wire."}) for i in range(40)]
    path = tmp_path / "wire.jsonl"
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")  # a blank line between records
    parts = streaming.scan(path, False, 300)
    assert len(parts) > 5 and [p.first for p in parts].count(True) == 1
    numbered = [(n, text) for part in parts for n, text in streaming.numbered_lines(path, False, part)]
    assert numbered == list(enumerate(path.read_text(encoding="utf-8").split("\n")[:-1], 1))


@pytest.mark.parametrize("fmt", ["json", "jsonl", "text", "sarif"])
def test_findings_kept_on_disk_print_as_findings_kept_in_memory(tmp_path: Path, monkeypatch, fmt: str) -> None:
    """Past findings.SPILL_AT the run's findings are sorted in runs on disk and merged back."""
    make_corpus(tmp_path, records=45)
    args = ("--format", fmt, "--no-cache", "--jobs", "1", "--report-unused", ".")
    held = cli(*args, cwd=tmp_path)
    spilled_runs = []
    real_spill = findings.Findings._spill

    def spill(self) -> None:
        spilled_runs.append(len(self._held))
        real_spill(self)

    monkeypatch.setattr(findings, "SPILL_AT", 7)
    monkeypatch.setattr(findings.Findings, "_spill", spill)
    spilled = cli(*args, cwd=tmp_path)
    assert len(spilled_runs) >= 3  # merged from several sorted runs
    assert (spilled.returncode, spilled.stdout) == (held.returncode, held.stdout)
    assert held.returncode == 1 and "promo-block" in held.stdout
