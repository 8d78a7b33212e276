"""`.jsonl` / `.ndjson`: one JSON object a line. A bad line is an input-error; the rest is read."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..article import Article, SourceFile, Violation
from .problems import TOO_DEEP, input_error, json_problem
from .records import article_from_record, no_body_problem
from .surrogates import MESSAGE as LONE_SURROGATE
from .surrogates import may_hold_lone_surrogates, scrub_record


def read_jsonl(source: SourceFile, text: str, aliases: dict[str, list[str]]) -> Iterator[Article | Violation]:
    if not text.strip():
        yield input_error(source.path, 1, 1, "empty file: no article found")
        return
    yield from jsonl_records(source, enumerate(text.split("\n"), 1), aliases)


def jsonl_records(source: SourceFile, lines: Iterable[tuple[int, str]], aliases: dict[str, list[str]],
                  first_part: bool = True) -> Iterator[Article | Violation]:
    """The records of numbered lines: a whole file's, or a part's read by itself (a file streamed
    line by line, or a byte range of one checked in another process). Only the part that holds
    the file's first record says when it has no body field (`first_part`)."""
    told = not first_part  # whether the first record's keys were looked at for a body field
    for n, line in lines:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            col = getattr(exc, "colno", 1)
            msg = json_problem(exc)
            yield input_error(source.path, n, col, f"malformed JSON record: {msg}", record=n)
            continue
        except RecursionError:
            yield input_error(source.path, n, 1, TOO_DEEP, record=n)
            continue
        if not isinstance(record, dict):
            yield input_error(source.path, n, 1, f"a record must be a JSON object, not {type(record).__name__}", record=n)
            continue
        if may_hold_lone_surrogates(line):  # (a regex search: a few per cent of a line's parse)
            record, found = scrub_record(record)
            if found:
                yield input_error(source.path, n, 1, LONE_SURROGATE, record=n)
        if not told:
            told = True
            problem = no_body_problem(source, n, record, aliases)
            if problem is not None:
                yield problem
        yield article_from_record(source, n, record, aliases)
