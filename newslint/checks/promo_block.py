"""Kind `promo-block`: related-article widgets, newsletter pitches and other blocks injected into a body.

Three kinds of evidence, weighed per line and joined into blocks of whole lines:
  phrases   from the rule's YAML (users add their own): widget labels ("Read more", "Most
            popular") that make up a line or open it, pitches anywhere outside a quotation
            ("delivered to your inbox"), calls to action opening a paragraph ("Sign up for").
  structure a bracketed section label before a headline ("[RELATED] …"), a headline shown
            twice in one paragraph, a label glued to a headline ("ANALYSISKim"), a trailing
            "2023-09-14 16:33 | Section" stamp, a capitalised label over a list of headlines.
  recurrence a paragraph that many articles of one source share (site boilerplate): see
            `boilerplate.py`, run as this kind's `Corpus` once the whole input has been read.
A block's finding spans all its lines, names its signals in the message, and offers an unsafe
fix (removing the lines), since removing a block may remove content.

Every phrase is a regular expression a user may have written (phrase lists are user files), so
each runs under the rule's `regex-timeout` deadline (text/bounded_regex.py).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from operator import attrgetter
from pathlib import Path
from typing import Any

import regex
from pydantic import Field as PydanticField
from pydantic import PrivateAttr

from ..article import Article, Block, Finding
from ..promo_phrases import PhraseList, read_phrase_list, resolve
from ..text.bounded_regex import DEFAULT_REGEX_TIMEOUT, BoundedPattern, Deadline, RegexTimeout
from ..text.literals import required_literals
from ..text.paragraphs import lower_case
from ..text.promo_lines import (
    BRACKET_LABEL,
    BRACKETED_LINE,
    GLUED_LABEL,
    TRAILING_STAMP,
    Line,
    QuoteMarks,
    body_lines,
    ends_sentence,
    is_capitalised_label,
    is_headline_like,
    is_section_label,
    is_signoff,
    repeated_lead,
    word_count,
)
from ..text.word_finder import WordFinder
from .base import CheckOptions, Regex, RegexTimeoutSeconds, private
from .boilerplate import BoilerplateCounter, BoilerplateOptions, Observation, source_of

MESSAGE_ARGS = frozenset({"why", "lines"})

STRONG = 3  # a line whose signals weigh this much is promo on its own
# in the word automaton: a word some label, or some call to action, cannot match without
LABEL_WORD, CALL_WORD = -1, -2
BLOCKS_CACHE = "promo-block.blocks"
SIGNALLED_CACHE = "promo-block.signalled"  # lines with any promo signal, strong or not
LONG_PARAGRAPH_WORDS = 60
NO_LIST_AFTER = frozenset({"share bar", "comment prompt"})
# Labels that name a picture's or a player's media: in a figure's own caption ("Watch: our
# reporter tries the new card") they label the story's embedded video, not a link away from it.
MEDIA_LABELS = frozenset({"media player label", "gallery or video link"})
MAX_LABELLED_WORDS = 36  # "Read more: <a headline of up to 30 words>"

SECTION_LABEL = "section label before a headline"
BRACKETED_HEADLINE = "headline in brackets"
REPEATED = "headline repeated in the paragraph"
GLUED = "label glued to a headline"
STAMP = "trailing date-time | section stamp"
CAPS_LABEL = "capitalised label over a list of headlines"
FRAGMENTS = "short lines without closing punctuation amid full sentences"


# html-hooks patterns match whole words of the class/id/role text ("related", not "unrelated")
HOOK_WORDS = "(?<![a-z0-9])(?:{})(?![a-z0-9])"


def _alternation(groups: dict[str, list[str]], template: str) -> tuple[str | None, dict[str, str]]:
    """The source of one alternation of every group's patterns (None: no pattern), and `names`,
    which maps its group ids back to signal names."""
    parts, names = [], {}
    for i, (signal, patterns) in enumerate(groups.items()):
        if patterns:
            gid = f"s{i}"
            names[gid] = signal
            parts.append(f"(?P<{gid}>{'|'.join(f'(?:{p})' for p in patterns)})")
    return (template.format("|".join(parts)) if parts else None), names


def _bounded(source: str | None, deadline: Deadline) -> BoundedPattern | None:
    return BoundedPattern(regex.compile(source, regex.IGNORECASE | regex.V0), deadline) if source is not None else None


def _compile_groups(groups: dict[str, list[str]], template: str,
                    deadline: Deadline) -> tuple[BoundedPattern | None, dict[str, str]]:
    """One compiled alternation of every group's patterns, and its `names` (see `_alternation`)."""
    source, names = _alternation(groups, template)
    return _bounded(source, deadline), names


