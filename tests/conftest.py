"""Shared fixtures. Tests that read ../shared (real corpus, dev set) carry the `shared` marker:
they skip, with the reason, where that folder is absent (a user's clone), and fail instead when
NEWSLINT_REQUIRE_SHARED=1 (set by .ci/run), so CI always runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
DEVSET = SHARED / "devset"
SEED = ROOT / "seeds" / "000_cc69422307144f52.txt"


def need_shared(*parts: str) -> Path:
    """The path under ../shared, or skip (fail under CI) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is absent (real articles are not redistributed with newslint)"
        if os.environ.get("NEWSLINT_REQUIRE_SHARED") == "1":
            pytest.fail(reason + "; NEWSLINT_REQUIRE_SHARED=1 requires it")
        pytest.skip(reason)
    return path


def run_cli(*args: str, cwd: Path | None = None, stdin: str | bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real command line, in a subprocess, as a user runs it."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None) if env is None or "GITHUB_ACTIONS" not in env else None
    data = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", *args],
        cwd=cwd, input=data, capture_output=True, env=full_env, timeout=300,
    )
    proc.stdout = proc.stdout.decode("utf-8", errors="replace")
    proc.stderr = proc.stderr.decode("utf-8", errors="replace")
    return proc
