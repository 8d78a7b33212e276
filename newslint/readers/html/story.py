"""The story region of a web page: which of its lines are the article, and its markup.

trafilatura, the main-content extractor that FineWeb and datatrove use, decides what the story
is (measured against readability-lxml and resiliparse on 500 labelled pages: it kept as much of
the story as either and let the least navigation through). Its text carries no positions, so it
is matched back to the page's own lines (`page.py`), white space set aside; findings then keep
the file's real line and column.

Extractors drop exactly what this linter looks for: a "Read more" box between two paragraphs, a
newsletter pitch right after the last one. So the region is not the extractor's paragraphs
alone: inside the element that holds most of the story (its container), every visible block
between the first and the last story paragraph is kept; so are the blocks after the last one
in the rest of the story's column (not navigation, sidebars or the page's header and footer),
and the photo captions of the story's own `<article>`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ...article import Block
from .page import HIDDEN, Page

# Share of the story's text an element must hold to be the story's container. Below 1.0 so a
# stray caption or pull quote the extractor took from elsewhere does not widen the container
# to the whole page.
CONTAINER_SHARE = 0.85
# How many lines after the story's last paragraph may join the region: a bound for pages whose
# column is the whole page. (On 500 labelled pages: 9% of the navigation segments get in, and
# 69% of the promo blocks.)
TRAILING_LINES = 40
_INVISIBLE = regex.compile(r"[\s\u00ad\u200b-\u200d\u2060\ufeff]+")
# What the markup view shows in place of an element outside the region or hidden. Not white
# space and not markup: no check takes it for an empty element or for the end of a line.
BLANK = "\ufffc"
# Elements inside the story's <article> that hold other stories or page furniture.
_NOT_STORY = frozenset(["article", "nav", "aside", "footer", "form"])
_NAVIGATION = frozenset(["nav", "menu"])
_CHROME = frozenset(["nav", "aside", "footer", "header", "menu"])
# A block marked as a photo caption by its class rather than its tag (`<p class="caption-text">`,
# `wp-caption-text`, `article__caption`): a whole word of the class, so a player's
# `vjs-captions-button` is none.
_CAPTION_HOOK = regex.compile(r"(?:^|[\s_-])(?:caption|cutline)(?:$|[\s_-]|text)", regex.I)
# Lines shorter than this beside a caption in a picture's box are its furniture (a credit, a
# "Photo" label, "1 / 5"), not a second text.
LABEL_LENGTH = 25
_CAMEL = regex.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NOT_NEWLINE = regex.compile(r"[^\n]")
# trafilatura writes a table row as `| cell | cell |`, a literal pipe inside a cell as `\|`.
_TABLE_CELL = regex.compile(r"(?<!\\)\|")


@dataclass(frozen=True, slots=True)
class Region:
    lines: tuple[int, ...]  # indices into page.lines, in document order
    container: int  # the element holding the story (-1: the whole document)
    scope: int  # the <article>/<main> around the container, whose <time> is the story's (-1: none)
    span: tuple[int, int]  # the file offsets the region's markup covers
    story: frozenset[int] = frozenset()  # the lines the extractor took for story text


def extract_story(text: str) -> str:
    """The story's text as trafilatura finds it, one paragraph a line ('' when none)."""
    import trafilatura  # imported on the first page: it costs start-up time that other formats need not pay

    try:
        out = trafilatura.extract(
            text, fast=True, include_comments=False, include_tables=True, deduplicate=False, with_metadata=False,
        )
    except Exception:  # an extractor bug on one page is "no story found", never a crash
        return ""
    return out or ""


def _key(s: str) -> str:
    return _INVISIBLE.sub("", s)


def _locate(joined: str, k: str, cursor: int) -> tuple[int, int] | None:
    """Where a paragraph's key is in the page's joined line keys: after the last paragraph
    found, else anywhere; else, when the extractor rewrote a little inside the paragraph
    (spacing around inline tags, a dropped child), by its first and last 40 characters."""
    a = joined.find(k, cursor)
    if a < 0:
        a = joined.find(k)
    if a >= 0:
        return a, a + len(k)
    head, tail = k[:40], k[-40:]
    a = joined.find(head, cursor)
    if a < 0:
        a = joined.find(head)
    b = joined.find(tail, a) if a >= 0 else -1
    if a < 0 or b < 0 or b + len(tail) - a > 2 * len(k):
        return None
    return a, b + len(tail)


