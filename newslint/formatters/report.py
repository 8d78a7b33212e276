"""What a formatter is given besides the violations: the run's counts and its rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import Rule


@dataclass(frozen=True, slots=True)
class Report:
    files: int
    articles: int
    rules: list[Rule] = field(default_factory=list)
    color: bool = False
    quiet: bool = False
