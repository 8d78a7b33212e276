"""`newslint show PATH...`: every article read from the inputs, as the rules see it.

The inputs are found and read exactly as a lint run reads them (discover with the config's
`exclude`, the engine's readers with the config's `fields` mapping); nothing is checked.
Articles go to standard output as they are read; an input that could not be read is reported
on standard error at its place, and the other articles are still shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from .article import SkippedPage, Violation
from .config import ProjectConfig
from .engine import Engine, discover
from .formatters import articles
from .readers import Item


def _items(paths: list[str], config: ProjectConfig, stdin: bytes, stdin_name: str) -> Iterator[Item]:
    engine = Engine([], config.field_aliases())
    unlistable: list[Violation] = []  # folders that could not be read
    for given in paths:
        if given == "-":
            yield from engine.read_stdin(stdin, stdin_name)
            continue
        for path, shown in discover([Path(given)], config.exclude, unlistable):
            yield from engine.read_file(path, shown)
    yield from unlistable


def show(paths: list[str], config: ProjectConfig, fmt: str, out: TextIO, err: TextIO,
         stdin: bytes = b"", stdin_name: str = "stdin.txt") -> bool:
    """Writes the articles in `fmt` (text or json); True when some input could not be read."""
    unreadable = False
    first = True
    for item in _items(paths, config, stdin, stdin_name):
        if isinstance(item, Violation):
            err.write(articles.problem_line(item))
            unreadable = True
        elif isinstance(item, SkippedPage):
            if fmt == "json":
                err.write(articles.skipped_note(item))
            else:
                out.write(articles.skipped_text(item))
        elif fmt == "json":
            out.write(("[\n" if first else ",\n") + articles.as_json(item))
            first = False
        else:
            out.write(articles.as_text(item))
    if fmt == "json":
        out.write("[]\n" if first else "\n]\n")
    return unreadable
