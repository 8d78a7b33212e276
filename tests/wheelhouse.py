"""A wheelhouse made from the packages already installed here, so pip can install newslint
into a fresh virtual environment (as pre-commit does for the hook) with no network.

Each installed distribution is packed back into a wheel from the files its RECORD lists.
Only what newslint needs is packed: its build backend and its runtime dependencies, with
their own dependencies, read from pyproject.toml, so a new dependency is covered without
editing this file.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
import zipfile
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.tags import sys_tags
from packaging.utils import canonicalize_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Files an installer writes that are not part of the wheel it installed.
_INSTALLER_FILES = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}


def _needed(pyproject: Path) -> list[metadata.Distribution]:
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    todo = [Requirement(r) for r in data["build-system"]["requires"] + data["project"]["dependencies"]]
    found: dict[str, metadata.Distribution] = {}
    while todo:
        req = todo.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(req.name)
        if name in found:
            continue
        dist = metadata.distribution(req.name)  # PackageNotFoundError: install it first
        found[name] = dist
        todo.extend(Requirement(r) for r in dist.requires or [])
    return list(found.values())


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def _pack(dist: metadata.Distribution, out: Path) -> Path:
    info_dir = next(f for f in dist.files if f.parts[0].endswith(".dist-info")).parts[0]
    # A wheel may carry several tags (py2-none-any and py3-none-any): name it by one this
    # interpreter accepts, which the installed one necessarily had.
    tags = [line.split(":", 1)[1].strip() for line in dist.read_text("WHEEL").splitlines() if line.startswith("Tag:")]
    supported = {str(t) for t in sys_tags()}
    tag = next((t for t in tags if t in supported), tags[0])
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"])
    wheel = out / f"{name}-{dist.version}-{tag}.whl"
    record = []
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in dist.files:
            parts = f.parts
            if parts[0] == ".." or "__pycache__" in parts:
                continue  # console scripts (pip makes them again) and byte code
            if parts[0] == info_dir and parts[-1] in _INSTALLER_FILES:
                continue
            data = Path(dist.locate_file(f)).read_bytes()
            arcname = "/".join(parts)
            zf.writestr(arcname, data)
            record.append(_record_line(arcname, data))
        record.append(f"{info_dir}/RECORD,,")
        zf.writestr(f"{info_dir}/RECORD", "\n".join(record) + "\n")
    return wheel


def build_wheelhouse(pyproject: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for dist in _needed(pyproject):
        _pack(dist, out)
    return out
