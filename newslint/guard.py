"""How a run ends when it cannot finish: output that cannot be written, or a bug in newslint.

Exit status 1 means "violations found", and CI recipes accept it (`|| [ $? -eq 1 ]`), so a run
that did not finish must never end with 1, as an uncaught Python exception does. Both cases
print one line on standard error and exit with EXIT_ERROR (2, as ruff does); an internal error
adds its traceback, which is what a bug report needs. A reader that closes the pipe early
(`newslint articles/ | head`) is not an error: the run ends quietly with 0, as it did.
"""

from __future__ import annotations

import errno
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any

EXIT_ERROR = 2
EXIT_INTERRUPTED = 130


class OutputError(Exception):
    """Standard output could not be written (a full disk, a closed descriptor)."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(cause.strerror or str(cause))
        self.cause = cause


class _Closed:
    """Standard output when the process was started with it closed (`newslint ... >&-`):
    Python then sets sys.stdout to None. Writing anything is an error, said once."""

    def write(self, text: str) -> int:
        if text:
            raise OSError(errno.EBADF, "standard output is closed")
        return 0

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


class GuardedStdout:
    """sys.stdout for the length of a run: a write that fails with an OSError other than a
    closed pipe becomes an OutputError, so main can tell it from an OSError inside newslint."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream if stream is not None else _Closed()

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc) from exc

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc) from exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null so that the interpreter's own flush at exit does
    not fail a second time and print "Exception ignored" (the Python docs' advice for SIGPIPE)."""
    try:
        fd = 1
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except (OSError, ValueError):
        pass


def guarded(run: Callable[[list[str]], int], argv: list[str]) -> int:
    """run(argv)'s exit status, or EXIT_ERROR with one line on standard error when the run
    could not finish."""
    real = sys.stdout
    sys.stdout = GuardedStdout(real)
    try:
        status = run(argv)
        sys.stdout.flush()  # a full disk shows at the last flush: report it here, not at exit
        return status
    except BrokenPipeError:
        if real is sys.__stdout__:
            _silence_stdout()
        return 0
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except OutputError as exc:
        if real is sys.__stdout__:
            _silence_stdout()
        print(f"newslint: error: cannot write to standard output: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # a bug: say so on one line, then the traceback for the report
        print(f"newslint: internal error: {type(exc).__name__}: {exc} (please report it, with the traceback below)",
              file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return EXIT_ERROR
    finally:
        sys.stdout = real