class _WordedAlternation:
    """An alternation of signal groups (see `_compile_groups`) that a line is tried against only
    where it can match. Its patterns with a word they cannot match without are tried only on the
    lines the word pass found such a word in (`has_word`); the few without one, on every line.
    Group numbers are the whole alternation's, so a match names the same signal; when both
    parts match, which alternative the whole alternation takes depends on their order, so the
    whole is run (rare)."""

    def __init__(self, groups: dict[str, list[str]], template: str, deadline: Deadline) -> None:
        # the whole alternation is compiled the first time both parts match (rarely, if ever)
        self._whole_source, self.names = _alternation(groups, template)
        self._whole: BoundedPattern | None = None
        self._deadline = deadline
        worded = {sig: [p for p in ps if required_literals([p]) is not None] for sig, ps in groups.items()}
        unworded = {sig: [p for p in ps if p not in worded[sig]] for sig, ps in groups.items()}
        self.worded, _ = _compile_groups(worded, template, deadline)
        self.unworded, _ = _compile_groups(unworded, template, deadline)
        self.words = required_literals([p for ps in worded.values() for p in ps]) or frozenset()

    @property
    def empty(self) -> bool:
        return self._whole_source is None

    @property
    def whole(self) -> BoundedPattern:
        if self._whole is None:
            self._whole = _bounded(self._whole_source, self._deadline)
        return self._whole

    def match(self, text: str, has_word: bool) -> regex.Match | None:
        unworded = self.unworded.match(text) if self.unworded is not None else None
        worded = self.worded.match(text) if has_word and self.worded is not None else None
        if worded is not None and unworded is not None:
            return self.whole.match(text)
        return worded or unworded


# Every shipped language; a project narrows the list with `phrase-lists` or adds its own files
# with `extra-phrase-lists`.
DEFAULT_PHRASE_LISTS = tuple(
    f"promo/{code}.yaml"
    for code in (
        "en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "tr", "ar", "hi", "id", "zh", "ja", "ko", "vi",
        "sv", "da", "no", "fi", "cs", "ro", "hu", "el",
    )
)


def _merge(into: dict[str, list[str]], groups: dict[str, list[str]]) -> None:
    for signal, patterns in groups.items():
        into.setdefault(signal, []).extend(p for p in patterns if p not in into.get(signal, ()))


class Options(CheckOptions):
    # phrase lists (rules/promo/*.yaml), relative to the rule file, else to the working folder
    phrase_lists: list[str] = list(DEFAULT_PHRASE_LISTS)
    extra_phrase_lists: list[str] = []
    # The groups below are added to the phrase lists' (a site's own phrases).
    # signal name -> patterns of a widget label that is a whole line, opens one before ":" or
    # "|", or sits in brackets ("[Read: …]")
    labels: dict[str, list[Regex]] = {}
    # signal name -> patterns found anywhere in a line, outside quotation marks
    pitches: dict[str, list[Regex]] = {}
    # signal name -> patterns of an imperative that opens a paragraph ("Sign up for")
    calls_to_action: dict[str, list[Regex]] = {}
    # a pitch right after one of these words has a subject: reporting ("readers who subscribe
    # to our newsletter wrote in"), not the page speaking to its reader
    pitch_not_after: list[str] = []
    fields: list[str] = ["body"]
    # Fields of what follows the story on a web page (see the HTML reader's `story_tail`):
    # only phrases and a widget's class or id mark a block there, a block repeated down the
    # tail (a "Reply" under each reader comment) is reported once, and the cross-article
    # pass does not count them.
    tail_fields: list[str] = ["story_tail"]
    max_headline_words: int = 20
    # a call to action longer than this is more likely reporting than a button
    max_call_to_action_words: int = 40
    boilerplate: BoilerplateOptions = PydanticField(default_factory=BoilerplateOptions)
    # web pages: signal name -> patterns of the class, id or role words of the elements around
    # a line (below the story's container); tags of a box inside the story; links
    html_hooks: dict[str, list[Regex]] = {}
    html_box_tags: list[str] = []
    # hooks of an embedded post (a quoted tweet), which is the story's own material
    html_embed_hooks: list[Regex] = []
    linked_line_share: float = PydanticField(default=0.8, gt=0.0, le=1.0)
    linked_list_min: int = PydanticField(default=2, ge=2)
    regex_timeout: RegexTimeoutSeconds = DEFAULT_REGEX_TIMEOUT

    _matchers: Matchers | None = PrivateAttr(default=None)
    _examples: list[tuple[str, list[str], list[str]]] = PrivateAttr(default_factory=list)

    def model_post_init(self, context: Any) -> None:
        ctx = context if isinstance(context, dict) else {}
        rule_path = ctx.get("rule_path")
        rule_dir = Path(rule_path).parent if rule_path else None
        lists = [read_phrase_list(resolve(n, rule_dir, rule_path, "phrase-lists")) for n in self.phrase_lists]
        lists += [read_phrase_list(resolve(n, rule_dir, rule_path, "extra-phrase-lists")) for n in self.extra_phrase_lists]
        self._matchers = Matchers(self, lists)
        self._examples = [(pl.path, pl.flagged, pl.clean) for pl in lists if pl.flagged or pl.clean]

    def bundled_examples(self) -> list[tuple[str, list[str], list[str]]]:
        return self._examples

    @property
    def matchers(self) -> Matchers:
        matchers = private(self, "_matchers")
        assert matchers is not None
        return matchers


