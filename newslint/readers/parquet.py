"""`.parquet`: one article a row, its columns mapped to roles as a JSON record's keys are.

pyarrow is an optional extra (`newslint[parquet]`): it is large, and most users lint text,
JSON and HTML. It is imported only when a Parquet file is read, so a run without one pays
nothing. The file is read a row group at a time, a few thousand rows a batch, never whole.

Places: `record` is the row's 1-based number in the file (across row groups), and a finding
in a field is on "line" = that row number, at "column" = the 1-based character offset inside
the field's text, as for a JSON record. A row group that cannot be read is one input-error at
its first row; a cell that cannot be text (bytes that are not UTF-8, a nested struct in a
role's column, said once a file) is one input-error at its row, and the row is checked without it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..article import Article, SourceFile, Violation
from .fields import resolve_keys
from .problems import input_error
from .records import IGNORE_KEY, article_from_record, no_body_problem

BATCH_ROWS = 2048
INSTALL_HINT = "reading Parquet needs pyarrow: pip install 'newslint[parquet]'"


def _cell(value: Any) -> Any:
    """A Parquet value as the record readers take it: a timestamp or date as ISO 8601 text (as
    JSON producers write dates), bytes as UTF-8 text; other values as they are."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("utf-8")  # UnicodeDecodeError: reported by the caller
    return value


def _said(exc: Exception) -> str:
    """pyarrow's message on one line (its thrift errors span several)."""
    return " ".join(str(exc).split())


def _text_problem(key: str, value: Any) -> str | None:
    """Why a role's cell cannot be read as text, or None when it can (or is empty)."""
    if value is None or isinstance(value, str | int | float | bool):
        return None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return None
    kind = "a struct" if isinstance(value, dict) else f"a {type(value).__name__}"
    return f"column '{key}' holds {kind}, not text: it is left out of the articles (said once a file)"


def read_parquet(path: str, handle: str | BinaryIO, aliases: dict[str, list[str]],
                 row_groups: list[int] | None = None) -> Iterator[Article | Violation]:
    """Articles and input errors from a Parquet file (a path, or a file object such as a buffer).

    `row_groups`: only these row groups (ascending), each row still numbered as in the whole
    file, so a distributed run can read a large file in parts (newslint.ray); what is said once
    a file (no body column, a nested column) is said by the part that holds row group 0."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        yield input_error(path, 1, 1, f"cannot read a Parquet file: {INSTALL_HINT}")
        return
    try:
        parquet = pq.ParquetFile(handle)
    except (pa.ArrowException, OSError, ValueError) as exc:
        yield input_error(path, 1, 1, f"cannot read Parquet file: {_said(exc)}")
        return
    meta = parquet.metadata
    if meta.num_rows == 0:
        yield input_error(path, 1, 1, "empty file: no article found")
        return
    source = SourceFile(path)
    names = parquet.schema_arrow.names
    roles = resolve_keys(names, aliases)
    role_keys = set(roles.values())
    groups = range(meta.num_row_groups) if row_groups is None else row_groups
    told = bool(groups) and groups[0] != 0
    # Columns already reported as not text: once a file, not once a row. A later part of the
    # file knows them from the schema: the part with row group 0 has reported them.
    mistyped: set[str] = {k for k in role_keys if _never_text(parquet.schema_arrow.field(k).type)} if told else set()
    starts = [1]
    for group in range(meta.num_row_groups):
        starts.append(starts[-1] + meta.row_group(group).num_rows)
    for group in groups:
        first, rows = starts[group], meta.row_group(group).num_rows  # the group's first row's number
        try:
            batches = parquet.iter_batches(batch_size=BATCH_ROWS, row_groups=[group], use_threads=False)
            n = first
            for batch in batches:
                for row in batch.to_pylist():
                    yield from row_items(source, n, row, aliases, role_keys, mistyped, told)
                    told = True
                    n += 1
        except (pa.ArrowException, OSError, ValueError) as exc:
            # Rows already yielded from this group stand; the rest of it is lost, not the file.
            yield input_error(path, first, 1, f"cannot read rows {first}-{first + rows - 1} (row group {group + 1}): {_said(exc)}",
                              record=first)


def _never_text(arrow_type: Any) -> bool:
    """A column type whose values can never be read as text (a struct, a map, a list of numbers)."""
    import pyarrow as pa

    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return not (pa.types.is_string(arrow_type.value_type) or pa.types.is_large_string(arrow_type.value_type))
    return pa.types.is_struct(arrow_type) or pa.types.is_map(arrow_type) or pa.types.is_union(arrow_type)


def row_items(source: SourceFile, n: int, row: dict[str, Any], aliases: dict[str, list[str]],
              role_keys: set[str], mistyped: set[str], told: bool) -> Iterator[Article | Violation]:
    """One row's article, after an input-error for each cell that cannot be text (a Ray
    Dataset's rows are read the same way: newslint.ray)."""
    # A cell that cannot be text stays in the record as None, so the role keeps its column
    # (another alias does not stand in for it on this row alone).
    record: dict[str, Any] = {}
    for key, value in row.items():
        try:
            value = _cell(value)
        except UnicodeDecodeError as exc:
            if key in role_keys:
                yield input_error(source.path, n, 1, f"column '{key}' holds bytes that are not UTF-8 ({exc.reason} at byte {exc.start}): it is left out of this row's article", record=n)
            value = None
        problem = _text_problem(key, value) if key in role_keys or key == IGNORE_KEY else None
        if problem is not None:
            if key not in mistyped:
                mistyped.add(key)
                yield input_error(source.path, n, 1, problem, record=n)
            value = None
        record[key] = value
    if not told:
        problem = no_body_problem(source, n, row, aliases)
        if problem is not None:
            yield problem
    yield article_from_record(source, n, record, aliases)
