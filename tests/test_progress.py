"""Progress on standard error: drawn under a pseudo-terminal for a run of a few hundred
articles, and absent when standard error is piped, under CI=1, --quiet, --no-progress, in the
pre-commit hook's command line, and for short runs. The findings are the same either way."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from newslint.progress import SHOW_AFTER_ARTICLES

WIRE = """\
{title} \u00a0  DATE: 2024-04-{day:02d} 08:{minute:02d}:00
URL: https://harbourwire.example/2024/04/{day:02d}/port-{n}/
Source: Harbour Wire

INCHEON, April {day} (Harbour Wire) -- Cargo volumes at the port rose for the {n}th week running, the port authority said on <strong></strong> Monday.
Officials expect {n} more ships a month once the new container terminal opens before the end of the year.
"""
TITLES = ("Port cargo volumes rise again", "인천항 물동량 또 늘어", "Hafen meldet erneut mehr Fracht")


def _articles(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        text = WIRE.format(title=TITLES[n % 3], day=1 + n % 28, minute=n % 60, n=n)
        (folder / f"port-{n:04d}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    return _articles(tmp_path_factory.mktemp("progress") / "articles", SHOW_AFTER_ARTICLES + 100)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    env.update(extra)
    return env


def _under_pty(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str, str]:
    """Runs argv with standard error on a pseudo-terminal (stdout piped): exit status, stdout,
    and what the terminal showed."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # a terminal 120 columns wide
    shown: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the terminal's other side is closed
                return
            if not chunk:
                return
            shown.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    out, _ = proc.communicate(timeout=300)
    reader.join(timeout=30)
    os.close(master)
    return proc.returncode, out.decode(), b"".join(shown).decode("utf-8", "replace")


def _newslint(*args: str) -> list[str]:
    return [sys.executable, "-m", "newslint", *args]


def test_progress_on_a_terminal(many: Path) -> None:
    status, out, terminal = _under_pty(_newslint("articles"), many.parent, _env())
    assert status == 1
    count = SHOW_AFTER_ARTICLES + 100
    # Files done of all, articles done, articles a second, time left; redrawn in place.
    drawn = re.findall(r"\rnewslint +\d+%\|[^|]*\| (\d+)/(\d+) files, ([\d,]+) articles, ([\d,]+) articles/s, (\S+) left", terminal)
    assert drawn, terminal
    files, total, articles, rate, left = drawn[0]
    assert int(total) == count and SHOW_AFTER_ARTICLES - 1 <= int(files) < count and int(articles.replace(",", "")) >= SHOW_AFTER_ARTICLES
    assert int(rate.replace(",", "")) > 0 and re.fullmatch(r"\d\d:\d\d|\?", left)
    # The line clears itself: the findings on stdout are untouched by it.
    assert out.count("empty-html-tag") == count
    assert out.endswith(f"Found {count} violations ({count} errors) in {count} of {count} files; {count} articles checked.\n")


@pytest.mark.parametrize("how", ["piped", "CI=1", "--quiet", "--no-progress"])
def test_no_progress(many: Path, how: str) -> None:
    args = ["articles", "--format", "json"] + ([how] if how.startswith("--") else [])
    if how == "piped":
        proc = subprocess.run(_newslint(*args), cwd=many.parent, env=_env(), capture_output=True, timeout=300)
        status, terminal = proc.returncode, proc.stderr.decode()
    else:
        status, _, terminal = _under_pty(_newslint(*args), many.parent, _env(**({"CI": "1"} if how == "CI=1" else {})))
    assert status == 1
    assert terminal == ""


def test_no_progress_for_a_short_run(tmp_path: Path) -> None:
    _articles(tmp_path / "few", SHOW_AFTER_ARTICLES - 1)
    status, _, terminal = _under_pty(_newslint("few", "--format", "json"), tmp_path, _env())
    assert (status, terminal) == (1, "")


def test_no_progress_in_the_pre_commit_hook(many: Path) -> None:
    """pre-commit runs a hook under a pseudo-terminal when it prints in colour: the hook's own
    command line (entry and args of .pre-commit-hooks.yaml) must keep the terminal quiet."""
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    entry = hook["entry"].split()
    assert entry[0] == "newslint"
    files = sorted(str(p.relative_to(many.parent)) for p in many.iterdir())
    status, out, terminal = _under_pty(_newslint(*entry[1:], *hook.get("args", []), *files), many.parent, _env())
    assert status == 1 and out.count("empty-html-tag") == len(files)
    assert terminal == ""
