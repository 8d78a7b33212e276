"""Variant groups for `inconsistent-romanisation`: spellings of one name that folding cannot join.

A dictionary file is YAML with a `groups` list (and no top-level `check:` key, so it is never
taken for a rule):

    groups:
      - forms: [Zelensky, Zelenskyy, Zelenskiy]
        note: Volodymyr Zelensky, president of Ukraine
      - forms: [Kyiv, Kiev]
        preferred: Kyiv          # used only with the rule's `house-style: true`
      - [Odesa, Odessa]          # a bare list is a group without note or preference

All groups are put in one index keyed by the folded spelling (see newslint.text.names), so looking a
name up costs one hash probe per name candidate in the article, whatever the size of the
dictionary. Groups that share a spelling are merged (a user's group extends a shipped one).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .text.names import candidates, fold_text, shape
from .yamlload import ConfigError, LineDict, LineList, load_yaml, read_rule_text


@dataclass(frozen=True, slots=True)
class VariantGroup:
    forms: tuple[str, ...]
    preferred: str | None = None
    note: str | None = None
    origin: str = ""  # "file:line", for error messages and `newslint explain`


def check_form(form: str) -> str | None:
    """Why a form could never be matched in an article, or None when it can be."""
    if not form.strip():
        return "an empty form"
    for c in candidates("form", form):
        if c.start == 0 and c.end == len(form):
            return None
    return (
        f"{form!r} is not a name newslint can find: a form is capitalised words (with name particles "
        "such as 'al-' or 'bin'), joined by single spaces or hyphens, and not starting with a title "
        "or function word"
    )


def group_from_data(item: Any, where: str, line: int | None) -> VariantGroup:
    if isinstance(item, list):
        item = {"forms": item}
    if not isinstance(item, dict):
        raise ConfigError(where, line, "groups", "a group is a mapping with 'forms' (or a list of forms)")
    unknown = set(item) - {"forms", "preferred", "note"}
    if unknown:
        key = min(unknown)
        raise ConfigError(where, _key_line(item, key, line), key, "unknown key; a group has forms, preferred, note")
    forms = item.get("forms")
    if not isinstance(forms, list) or len(forms) < 2 or not all(isinstance(f, str) for f in forms):
        raise ConfigError(
            where, _key_line(item, "forms", line), "forms", "a group needs a list of at least two spellings"
        )
    for form in forms:
        problem = check_form(form)
        if problem:
            raise ConfigError(where, _key_line(item, "forms", line), "forms", problem)
    if len({f.strip() for f in forms}) < len(forms):
        raise ConfigError(where, _key_line(item, "forms", line), "forms", "a spelling is listed twice")
    preferred = item.get("preferred")
    if preferred is not None and preferred not in forms:
        raise ConfigError(
            where, _key_line(item, "preferred", line), "preferred", f"{preferred!r} is not one of the group's forms"
        )
    note = item.get("note")
    return VariantGroup(
        tuple(f.strip() for f in forms), preferred, str(note) if note is not None else None, f"{where}:{line or 1}"
    )


def _key_line(item: Any, key: str, default: int | None) -> int | None:
    if isinstance(item, LineDict):
        return item.key_lines.get(key, default)
    return default


def read_dictionary(path: Path) -> list[VariantGroup]:
    where = str(path)
    try:
        text = read_rule_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(where, None, None, f"cannot read romanisation dictionary: {exc}") from None
    data = _fast_load(text)
    try:
        return _groups_of(data, where)
    except ConfigError:
        # Parse again, slowly, keeping the line of every key, to say where the mistake is.
        return _groups_of(load_yaml(text, where), where)


def _fast_load(text: str) -> Any:
    """Dictionaries can hold thousands of groups: parse with libyaml when it is there (ten times
    faster than the pure-Python loader that remembers lines)."""
    import yaml  # imported when rules load, not on a run the rule cache answers

    from .yaml_bounds import BoundedCSafeLoader

    loader = BoundedCSafeLoader
    if loader is None:
        return None
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError:
        return None


def _groups_of(data: Any, where: str) -> list[VariantGroup]:
    if data is None:
        raise ConfigError(where, None, None, "empty or unreadable romanisation dictionary")
    if not isinstance(data, dict) or "groups" not in data:
        raise ConfigError(
            where, getattr(data, "line", None), "groups", "a romanisation dictionary is a mapping with a 'groups' list"
        )
    if "check" in data:
        raise ConfigError(
            where,
            _key_line(data, "check", None),
            "check",
            "a dictionary must not have a 'check' key (it would be read as a rule)",
        )
    items = data["groups"]
    if not isinstance(items, list):
        raise ConfigError(where, _key_line(data, "groups", None), "groups", "'groups' must be a list")
    lines = items.item_lines if isinstance(items, LineList) else [None] * len(items)
    return [group_from_data(item, where, line) for item, line in zip(items, lines)]


class VariantIndex:
    """Every group's spellings in one hash index: folded spelling -> group number."""

    def __init__(self, groups: list[VariantGroup]) -> None:
        parent = list(range(len(groups)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        first_owner: dict[str, int] = {}
        for i, group in enumerate(groups):
            for form in group.forms:
                key = fold_text(form)
                if key in first_owner:
                    parent[root(i)] = root(first_owner[key])
                else:
                    first_owner[key] = i
        merged: dict[int, list[int]] = {}
        for i in range(len(groups)):
            merged.setdefault(root(i), []).append(i)
        self.groups: list[VariantGroup] = []
        self.group_of: dict[str, int] = {}
        # Lowercase spellings as listed: two listed spellings of one folded key are variants even
        # where the rule would not join them by itself ("Fukushima Daiichi" / "Dai-ichi").
        self.listed: frozenset[str] = frozenset(shape(f).low for g in groups for f in g.forms)
        for members in merged.values():
            forms: list[str] = []
            preferred = None
            notes = []
            for i in members:
                g = groups[i]
                forms += [f for f in g.forms if f not in forms]
                preferred = g.preferred or preferred  # the later file (the user's) wins
                if g.note:
                    notes.append(g.note)
            number = len(self.groups)
            self.groups.append(
                VariantGroup(tuple(forms), preferred, "; ".join(notes) or None, groups[members[0]].origin)
            )
            for form in forms:
                self.group_of[fold_text(form)] = number

    def __len__(self) -> int:
        return len(self.groups)
