"""A baseline: findings accepted once, hidden from later runs until they change.

An entry is keyed on the file's path (relative to the baseline file's folder, so the baseline
works from any current folder), the rule, and a hash of the flagged text with its white space
collapsed. Line numbers are not in the key: an edit elsewhere in the file moves a finding
without bringing it back. The same text flagged twice by one rule in one file is one entry
with `count: 2`; a third copy added later is reported.

The file is JSON with one entry a line, so a review diff shows which findings were accepted
and `--report-unused` can point at the line of an entry that no longer matches anything:

    {"newslint-baseline": 1, "findings": [
    {"path": "seeds/a.txt", "rule": "empty-html-tag", "hash": "3c1f...", "count": 1, "text": "<em></em>"}
    ]}

`text` is the start of the flagged text, for the reader only; matching uses `hash`.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..article import Violation
from ..builtin_rules import UNUSED, UNUSED_SEVERITY
from ..yamlload import ConfigError
from .atomic_write import write_atomically

FORMAT_KEY = "newslint-baseline"
FORMAT_VERSION = 1
TEXT_SHOWN = 60

Key = tuple[str, str, str]  # (path relative to the baseline, rule, hash)


def text_hash(snippet: str) -> str:
    """A hash of the flagged text that survives re-wrapping and NFC/NFD differences."""
    normal = unicodedata.normalize("NFC", " ".join(snippet.split()))
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class Entry:
    path: str
    rule: str
    hash: str
    count: int
    text: str = ""
    line: int = 1  # where the entry is in the baseline file


class Baseline:
    def __init__(self, file: Path, entries: Iterable[Entry] = ()) -> None:
        self.file = file
        self.root = file.resolve().parent
        self.entries: dict[Key, Entry] = {}
        self._relative: dict[str, str] = {}
        for e in entries:
            key = (e.path, e.rule, e.hash)
            old = self.entries.get(key)
            self.entries[key] = e if old is None else Entry(e.path, e.rule, e.hash, old.count + e.count, old.text, old.line)

    def relative(self, shown: str) -> str:
        """A displayed path (relative to the current folder, or absolute) as the baseline keys it."""
        rel = self._relative.get(shown)
        if rel is None:
            full = os.path.abspath(shown)
            try:
                rel = os.path.relpath(full, self.root)
            except ValueError:  # another drive on Windows
                rel = full
            rel = self._relative[shown] = rel.replace(os.sep, "/")
        return rel

    def key(self, v: Violation) -> Key:
        return (self.relative(v.path), v.rule, text_hash(v.snippet))

    def matcher(self) -> BaselineMatcher:
        return BaselineMatcher(self)

    @classmethod
    def load(cls, file: Path) -> Baseline:
        shown = str(file)
        try:
            raw = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(shown, None, None, f"cannot read baseline: {exc}") from None
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise ConfigError(shown, getattr(exc, "lineno", None), None, f"baseline is not valid JSON: {exc}") from None
        if not isinstance(data, dict) or data.get(FORMAT_KEY) != FORMAT_VERSION or not isinstance(data.get("findings"), list):
            raise ConfigError(shown, 1, None, f"not a newslint baseline (expected {{\"{FORMAT_KEY}\": {FORMAT_VERSION}, \"findings\": [...]}})")
        lines = _entry_lines(raw)
        entries = []
        for n, item in enumerate(data["findings"]):
            ok = isinstance(item, dict) and all(isinstance(item.get(k), str) for k in ("path", "rule", "hash"))
            count = item.get("count", 1) if isinstance(item, dict) else None
            if not ok or not isinstance(count, int) or isinstance(count, bool) or count < 1:
                raise ConfigError(shown, None, f"findings[{n}]", "an entry needs path, rule, hash (strings) and count (a positive integer)")
            key = (item["path"], item["rule"], item["hash"])
            entries.append(Entry(*key, count, str(item.get("text", "")), lines.get(key, 1)))
        return cls(file, entries)


class BaselineMatcher:
    """Hides findings present in a baseline, each entry at most `count` times."""

    def __init__(self, baseline: Baseline) -> None:
        self.baseline = baseline
        self.taken: dict[Key, int] = {}

    def take(self, v: Violation) -> bool:
        entries = self.baseline.entries
        if not entries:
            return False
        key = self.baseline.key(v)
        entry = entries.get(key)
        if entry is None:
            return False
        used = self.taken.get(key, 0)
        if used >= entry.count:
            return False
        self.taken[key] = used + 1
        return True

    def unused(self, checked: set[str], rules_run: frozenset[str]) -> list[Violation]:
        """Entries of files checked in this run, for rules that ran, that matched fewer
        findings than they count."""
        checked_rel = {self.baseline.relative(p) for p in checked}
        shown = self.baseline.file.as_posix()
        out = []
        for key, e in self.baseline.entries.items():
            if e.path not in checked_rel or e.rule not in rules_run:
                continue
            left = e.count - self.taken.get(key, 0)
            if left <= 0:
                continue
            what = f"{left} of its {e.count} findings" if e.count > 1 else "its finding"
            text = f" ({e.text!r})" if e.text else ""
            out.append(Violation(shown, e.line, 1, e.line, 2, UNUSED, UNUSED_SEVERITY,
                                 f"baseline entry for {e.path} {e.rule}{text}: {what} no longer occurs; "
                                 "write the baseline again to drop it"))
        return out


def _entry_lines(raw: str) -> dict[Key, int]:
    """The line of each entry in a baseline written one entry a line (hand edits may differ)."""
    found: dict[Key, int] = {}
    for n, line in enumerate(raw.splitlines(), 1):
        s = line.strip().rstrip(",")
        if not s.startswith('{"path"'):
            continue
        try:
            item = json.loads(s)
        except ValueError:
            continue
        if isinstance(item, dict):
            found.setdefault((item.get("path"), item.get("rule"), item.get("hash")), n)
    return found


def write_baseline(file: Path, violations: Iterable[Violation], checked: Iterable[str],
                   rules_run: Iterable[str], previous: Baseline | None = None) -> int:
    """Write the run's findings as a baseline; return how many findings it holds. A file that
    cannot be written (a folder, a path under a file, a read-only folder) is a ConfigError.

    Entries of an earlier baseline at the same place are kept when this run could not have
    seen them: files not checked now (a pre-commit run sees only staged files) or rules not run
    (--select). Everything the run did check is replaced by what it found.
    """
    base = Baseline(file)
    counts: dict[Key, list] = {}
    for v in violations:
        key = base.key(v)
        slot = counts.setdefault(key, [0, _shown_text(v.snippet)])
        slot[0] += 1
    checked_rel = {base.relative(p) for p in checked}
    run = set(rules_run)
    if previous is not None:
        # The previous baseline's paths are relative to its own folder; re-key them to ours.
        for (path, rule, h), e in previous.entries.items():
            full = (previous.root / path).as_posix()
            rel = base.relative(full)
            if rel in checked_rel and rule in run:
                continue
            slot = counts.setdefault((rel, rule, h), [0, e.text])
            slot[0] += e.count
    lines = []
    for (path, rule, h), (count, text) in sorted(counts.items()):
        item = {"path": path, "rule": rule, "hash": h, "count": count}
        if text:
            item["text"] = text
        lines.append(json.dumps(item, ensure_ascii=False))
    body = f'{{"{FORMAT_KEY}": {FORMAT_VERSION}, "findings": [\n' + ",\n".join(lines) + ("\n" if lines else "") + "]}\n"
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(file, body.encode("utf-8"))
    except OSError as exc:
        raise ConfigError(str(file), None, None, f"cannot write the baseline: {_why(file, exc)}") from None
    return sum(c for c, _ in counts.values())


def _why(file: Path, exc: OSError) -> str:
    if file.is_dir():
        return f"it is a folder; name a file, e.g. {file / '.newslint-baseline.json'}"
    for parent in file.parents:
        if parent.exists() and not parent.is_dir():
            return f"{parent} is a file, not a folder"
    where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(file) else ""
    return f"{exc.strerror or exc}{where}"


def _shown_text(snippet: str) -> str:
    one_line = " ".join(snippet.split())
    return one_line if len(one_line) <= TEXT_SHOWN else one_line[: TEXT_SHOWN - 1] + "…"
