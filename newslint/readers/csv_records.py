"""`.csv`: a header row, then one article a row. A row with the wrong number of fields is an
input-error at its line; the other rows are still read. A file with no row after its header is
one input-error, as every record file that holds no record is."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator, Sequence
from typing import TextIO

from ..article import Article, SourceFile, Violation
from .problems import input_error
from .records import article_from_record, no_body_problem

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def read_csv(source: SourceFile, text: str, aliases: dict[str, list[str]]) -> Iterator[Article | Violation]:
    yield from csv_records(source, io.StringIO(text, newline=""), aliases)


def csv_records(source: SourceFile, stream: TextIO, aliases: dict[str, list[str]],
                header: Sequence[str] | None = None, first_line: int = 1) -> Iterator[Article | Violation]:
    """The rows of a text stream opened with newline="" (a whole file's text, or a file streamed
    from disk so that it is never held whole).

    For a part of a big file after its first (csv_parts.py), `header` is the file's header row
    and `first_line` the line the part begins on: rows keep their lines in the whole file, and
    what is said once a file (no body column, no record) was said by the first part."""
    reader = csv.reader(stream)
    later = header is not None
    if header is None:
        try:
            header = next(reader)
        except StopIteration:
            yield input_error(source.path, 1, 1, "empty CSV file: no header row")
            return
        except csv.Error as exc:
            yield input_error(source.path, 1, 1, f"unreadable CSV header: {exc}")
            return
    header = [h.strip() for h in header]
    width = len(header)
    before = first_line - 1  # lines of the file before this stream's first
    next_line = before + reader.line_num + 1
    told = later  # whether the first row's columns were looked at for a body field
    rows = 0  # rows after the header, read or not
    while True:
        start = next_line
        try:
            row = next(reader)
        except StopIteration:
            if not rows and not later:  # an export that went wrong must not pass as a clean file
                yield input_error(source.path, 1, 1, "CSV file holds no records: a header row and nothing else")
            return
        except csv.Error as exc:
            rows += 1
            yield input_error(source.path, start, 1, f"unreadable CSV row: {exc}", record=start)
            next_line = before + reader.line_num + 1
            continue
        next_line = before + reader.line_num + 1
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        rows += 1
        if len(row) != width:
            yield input_error(source.path, start, 1, f"CSV row has {len(row)} fields, the header has {width}", record=start)
            continue
        record = dict(zip(header, row))
        if not told:
            told = True
            problem = no_body_problem(source, start, record, aliases)
            if problem is not None:
                yield problem
        yield article_from_record(source, start, record, aliases)
