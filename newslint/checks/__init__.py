"""The registry of check kinds. A rule file's `check:` names one of these.

Each kind is a module with:
  Options       a CheckOptions model of the kind's own keys in a rule file
  MESSAGE_ARGS  the names a rule's message template may use
  check(article, options) -> iterable of Finding
and, for a kind that must see the whole input before it can decide (site boilerplate),
  Corpus(options) with observe(article) and findings() -> iterable of (Place, args, snippet).
The engine knows nothing else of any kind.
"""

from __future__ import annotations

from types import ModuleType

from . import pattern, substitution

KINDS: dict[str, ModuleType] = {
    "pattern": pattern,
    "substitution": substitution,
}
