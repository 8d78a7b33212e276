"""Readers: from a path (or standard input) to Articles, and to input-error findings.

One module per format; this module only decides which one reads a file, undoes gzip, and
has `decoding` turn bytes into text (a page as a browser decodes it, other files as UTF-8; a
file in another encoding is one finding, then read in that encoding).
"""

from __future__ import annotations

import codecs
import io
import os
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from ..article import Article, SkippedPage, SourceFile, Violation
from .csv_records import read_csv
from .decoding import decode
from .json_records import read_json
from .jsonl import read_jsonl
from .parquet import read_parquet
from .problems import INPUT_ERROR, input_error
from .streaming import read_streamed
from .text import read_text


def read_html(source: SourceFile, text: str, aliases: dict[str, list[str]]) -> Iterator[Item]:
    """The HTML reader, imported when a page is read (its parser and extractor cost start-up
    time that a run over text and JSON files need not pay)."""
    from .html import read_html as read_page

    return read_page(source, text, aliases)


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
# Binary formats are not decoded to text: their reader is handed the file (or its bytes) itself.
BINARY_FORMATS = frozenset({".parquet"})
FORMATS = frozenset(READERS) | BINARY_FORMATS

__all__ = ["FORMATS", "INPUT_ERROR", "READERS", "Item", "format_of", "read_bytes", "read_path"]


def format_of(name: str) -> str | None:
    """The reader suffix for a file name (`a.jsonl.gz` -> `.jsonl`), or None if not an input.
    A name shown in quotes (path_quoting: it is not UTF-8) keeps its suffix inside them."""
    if name.endswith('"') and name.startswith('"'):
        name = name[1:-1]
    lower = name.lower()
    lower = lower.removesuffix(".gz")
    suffix = _suffix(lower) if os.sep == "/" else Path(lower).suffix
    return suffix if suffix in FORMATS else None


def _suffix(name: str) -> str:
    """Path(name).suffix on POSIX, without building a Path (this runs for every file)."""
    base = name
    if "/" in name:
        parts = [p for p in name.split("/") if p and p != "."]  # as pathlib reads them
        base = parts[-1] if parts else ""
    i = base.rfind(".")
    return base[i:] if 0 < i < len(base) - 1 else ""


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
    # UTF-16 and UTF-32 text is full of NUL bytes; with its byte-order mark it is text all the
    # same. (UTF-32LE's mark begins with UTF-16LE's.)
    return b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE))


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
    if fmt == ".parquet":
        yield from read_parquet(path, io.BytesIO(data), aliases)
        return
    if _looks_binary(data):
        yield input_error(path, 1, 1, "binary file: not text (a NUL byte was found)")
        return
    text, problems, _ = decode(path, data, fmt)
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
    if fmt == ".parquet" and not path.name.lower().endswith(".gz"):
        # pyarrow reads the file itself, a row group at a time: it is never read whole.
        yield from read_parquet(display, str(path), aliases)
        return
    streamed = read_streamed(path, display, fmt, aliases)  # a big JSONL or CSV file: never whole
    if streamed is not None:
        yield from streamed
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield input_error(display, 1, 1, f"cannot read file: {exc.strerror or exc}")
        return
    yield from read_bytes(display, data, fmt, aliases)
