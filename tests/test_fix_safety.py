"""--fix as a careful writer: the count it prints, the mode and owner it keeps, the files it
cannot write, and the temporary files a killed run leaves."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from inprocess_cli import cli
from sample_articles import spelling_project

ARTICLE = """\
Ferries to Pusan resume after typhoon     DATE: 2024-09-02 07:15:00

Ferry operators said services between Fukuoka and Pusan resumed on Monday.
Cranes were back at work<em></em> on the container piers.
"""
FIXED = ARTICLE.replace("Pusan", "Busan").replace("<em></em>", "")


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return spelling_project(tmp_path)


def shown(project: Path, *paths: str) -> list[dict]:
    return json.loads(cli(*paths, "--format", "json", cwd=project).stdout)


# ---------------------------------------------------------------------------- the count


def test_fixed_count_is_the_findings_shown_when_two_rules_respell_one_name(project: Path) -> None:
    # The house style says Busan; in this article Pusan is the more used spelling, so
    # inconsistent-romanisation offers Pusan for the two Busan. Passes flip the spellings until
    # the substitution wins; the count is still what a plain run showed.
    article = project / "a.txt"
    article.write_text(
        "Ferries to Pusan resume     DATE: 2024-09-02 07:15:00\n\n"
        "Ships left Pusan at dawn for Busan, officials in Pusan said.\n"
        "Busan port was busy.\n",
        encoding="utf-8",
    )
    before = shown(project, "a.txt")
    assert [(v["line"], v["column"], v["rule"]) for v in before] == [
        (1, 12, "busan-spelling"), (3, 12, "busan-spelling"),
        (3, 30, "inconsistent-romanisation"), (3, 50, "busan-spelling"),
    ]
    proc = cli("a.txt", "--fix", cwd=project)
    assert proc.stdout.splitlines() == ["No violations in 1 article (1 file checked).", "Fixed 4 violations."]
    assert article.read_text(encoding="utf-8") == (
        "Ferries to Busan resume     DATE: 2024-09-02 07:15:00\n\n"
        "Ships left Busan at dawn for Busan, officials in Busan said.\n"
        "Busan port was busy.\n"
    )


def test_a_finding_reported_once_for_three_places_counts_once(project: Path) -> None:
    # Bahasa Indonesia: one finding for 'Kim Jong-un' (3 times), its fix respells all three.
    batch = project / "berita.jsonl"
    record = {"title": "Kim Jong Un tinjau pabrik", "text": (
        "Pemimpin Korea Utara Kim Jong Un meninjau pabrik pada hari Jumat. Kim Jong Un memuji para pekerja. "
        "Kim Jong Un juga mengunjungi rumah sakit. Menurut KCNA, Kim Jong-un tiba pagi hari. "
        "Kim Jong-un makan siang bersama pekerja. Kim Jong-un kembali ke Pyongyang.")}
    batch.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    before = shown(project, "berita.jsonl")
    assert [(v["rule"], v["field"], v["message"]) for v in before] == [
        ("inconsistent-romanisation", "text", "'Kim Jong-un' (3 times) is spelled 'Kim Jong Un' in title, column 1")]
    proc = cli("berita.jsonl", "--fix", cwd=project)
    assert proc.stdout.splitlines()[-1] == "Fixed 1 violation."
    assert json.loads(batch.read_text(encoding="utf-8"))["text"] == record["text"].replace("Kim Jong-un", "Kim Jong Un")


# ---------------------------------------------------------------------------- mode and owner


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file to another owner needs root")
def test_fix_keeps_a_read_only_files_mode_owner_and_group(project: Path) -> None:
    article = project / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    os.chown(article, 4321, 4322)
    os.chmod(article, 0o444)
    proc = cli("a.txt", "--fix", cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert article.read_text(encoding="utf-8") == FIXED
    st = article.stat()
    assert (stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid) == (0o444, 4321, 4322)


def test_a_file_whose_owner_cannot_be_kept_is_not_rewritten(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As a user who may not give a file away: chown refuses, and the file stays as it was.
    for name in ("a.txt", "b.txt"):
        (project / name).write_text(ARTICLE, encoding="utf-8")
    mine = os.stat(project / "b.txt")
    os.chown(project / "a.txt", mine.st_uid, mine.st_gid + 1)

    def chown(path, uid, gid):
        raise PermissionError(1, "Operation not permitted", path)

    monkeypatch.setattr(os, "chown", chown)
    proc = cli(".", "--fix", cwd=project)
    assert (project / "a.txt").read_text(encoding="utf-8") == ARTICLE
    assert (project / "b.txt").read_text(encoding="utf-8") == FIXED
    assert "a.txt:1:1: error input-error --fix could not rewrite this file (cannot keep the file's owner and group); it was left as it was" in proc.stdout
    assert proc.stdout.splitlines()[-1] == "Fixed 3 violations."
    assert proc.returncode == 1
    assert sorted(p.name for p in project.iterdir() if p.name != ".newslint_cache") == ["a.txt", "b.txt", "newslint.yaml", "rules"]


# ---------------------------------------------------------------------------- a file that cannot be written


def test_a_file_in_a_read_only_folder_is_an_input_error_and_the_others_are_fixed(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root ignores permission bits, so the rename a read-only folder refuses is refused here.
    for name in ("a.txt", "b.txt", "c.txt"):
        (project / name).write_text(ARTICLE, encoding="utf-8")
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst).name == "b.txt":
            raise PermissionError(13, "Permission denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    proc = cli(".", "--fix", cwd=project)
    assert (project / "a.txt").read_text(encoding="utf-8") == FIXED
    assert (project / "b.txt").read_text(encoding="utf-8") == ARTICLE
    assert (project / "c.txt").read_text(encoding="utf-8") == FIXED
    assert proc.stdout.splitlines() == [
        "b.txt:1:1: error input-error --fix could not rewrite this file (Permission denied); it was left as it was",
        "b.txt:1:12: warning busan-spelling Use 'Busan' instead of 'Pusan'",
        "b.txt:3:51: warning busan-spelling Use 'Busan' instead of 'Pusan'",
        "b.txt:4:25: error empty-html-tag Empty <em> element left in the text (nothing but white space inside)",
        "Found 4 violations (2 errors, 2 warnings) in 1 of 3 files; 3 articles checked.",
        "Fixed 6 violations.",
    ]
    assert proc.returncode == 1
    assert sorted(p.name for p in project.iterdir() if p.name != ".newslint_cache") == ["a.txt", "b.txt", "c.txt", "newslint.yaml", "rules"]


# ---------------------------------------------------------------------------- a killed run


def _writer(target: Path, at_rename: str) -> subprocess.Popen:
    """A process that writes `target` atomically and, at the rename, kills itself (SIGKILL) or
    waits (a run still at work)."""
    script = (
        "import os, signal, sys, time\n"
        "from pathlib import Path\n"
        "from newslint.workflow.atomic_write import write_atomically\n"
        f"os.replace = {at_rename}\n"
        "write_atomically(Path(sys.argv[1]), b'x' * 100_000)\n"
    )
    return subprocess.Popen([sys.executable, "-c", script, str(target)])


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".newslint-tmp"))


def test_temporary_files_of_a_killed_run_are_removed_by_the_next_fix(project: Path) -> None:
    (project / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (project / "b.txt").write_text(ARTICLE, encoding="utf-8")
    running = _writer(project / "b.txt", "lambda *a: time.sleep(120)")
    try:
        deadline = time.monotonic() + 60
        while not _temporaries(project) and time.monotonic() < deadline:
            time.sleep(0.05)
        live = _temporaries(project)
        assert len(live) == 1 and live[0].startswith(".b.txt.") and f"-{running.pid}-" in live[0]
        killed = _writer(project / "a.txt", "lambda *a: os.kill(os.getpid(), signal.SIGKILL)")
        assert killed.wait(timeout=60) == -signal.SIGKILL
        dead = [n for n in _temporaries(project) if n not in live]
        assert len(dead) == 1 and dead[0].startswith(".a.txt.") and f"-{killed.pid}-" in dead[0]
        assert (project / dead[0]).stat().st_size == 100_000
        proc = cli(".", "--fix", cwd=project)
        assert proc.stdout.splitlines()[-1] == "Fixed 6 violations."
        # the killed run's file is gone; the running one's is left to it
        assert _temporaries(project) == live
    finally:
        running.kill()
        running.wait()
    assert (project / "a.txt").read_text(encoding="utf-8") == FIXED
