"""What a formatter is given besides the violations: the run's counts, its rules and files."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import Rule

# Findings the engine and readers make themselves, not any rule file: their metadata for the
# formats that describe every rule they report (SARIF) and for `newslint rule NAME`.
BUILTIN_RULES: dict[str, tuple[str, str]] = {
    "input-error": (
        "error",
        ("The input could not be read as it should: invalid UTF-8, a binary file, a malformed JSON "
         "line, a CSV row with the wrong number of fields, data that cannot be decompressed. The "
         "other records of the same file are still checked."),
    ),
    "check-error": (
        "error",
        ("A rule's check failed on this article (a bug in the check, not in the article). The other "
         "rules still ran; please report it with the article that caused it."),
    ),
}


@dataclass(frozen=True, slots=True)
class Report:
    files: int
    articles: int
    rules: list[Rule] = field(default_factory=list)
    color: bool = False
    quiet: bool = False
    paths: tuple[str, ...] = ()  # the files checked, as shown (JUnit lists the clean ones too)

    def rule(self, name: str) -> Rule | None:
        for r in self.rules:
            if r.name == name:
                return r
        return None