def _pieces(extracted: str) -> Iterator[str]:
    """The extractor's paragraphs and table cells as keys, without its list-item marks."""
    for para in extracted.split("\n"):
        cells = (c.replace("\\|", "|") for c in _TABLE_CELL.split(para)) if "|" in para else (para,)
        for cell in cells:
            k = _key(cell)
            if k:
                yield k


def story_lines(page: Page, extracted: str) -> list[int]:
    """The page's lines that hold the extracted paragraphs, found in order."""
    keys = [_key(line.text) for line in page.lines]
    starts, pos = [], 0
    for k in keys:
        starts.append(pos)
        pos += len(k)
    joined = "".join(keys)
    found: set[int] = set()
    cursor = 0
    for k in _pieces(extracted):
        at = _locate(joined, k, cursor)
        if at is None and k[0] in "-*" and len(k) > 1:  # trafilatura writes a list item as `- item`
            at = _locate(joined, k[1:], cursor)
        if at is None:
            continue
        a, end = at
        first = bisect.bisect_right(starts, a) - 1
        last = bisect.bisect_right(starts, end - 1) - 1
        found.update(range(first, last + 1))
        cursor = end
    # Navigation is never the story, even when a short page's menu reads like text to the extractor.
    return sorted(i for i in found if keys[i] and not page.under_tag(page.lines[i].node, _NAVIGATION))


def find_region(page: Page, story: list[int]) -> Region:
    """The region around the story lines: see the module's docstring."""
    lines, elements = page.lines, page.elements
    weight: dict[int, int] = {}
    total = 0
    for i in story:
        w = lines[i].length
        total += w
        for e in page.ancestors(lines[i].node):
            weight[e] = weight.get(e, 0) + w
    holders = [e for e, w in weight.items() if w >= CONTAINER_SHARE * total]
    container = max(holders, key=lambda e: len(page.ancestors(e)), default=-1)
    block = page.block_of(container) if container >= 0 else -1
    if block >= 0 and all(page.block_of(lines[i].node) == block for i in story):
        container = elements[block].parent  # a one-paragraph story: its container holds the paragraph

    inside = [i for i in story if page.is_inside(lines[i].node, container)]
    keep = set(story)
    end_at = -1
    if inside:
        first, last = inside[0], inside[-1]
        keep.update(range(first, last + 1))  # everything between lies inside the container
        # The blocks after the last paragraph inside the same parent (a related-stories box,
        # a pitch), however many: they sit in the story's own column.
        parent = elements[b].parent if (b := page.block_of(lines[last].node)) >= 0 else -1
        if parent < 0 or not page.is_inside(parent, container):
            parent = container
        end_at = elements[parent].end if parent >= 0 else -1
        j = last + 1
        while j < len(lines) and page.is_inside(lines[j].node, parent):
            keep.add(j)
            j += 1
    scope = container
    for e in page.ancestors(container) if container >= 0 else ():
        if elements[e].tag in ("article", "main"):
            scope = e
            break
    if scope >= 0:
        # The story's own photo captions, above the text or beside it: a caption saved twice
        # is a copy of one of them (the extractor drops them all). A <figcaption> anywhere in
        # the story's <article>; a block whose class says caption only inside the story's
        # container, and only as the one caption of its picture's box (WordPress's
        # `div.wp-caption` around an image and its `p.wp-caption-text`) or right after a line
        # kept already (a CMS's copy of the figure's caption, `<p class="caption-text">`): a
        # gallery's captions, shown one at a time from copies the page holds twice or three
        # times in one slide, are not the story's. Not the captions of teaser cards (a nested
        # <article>).
        for i, line in enumerate(lines):
            if i in keep or not (elements[scope].start <= (line.segments[0][1]) < elements[scope].end):
                continue
            chain = page.ancestors(line.node)
            inner = chain[: chain.index(scope)] if scope in chain else None
            if not inner:
                continue
            in_container = chain[: chain.index(container)] if container in chain else ()
            captioned = any(elements[e].tag == "figcaption" for e in inner)
            if not captioned and any(_CAPTION_HOOK.search(elements[e].hooks) for e in in_container):
                if i - 1 in keep:
                    captioned = True
                else:
                    box = next((e for e in in_container if elements[e].image), -1)
                    captioned = box >= 0 and caption_lines_in(page).get(box, 0) <= 1
            if captioned and not any(elements[e].tag in _NOT_STORY for e in inner):
                keep.add(i)
    if inside:
        # The rest of the story's column after its last paragraph, where widgets, pitches and
        # comment forms are pasted: inside the element around the story's <article> (the
        # column a sidebar sits beside), never navigation, a sidebar or the page's header or
        # footer, and at most TRAILING_LINES lines. Inside the story's own <article> only its
        # navigation is left out: its footer and share bar are the story's furniture.
        own_article = scope if scope >= 0 and elements[scope].tag == "article" else -1
        if own_article >= 0:
            column = elements[own_article].parent
        elif scope >= 0 and scope != container:
            column = scope  # the page's <main>
        else:
            column = elements[container].parent if container >= 0 else -1
        j, seen = inside[-1] + 1, 0
        while j < len(lines) and seen < TRAILING_LINES:
            chain = page.ancestors(lines[j].node)
            if any(elements[e].tag == "h1" for e in chain):
                break  # another story's headline: an endless page appends the next article
            if own_article >= 0 and own_article in chain:
                if not any(elements[e].tag in _NAVIGATION for e in chain[: chain.index(own_article)]):
                    keep.add(j)
            else:
                tags = {elements[e].tag for e in chain}
                if "footer" in tags or (column >= 0 and column not in chain):
                    break
                if not tags & _CHROME:
                    keep.add(j)
            seen += 1
            j += 1
    kept = tuple(sorted(keep))
    return Region(kept, container, scope, _span(page, kept, end_at), frozenset(story))


