"""The command line run in this process (the same `main` the console script calls), for the
many small variations whose subprocess start-up would dominate the suite's time. Tests of the
real process (exit status seen by a shell, stdin, the console script) use conftest.run_cli."""

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
    out, err = io.StringIO(), io.StringIO()
    before = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse's own usage errors
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(before)
    return Result(code, out.getvalue(), err.getvalue())
