"""The deadline every user pattern runs under (newslint/text/bounded_regex.py): one budget of
CPU time per field of an article, a megabyte's worth more for each megabyte of a long field,
and no single call longer than `regex-timeout`. (What a user sees of it, the check-error, is
tested end to end in test_regex_timeouts.py.)"""

from __future__ import annotations

import time

import pytest
import regex

from newslint.text.bounded_regex import BoundedPattern, Deadline, RegexTimeout

BACKTRACKS = regex.compile(r"(?:\w+ ?){1,20}(?:desk|team)")
SENTENCE = "Seoul housing prices rise for a third week as buyers return to the capital's apartment market."


def _spend(seconds: float) -> None:
    """Use this much CPU time (the deadline counts CPU time, so a loaded machine changes nothing)."""
    until = time.process_time() + seconds
    while time.process_time() < until:
        pass


def test_the_budget_is_shared_by_every_call_on_the_field():
    deadline = Deadline(0.05)
    with pytest.raises(RegexTimeout, match=r"regex-timeout \(0\.05 s\) on the body"):
        with deadline.on("body", len(SENTENCE)):
            _spend(0.06)  # the rule's other calls on this field took the budget
            deadline.left()


def test_a_field_over_a_megabyte_gets_the_limit_once_a_megabyte_but_no_call_more_than_the_limit():
    deadline = Deadline(0.05)
    with deadline.on("body", 3_000_000):
        _spend(0.06)
        assert deadline.left() == 0.05  # 0.09 s of 0.15 s left, but one call gets at most 0.05
    with pytest.raises(RegexTimeout, match=r"on the body and were stopped"):
        with deadline.on("body", 3_000_000):
            _spend(0.16)
            deadline.left()


def test_a_backtracking_call_is_stopped_and_named_for_its_field():
    deadline = Deadline(0.05)
    pattern = BoundedPattern(BACKTRACKS, deadline)
    with pytest.raises(RegexTimeout) as stopped:  # unbounded, the search runs for more than 5 s
        with deadline.on("description", len(SENTENCE)):
            pattern.search(SENTENCE)
    assert str(stopped.value) == (
        "its patterns ran past regex-timeout (0.05 s) on the description and were stopped; "
        "a nested repeat such as (a+)+ can take exponential time")


def test_the_calls_answer_as_the_regex_module_does():
    pattern = BoundedPattern(regex.compile(r"newsletter|briefing", regex.I), Deadline(1.0))
    line = "Sign up for our Morning Briefing and the weekly newsletter."
    with pattern.deadline.on("body", len(line)):
        assert pattern.search(line).span() == (24, 32)
        assert pattern.search(line, 30).group() == "newsletter"
        assert pattern.match(line) is None and pattern.match(line, 24).group() == "Briefing"
        assert pattern.fullmatch("briefing") is not None and pattern.fullmatch(line) is None
        assert [m.group() for m in pattern.finditer(line, 0, 40)] == ["Briefing"]


def test_outside_a_field_each_call_gets_the_whole_limit():
    deadline = Deadline(0.25)
    assert deadline.left() == 0.25
    _spend(0.3)
    assert deadline.left() == 0.25
