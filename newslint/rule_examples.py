"""A rule's `examples`: the texts it must report (`flagged`) and must not (`clean`), run
against the rule alone. `newslint rules --check` and the test suite both run them here, so
an example means the same to a rule author and to CI."""

from __future__ import annotations

import os
from dataclasses import dataclass

from .article import Violation
from .config import Example, Rule
from .engine import Engine
from .readers import read_bytes


def example_article(example: Example | str) -> str:
    """The seed-format article an example stands for: a headline and date line, the example's
    other fields as header lines, then its text as the body."""
    if isinstance(example, str):
        return f"Example headline    DATE: 2024-01-01 00:00:00\n\n{example}\n"
    header = f"{example.title or 'Example headline'}    DATE: {example.published or '2024-01-01 00:00:00'}\n"
    for key in ("url", "source", "modified", "description"):
        value = getattr(example, key)
        if value:
            header += f"{key.capitalize()}: {value}\n"
    return header + "\n" + example.text + ("\n" if not example.text.endswith("\n") else "")


def findings_for(rule: Rule, example: Example | str) -> list[Violation]:
    """What the rule alone reports on the example's article (a check-error included)."""
    engine = Engine([rule])
    found = list(engine.check_items(read_bytes("example.txt", example_article(example).encode("utf-8"), ".txt", {})))
    found += engine.finish()
    return [v for v in found if v.rule in (rule.name, "check-error")]


@dataclass(frozen=True, slots=True)
class WrongExample:
    rule: Rule
    key: str  # "examples.flagged[0]"
    problem: str
    file: str | None = None  # the file the example comes with, when not the rule file (a phrase list)

    def line(self) -> str:
        path = os.path.relpath(self.file or self.rule.path)
        path = (self.file or self.rule.path) if path.startswith("..") else path
        line = None if self.file else self.rule.example_line(self.key)
        where = f"{path}:{line}" if line else path
        return f"{where}: {self.rule.name}: {self.key} {self.problem}"


def _shown(text: str, limit: int = 60) -> str:
    one_line = " ".join(text.split())
    return repr(one_line if len(one_line) <= limit else one_line[: limit - 3] + "...")


def check_examples(rules: list[Rule]) -> tuple[list[WrongExample], int]:
    """Every wrong example of these rules, and how many examples there were."""
    wrong: list[WrongExample] = []
    total = 0
    for rule in sorted(rules, key=lambda r: r.name):
        sets = [(None, rule.examples.flagged, rule.examples.clean), *rule.options.bundled_examples()]
        for file, flagged, clean in sets:
            for which, must_report, examples in (("flagged", True, flagged), ("clean", False, clean)):
                for i, example in enumerate(examples):
                    total += 1
                    problem = _problem(rule, example, must_report)
                    if problem:
                        wrong.append(WrongExample(rule, f"examples.{which}[{i}]", problem, file))
    return wrong, total


def _problem(rule: Rule, example: Example | str, must_report: bool) -> str | None:
    """What is wrong with one example, or None."""
    found = findings_for(rule, example)
    failed = [v for v in found if v.rule == "check-error"]
    if failed:
        return f"could not be checked: {failed[0].message}"
    if must_report and not found:
        return f"is not reported: {_shown(example if isinstance(example, str) else example.text)}"
    if not must_report and found:
        return f"is reported at {found[0].line}:{found[0].column}: {found[0].message}"
    return None


def report(wrong: list[WrongExample], total: int, rules: int) -> str:
    lines = [w.line() for w in wrong]
    rule_word = "rule" if rules == 1 else "rules"
    if wrong:
        bad_rules = len({w.rule.name for w in wrong})
        lines.append(f"{len(wrong)} of {total} examples wrong, in {bad_rules} of {rules} {rule_word}.")
    else:
        lines.append(f"All {total} examples of {rules} {rule_word} are right.")
    return "\n".join(lines) + "\n"
