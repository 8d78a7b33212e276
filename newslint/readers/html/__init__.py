"""`.html` / `.htm`: a saved page or an article fragment.

Metadata comes from the page (og/meta tags, JSON-LD, canonical link, `<time>`). The body is the
visible text of the story region (`story.py`), one block a line, with a map from every run of
text back to its place in the file, so a finding in the text is reported at the file's own line
and column; `story_tail` is the same for the lines right after the region (read by promo-block
alone). `markup` is the raw HTML the region spans, for checks of markup itself, with what is
hidden or outside the region blanked. A fragment (no `<html>` or `<body>`: an extractor's output,
a CMS field) is all story. A page whose story cannot be found, or whose metadata says it is a
profile, a video or a forum thread, is not an article: it is counted, not linted.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Any

from ...article import Article, Field, LineIndex, SkippedPage, SourceFile, Violation
from ..problems import input_error, json_problem
from .page import HIDDEN, Meta, Page, parse_page
from .story import (
    Region,
    extract_story,
    find_region,
    line_blocks,
    region_markup,
    story_lines,
    story_tail,
    whole_document,
)

META_PUBLISHED = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date",
    "sailthru.date", "parsely-pub-date", "article.published", "publication_date",
)
META_MODIFIED = ("article:modified_time", "og:updated_time", "datemodified", "last-modified", "dcterms.modified")

# schema.org types that make a page a story, and those that make it some other kind of page.
# A news page often also carries a VideoObject for an embedded clip, so a story type anywhere,
# or og:type article, wins. (A Product is not here: reviews carry one for the thing reviewed.)
STORY_TYPES = frozenset(
    ["article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle",
     "blogposting", "liveblogposting", "report", "scholarlyarticle", "techarticle", "review"]
)
OTHER_TYPES = {
    "profilepage": "a profile page", "videoobject": "a video page", "discussionforumposting": "a forum thread",
    "socialmediaposting": "a social-media post", "qapage": "a question-and-answer page",
}
OG_OTHER = {"profile": "a profile page", "video": "a video page"}

_LENIENT_JSON = json.JSONDecoder(strict=False)


def _jsonld_objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for v in value:
            yield from _jsonld_objects(v)
    elif isinstance(value, dict):
        yield value
        if "@graph" in value:
            yield from _jsonld_objects(value["@graph"])


def _types(obj: dict[str, Any]) -> list[str]:
    t = obj.get("@type")
    return [x.lower() for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)]


class _JsonLd:
    """The story's fields from a page's JSON-LD blocks, and the schema.org types they name."""

    def __init__(self, page: Page, source: SourceFile) -> None:
        self.found: dict[str, Meta] = {}
        self.types: list[str] = []
        self.problems: list[Violation] = []
        for raw, at in page.jsonld:
            try:
                # Publishers' JSON-LD often has raw newlines in strings or trailing junk after the
                # object; browsers and search engines accept both, so only what stops parsing is reported.
                data, _ = _LENIENT_JSON.raw_decode(html.unescape(raw) if "&" in raw and "{" not in raw else raw)
            except ValueError as exc:
                bad = at + getattr(exc, "pos", 0)
                line, col = source.lines.position(bad) if source.lines else (1, 1)
                self.problems.append(input_error(source.path, line, col, f"malformed JSON-LD block ignored: {json_problem(exc)}"))
                continue
            for obj in _jsonld_objects(data):
                self.types.extend(_types(obj))
                for key in ("datePublished", "dateModified", "headline", "url", "description"):
                    value = obj.get(key)
                    if isinstance(value, str) and value and key not in self.found:
                        i = raw.find(value)
                        self.found[key] = Meta(value, at + i if i >= 0 else at)


def not_an_article(page: Page, jsonld: _JsonLd) -> str | None:
    """Why the page is no story by its own metadata, or None."""
    og = page.meta.get("og:type")
    og_type = og.value.strip().lower() if og else ""
    if og_type.startswith("article") or any(t in STORY_TYPES for t in jsonld.types):
        return None
    for t in jsonld.types:
        if t in OTHER_TYPES:
            return f"{OTHER_TYPES[t]} (JSON-LD @type {t})"
    kind = og_type.split(".")[0]
    if kind in OG_OTHER:
        return f"{OG_OTHER[kind]} (og:type {og_type})"
    return None


# A <time> inside these, below the story's <article>, dates something else: a teaser card, an
# embedded post, an item of a related-posts list (in a list, a footer, an aside or navigation).
_NOT_THE_STORYS_TIME = frozenset(["article", "blockquote", "li", "footer", "aside", "nav"])


def _story_time(page: Page, region: Region) -> Meta | None:
    """The first visible <time> in the story's <article> (or container), not in a teaser card,
    an embedded post or a related-posts list inside it."""
    if region.scope < 0 and region.container >= 0:
        return None
    elements = page.elements
    for t in page.time_tags:
        chain = page.ancestors(t.node)
        if region.scope >= 0 and region.scope not in chain:
            continue
        inner = chain[: chain.index(region.scope)] if region.scope in chain else chain
        if any(elements[e].flags & HIDDEN or elements[e].tag in _NOT_THE_STORYS_TIME for e in inner):
            continue
        if t.node >= 0 and elements[t.node].flags & HIDDEN:
            continue
        return t
    return None


def _body(page: Page, region: Region) -> tuple[str, tuple[tuple[int, int], ...]]:
    parts: list[str] = []
    segments: list[tuple[int, int]] = []
    length = 0
    for n, i in enumerate(region.lines):
        line = page.lines[i]
        text = line.text.rstrip()
        if n:
            parts.append("\n")
            length += 1
        segments.extend((length + off, at) for off, at in line.segments if off < len(text))
        parts.append(text)
        length += len(text)
    return "".join(parts), tuple(segments)


def read_html(source: SourceFile, text: str, aliases: dict[str, list[str]]) -> Iterator[Article | Violation | SkippedPage]:
    if not text.strip():
        yield input_error(source.path, 1, 1, "empty file: no article found")
        return
    lines = source.lines or LineIndex(text)
    try:
        page = parse_page(text, lines)
    except Exception as exc:  # HTMLParser is lenient; this guards against the unforeseen
        yield input_error(source.path, 1, 1, f"unreadable HTML: {exc}")
        return
    jsonld = _JsonLd(page, source)
    yield from jsonld.problems

    if page.is_document:
        why = not_an_article(page, jsonld)
        if why is not None:
            yield SkippedPage(source.path, why)
            return
        story = story_lines(page, extract_story(text))
        if not story:
            yield SkippedPage(source.path, "no story found (the main-content extractor found no article text)")
            return
        region = find_region(page, story)
        tail = story_tail(page, region)
    else:
        region = whole_document(page)
        tail = None
    body_text, segments = _body(page, region)
    markup_start, markup = region_markup(page, region)

    fields: dict[str, Field] = {}

    def put(role: str, meta: Meta | None, key: str) -> None:
        if meta is not None and meta.value.strip() and role not in fields:
            fields[role] = Field(role, meta.value, start=meta.offset, segments=meta.segments, key=key)

    m, found = page.meta, jsonld.found
    put("title", m.get("og:title"), "og:title")
    put("title", found.get("headline"), "json-ld headline")
    put("title", page.title, "title")
    put("url", m.get("canonical"), "canonical")
    put("url", m.get("og:url"), "og:url")
    put("url", found.get("url"), "json-ld url")
    put("description", m.get("og:description"), "og:description")
    put("description", m.get("description"), "description")
    put("source", m.get("og:site_name"), "og:site_name")
    put("author", m.get("author"), "author")
    for key in META_PUBLISHED:
        put("published", m.get(key), key)
        put("published_meta", m.get(key), key)
    put("published", found.get("datePublished"), "json-ld datePublished")
    put("published_jsonld", found.get("datePublished"), "json-ld datePublished")
    time_tag = _story_time(page, region)
    put("published", time_tag, "time")
    put("published_time", time_tag, "time")
    for key in META_MODIFIED:
        put("modified", m.get(key), key)
    put("modified", found.get("dateModified"), "json-ld dateModified")
    put("modified_jsonld", found.get("dateModified"), "json-ld dateModified")
    tail_lines = tail.lines if tail is not None else ()
    body_blocks, tail_blocks = line_blocks(page, region.story, region.lines if body_text else (), tail_lines)
    if body_text:
        fields["body"] = Field("body", body_text, start=0, segments=segments, blocks=body_blocks)
    if tail_lines:
        tail_text, tail_segments = _body(page, tail)
        fields["story_tail"] = Field("story_tail", tail_text, start=0, segments=tail_segments, blocks=tail_blocks)
    if markup:
        fields["markup"] = Field("markup", markup, start=markup_start, markup=True)
    yield Article(source, fields)
