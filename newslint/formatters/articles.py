"""`newslint show`: articles as the rules see them, as text for people or JSON for scripts.

Not a findings format (it is not in FORMATTERS): it renders Articles, and pages that hold none.
"""

from __future__ import annotations

import json
from typing import Any

from ..article import Article, SkippedPage, Violation

# The fields shown, in order: the roles a user maps with the config's `fields` and checks against.
SHOWN = ("title", "published", "modified", "url", "source")
JSON_KEYS = ("path", "record", *SHOWN, "body")

# A web page's lines after the story (the HTML reader's `story_tail`), shown after the body
# under this heading: only promo-block reads them.
TAIL = "story_tail"
TAIL_HEADING = "(after the story on the page, read by promo-block only:)"
# Ends each article. Box-drawing characters, not dashes or equals signs: scraped bodies carry
# lines of those, and a body line that looked like the separator would make the output ambiguous.
SEPARATOR = "\u2500" * 72
_LABEL_WIDTH = len("published:") + 1
_encode = json.JSONEncoder(ensure_ascii=False).encode


def heading(path: str, record: int | None) -> str:
    return f"==> {path}{f' record {record}' if record is not None else ''} <=="


def shown_value(value: str) -> str:
    """A field value on one line as it is, or as a JSON string literal when printing it bare
    would hide something: a line break or other control character, white space at an end, or
    a leading quote (which would otherwise read as the start of such a literal)."""
    if value and value.isprintable() and value == value.strip() and not value.startswith('"'):
        return value
    # JSON escapes control characters only; a no-break or zero-width space is spelled out too.
    return "".join(c if c.isprintable() or ord(c) > 0xFFFF else f"\\u{ord(c):04x}" for c in _encode(value))


def as_text(article: Article) -> str:
    """A heading, one `role: value` line per field present, a `keys:` line naming the keys
    the values came from (to check a `fields` mapping), a blank line, the body verbatim, and
    the separator."""
    lines = [heading(article.path, article.record)]
    fields = article.fields
    for role in SHOWN:
        if role in fields:
            lines.append(f"{role + ':':<{_LABEL_WIDTH}}{shown_value(fields[role].text)}")
    keys = [f"{role}={fields[role].key}" for role in (*SHOWN, "body") if role in fields and fields[role].key]
    if keys:
        lines.append(f"{'keys:':<{_LABEL_WIDTH}}{' '.join(keys)}")
    body = fields.get("body")
    if body is None:
        lines.append("(no body: no field holds the article text, so the rules check none)")
    else:
        lines.append("")
        lines.append(body.text.removesuffix("\n"))
    tail = fields.get(TAIL)
    if tail is not None:
        lines.append("")
        lines.append(TAIL_HEADING)
        lines.append(tail.text.removesuffix("\n"))
    lines.append(SEPARATOR)
    return "\n".join(lines) + "\n"


def skipped_text(page: SkippedPage) -> str:
    return f"{page.path}: not linted: {page.reason}\n{SEPARATOR}\n"


def skipped_note(page: SkippedPage) -> str:
    """The stderr line that says why a page is missing from the JSON array."""
    return f"newslint: {page.path}: not linted: {page.reason}\n"


def as_dict(article: Article) -> dict[str, Any]:
    fields = article.fields
    out: dict[str, Any] = {"path": article.path, "record": article.record}
    for role in (*SHOWN, "body"):
        f = fields.get(role)
        out[role] = f.text if f is not None else None
    if TAIL in fields:
        out[TAIL] = fields[TAIL].text
    return out


def as_json(article: Article) -> str:
    """One object on one line (the C encoder: no indent)."""
    return _encode(as_dict(article))


def problem_line(v: Violation) -> str:
    """An input that could not be read, as the lint's text format places it."""
    return f"{v.path}:{v.line}:{v.column}: {v.rule} {v.message}\n"
