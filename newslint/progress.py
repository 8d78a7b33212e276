"""Progress of a long run on standard error: files and articles done, articles a second, time
left. Shown only to a person watching a terminal: not when standard error is piped, in CI
(`CI` set), under --quiet or --no-progress (the pre-commit hook passes it: pre-commit runs
hooks in a pseudo-terminal to keep their colours), and only once a run has passed a few
hundred articles, so short runs print nothing.

The run loop calls `advance(files=, articles=)` as work is done, from whichever process
collects the results, so it works whatever the worker layout. tqdm draws the line: it keeps
to the terminal's width, redraws at most a few times a second and clears itself at the end.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TextIO

SHOW_AFTER_ARTICLES = 300


def wanted(stream: TextIO, quiet: bool = False, disabled: bool = False) -> bool:
    """Whether a person is watching `stream` and asked for no silence."""
    if quiet or disabled:
        return False
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """Counts work done; draws it on `stream` once `SHOW_AFTER_ARTICLES` articles are done."""

    def __init__(self, total_files: int | None, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.total_files = total_files
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.files = 0
        self.articles = 0
        self._start = time.monotonic()
        self._bar = None

    def advance(self, files: int = 0, articles: int = 0) -> None:
        self.files += files
        self.articles += articles
        if not self.enabled:
            return
        if self._bar is None:
            if self.articles < SHOW_AFTER_ARTICLES:
                return
            self._open(initial=self.files - files)
        else:
            self._bar.set_postfix_str(self._postfix(), refresh=False)
        self._bar.update(files)

    def _open(self, initial: int) -> None:
        from tqdm import tqdm  # imported only when a bar is drawn: it costs start-up time

        # `initial`: the files done before the bar appeared (tqdm leaves them out of its rate).
        self._bar = tqdm(
            total=self.total_files, initial=initial, unit="file", file=self.stream, leave=False, postfix=self._postfix(),
            dynamic_ncols=True, mininterval=0.25,
            bar_format="newslint {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} files{postfix}, {remaining} left",
        )

    def _postfix(self) -> str:
        elapsed = max(time.monotonic() - self._start, 1e-6)
        return f"{self.articles:,} articles, {self.articles / elapsed:,.0f} articles/s"

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def for_run(paths: list[str], exclude: list[str], quiet: bool = False, disabled: bool = False,
            stream: TextIO | None = None) -> Progress:
    """The progress of a run over `paths`; the files are counted first (for the time left)
    only when it will be drawn."""
    out = stream if stream is not None else sys.stderr
    if not wanted(out, quiet, disabled):
        return Progress(None, out, enabled=False)
    from .engine import discover

    total = sum(1 if given == "-" else sum(1 for _ in discover([Path(given)], exclude)) for given in paths)
    return Progress(total, out)
