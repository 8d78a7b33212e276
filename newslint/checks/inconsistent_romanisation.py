"""Kind `inconsistent-romanisation`: one person or place spelled two ways in one article.

Two sources of variants:
  * automatic: name candidates that fold to one key ("Kim Jong Un" / "Kim Jong-un" / "KIM Jong Un"
    / "Kim Jongun"), when the difference is one romanisation makes (newslint.text.names);
  * dictionary groups for spellings folding cannot join ("Zelensky" / "Zelenskyy",
    "Gaddafi" / "Qaddafi", "Odesa" / "Odessa"), from YAML files (newslint.romanisation_dictionary);
  * Korean keys: North and South Korean spellings of one full personal name ("Ri Sol Ju" /
    "Lee Sol-ju"), by surname family and MR/RR vowels (newslint.text.korean_names).

Title, description and body are read together, the body's non-prose lines (headings, menus,
lines in capitals) left out. A less used form is reported once, at its first occurrence, with
its count (on a tie, the form that appears later), naming the other form and where it first
appears; the finding's fix covers every occurrence (`Finding.also`).
With a house style (a group's `preferred` form under `house-style: true`, or a `sources` entry
that matches the article), every other form is reported, self-consistent or not, and the
preferred form is the fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, PrivateAttr, field_validator

from ..article import Article, Finding
from ..romanisation_dictionary import VariantGroup, VariantIndex, check_form, read_dictionary
from ..text.case_shape import in_case_of
from ..text.korean_names import korean_key, maybe_korean_variants
from ..text.name_words import OFFICIAL_NAME_WORDS
from ..text.names import (
    Candidate,
    Shape,
    SpellingScreen,
    candidates,
    fold_text,
    is_title_case,
    romanisation_difference,
    runs,
    same_spelling,
    shape,
    spelled_alike,
)
from ..text.paragraphs import pieces_at_white_space
from ..yamlload import ConfigError, first_file
from .base import PROSE_FIELDS, CheckOptions, kebab, private, prose_fields

MESSAGE_ARGS = frozenset({"form", "other", "where", "line", "count", "source", "occurrences", "times"})

DEFAULT_DICTIONARIES = (
    "romanisation/korean.yaml",
    "romanisation/chinese.yaml",
    "romanisation/japanese.yaml",
    "romanisation/arabic.yaml",
    "romanisation/russian-ukrainian.yaml",
    "romanisation/southeast-asian.yaml",
)


def _findable(form: str) -> str:
    problem = check_form(form)
    if problem:
        raise ValueError(problem)
    return form


# A spelling the rule can find in text (capitalised words joined by spaces or hyphens); checked
# when the rule loads, so a form that could never match is a configuration error at its line.
FindableForm = Annotated[str, AfterValidator(_findable)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", alias_generator=kebab, populate_by_name=True, defer_build=True)


class Group(_Model):
    """A variant group written inline in a rule file or the project config."""

    forms: list[FindableForm]
    preferred: str | None = None
    note: str | None = None

    @field_validator("forms")
    @classmethod
    def _two_or_more(cls, value: list[str]) -> list[str]:
        if len(value) < 2:
            raise ValueError("a group needs at least two spellings")
        return value


class SourceStyle(_Model):
    """A house style for the articles of one source: e.g. Yonhap writes "Kim Jong-un"."""

    name: str
    match: list[str]  # case-insensitive pieces of the source field, the URL or the file path
    preferred: list[FindableForm]


class Options(CheckOptions):
    dictionaries: list[str] = list(DEFAULT_DICTIONARIES)
    extra_dictionaries: list[str] = []
    groups: list[Group] = []
    house_style: bool = False
    sources: list[SourceStyle] = []
    official_name_words: list[str] = list(OFFICIAL_NAME_WORDS)
    fields: list[str] = list(PROSE_FIELDS)

    # Everything built from the options, in one plain object: a check reads it once an article
    # (each read of a pydantic private attribute goes through Python-level __getattr__).
    _compiled: _Compiled | None = PrivateAttr(default=None)

    def model_post_init(self, context: Any) -> None:
        ctx = context if isinstance(context, dict) else {}
        rule_path = ctx.get("rule_path")
        rule_dir = Path(rule_path).parent if rule_path else None
        groups: list[VariantGroup] = []
        for name in [*self.dictionaries, *self.extra_dictionaries]:
            groups += read_dictionary(_resolve(name, rule_dir, rule_path))
        groups += [VariantGroup(tuple(g.forms), g.preferred, g.note, "groups") for g in self.groups]
        index = VariantIndex(groups)
        group_prefs: dict[Any, tuple[str, str]] = {}
        if self.house_style:
            group_prefs = {("group", i): (g.preferred, "") for i, g in enumerate(index.groups) if g.preferred}
        compiled = _Compiled(index, SpellingScreen(index.group_of), frozenset(self.official_name_words),
                             group_prefs, [], tuple(self.fields))
        compiled.source_prefs = [
            (tuple(m.casefold() for m in s.match), {compiled.group_of_form(p): (p, s.name) for p in s.preferred})
            for s in self.sources
        ]
        self._compiled = compiled

    @property
    def compiled(self) -> _Compiled:
        compiled = private(self, "_compiled")
        assert compiled is not None
        return compiled

    @property
    def index(self) -> VariantIndex:
        return self.compiled.index

    @property
    def screen(self) -> SpellingScreen:
        return self.compiled.screen

    @property
    def official(self) -> frozenset[str]:
        return self.compiled.official

    def group_id(self, key: str) -> Any:
        return self.compiled.group_id(key)

    def preferences(self, article: Article) -> dict[Any, tuple[str, str]]:
        return self.compiled.preferences(article)


@dataclass(slots=True)
class _Compiled:
    index: VariantIndex
    screen: SpellingScreen
    official: frozenset[str]
    group_prefs: dict[Any, tuple[str, str]]
    source_prefs: list[tuple[tuple[str, ...], dict[Any, tuple[str, str]]]]
    fields: tuple[str, ...]

    def group_id(self, key: str) -> Any:
        number = self.index.group_of.get(key)
        return ("group", number) if number is not None else ("key", key)

    def group_of_form(self, form: str) -> Any:
        """The group a spelling's occurrences are gathered under (as `_gather` does)."""
        key = fold_text(form)
        if key not in self.index.group_of:
            korean = korean_key(form)
            if korean:
                return ("korean", korean)
        return self.group_id(key)

    def preferences(self, article: Article) -> dict[Any, tuple[str, str]]:
        """The preferred forms that apply to this article: group -> (form, name of the source's style)."""
        if not self.source_prefs:
            return self.group_prefs
        haystack = " ".join([article.text("source"), article.text("url"), article.path]).casefold()
        for patterns, prefs in self.source_prefs:
            if any(p in haystack for p in patterns):
                return {**self.group_prefs, **prefs}
        return self.group_prefs


