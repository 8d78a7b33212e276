"""`newslint clean`: deletes the project's cache folder (as `ruff clean` does).

The folder is the one a lint run with the same options would use (`--cache-dir`,
NEWSLINT_CACHE_DIR, else `.newslint_cache/` beside the project config). Only a folder that
carries newslint's own CACHEDIR.TAG is deleted, so a mistyped `--cache-dir` cannot take a
folder of the user's with it. A lint run keeps the result cache to one entry a file for each
of the few settings written last (newslint/cache.py), but never deletes the entries of files
gone since or the folders of earlier newslint versions: this is how to reclaim that space.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cache_dir import NotACache, cache_root, remove
from .config import ConfigError, load_config

EXIT_OK, EXIT_USAGE = 0, 2


def run(args: argparse.Namespace) -> int:
    try:
        config = load_config(args.config, Path.cwd())
    except ConfigError as exc:
        sys.stderr.write(exc.report())
        return EXIT_USAGE
    root = args.cache_dir or cache_root(Path(config.path).parent if config.path else None)
    if not root.is_dir():
        print(f"No cache at {root}.")
        return EXIT_OK
    try:
        files, size = remove(root)
    except NotACache:
        print(f"newslint: error: {root} is not a newslint cache (it has no CACHEDIR.TAG of newslint's); nothing removed",
              file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"newslint: error: could not remove {root}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Removed {root} ({files} files, {size / 1e6:.1f} MB).")
    return EXIT_OK
