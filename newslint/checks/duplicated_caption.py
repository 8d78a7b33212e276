"""Kind `duplicated-caption`: a photo caption saved twice in one article.

Scrapers often save a photo's caption twice: once from the `<figcaption>` and once from a
paragraph that repeats it (a gallery's text, a lightbox, a `<p class="caption">`), usually on
the next line, sometimes at the end. Words in an `alt` attribute are not text and never a copy. The copies may differ by markup (`<span class="credit">`), entities (`&nbsp;`) or white
space; they are compared by `paragraphs.key_of`. A copy that left the credit out, or wrote it
another way, or spelled quotes, dashes or the closing full stop differently, is found by the
caption's own words (`own_words_key`) when one of the two is recognised as a caption. The second copy (and any later one) is
reported, naming where the first is.

A repeated paragraph is a caption when its text ends with a photo credit from the rule's
`credits` (AP-Yonhap, REUTERS/Name, "Korea Times photo by ...", "Photograph: ...") or when it
is marked up as one (a `<figcaption>`, an element whose class says caption). Two different
captions with the same credit have different keys and are never duplicates. Long paragraphs
that are not captions are left to `duplicated-paragraph`, which uses the same recognition
(`CaptionOptions`) so that no copy is reported by both. The credit, class and teaser patterns are
a user's regular expressions: they run under the rule's `regex-timeout` (text/bounded_regex.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import Field as PydanticField
from pydantic import PrivateAttr

from ..article import Article, Block, Finding
from ..text.bounded_regex import DEFAULT_REGEX_TIMEOUT, BoundedPattern, Deadline
from ..text.paragraphs import Paragraph, Repeat, element_around, key_of, paragraphs, plain_text, repeats, where
from .base import CheckOptions, Regex, RegexTimeoutSeconds, private

MESSAGE_ARGS = frozenset({"first", "caption"})

_START_TAG = regex.compile(r"<([A-Za-z][A-Za-z0-9:-]*)(\s[^<>]*)?>")
# Typographic marks a second copy may spell differently (a lightbox's text is often re-typed by
# the CMS): curly and straight quotes, dashes, and the punctuation that closes a caption.
_FOLD = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                       "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2013": "-", "\u2014": "-"})
_CLOSING = " .,;:|-"


class CaptionOptions(CheckOptions):
    """What makes a paragraph a photo caption; shared by the two duplicate rules."""

    credits: list[Regex] = []
    caption_tags: list[str] = ["figcaption"]
    caption_classes: Regex = "caption|cutline|credit"
    caption_max_length: int = PydanticField(default=700, ge=1)
    teaser_hooks: Regex = ""
    teaser_link_share: float = PydanticField(default=0.5, ge=0.0, le=1.0)
    regex_timeout: RegexTimeoutSeconds = DEFAULT_REGEX_TIMEOUT

    # the three patterns are a user's: they share the rule's deadline (see `deadline`)
    _credit_at_end: BoundedPattern | None = PrivateAttr(default=None)
    _teaser_hook: BoundedPattern | None = PrivateAttr(default=None)
    _caption_tags: frozenset[str] = PrivateAttr(default=frozenset())
    _caption_class: BoundedPattern | None = PrivateAttr(default=None)
    _deadline: Deadline | None = PrivateAttr(default=None)

    def model_post_init(self, _context: object) -> None:
        deadline = self._deadline = Deadline(self.regex_timeout)
        if self.credits:
            alternatives = "|".join(f"(?:{p})" for p in self.credits)
            # The credit closes the caption: after a separator, before nothing but closing marks
            # (CJK captions' full stops, commas and full-width brackets among them; a Japanese
            # credit follows the last word directly: "首相官邸（共同）").
            self._credit_at_end = BoundedPattern(regex.compile(
                rf"(?:^|[\s.,;:|/(\[\u2013\u2014\u3001\u3002\uff0c\uff08\uff3b\u3010-]|(?<=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]))"
                rf"(?:{alternatives})[\s.)\]\u3002\uff09\uff3d\u3011]*$"), deadline)
        self._caption_tags = frozenset(t.lower() for t in self.caption_tags)
        if self.caption_classes:
            self._caption_class = BoundedPattern(regex.compile(
                rf"""\sclass\s*=\s*["']?[^"'>]*(?:{self.caption_classes})""", regex.I
            ), deadline)
        if self.teaser_hooks:
            # a whole class, id or role name: "teaser", "gothamist-card", not "teaser-detail"
            self._teaser_hook = BoundedPattern(regex.compile(rf"(?:^|\s)(?:{self.teaser_hooks})(?=\s|$)"), deadline)

    @property
    def deadline(self) -> Deadline:
        """A check runs each field in `with options.deadline.on(field, size):`."""
        deadline = private(self, "_deadline")
        assert deadline is not None
        return deadline

    def credit_start(self, plain: str) -> int | None:
        """Where the photo credit that ends a paragraph's plain text starts, if one does."""
        credit_at_end = private(self, "_credit_at_end")
        if credit_at_end is None:
            return None
        tail_at = max(0, len(plain) - 160)
        m = credit_at_end.search(plain, tail_at)
        return m.start() if m else None

    def without_credit(self, plain: str) -> str:
        """The caption's own words: its plain text without the credit that ends it."""
        at = self.credit_start(plain)
        return plain if at is None else plain[:at]

    def caption_markup(self, start_tags: list[str] | tuple[str, ...]) -> bool:
        """Whether one of these start tags marks its text as a caption."""
        caption_tags, caption_class = private(self, "_caption_tags"), private(self, "_caption_class")
        for tag_text in start_tags:
            m = _START_TAG.match(tag_text)
            if m is None:
                continue
            if m.group(1).lower() in caption_tags:
                return True
            if caption_class is not None and m.group(2) and caption_class.search(tag_text):
                return True
        return False

    def is_caption(self, article: Article, field_name: str, par: Paragraph) -> bool:
        raw = article.fields[field_name].text[par.start : par.end]
        plain = plain_text(raw)
        if len(plain) > self.caption_max_length:
            return False
        if self.credit_start(plain) is not None:
            return True
        if "<" in raw and self.caption_markup([m.group() for m in _START_TAG.finditer(raw)]):
            return True  # a text field with the markup left in (`<figcaption>...`)
        element = element_around(article, field_name, par)
        return element is not None and self.caption_markup(element.start_tags)

    def teaser(self, block: Block) -> bool:
        """A line of a card that points to a story: its text is mostly a link, or it sits in a
        nested `<article>` or an element named as a teaser or card (outside the story's text)."""
        if block.link_share >= self.teaser_link_share or block.nested or "article" in block.tags:
            return True
        hook = private(self, "_teaser_hook")
        return hook is not None and bool(block.hooks) and hook.search(block.hooks) is not None

    def no_copy(self, article: Article, field_name: str, rep: Repeat) -> bool:
        """Whether a web page's markup says the two lines are not the story's text saved twice:
        one is a teaser card (a one-paragraph story's teaser repeats it), a control (a copy
        button's text), or each labels a different picture (a gallery's wire caption under
        every photo, a thumbnail strip labelled with the post's title). Text files and records
        carry no markup: their repeats are all copies."""
        blocks = article.fields[field_name].blocks
        if not blocks or max(rep.first.number, rep.copy.number) > len(blocks):
            return False
        first, copy = blocks[rep.first.number - 1], blocks[rep.copy.number - 1]
        for b in (first, copy):
            if self.teaser(b) or "button" in b.tags or "clipboard" in b.hooks:
                return True
        if first.picture or copy.picture:
            if first.picture and copy.picture and first.picture != copy.picture:
                return True
            # a picture labelled with the post's title is a thumbnail's label, not its caption
            title = article.fields.get("title")
            return title is not None and key_of(title.text) == rep.copy.key
        return False

    def caption_repeat(self, article: Article, field_name: str, rep: Repeat) -> bool:
        """A repeat is of a caption when either copy is recognised as one."""
        return self.is_caption(article, field_name, rep.copy) or self.is_caption(article, field_name, rep.first)


