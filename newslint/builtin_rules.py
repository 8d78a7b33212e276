"""Findings the engine and readers make themselves, not any rule file."""

from __future__ import annotations

# Their metadata, for the formats that describe every rule they report (SARIF) and for
# `newslint rule NAME`.
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
    "unused-suppression": (
        "warning",
        ("Reported with --report-unused: a `newslint: disable` comment, a `newslint_ignore` entry or a "
         "baseline entry that hid nothing in this run, or one that names no rule. Remove it, or it will "
         "hide a new finding later."),
    ),
}

# The rule of a suppression that hid nothing: suppression comments and baseline entries both
# report it, so it lives here rather than in either.
UNUSED = "unused-suppression"
UNUSED_SEVERITY = BUILTIN_RULES[UNUSED][0]
