"""Big JSONL and CSV files (gzipped or not) read record by record, never whole, so a 1 GB file
is checked in flat memory; and a big plain JSONL file cut into byte ranges at line ends (a CSV
file at record ends: csv_parts.py), so several processes each read only their part.

A file is streamed only when the result is sure to be what reading it whole gives (see
`readers.read_bytes`): it must be valid UTF-8 throughout (with or without a byte-order mark), not
binary, and, when gzipped, complete and undamaged. `scan` makes sure of that in one pass before
any record is read; any other file (one in another encoding, a truncated download) is read whole
as before, with its findings. Splitting at "\\n" is safe in UTF-8 (no character contains the
byte), and each part's lines keep their numbers in the whole file.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..article import Article, SourceFile, Violation
from .csv_records import csv_records
from .jsonl import jsonl_records
from .parquet import read_parquet
from .problems import input_error

# Files smaller than this are read whole, in one read, as before (tests lower it).
STREAM_MIN_BYTES = 8 << 20
# Compressed bytes inflated at a time: JSON text shrinks some 18 times, so 64 KB in is about 1 MB out.
GZIP_BLOCK_BYTES = 64 << 10
STREAMED_FORMATS = frozenset({".jsonl", ".ndjson", ".csv"})
# (a gzipped CSV or Parquet file is read in one piece)
SPLIT_FORMATS = frozenset({".jsonl", ".ndjson", ".csv", ".parquet"})
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class _NotStreamable(Exception):
    pass


@dataclass(frozen=True, slots=True)
class Part:
    """Bytes [start, end) of a file (end None: to the end), whose first line is line `first_line`
    of the file; or, for a gzipped file (which cannot be read from the middle), its lines already
    decompressed (`data`); or, for a Parquet file, a run of its row groups (`row_groups`).
    `first` for the part that holds the file's first record."""

    start: int = 0
    end: int | None = None
    first_line: int = 1
    first: bool = True
    data: bytes | None = None
    whole: bool = True  # the only part: the whole file
    header: tuple[str, ...] | None = None  # a CSV file's header row, for its parts after the first
    row_groups: tuple[int, ...] | None = None  # a Parquet file's part: these row groups (parquet_parts.py)


def is_gzip(path: Path) -> bool:
    if path.name.lower().endswith(".gz"):
        return True
    try:
        with path.open("rb") as f:
            return f.read(2) == b"\x1f\x8b"
    except OSError:
        return False


def _gunzipped(f: io.BufferedReader) -> Iterator[bytes]:
    """The decompressed bytes of every gzip member (NUL padding between members skipped), as
    `readers._gunzip` reads them; damage or a cut raises _NotStreamable (such a file is then
    read whole, and its problem told as before)."""
    inflater = zlib.decompressobj(wbits=31)
    in_member, first = True, True
    while block := f.read(GZIP_BLOCK_BYTES):
        data = block
        while data:
            if not in_member:
                data = data.lstrip(b"\x00")
                if not data:
                    break
                inflater, in_member = zlib.decompressobj(wbits=31), True
            try:
                out = inflater.decompress(data)
            except zlib.error as exc:
                raise _NotStreamable from exc
            first = False
            if out:
                yield out
            if inflater.eof:
                in_member, data = False, inflater.unused_data
            else:
                data = b""
    if in_member and not first:
        raise _NotStreamable("gzip data ends early")


def _raw_lines(path: Path, gz: bool, part: Part) -> Iterator[bytes]:
    """The file's lines in bytes, each with its "\\n" (the last perhaps without)."""
    if part.data is not None:
        yield from io.BytesIO(part.data)
        return
    with path.open("rb") as f:
        if gz:
            rest = b""
            for block in _gunzipped(f):
                block = rest + block
                lines = block.split(b"\n")
                rest = lines.pop()
                for line in lines:
                    yield line + b"\n"
            if rest:
                yield rest
            return
        f.seek(part.start)
        left = None if part.end is None else part.end - part.start
        for line in f:
            if left is not None:
                if left <= 0:
                    return
                left -= len(line)
            yield line


def numbered_lines(path: Path, gz: bool, part: Part = Part()) -> Iterator[tuple[int, str]]:
    """(line number in the file, text without its "\\n") of a part already scanned."""
    n = part.first_line
    for raw in _raw_lines(path, gz, part):
        if n == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        yield n, raw.decode("utf-8").removesuffix("\n")
        n += 1