# How many lines after the region the story's tail holds (see `story_tail`). On the 500
# labelled pages, 50 of the 138 promo blocks the region missed lie within 5 lines after it,
# 75 within 10 and 121 within 40.
TAIL_LINES = 40
# Page furniture that is never at the story (an aside after the story is the page's sidebar):
# the tail skips it.
_NOT_TAIL = frozenset(["nav", "menu", "header", "footer", "aside"])


def story_tail(page: Page, region: Region) -> Region:
    """The lines right after the region on the page, skipping navigation, headers and footers:
    where a page sets its related-article lists, share prompts and comment forms when they
    sit outside the story's column. A scraper that takes the story's wider container, or the
    page's text, keeps them; the region leaves them out, so the reader gives them apart as
    the field `story_tail` (promo-block reads it, with its own stricter signals)."""
    lines, elements = page.lines, page.elements
    if not region.lines:
        return Region((), region.container, region.scope, region.span, region.story)
    kept = set(region.lines)
    out = []
    j, seen = region.lines[-1] + 1, 0
    while j < len(lines) and seen < TAIL_LINES:
        if j not in kept and not any(elements[e].tag in _NOT_TAIL for e in page.ancestors(lines[j].node)):
            out.append(j)
            seen += 1
        j += 1
    return Region(tuple(out), region.container, region.scope, region.span, region.story)


def _span(page: Page, kept: tuple[int, ...], end_at: int) -> tuple[int, int]:
    """From the first kept block's start tag to the last one's end (or the end of the element
    the story's paragraphs sit in, with any empty elements after the last). A block inside
    navigation, a header or a footer is taken from that element's start, so a check of the
    markup still sees it is page furniture."""
    elements = page.elements
    start, end = len(page.text), end_at
    for i in (kept[0], kept[-1]):
        line = page.lines[i]
        b = page.block_of(line.node)
        if b < 0:
            start = min(start, line.segments[0][1])
            end = max(end, line.segments[-1][1] + len(line.parts[-1]))
            continue
        outer = b
        for e in page.ancestors(b):
            if elements[e].tag in _CHROME:
                outer = e
        start, end = min(start, elements[outer].start), max(end, elements[outer].end)
    return start, end


