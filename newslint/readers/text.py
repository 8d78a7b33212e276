"""`.txt` and `.md`: the seed format, or YAML front matter, then the body.

Seed format: line 1 is the headline, white space (spaces and no-break spaces mixed), then
`DATE: YYYY-MM-DD HH:MM:SS`. `Key: value` header lines may follow up to the first blank line.
The rest is the body, one paragraph a line. Every field is a slice of the file, so positions
are the file's own lines and columns.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..article import Article, Field, SourceFile, Violation, line_break
from .fields import resolve_keys
from .problems import input_error
from .surrogates import MESSAGE as LONE_SURROGATE
from .surrogates import may_hold_lone_surrogates, without_lone_surrogates

_DATE_LINE = regex.compile(r"^(?P<title>.*?)[ \t\u00a0\u2007\u202f]*DATE:[ \t\u00a0]*(?P<date>[^\r\n]*?)[ \t\u00a0]*\r?$", regex.M)
# No `^`: match() is called at each line's start, and `^` would not match at a pos > 0.
_HEADER = regex.compile(r"(?P<key>[A-Za-z][A-Za-z _-]{0,30}):[ \t\u00a0]*(?P<value>[^\r\n]*?)[ \t\u00a0]*\r?$")
_FRONT_MATTER_END = regex.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", regex.M)
_HEADER_ROLES = {
    "url": "url", "link": "url", "canonical": "url",
    "source": "source", "site": "source", "publisher": "source",
    "author": "author", "authors": "author", "byline": "author",
    "modified": "modified", "updated": "modified", "date modified": "modified",
    "published": "published", "date": "published",
    "title": "title", "headline": "title",
    "description": "description", "summary": "description",
}


def read_text(source: SourceFile, text: str, aliases: dict[str, list[str]]) -> Iterator[Article | Violation]:
    if line_break(text) == "\r":
        # Classic Mac line ends: read as LF, one character for one, so every offset (and the
        # line and column LineIndex gives for it) is the file's own.
        text = text.replace("\r", "\n")
    if not text.strip():
        yield input_error(source.path, 1, 1, "empty file: no article found")
        return
    if text.startswith("---"):
        yield from _front_matter(source, text, aliases)
        return
    yield _seed_format(source, text)


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


def _seed_format(source: SourceFile, text: str) -> Article:
    fields: dict[str, Field] = {}
    first_end = _line_end(text, 0)
    first = text[:first_end]
    m = _DATE_LINE.match(first)
    if m:
        fields["title"] = Field("title", m["title"].rstrip(" \t\u00a0"), start=0)
        if m["date"]:
            fields["published"] = Field("published", m["date"], start=m.start("date"))
        header_seen = True
    else:
        # No DATE header: a short first line followed by a blank line is still a headline.
        second_blank = text[first_end + 1 : _line_end(text, first_end + 1)].strip() == ""
        header_seen = second_blank and 0 < len(first.strip()) <= 300 and first_end < len(text)
        if header_seen:
            fields["title"] = Field("title", first.rstrip(" \t\r\u00a0"), start=0)
    pos = first_end + 1 if header_seen else 0
    if header_seen:
        while pos < len(text):
            end = _line_end(text, pos)
            hm = _HEADER.match(text, pos, end)
            role = _HEADER_ROLES.get(hm["key"].strip().lower()) if hm else None
            if role is None:
                break
            if hm["value"] and role not in fields:
                fields[role] = Field(role, hm["value"], start=hm.start("value"))
            pos = end + 1
    if pos < len(text):
        fields["body"] = Field("body", text[pos:], start=pos)
    return Article(source, fields)


def _front_matter(source: SourceFile, text: str, aliases: dict[str, list[str]]) -> Iterator[Article | Violation]:
    first_end = _line_end(text, 0)
    if text[:first_end].rstrip() != "---":
        yield _seed_format(source, text)
        return
    close = _FRONT_MATTER_END.search(text, first_end + 1)
    if close is None:
        yield input_error(
            source.path, 1, 1,
            "front matter opened with '---' is never closed (no later '---' line), so the article was not read",
        )
        return
    block = text[first_end + 1 : close.start()]
    import yaml  # only files with front matter need it

    from ..yaml_bounds import BoundedSafeLoader

    try:
        node = yaml.compose(block, Loader=BoundedSafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 2, mark.column + 1) if mark else (1, 1)
        yield input_error(source.path, line, col, f"invalid YAML front matter: {getattr(exc, 'problem', None) or exc}")
        node = None
    fields: dict[str, Field] = {}
    ignore: frozenset[str] = frozenset()
    scrub = may_hold_lone_surrogates(block)  # YAML's "\ud800" escape, as JSON's
    if isinstance(node, yaml.MappingNode):
        scalars: dict[str, yaml.ScalarNode] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if isinstance(value_node, yaml.ScalarNode):
                    scalars[key_node.value] = value_node
                elif key_node.value == "newslint_ignore" and isinstance(value_node, yaml.SequenceNode):
                    ignore = frozenset(str(v.value) for v in value_node.value if isinstance(v, yaml.ScalarNode))
        for role, key in resolve_keys(list(scalars), aliases).items():
            value_node = scalars[key]
            offset = first_end + 1 + value_node.start_mark.index
            if value_node.style in ("'", '"'):
                offset += 1
            elif value_node.style in ("|", ">"):
                # A block scalar's text starts on the line after its indicator, past the indent.
                offset = _line_end(text, offset) + 1
                while offset < len(text) and text[offset] in " \t":
                    offset += 1
            value = value_node.value
            if scrub and value_node.style == '"' and without_lone_surrogates(value) != value:
                value = without_lone_surrogates(value)
                yield input_error(source.path, *source.lines.position(offset), LONE_SURROGATE)
            fields[role] = Field(role, value, start=offset, key=key)
    body_start = _line_end(text, close.start()) + 1
    if body_start < len(text):
        fields["body"] = Field("body", text[body_start:], start=body_start)
    yield Article(source, fields, ignore=ignore)
