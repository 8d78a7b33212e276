"""Readers: from a path (or standard input) to Articles, and to input-error findings.

One module per format; this module only decides which one reads a file, undoes gzip, and
turns bytes into text. Bytes that are not UTF-8 are reported at their line and column, then
replaced so the rest of the file is still checked.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from ..article import Article, LineIndex, SkippedPage, SourceFile, Violation
from .csv_records import read_csv
from .html import read_html
from .json_records import read_json
from .jsonl import read_jsonl
from .problems import INPUT_ERROR, input_error
from .text import read_text

# What a reader yields: articles, input errors at their place, and pages that hold no article.
Item = Article | Violation | SkippedPage
Reader = Callable[[SourceFile, str, dict[str, list[str]]], Iterator[Item]]

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

__all__ = ["INPUT_ERROR", "READERS", "Item", "format_of", "read_bytes", "read_path"]


def format_of(name: str) -> str | None:
    """The reader suffix for a file name (`a.jsonl.gz` -> `.jsonl`), or None if not an input."""
    lower = name.lower()
    lower = lower.removesuffix(".gz")
    suffix = _suffix(lower) if os.sep == "/" else Path(lower).suffix
    return suffix if suffix in READERS else None


def _suffix(name: str) -> str:
    """Path(name).suffix on POSIX, without building a Path (this runs for every file)."""
    base = name
    if "/" in name:
        parts = [p for p in name.split("/") if p and p != "."]  # as pathlib reads them
        base = parts[-1] if parts else ""
    i = base.rfind(".")
    return base[i:] if 0 < i < len(base) - 1 else ""


MAX_DECODE_REPORTS = 10


def _decode(path: str, data: bytes) -> tuple[str, list[Violation]]:
    """The text of a file and an input-error at each place its bytes are not UTF-8 (at most
    MAX_DECODE_REPORTS: a file in another encoding would otherwise give one a line)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    lines = LineIndex(text)
    problems: list[Violation] = []
    pos = chars = 0  # byte offset in data, character offset in text (one U+FFFD per bad run)
    while pos < len(data):
        try:
            data[pos:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            good = len(data[pos : pos + exc.start].decode("utf-8"))
            chars += good
            if len(problems) == MAX_DECODE_REPORTS:
                problems.append(input_error(path, *lines.position(chars), "more invalid UTF-8 follows; not listed"))
                break
            line, col = lines.position(chars)
            bad = data[pos + exc.start]
            problems.append(input_error(path, line, col, f"invalid UTF-8 (byte 0x{bad:02x}); it was replaced by U+FFFD and the rest checked"))
            chars += 1
            pos += exc.end
    return text, problems


def _gunzip(data: bytes) -> tuple[bytes, bool]:
    """The decompressed bytes of every gzip member, and whether the data stopped mid-stream."""
    out: list[bytes] = []
    while data:
        inflater = zlib.decompressobj(wbits=31)
        out.append(inflater.decompress(data))
        if not inflater.eof:
            out.append(inflater.flush())
            return b"".join(out), True
        data = inflater.unused_data.lstrip(b"\x00")
    return b"".join(out), False


def _looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def read_bytes(path: str, data: bytes, fmt: str, aliases: dict[str, list[str]]) -> Iterator[Item]:
    """Articles and input errors from a file's bytes, already known to be of format `fmt`."""
    truncated = False
    if path.lower().endswith(".gz") or data[:2] == b"\x1f\x8b":
        try:
            data, truncated = _gunzip(data)
        except (OSError, EOFError, zlib.error) as exc:
            yield input_error(path, 1, 1, f"cannot decompress gzip data: {exc}")
            return
        if truncated:
            # An interrupted download or crawl: the complete lines before the cut are checked.
            data = data[: data.rfind(b"\n") + 1]
    if _looks_binary(data):
        yield input_error(path, 1, 1, "binary file: not text (a NUL byte was found)")
        return
    text, problems = _decode(path, data)
    yield from problems
    if truncated:
        line = text.count("\n") + 1
        kept = f"only the {line - 1} complete lines before the cut were read" if line > 1 else "no complete line before the cut"
        yield input_error(path, line, 1, f"gzip data ends early (a truncated file): {kept}")
        if not text:
            return
    source = SourceFile.of(path, text)
    try:
        yield from READERS[fmt](source, text, aliases)
    except RecursionError:
        yield input_error(path, 1, 1, "input nested too deeply to read")


def read_path(path: Path, display: str, aliases: dict[str, list[str]]) -> Iterator[Item]:
    """A file named on the command line is read whatever its suffix: as text when unknown."""
    fmt = format_of(path.name) or ".txt"
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield input_error(display, 1, 1, f"cannot read file: {exc.strerror or exc}")
        return
    yield from read_bytes(display, data, fmt, aliases)
