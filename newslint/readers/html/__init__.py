"""`.html` / `.htm`: a saved page or an article fragment.

Metadata comes from the page (og/meta tags, JSON-LD, canonical link, `<time>`); the body is
the article region: the first `<article>`, else the element with `itemprop=articleBody`, else
`<body>`, else the whole file (a fragment). Two views of the region are handed to checks:
`markup`, the raw HTML as stored, for checks of markup itself; and `body`, its text with one
block element a line and a map from every run of text back to its place in the file, so a
finding in the text is reported at the file's own line and column.

The standard library's HTMLParser is used because it reports the source position of every
token; the faster tree builders (lxml, selectolax) do not, and positions are what a linter
reports.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import regex

from ...article import Article, Field, LineIndex, SkippedPage, SourceFile, Violation
from ..problems import input_error, json_problem

BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "caption"]
)
SKIP_TAGS = frozenset(["script", "style", "noscript", "template", "svg", "head", "title", "iframe", "object"])
_ENTITY = regex.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")

META_PUBLISHED = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date",
    "sailthru.date", "parsely-pub-date", "article.published", "publication_date",
)
META_MODIFIED = ("article:modified_time", "og:updated_time", "datemodified", "last-modified", "dcterms.modified")


class _Meta:
    """A metadata value and its character offset in the file."""

    __slots__ = ("offset", "value")

    def __init__(self, value: str, offset: int) -> None:
        self.value, self.offset = value, offset


class _PageScan(HTMLParser):
    """First pass: metadata, JSON-LD, and where the article region starts and ends."""

    def __init__(self, text: str, lines: LineIndex) -> None:
        super().__init__(convert_charrefs=False)
        self.text, self.lines = text, lines
        self.meta: dict[str, _Meta] = {}
        self.title: _Meta | None = None
        self.jsonld: list[tuple[str, int]] = []
        self.time_tags: list[_Meta] = []
        self.regions: dict[str, list[int]] = {}  # kind -> [start, end]
        # Every top-level <article> as [start, end, characters of text]: pages also wrap photos,
        # teasers and related stories in <article>, so the one with the most text is the story.
        self.articles: list[list[int]] = []
        self._article_depth = 0
        self._skip_depth = 0
        self._depth: dict[str, int] = {}
        self._in: str | None = None  # "title" or "jsonld" while inside one
        self._buf: list[str] = []
        self._buf_at = 0

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.lines.starts[line - 1] + col

    def _attr_offset(self, start: int, value: str) -> int:
        raw = self.get_starttag_text() or ""
        i = raw.find(value)
        return start + i if i >= 0 else start

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._pos()
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            content = a.get("content")
            if key and content and key not in self.meta:
                self.meta[key] = _Meta(html.unescape(content), self._attr_offset(start, content))
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.meta.setdefault("canonical", _Meta(a["href"], self._attr_offset(start, a["href"])))
        elif tag == "title" and self.title is None:
            self._in, self._buf, self._buf_at = "title", [], -1
        elif tag == "script" and "ld+json" in a.get("type", "").lower():
            self._in, self._buf, self._buf_at = "jsonld", [], -1
        elif tag == "time" and a.get("datetime"):
            self.time_tags.append(_Meta(a["datetime"], self._attr_offset(start, a["datetime"])))
        if tag == "body":
            self._open("body", start)
        elif tag == "article":
            if self._article_depth == 0:
                self.articles.append([start, -1, 0])
            self._article_depth += 1
        elif tag in ("script", "style"):
            self._skip_depth += 1
        if "articlebody" in a.get("itemprop", "").lower() and "articlebody" not in self.regions:
            self.regions["articlebody"] = [start, -1]
            self._depth["articlebody"] = 1
            self._depth["articlebody_tag"] = tag  # type: ignore[assignment]
        elif self._depth.get("articlebody", 0) and tag == self._depth.get("articlebody_tag"):
            self._depth["articlebody"] += 1

    def _open(self, kind: str, start: int) -> None:
        if kind not in self.regions:
            self.regions[kind] = [start, -1]
            self._depth[kind] = 1
        elif self.regions[kind][1] == -1:
            self._depth[kind] += 1

    def handle_endtag(self, tag: str) -> None:
        end = self._pos()
        close = self.text.find(">", end)
        end = len(self.text) if close == -1 else close + 1
        if tag == "body":
            self._close(tag, end)
        elif tag == "article" and self._article_depth:
            self._article_depth -= 1
            if self._article_depth == 0:
                self.articles[-1][1] = end
        elif tag in ("script", "style"):
            self._skip_depth = max(0, self._skip_depth - 1)
        if self._depth.get("articlebody", 0) and tag == self._depth.get("articlebody_tag"):
            self._close("articlebody", end)
        if self._in == "title" and tag == "title":
            self.title = _Meta(html.unescape("".join(self._buf)).strip(), max(self._buf_at, 0))
            self._in = None
        elif self._in == "jsonld" and tag == "script":
            # _buf_at is where the first non-blank character is, so the stored text starts there too
            self.jsonld.append(("".join(self._buf).lstrip(), max(self._buf_at, 0)))
            self._in = None

    def _close(self, kind: str, end: int) -> None:
        if kind in self.regions and self.regions[kind][1] == -1:
            self._depth[kind] -= 1
            if self._depth[kind] == 0:
                self.regions[kind][1] = end

    def handle_data(self, data: str) -> None:
        if self._article_depth and not self._skip_depth:
            self.articles[-1][2] += len(data.strip())
        if self._in:
            if self._buf_at < 0:
                self._buf_at = self._pos() + (len(data) - len(data.lstrip()))
            self._buf.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


class _TextView(HTMLParser):
    """Second pass over the article region: its text, one block a line, with a source map."""

    def __init__(self, text: str, lines: LineIndex) -> None:
        super().__init__(convert_charrefs=False)
        self.text, self.lines = text, lines
        self.parts: list[str] = []
        self.segments: list[tuple[int, int]] = []
        self.length = 0
        self.skip = 0
        self.at_line_start = True

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.lines.starts[line - 1] + col

    def _newline(self) -> None:
        if not self.at_line_start:
            self.parts.append("\n")
            self.length += 1
            self.at_line_start = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self.skip += 1
        elif tag in BLOCK_TAGS:
            self._newline()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK_TAGS:
            self._newline()

    def _emit(self, text: str, at: int) -> None:
        if self.at_line_start:
            stripped = text.lstrip()
            at += len(text) - len(stripped)
            text = stripped
            if not text:
                return
        self.segments.append((self.length, at))
        self.parts.append(text)
        self.length += len(text)
        self.at_line_start = False

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._emit(data.replace("\r", " ").replace("\n", " ").replace("\t", " "), self._pos())

    def handle_entityref(self, name: str) -> None:
        if not self.skip:
            self._emit(html.unescape(f"&{name};"), self._pos())

    def handle_charref(self, name: str) -> None:
        if not self.skip:
            self._emit(html.unescape(f"&#{name};"), self._pos())

    def result(self) -> tuple[str, tuple[tuple[int, int], ...]]:
        text = "".join(self.parts)
        return text.rstrip(), tuple(self.segments)


_LENIENT_JSON = json.JSONDecoder(strict=False)


def _jsonld_objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for v in value:
            yield from _jsonld_objects(v)
    elif isinstance(value, dict):
        yield value
        if "@graph" in value:
            yield from _jsonld_objects(value["@graph"])


def _jsonld_article(scan: _PageScan, source: SourceFile) -> tuple[dict[str, _Meta], list[Violation]]:
    found: dict[str, _Meta] = {}
    problems: list[Violation] = []
    for raw, at in scan.jsonld:
        try:
            # Publishers' JSON-LD often has raw newlines in strings or trailing junk after the
            # object; browsers and search engines accept both, so only what stops parsing is reported.
            data, _ = _LENIENT_JSON.raw_decode(html.unescape(raw) if "&" in raw and "{" not in raw else raw)
        except ValueError as exc:
            bad = at + getattr(exc, "pos", 0)
            line, col = source.lines.position(bad) if source.lines else (1, 1)
            problems.append(input_error(source.path, line, col, f"malformed JSON-LD block ignored: {json_problem(exc)}"))
            continue
        for obj in _jsonld_objects(data):
            for key in ("datePublished", "dateModified", "headline", "url", "description"):
                value = obj.get(key)
                if isinstance(value, str) and value and key not in found:
                    i = raw.find(value)
                    found[key] = _Meta(value, at + i if i >= 0 else at)
    return found, problems


def read_html(source: SourceFile, text: str, aliases: dict[str, list[str]]) -> Iterator[Article | Violation | SkippedPage]:
    if not text.strip():
        yield input_error(source.path, 1, 1, "empty file: no article found")
        return
    lines = source.lines or LineIndex(text)
    scan = _PageScan(text, lines)
    try:
        scan.feed(text)
        scan.close()
    except Exception as exc:  # HTMLParser is lenient; this guards against the unforeseen
        yield input_error(source.path, 1, 1, f"unreadable HTML: {exc}")
        return
    if scan.articles:
        scan.regions["article"] = max(scan.articles, key=lambda a: a[2])[:2]  # first of equals
    jsonld, problems = _jsonld_article(scan, source)
    yield from problems

    for kind in ("article", "articlebody", "body"):
        if kind in scan.regions:
            start, end = scan.regions[kind]
            break
    else:
        start, end = 0, len(text)
    if end == -1:
        end = len(text)
    region = text[start:end]

    view = _TextView(text, lines)
    # Feed only the region, but keep positions relative to the whole file.
    _feed_at(view, text, start, end)
    body_text, segments = view.result()

    fields: dict[str, Field] = {}

    def put(role: str, meta: _Meta | None, key: str) -> None:
        if meta is not None and meta.value.strip() and role not in fields:
            fields[role] = Field(role, meta.value, start=meta.offset, key=key)

    m = scan.meta
    put("title", m.get("og:title"), "og:title")
    put("title", jsonld.get("headline"), "json-ld headline")
    put("title", scan.title, "title")
    put("url", m.get("canonical"), "canonical")
    put("url", m.get("og:url"), "og:url")
    put("url", jsonld.get("url"), "json-ld url")
    put("description", m.get("og:description"), "og:description")
    put("description", m.get("description"), "description")
    put("source", m.get("og:site_name"), "og:site_name")
    put("author", m.get("author"), "author")
    for key in META_PUBLISHED:
        put("published", m.get(key), key)
        put("published_meta", m.get(key), key)
    put("published", jsonld.get("datePublished"), "json-ld datePublished")
    put("published_jsonld", jsonld.get("datePublished"), "json-ld datePublished")
    time_in_region = [t for t in scan.time_tags if start <= t.offset < end]
    if time_in_region:
        put("published", time_in_region[0], "time")
        put("published_time", time_in_region[0], "time")
    for key in META_MODIFIED:
        put("modified", m.get(key), key)
    put("modified", jsonld.get("dateModified"), "json-ld dateModified")
    put("modified_jsonld", jsonld.get("dateModified"), "json-ld dateModified")
    if body_text:
        fields["body"] = Field("body", body_text, start=start, segments=segments)
    fields["markup"] = Field("markup", region, start=start, markup=True)
    yield Article(source, fields)


def _feed_at(parser: HTMLParser, text: str, start: int, end: int) -> None:
    """Feed text[start:end] to the parser so that its getpos() counts from the file's start.

    HTMLParser counts lines and columns itself from what it is fed; feeding the file's prefix
    as one comment-free blank run would cost time, so the counters are set directly instead.
    """
    prefix = text[:start]
    line = prefix.count("\n") + 1
    col = start - (prefix.rfind("\n") + 1)
    parser.lineno, parser.offset = line, col
    parser.feed(text[start:end])
    parser.close()
