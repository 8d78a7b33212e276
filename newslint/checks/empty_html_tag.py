"""Kind `empty-html-tag`: an element with nothing but white space inside, left by a scraper.

`<strong></strong>`, `<em> </em>`, `<b>&nbsp;</b>`, `<p><strong></strong></p>`: markup whose
text was lost or never there. The text is read as a stream of tags; an element counts as empty
when only white space, no-break spaces (`&nbsp;`, `&#160;`, U+00A0), zero-width characters,
comments and other empty elements lie between its start and end tags. Nested empties are one
defect, reported at the outermost element. Void elements (`<br>`, `<img>`) have no end tag and
are never reported; an element holding one (`<p><img ...></p>`) is not empty. Angle brackets in
prose (`a <5% rise`, `x<y`) are not tags unless a matching end tag follows with nothing between.

Some elements are empty by design and are not defects: table cells, embeds filled in by
script, link targets (`<a name="top"></a>`), icon fonts (`<i class="icon-search"></i>`). The
rule's `allowed-empty` tags and `allowed-start-tags` patterns describe them (a user's regular
expressions: they run under the rule's `regex-timeout`, see text/bounded_regex.py).

In an HTML page the raw markup of the article region (`markup`) is checked instead of the body's
text view (which has no tags), so a page's header, navigation and footer never count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex
from pydantic import PrivateAttr

from ..article import Article, Finding
from ..text.bounded_regex import DEFAULT_REGEX_TIMEOUT, BoundedPattern, Deadline
from .base import CheckOptions, Regex, RegexTimeoutSeconds, private

MESSAGE_ARGS = frozenset({"tag", "element"})

VOID_TAGS = frozenset(
    ["area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "image", "img", "input", "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr"]
)
# Elements whose content is not markup the scraper's text lives in (scripts, embedded documents):
# their inside is skipped, and the element itself counts as content for its parent.
OPAQUE_TAGS = frozenset(["script", "style", "textarea", "xmp", "svg", "math", "noscript", "template", "iframe", "object", "video", "audio", "canvas", "select"])

# A start or end tag, a comment, a doctype or processing instruction. It opens with `<` so the
# regex engine can skip to candidates fast; the name must be followed by white space, `/` or `>`,
# so `a <5% rise` and `x<y` are never tags. A quoted attribute value stops at an angle bracket too,
# so an apostrophe in prose after a `<` cannot send the scan to the end of the text.
# (The standard library's `re` scans these simple patterns faster than `regex`. The attributes
# are an "unrolled loop": each repetition opens with a quote, so a failed candidate is given up
# after one pass over its length, never after trying exponentially many splits.)
_TOKEN = re.compile(
    r"<(?:"
    r"(/)?([A-Za-z][A-Za-z0-9:._-]*)(?=[\s/>])([^<>\"']*(?:(?:\"[^\"<>]*\"|'[^'<>]*')[^<>\"']*)*)>"  # 1 close, 2 name, 3 attrs
    r"|!--.*?(?:-->|\Z)"
    r"|[!?][^<>]*>"
    r")",
    re.DOTALL,
)
# What may stand between the tags of an empty element: white space (U+00A0 and the other
# Unicode spaces included), zero-width characters, and the entities that spell them.
_BLANK = re.compile(
    r"(?:[\s\u200b\u200c\u200d\u2060\ufeff]"
    r"|&(?:nbsp|ensp|emsp|thinsp|hairsp|numsp|puncsp|MediumSpace|ZeroWidthSpace|zwnj|zwj|NoBreak);"
    r"|&#(?:160|8192|819[3-9]|820[0-3]|8239|8287|12288|65279);"
    r"|&#[xX](?:0*[aA]0|200[0-9a-dA-D]|202[fF]|205[fF]|3000|[fF][eE][fF][fF]);)*"
)
_OPAQUE_END = {tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in OPAQUE_TAGS}


class Options(CheckOptions):
    fields: list[str] = ["title", "description", "body", "markup"]
    allowed_empty: list[str] = []
    allowed_start_tags: list[Regex] = []
    page_tags: list[str] = []
    page_allowed_start_tags: list[Regex] = []
    page_chrome: list[str] = []
    page_tags_in_text: list[str] = []
    page_text_style_classes: list[str] = []
    regex_timeout: RegexTimeoutSeconds = DEFAULT_REGEX_TIMEOUT

    _policies: tuple[Policy, Policy] | None = PrivateAttr(default=None)

    def model_post_init(self, _context: object) -> None:
        allowed = frozenset(t.lower() for t in self.allowed_empty)
        deadline = Deadline(self.regex_timeout)  # one for the rule, whichever policy runs
        text = Policy(allowed, frozenset(), _one_pattern(self.allowed_start_tags, deadline), frozenset(), deadline)
        page = Policy(
            allowed,
            frozenset(t.lower() for t in self.page_tags),
            _one_pattern(self.allowed_start_tags + self.page_allowed_start_tags, deadline),
            frozenset(t.lower() for t in self.page_chrome),
            deadline,
            frozenset(t.lower() for t in self.page_tags_in_text),
            _style_only_pattern(self.page_text_style_classes),
        )
        self._policies = (text, page)

    def policy(self, page: bool) -> Policy:
        """What may be empty in text that should hold no markup, or in a web page's HTML."""
        policies = private(self, "_policies")
        assert policies is not None
        return policies[page]


