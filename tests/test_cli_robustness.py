"""Runs that cannot finish, and inputs that are not plain files: what a user and a CI job see.

A CI recipe accepts exit status 1 ("violations found"), so a run that did not finish (a bug, a
full disk, a closed standard output) must end with one line on standard error and status 2,
never with a traceback and 1. A folder walk reads regular files only (a named pipe would hang
it), skips hidden files, says which folders it could not read, and says so when it found nothing
to check. File names that are not UTF-8 are shown quoted, as git shows them, in every format.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from inprocess_cli import cli

from newslint.cli import main
from newslint.formatters import FORMATTERS
from newslint.path_quoting import path_bytes, quote_path

NB = "\u00a0"

PORT_STORY = (
    f"Container traffic at Busan port hits record {NB} DATE: 2024-05-03 09:00:00\n"
    "\n"
    "BUSAN, May 3 (Port Desk) -- Container traffic reached a record in April,<strong></strong> the port authority said.\n"
    "Ships from Incheon carried most of the gain.\n"
)
# The same defect in a Korean wire story.
KOREAN_STORY = (
    f"부산항 컨테이너 물동량 사상 최대 {NB} DATE: 2024-05-03 09:00:00\n"
    "\n"
    "부산항만공사는 4월 컨테이너 물동량이<em></em> 사상 최대를 기록했다고 밝혔다.\n"
)
PORT_FINDING = "3:73: error empty-html-tag Empty <strong> element left in the text (nothing but white space inside)"
KOREAN_FINDING = "3:21: error empty-html-tag Empty <em> element left in the text (nothing but white space inside)"


@pytest.fixture
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "port.txt").write_text(PORT_STORY, encoding="utf-8")
    return tmp_path


def _run(args: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newslint", *args], cwd=cwd, capture_output=True,
                          timeout=30, check=False, **kwargs)


# --- a run that cannot finish -------------------------------------------------------------------

def test_an_internal_error_is_one_line_then_the_traceback_and_exit_2(news, monkeypatch):
    def broken_render(violations, report):
        raise RuntimeError("formatter bug")

    monkeypatch.setattr(FORMATTERS["json"], "render", broken_render)
    # (json output is written a finding at a time: its streaming writer breaks the same way)
    monkeypatch.setattr(FORMATTERS["json"], "write", lambda violations, report, out: broken_render(violations, report))
    proc = cli("--format", "json", "news", cwd=news)
    assert proc.returncode == 2  # never 1, which CI recipes accept as "violations found"
    lines = proc.stderr.splitlines()
    assert lines[0] == "newslint: internal error: RuntimeError: formatter bug (please report it, with the traceback below)"
    assert lines[1] == "Traceback (most recent call last):"
    assert lines[-1] == "RuntimeError: formatter bug"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="/dev/full is a Linux device")
@pytest.mark.parametrize("fmt", ["text", "sarif"])
def test_standard_output_on_a_full_disk_is_one_line_and_exit_2(news, fmt):
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "newslint", "--format", fmt, "news"], cwd=news, stdout=full,
                              stderr=subprocess.PIPE, timeout=60, check=False)
    assert proc.returncode == 2
    assert proc.stderr.decode() == "newslint: error: cannot write to standard output: No space left on device\n"


def test_closed_standard_output_is_one_line_and_exit_2(news):
    proc = subprocess.run(f'"{sys.executable}" -m newslint news >&-', shell=True, cwd=news,
                          stderr=subprocess.PIPE, timeout=60, check=False)
    assert proc.returncode == 2
    assert proc.stderr.decode() == "newslint: error: cannot write to standard output: standard output is closed\n"


def test_a_reader_that_stops_early_is_no_error(news):
    # `newslint big/ | head -1`: far more output than a pipe holds, and the reader goes away.
    records = "".join(json.dumps({"title": f"Port report {n}", "maintext": f"Cargo rose {n} percent,<b></b> officials said."}) + "\n"
                      for n in range(1500))
    (news / "news" / "batch.jsonl").write_text(records, encoding="utf-8")
    with subprocess.Popen([sys.executable, "-m", "newslint", "news"], cwd=news, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) as proc:
        first = proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read()
        status = proc.wait(timeout=60)
    assert first.startswith(b"news/batch.jsonl:1:")
    # Quiet, and not status 2: 0 when the closed pipe was seen, 1 (the findings) when the system
    # let the whole report be written first.
    assert (status in (0, 1), err) == (True, b"")


def test_a_closed_pipe_seen_while_writing_ends_quietly_with_0(news, monkeypatch):
    class ClosedPipe(io.StringIO):
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

    err = io.StringIO()
    monkeypatch.chdir(news)
    with contextlib.redirect_stdout(ClosedPipe()), contextlib.redirect_stderr(err):
        status = main(["news"])
    assert (status, err.getvalue()) == (0, "")


# --- file names that are not UTF-8 --------------------------------------------------------------

def test_a_file_name_that_is_not_utf8_is_quoted_as_git_does_in_every_format(news):
    folder = os.fsencode(news / "news")
    os.rename(os.path.join(folder, b"port.txt"), os.path.join(folder, b"caf\xe9-port.txt"))  # a Latin-1 name
    os.makedirs(os.path.join(folder, b"\xbc\xad\xbf\xef"))  # EUC-KR for 서울, a folder made on an old Windows share
    with open(os.path.join(folder, b"\xbc\xad\xbf\xef", b"port.txt"), "w", encoding="utf-8") as out:
        out.write(KOREAN_STORY)
    shown_latin, shown_korean = '"news/caf\\351-port.txt"', '"news/\\274\\255\\277\\357/port.txt"'

    real = _run(["news"], news)  # the bytes a real process writes
    assert (real.returncode, real.stderr) == (1, b"")
    assert real.stdout.decode("utf-8").splitlines()[0] == f"{shown_korean}:{KOREAN_FINDING}"
    for fmt in sorted(FORMATTERS):
        proc = cli("--format", fmt, "news", cwd=news)
        assert (proc.returncode, proc.stderr) == (1, ""), fmt
        proc.stdout.encode("utf-8")  # no lone surrogate (a byte that is not UTF-8) left, or this raises
        if fmt == "text":
            assert proc.stdout.splitlines() == [
                f"{shown_korean}:{KOREAN_FINDING}",  # sorted by the shown path: '\\' before 'c'
                f"{shown_latin}:{PORT_FINDING}",
                "Found 2 violations (2 errors) in 2 of 2 files; 2 articles checked.",
            ]
        elif fmt == "json":
            assert [(v["path"], v["line"], v["column"]) for v in json.loads(proc.stdout)] == [
                (shown_korean, 3, 21), (shown_latin, 3, 73)]
        elif fmt == "sarif":
            results = json.loads(proc.stdout)["runs"][0]["results"]
            # A URI carries the name's own bytes, percent-encoded: a viewer finds the file.
            assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results] == [
                "news/%BC%AD%BF%EF/port.txt", "news/caf%E9-port.txt"]
        elif fmt == "gitlab":
            assert [v["location"]["path"] for v in json.loads(proc.stdout)] == [shown_korean, shown_latin]


def test_a_newline_in_a_file_name_does_not_break_the_line_of_a_finding(news):
    (news / "news" / "port.txt").rename(news / "news" / "port\nnew.txt")
    proc = run_cli("news", cwd=news)
    assert proc.stdout.splitlines()[0] == f'"news/port\\nnew.txt":{PORT_FINDING}'


def test_a_quoted_name_is_the_bytes_it_stands_for():
    for raw in (b"news/caf\xe9.txt", b'odd "name"\\\t\x01.txt', "서울/부산.txt".encode()):
        shown = quote_path(os.fsdecode(raw))
        shown.encode("utf-8")
        assert path_bytes(shown) == raw
    assert quote_path("서울/부산.txt") == "서울/부산.txt"  # valid UTF-8 is shown as it is
    assert quote_path(os.fsdecode(b'a "b"\xff.txt')) == '"a \\"b\\"\\377.txt"'


# --- what is read -------------------------------------------------------------------------------

def test_a_named_pipe_or_a_socket_in_a_folder_is_skipped_not_waited_on(news):
    os.mkfifo(news / "news" / "feed.txt")  # nothing ever writes to it: opening it would wait forever
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(news / "news" / "live.jsonl"))
        proc = _run(["news"], news)
    finally:
        server.close()
    assert proc.returncode == 1
    assert proc.stdout.decode().splitlines() == [
        f"news/port.txt:{PORT_FINDING}", "Found 1 violation (1 error) in 1 of 1 file; 1 article checked."]


def test_a_named_pipe_or_a_device_named_on_the_command_line_is_a_usage_error(news):
    os.mkfifo(news / "news" / "feed.txt")
    proc = _run(["news/feed.txt", "news/port.txt"], news)  # in a subprocess: a wait would not stop the suite
    assert (proc.returncode, proc.stdout) == (2, b"")
    assert proc.stderr.decode() == ("newslint: error: news/feed.txt is a named pipe (FIFO): newslint reads regular "
                                    "files and folders (pipe data in with - and --stdin-filename)\n")
    proc = cli("/dev/null", cwd=news)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.startswith("newslint: error: /dev/null is a character device:")


def test_hidden_files_are_skipped_in_a_folder_but_read_when_named(news):
    # A project's own baseline and an editor's draft beside the articles.
    baseline = ROOT / ".newslint-baseline.json"
    (news / ".newslint-baseline.json").write_bytes(baseline.read_bytes())
    (news / "news" / ".port-draft.txt").write_text(KOREAN_STORY, encoding="utf-8")
    proc = cli(".", cwd=news)
    assert proc.stdout.splitlines() == [
        f"news/port.txt:{PORT_FINDING}", "Found 1 violation (1 error) in 1 of 1 file; 1 article checked."]
    proc = cli("news/.port-draft.txt", cwd=news)
    assert proc.stdout.splitlines()[0] == f"news/.port-draft.txt:{KOREAN_FINDING}"


def test_a_folder_that_cannot_be_read_is_an_input_error_and_the_rest_is_checked(news, monkeypatch):
    locked = news / "news" / "locked"
    locked.mkdir()
    (locked / "story.txt").write_text(KOREAN_STORY, encoding="utf-8")
    # The tests run as root, whom permissions do not stop: the OS's refusal is made here instead,
    # where os.walk lists a folder.
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).resolve() == locked.resolve():
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    proc = cli("news", cwd=news)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "news/locked:1:1: error input-error cannot read folder: Permission denied; the files in it are not checked",
        f"news/port.txt:{PORT_FINDING}",
        "Found 2 violations (2 errors) in 2 of 2 files; 1 article checked.",
    ]


def test_a_file_that_cannot_be_read_is_an_input_error_and_the_rest_is_checked(news, monkeypatch):
    (news / "news" / "locked.txt").write_text(KOREAN_STORY, encoding="utf-8")
    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    proc = cli("news", cwd=news)
    assert proc.stdout.splitlines() == [
        "news/locked.txt:1:1: error input-error cannot read file: Permission denied",
        f"news/port.txt:{PORT_FINDING}",
        "Found 2 violations (2 errors) in 2 of 2 files; 1 article checked.",
    ]


NOTHING = ("no files to check under the given paths (in a folder, newslint reads .txt .md .markdown .json "
           ".jsonl .ndjson .csv .html .htm files, gzipped or not, and skips hidden files and folders)")


def test_a_folder_with_nothing_to_check_warns_and_can_be_made_to_fail(news):
    (news / "exports").mkdir()
    (news / "exports" / "notes.docx").write_bytes(b"PK\x03\x04 not an input format")
    proc = cli("exports", cwd=news)
    assert (proc.returncode, proc.stdout) == (0, "No violations in 0 articles (0 files checked).\n")
    assert proc.stderr == f"newslint: warning: {NOTHING}\n"
    proc = cli("--fail-on-empty", "--format", "sarif", "exports", cwd=news)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"newslint: error: {NOTHING}\n"
    # Something to check: the option changes nothing.
    proc = cli("--fail-on-empty", "news", cwd=news)
    assert (proc.returncode, proc.stderr) == (1, "")


def test_a_seed_file_with_classic_mac_line_ends_is_read_line_by_line_and_fixed_in_place(tmp_path) -> None:
    # A CR alone ends each line (an old Mac export): the headline and DATE header are found, a
    # finding's line and column are those an editor shows, and --fix keeps the CRs.
    lines = [
        "Talks resume in Seoul \u00a0 DATE: 2024-09-14 10:12:00",
        "",
        "SEOUL, Sept. 14 (Yonhap) -- North and South Korean officials met on Saturday,<strong></strong> "
        "the unification ministry said.",
        "The talks are the first since 2018, officials said.",
    ]
    (tmp_path / "mac.txt").write_bytes(("\r".join(lines) + "\r").encode("utf-8"))
    proc = run_cli("--select", "empty-html-tag", "mac.txt", cwd=tmp_path)
    col = lines[2].index("<strong>") + 1
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines()[0] == (
        f"mac.txt:3:{col}: error empty-html-tag Empty <strong> element left in the text (nothing but white space inside)")
    fixed = run_cli("--select", "empty-html-tag", "--fix", "mac.txt", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    lines[2] = lines[2].replace("<strong></strong>", "")
    assert (tmp_path / "mac.txt").read_bytes() == ("\r".join(lines) + "\r").encode("utf-8")


def test_a_paragraph_saved_twice_in_a_classic_mac_file_is_removed_with_its_own_line_end(tmp_path) -> None:
    # The fix's span runs over a line end, which the file writes as CR: it is still the
    # reported text, removed whole, and the CRs around it stay.
    para = "SEOUL, Sept. 14 (Yonhap) -- Officials from both Koreas met on Saturday for the first time since 2018."
    lines = ["Talks resume    DATE: 2024-09-14 10:12:00", "", para, para, "The next round is due in October."]
    (tmp_path / "mac.txt").write_bytes(("\r".join(lines) + "\r").encode("utf-8"))
    proc = run_cli("mac.txt", cwd=tmp_path)
    assert proc.stdout.splitlines()[0] == (
        "mac.txt:4:1: warning duplicated-paragraph Paragraph saved twice: the same text is already at line 3")
    fixed = run_cli("--fix", "mac.txt", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    del lines[3]
    assert (tmp_path / "mac.txt").read_bytes() == ("\r".join(lines) + "\r").encode("utf-8")
