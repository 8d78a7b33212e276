"""Where newslint keeps what it can rebuild: the one place every cache lives under.

`cache_root(project)` is `$NEWSLINT_CACHE_DIR` when set, else `.newslint_cache/` in the project's
folder (the folder of its config file, else the folder newslint runs in), as ruff keeps
`.ruff_cache/`. Each cache takes a subfolder of its own (`rules/`: the loaded rules). The root
holds a `.gitignore` of `*` and a CACHEDIR.TAG, so the cache is never committed or backed up.
"""

from __future__ import annotations

import os
from pathlib import Path

DIRNAME = ".newslint_cache"
ENV = "NEWSLINT_CACHE_DIR"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# newslint's cache: removing it only costs time.\n"


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
