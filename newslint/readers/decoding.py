"""From a file's bytes to its text, as a browser or a careful reader would decode them.

Web pages (`.html`, `.htm`) are sniffed as the HTML standard says: a byte-order mark first
(UTF-8, UTF-16LE, UTF-16BE), then the charset the page declares in its first 4 KB
(`<meta charset>`, `<meta http-equiv="Content-Type">`), else detection. Declared labels are
mapped to codecs by w3lib as browsers map them (`iso-8859-1` and `ascii` mean windows-1252,
`gb2312` means GB18030, `shift_jis` means Windows-31J).

Everything else is UTF-8 (a UTF-8 byte-order mark is dropped; a file that opens with a UTF-16
or UTF-32 byte-order mark is read in that encoding, with one input-error saying it is not UTF-8).
A page that opens with a UTF-32 byte-order mark is read as UTF-32 too.

What is a finding, and what is not:
  - a page whose bytes decode cleanly under the charset it declares: none;
  - a page that declares a legacy charset but whose bytes are UTF-8 with non-ASCII characters
    was saved again as UTF-8 by the scraper (which kept the page's meta tag): read as UTF-8, none;
  - a file that should be UTF-8 (a page that declares UTF-8 or nothing, any other format) but
    is not: one input-error at its first byte that is not UTF-8, naming the encoding that
    charset-normalizer finds and that decodes the whole file cleanly; the file is read as that.
    A file whose non-ASCII text is mostly valid UTF-8 is taken as UTF-8 with a few damaged bytes
    instead: guessing an encoding for it would garble the good part;
  - bytes invalid in the encoding finally used: one input-error each, at its place, replaced by
    U+FFFD (at most MAX_DECODE_REPORTS, then one line that says more follow).

Lines and columns are counted in characters of the text as decoded.
"""

from __future__ import annotations

import codecs
from typing import NamedTuple

from ..article import LineIndex, Violation
from .problems import input_error

__all__ = ["Decoded", "decode"]

HTML_FORMATS = frozenset({".html", ".htm"})
MAX_DECODE_REPORTS = 10
# Detection reads this much of a file, from just before its first byte that is not UTF-8.
SAMPLE_BYTES = 64 * 1024
UTF8_BOM = codecs.BOM_UTF8
# The byte-order marks the HTML standard honours, then UTF-32's. Browsers do not read UTF-32 (a
# page in it was written by some other tool), but the mark is as sure as the others, and without
# it the text would be read as UTF-16 full of NULs. UTF-32LE's mark begins with UTF-16LE's, so it
# is looked for first.
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))

# The encodings a detector may propose: the legacy encodings of the WHATWG Encoding Standard, as
# charset-normalizer names them, commonest on the web first; ISO-8859-1 is left out (browsers read
# it as windows-1252). Detecting single-byte text is ambiguous: German decodes to the same text in
# windows-1250 and windows-1252, and Polish in ISO-8859-2 fits ISO-8859-14 and ISO-8859-10 about as
# well. So among the encodings whose mess scores tie (within CHAOS_TIE), one in common use comes
# before a rare one, then the better fit to a language (coherence), then the commoner; and among
# encodings that give the same text, the commonest name is the one users are told.
COMMON_ENCODINGS = (
    "cp1252", "cp1251", "cp949", "euc_kr", "cp932", "shift_jis", "gb18030", "gbk", "gb2312", "cp1250",
    "iso8859_2", "euc_jp", "big5", "cp1256", "cp1254", "iso8859_15", "cp874", "cp1253", "cp1255", "cp1257",
    "koi8_r", "iso8859_5", "iso8859_7", "iso8859_6", "iso8859_8",
)
RARE_ENCODINGS = (
    "koi8_u", "cp1258", "iso8859_13", "iso8859_4", "iso8859_10", "iso8859_14", "iso8859_16", "iso8859_3",
    "cp866", "mac_roman", "mac_cyrillic",
)
_RANK = {name: i for i, name in enumerate(COMMON_ENCODINGS + RARE_ENCODINGS)}
# Mess ("chaos") scores closer than this are a tie: a few odd characters in a sample of thousands.
CHAOS_TIE = 0.005
# Bytes below 0x40 are never the second byte of a character in the multi-byte encodings above,
# so a sample cut just after one of these starts and ends on whole characters.
_SAFE_CUTS = (b"\n", b" ", b"<", b">", b",")

