"""The loaded rules, kept between runs: a one-file run (pre-commit's) skips parsing the rule
files, validating them and compiling their patterns, which costs more than checking the file.

A cache entry is a pickle of the loaded `Rule` objects (compiled `regex` patterns pickle as
compiled code), under `<cache root>/rules/` (newslint/cache_dir.py). Its file name is a hash of
what loading depends on besides files: newslint's version and code, the Python and library
builds, the project config (every key), the working folder and the extra rule paths. Inside,
it keeps every file that loading read (rule files, phrase lists, dictionaries) and every file
in the rule folders, each with a digest of its bytes, and every place a data file was looked
for and not found; an entry is used only when all of them still read the same (and the missing
are still missing) and the folders hold the same files, so an edited, added or removed rule or
data file is never answered from the cache. An entry that cannot be read (corrupt,
truncated, from another build) is ignored and rewritten; a cache folder that cannot be written
only costs the saving.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

from . import __version__
from .cache_dir import cache_root, ensure, sign, signing_key, verified
from .config import ProjectConfig, Rule, default_rules_dir, load_rules, rule_files, rule_locations
from .yamlload import record_reads

SUBDIR = "rules"
FORMAT = 2  # bump when the entry's layout changes
KEEP = 16  # entries kept per cache folder (one per project config and working folder in use)


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _code_stamp() -> list[tuple[str, int, int]]:
    """newslint's own modules and the compiled libraries the pickle holds objects of, by
    modification time and size: a changed install (or an edited checkout) is a new key."""
    import importlib.util

    import ahocorasick_rs
    import pydantic_core
    import regex

    files = [m.__file__ for m in (ahocorasick_rs, pydantic_core._pydantic_core, regex._regex) if m.__file__]
    yaml = importlib.util.find_spec("yaml")  # found, not imported: a cached run parses no YAML
    if yaml is not None and yaml.origin:
        files.append(yaml.origin)
    package = Path(__file__).parent
    for folder, _, names in os.walk(package):
        files += [os.path.join(folder, n) for n in names if n.endswith(".py")]
    stamp = []
    for f in sorted(files):
        st = os.stat(f)
        stamp.append((f, st.st_mtime_ns, st.st_size))
    return stamp


def _key(config: ProjectConfig, extra: list[Path]) -> str:
    # The config's fields as plain data (YAML scalars, lists, mappings: their repr is stable);
    # not model_dump_json, which would build the model's serializer on every run.
    settings = repr(sorted(config.__dict__.items()))
    parts = repr((
        FORMAT, __version__, sys.version, _code_stamp(), settings, str(Path.cwd()),
        [str(p) for p in extra], str(default_rules_dir()),
    ))
    return hashlib.blake2b(parts.encode("utf-8"), digest_size=20).hexdigest()


def _listing(config: ProjectConfig, extra: list[Path]) -> list[list[str]]:
    """The files each rule location holds (what `load_rules` would look at)."""
    return [[str(p.absolute()) for p in rule_files(loc)] if loc.exists() else [] for loc in rule_locations(config, extra)]


def _unchanged(files: dict[str, bytes | None]) -> bool:
    for name, digest in files.items():
        if digest is None:  # looked for and not found when the rules loaded
            if os.path.exists(name):
                return False
            continue
        try:
            with open(name, "rb") as fh:
                if _digest(fh.read()) != digest:
                    return False
        except OSError:
            return False
    return True


def _read(path: Path, key: str, listing: list[list[str]], secret: bytes) -> list[Rule] | None:
    try:
        with open(path, "rb") as fh:
            payload = verified(secret, fh.read())
        if payload is None:  # not signed with this user's key: never unpickled
            return None
        entry = pickle.loads(payload)
        fmt, saved_key, saved_listing, files, rules = entry
    except Exception:  # noqa: BLE001 - a corrupt or foreign entry is rebuilt, never a crash
        return None
    if fmt != FORMAT or saved_key != key or saved_listing != listing or not _unchanged(files):
        return None
    if not isinstance(rules, list) or not all(isinstance(r, Rule) for r in rules):
        return None
    return rules


def _write(folder: Path, path: Path, entry: tuple, secret: bytes) -> None:
    try:
        ensure(folder.parent, folder.name)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")  # not *.pickle: never pruned half-written
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(sign(secret, pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)))
            os.replace(tmp, path)  # readers see the old entry or the whole new one
        except BaseException:
            os.unlink(tmp)
            raise
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass  # a read-only or full disk: the next run loads the rules again


def load_rules_cached(config: ProjectConfig, extra: list[Path] = (), use_cache: bool = True,
                      root: Path | None = None) -> list[Rule]:
    """`config.load_rules`, answered from the cache when nothing it depends on has changed
    (under `root`, else the project's cache root)."""
    extra = list(extra)
    secret = signing_key() if use_cache else None
    if secret is None:
        return load_rules(config, extra)
    project = Path(config.path).parent if config.path else Path.cwd()
    folder = (root if root is not None else cache_root(project)) / SUBDIR
    key = _key(config, extra)
    path = folder / f"{key}.pickle"
    listing = _listing(config, extra)
    rules = _read(path, key, listing, secret)
    if rules is not None:
        return rules
    reads: list[tuple[str, bytes | None]] = []
    record_reads(reads)
    try:
        rules = load_rules(config, extra)
    finally:
        record_reads(None)
    files = {name: None if data is None else _digest(data) for name, data in reads}
    for names in listing:
        for name in names:
            if name not in files:
                try:
                    files[name] = _digest(Path(name).read_bytes())
                except OSError:
                    return rules  # a file vanished while loading: do not save what may be stale
    _write(folder, path, (FORMAT, key, listing, files, rules), secret)
    return rules
