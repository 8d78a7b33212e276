"""`newslint rule NAME`: what a rule looks for, how it is set up, and what it flags.

Reads only the loaded Rule (its YAML and its kind's Options model); prints nothing itself.
"""

from __future__ import annotations

import difflib
import json
import os
from typing import Any

from pydantic_core import PydanticUndefined

from .builtin_rules import BUILTIN_RULES
from .config import Example, Rule


def near_names(name: str, names: list[str]) -> list[str]:
    """Rule names a mistyped one may have meant: close spellings, then names sharing a word."""
    close = difflib.get_close_matches(name, names, n=5, cutoff=0.5)
    words = set(name.split("-"))
    sharing = [n for n in sorted(names) if n not in close and words & set(n.split("-"))]
    return (close + sharing)[:5]


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _same(default: Any, value: Any) -> bool:
    # model_dump gives lists where a default may be a tuple or a set.
    if isinstance(default, tuple) and isinstance(value, list):
        return list(default) == value
    if isinstance(default, (set, frozenset)) and isinstance(value, (list, set, frozenset)):
        return set(default) == set(value)
    return default == value


def _options(rule: Rule) -> list[str]:
    model = type(rule.options)
    values = rule.options.model_dump(by_alias=True)
    width = max((len(k) for k in values), default=0)
    lines = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        value = values.get(key, getattr(rule.options, name))
        default = info.get_default(call_default_factory=True)
        note = "  (default)" if default is not PydanticUndefined and _same(default, value) else ""
        line = f"  {(key + ':').ljust(width + 1)} {_value(value)}{note}"
        if info.description:
            line += f"\n  {' ' * (width + 2)}{info.description}"
        lines.append(line)
    return lines or ["  (none)"]


def _example(example: Example | str) -> str:
    if isinstance(example, str):
        return _indent_item(example)
    meta = [f"{k}: {v}" for k, v in example.model_dump(exclude={"text"}).items() if v]
    body = _indent_item(example.text)
    return body + "".join(f"\n      ({m})" for m in meta)


def _indent_item(text: str) -> str:
    lines = text.rstrip("\n").splitlines() or [""]
    return "\n".join(["  - " + lines[0], *("    " + line for line in lines[1:])])


def _shown(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def describe(rule: Rule, active: bool = True) -> str:
    state = ""
    if not rule.enabled:
        state = " (disabled by default: `enabled: false`; turn it on with --select or `select`)"
    elif not active:
        state = " (not active here: select or ignore leaves it out)"
    out = [
        f"{rule.name}{state}",
        "",
        f"severity: {rule.severity}",
        f"check:    {rule.check}",
        f"message:  {rule.message}",
        f"file:     {_shown(rule.path)}",
        "",
        rule.description.strip(),
        "",
        "Options in effect:",
        *_options(rule),
    ]
    if rule.examples.flagged:
        out += ["", "Flagged:", *(_example(e) for e in rule.examples.flagged)]
    if rule.examples.clean:
        out += ["", "Not flagged:", *(_example(e) for e in rule.examples.clean)]
    return "\n".join(out) + "\n"


def describe_builtin(name: str) -> str:
    severity, description = BUILTIN_RULES[name]
    return f"{name} (built in: reported by newslint itself, not a rule file)\n\nseverity: {severity}\n\n{description}\n"