# What users are told: the Encoding Standard's names, not Python's codec names.
_NAMES = {
    "utf-8": "UTF-8", "utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE", "utf-32-le": "UTF-32LE", "utf-32-be": "UTF-32BE",
    "cp932": "Shift_JIS", "shift_jis": "Shift_JIS", "euc_jp": "EUC-JP", "iso2022_jp": "ISO-2022-JP",
    "gb18030": "GB18030", "gbk": "GBK", "gb2312": "GB2312", "big5": "Big5", "big5hkscs": "Big5",
    "cp949": "EUC-KR", "euc_kr": "EUC-KR", "koi8-r": "KOI8-R", "koi8-u": "KOI8-U", "cp866": "IBM866",
    "mac-roman": "macintosh", "mac-cyrillic": "x-mac-cyrillic", "cp874": "windows-874",
}


class Decoded(NamedTuple):
    """A file's text, the input-errors found while decoding it, and the encoding it was read
    in, by the name users know it (`UTF-8`, `windows-1252`, `Shift_JIS`)."""

    text: str
    problems: list[Violation]
    encoding: str


def _encoding_name(codec: str) -> str:
    name = codecs.lookup(codec).name
    if name in _NAMES:
        return _NAMES[name]
    if name.startswith("cp125"):
        return "windows-" + name[2:]
    if name.startswith("iso8859-"):
        return "ISO-8859-" + name[len("iso8859-") :]
    return name