class Policy:
    """The options read once into plain attributes: the scan looks them up per tag, and a
    pydantic model's private attributes are slow to reach."""

    __slots__ = ("allowed_start", "allowed_tags", "chrome", "deadline", "in_text", "report_tags", "style_only")

    def __init__(self, allowed_tags: frozenset[str], report_tags: frozenset[str],
                 allowed_start: BoundedPattern | None, chrome: frozenset[str], deadline: Deadline,
                 in_text: frozenset[str] = frozenset(), style_only: regex.Pattern | None = None) -> None:
        self.allowed_tags = allowed_tags
        self.report_tags = report_tags  # empty: every tag
        self.allowed_start = allowed_start  # the rule's own patterns
        self.deadline = deadline
        self.chrome = chrome
        self.in_text = in_text  # reported when bare and inside a reported text element
        # attributes that are only a class naming a text style (`class="highlight"`): the
        # element was formatting for words that are gone, not a hook for a script
        self.style_only = style_only

    def allowed(self, tag: str, start_tag: str, parent: str | None = None) -> bool:
        """Whether this element may be empty by design (a table cell, an icon, a link target;
        in a web page, a layout box or a hook for a style sheet or script)."""
        if tag in self.allowed_tags:
            return True
        if self.report_tags and tag not in self.report_tags:
            # a bare `<span></span>` amid a paragraph's words is lost text, not a hook: a hook
            # carries a class or id for its style sheet or script
            attrs = start_tag[len(tag) + 1 :].rstrip(">").strip()
            bare = not attrs or (self.style_only is not None and self.style_only.fullmatch(attrs) is not None)
            # (inside a link, a bare span is as often the link's icon: left alone)
            return not (tag in self.in_text and bare and parent in self.report_tags and parent != "a")
        return self.allowed_start is not None and self.allowed_start.search(start_tag) is not None


def _style_only_pattern(classes: list[str]) -> regex.Pattern | None:
    if not classes:
        return None
    names = "|".join(regex.escape(c) for c in classes)
    return regex.compile(rf"""class\s*=\s*(?:"(?:{names})"|'(?:{names})'|(?:{names}))""", regex.I)


def _one_pattern(patterns: list[str], deadline: Deadline) -> BoundedPattern | None:
    return BoundedPattern(regex.compile("|".join(f"(?:{p})" for p in patterns), regex.I), deadline) if patterns else None


class _Open:
    """An element whose end tag has not been seen yet."""

    __slots__ = ("chrome", "content", "inner", "spaced", "start", "tag")

    def __init__(self, tag: str, start: int, inner: int, chrome: bool) -> None:
        # `chrome`: this element or one around it is a page's navigation, header or footer
        # (kept per element so a deep stack is never walked to ask)
        self.tag, self.start, self.inner, self.chrome = tag, start, inner, chrome
        self.content = False  # holds text or a real element: not empty
        self.spaced = False  # holds white space (a fix must keep one space)


def empty_elements(text: str, options: Options, page: bool = False) -> list[tuple[int, int, str, bool]]:
    """(start, end, tag, spaced) of the outermost empty elements in a text with markup.

    `page` is true for the raw HTML of a web page, where layout boxes and script hooks are
    empty by design; false for text that should hold no markup at all."""
    policy = options.policy(page)
    chrome = policy.chrome
    stack: list[_Open] = []
    # How many elements of each tag are open: an end tag with no start tag is passed over
    # without walking the stack, which nested markup makes deep.
    open_tags: dict[str, int] = {}
    found: list[tuple[int, int, str, bool]] = []
    blank = _BLANK.match
    pos = 0
    size = len(text)
    search = _TOKEN.search
    while True:
        m = search(text, pos)
        if m is None:
            break
        start, end = m.span()
        if stack and start > pos:
            top = stack[-1]
            b = blank(text, pos, start)
            if b.end() < start:
                top.content = True
            else:
                top.spaced = True
        pos = end
        close, name, attrs = m.groups()
        if name is None:  # comment, doctype: takes no room on the page
            continue
        tag = name.lower()
        if close:
            if open_tags.get(tag):
                _close(stack, open_tags, tag, end, text, policy, found)
            continue
        if tag in OPAQUE_TAGS:
            if stack:
                stack[-1].content = True
            opaque_end = _OPAQUE_END[tag].search(text, end)
            pos = opaque_end.end() if opaque_end else size
        elif tag in VOID_TAGS:
            if stack and tag not in ("br", "wbr"):
                stack[-1].content = True
            elif stack:
                stack[-1].spaced = True
        elif attrs.endswith("/"):  # <span/>: XHTML-style, holds nothing and claims nothing
            continue
        else:
            stack.append(_Open(tag, start, end, tag in chrome or (bool(stack) and stack[-1].chrome)))
            open_tags[tag] = open_tags.get(tag, 0) + 1
    found.sort()
    outermost: list[tuple[int, int, str, bool]] = []
    for item in found:
        if outermost and item[0] < outermost[-1][1]:
            continue
        outermost.append(item)
    return outermost


