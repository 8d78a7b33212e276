"""Findings a user has accepted: inline comments, `newslint_ignore` fields and a baseline.

Three ways to accept a finding, checked in this order for each violation:

  `<!-- newslint: disable=rule-a,rule-b -->`   (text, Markdown, HTML) those rules on the next line;
  `<!-- newslint: disable -->`                  every rule on the next line;
  `<!-- newslint: disable-file=rule-a -->`      those rules (or, bare, every rule) in the whole file;
  `newslint_ignore: [rule-a]`                   a record's field (JSON, JSONL, CSV) or a Markdown
                                                front-matter key: those rules in that article;
  a baseline file (see baseline.py)             findings recorded earlier, by path, rule and text.

Each suppression remembers whether it hid anything, so `--report-unused` can name the ones that
hide nothing (stale comments, findings since fixed) as `unused-suppression` warnings. Only rules
that ran are judged: a comment naming a rule left out by --select/--ignore is neither used nor
unused in that run; a name that is no rule at all is always reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

from ..article import Article, LineIndex, Violation
from ..builtin_rules import BUILTIN_RULES as BUILTIN_RULE_INFO
from ..builtin_rules import UNUSED, UNUSED_SEVERITY
from ..readers import format_of
from .baseline import Baseline

__all__ = ["UNUSED", "UNUSED_SEVERITY", "Suppressions", "parse_directives"]
# Rules that exist in every run without a rule file (input-error, check-error).
BUILTIN_RULES = frozenset(BUILTIN_RULE_INFO)
RECORD_FORMATS = frozenset({".json", ".jsonl", ".ndjson", ".csv", ".parquet"})

_COMMENT = regex.compile(r"<!--[ \t]*newslint:(?P<body>.*?)-->", regex.S)
_DIRECTIVE = regex.compile(r"[ \t]*(?P<verb>[A-Za-z-]+)[ \t]*(?:=(?P<rules>[^\r\n]*?))?[ \t]*")
VERBS = ("disable", "disable-file")


@dataclass(slots=True)
class Directive:
    """One `<!-- newslint: ... -->` comment and what it has hidden so far."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    whole_file: bool
    rules: tuple[str, ...] | None  # None: every rule
    problem: str | None = None  # a comment newslint cannot read
    used: set[str] = field(default_factory=set)

    @property
    def target(self) -> int:
        return self.end_line + 1

    def covers(self, rule: str) -> bool:
        return self.problem is None and (self.rules is None or rule in self.rules)


def parse_directives(path: str, text: str) -> list[Directive]:
    """The newslint comments of a text, Markdown or HTML file."""
    if "newslint:" not in text:
        return []
    lines = LineIndex(text)
    out = []
    for m in _COMMENT.finditer(text):
        line, col = lines.position(m.start())
        end_line, end_col = lines.position(m.end())
        d = _DIRECTIVE.fullmatch(m["body"])
        verb = d["verb"].lower() if d else ""
        problem = None
        rules: tuple[str, ...] | None = None
        if d is None or verb not in VERBS:
            problem = f"unknown newslint comment {m.group().strip()!r}; write 'disable=RULES' or 'disable-file=RULES'"
        elif d["rules"] is not None:
            rules = tuple(r.strip() for r in d["rules"].split(",") if r.strip())
            if not rules:
                problem = f"'{verb}=' names no rule; leave out '=' to mean every rule"
        out.append(Directive(path, line, col, end_line, end_col, verb == "disable-file", rules, problem))
    return out


@dataclass(slots=True)
class RecordIgnore:
    """A `newslint_ignore` list: the rules one article (a record, or a front-matter file) skips."""

    path: str
    line: int
    rules: frozenset[str]
    field_name: str | None
    used: set[str] = field(default_factory=set)