class Matchers:
    """The rule's phrases compiled once per run: a plain object, since reading a pydantic
    private attribute goes through a slow __getattr__ on every access."""

    def __init__(self, options: Options, phrase_lists: list[PhraseList] = ()) -> None:
        labels: dict[str, list[str]] = {}
        pitches: dict[str, list[str]] = {}
        calls: dict[str, list[str]] = {}
        not_after: list[str] = []
        for pl in [*phrase_lists, options]:
            _merge(labels, pl.labels)
            _merge(pitches, pl.pitches)
            _merge(calls, pl.calls_to_action)
            not_after += pl.pitch_not_after
        self.languages = [pl.language for pl in phrase_lists]
        self.deadline = Deadline(options.regex_timeout)  # every pattern below is a user's
        sep = r"[\s\u00a0]*"
        # brackets and separators of Latin, CJK (full-width, lenticular) and Arabic pages, after
        # the arrow or bullet some sites set before the label ("► Lesen Sie auch: …")
        label_template = (
            rf"(?:[►▶▸➤➔→•■▪◆●★✓✔]{sep})?[\[(【［（]?{sep}(?:{{}}){sep}[\])】］）]?{sep}"
            # a headline may follow a closing square or lenticular bracket directly ("[Read
            # more] …", "【相关阅读】…"), or a wide gap, where a box's label and links were inline
            # elements of one block ("İlgili Haberler     Merkez Bankası …")
            # a label alone on its line may end in "…", "?" or "!" ("Schon gelesen?", "Jetzt teilen!")
            rf"(?:(?:[.…?!？！]+{sep})?$|[:|>»›—–：｜]{sep}(?P<rest>.*)$|-[\s\u00a0]+(?P<rest2>.*)$|(?<=[\]】］][\s\u00a0]*)(?P<rest3>.+)$"
            rf"|(?<=\S)[\s\u00a0]{{{{3,}}}}(?P<rest4>\S.*)$)"  # (doubled braces: the template is formatted)
        )
        self.label_filter = _WordedAlternation(labels, label_template, self.deadline)
        self.call_filter = _WordedAlternation(calls, "(?:{})", self.deadline)
        label_names, call_names = self.label_filter.names, self.call_filter.names
        self.names = {**{f"l{k}": v for k, v in label_names.items()}, **{f"c{k}": v for k, v in call_names.items()}}
        # each pitch pattern alone, with the words it cannot match without (None: every line)
        # (signal, pattern); a filtered pattern is compiled the first time its words are seen,
        # so the pitches of languages absent from the input cost nothing
        self.pitches: list[tuple[str, str]] = []
        self.compiled_pitches: list[BoundedPattern | None] = []
        pitch_words: dict[str, list[int]] = {}
        self.unfiltered: list[int] = []
        for signal, patterns in pitches.items():
            for p in patterns:
                k = len(self.pitches)
                words = required_literals([p])
                self.pitches.append((signal, p))
                self.compiled_pitches.append(None)
                if words is None:
                    self.unfiltered.append(k)
                    self.pitch_pattern(k)
                for w in words or ():
                    pitch_words.setdefault(w, []).append(k)
        # Every required word of every language in one automaton: one pass over the text finds
        # them all, where a str.find per word would read the text once per word.
        for marker, alternation in ((LABEL_WORD, self.label_filter), (CALL_WORD, self.call_filter)):
            for w in alternation.words:
                pitch_words.setdefault(w, []).append(marker)
        self.pitch_words = WordFinder({w: tuple(ks) for w, ks in pitch_words.items()}) if pitch_words else None
        self.pitch_not_after = frozenset(w.lower() for w in not_after)
        self.max_headline_words = options.max_headline_words
        self.max_call_to_action_words = options.max_call_to_action_words
        self.hooks, hook_names = _compile_groups(options.html_hooks, HOOK_WORDS, self.deadline)
        self.names.update({f"h{k}": v for k, v in hook_names.items()})
        self.box_tags = frozenset(t.lower() for t in options.html_box_tags)
        self.embeds, _ = _compile_groups({"embedded post": options.html_embed_hooks}, HOOK_WORDS, self.deadline)
        self.linked_share = options.linked_line_share
        self.linked_list_min = options.linked_list_min

    def pitch_pattern(self, k: int) -> BoundedPattern:
        pattern = self.compiled_pitches[k]
        if pattern is None:
            compiled = regex.compile(self.pitches[k][1], regex.IGNORECASE | regex.V0)
            pattern = self.compiled_pitches[k] = BoundedPattern(compiled, self.deadline)
        return pattern

    def signal_of(self, prefix: str, m: regex.Match) -> str:
        for gid, value in m.groupdict().items():
            if value is not None and gid.startswith("s"):
                return self.names[prefix + gid]
        return prefix


