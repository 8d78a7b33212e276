"""Standard input (`-`): its bytes, and the name its findings are shown under, which decides the
reader. `--stdin-filename` names it; without one, how the data begins says what it is:

  - `[` then `{` or `]`: a JSON list of records (`stdin.json`);
  - `{` then `"` or `}`: JSON lines (`stdin.jsonl`) when the first line is a whole JSON value,
    or the next line opens a record too, or there is only one line; else one pretty-printed
    JSON object (`stdin.json`);
  - `<!DOCTYPE html` or `<html`: a web page (`stdin.html`);
  - anything else: a text article (`stdin.txt`), as before.

Leading white space and a byte-order mark are skipped, and gzip data is looked at inside.
"""

from __future__ import annotations

import codecs
import json
import sys
import zlib

from ..path_quoting import quote_path

# Enough of the data to see its first line whole in any real JSON lines file.
SNIFF_CHARS = 1 << 20
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_stdin() -> bytes:
    """All of standard input; nothing when the process was started with it closed."""
    return sys.stdin.buffer.read() if sys.stdin is not None else b""


def stdin_name(data: bytes, given: str | None) -> str:
    """The name standard input's findings are shown under: `given` (quoted as every path is)
    or `stdin` and the suffix of the format the data is in."""
    if given is not None:
        return quote_path(given)
    return "stdin" + sniff_format(data)


def _head(data: bytes) -> str:
    if data[:2] == b"\x1f\x8b":
        try:
            data = zlib.decompressobj(wbits=31).decompress(data[: SNIFF_CHARS * 4], SNIFF_CHARS * 4)
        except zlib.error:
            return ""
    codec = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, codec = data[len(bom) :], name
            break
    return data[: SNIFF_CHARS * 4].decode(codec, "ignore")[:SNIFF_CHARS]


def sniff_format(data: bytes) -> str:
    """The reader suffix for data read without a name: `.json`, `.jsonl`, `.html` or `.txt`."""
    text = _head(data).lstrip(" \t\r\n")
    if text[:1] == "[" and text[1:].lstrip(" \t\r\n")[:1] in ("{", "]"):
        return ".json"
    if text[:1] == "{" and text[1:].lstrip(" \t\r\n")[:1] in ('"', "}"):
        first, newline, rest = text.partition("\n")
        if not newline:  # one line (a pretty-printed object has several), or longer than we look
            return ".jsonl"
        try:
            json.loads(first)
            return ".jsonl"
        except (ValueError, RecursionError):
            pass
        following = next((line for line in rest.split("\n", 50)[:50] if line.strip()), "")
        return ".jsonl" if following.lstrip()[:1] == "{" else ".json"
    if text[:14].lower() == "<!doctype html" or text[:5].lower() == "<html":
        return ".html"
    return ".txt"
