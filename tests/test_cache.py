"""The result cache: an unchanged file is not read again and the output is byte for byte the
same (cross-article findings included); changing the file, the config or a rule file misses."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest
from inprocess_cli import cli
from sample_articles import SPELLING_RULE, spelling_project
from test_parallel import make_corpus

from newslint import cache, engine

ARTICLE = """\
Ferries to Pusan resume after typhoon     DATE: 2024-09-02 07:15:00

Ferry operators said services between Fukuoka and Pusan resumed on Monday morning.
Port officials in Pusan expect full traffic by Wednesday,<strong></strong> the agency said.
"""
RECORD = {"title": "부산항 운항 재개", "date_publish": "2024-09-03 08:00:00",
          "maintext": "부산항에서 선박들이 <em></em>새벽에 출항했다. Pusan port reopened."}


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return spelling_project(tmp_path, files={
        "news/ferries.txt": ARTICLE,
        "news/batch.jsonl": json.dumps(RECORD, ensure_ascii=False) + "\n",
    })


@pytest.fixture()
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the engine reads (a cached file is not read)."""
    seen: list[str] = []
    real = engine.read_path

    def counting(path, display, aliases):
        seen.append(display)
        return real(path, display, aliases)

    monkeypatch.setattr(engine, "read_path", counting)
    return seen


def lint(project: Path, *args: str):
    return cli("--jobs", "1", *args, "news", cwd=project)


