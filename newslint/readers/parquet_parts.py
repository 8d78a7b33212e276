"""Where to cut a big Parquet file so that several processes each check a part of it (`--jobs`):
between its row groups, the smallest pieces pyarrow reads without reading what comes before.

A part is a run of whole row groups of about PART_BYTES (uncompressed, as the file's metadata
gives them); its rows keep their numbers in the whole file (parquet.read_parquet). The first
part holds the file's first row, so what is said once a file (no body column) is said by it.
A file is cut only when its parts are sure to read as the whole file does: every column of a
type whose cells are text, numbers, truth values, dates and times, or lists of text. A column
that cannot be text (a struct, a list of numbers, a decimal) is reported once a file, at the
first row that holds a value; a part cannot know whether an earlier part has said so. Such a
file, a file written as one row group (as pandas writes up to a million rows), and any file
pyarrow cannot open is checked in one piece, its problems reported as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .streaming import Part


def _plain(arrow_type: Any) -> bool:
    """A type whose every cell reads as text, or as a number, truth value, date or time."""
    import pyarrow as pa

    t = pa.types
    if t.is_list(arrow_type) or t.is_large_list(arrow_type):
        return t.is_string(arrow_type.value_type) or t.is_large_string(arrow_type.value_type)
    return any(test(arrow_type) for test in (
        t.is_string, t.is_large_string, t.is_binary, t.is_large_binary, t.is_integer, t.is_floating,
        t.is_boolean, t.is_timestamp, t.is_date, t.is_time, t.is_null))


def parquet_parts(path: Path, part_bytes: int) -> list[Part] | None:
    """The parts (runs of row groups) of about `part_bytes` to read a Parquet file in, or None
    when it must be read in one piece."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return None
    try:
        meta = pq.ParquetFile(str(path)).metadata
        schema = meta.schema.to_arrow_schema()
    except (pa.ArrowException, OSError, ValueError):
        return None
    if meta.num_rows == 0 or not all(_plain(f.type) for f in schema):
        return None
    runs: list[list[int]] = [[]]
    size = rows = 0
    for group in range(meta.num_row_groups):
        runs[-1].append(group)
        size += meta.row_group(group).total_byte_size
        rows += meta.row_group(group).num_rows
        if size >= part_bytes and rows and group + 1 < meta.num_row_groups:
            runs.append([])
            size = 0
    if len(runs) == 1:
        return [Part()]
    return [Part(first=n == 0, whole=False, row_groups=tuple(run)) for n, run in enumerate(runs)]