class _Scored:
    """A line's signals and their weight."""

    __slots__ = ("line", "linked", "lists", "pitch", "score", "signals", "story")

    def __init__(self, line: Line) -> None:
        self.line = line
        self.story = False  # the page's extractor took this line for story text
        self.linked = False  # the line's text is mostly a link (a headline teaser)
        self.signals: list[str] = []
        self.score = 0
        self.lists = False  # a label or pitch that headlines or buttons may follow
        self.pitch = False  # a pitch, which a box title may stand above

    def add(self, signal: str, weight: int) -> None:
        if signal not in self.signals:
            self.signals.append(signal)
        self.score += weight


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


# No-break, thin and ideographic spaces read as a space when phrases are matched (pages write
# "Weitere&nbsp;Artikel&nbsp;zum&nbsp;Thema"); one character for one, so offsets hold.
_ODD_SPACES = "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"


def _plain_spaces(text: str) -> str:
    """The text with its odd spaces as spaces; ASCII text (most of it) is not copied. (A
    str.replace per space the text holds: str.translate with a table looks every character up
    in Python, some 200 times slower on a body that holds one no-break space.)"""
    if text.isascii():
        return text
    for space in _ODD_SPACES:
        if space in text:
            text = text.replace(space, " ")
    return text

# ":", "|", "›", "»", ">", " - ", " — ", " – ", "：", "｜", or a wide gap (a box's label and
# links set inline in one block): one search, not a `in` a separator
_LABEL_SEPARATOR = re.compile("[:|›»>：｜]| [-—–] |\\S[ \u00a0]{3}")


def _may_open_with_label(text: str, words: int) -> bool:
    """A label is a short line by itself, or opens a line before a separator, or is a comment
    section's count over the headline ("12 responses to “…”"): test that cheaply."""
    if words <= 6 or text[0] in "[(【［（" or text[0].isdigit():
        return True
    return _LABEL_SEPARATOR.search(text, 0, 48) is not None


def _word_before(text: str, offset: int) -> str:
    """The word just before offset in the line, lower-cased ('' at the line's start)."""
    before = text[max(0, offset - 40) : offset].split()
    return before[-1].lower() if before else ""


