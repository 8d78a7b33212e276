"""The result cache: what checking a file gave, kept so an unchanged file is not checked again.

As ruff's `.ruff_cache`: a folder (`.newslint_cache` beside the project config, else in the
current folder; `--cache-dir` or NEWSLINT_CACHE_DIR moves it, `--no-cache` turns it off) with a
CACHEDIR.TAG (backup tools skip it) and a .gitignore (git does too).

An entry is keyed on the file's content (a BLAKE2 hash), its shown path (findings name it) and
the run's settings: newslint's version and its modules' sizes and times, the project config
file, every active rule's file and the files its options name (phrase lists, dictionaries), the
rules selected and the field aliases. Changing any of them misses. An entry holds the file's outcomes as the runner folds
them (findings, counts, suppressions and the cross-article notes, hashes and places), so a cached
run prints byte for byte what an uncached one does, cross-article findings included.

Entries are written with `marshal` (plain values only: loading one runs no code) to a temporary
file renamed into place, so a run that is killed leaves no half entry.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import BaseModel

from . import __version__
from .cache_dir import cache_root, ensure
from .config import ProjectConfig, Rule
from .findings import violation_from_plain, violation_plain
from .runner import Outcome
from .workflow.suppression import Directive, RecordIgnore

_FORMAT = 1  # bump when what an entry holds changes
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)  # (O_BINARY: Windows)


def default_folder(config: ProjectConfig) -> Path:
    """The cache root every cache shares (newslint/cache_dir.py)."""
    return cache_root(Path(config.path).parent if config.path else None)


def _file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _named_files(value: Any, rule_dir: Path) -> Iterator[Path]:
    """Files an option names (a phrase list, a dictionary), found as the checks find them."""
    if isinstance(value, str):
        if 0 < len(value) < 4096 and "\n" not in value:
            for base in (rule_dir, Path.cwd()):
                candidate = base / value
                try:
                    if candidate.is_file():
                        yield candidate
                        return
                except OSError:
                    return
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _named_files(v, rule_dir)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _named_files(v, rule_dir)
    elif isinstance(value, BaseModel):
        # its fields' values, as model_dump() would give them, without model_dump(): an
        # options model's serializer is built on first use, which costs more than a small run
        for v in value.__dict__.values():
            yield from _named_files(v, rule_dir)


def _code_stamp() -> str:
    """newslint's own modules by size and modification time: an edited check (a development
    install, where the version does not change) misses, without hashing the code every run."""
    package = Path(__file__).resolve().parent
    stamps = []
    for path in sorted(package.rglob("*.py")):
        try:
            st = path.stat()
        except OSError:
            continue
        stamps.append(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(stamps)


def settings_key(config: ProjectConfig, rules: list[Rule]) -> str:
    h = hashlib.blake2b(digest_size=16)

    def add(*parts: bytes | str) -> None:
        for p in parts:
            data = p.encode("utf-8", "surrogateescape") if isinstance(p, str) else p
            h.update(len(data).to_bytes(8, "little"))
            h.update(data)

    add(__version__, str(_FORMAT), _code_stamp())
    add(_file_bytes(Path(config.path)) if config.path else b"")
    add(repr(sorted((k, tuple(v)) for k, v in config.field_aliases().items())))
    for rule in sorted(rules, key=lambda r: r.name):
        add(rule.name, rule.path, _file_bytes(Path(rule.path)))
        for named in sorted(set(_named_files(rule.options, Path(rule.path).parent))):
            add(str(named), _file_bytes(named))
    return h.hexdigest()


class ResultCache:
    def __init__(self, folder: Path, settings: str) -> None:
        self.folder = folder
        self.settings = settings
        self.hits = 0  # files taken from the cache in this run (tests and benchmarks read it)
        self.misses = 0
        self._ready: bool | None = None
        self._entries = str(folder / __version__)  # entries live under <root>/<version>/<key[:2]>/
        self._made: set[str] = set()  # subfolders made (or found) in this run
        self._written = 0  # entries written, for their temporary files' names
        self._run = os.urandom(6).hex()  # this run's mark in those names

    @classmethod
    def for_run(cls, folder: Path | None, config: ProjectConfig, rules: list[Rule]) -> ResultCache:
        return cls(folder or default_folder(config), settings_key(config, rules))

    def _prepare(self) -> bool:
        """Makes the folder with its tag files; False (no caching) where it cannot be written."""
        if self._ready is None:
            try:
                ensure(self.folder, __version__)  # entries live under <root>/<version>/
                self._ready = True
            except OSError:
                self._ready = False
        return self._ready

    def temporary(self, place: Path) -> tuple[BinaryIO, str] | None:
        """A new file beside `place` to write its entry into, and its name; None when none can
        be made. The name is this run's own (a random mark and a count): no other writer makes it."""
        if not self._prepare():
            return None
        folder = os.path.dirname(place)
        try:
            if folder not in self._made:
                os.makedirs(folder, exist_ok=True)
                self._made.add(folder)
            self._written += 1
            name = os.path.join(folder, f".tmp-{self._run}-{self._written}")
            # mode 0600, as NamedTemporaryFile made them: an entry holds text of the articles
            return os.fdopen(os.open(name, _NEW_FILE, 0o600), "wb"), name
        except OSError:
            return None

    def lookup(self, path: Path, shown: str) -> Entry | None:
        """The file's entry (found or to be written); None when the file cannot be read (it is
        then checked, and its problem reported, as without a cache)."""
        h = hashlib.blake2b(digest_size=20)
        h.update(self.settings.encode())
        h.update(shown.encode("utf-8", "surrogateescape") + b"\0")
        try:
            with path.open("rb") as f:
                while block := f.read(1 << 20):
                    h.update(block)
        except OSError:
            return None
        key = h.hexdigest()
        place = Path(self._entries, key[:2], key)
        found = _readable(place)
        if found:
            self.hits += 1
        else:
            self.misses += 1
        return Entry(self, place, found)


