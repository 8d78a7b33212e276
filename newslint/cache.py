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

Entries are `marshal` data (plain values only: loading one runs no code). They are packed many
to a file, in one SQLite database per newslint version (`<root>/<version>/results.sqlite`), and
written in one transaction at the end of the run: a file of its own per entry cost a file
creation in the kernel per article checked, more than checking a short article does (mypy's
`--sqlite-cache` is there for the same reason). A run that is killed writes nothing; two runs
at once (pre-commit's parallel batches) take turns at writing. An entry larger than
`OWN_FILE` (a big JSONL or CSV file's findings) is written, as it is made, to a file of its own
beside the database, so its outcomes are never all held in memory. A damaged database or
entry is a miss: the database is made anew, the entry written again.

The database does not grow with every change: a file's new entry replaces the one its earlier
content had under the same settings, and only the entries of the KEEP_SETTINGS settings written
last are kept (a rule file changed four more times deletes the oldest). Entries of files since
deleted stay, as do own-file entries, until `newslint clean`.
"""

from __future__ import annotations

import hashlib
import io
import marshal
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import BaseModel

from . import __version__
from .cache_dir import cache_root, ensure
from .config import ProjectConfig, Rule
from .findings import violation_from_plain, violation_plain
from .runner import Outcome
from .workflow.suppression import Directive, RecordIgnore

_FORMAT = 2  # bump when what an entry holds changes
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)  # (O_BINARY: Windows)
DATABASE = "results.sqlite"
OWN_FILE = 1 << 20  # an entry larger than this goes to a file of its own
CHECKED_WHOLE = 4 << 20  # own-file entries up to this size are read through before they are trusted
FLUSH_BYTES = 16 << 20  # entries waiting for the database are written once they pass this size
KEEP_SETTINGS = 4  # the entries of this many settings, the most recently written, are kept
_SCHEMA = 1  # the database's PRAGMA user_version; another is made anew
BATCH = 500  # keys asked of the database at once (SQLite takes up to 32,766 parameters)
WAIT_S = 10.0  # how long a run waits for another run's write to the database


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
        self._entries = Path(folder, __version__)  # the database and the own-file entries
        self._db: Any = None  # the open database; False when there is none to be had
        self._db_error: type[Exception] = OSError  # sqlite3.Error, once the module is loaded
        self._waiting: list[tuple[str, str, bytes]] = []  # (key, path, outcomes) made, not yet in the database
        self._waiting_bytes = 0
        self._made: set[str] = set()  # own-file subfolders made (or found) in this run
        self._written = 0  # own-file entries written, for their temporary files' names
        self._run = os.urandom(6).hex()  # this run's mark in those names

    @classmethod
    def for_run(cls, folder: Path | None, config: ProjectConfig, rules: list[Rule]) -> ResultCache:
        return cls(folder or default_folder(config), settings_key(config, rules))

    def _database(self) -> Any:
        """The open database, made with the folder and its tag files on first use; None when it
        cannot be had (no caching then: the run goes on as with --no-cache)."""
        if self._db is None:
            self._db = self._open() or False
        return self._db or None

    def _open(self, again: bool = True) -> Any:
        try:
            import sqlite3  # noqa: PLC0415 (a --no-cache run never loads it)
        except ImportError:  # a Python built without SQLite: no caching
            return None
        path = self._entries / DATABASE
        try:
            ensure(self.folder, __version__)
            # mode 0600, as the entries' files were: the entries hold text of the articles
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600))
            db = sqlite3.connect(path, timeout=WAIT_S, isolation_level=None)
        except (OSError, sqlite3.Error):
            return None
        self._db_error = sqlite3.Error
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] != _SCHEMA:
                _make_tables(db)
            db.execute("SELECT count(*) FROM entry WHERE key = ''").fetchone()
            return db
        except sqlite3.DatabaseError as e:
            db.close()
            # not a database, or a damaged one: newslint's own file, made anew (once)
            if again and not isinstance(e, sqlite3.OperationalError):
                try:
                    path.unlink()
                except OSError:
                    return None
                return self._open(again=False)
            return None

    def lookup(self, inputs: list[tuple[Path, str] | None]) -> list[Entry | None]:
        """Each input file's entry (found or to be written); None for standard input and for a
        file that cannot be read (it is then checked, and its problem reported, as without a
        cache). The database is asked which keys it holds in batches of BATCH; an entry is read
        only when its turn comes (`Entry.outcomes`; a damaged one is then checked instead), so a
        run over a million cached files holds no million entries."""
        keys = [None if item is None else self._key(*item) for item in inputs]
        stored: set[str] = set()
        wanted = [k for k in keys if k is not None]
        for at in range(0, len(wanted), BATCH):
            stored.update(self._stored(wanted[at : at + BATCH]))
        own_folders = self._own_folders() if len(stored) < len(wanted) else frozenset()
        out: list[Entry | None] = []
        for key, item in zip(keys, inputs):
            if key is None or item is None:
                out.append(None)
                continue
            found: bool | Path = key in stored
            if not found and key[:2] in own_folders:
                place = self.own_file(key)
                found = place if _readable(place) else False
            if found:
                self.hits += 1
            else:
                self.misses += 1
            out.append(Entry(self, key, item[1], found))
        return out

    def _key(self, path: Path, shown: str) -> str | None:
        h = hashlib.blake2b(digest_size=20)
        h.update(self.settings.encode())
        h.update(shown.encode("utf-8", "surrogateescape") + b"\0")
        try:
            with path.open("rb") as f:
                while block := f.read(1 << 20):
                    h.update(block)
        except OSError:
            return None
        return h.hexdigest()

    def _stored(self, keys: list[str]) -> set[str]:
        """Those of the keys whose entries the database holds."""
        db = self._database()
        if db is None:
            return set()
        try:
            return {k for (k,) in db.execute(f"SELECT key FROM entry WHERE key IN ({','.join('?' * len(keys))})", keys)}
        except self._db_error:
            # locked past WAIT_S, or unreadable: the rest of the run goes uncached, rather than
            # waiting as long again for each batch
            self._db = False
            db.close()
            return set()

    def _own_folders(self) -> frozenset[str]:
        """The subfolders own-file entries are in (one listing, so a miss costs no look-up of
        a file that was never written)."""
        try:
            return frozenset(e.name for e in os.scandir(self._entries) if e.is_dir())
        except OSError:
            return frozenset()

    def stored_outcomes(self, key: str) -> bytes | None:
        db = self._database()
        if db is None:
            return None
        try:
            row = db.execute("SELECT outcomes FROM entry WHERE key = ?", (key,)).fetchone()
        except self._db_error:
            return None
        return None if row is None else row[0]

    def own_file(self, key: str) -> Path:
        return Path(self._entries, key[:2], key)

    def temporary(self, place: Path) -> tuple[BinaryIO, str] | None:
        """A new file beside `place` to write an own-file entry into, and its name; None when
        none can be made. The name is this run's own (a random mark and a count): no other
        writer makes it."""
        if self._database() is None:  # (opening it makes the folder; without it, no caching)
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

    def keep(self, key: str, path: str, outcomes: bytes) -> None:
        """An entry to write to the database (with the others, in one transaction)."""
        self._waiting.append((key, path, outcomes))
        self._waiting_bytes += len(outcomes)
        if self._waiting_bytes > FLUSH_BYTES:
            self.save()

    def save(self) -> None:
        """Writes the entries made so far; where the database cannot take them (another run
        holding it past WAIT_S, a full disk, a read-only folder) they are dropped: the files
        are checked again next time."""
        waiting, self._waiting, self._waiting_bytes = self._waiting, [], 0
        db = self._database() if waiting else None
        if db is None:
            return
        settings = self.settings
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                # a file's entry replaces the one its earlier content had under these settings
                db.executemany("DELETE FROM entry WHERE settings = ? AND path = ? AND key <> ?",
                               [(settings, path, key) for key, path, _ in waiting])
                db.executemany("INSERT OR REPLACE INTO entry VALUES (?, ?, ?, ?)",
                               [(key, settings, path, outcomes) for key, path, outcomes in waiting])
                _forget_old_settings(db, settings)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except self._db_error:
            pass


_END = b"newslint-cache-end\n"  # after an own-file entry's end mark: a cut file lacks it


def _make_tables(db: Any) -> None:
    """The tables, made anew (a database of an earlier layout is a cache: it is emptied)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if db.execute("PRAGMA user_version").fetchone()[0] != _SCHEMA:  # (another run may have made them)
            db.execute("DROP TABLE IF EXISTS entry")
            db.execute("DROP TABLE IF EXISTS settings_written")
            db.execute("CREATE TABLE entry (key TEXT PRIMARY KEY, settings TEXT NOT NULL, path TEXT NOT NULL,"
                       " outcomes BLOB NOT NULL)")
            db.execute("CREATE INDEX entry_place ON entry (settings, path)")
            # each settings key with the number of the last run that wrote entries under it
            db.execute("CREATE TABLE settings_written (settings TEXT PRIMARY KEY, run INTEGER NOT NULL)")
            db.execute(f"PRAGMA user_version = {_SCHEMA}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _forget_old_settings(db: Any, settings: str) -> None:
    """Marks these settings the most recently written and deletes the entries of all but the
    KEEP_SETTINGS most recent: a changed rule or config makes every entry new, and without
    this the database would grow by a corpus's worth of entries at each change."""
    db.execute("INSERT OR REPLACE INTO settings_written VALUES (?, (SELECT coalesce(max(run), 0) + 1 FROM settings_written))",
               (settings,))
    kept = f"SELECT settings FROM settings_written ORDER BY run DESC LIMIT {KEEP_SETTINGS}"
    db.execute(f"DELETE FROM entry WHERE settings NOT IN ({kept})")
    db.execute(f"DELETE FROM settings_written WHERE settings NOT IN ({kept})")


def _decoded(f: BinaryIO) -> list[Outcome]:
    """An entry's outcomes (ValueError and the like where it is damaged)."""
    out = []
    while (plain := marshal.load(f)) is not None:  # None: the end mark
        out.append(_outcome(plain))
    return out


def _readable(place: Path) -> bool:
    """Whether an own-file entry is there, whole and readable (anything else is a miss, written
    again)."""
    try:
        size = place.stat().st_size
        with place.open("rb") as f:
            f.seek(max(0, size - len(_END)))
            if f.read() != _END:
                return False
            if size <= CHECKED_WHOLE:
                f.seek(0)
                _decoded(f)
    except (OSError, EOFError, ValueError, TypeError, IndexError, KeyError):
        return False
    return True


class Entry:
    def __init__(self, cache: ResultCache, key: str, path: str, found: bool | Path) -> None:
        self.cache = cache
        self.key = key
        self.path = path  # as shown: a later entry of the same file replaces this one
        self.own = found if isinstance(found, Path) else None  # an own-file entry's place
        self.found = bool(found)

    def outcomes(self) -> Iterable[Outcome] | None:
        """The file's outcomes; None when the entry is gone or damaged (the file is then
        checked). An own-file entry, read through when it was found, is read a piece at a
        time, so a big file's findings are never all in memory."""
        if self.own is not None:
            return self._streamed(self.own)
        try:
            stored = self.cache.stored_outcomes(self.key)
            return None if stored is None else _decoded(io.BytesIO(stored))
        except (OSError, EOFError, ValueError, TypeError, IndexError, KeyError):
            return None

    @staticmethod
    def _streamed(place: Path) -> Iterator[Outcome]:
        with place.open("rb") as f:
            while (plain := marshal.load(f)) is not None:  # None: the end mark
                yield _outcome(plain)

    def writer(self) -> Writer:
        return Writer(self)


class Writer:
    """Gathers a file's outcomes in memory, moving them to a file of its own once they pass
    OWN_FILE bytes."""

    def __init__(self, entry: Entry) -> None:
        self.entry = entry
        self.file: BinaryIO | None = io.BytesIO()
        self.name = ""  # the own file's temporary name, once there is one

    def add(self, o: Outcome) -> None:
        if self.file is None:
            return
        try:
            marshal.dump(_plain(o), self.file)
            if not self.name and self.file.tell() > OWN_FILE:
                self._to_own_file()
        except (OSError, ValueError):
            self._drop()

    def _to_own_file(self) -> None:
        made = self.entry.cache.temporary(self.entry.cache.own_file(self.entry.key))
        if made is None:
            self.file = None
            return
        data = self.file.getvalue()
        self.file, self.name = made
        self.file.write(data)

    def commit(self) -> None:
        if self.file is None:
            return
        try:
            marshal.dump(None, self.file)
            if not self.name:
                self.entry.cache.keep(self.entry.key, self.entry.path, self.file.getvalue())
                self.file = None
                return
            self.file.write(_END)
            self.file.close()
            os.replace(self.name, self.entry.cache.own_file(self.entry.key))
        except OSError:
            self._drop()

    def _drop(self) -> None:
        try:
            self.file.close()
            if self.name:
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