def _phrase_signals(s: _Scored, mx: Matchers, pitch_hits: list[tuple[int, str]], label_word: bool, call_word: bool,
                    figure_caption: bool = False) -> None:
    """`label_word`, `call_word`: whether the word pass found, in the line, a word some label or
    some call to action cannot match without (True when it could not look). `figure_caption`:
    the line is a <figcaption>, where a media label names the figure's own media."""
    text = _plain_spaces(s.line.text)
    words = s.line.words
    if not mx.label_filter.empty and words <= MAX_LABELLED_WORDS and _may_open_with_label(text, words):
        m = mx.label_filter.match(text, label_word)
        signal = mx.signal_of("l", m) if m is not None else ""
        if m is not None and not (figure_caption and signal in MEDIA_LABELS):
            rest = m.group("rest") or m.group("rest2") or m.group("rest3") or m.group("rest4") or ""
            if word_count(rest) <= MAX_LABELLED_WORDS - 6:
                s.add(signal, STRONG)
                # a share bar or a comment section is followed by buttons and readers' words,
                # not by a list of headlines: what follows it is left to its own signals
                s.lists = not rest and signal not in NO_LIST_AFTER
    if not mx.call_filter.empty and text[0] not in "\"“'‘" and words <= mx.max_call_to_action_words:
        m = mx.call_filter.match(text, call_word)
        if m is not None:
            s.add(mx.signal_of("c", m), STRONG)
            s.lists = s.pitch = True
    quotes = QuoteMarks(text) if pitch_hits else None
    for offset, signal in pitch_hits:
        if mx.pitch_not_after and _word_before(text, offset) in mx.pitch_not_after:
            continue
        if not quotes.inside(offset):
            s.add(signal, STRONG)
            s.lists = s.pitch = True


def _structure_signals(s: _Scored, mx: Matchers) -> None:
    if s.line.words > 3 * mx.max_headline_words:  # a paragraph of prose: no widget shape fits
        return
    text = s.line.text
    lead_from = 0
    if text[0] == "[":
        m = BRACKET_LABEL.match(text)
        whole = BRACKETED_LINE.fullmatch(text)
        if whole is not None and is_headline_like(whole.group(1), mx.max_headline_words) and word_count(whole.group(1)) >= 3:
            s.add(BRACKETED_HEADLINE, 2)
        elif m is not None and is_section_label(m.group(1)):
            rest = text[m.end():]
            if word_count(rest) >= 3 and not ends_sentence(rest):
                # "[Photo] … (Yonhap)": a caption ends with its credit, a headline does not
                headline = is_headline_like(rest, mx.max_headline_words) and not rest.endswith(")")
                s.add(SECTION_LABEL, 2 + headline)
                lead_from = m.end()
    # a widget line is short; a long paragraph that repeats itself is a scraper's double save
    if 8 <= s.line.words <= 3 * mx.max_headline_words and repeated_lead(text, lead_from):
        s.add(REPEATED, 2 + (not ends_sentence(text)))
    if s.signals and GLUED_LABEL.search(text):
        s.add(GLUED, 1)
    if ":" in text[-60:]:
        m = TRAILING_STAMP.search(text, max(0, len(text) - 90))
        before = text[: m.start()].strip() if m is not None else ""
        # a widget stamps a headline; a byline with its time ("Kim Min-ji 2024-05-30 10:12")
        # or a sentence that ends in a time is no widget
        if word_count(before) >= 3 and is_headline_like(before, 3 * mx.max_headline_words):
            s.add(STAMP, STRONG if m.group(2) else 2)


BOX_IN_STORY = "a box ({tag}) inside the story"
LINK_LIST = "a list of {n} links"


def _pull_quote(text: str, block: Block) -> bool:
    """A quotation set in a box beside the story (a pull quote) is the story's own words."""
    return "q" in block.tags or "blockquote" in block.tags or text[:1] in "\"“„«‘'"


def _markup_signals(scored: list[_Scored], blocks: tuple[Block, ...], mx: Matchers, tail: bool) -> None:
    """What a web page's markup says: a widget's class or id, an aside or form amid the story,
    a run of short lines that are all links. Only elements that hold none of the story's text
    count (see `Block`), so the story's own lines never carry these signals. After the story
    (`tail`) only a widget's class or id counts: there an aside is the page's sidebar and a
    run of links its navigation, which is page chrome, not a block pasted at the story."""
    linked: list[int] = []
    for k, s in enumerate(scored):
        block = blocks[s.line.index]
        if mx.embeds is not None and block.hooks and mx.embeds.search(block.hooks):
            s.story = True  # a quoted post is the story's material: no markup signal, no growth over it
            continue
        s.story = block.story
        s.linked = block.link_share >= mx.linked_share
        # a widget's lines are short (a title, headlines, a button); a long paragraph of full
        # sentences in a box is story text the extractor missed, and only leans on the box
        weight = 1 if s.line.words > 2 * mx.max_headline_words and ends_sentence(s.line.text) else STRONG
        m = mx.hooks.search(block.hooks) if mx.hooks is not None and block.hooks else None
        if m is not None:
            signal = mx.signal_of("h", m)
            s.add(signal, weight)
            # after the story, a comment section's buttons are followed by readers' names and
            # words, a share bar's by anything: neither is a list of headlines
            s.lists = not (tail and signal in NO_LIST_AFTER)
        elif not tail and not mx.box_tags.isdisjoint(block.tags) and not _pull_quote(s.line.text, block):
            s.add(BOX_IN_STORY.format(tag=min(block.tags & mx.box_tags)), weight)
            s.lists = True
        # (the extractor often keeps a teaser list made of <p> links: a run of them is a list)
        if not tail and block.link_share >= mx.linked_share and s.line.words <= mx.max_headline_words:
            linked.append(k)
    run: list[int] = []
    for k in [*linked, -2]:
        if run and k == run[-1] + 1:
            run.append(k)
            continue
        if len(run) >= mx.linked_list_min:
            for j in run:
                scored[j].add(LINK_LIST.format(n=len(run)), STRONG)
        run = [k]


