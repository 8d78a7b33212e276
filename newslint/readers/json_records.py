"""`.json`: one object, or a list of objects, each an article.

The list is decoded element by element so a record's line is known and one bad element does
not hide the others.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ..article import Article, LineIndex, SourceFile, Violation
from .problems import TOO_DEEP_LIST, input_error, json_problem
from .records import article_from_record, no_body_problem
from .surrogates import MESSAGE as LONE_SURROGATE
from .surrogates import may_hold_lone_surrogates, scrub_record

decoder = json.JSONDecoder()
_WS = " \t\r\n"
# What matters for finding where a JSON value ends without parsing it: strings whole, brackets.
_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)


def skip_ws(text: str, pos: int) -> int:
    """The first offset at or after `pos` that is not JSON white space (shared with --fix, newslint/workflow/fix.py)."""
    while pos < len(text) and text[pos] in _WS:
        pos += 1
    return pos


def read_json(source: SourceFile, text: str, aliases: dict[str, list[str]]) -> Iterator[Article | Violation]:
    lines = LineIndex(text)
    pos = skip_ws(text, 0)
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
    opening = pos
    pos = skip_ws(text, pos + 1)
    if pos < len(text) and text[pos] == "]":  # an export that went wrong must not pass as clean
        yield input_error(source.path, *lines.position(opening), "empty JSON list: no article found")
        return
    record_indent = _own_line_indent(text, pos)
    scrub = may_hold_lone_surrogates(text)
    told = False  # whether the first record's keys were looked at for a body field
    while pos < len(text):
        line, col = lines.position(pos)
        try:
            value, end = decoder.raw_decode(text, pos)
        except RecursionError:
            end = value_end(text, pos)
            if end is None:
                yield input_error(source.path, line, col, f"{TOO_DEEP_LIST}; the rest of the list is not read", record=line)
                return
            yield input_error(source.path, line, col, f"{TOO_DEEP_LIST}; the other records are still checked", record=line)
        except ValueError as exc:
            bad = getattr(exc, "pos", pos)
            bline, bcol = lines.position(bad)
            resume = _next_record(text, pos, record_indent)
            what = f"the list is read again from line {lines.position(resume)[0]}" if resume is not None else "the rest of the list is not read"
            yield input_error(source.path, bline, bcol, f"malformed JSON: {json_problem(exc)}; {what}", record=line)
            if resume is None:
                return
            pos = resume
            continue
        else:
            if isinstance(value, dict):
                if scrub:
                    value, found = scrub_record(value)
                    if found:
                        yield input_error(source.path, line, col, LONE_SURROGATE, record=line)
                if not told:
                    told = True
                    problem = no_body_problem(source, line, value, aliases)
                    if problem is not None:
                        yield problem
                yield article_from_record(source, line, value, aliases)
            else:
                yield input_error(source.path, line, col, f"a record must be a JSON object, not {type(value).__name__}", record=line)
        pos = skip_ws(text, end)
        if pos < len(text) and text[pos] == ",":
            pos = skip_ws(text, pos + 1)
        elif pos < len(text) and text[pos] == "]":
            return
        else:
            bline, bcol = lines.position(min(pos, len(text) - 1))
            yield input_error(source.path, bline, bcol, "malformed JSON: expected ',' or ']' between records")
            return
    yield input_error(source.path, *lines.position(len(text) - 1), "malformed JSON: the list is not closed")


def value_end(text: str, pos: int) -> int | None:
    """Where the object or list opening at `pos` ends, found without recursion (for a value
    too deeply nested for the json module): strings are skipped whole and brackets counted.
    None when it does not end (a broken value)."""
    depth = 0
    for m in _STRING_OR_BRACKET.finditer(text, pos):
        token = m.group()
        if token in "[{":
            depth += 1
        elif token in "]}":
            depth -= 1
            if depth == 0:
                return m.end()
        if depth == 0:  # a string before any bracket: `pos` did not open an object or a list
            return None
    return None


def _own_line_indent(text: str, pos: int) -> str | None:
    """The indent before `pos` when only white space precedes it on its line (a pretty-printed
    list, one record opening a line), else None."""
    line_start = text.rfind("\n", 0, pos) + 1
    indent = text[line_start:pos]
    return indent if indent.strip(" \t") == "" else None


def _next_record(text: str, broken: int, indent: str | None) -> int | None:
    """Where the record after a broken one starts, in a pretty-printed list: the next line that
    opens an object at the records' own indent after a comma, and decodes. None when unknown
    (a list on one line gives no safe place to start again)."""
    if indent is None:
        return None
    opener = "\n" + indent + "{"
    at = text.find(opener, broken + 1)
    while at != -1:
        start = at + len(opener) - 1
        before = text[:at].rstrip(_WS)
        if before.endswith(","):
            try:
                decoder.raw_decode(text, start)
                return start
            except ValueError:
                pass
        at = text.find(opener, at + 1)
    return None


def _one(source: SourceFile, text: str, pos: int, lines: LineIndex, aliases: dict[str, list[str]]) -> Iterator[Article | Violation]:
    line, _ = lines.position(pos)
    try:
        value = json.loads(text)
    except ValueError as exc:
        bline, bcol = lines.position(getattr(exc, "pos", pos))
        yield input_error(source.path, bline, bcol, f"malformed JSON: {json_problem(exc)}", record=line)
        return
    if may_hold_lone_surrogates(text):
        value, found = scrub_record(value)
        if found:
            yield input_error(source.path, line, 1, LONE_SURROGATE, record=line)
    problem = no_body_problem(source, line, value, aliases)
    if problem is not None:
        yield problem
    yield article_from_record(source, line, value, aliases)
