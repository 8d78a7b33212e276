"""The command line run in this process: `newslint.cli.main` with its own current folder and
captured output. Same parsing, output and exit status as `run_cli`, without a Python start-up
(about 0.5 s a call), so detailed cases stay fast; each feature keeps `run_cli` tests too."""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

from newslint.cli import main


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def cli(*args: str, cwd: Path) -> Result:
    old_cwd = os.getcwd()
    saved = {k: os.environ.pop(k) for k in ("GITHUB_ACTIONS", "FORCE_COLOR") if k in os.environ}
    out, err = io.StringIO(), io.StringIO()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(old_cwd)
        os.environ.update(saved)
    return Result(code, out.getvalue(), err.getvalue())