def lowered_for_words(text: str) -> str | None:
    """The text lower-cased for the word pass, character for character (None when lower-casing
    changes its length, so offsets would not hold)."""
    lowered = lower_case(text)
    if len(lowered) != len(text):  # "İ" lower-cases to two characters
        lowered = lower_case(text.replace("\u0130", "i"))
    return lowered if len(lowered) == len(text) else None


def _pitch_hits(field_text: str, lines: list[Line], mx: Matchers) -> tuple[dict[int, list[tuple[int, str]]], dict[int, set[int]] | None]:
    """Pitch matches grouped by line (offsets within the line), and for LABEL_WORD and
    CALL_WORD the lines that hold a word some label or call to action cannot match without
    (None: every line may hold one).

    A case-insensitive alternation of every pitch scans at a few MB/s, so each pattern runs
    alone and only on the lines that hold a word it cannot match without. The words of every
    language are found in one Aho-Corasick pass over the lower-cased text, whose cost does not
    grow with the number of words (a str.find per word reads the text once per word).
    """
    hits: dict[int, list[tuple[int, str]]] = {}
    if not lines or (not mx.pitches and mx.pitch_words is None):
        return hits, None
    field_text = _plain_spaces(field_text)
    lowered = lowered_for_words(field_text)
    every_line = range(len(lines))
    todo: dict[int, set[int]] = {k: set(every_line) for k in mx.unfiltered}
    worded_lines: dict[int, set[int]] | None = None
    if lowered is None:  # lower-casing moved offsets: run everything everywhere
        todo = {k: set(every_line) for k in range(len(mx.pitches))}
    elif mx.pitch_words is not None:
        starts = [ln.start for ln in lines]
        for pos, patterns in mx.pitch_words.find(lowered):
            line = bisect.bisect_right(starts, pos) - 1
            for k in patterns:
                todo.setdefault(k, set()).add(line)
        worded_lines = {marker: todo.pop(marker, set()) for marker in (LABEL_WORD, CALL_WORD)}
    for k, line_indexes in todo.items():
        signal = mx.pitches[k][0]
        pattern = mx.pitch_pattern(k)
        for i in line_indexes:
            if i < 0:
                continue
            line = lines[i]
            for m in pattern.finditer(field_text, line.start, line.end):
                hits.setdefault(i, []).append((m.start() - line.start, signal))
    for found in hits.values():
        found.sort()
    return hits, worded_lines


def _score_lines(article: Article, field: str, mx: Matchers, tail: bool) -> list[_Scored]:
    lines = body_lines(article, field)
    pitches, worded_lines = _pitch_hits(article.text(field), lines, mx)
    label_at = worded_lines[LABEL_WORD] if worded_lines is not None else None
    call_at = worded_lines[CALL_WORD] if worded_lines is not None else None
    title = _normal(article.text("title"))
    blocks = article.fields[field].blocks
    scored = []
    for i, line in enumerate(lines):
        s = _Scored(line)
        # an HTML body opens with the page's own headline, column tag and all
        own_headline = title and abs(len(line.text) - len(title)) < 8 and _normal(line.text) == title
        if not own_headline:
            _phrase_signals(s, mx, pitches.get(i, []), label_at is None or i in label_at, call_at is None or i in call_at,
                            blocks is not None and "figcaption" in blocks[line.index].tags)
            _structure_signals(s, mx)
        scored.append(s)
    if blocks is not None:
        _markup_signals(scored, blocks, mx, tail)
    for i, s in enumerate(scored):
        # a crosshead over the article's own list is not a widget: only a list set amid
        # full sentences is
        if s.score < STRONG and s.line.words <= 4 and is_capitalised_label(s.line.text):
            items = _headlines_follow(scored, i, mx)
            if items >= 2 and _amid_sentences(scored, i, i + items):
                s.add(CAPS_LABEL, STRONG)
                s.lists = True
        elif s.signals == [BRACKETED_HEADLINE] and _amid_sentences(scored, i, i):
            s.add(FRAGMENTS, 1)
    return scored