def _close(stack: list[_Open], open_tags: dict[str, int], tag: str, end: int, text: str, policy: Policy,
           found: list[tuple[int, int, str, bool]]) -> None:
    """The end tag of an open element (`open_tags` says one is open)."""
    # Elements left open inside it (an unclosed <p>) end here; their content is its content.
    while stack[-1].tag != tag:
        inner = stack.pop()
        open_tags[inner.tag] -= 1
        stack[-1].content |= inner.content
        stack[-1].spaced |= inner.spaced
    el = stack.pop()
    open_tags[tag] -= 1
    parent = stack[-1] if stack else None
    if el.content or policy.allowed(tag, text[el.start : el.inner], parent.tag if parent is not None else None):
        if parent is not None:
            parent.content = True
        return
    if not (parent is not None and parent.chrome):  # a page's navigation, header or footer is not the story
        found.append((el.start, end, tag, el.spaced))
    if parent is not None:
        parent.spaced |= el.spaced


def _fields(article: Article, options: Options) -> Iterator[tuple[str, str, bool]]:
    has_markup = "markup" in options.fields and "markup" in article.fields
    for name in options.fields:
        f = article.fields.get(name)
        if f is None or "<" not in f.text:
            continue
        if name == "body" and has_markup:
            continue  # the body of an HTML page is a text view of `markup`: checked there
        yield name, f.text, f.markup


# Punctuation that follows a word with no space before it: an empty element removed from
# `a <em></em>, b` must not leave `a , b`.
_CLOSING_PUNCTUATION = frozenset(".,;:!?)]}»”’…。、，：；！？）」』")
_SPACE = " \t"


def fix_span(text: str, start: int, end: int, spaced: bool) -> tuple[int, int, str]:
    """The span the fix removes and what it puts there: the element, plus the one space its
    removal would leave doubled or stranded, so the reported span is exactly what changes.

    `Body <b></b> text` -> `Body text` (the space after is taken), `a <em></em>, b` -> `a, b`
    and `end <b></b>` -> `end` (the space before), `on<strong> </strong>card` -> `on card`."""
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    if before in _SPACE:
        if after in _SPACE:
            return start, end + 1, ""
        # the space after a word, which would be left before punctuation or at a line's end
        # (an indented element on a line of its own keeps its indentation)
        after_word = start > 1 and not text[start - 2].isspace()
        if after_word and (after in _CLOSING_PUNCTUATION or after in "\r\n"):
            return start - 1, end, ""
        return start, end, ""
    if before == "\n" and after in _SPACE:
        return start, end + 1, ""
    # Between two words the white space the element held is kept as one space (next to a tag,
    # a line break or closing punctuation nothing needs keeping).
    keep_space = (spaced and not before.isspace() and before != ">"
                  and not after.isspace() and after != "<" and after not in _CLOSING_PUNCTUATION)
    return start, end, " " if keep_space else ""


def check(article: Article, options: Options) -> Iterator[Finding]:
    for name, text, page in _fields(article, options):
        taken = 0  # where the previous finding's span ends: spans never overlap
        with options.policy(page).deadline.on(name, len(text)):
            found = empty_elements(text, options, page)
        for start, end, tag, spans in _chained(text, found):
            element = text[start:end]
            if len(element) > 80:
                element = element[:77] + "..."
            a, b, replacement = spans
            if a < taken:
                a, b, replacement = start, end, ""
            taken = b
            yield Finding(name, a, b, {"tag": tag, "element": element}, replacement=replacement)


def _chained(text: str, found: list[tuple[int, int, str, bool]]) -> Iterator[tuple[int, int, str, tuple[int, int, str]]]:
    """Each element with the span its fix removes. Elements with only spaces between them
    (`a <b></b> <i></i>, c`) are fixed as one: the chain's span is worked out as a single
    element's, then cut at each element's start, so the spans meet, each finding removes its
    own part, and the space the whole chain leaves is handled once (`a, c`, not `a , c`)."""
    i = 0
    while i < len(found):
        j = i
        while j + 1 < len(found) and not text[found[j][1] : found[j + 1][0]].strip(_SPACE):
            j += 1
        chain = found[i : j + 1]
        a, b, replacement = fix_span(text, chain[0][0], chain[-1][1], any(el[3] for el in chain))
        for k, (start, end, tag, _) in enumerate(chain):
            last = k == len(chain) - 1
            part = (a if k == 0 else start, b if last else chain[k + 1][0], replacement if last else "")
            yield start, end, tag, part
        i = j + 1