def _resolve(name: str, rule_dir: Path | None, rule_path: str | None) -> Path:
    """A dictionary named relative to the rule file, else to the folder newslint runs in."""
    path = Path(name)
    if path.is_absolute():
        tries = [path]
    else:
        tries = ([rule_dir / path] if rule_dir else []) + [Path.cwd() / path]
    found = first_file(tries)
    if found is not None:
        return found
    raise ConfigError(
        rule_path or "<rule>",
        None,
        "dictionaries",
        f"no such romanisation dictionary: {name} (looked in {', '.join(str(t.parent) for t in tries)})",
    )


@dataclass(slots=True)
class _Form:
    """One spelling of a name in an article and where it occurs."""

    shape: Shape
    occurrences: list[tuple[int, Candidate]] = field(default_factory=list)  # (reading order, candidate)

    @property
    def count(self) -> int:
        return len(self.occurrences)

    @property
    def first(self) -> int:
        return self.occurrences[0][0]

    @property
    def cased(self) -> str | None:
        """How the form is written where its case tells (not in ALL CAPS or a Title Case headline)."""
        for _, c in self.occurrences:
            if c.cased:
                return c.surface
        return None


_SENTENCE_ENDS = frozenset(".!?:;…\"”»'’)]")


def _is_prose(line: str) -> bool:
    """A line of running prose, where a capital says a word is a name: a sentence, not a
    heading, a menu or a line in capitals ("YARDIM", "ECONOMIA", "Die Gründe im Überblick")."""
    count = capitals = 0
    lower = False
    for piece in pieces_at_white_space(line):  # (a line of megabytes: no list of all its words)
        words = piece.split()
        count += len(words)
        lower = lower or any(w[0].islower() for w in words)
        # a line in capitals: most of its words are written in capitals (counted by word, not
        # by letter: this runs on every body line)
        capitals += sum(1 for w in words if w.isupper())
    if count < 3:
        return False
    if not lower:
        return False  # every word capitalised: a menu, a heading in Title Case
    if capitals * 2 > count:
        return False
    return line.rstrip()[-1] in _SENTENCE_ENDS or count >= 8