def test_a_second_run_reads_nothing_and_prints_the_same(project: Path, reads: list[str]) -> None:
    first = lint(project)
    assert sorted(reads) == ["news/batch.jsonl", "news/ferries.txt"]
    assert "news/ferries.txt:3:51: warning busan-spelling Use 'Busan' instead of 'Pusan'" in first.stdout
    reads.clear()
    second = lint(project)
    assert reads == []
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
    folder = project / ".newslint_cache"
    assert (folder / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (folder / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_changing_a_file_reads_that_file_again(project: Path, reads: list[str]) -> None:
    lint(project)
    reads.clear()
    (project / "news" / "ferries.txt").write_text(ARTICLE.replace("<strong></strong>", ""), encoding="utf-8")
    second = lint(project)
    assert reads == ["news/ferries.txt"]
    assert "news/ferries.txt:4:58:" not in second.stdout and "news/ferries.txt:4:19:" in second.stdout  # the tag is gone
    assert "news/batch.jsonl:1:12: error empty-html-tag" in second.stdout  # from the cache


def test_changing_the_config_or_a_rule_file_reads_everything_again(project: Path, reads: list[str]) -> None:
    lint(project)
    reads.clear()
    (project / "newslint.yaml").write_text("rules: [rules]\nignore: [empty-html-tag]\n", encoding="utf-8")
    assert "empty-html-tag" not in lint(project).stdout
    assert sorted(reads) == ["news/batch.jsonl", "news/ferries.txt"]
    reads.clear()
    rule = project / "rules" / "busan-spelling.yaml"
    rule.write_text(SPELLING_RULE.replace("Use '{replacement}'", "House style: write '{replacement}'"), encoding="utf-8")
    third = lint(project)
    assert sorted(reads) == ["news/batch.jsonl", "news/ferries.txt"]
    assert "news/ferries.txt:3:51: warning busan-spelling House style: write 'Busan' instead of 'Pusan'" in third.stdout


def test_no_cache_reads_everything_and_writes_no_folder(project: Path, reads: list[str]) -> None:
    lint(project, "--no-cache")
    lint(project, "--no-cache")
    assert sorted(reads) == ["news/batch.jsonl", "news/batch.jsonl", "news/ferries.txt", "news/ferries.txt"]
    assert not (project / ".newslint_cache").exists()


def test_the_cache_folder_can_be_moved(project: Path, reads: list[str], tmp_path_factory, monkeypatch) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    lint(project, "--cache-dir", str(elsewhere / "by-option"))
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(elsewhere / "by-env"))
    lint(project)
    reads.clear()
    lint(project)
    assert reads == []
    assert (elsewhere / "by-option" / "CACHEDIR.TAG").is_file() and (elsewhere / "by-env" / "CACHEDIR.TAG").is_file()
    assert not (project / ".newslint_cache").exists()


def test_a_cached_run_gives_the_same_cross_article_findings(tmp_path: Path, reads: list[str]) -> None:
    make_corpus(tmp_path, records=60)
    args = ("--format", "json", "--jobs", "1", "--report-unused", ".")
    first = cli(*args, cwd=tmp_path)
    reads.clear()
    second = cli(*args, cwd=tmp_path)
    assert reads == []
    assert second.stdout == first.stdout
    assert any("site boilerplate" in v["message"] for v in json.loads(second.stdout))
    # a file gone since: the cross-article counts are made again from the cached others
    (tmp_path / "c_port_0.txt").unlink()
    third = cli(*args, cwd=tmp_path)
    assert reads == []
    assert third.stdout == cli(*args, "--no-cache", cwd=tmp_path).stdout

    def port_line(out: str) -> str:
        return next(v["message"] for v in json.loads(out) if (v["path"], v["line"]) == ("c_port_1.txt", 4))

    # the port story's opening line, shared by the six text files, then by five
    assert "recurs in 6 of 65 articles from koreawire.example" in port_line(second.stdout)
    assert "recurs in 5 of 64 articles from koreawire.example" in port_line(third.stdout)


def _database(project: Path) -> Path:
    (found,) = (project / ".newslint_cache").rglob("results.sqlite")
    return found


def test_entries_are_packed_in_one_database_not_a_file_each(tmp_path: Path, reads: list[str]) -> None:
    for day in range(1, 81):  # a folder of one-story files, as many scrapers write them
        (tmp_path / f"ferries-{day:02d}.txt").write_text(
            ARTICLE.replace("2024-09-02", f"2024-{9 + day // 29:02d}-{day % 28 + 1:02d}"), encoding="utf-8")
    first = cli("--jobs", "1", ".", cwd=tmp_path)
    checked = len(reads)
    assert checked == 80 and first.stdout.count("empty-html-tag") == 80
    kept = [p.name for p in (tmp_path / ".newslint_cache").rglob("*") if p.is_file() and p.parent.name != "rules"]
    assert sorted(kept) == [".gitignore", "CACHEDIR.TAG", "results.sqlite"]
    with sqlite3.connect(_database(tmp_path)) as db:
        assert db.execute("SELECT count(*) FROM entry").fetchone() == (checked,)
    reads.clear()
    assert cli("--jobs", "1", ".", cwd=tmp_path).stdout == first.stdout
    assert reads == []


def _entries_by_path(project: Path) -> dict[str, int]:
    with sqlite3.connect(_database(project)) as db:
        return dict(db.execute("SELECT path, count(*) FROM entry GROUP BY path").fetchall())


def test_a_file_edited_again_and_again_keeps_one_entry(project: Path, reads: list[str]) -> None:
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday"):
        (project / "news" / "ferries.txt").write_text(ARTICLE.replace("Monday", day), encoding="utf-8")
        lint(project)
    assert _entries_by_path(project) == {"news/batch.jsonl": 1, "news/ferries.txt": 1}
    reads.clear()
    assert "news/ferries.txt:3:51: warning busan-spelling" in lint(project).stdout
    assert reads == []


def test_the_entries_of_the_four_settings_written_last_are_kept(project: Path, reads: list[str]) -> None:
    rule = project / "rules" / "busan-spelling.yaml"

    def house_style(n: int) -> None:  # each wording of the message is new settings
        rule.write_text(SPELLING_RULE.replace("Use '{replacement}'", f"House style {n}: write '{{replacement}}'"),
                        encoding="utf-8")

    for n in range(6):
        house_style(n)
        assert f"warning busan-spelling House style {n}: write 'Busan' instead of 'Pusan'" in lint(project).stdout
    with sqlite3.connect(_database(project)) as db:
        assert db.execute("SELECT count(DISTINCT settings), count(*) FROM entry").fetchone() == (4, 8)
    house_style(2)  # among the last four: still cached
    reads.clear()
    assert "House style 2: write 'Busan'" in lint(project).stdout
    assert reads == []
    house_style(1)  # older: its entries were deleted
    assert "House style 1: write 'Busan'" in lint(project).stdout
    assert sorted(reads) == ["news/batch.jsonl", "news/ferries.txt"]


def test_a_database_of_an_earlier_layout_is_made_anew(project: Path, reads: list[str]) -> None:
    first = lint(project)
    database = _database(project)
    database.unlink()
    with sqlite3.connect(database) as db:  # as newslint's first packed cache made them
        db.execute("CREATE TABLE entry (key TEXT PRIMARY KEY, outcomes BLOB NOT NULL)")
    reads.clear()
    assert lint(project).stdout == first.stdout
    assert sorted(reads) == ["news/batch.jsonl", "news/ferries.txt"]
    reads.clear()
    assert lint(project).stdout == first.stdout
    assert reads == []


def test_a_damaged_entry_is_a_miss(project: Path, reads: list[str]) -> None:
    first = lint(project)
    with sqlite3.connect(_database(project)) as db:  # cut short, as a bad sector leaves them
        db.execute("UPDATE entry SET outcomes = substr(outcomes, 1, length(outcomes) - 30)")
    reads.clear()
    second = lint(project)
    assert sorted(reads) == ["news/batch.jsonl", "news/ferries.txt"]
    assert second.stdout == first.stdout
    reads.clear()
    assert lint(project).stdout == first.stdout
    assert reads == []  # written anew


def test_a_damaged_database_is_made_anew(project: Path, reads: list[str]) -> None:
    first = lint(project)
    database = _database(project)
    database.write_bytes(b"this is not a database\n" * 100)
    reads.clear()
    second = lint(project)
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
    assert sorted(reads) == ["news/batch.jsonl", "news/ferries.txt"]
    reads.clear()
    lint(project)
    assert reads == []


def test_a_database_another_run_is_writing_is_waited_for_then_left(project: Path, reads: list[str], monkeypatch) -> None:
    first = lint(project)
    (project / "news" / "ferries.txt").write_text(ARTICLE.replace("Monday", "Tuesday"), encoding="utf-8")
    monkeypatch.setattr(cache, "WAIT_S", 0.2)
    other = sqlite3.connect(_database(project), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another newslint writing its entries: reading goes on
    try:
        reads.clear()
        second = lint(project)
    finally:
        other.execute("ROLLBACK")
    assert reads == ["news/ferries.txt"]
    assert (second.returncode, second.stdout.replace("Tuesday", "Monday"), second.stderr) == (
        first.returncode, first.stdout, first.stderr)
    other.execute("BEGIN EXCLUSIVE")  # one that holds even its readers out past WAIT_S
    try:
        reads.clear()
        third = lint(project)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert sorted(reads) == ["news/batch.jsonl", "news/ferries.txt"]  # checked, after one wait
    assert third.stdout == second.stdout
    reads.clear()
    lint(project)
    assert reads == ["news/ferries.txt"]  # its entry could not be written then; now it is
    reads.clear()
    lint(project)
    assert reads == []


def test_an_entry_gone_between_look_up_and_use_means_the_file_is_checked(project: Path, reads: list[str], monkeypatch) -> None:
    first = lint(project)
    monkeypatch.setattr(cache.ResultCache, "stored_outcomes", lambda self, key: None)  # `newslint clean` meanwhile
    reads.clear()
    second = lint(project)
    assert sorted(reads) == ["news/batch.jsonl", "news/ferries.txt"]
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)


def test_a_python_without_sqlite_runs_uncached(project: Path, reads: list[str], monkeypatch) -> None:
    first = lint(project)
    monkeypatch.setitem(sys.modules, "sqlite3", None)  # as on a Python built without it
    reads.clear()
    second = lint(project)
    assert sorted(reads) == ["news/batch.jsonl", "news/ferries.txt"]
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)