def _adjacent(a: Line, b: Line) -> bool:
    """b follows a, with at most one blank line between (paragraphs split by blank lines)."""
    return b.index - a.index <= 2


def _is_list_headline(text: str, mx: Matchers) -> bool:
    """An item of a headline list: a few words, mostly not numbers (table cells, scores)."""
    words = text.split()
    if len(words) < 4 or not is_headline_like(text, mx.max_headline_words):
        return False
    return sum(any(ch.isdigit() for ch in w) for w in words) / len(words) < 0.25


def _headlines_follow(scored: list[_Scored], i: int, mx: Matchers) -> int:
    n = 0
    for j in range(i + 1, len(scored)):
        if not _adjacent(scored[j - 1].line, scored[j].line) or not _is_list_headline(scored[j].line.text, mx):
            break
        n += 1
    return n


def _full_sentence(s: _Scored) -> bool:
    return s.line.words >= 8 and ends_sentence(s.line.text)


def _amid_sentences(scored: list[_Scored], first: int, last: int) -> bool:
    """Lines first..last sit between two paragraphs of full sentences."""
    if first == 0 or last + 1 >= len(scored):
        return False
    before, after = scored[first - 1], scored[last + 1]
    return (
        _adjacent(before.line, scored[first].line) and _adjacent(scored[last].line, after.line)
        and _full_sentence(before) and _full_sentence(after)
    )


def _blocks(scored: list[_Scored], mx: Matchers) -> Iterator[tuple[int, int, list[str]]]:
    """(first, last, signals) of each block: strong lines joined with what hangs from them."""
    i = 0
    n = len(scored)
    prev_last = -1
    while i < n:
        s = scored[i]
        if s.score < STRONG:
            i += 1
            continue
        first, last = i, i
        signals = list(s.signals)
        # a newsletter box's own title just above its pitch ("The Morning Briefing")
        above = scored[i - 1] if i - 1 > max(prev_last, 0) else None
        if (s.pitch and above is not None and above.score == 0 and above.line.index == s.line.index - 1
                and is_headline_like(above.line.text, 6)):
            first = i - 1
        lists = s.lists
        j = i + 1
        pending = 0  # short full sentences (a plan's blurb), kept only when a fragment follows
        saw_fragment = False
        while j < n and _adjacent(scored[j - 1].line, scored[j].line):
            t = scored[j]
            if t.story and t.score < STRONG and not t.linked:
                break  # a block grows over fragments and linked headlines, never over story prose
            if t.score >= STRONG:
                if pending:  # the next block starts here; the sentences between are the story's
                    break
                signals += [x for x in t.signals if x not in signals]
                lists = lists or t.lists
                last = j
            elif lists and t.score == 0 and is_headline_like(t.line.text, mx.max_headline_words):
                last, pending, saw_fragment = j, 0, True
            elif lists and t.score == 0 and t.line.words <= 10 and not is_signoff(t.line.text):
                pending += 1
            else:
                break
            j += 1
        if saw_fragment:
            signals.append(FRAGMENTS)
        yield first, last, signals
        prev_last = last
        i = last + 1


def promo_blocks(article: Article, field: str, options: Options, tail: bool = False) -> list[tuple[Line, Line, list[str]]]:
    """The blocks of one field, computed once per article (the boilerplate pass skips them).

    Raises RegexTimeout when the phrases ran past regex-timeout, on every call for that field."""
    key = (BLOCKS_CACHE, field, id(options))
    cached = article.cache.get(key)
    if isinstance(cached, RegexTimeout):
        raise cached
    if cached is not None:
        return cached
    if not article.text(field):
        out = []
        signalled: frozenset[int] = frozenset()
    else:
        mx = options.matchers
        try:
            with mx.deadline.on(field, len(article.text(field))):
                scored = _score_lines(article, field, mx, tail)
        except RegexTimeout as exc:
            article.cache[key] = exc  # the boilerplate pass must not spend the limit again
            raise
        out = [(scored[a].line, scored[b].line, sig) for a, b, sig in _blocks(scored, mx)]
        signalled = frozenset(s.line.index for s in scored if s.score > 0)
    article.cache[key] = out
    article.cache[(SIGNALLED_CACHE, field, id(options))] = signalled
    return out