def _prose_only(text: str) -> str:
    """The body with every line that is not running prose blanked (same length, so offsets
    stay right)."""
    if "\n" not in text:
        return text if _is_prose(text) else " " * len(text)
    lines = text.split("\n")
    keep = [_is_prose(line) for line in lines]
    if all(keep):
        return text
    return "\n".join(line if k else " " * len(line) for line, k in zip(lines, keep))


def _gather(
    article: Article, options: _Compiled, prefs: dict[Any, tuple[str, str]]
) -> dict[Any, list[tuple[int, Candidate]]]:
    by_group: dict[Any, list[tuple[int, Candidate]]] = {}
    official = options.official
    group_of = options.index.group_of
    fields = list(prose_fields(article, options.fields))
    wanted = {gid[1] for gid in prefs if gid[0] == "group"}
    # A source style naming a spelling no dictionary group holds can only be checked the long way.
    any_key = any(gid[0] == "key" for gid in prefs)
    # Both screens below only find more when given more lines (no run or name crosses a line
    # break), so when they find nothing in the whole texts they would find nothing in the prose
    # lines either: most articles end here, before the body's lines are sorted.
    whole = [text for _, text in fields]
    if not any_key and not options.screen.maybe_alike(whole, wanted) and not maybe_korean_variants(whole):
        return by_group
    texts = [(name, _prose_only(text) if name == "body" else text) for name, text in fields]
    # Most articles spell every name one way: the screen (distinct runs, one C-speed scan) says
    # so without taking any run apart; `spelled_alike` decides for the others.
    plain = [text for _, text in texts]
    korean = False
    if not any_key and not options.screen.maybe_alike(plain, wanted):
        korean = maybe_korean_variants(plain)
        if not korean:
            return by_group
    found = [list(runs(text)) for _, text in texts]
    if not korean and not any_key and not spelled_alike(found, group_of, wanted) and not maybe_korean_variants(plain):
        return by_group
    kept: list[tuple[Candidate, int | None, str | None]] = []
    # A dictionary group that holds one Korean spelling of a person ("Ri Sol Ju") takes in the
    # other Korean spellings of that person ("Lee Sol-ju") too.
    korean_group: dict[str, int] = {}
    for (name, text), field_runs in zip(texts, found):
        uncased = name == "title" and is_title_case(text)
        for c in candidates(name, text, uncased, found=field_runs):
            if c.next_word in official:  # "Pusan National University" keeps its own spelling
                continue
            number = group_of.get(c.key)
            if number is None and c.inner:
                continue
            korean = korean_key(c.surface) if c.units > 1 and not c.inner else None
            if korean and number is not None:
                korean_group.setdefault(korean, number)
            kept.append((c, number, korean))
    for order, (c, number, korean) in enumerate(kept, 1):
        if number is None and korean:
            number = korean_group.get(korean)
        if number is not None:
            gid: Any = ("group", number)
        else:
            gid = ("korean", korean) if korean else ("key", c.key)
        by_group.setdefault(gid, []).append((order, c))
    return by_group


def _forms(occurrences: list[tuple[int, Candidate]]) -> list[_Form]:
    forms: list[_Form] = []
    uncased = []
    for item in occurrences:
        c = item[1]
        if not c.cased:
            uncased.append(item)
            continue
        s = shape(c.surface, True)
        for f in forms:
            if same_spelling(f.shape, s):
                f.occurrences.append(item)
                break
        else:
            forms.append(_Form(s, [item]))
    for item in uncased:
        s = shape(item[1].surface, False)
        matching = [f for f in forms if same_spelling(f.shape, s)]
        if matching:
            max(matching, key=lambda f: f.count).occurrences.append(item)
        else:
            forms.append(_Form(s, [item]))
    for f in forms:
        f.occurrences.sort(key=lambda item: item[0])
    return forms


