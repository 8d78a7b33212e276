"""Where newslint keeps what it can rebuild: the one place every cache lives under.

`cache_root(project)` is `$NEWSLINT_CACHE_DIR` when set, else `.newslint_cache/` in the project's
folder (the folder of its config file, else the folder newslint runs in), as ruff keeps
`.ruff_cache/`. Each cache takes a subfolder of its own (`rules/`: the loaded rules). The root
holds a `.gitignore` of `*` and a CACHEDIR.TAG, so the cache is never committed or backed up.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

DIRNAME = ".newslint_cache"
ENV = "NEWSLINT_CACHE_DIR"
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# newslint's cache: removing it only costs time. See https://bford.info/cachedir/\n"
)


def cache_root(project: Path | None = None) -> Path:
    """The cache root for a project folder (default: the working folder); not created here."""
    given = os.environ.get(ENV)
    if given:
        return Path(given)
    return (project if project is not None else Path.cwd()) / DIRNAME


def ensure(root: Path, name: str) -> Path:
    """The cache subfolder `name` of `root`, created with the root's .gitignore and CACHEDIR.TAG
    (OSError when it cannot be)."""
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    for marker_name, text in ((".gitignore", "*\n"), ("CACHEDIR.TAG", _TAG)):
        marker = root / marker_name
        if not marker.exists():
            marker.write_text(text, encoding="utf-8")
    return folder


def _user_cache_home() -> Path | None:
    given = os.environ.get("XDG_CACHE_HOME")
    if given:
        return Path(given)
    try:
        return Path.home() / ".cache"
    except RuntimeError:  # no home folder known
        return None


def signing_key() -> bytes | None:
    """This user's secret for signing cache entries, made on first use (32 random bytes, mode
    0600, under $XDG_CACHE_HOME/newslint or ~/.cache/newslint), or None when it can be neither
    read nor made (then nothing is cached).

    Cache entries hold pickles, and unpickling runs code. The cache lives in the project folder,
    where a cloned repository or a pull request could plant a file: an entry is loaded only
    when its signature was made with this key, which never leaves the user's own cache folder.
    """
    home = _user_cache_home()
    if home is None:
        return None
    path = home / "newslint" / "signing-key"
    try:
        data = path.read_bytes()
        if len(data) == 32:
            return data
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another run made it first, or it is damaged
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return data if len(data) == 32 else None
    except OSError:
        return None
    data = os.urandom(32)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return data


def sign(key: bytes, payload: bytes) -> bytes:
    """The payload with its signature in front (what `verified` takes back)."""
    return hmac.new(key, payload, hashlib.sha256).digest() + payload


def verified(key: bytes, data: bytes) -> bytes | None:
    """The payload of a signed entry, or None when its signature is not this key's."""
    mac, payload = data[:32], data[32:]
    if len(mac) == 32 and hmac.compare_digest(mac, hmac.new(key, payload, hashlib.sha256).digest()):
        return payload
    return None


class NotACache(Exception):
    """A folder named as the cache that newslint did not make (no CACHEDIR.TAG of its own)."""


def remove(root: Path) -> tuple[int, int]:
    """Deletes the cache root and everything under it: (files, bytes) removed; (0, 0) when it is
    not there. Raises NotACache, deleting nothing, when the folder lacks newslint's CACHEDIR.TAG
    (a `--cache-dir` that names a folder of the user's own), OSError when a file cannot go."""
    import shutil

    if not root.is_dir():
        return 0, 0
    try:
        tag = (root / "CACHEDIR.TAG").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        tag = ""
    if tag != _TAG:
        raise NotACache(root)
    files = size = 0
    for path in root.rglob("*"):
        try:
            if path.is_file() and not path.is_symlink():
                files += 1
                size += path.stat().st_size
        except OSError:
            continue
    shutil.rmtree(root)
    return files, size
