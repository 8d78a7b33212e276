"""Which paths newslint reads: regular files (and folders to walk), never a pipe or a device.

Opening a named pipe (FIFO) waits for a writer, forever if none comes; a character device such
as /dev/zero never ends; a socket cannot be opened at all. So a path is looked at with stat()
(which follows symbolic links, as open() would) and never opened to find out what it is.
"""

from __future__ import annotations

import os
import stat

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def kind_of(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def special_file(path: str | os.PathLike[str]) -> str | None:
    """What `path` is when it is neither a regular file nor a folder ("a named pipe (FIFO)"),
    else None. A path that cannot be looked at is None too: reading it reports why."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return kind_of(mode)
