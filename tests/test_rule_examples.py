"""Every rule file's `examples` are run: `flagged` texts must be reported, `clean` ones not.
So are the examples of every promo phrase list (rules/promo/*.yaml), with the shipped
promo-block rule (which loads every list)."""

from __future__ import annotations

import pytest
from lint_helpers import default_rules

from newslint.config import default_rules_dir
from newslint.promo_phrases import read_phrase_list
from newslint.rule_examples import findings_for


def _examples():
    for rule in default_rules().values():
        for i, ex in enumerate(rule.examples.flagged):
            yield pytest.param(rule.name, ex, True, id=f"{rule.name}:flagged[{i}]")
        for i, ex in enumerate(rule.examples.clean):
            yield pytest.param(rule.name, ex, False, id=f"{rule.name}:clean[{i}]")
    for path in sorted((default_rules_dir() / "promo").glob("*.yaml")):
        phrases = read_phrase_list(path)
        for i, ex in enumerate(phrases.flagged):
            yield pytest.param("promo-block", ex, True, id=f"promo/{path.stem}:flagged[{i}]")
        for i, ex in enumerate(phrases.clean):
            yield pytest.param("promo-block", ex, False, id=f"promo/{path.stem}:clean[{i}]")


@pytest.mark.parametrize(("name", "example", "flagged"), list(_examples()))
def test_rule_example(name, example, flagged) -> None:
    found = findings_for(default_rules()[name], example)
    assert "check-error" not in {v.rule for v in found}
    assert bool(found) == flagged, [(v.line, v.column, v.message) for v in found]


def test_every_shipped_phrase_list_is_loaded_and_has_examples() -> None:
    shipped = sorted(p.name for p in (default_rules_dir() / "promo").glob("*.yaml"))
    loaded = sorted(n.split("/")[-1] for n in default_rules()["promo-block"].options.phrase_lists)
    assert shipped == loaded
    for name in shipped:
        phrases = read_phrase_list(default_rules_dir() / "promo" / name)
        assert len(phrases.flagged) >= 2 and len(phrases.clean) >= 3, name