class Options(CaptionOptions):
    fields: list[str] = ["body"]
    min_length: int = PydanticField(default=25, ge=1)


def removal(article: Article, field_name: str, rep: Repeat, args: dict) -> Finding:
    """The finding for a later copy, with the fix that removes it.

    In a text field the whole line goes, newline included; in an HTML page the element that
    holds the copy goes (found in `markup`); when no such element is clear, no fix is offered.
    """
    f = article.fields[field_name]
    if f.segments is None:
        return Finding(field_name, rep.copy.line_start, rep.copy.line_end, args, replacement="")
    element = element_around(article, field_name, rep.copy)
    if element is not None:
        start, end = _whole_line(article.fields["markup"].text, element.start, element.end)
        return Finding("markup", start, end, args, replacement="")
    return Finding(field_name, rep.copy.start, rep.copy.end, args)


def _whole_line(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) grown over the rest of its line and the next line's indentation when the
    element stands alone on its line: removing it then removes the line, the indentation in
    front of the element serving the next line. The reported place stays the element's."""
    line_start = text.rfind("\n", 0, start) + 1
    nl = text.find("\n", end)
    if nl == -1 or text[line_start:start].strip() or text[end:nl].strip():
        return start, end
    after = nl + 1
    while after < len(text) and text[after] in " \t":
        after += 1
    return start, after


