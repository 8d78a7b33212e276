"""What a formatter is given besides the violations: the run's counts, its rules and files."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..article_log import ArticleLog
from ..config import Rule


@dataclass(frozen=True, slots=True)
class Report:
    files: int
    articles: int
    rules: list[Rule] = field(default_factory=list)
    color: bool = False
    quiet: bool = False
    paths: tuple[str, ...] = ()  # the files checked, as shown (JUnit lists the clean ones too)
    skipped: int = 0  # pages that hold no article, not linted
    articles_log: ArticleLog | None = None  # each article's source, date and title (for --format html)

    def rule(self, name: str) -> Rule | None:
        for r in self.rules:
            if r.name == name:
                return r
        return None