def _variants(a: Shape, b: Shape, listed: frozenset[str]) -> bool:
    """Spellings of one name: different in the dictionary's sense, or in romanisation's."""
    if a.key != b.key:
        return True  # both in one dictionary group
    if a.low != b.low and a.low in listed and b.low in listed:
        return True
    return romanisation_difference(a, b)


def _where(article: Article, c: Candidate) -> tuple[str, int]:
    place = article.place(c.field, c.start, c.end)
    if place.field is None:
        return f"on line {place.line}", place.line
    return f"in {place.field}, column {place.column}", place.line


class _Reported:
    """The characters of each field already inside a reported name. A byte a character, set
    when reported: asking about a name costs its length, not the number reported before it
    (a long article names people thousands of times)."""

    def __init__(self, article: Article) -> None:
        self._article = article
        self._covered: dict[str, bytearray] = {}

    def overlaps(self, c: Candidate) -> bool:
        covered = self._covered.get(c.field)
        return covered is not None and covered.find(1, c.start, c.end) != -1

    def add(self, c: Candidate) -> None:
        covered = self._covered.get(c.field)
        if covered is None:
            covered = self._covered[c.field] = bytearray(len(self._article.fields[c.field].text))
        covered[c.start : c.end] = b"\x01" * (c.end - c.start)


def check(article: Article, rule_options: Options) -> Iterator[Finding]:
    options = rule_options.compiled
    prefs = options.preferences(article)
    by_group = _gather(article, options, prefs)
    live = []
    for gid, occurrences in by_group.items():
        if gid in prefs or (len(occurrences) > 1 and len({c.surface for _, c in occurrences}) > 1):
            live.append((min(c.units for _, c in occurrences), len(occurrences[0][1].key), gid))
    if not live:
        return
    # Shortest names first, so the span is the name and not a title before it ("DPRK Hero An
    # Tong-su" is reported as "An Tong-su"); what overlaps a reported span is not reported again.
    live.sort(key=lambda t: (t[0], t[1]))
    listed = options.index.listed
    reported = _Reported(article)
    findings: list[Finding] = []
    for _, _, gid in live:
        forms = _forms(by_group[gid])
        style_name = ""
        preferred = None
        if gid in prefs:
            preferred, style_name = prefs[gid]
        if preferred is not None:
            target = shape(preferred, True)
            losers = [f for f in forms if not same_spelling(f.shape, target) and _variants(f.shape, target, listed)]
            where = "in the house style" + (f" of {style_name}" if style_name else "")
            other, fix, line, count = preferred, preferred, 0, 0
        else:
            if len(forms) < 2:
                continue
            winner = max(forms, key=lambda f: (f.count, -f.first))
            losers = [f for f in forms if f is not winner and _variants(f.shape, winner.shape, listed)]
            if not losers:
                continue
            fix = winner.cased
            other, count = fix or winner.occurrences[0][1].surface, winner.count
            where, line = _where(article, winner.occurrences[0][1])
        for form in losers:
            # One finding a spelling, at its first occurrence, saying how often it occurs; the
            # fix still respells every occurrence.
            mine = [c for _, c in form.occurrences if not reported.overlaps(c)]
            if not mine:
                continue
            for c in mine:
                reported.add(c)
            first = mine[0]
            n = len(mine)
            args = {
                "form": first.surface,
                "other": other,
                "where": where,
                "line": line,
                "count": count,
                "source": style_name,
                "occurrences": n,
                "times": f" ({n} times)" if n > 1 else "",
            }
            also = tuple((c.field, c.start, c.end, in_case_of(fix, c.surface)) for c in mine[1:]) if fix else ()
            findings.append(
                Finding(first.field, first.start, first.end, args,
                        replacement=in_case_of(fix, first.surface) if fix else None, also=also)
            )
    findings.sort(key=lambda f: (f.field, f.start))
    yield from findings