def _folded(key: str) -> str:
    """The key with its typographic marks folded; an ASCII key (most) holds none, and
    str.translate would look up each of its characters in Python."""
    return key if key.isascii() else key.translate(_FOLD)


def own_words_key(options: CaptionOptions, raw: str) -> str:
    """A caption's own words as a key: without its credit, quotes and dashes folded, closing
    punctuation dropped; the same for a copy saved without the credit or with it written
    another way ("(Reuters)" against "REUTERS")."""
    return _folded(key_of(options.without_credit(plain_text(raw)))).rstrip(_CLOSING)


def caption_word_repeats(article: Article, field_name: str, options: Options) -> list[Repeat]:
    """Later copies of a caption whose whole text differs from the first copy's only by the
    credit, quotes, dashes or closing punctuation (exact copies are `repeats`' own)."""
    text = article.fields[field_name].text
    exact = {r.first.key for r in repeats(article, field_name)}
    # Cheap candidates first: copies of a caption open with the same words, so only paragraphs
    # whose keys share their opening with another paragraph's are read for a credit.
    width = options.min_length
    by_opening: dict[str, list[Paragraph]] = {}
    for par in paragraphs(article, field_name):
        if width <= len(par.key) <= options.caption_max_length and par.key not in exact:
            by_opening.setdefault(_folded(par.key[:width]), []).append(par)
    candidates = sorted(par for group in by_opening.values() if len(group) > 1 for par in group)
    seen: dict[str, Paragraph] = {}
    out: list[Repeat] = []
    for par in candidates:
        own = own_words_key(options, text[par.start : par.end])
        if len(own) < options.min_length:
            continue
        first = seen.setdefault(own, par)
        if first is par or first.key == par.key:
            continue
        # one copy must be a caption by its credit or markup; two plain paragraphs that
        # differ by a full stop are duplicated-paragraph's
        rep = Repeat(first, par)
        if options.caption_repeat(article, field_name, rep) and not options.no_copy(article, field_name, rep):
            out.append(rep)
    return out


def check(article: Article, options: Options) -> Iterator[Finding]:
    for name in options.fields:
        if name not in article.fields:
            continue
        with options.deadline.on(name, len(article.fields[name].text)):
            yield from _check_field(article, name, options)


def _check_field(article: Article, name: str, options: Options) -> Iterator[Finding]:
    text = article.fields[name].text
    for rep in caption_word_repeats(article, name, options):
        caption = plain_text(text[rep.copy.start : rep.copy.end])
        if len(caption) > 60:
            caption = caption[:57] + "..."
        yield removal(article, name, rep, {"first": where(article, name, rep.first), "caption": caption})
    for rep in repeats(article, name):
        caption = plain_text(text[rep.copy.start : rep.copy.end])
        # A credit line alone ("Photo: Name, AP") repeats under every photo: not a caption.
        if len(key_of(options.without_credit(caption))) < options.min_length:
            continue
        if not options.caption_repeat(article, name, rep) or options.no_copy(article, name, rep):
            continue
        if len(caption) > 60:
            caption = caption[:57] + "..."
        yield removal(article, name, rep, {"first": where(article, name, rep.first), "caption": caption})