def test_a_large_entry_has_a_file_of_its_own(project: Path, reads: list[str], monkeypatch) -> None:
    monkeypatch.setattr(cache, "OWN_FILE", 100)  # a batch.jsonl's findings pass this
    first = lint(project)
    own = [p for p in (project / ".newslint_cache").rglob("*") if p.is_file() and len(p.name) == 40]
    assert len(own) == 2
    reads.clear()
    assert lint(project).stdout == first.stdout
    assert reads == []
    for entry in own:
        entry.write_bytes(entry.read_bytes()[:-30])  # cut short, as a full disk leaves it
    second = lint(project)
    assert sorted(reads) == ["news/batch.jsonl", "news/ferries.txt"]
    assert second.stdout == first.stdout


def test_clean_deletes_the_cache_folder_and_the_next_run_checks_every_file_again(project: Path, reads: list[str]) -> None:
    cli("news", cwd=project)
    cache = project / ".newslint_cache"
    assert (cache / "CACHEDIR.TAG").is_file()
    done = cli("clean", cwd=project)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Removed {cache} (") and done.stdout.endswith(" MB).\n")
    assert not cache.exists()
    reads.clear()
    cli("news", cwd=project)
    assert sorted(reads) == ["news/batch.jsonl", "news/ferries.txt"]
    assert cli("clean", cwd=project).returncode == 0
    assert cli("clean", cwd=project).stdout == f"No cache at {cache}.\n"


def test_clean_refuses_a_folder_newslint_did_not_make(project: Path) -> None:
    mine = project / "my-data"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me\n", encoding="utf-8")
    done = cli("--cache-dir", "my-data", "clean", cwd=project)
    assert done.returncode == 2
    assert done.stderr == ("newslint: error: my-data is not a newslint cache (it has no CACHEDIR.TAG of newslint's); "
                           "nothing removed\n")
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep me\n"