class Suppressions:
    """Collects the suppressions of the files read, hides the findings they cover, and reports
    the ones that hid nothing.

    `observe(article)` is called for every article the engine reads; `apply(violations)` is
    called once the run's findings are in (cross-article ones included).
    """

    def __init__(self, baseline: Baseline | None = None, rules_run: Iterable[str] = (),
                 known_rules: Iterable[str] | None = None, not_run: Iterable[str] = ()) -> None:
        self.baseline = baseline
        self.matcher = baseline.matcher() if baseline is not None else None
        # `not_run`: built-in findings hidden by --ignore (input-error) are not judged either.
        self.rules_run = (frozenset(rules_run) | BUILTIN_RULES) - frozenset(not_run)
        self.known_rules = frozenset(known_rules) | BUILTIN_RULES if known_rules is not None else None
        self.directives: dict[str, list[Directive]] = {}
        self.by_line: dict[str, dict[int, list[Directive]]] = {}
        self.whole_file: dict[str, list[Directive]] = {}
        self.ignores: dict[tuple[str, int | None], RecordIgnore] = {}
        self.suppressed = 0

    def observe(self, article: Article) -> None:
        path = article.path
        if article.ignore:
            key = (path, article.record)
            if key not in self.ignores:
                self.ignores[key] = _record_ignore(article)
        if path in self.directives:
            return
        # Records carry their own `newslint_ignore`; comments are not looked for in them.
        self._index(path, [] if format_of(path) in RECORD_FORMATS else parse_directives(path, article.source.text))

    def _index(self, path: str, found: list[Directive]) -> None:
        """A file's comments, kept by the line they govern (or the whole file)."""
        self.directives[path] = found
        for d in found:
            if d.whole_file:
                self.whole_file.setdefault(path, []).append(d)
            else:
                self.by_line.setdefault(path, {}).setdefault(d.target, []).append(d)

    def notes(self) -> tuple[dict[str, list[Directive]], dict[tuple[str, int | None], RecordIgnore]]:
        """What `observe` collected (before any finding was hidden), for `merge` elsewhere."""
        return self.directives, self.ignores

    def merge(self, directives: dict[str, list[Directive]], ignores: dict[tuple[str, int | None], RecordIgnore]) -> None:
        """Adds what another Suppressions observed (a worker's files), as if observed here."""
        for key, ignore in ignores.items():
            self.ignores.setdefault(key, ignore)
        for path, found in directives.items():
            if path not in self.directives:
                self._index(path, found)

    def _hidden(self, v: Violation) -> bool:
        if v.rule == UNUSED:
            return False
        ignore = self.ignores.get((v.path, v.record))
        if ignore is not None and v.rule in ignore.rules:
            ignore.used.add(v.rule)
            return True
        if v.record is None:
            for d in self.by_line.get(v.path, {}).get(v.line, ()):
                if d.covers(v.rule):
                    d.used.add(v.rule)
                    return True
            for d in self.whole_file.get(v.path, ()):
                if d.covers(v.rule):
                    d.used.add(v.rule)
                    return True
        return self.matcher is not None and self.matcher.take(v)

    def apply(self, violations: Iterable[Violation]) -> list[Violation]:
        """The violations no suppression covers."""
        kept = []
        for v in violations:
            if self._hidden(v):
                self.suppressed += 1
            else:
                kept.append(v)
        return kept

    def _judged(self, rule: str) -> bool:
        return rule in self.rules_run

    def _unknown(self, rule: str) -> bool:
        return self.known_rules is not None and rule not in self.known_rules

    def unused(self, checked_paths: Iterable[str]) -> list[Violation]:
        """An `unused-suppression` warning for each suppression that hid nothing in this run."""
        out: list[Violation] = []
        for found in self.directives.values():
            for d in found:
                out.extend(self._unused_directive(d))
        for ig in self.ignores.values():
            for rule in sorted(ig.rules - ig.used):
                why = self._why_unused(rule)
                if why:
                    out.append(_unused(ig.path, ig.line, 1, ig.line, 2,
                                       f"newslint_ignore lists '{rule}', {why}", ig.line if ig.field_name else None,
                                       ig.field_name))
        if self.matcher is not None:
            out.extend(self.matcher.unused(set(checked_paths), self.rules_run))
        return out

    def _why_unused(self, rule: str) -> str | None:
        if self._unknown(rule):
            return "which is not a rule (see `newslint rules`)"
        if self._judged(rule):
            return "but it hid no finding"
        return None

    def _unused_directive(self, d: Directive) -> list[Violation]:
        def at(message: str) -> Violation:
            return _unused(d.path, d.line, d.column, d.end_line, d.end_column, message)

        scope = "in this file" if d.whole_file else f"on line {d.target}"
        if d.problem:
            return [at(d.problem)]
        if d.rules is None:
            return [] if d.used else [at(f"this comment disables every rule {scope} but hid no finding")]
        out = []
        for rule in d.rules:
            if rule in d.used:
                continue
            why = self._why_unused(rule)
            if why:
                out.append(at(f"this comment disables '{rule}' {scope}, {why}"))
        return out


def _unused(path: str, line: int, column: int, end_line: int, end_column: int, message: str,
            record: int | None = None, field_name: str | None = None) -> Violation:
    return Violation(path, line, column, end_line, end_column, UNUSED, UNUSED_SEVERITY, message,
                     record, field_name)


def _record_ignore(article: Article) -> RecordIgnore:
    if article.record is not None:
        return RecordIgnore(article.path, article.record, article.ignore, "newslint_ignore")
    # Front matter: point at the key's own line.
    text = article.source.text
    at = text.find("newslint_ignore")
    line = article.source.lines.position(at)[0] if at >= 0 and article.source.lines else 1
    return RecordIgnore(article.path, line, article.ignore, None)