def decode(path: str, data: bytes, fmt: str) -> Decoded:
    """The text of a file of format `fmt` (a reader suffix such as `.html` or `.jsonl`)."""
    if fmt in HTML_FORMATS:
        return _decode_page(path, data)
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    try:
        return Decoded(data.decode("utf-8"), [], "UTF-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    for bom, codec in _BOMS[1:]:
        if data.startswith(bom):  # a spreadsheet's "Unicode text" export: sure, but not UTF-8
            text, problems, name = _decode_reporting(path, data[len(bom) :], codec)
            said = f"not UTF-8: the file is {name} (it opens with that byte-order mark) and was read as {name}"
            return Decoded(text, [input_error(path, 1, 1, said), *problems], name)
    return _not_utf8(path, data, bad, "the file is not UTF-8")


def _decode_page(path: str, data: bytes) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_reporting(path, data[len(bom) :], codec)
    from w3lib.encoding import html_body_declared_encoding  # pages only: spares a text run's start-up

    declared = html_body_declared_encoding(data)
    if declared is not None and declared.startswith(("utf-16", "utf-32")):
        # A meta tag readable as ASCII is not in UTF-16: the standard reads such a page as UTF-8.
        declared = "utf-8"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if declared is None or declared == "utf-8":
            said = "the page declares UTF-8 but is not UTF-8" if declared else "the page declares no charset and is not UTF-8"
            return _not_utf8(path, data, exc.start, said)
        return _decode_reporting(path, data, declared)
    if declared is None or declared == "utf-8" or not data.isascii():
        # (a page that declares a legacy charset but holds non-ASCII UTF-8 was saved again as
        # UTF-8 by the scraper, which kept the page's meta tag)
        return Decoded(text, [], "UTF-8")
    return _decode_reporting(path, data, declared)  # ASCII bytes: ISO-2022-JP spells text in them


def _not_utf8(path: str, data: bytes, bad: int, said: str) -> Decoded:
    """A file that should be UTF-8 but is not, `bad` its first byte that is not UTF-8."""
    if _mostly_utf8(data):
        return _decode_reporting(path, data, "utf-8")
    found = _detect(data, bad)
    if found is None:
        return _decode_reporting(path, data, "utf-8")
    codec, text = found
    # The characters before the bad byte; an incremental decoder leaves out a character cut in two.
    offset = len(codecs.getincrementaldecoder(codec)().decode(data[:bad]))
    line, column = LineIndex(text).position(offset)
    name = _encoding_name(codec)
    message = f"{said} (byte 0x{data[bad]:02x} here is not valid UTF-8): it looks like {name} and was read as {name}"
    return Decoded(text, [input_error(path, line, column, message)], name)


def _mostly_utf8(data: bytes) -> bool:
    """Whether the file's non-ASCII text is at least as much valid UTF-8 as invalid sequences:
    a UTF-8 file with damaged bytes. (Text in a legacy encoding seldom forms valid UTF-8: in
    windows-1252 that takes a capital accented letter followed by a curly quote or a symbol.)"""
    text = data.decode("utf-8", "replace")
    replaced = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return non_ascii - replaced >= replaced


def _detect(data: bytes, bad: int) -> tuple[str, str] | None:
    """The codec and text of the likeliest encoding that charset-normalizer finds in a sample
    from just before byte `bad` and that decodes the whole file cleanly."""
    from charset_normalizer import from_bytes  # only files that are not UTF-8 need it

    start = _cut(data, max(0, bad - 1024), bad) if bad > 0 else 0
    end = start + SAMPLE_BYTES
    if end < len(data):
        end = _cut(data, start + SAMPLE_BYTES // 2, end)
    matches = list(from_bytes(data[start:end], cp_isolation=[*COMMON_ENCODINGS, *RARE_ENCODINGS], preemptive_behaviour=False))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    # Each match is a group of encodings that decode the sample to the same text, best name first.
    groups = [sorted(m.could_be_from_charset, key=lambda n: _RANK.get(n, len(_RANK))) for m in matches]
    _coherence = {g[0]: m.coherence for g, m in zip(groups, matches)}
    near = sorted(
        (g for g, m in zip(groups, matches) if m.chaos <= least + CHAOS_TIE),
        key=lambda g: (g[0] not in COMMON_ENCODINGS, -round(_coherence[g[0]], 2), _RANK.get(g[0], len(_RANK))),
    )
    from w3lib.encoding import resolve_encoding

    for name in dict.fromkeys(name for g in near + groups for name in g):
        codec = resolve_encoding(name) or name
        try:
            return codec, data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def _cut(data: bytes, lo: int, hi: int) -> int:
    """The last place in data[lo:hi] just after a byte that ends a character in every
    encoding; `hi` when there is none."""
    found = max(data.rfind(c, lo, hi) for c in _SAFE_CUTS)
    return found + 1 if found >= 0 else hi


def _decode_reporting(path: str, data: bytes, codec: str) -> Decoded:
    """The text of data in `codec`, each invalid byte sequence replaced by U+FFFD and reported
    at its place."""
    name = _encoding_name(codec)
    try:
        return Decoded(data.decode(codec), [], name)
    except UnicodeDecodeError:
        pass
    parts: list[str] = []
    bad: list[tuple[int, int]] = []  # (character offset in the text, first invalid byte)
    more_at = -1
    pos = chars = 0
    while pos <= len(data):
        try:
            parts.append(data[pos:].decode(codec))
            break
        except UnicodeDecodeError as exc:
            good = data[pos : pos + exc.start].decode(codec)
            parts.append(good)
            chars += len(good)
            if len(bad) == MAX_DECODE_REPORTS:
                more_at = chars
                parts.append(data[pos + exc.start :].decode(codec, "replace"))
                break
            bad.append((chars, data[pos + exc.start]))
            parts.append("\ufffd")
            chars += 1
            pos += exc.end
    text = "".join(parts)
    lines = LineIndex(text)
    problems = [
        input_error(path, *lines.position(at), f"invalid {name} (byte 0x{byte:02x}); it was replaced by U+FFFD and the rest checked")
        for at, byte in bad
    ]
    if more_at >= 0:
        problems.append(input_error(path, *lines.position(more_at), f"more invalid {name} follows; not listed"))
    return Decoded(text, problems, name)
