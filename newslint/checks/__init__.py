"""The registry of check kinds. A rule file's `check:` names one of these.

Each kind is a module with:
  Options       a CheckOptions model of the kind's own keys in a rule file
  MESSAGE_ARGS  the names a rule's message template may use
  check(article, options) -> iterable of Finding
and, for a kind that must see the whole input before it can decide (site boilerplate),
  Corpus(options) with observe(article) and findings() -> iterable of (Place, args, snippet);
  observe(article) is fold(note(article)): `note` gives what one article adds (hashes and places,
  picklable, no text; None for nothing) and `fold` adds it, so a parallel run notes in workers
  and folds in the parent, in the serial run's order. Optionally partition(article) -> str |
  None: articles of different partitions never meet in its state (None: it ignores the
  article), so a distributed run groups the input by it.
The engine knows nothing else of any kind.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    date_mismatch,
    duplicated_caption,
    duplicated_paragraph,
    empty_html_tag,
    inconsistent_romanisation,
    pattern,
    promo_block,
    substitution,
)

KINDS: dict[str, ModuleType] = {
    "date-mismatch": date_mismatch,
    "pattern": pattern,
    "promo-block": promo_block,
    "substitution": substitution,
    "empty-html-tag": empty_html_tag,
    "duplicated-caption": duplicated_caption,
    "duplicated-paragraph": duplicated_paragraph,
    "inconsistent-romanisation": inconsistent_romanisation,
}
