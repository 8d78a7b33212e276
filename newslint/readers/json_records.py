"""`.json`: one object, or a list of objects, each an article.

The list is decoded element by element so a record's line is known and one bad element does
not hide the others.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..article import Article, LineIndex, SourceFile, Violation
from .problems import input_error
from .records import article_from_record

_decoder = json.JSONDecoder()
_WS = " \t\r\n"


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _WS:
        pos += 1
    return pos


def read_json(source: SourceFile, text: str, aliases: dict[str, list[str]]) -> Iterator[Article | Violation]:
    lines = LineIndex(text)
    pos = _skip_ws(text, 0)
    if pos == len(text):
        yield input_error(source.path, 1, 1, "empty JSON file: no article found")
        return
    if text[pos] == "{":
        yield from _one(source, text, pos, lines, aliases)
        return
    if text[pos] != "[":
        line, col = lines.position(pos)
        yield input_error(source.path, line, col, "expected a JSON object or a list of objects")
        return
    pos = _skip_ws(text, pos + 1)
    if pos < len(text) and text[pos] == "]":
        return
    while pos < len(text):
        line, col = lines.position(pos)
        try:
            value, end = _decoder.raw_decode(text, pos)
        except ValueError as exc:
            bad = getattr(exc, "pos", pos)
            bline, bcol = lines.position(bad)
            yield input_error(source.path, bline, bcol, f"malformed JSON: {getattr(exc, 'msg', exc)}; the rest of the list is not read", record=line)
            return
        if isinstance(value, dict):
            yield article_from_record(source, line, value, aliases)
        else:
            yield input_error(source.path, line, col, f"a record must be a JSON object, not {type(value).__name__}", record=line)
        pos = _skip_ws(text, end)
        if pos < len(text) and text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
        elif pos < len(text) and text[pos] == "]":
            return
        else:
            bline, bcol = lines.position(min(pos, len(text) - 1))
            yield input_error(source.path, bline, bcol, "malformed JSON: expected ',' or ']' between records")
            return
    yield input_error(source.path, *lines.position(len(text) - 1), "malformed JSON: the list is not closed")


def _one(source: SourceFile, text: str, pos: int, lines: LineIndex, aliases: dict[str, list[str]]) -> Iterator[Article | Violation]:
    line, _ = lines.position(pos)
    try:
        value = json.loads(text)
    except ValueError as exc:
        bline, bcol = lines.position(getattr(exc, "pos", pos))
        yield input_error(source.path, bline, bcol, f"malformed JSON: {getattr(exc, 'msg', exc)}", record=line)
        return
    yield article_from_record(source, line, value, aliases)
