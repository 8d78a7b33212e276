"""Readers: from a path (or standard input) to Articles, and to input-error findings.

One module per format; this module only decides which one reads a file, undoes gzip, and
turns bytes into text. Bytes that are not UTF-8 are reported at their line and column, then
replaced so the rest of the file is still checked.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from ..article import Article, LineIndex, SourceFile, Violation
from .csv_records import read_csv
from .html import read_html
from .json_records import read_json
from .jsonl import read_jsonl
from .problems import INPUT_ERROR, input_error
from .text import read_text

Reader = Callable[[SourceFile, str, dict[str, list[str]]], Iterator["Article | Violation"]]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_text,
    ".markdown": read_text,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".html": read_html,
    ".htm": read_html,
}

__all__ = ["INPUT_ERROR", "READERS", "format_of", "read_bytes", "read_path"]


def format_of(name: str) -> str | None:
    """The reader suffix for a file name (`a.jsonl.gz` -> `.jsonl`), or None if not an input."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    suffix = Path(lower).suffix
    return suffix if suffix in READERS else None


def _decode(path: str, data: bytes) -> tuple[str, Violation | None]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        lines = LineIndex(good)
        line, col = lines.position(len(good))
        text = data.decode("utf-8", errors="replace")
        bad = data[exc.start : exc.start + 4]
        problem = input_error(path, line, col, f"invalid UTF-8 (byte 0x{bad[0]:02x}); undecodable bytes were replaced and the rest checked")
        return text, problem


def _looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def read_bytes(path: str, data: bytes, fmt: str, aliases: dict[str, list[str]]) -> Iterator[Article | Violation]:
    """Articles and input errors from a file's bytes, already known to be of format `fmt`."""
    if path.lower().endswith(".gz") or data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            yield input_error(path, 1, 1, f"cannot decompress gzip data: {exc}")
            return
    if _looks_binary(data):
        yield input_error(path, 1, 1, "binary file: not text (a NUL byte was found)")
        return
    text, problem = _decode(path, data)
    if problem is not None:
        yield problem
    source = SourceFile.of(path, text)
    try:
        yield from READERS[fmt](source, text, aliases)
    except RecursionError:
        yield input_error(path, 1, 1, "input nested too deeply to read")


def read_path(path: Path, display: str, aliases: dict[str, list[str]]) -> Iterator[Article | Violation]:
    """A file named on the command line is read whatever its suffix: as text when unknown."""
    fmt = format_of(path.name) or ".txt"
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield input_error(display, 1, 1, f"cannot read file: {exc.strerror or exc}")
        return
    yield from read_bytes(display, data, fmt, aliases)
