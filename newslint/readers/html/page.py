"""One pass over a saved page: its metadata, its elements and its visible text, with positions.

The standard library's HTMLParser is used because it reports the source position of every
token; the tree builders (lxml, selectolax) do not give columns, and positions are what a
linter reports. The pass keeps a light element tree (tag, parent, span in the file) and the
page's visible text as lines, one block element a line, each run of text mapped back to its
offset in the file. The story region (`story.py`) is then chosen among these lines.

Text a browser does not show is never a line: scripts, styles, `<template>` and the like;
elements marked `hidden`, `aria-hidden="true"` or `style="display:none"`; and elements whose
class says they are hidden (`sr-only`, `d-none`) or are the mobile twin of a desktop block
(`d-lg-none`, `visible-xs`), so a byline printed for both viewports is read once.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

import regex

from ...article import LineIndex

BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "caption", "option", "button", "label", "menu", "dialog", "fieldset", "legend"]
)
# Elements whose content is not shown as text.
SKIP_TAGS = frozenset(["script", "style", "noscript", "template", "svg", "head", "title", "iframe", "object", "math", "textarea", "select"])
VOID_TAGS = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen"])
# A start tag of one of these closes an open <p> (the HTML parsing rules' "close a p element").
_CLOSES_P = frozenset(
    ["address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul"]
)
# A start tag of the key closes the nearest open element of the same family, unless one of the
# stop tags (a new list or table) is open inside it.
_SIBLING_CLOSE = {
    "li": (frozenset(["li"]), frozenset(["ul", "ol", "menu"])),
    "dt": (frozenset(["dt", "dd"]), frozenset(["dl"])),
    "dd": (frozenset(["dt", "dd"]), frozenset(["dl"])),
    "tr": (frozenset(["tr", "td", "th"]), frozenset(["table", "tbody", "thead", "tfoot"])),
    "td": (frozenset(["td", "th"]), frozenset(["tr", "table"])),
    "th": (frozenset(["td", "th"]), frozenset(["tr", "table"])),
    "option": (frozenset(["option"]), frozenset(["select", "datalist"])),
}
# Class tokens that hide an element on a desktop browser: hidden by a utility class, text for
# screen readers only, or the mobile copy of a block the page also prints for wide screens.
HIDDEN_CLASSES = frozenset(
    ["hidden", "d-none", "is-hidden", "u-hidden", "hide", "invisible", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screen-reader-only", "screenreader-only", "element-invisible", "a11y-hidden",
     "d-md-none", "d-lg-none", "d-xl-none", "hidden-md", "hidden-lg", "visible-xs", "visible-sm", "hidden-desktop", "hide-desktop", "desktop-hidden", "mobile-only", "only-mobile", "show-mobile", "show-for-small-only", "hide-for-large", "hide-for-medium-up", "md:hidden", "lg:hidden", "xl:hidden"]
)
_DISPLAY_NONE = regex.compile(r"(?:display\s*:\s*none|visibility\s*:\s*hidden)", regex.I)

# `d-none d-lg-block` (Bootstrap), `hidden md:block` (Tailwind): hidden on phones, shown on wide
# screens, which is the view a desktop reader has.
_SHOWN_WIDE = regex.compile(r"^(?:d-(?:md|lg|xl|xxl)-|(?:md|lg|xl|2xl):)(?!none$|hidden$)")


_SIZE_SUFFIX = regex.compile(r"[-_]\d{2,4}x\d{2,4}$")


def picture_key(attrs: dict[str, str]) -> str:
    """Which picture an `<img>` shows: the file name of its (lazy-loaded) source without query,
    extension or a WordPress size suffix ("photo-300x200.jpg" and "photo.jpg" are one picture)."""
    src = ""
    for name in ("data-src", "data-lazy-src", "data-original", "src", "data-srcset", "srcset"):
        value = attrs.get(name, "").strip()
        if value and not value.startswith("data:"):
            src = value.split(",")[0].split()[0] if "srcset" in name else value
            break
    name = src.split("#")[0].split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    if "." in name:
        name = name.rsplit(".", 1)[0]
    return _SIZE_SUFFIX.sub("", name).lower()


def _hidden_by_class(tokens: list[str]) -> bool:
    if HIDDEN_CLASSES.isdisjoint(tokens):
        return False
    return not any(_SHOWN_WIDE.match(t) for t in tokens)


HIDDEN, SKIPPED, LINK = 1, 2, 4  # element flags, inherited by descendants


@dataclass(slots=True)
class Element:
    tag: str
    parent: int  # index in Page.elements, -1 for a top-level element
    start: int  # file offset of the start tag
    end: int = -1  # file offset just past the end tag (or where the element was closed)
    flags: int = 0
    hooks: str = ""  # class, id and role as written, for widget signals
    image: str = ""  # the first picture inside it (see `picture_key`), for captions


@dataclass(slots=True)
class Line:
    """The visible text of one block, with a map from its characters to file offsets."""

    node: int  # the innermost element open when the line's first text came
    parts: list[str] = field(default_factory=list)
    segments: list[tuple[int, int]] = field(default_factory=list)  # (offset in the line, file offset)
    length: int = 0
    link_chars: int = 0  # characters inside <a>: a line of links is navigation or a teaser

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass(slots=True)
class Meta:
    """A metadata value and its character offset in the file; `segments` map its characters
    back to the file when entities (`&amp;`) made the text shorter than what is stored."""

    value: str
    offset: int
    node: int = -1  # the element it sits in (for <time>)
    segments: tuple[tuple[int, int], ...] | None = None


_ENTITY = regex.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def decoded(raw: str, at: int, node: int = -1) -> Meta:
    """Stored HTML text at file offset `at` (entities and all) as a Meta of its decoded text."""
    if "&" not in raw:
        return Meta(raw, at, node)
    parts: list[str] = []
    segments: list[tuple[int, int]] = []
    n = pos = 0
    for m in _ENTITY.finditer(raw):
        if m.start() > pos:
            segments.append((n, at + pos))
            parts.append(raw[pos : m.start()])
            n += m.start() - pos
        char = html.unescape(m.group())
        segments.append((n, at + m.start()))
        parts.append(char)
        n += len(char)
        pos = m.end()
    if pos < len(raw):
        segments.append((n, at + pos))
        parts.append(raw[pos:])
    return Meta("".join(parts), at, node, tuple(segments))


_ATTRIBUTE = regex.compile(r"""\s([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")


class Page(HTMLParser):
    """The page after one pass: `meta`, `title`, `jsonld`, `time_tags`, `elements`, `lines`."""

    def __init__(self, text: str, lines: LineIndex) -> None:
        super().__init__(convert_charrefs=False)
        self.text, self.index = text, lines
        self.meta: dict[str, Meta] = {}
        self.title: Meta | None = None
        self.jsonld: list[tuple[str, int]] = []
        self.time_tags: list[Meta] = []
        self.elements: list[Element] = []
        self.lines: list[Line] = []
        self.is_document = False  # an <html>, <head> or <body> tag was seen: a page, not a fragment
        # element -> how many caption-length lines it holds: made once, when the story region
        # or the blocks first need it (story.py's `caption_lines_in`)
        self.caption_lines: dict[int, int] | None = None
        self._stack: list[int] = []
        self._line: Line | None = None
        self._in: str | None = None  # "title" or "jsonld" while inside one
        self._buf: list[str] = []
        self._buf_at = 0

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.index.starts[line - 1] + col

    # A script or style ends at "</script" followed by white space, "/" or ">", as browsers
    # read it; the standard library waits for "</script>" exactly, so one `</script` written
    # without its ">" (seen on a real page) would swallow the rest of the page.
    def set_cdata_mode(self, elem: str) -> None:
        self.cdata_elem = elem.lower()
        self.interesting = regex.compile(rf"</{self.cdata_elem}(?=[\s/>])", regex.I)

    def parse_endtag(self, i: int) -> int:
        elem = self.cdata_elem
        raw = self.rawdata
        if elem is not None and raw[i + 2 : i + 2 + len(elem)].lower() == elem:
            gt = raw.find(">", i + 2 + len(elem))
            if gt < 0:
                return -1
            self.handle_endtag(elem)
            self.clear_cdata_mode()
            return gt + 1
        return super().parse_endtag(i)

    def _attr(self, start: int, name: str, value: str, node: int = -1) -> Meta:
        """An attribute's value with its place: found as stored in the start tag, so entities
        in it map back to their own characters."""
        raw = self.get_starttag_text() or ""
        for m in _ATTRIBUTE.finditer(raw):
            if m.group(1).lower() == name:
                g = 2 if m.group(2) is not None else 3 if m.group(3) is not None else 4
                return decoded(m.group(g), start + m.start(g), node)
        return Meta(value, start, node)

    # -- elements -------------------------------------------------------------------------

    def _close_to(self, depth: int, end: int) -> None:
        while len(self._stack) > depth:
            self.elements[self._stack.pop()].end = end

    def _implied_closes(self, tag: str, at: int) -> None:
        stack, elements = self._stack, self.elements
        if tag in _CLOSES_P and stack and elements[stack[-1]].tag == "p":
            self._close_to(len(stack) - 1, at)
        family = _SIBLING_CLOSE.get(tag)
        if family is not None:
            same, stop = family
            for depth in range(len(stack) - 1, -1, -1):
                t = elements[stack[depth]].tag
                if t in same:
                    self._close_to(depth, at)
                    break
                if t in stop:
                    break

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._pos()
        a = {k: (v or "") for k, v in attrs}
        self._metadata(tag, a, start)
        if tag in ("html", "head", "body"):
            self.is_document = True
            return
        self._implied_closes(tag, start)
        if tag == "img" and self._stack and not self.elements[self._stack[-1]].image:
            key = picture_key(a)
            if key:
                # Every open element without a picture yet gets this one: its ancestors
                # already have one whenever it does, so the walk stops at the first that has.
                for i in reversed(self._stack):
                    if self.elements[i].image:
                        break
                    self.elements[i].image = key
        if tag in VOID_TAGS:
            if tag in BLOCK_TAGS:
                self._line = None
            return
        parent = self._stack[-1] if self._stack else -1
        flags = self.elements[parent].flags if parent >= 0 else 0
        classes = a.get("class", "").lower()
        if (
            "hidden" in a
            or a.get("aria-hidden", "").lower() == "true"
            or ("style" in a and _DISPLAY_NONE.search(a["style"]))
            or (classes and _hidden_by_class(classes.split()))
        ):
            flags |= HIDDEN
        if tag in SKIP_TAGS:
            flags |= SKIPPED
        elif tag == "a":
            flags |= LINK
        hooks = " ".join(a[k] for k in ("class", "id", "role") if a.get(k))
        self.elements.append(Element(tag, parent, start, -1, flags, hooks))
        self._stack.append(len(self.elements) - 1)
        if tag in BLOCK_TAGS:
            self._line = None

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and tag not in ("html", "head", "body"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        at = self._pos()
        close = self.text.find(">", at)
        end = len(self.text) if close == -1 else close + 1
        self._metadata_end(tag, at)
        stack, elements = self._stack, self.elements
        for depth in range(len(stack) - 1, -1, -1):
            if elements[stack[depth]].tag == tag:
                self._close_to(depth, end)
                break
        if tag in BLOCK_TAGS:
            self._line = None

    # -- text ---------------------------------------------------------------------------------

    def _emit(self, text: str, at: int) -> None:
        stack = self._stack
        top = stack[-1] if stack else -1
        flags = self.elements[top].flags if top >= 0 else 0
        if flags & (HIDDEN | SKIPPED):
            return
        line = self._line
        if line is None:
            stripped = text.lstrip()
            if not stripped:
                return
            at += len(text) - len(stripped)
            text = stripped
            line = self._line = Line(top)
            self.lines.append(line)
        line.segments.append((line.length, at))
        line.parts.append(text)
        line.length += len(text)
        if flags & LINK:
            line.link_chars += len(text)

    def handle_data(self, data: str) -> None:
        if self._in:
            if self._buf_at < 0:
                self._buf_at = self._pos() + (len(data) - len(data.lstrip()))
            self._buf.append(data)
        self._emit(data.replace("\r", " ").replace("\n", " ").replace("\t", " "), self._pos())

    def handle_entityref(self, name: str) -> None:
        self._entity(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._entity(f"&#{name};")

    def _entity(self, raw: str) -> None:
        if self._in:
            if self._buf_at < 0:
                self._buf_at = self._pos()
            self._buf.append(raw)
        self._emit(html.unescape(raw), self._pos())

    # -- metadata -----------------------------------------------------------------------------

    def _metadata(self, tag: str, a: dict[str, str], start: int) -> None:
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            content = a.get("content")
            if key and content and key not in self.meta:
                self.meta[key] = self._attr(start, "content", content)
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.meta.setdefault("canonical", self._attr(start, "href", a["href"]))
        elif tag == "title" and self.title is None and self._in is None:
            self._in, self._buf, self._buf_at = "title", [], -1
        elif tag == "script" and "ld+json" in a.get("type", "").lower():
            self._in, self._buf, self._buf_at = "jsonld", [], -1
        elif tag == "time" and a.get("datetime"):
            node = self._stack[-1] if self._stack else -1
            self.time_tags.append(self._attr(start, "datetime", a["datetime"], node))

    def _metadata_end(self, tag: str, at: int) -> None:
        if self._in == "title" and tag == "title":
            if self._buf_at >= 0:
                raw = self.text[self._buf_at : at].rstrip()
                self.title = decoded(raw, self._buf_at)
            self._in = None
        elif self._in == "jsonld" and tag == "script":
            # _buf_at is where the first non-blank character is, so the stored text starts there too
            self.jsonld.append(("".join(self._buf).lstrip(), max(self._buf_at, 0)))
            self._in = None

    def finish(self) -> Page:
        self.close()
        self._close_to(0, len(self.text))
        return self

    # -- the tree -----------------------------------------------------------------------------

    def ancestors(self, node: int) -> list[int]:
        """The node and its ancestors, innermost first."""
        out, elements = [], self.elements
        while node >= 0:
            out.append(node)
            node = elements[node].parent
        return out

    def block_of(self, node: int) -> int:
        """The nearest block element at or above the node (-1: none)."""
        elements = self.elements
        while node >= 0 and elements[node].tag not in BLOCK_TAGS:
            node = elements[node].parent
        return node

    def is_inside(self, node: int, ancestor: int) -> bool:
        """The node is the ancestor or below it; everything is inside -1, the whole page."""
        if ancestor < 0:
            return True
        elements = self.elements
        while node >= 0:
            if node == ancestor:
                return True
            node = elements[node].parent
        return False

    def under_tag(self, node: int, tags: frozenset[str]) -> bool:
        """The node or one of its ancestors is one of these tags."""
        elements = self.elements
        while node >= 0:
            if elements[node].tag in tags:
                return True
            node = elements[node].parent
        return False


def parse_page(text: str, lines: LineIndex) -> Page:
    page = Page(text, lines)
    page.feed(text)
    return page.finish()
