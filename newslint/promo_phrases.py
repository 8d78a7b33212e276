"""Phrase lists for `promo-block`, one YAML file a language (rules/promo/*.yaml).

A phrase list has the groups the rule has (and no top-level `check:` key, so it is never taken
for a rule):

    language: German
    labels:                     # signal name -> patterns of a widget label (whole line or its opening)
      related-article label: ["lesen sie auch", "mehr zum thema"]
    pitches:                    # anywhere in a line, outside quotation marks
      newsletter pitch: ["abonnieren sie unseren [\\w -]{0,30}newsletter"]
    calls-to-action:            # an imperative opening a paragraph
      call to action: ["jetzt abonnieren"]
    pitch-not-after: [die, wer] # a pitch after one of these words is reporting
    examples:                   # run by the test suite with the shipped rule
      flagged: ["..."]
      clean: ["..."]

Signal names are shared across languages ("related-article label"), so the rule's message
reads the same whatever the language of the page. Files are read once per run; every file's
patterns go into the rule's compiled alternations (see checks/promo_block.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from .yamlload import ConfigError, LineDict, LineList, first_file, load_yaml, read_rule_text

GROUPS = ("labels", "pitches", "calls-to-action")
KEYS = ("language", *GROUPS, "pitch-not-after", "examples")


@dataclass(frozen=True, slots=True)
class PhraseList:
    language: str
    path: str
    labels: dict[str, list[str]] = field(default_factory=dict)
    pitches: dict[str, list[str]] = field(default_factory=dict)
    calls_to_action: dict[str, list[str]] = field(default_factory=dict)
    pitch_not_after: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)
    clean: list[str] = field(default_factory=list)


def read_phrase_list(path: Path) -> PhraseList:
    where = str(path)
    try:
        text = read_rule_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(where, None, None, f"cannot read promo phrase list: {exc}") from None
    import yaml  # imported when rules load, not on a run the rule cache answers

    from .yaml_bounds import BoundedCSafeLoader

    loader = BoundedCSafeLoader
    data = None
    if loader is not None:
        try:
            data = yaml.load(text, Loader=loader)
        except yaml.YAMLError:
            data = None
    if data is not None:
        try:
            return _phrase_list(data, where)
        except ConfigError:
            pass
    # Parse again, slowly, keeping the line of every key, to say where the mistake is.
    return _phrase_list(load_yaml(text, where), where)


def _line(node: Any, key: Any = None) -> int | None:
    if key is not None and isinstance(node, LineDict):
        return node.key_lines.get(key, node.line)
    return getattr(node, "line", None)


def _strings(value: Any, where: str, node: Any, key: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(where, _line(node, key.split(".")[-1]), key, "expected a list of strings")
    return list(value)


def _patterns(data: Any, group: str, where: str) -> dict[str, list[str]]:
    value = data.get(group)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(where, _line(data, group), group, "expected a mapping of signal name -> list of patterns")
    out: dict[str, list[str]] = {}
    for signal, patterns in value.items():
        key = f"{group}.{signal}"
        if not isinstance(signal, str) or not signal.strip():
            raise ConfigError(where, _line(value, signal), key, "a signal name is a non-empty string")
        items = _strings(patterns, where, value, key)
        lines = patterns.item_lines if isinstance(patterns, LineList) else [_line(value, signal)] * len(items)
        for i, (p, line) in enumerate(zip(items, lines)):
            problem = pattern_problem(p)
            if problem:
                raise ConfigError(where, line, f"{key}[{i}]", problem)
        out[signal] = items
    return out


def pattern_problem(pattern: str) -> str | None:
    """Why a phrase pattern cannot be used, or None."""
    if not pattern.strip():
        return "an empty pattern would match every line"
    # the standard library's parser checks hundreds of patterns several times faster than the
    # `regex` module's; a pattern only `regex` understands is checked by `regex`
    try:
        compiled: Any = re.compile(pattern, re.IGNORECASE)
    except re.error:
        try:
            compiled = regex.compile(pattern, regex.IGNORECASE | regex.V0)
        except regex.error as exc:
            return f"invalid regular expression {pattern!r}: {exc}"
    if compiled.match("") is not None:
        return f"pattern {pattern!r} matches the empty string"
    return None


def _phrase_list(data: Any, where: str) -> PhraseList:
    if not isinstance(data, dict):
        raise ConfigError(where, _line(data), None, "a promo phrase list is a YAML mapping with 'language' and phrase groups")
    if "check" in data:
        raise ConfigError(where, _line(data, "check"), "check", "a phrase list must not have a 'check' key (it would be read as a rule)")
    for key in data:
        if key not in KEYS:
            raise ConfigError(where, _line(data, key), str(key), f"unknown key; a phrase list has {', '.join(KEYS)}")
    language = data.get("language")
    if not isinstance(language, str) or not language.strip():
        raise ConfigError(where, _line(data, "language") or _line(data), "language", "required: the language's name (a string)")
    if not any(data.get(g) for g in GROUPS):
        raise ConfigError(where, _line(data), None, f"a phrase list needs at least one of {', '.join(GROUPS)}")
    not_after = _strings(data.get("pitch-not-after") or [], where, data, "pitch-not-after")
    examples = data.get("examples") or {}
    if not isinstance(examples, dict) or set(examples) - {"flagged", "clean"}:
        raise ConfigError(where, _line(data, "examples"), "examples", "expected a mapping with 'flagged' and 'clean' lists of texts")
    flagged = _strings(examples.get("flagged") or [], where, examples, "examples.flagged")
    clean = _strings(examples.get("clean") or [], where, examples, "examples.clean")
    return PhraseList(
        language.strip(), where, _patterns(data, "labels", where), _patterns(data, "pitches", where),
        _patterns(data, "calls-to-action", where), not_after, flagged, clean,
    )


def resolve(name: str, rule_dir: Path | None, rule_path: str | None, key: str) -> Path:
    """A phrase list named relative to the rule file, else to the folder newslint runs in."""
    path = Path(name)
    tries = [path] if path.is_absolute() else ([rule_dir / path] if rule_dir else []) + [Path.cwd() / path]
    found = first_file(tries)
    if found is not None:
        return found
    raise ConfigError(
        rule_path or "<rule>", None, key,
        f"no such promo phrase list: {name} (looked in {', '.join(str(t.parent) for t in tries)})",
    )