def whole_document(page: Page) -> Region:
    """A fragment (no <html> or <body>) is all story: an extractor's output or a CMS field."""
    every = tuple(range(len(page.lines)))
    return Region(every, -1, -1, (0, len(page.text)), frozenset(every))


def region_markup(page: Page, region: Region) -> tuple[int, str]:
    """The raw HTML the region spans, from its first block's start tag to its last block's end,
    with hidden elements and elements outside the region shown as BLANK (offsets unchanged)."""
    text, lines, elements = page.text, page.lines, page.elements
    if not region.lines:
        return 0, ""
    start, end = region.span
    held: set[int] = set()
    for i in region.lines:
        held.update(page.ancestors(lines[i].node))
    kept = set(region.lines)
    blank: list[tuple[int, int]] = []
    for el in elements:
        if el.start < start or el.start >= end:
            continue
        if el.flags & HIDDEN and (el.parent < 0 or not elements[el.parent].flags & HIDDEN):
            blank.append((el.start, el.end))
    for i, line in enumerate(lines):
        if i in kept or not (start <= line.segments[0][1] < end):
            continue
        # The outermost element around this line that holds no region line.
        e, outer = line.node, -1
        while e >= 0 and e not in held and elements[e].start >= start:
            outer, e = e, elements[e].parent
        if outer >= 0:
            blank.append((elements[outer].start, elements[outer].end))
        else:
            for k, (_, at) in enumerate(line.segments):
                blank.append((at, at + len(line.parts[k])))
    if not blank:
        return start, text[start:end]
    out, pos = [], start
    for a, b in sorted(blank):
        a, b = max(a, pos), min(b, end)
        if a >= b:
            continue
        out.append(text[pos:a])
        out.append(_NOT_NEWLINE.sub(BLANK, text[a:b]))
        pos = b
    out.append(text[pos:end])
    return start, "".join(out)


def caption_lines_in(page: Page) -> dict[int, int]:
    """Element -> how many of the page's lines of a caption's length it holds: a picture's own
    box may add a credit, a "Photo" label or a slide number, never a second caption. Counted
    once a page."""
    if page.caption_lines is None:
        lines_in: dict[int, int] = {}
        for line in page.lines:
            if line.length >= LABEL_LENGTH and len(line.text.strip()) >= LABEL_LENGTH:
                for e in page.ancestors(line.node):
                    lines_in[e] = lines_in.get(e, 0) + 1
        page.caption_lines = lines_in
    return page.caption_lines


def line_blocks(page: Page, story: frozenset[int], *groups: tuple[int, ...]) -> tuple[tuple[Block, ...], ...]:
    """For each group of page lines (the region's, the tail's), each line's markup: the hooks
    and tags of the elements around it that hold none of the story's text (a widget's box,
    never the story's own wrapper or its lede's class). What the page as a whole says (which
    elements hold the story, how many captions each holds) is worked out once for all groups."""
    holds_story: set[int] = set()
    for i in story:
        holds_story.update(page.ancestors(page.lines[i].node))
    lines_in = caption_lines_in(page)
    lede = set(page.ancestors(page.lines[min(story)].node)) if story else set()
    return tuple(tuple(_block(page, i, story, holds_story, lines_in, lede) for i in lines) for lines in groups)


def _block(page: Page, i: int, story: frozenset[int], holds_story: set[int], lines_in: dict[int, int],
           lede: set[int]) -> Block:
    """Line i's markup (see `line_blocks`)."""
    elements = page.elements
    line = page.lines[i]
    chain = page.ancestors(line.node)
    nested = any(elements[e].tag == "article" and e not in lede for e in chain)
    picture = ""
    for e in chain:
        if elements[e].image:
            if lines_in.get(e, 0) <= 1:
                picture = elements[e].image
            break
    hooks, tags = [], set()
    e = line.node
    while e >= 0 and e not in holds_story:
        el = elements[e]
        tags.add(el.tag)
        if el.hooks:
            hooks.append(el.hooks)
        e = el.parent
    text = _CAMEL.sub("-", " ".join(hooks)).lower() if hooks else ""
    share = line.link_chars / line.length if line.length else 0.0
    return Block(text, frozenset(tags), share, i in story, picture, nested)