def scan(path: Path, gz: bool, part_bytes: int | None = None) -> list[Part] | None:
    """The parts to read a file in (one when `part_bytes` is None or the file is gzipped), or
    None when it must be read whole: not valid UTF-8, binary, or a damaged gzip file."""
    parts: list[Part] = []
    start = offset = 0
    line = part_line = 1
    head = b""
    found_record = False  # the first part must hold the first JSON object (see jsonl_records)
    decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
    try:
        for raw in _raw_lines(path, gz, Part()):
            if len(head) < 8192:
                head += raw[: 8192 - len(head)]
                if head.startswith(_UTF16_BOMS) or b"\x00" in head:
                    return None
            text = decoder.decode(raw)  # whole lines: a character never spans two of them
            offset += len(raw)
            ended = raw.endswith(b"\n")
            line += ended
            if part_bytes is None or gz:
                continue
            if not found_record and text.strip():
                try:
                    found_record = isinstance(json.loads(text), dict)
                except ValueError:
                    pass
            if found_record and ended and offset - start >= part_bytes:
                parts.append(Part(start, offset, part_line, not parts, whole=False))
                start, part_line = offset, line
        decoder.decode(b"", final=True)
    except (_NotStreamable, UnicodeDecodeError, OSError):
        return None
    if not parts:
        return [Part()]
    if offset > start:
        parts.append(Part(start, None, part_line, False, whole=False))
    else:
        parts[-1] = Part(parts[-1].start, None, parts[-1].first_line, parts[-1].first, whole=parts[-1].first)
    return parts


def gzip_parts(path: Path, part_bytes: int) -> Iterator[Part]:
    """A scanned gzipped JSONL file's lines, decompressed, in parts of about `part_bytes` (the
    first holds the first record), made as they are asked for."""
    pieces: list[bytes] = []
    size, line, part_line = 0, 1, 1
    found_record = False
    for raw in _raw_lines(path, True, Part()):
        pieces.append(raw)
        size += len(raw)
        if not found_record and raw.strip():
            try:
                found_record = isinstance(json.loads(raw.decode("utf-8-sig" if line == 1 else "utf-8")), dict)
            except ValueError:
                pass
        line += raw.endswith(b"\n")
        if found_record and size >= part_bytes and raw.endswith(b"\n"):
            yield Part(first_line=part_line, first=part_line == 1, data=b"".join(pieces), whole=False)
            pieces, size, part_line = [], 0, line
    if pieces or part_line == 1:
        yield Part(first_line=part_line, first=part_line == 1, data=b"".join(pieces), whole=part_line == 1)


def read_streamed(path: Path, display: str, fmt: str, aliases: dict[str, list[str]]) -> Iterator[Article | Violation] | None:
    """The records of a big JSONL or CSV file, streamed; None when the file is small or must be
    read whole."""
    if fmt not in STREAMED_FORMATS:
        return None
    try:
        size = path.stat().st_size
    except OSError:
        return None
    gz = is_gzip(path)
    if size * (8 if gz else 1) < STREAM_MIN_BYTES or scan(path, gz) is None:
        return None
    return read_part(path, display, fmt, aliases, gz, Part())


def read_part(path: Path, display: str, fmt: str, aliases: dict[str, list[str]], gz: bool,
              part: Part) -> Iterator[Article | Violation]:
    """The records of one scanned part of a file."""
    if part.row_groups is not None:
        yield from read_parquet(display, str(path), aliases, row_groups=list(part.row_groups))
        return
    source = SourceFile(display)  # records are placed by their line: the file's text is not kept
    if fmt == ".csv":
        if not part.whole:  # about PART_BYTES of records, cut where the csv reader ends one
            with path.open("rb") as f:
                f.seek(part.start)
                data = f.read() if part.end is None else f.read(part.end - part.start)
            text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig" if part.first else "utf-8", newline="")
            yield from csv_records(source, text, aliases, part.header, part.first_line)
            return
        with path.open("rb") as f:
            binary = gzip.GzipFile(fileobj=f) if gz else f
            yield from csv_records(source, io.TextIOWrapper(binary, encoding="utf-8-sig", newline=""), aliases)
        return
    text_seen = [False]
    yield from jsonl_records(source, _noting_text(numbered_lines(path, gz, part), text_seen), aliases, part.first)
    if part.whole and not text_seen[0]:
        yield input_error(display, 1, 1, "empty file: no article found")


def _noting_text(lines: Iterator[tuple[int, str]], seen: list[bool]) -> Iterator[tuple[int, str]]:
    for n, text in lines:
        if not seen[0] and text.strip():
            seen[0] = True
        yield n, text
