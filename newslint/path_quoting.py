"""A file's name as every output shows it: valid UTF-8 on one line, whatever bytes the name holds.

POSIX file names are bytes. Python gives a name that is not UTF-8 as text with lone surrogates
(`caf\\udce9.txt`), which cannot be written as UTF-8 at all, and a name may hold a newline or
another control character, which would break `path:line:column` lines and annotations. Such a
name is shown as git shows it (`core.quotePath`): in double quotes, each byte that is not
UTF-8 as a backslash and three octal digits, control characters as C escapes (`\\n`, `\\t`) or
octal, and `"` and `\\` escaped: `"caf\\351.txt"`. A name of valid UTF-8 without control
characters is shown as it is (Korean or Cyrillic names too, as git does with
`core.quotePath=false`). The file itself is still found and read by its real name.
"""

from __future__ import annotations

_C_ESCAPES = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r",
              '"': '\\"', "\\": "\\\\"}


def _needs_quotes(ch: str) -> bool:
    code = ord(ch)
    return code < 0x20 or code == 0x7F or 0xD800 <= code <= 0xDFFF


def quote_path(shown: str) -> str:
    """`shown` as outputs show it: unchanged unless it holds a byte that is not UTF-8 or a
    control character, then quoted as git quotes it."""
    if shown.isprintable() or not any(_needs_quotes(ch) for ch in shown):
        return shown
    out = ['"']
    for ch in shown:
        if ch in _C_ESCAPES:
            out.append(_C_ESCAPES[ch])
        elif _needs_quotes(ch):
            # A surrogate stands for the byte it escapes (0xDC80 + byte); other ones are encoded.
            raw = ch.encode("utf-8", "surrogateescape") if 0xDC80 <= ord(ch) <= 0xDCFF else ch.encode("utf-8", "surrogatepass")
            out.extend(f"\\{b:03o}" for b in raw)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


_C_UNESCAPES = {v[1]: k for k, v in _C_ESCAPES.items()}


def path_bytes(shown: str) -> bytes:
    """The bytes of the name `shown` stands for (what quote_path quoted, unquoted again), for
    outputs that carry a name as bytes, such as SARIF's percent-encoded URIs."""
    if not (len(shown) >= 2 and shown[0] == shown[-1] == '"'):
        return shown.encode("utf-8", "surrogateescape")
    out = bytearray()
    inner, i = shown[1:-1], 0
    while i < len(inner):
        ch = inner[i]
        if ch == "\\" and inner[i + 1 : i + 4].isdigit() and len(inner[i + 1 : i + 4]) == 3:
            out.append(int(inner[i + 1 : i + 4], 8))
            i += 4
        elif ch == "\\" and inner[i + 1 : i + 2] in _C_UNESCAPES:
            out.extend(_C_UNESCAPES[inner[i + 1]].encode())
            i += 2
        else:
            out.extend(ch.encode("utf-8"))
            i += 1
    return bytes(out)