_END = b"newslint-cache-end\n"  # after the end mark: a cut file lacks it
CHECKED_WHOLE = 4 << 20  # entries up to this size are read through before they are trusted


def _readable(place: Path) -> bool:
    """Whether an entry is there, whole and readable (anything else is a miss, written again)."""
    try:
        size = place.stat().st_size
        with place.open("rb") as f:
            f.seek(max(0, size - len(_END)))
            if f.read() != _END:
                return False
            if size <= CHECKED_WHOLE:
                f.seek(0)
                while (plain := marshal.load(f)) is not None:
                    _outcome(plain)
    except (OSError, EOFError, ValueError, TypeError, IndexError, KeyError):
        return False
    return True


class Entry:
    def __init__(self, cache: ResultCache, place: Path, found: bool) -> None:
        self.cache = cache
        self.place = place
        self.found = found

    def outcomes(self) -> Iterator[Outcome]:
        with self.place.open("rb") as f:
            while (plain := marshal.load(f)) is not None:  # None: the end mark
                yield _outcome(plain)

    def writer(self) -> Writer:
        return Writer(self)


class Writer:
    def __init__(self, entry: Entry) -> None:
        self.entry = entry
        # a plain file object: NamedTemporaryFile's wrapper costs more than writing a small entry
        made = entry.cache.temporary(entry.place)
        self.file, self.name = made if made is not None else (None, "")

    def add(self, o: Outcome) -> None:
        if self.file is not None:
            try:
                marshal.dump(_plain(o), self.file)
            except (OSError, ValueError):
                self._drop()

    def commit(self) -> None:
        if self.file is not None:
            try:
                marshal.dump(None, self.file)
                self.file.write(_END)
                self.file.close()
                os.replace(self.name, self.entry.place)
            except OSError:
                self._drop()

    def _drop(self) -> None:
        try:
            self.file.close()
            os.unlink(self.name)
        except OSError:
            pass
        self.file = None


def _plain(o: Outcome) -> tuple:
    directives = {path: [(d.path, d.line, d.column, d.end_line, d.end_column, d.whole_file, d.rules, d.problem)
                         for d in found] for path, found in o.directives.items()}
    ignores = [(key, (i.path, i.line, i.rules, i.field_name)) for key, i in o.ignores.items()]
    return (o.shown, [violation_plain(v) for v in o.violations], o.files, o.articles, o.skipped,
            o.notes, directives, ignores)


def _outcome(t: tuple) -> Outcome:
    shown, violations, files, articles, skipped, notes, directives, ignores = t
    return Outcome(
        shown, [violation_from_plain(v) for v in violations], files, articles, skipped, notes,
        {path: [Directive(*d) for d in found] for path, found in directives.items()},
        {key: RecordIgnore(*i) for key, i in ignores},
    )
