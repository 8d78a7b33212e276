"""Articles and rules written for the integration tests (output formats, explaining, pre-commit,
config and rule files, --fix, baselines, the caches), and the helpers that write them into a test's
project folder.

The rules are plain `pattern` and `substitution` rules written here, so these tests exercise the
formats and the command line whatever the shipped rule set holds at the time.
"""

from __future__ import annotations

import json
from pathlib import Path

from inprocess_cli import cli

RULES = {
    "newsletter-promo.yaml": """\
name: newsletter-promo
check: pattern
severity: warning
message: "Newsletter call-to-action saved with the story: '{match}'"
description: |
  A newsletter sign-up line saved as part of the article body. Scrapers that keep the whole
  article container pick these up from the page template.
phrases: ["Subscribe to our newsletter", "Sign up for our morning briefing"]
ignore-case: true
examples:
  flagged:
    - "Rain is expected over the weekend. Subscribe to our newsletter for the forecast."
  clean:
    - "The council voted to subscribe the town to the regional water scheme."
""",
    "placeholder-text.yaml": """\
name: placeholder-text
check: pattern
severity: error
message: "Placeholder text instead of the story: '{match}'"
description: Template filler (lorem ipsum) saved where the article text should be.
phrases: ["lorem ipsum"]
ignore-case: true
""",
    "click-here.yaml": """\
name: click-here
check: pattern
severity: info
message: "Link text left from the page: '{match}'"
description: A 'click here' link label left in the text when the link itself was dropped.
phrases: ["click here"]
ignore-case: true
""",
}
SELECT = "newsletter-promo,placeholder-text,click-here"

FLOOD = """\
Council approves flood defence budget \u00a0  DATE: 2024-03-05 09:12:44
URL: https://example.org/local/flood-budget

The county council approved a 4.2 million pound budget for flood defences on Tuesday.
Work on the river wall is due to start in June, the council's engineer said.
Subscribe to our newsletter for weekly updates on local politics.
Residents can click here to read the full report.
"""

CLEAN = """\
Library extends weekend opening hours      DATE: 2024-03-06 14:30:00

The central library will open on Sundays from April, the city's culture office said.
Staff numbers will rise by four to cover the extra hours.
"""

FILLER = """\
Lorem ipsum dolor sit amet      DATE: 2024-03-07 08:00:00

Lorem ipsum dolor sit amet, consectetur adipiscing elit.
"""

RECORDS = [
    {"title": "Port strike ends after two weeks", "date_publish": "2024-02-01 07:45:00",
     "url": "https://example.org/business/port-strike",
     "maintext": "Dock workers returned on Monday after a two-week strike. "
                 "Subscribe to our newsletter for more business news."},
    {"title": "New tram line opens", "date_publish": "2024-02-02 10:00:00",
     "url": "https://example.org/transport/tram",
     "maintext": "The first passengers rode the new tram line on Friday morning."},
]


def write(path: Path, text: str) -> Path:
    """Writes the text as UTF-8, making the folders above it; returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Writes each file, named by its path under root (folders made as needed); returns root."""
    for name, text in files.items():
        write(root / name, text)
    return root


def write_rules(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in RULES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def write_articles(folder: Path) -> Path:
    """articles/: a defective .txt, a clean .txt, a filler .txt and a news-please JSONL batch
    whose third line is broken (an input-error)."""
    articles = folder / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    (articles / "flood-budget.txt").write_text(FLOOD, encoding="utf-8")
    (articles / "library-hours.txt").write_text(CLEAN, encoding="utf-8")
    (articles / "filler.txt").write_text(FILLER, encoding="utf-8")
    lines = [json.dumps(r, ensure_ascii=False) for r in RECORDS] + ['{"title": "Cut off", "maintext": "The ']
    (articles / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return articles


def project(folder: Path) -> Path:
    """A folder holding rules/ and articles/, with a newslint.yaml that adds the rules."""
    write_rules(folder / "rules")
    write_articles(folder)
    (folder / "newslint.yaml").write_text("rules: [rules]\n", encoding="utf-8")
    return folder


# A user's own `substitution` rule, for the suppression, baseline, cache and --fix tests.
SPELLING_RULE = """\
name: busan-spelling
check: substitution
severity: warning
message: "Use '{replacement}' instead of '{match}'"
description: The house style writes the port city as Busan.
swap:
  Pusan: Busan
"""


def spelling_project(folder: Path, config: str = "rules: [rules]\n", files: dict[str, str] | None = None) -> Path:
    """A folder whose newslint.yaml (`config`) adds rules/busan-spelling.yaml (SPELLING_RULE),
    with any further files written under it."""
    return write_files(folder, {"rules/busan-spelling.yaml": SPELLING_RULE, "newslint.yaml": config, **(files or {})})


# For the config and rule-file tests: a ferry story with template filler left in it (line 3,
# column 38), a user's `pattern` rule that finds the filler, and a `substitution` rule of the
# house style (the tests add examples and mistakes to these rules).
FERRY = (
    "Ferry services resume after storm \u00a0DATE: 2024-03-02 07:00:00\n\n"
    "Ferries to Jeju resumed on Saturday, lorem ipsum the operator said.\n"
)
LOREM_RULE = """\
name: no-lorem-ipsum
check: pattern
severity: warning
message: "Placeholder text left in the article: '{match}'"
description: Lorem ipsum filler saved instead of the story.
phrases: ["lorem ipsum"]
ignore-case: true
"""
CITIES_RULE = """\
name: house-city-names
check: substitution
severity: info
message: "Write '{replacement}', not '{match}'"
description: The house style spells city names one way.
swap:
  Pusan: Busan
"""


def stop_message(folder: Path, files: dict[str, str]) -> str:
    """What `newslint a.txt` prints to stderr in a folder of these files and the ferry story
    (a.txt) when a mistake in them stops the run: it must exit 2 and print nothing to stdout."""
    write_files(folder, {"a.txt": FERRY, **files})
    proc = cli("a.txt", cwd=folder)
    assert (proc.returncode, proc.stdout) == (2, ""), proc.stdout + proc.stderr
    return proc.stderr
