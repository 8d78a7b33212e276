"""Where to cut a big CSV file so that several processes each check a part of it (`--jobs`).

A CSV record may span lines (a quoted field holds line breaks), so a CSV file cannot be cut at
any line end as a JSONL file is: it is cut only where Python's csv reader, the one the workers
read with, ends a record. One pass reads the file through that reader, a line at a time, and
notes the byte offset and line number after each record; a part ends at the first record end
past its size. The csv reader starts each record afresh, so a part read from its first byte
gives the rows a read of the whole file gives there, with their lines in the whole file. Every
part after the first is given the header row.

A file is cut only when reading it in parts is sure to give what reading it whole gives: valid
UTF-8 (with or without a byte-order mark), not binary, and with no carriage return except in a
"\\r\\n" line end (the whole-file reader also ends a line at a lone "\\r", where a cut at "\\n"
would not see it). The first part holds the first row as wide as the header, so what is said
once a file (no body column; no record at all) is said by it. Any other file is one unit.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .streaming import Part  # (which imports csv_records: the csv field size limit the workers read with)

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class _NotSplittable(Exception):
    pass


class _Place:
    __slots__ = ("line", "offset")

    def __init__(self) -> None:
        self.offset = 0  # bytes read
        self.line = 1  # the line the next byte is on


def _lines(f: BinaryIO, place: _Place) -> Iterator[str]:
    """The file's lines as the csv reader takes them, `place` kept after each."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
    for raw in f:
        if b"\r" in raw and (raw.count(b"\r") > 1 or not raw.endswith(b"\r\n")):
            raise _NotSplittable("a carriage return that is not part of a line end")
        text = decoder.decode(raw)  # whole lines: a character never spans two of them
        place.offset += len(raw)
        place.line += raw.endswith(b"\n")
        yield text
    decoder.decode(b"", final=True)


def scan_csv(path: Path, part_bytes: int) -> list[Part] | None:
    """The parts of about `part_bytes` to read a plain (not gzipped) CSV file in, or None when
    it must be read in one piece."""
    place = _Place()
    cuts: list[tuple[int, int]] = []  # (byte offset, line) where a part begins
    try:
        with path.open("rb") as f:
            head = f.read(8192)
            if head.startswith(_UTF16_BOMS) or b"\x00" in head:
                return None
            f.seek(0)
            reader = csv.reader(_lines(f, place))
            header = next(reader)
            width = len(header)
            wide_row = False  # a row as wide as the header read (see the module's note)
            start = 0
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error:
                    row = None
                # (as csv_records counts a row: a blank one is not)
                wide_row = wide_row or (row is not None and len(row) == width and not (width == 1 and not row[0].strip()))
                if wide_row and place.offset - start >= part_bytes:
                    cuts.append((place.offset, place.line))
                    start = place.offset
    except (_NotSplittable, UnicodeDecodeError, csv.Error, StopIteration, OSError):
        return None
    cuts = [c for c in cuts if c[0] < place.offset]  # (a cut at the very end begins no part)
    if not cuts:
        return [Part()]
    begins = [(0, 1), *cuts]
    parts = []
    for n, (offset, line) in enumerate(begins):
        end = begins[n + 1][0] if n + 1 < len(begins) else None
        parts.append(Part(offset, end, line, n == 0, whole=False, header=tuple(header) if n else None))
    return parts
