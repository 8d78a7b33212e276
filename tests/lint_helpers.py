"""Run newslint in-process on a text, as the CLI would, with chosen rules: for rule cases."""

from __future__ import annotations

from typing import Any

from newslint.article import Violation
from newslint.config import ProjectConfig, load_rules, rule_from_data, select_rules
from newslint.engine import Engine
from newslint.readers import format_of, read_bytes

_RULES = None


def default_rules():
    global _RULES
    if _RULES is None:
        _RULES = {r.name: r for r in load_rules(ProjectConfig())}
    return _RULES


def rule_with(name: str, options: dict[str, Any] | None = None):
    rule = default_rules()[name]
    if not options:
        return rule
    import yaml

    data = yaml.safe_load(open(rule.path, encoding="utf-8"))
    return rule_from_data(data, rule.path, options)


def lint_text(text: str, filename: str = "article.txt", rules=None, aliases=None) -> list[Violation]:
    """Violations for one file's content; `rules` defaults to every default rule."""
    rules = rules if rules is not None else select_rules(list(default_rules().values()), [], [])
    engine = Engine(list(rules), aliases or {})
    fmt = format_of(filename) or ".txt"
    out = list(engine.check_items(read_bytes(filename, text.encode("utf-8"), fmt, aliases or {})))
    out += engine.finish()
    return sorted(out, key=Violation.sort_key)


def fix_text(text: str, filename: str = "article.txt", rules=None) -> tuple[str, int]:
    """The file's content after `--fix` (safe fixes) with these rules, and the fixed count, as
    the fixer computes them, in memory."""
    from newslint.workflow.fix import fix_file

    rules = rules if rules is not None else select_rules(list(default_rules().values()), [], [])
    engine = Engine(list(rules), {}, cross_article=False)
    fmt = format_of(filename) or ".txt"

    def relint(display: str, data: bytes) -> list[Violation]:
        return list(engine.check_items(read_bytes(display, data, fmt, {})))

    data = text.encode("utf-8")
    result = fix_file(None, filename, relint(filename, data), relint, data=data)
    return result.after, result.fixed