_INDEX = attrgetter("index")


AFTER_STORY = "after the story"


def check(article: Article, options: Options) -> Iterator[Finding]:
    for tail, names in ((False, options.fields), (True, options.tail_fields)):
        for field in names:
            f = article.fields.get(field)
            if f is None or f.markup:
                continue
            yield from _field_findings(article, field, options, tail)


def _field_findings(article: Article, field: str, options: Options, tail: bool) -> Iterator[Finding]:
    blocks = promo_blocks(article, field, options, tail)
    if not blocks:
        return
    lines = body_lines(article, field)
    text = article.text(field)
    seen: set[str] = set()  # the text of the tail's blocks reported so far
    for first, last, signals in blocks:
        if tail:
            # the same widget again below (the "Reply" under each reader comment): one
            # finding says it
            key = _normal(text[first.line_start : last.end])
            if key in seen:
                continue
            seen.add(key)
            signals = [*signals, AFTER_STORY]
        count = last.index - first.index + 1
        # a pitch inside a long paragraph: report it, but removing the paragraph would
        # remove the story with it
        # (the lines are in order: the block's are found by bisection, not by reading all)
        inside = lines[bisect.bisect_left(lines, first.index, key=_INDEX) : bisect.bisect_right(lines, last.index, key=_INDEX)]
        fixable = all(ln.words <= LONG_PARAGRAPH_WORDS for ln in inside)
        yield Finding(
            field, first.line_start, last.end,  # whole lines, from column 1
            {"why": "; ".join(signals), "lines": count},
            replacement="" if fixable else None, unsafe=fixable,
        )


class Corpus:
    """Site boilerplate across the input: paragraphs many articles of one source share."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.counter = BoilerplateCounter(options.boilerplate)

    def partition(self, article: Article) -> str | None:
        """The part of the input whose articles this one is counted with: its source. Sources
        never share counts, so a run may split the input by it (newslint.ray groups by it)."""
        return source_of(article) if self.options.boilerplate.enabled else None

    def observe(self, article: Article) -> None:
        observation = self.note(article)
        if observation is not None:
            self.fold(observation)

    def fold(self, observation: Observation) -> None:
        """Folds in what `note` saw of one article (perhaps in another process)."""
        self.counter.fold(observation)

    def note(self, article: Article) -> Observation | None:
        """What one article adds to the cross-article counts, as hashes and places."""
        bp = self.options.boilerplate
        if not bp.enabled:
            return None
        source = source_of(article)
        if source is None:
            return None
        title = _normal(article.text("title"))
        paragraphs = []
        for field in self.options.fields:
            f = article.fields.get(field)
            if f is None or f.markup or not f.text:
                continue
            # lines already in a block are reported by `check`; don't report them twice
            try:
                blocks = promo_blocks(article, field, self.options)
            except RegexTimeout:
                continue  # `check` reported it as a check-error
            taken = {i for a, b, _ in blocks for i in range(a.index, b.index + 1)}
            signalled = article.cache[(SIGNALLED_CACHE, field, id(self.options))]
            lines = body_lines(article, field)
            # Boilerplate is pasted at a body's edges, or carries a promo signal of its own; a
            # sentence that recurs amid the reporting ("The national anthem was played.") is
            # the reporting's own formula, however often it recurs.
            edge = bp.edge_paragraphs
            for n, line in enumerate(lines):
                if line.index in taken or line.words < bp.min_words or is_signoff(line.text):
                    continue
                if edge and edge <= n < len(lines) - edge and line.index not in signalled:
                    continue
                if title and abs(len(line.text) - len(title)) < 8 and _normal(line.text) == title:
                    continue
                paragraphs.append((field, line.key, line.start, line.end))
        return BoilerplateCounter.observation(article, source, paragraphs)

    def findings(self) -> Iterator[tuple]:
        for place, count, total, source in self.counter.findings():
            why = f"the same paragraph recurs in {count} of {total} articles from {source} (site boilerplate)"
            yield place, {"why": why, "lines": 1}, ""
