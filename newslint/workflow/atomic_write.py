"""Replacing a file's content so that a reader never sees half of it (shared by --fix and the
baseline writer).

The new content goes to a temporary file in the target's own folder (a rename is atomic only
within one file system), which then replaces the target. A run killed between the two (SIGKILL,
a power cut) leaves that temporary file behind; its name says which process wrote it
(`.NAME.HOST-PID-RANDOM.newslint-tmp`), so the next write into that folder removes the ones
whose process on this machine is gone.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import socket
import stat
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".newslint-tmp"
_TEMP_NAME = re.compile(r"\..+\.(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]+)-[^.]+\.newslint-tmp")
# Folders whose stale temporary files this process has already removed.
_cleaned: set[str] = set()


def _host_tag() -> str:
    """This machine, in a temporary file's name: a process id means nothing on another host
    that shares the folder (NFS), so only this host's leftovers are judged."""
    return hashlib.sha1(socket.gethostname().encode("utf-8", "surrogateescape")).hexdigest()[:8]


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # on Windows os.kill(pid, 0) would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. EPERM: the process exists, owned by someone else
        return True
    return True


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files an earlier newslint on this machine left in `folder` when it
    was killed before its rename; return what was removed. A file whose process still runs is
    left alone: it may be writing now."""
    host = _host_tag()
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if not name.endswith(TEMP_SUFFIX):
            continue
        m = _TEMP_NAME.fullmatch(name)
        if m is None or m["host"] != host or _alive(int(m["pid"])):
            continue
        path = folder / name
        try:
            if stat.S_ISREG(path.lstat().st_mode):
                path.unlink()
                removed.append(path)
        except OSError:
            pass  # someone else removed it, or the folder is read-only: the write will say so
    return removed


def write_atomically(path: Path, data: bytes) -> None:
    """Replace a file's content through a temporary file in the same folder and a rename, so a
    reader never sees half a file. The file keeps its permission bits, owner and group; when
    they cannot be kept (a user who may not give a file to its owner), PermissionError is
    raised and the file is left as it was. A symlink is followed: its target is rewritten, the
    link stays. Raises OSError when the file cannot be written (a read-only folder, a full disk)."""
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    folder = target.parent
    if str(folder) not in _cleaned:
        _cleaned.add(str(folder))
        remove_stale_temporaries(folder)
    try:
        st: os.stat_result | None = target.stat()
        mode = stat.S_IMODE(st.st_mode)
    except FileNotFoundError:
        st = None
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.{_host_tag()}-{os.getpid()}-",
                               suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if st is not None:
            mine = os.stat(tmp)
            if (mine.st_uid, mine.st_gid) != (st.st_uid, st.st_gid):
                # Only root may give a file away; a group change needs membership.
                try:
                    os.chown(tmp, st.st_uid, st.st_gid)
                except PermissionError:
                    raise PermissionError(errno.EPERM, "cannot keep the file's owner and group", str(path)) from None
        os.chmod(tmp, mode)  # after chown, which clears set-user-ID and set-group-ID bits
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
