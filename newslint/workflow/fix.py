"""`--fix` and `--diff`: put each fixable violation's replacement into its file.

A violation is fixable when its rule gave a `replacement` (and, for a fix that may remove real
content, `unsafe=True`, only with --unsafe-fixes). Fixes are applied as ruff applies them:
the non-overlapping ones in a pass, then the file is checked again in memory and the next pass
fixes what is left, until nothing fixable remains or MAX_PASSES is reached; the file is then
written once, atomically.

What stays true, byte for byte:
  - nothing outside a fixed span changes (line endings, a UTF-8 BOM, trailing text);
  - in JSON and JSONL only the changed part of a changed string value is re-encoded, with
    the value's other escapes (`\\/`, `\\u00e9`) left as they were;
  - in CSV only the changed cell changes (an unquoted cell is quoted when the new text needs
    it);
  - a fix is applied only where the file holds exactly the flagged text: a span of an HTML
    page's text view that crosses an entity or a tag is left alone, as is a replacement that
    would need escaping inside HTML;
  - a `.gz` file is fixed inside: decompressed, fixed, compressed again;
  - a file that is not UTF-8 is not rewritten (newslint writes only UTF-8), nor is a page that
    declares a legacy charset when its fixed text would not be ASCII.
"""

from __future__ import annotations

import difflib
import gzip
import json
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from json.decoder import scanstring
from pathlib import Path
from typing import NamedTuple

from ..article import LineIndex, Violation, line_break
from ..readers import format_of
from ..readers.decoding import decode
from ..readers.json_records import decoder, skip_ws, value_end
from ..readers.problems import input_error
from .atomic_write import write_atomically

MAX_PASSES = 10
BOM = b"\xef\xbb\xbf"
HTML_FORMATS = frozenset({".html", ".htm"})


class Edit(NamedTuple):
    """Replace text[start:end] with `text`; `fixes` is how many violations it settles."""

    start: int
    end: int
    text: str
    fixes: int = 1


def fixable(v: Violation, unsafe_fixes: bool) -> bool:
    return v.replacement is not None and (unsafe_fixes or not v.unsafe)


@dataclass
class FileFix:
    """What fixing one file did: its text before and after, and what could not be done."""

    path: Path | None
    display: str
    before: str
    after: str
    fixed: int = 0
    notes: list[str] = field(default_factory=list)
    raw_after: bytes = b""
    unwritten: bool = False  # fixed in memory, but the file could not be rewritten

    @property
    def changed(self) -> bool:
        return self.after != self.before

    def diff(self) -> str:
        a = self.before.splitlines(keepends=True)
        b = self.after.splitlines(keepends=True)
        out = []
        for line in difflib.unified_diff(a, b, f"a/{self.display}", f"b/{self.display}"):
            out.append(line)
            if not line.endswith("\n"):
                out.append("\n\\ No newline at end of file\n")
        return "".join(out)


# ---------------------------------------------------------------------------- applying


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """Apply the edits that do not overlap an earlier one (by start); return the new text and
    how many violations the applied edits settle. Identical edits from two rules count once
    in the text and twice in the count."""
    new_text, fixed, _ = _apply(text, edits)
    return new_text, fixed


def _inside(edit: Edit, regions: list[tuple[int, int]]) -> bool:
    return any(a <= edit.start and edit.end <= b for a, b in regions)


def _moved(pos: int, applied: list[Edit], right: bool) -> int:
    """Where an offset of the old text lies in the new one. An edit around it takes it to the
    edit's new start (a region's left end) or end (its right end); text inserted right at a
    region's end joins the region."""
    shift = 0
    for e in applied:  # sorted, not overlapping
        if e.end < pos or (e.end == pos and e.start < pos):
            shift += len(e.text) - (e.end - e.start)
        elif e.start < pos:
            return e.start + shift + (len(e.text) if right else 0)
        elif e.start == e.end == pos:
            if right:
                shift += len(e.text)
        else:
            break
    return pos + shift


def _apply(text: str, edits: Iterable[Edit]) -> tuple[str, int, list[Edit]]:
    """apply_edits, and the edits it applied (sorted by start)."""
    applied: list[Edit] = []
    parts: list[str] = []
    last = 0
    fixed = 0
    prev: Edit | None = None
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if prev is not None and (e.start, e.end, e.text) == (prev.start, prev.end, prev.text):
            fixed += e.fixes
            continue
        if e.start < last or (prev is not None and e.start == prev.start == prev.end == e.end):
            continue  # overlaps an applied edit: left for the next pass
        if text[e.start : e.end] == e.text:
            continue
        parts.append(text[last : e.start])
        parts.append(e.text)
        last = e.end
        fixed += e.fixes
        prev = e
        applied.append(e)
    parts.append(text[last:])
    return "".join(parts), fixed, applied


def text_edits(text: str, violations: list[Violation], html: bool) -> tuple[list[Edit], list[str]]:
    """Edits for a file whose violations carry file lines and columns (.txt, .md, .html)."""
    lines = LineIndex(text)
    # a text with classic Mac line ends is read as LF, one character for one (readers/text.py):
    # its findings' snippets hold LF where the file holds CR
    as_read = (lambda s: s.replace("\r", "\n")) if line_break(text) == "\r" else (lambda s: s)
    edits, notes = [], []
    for v in violations:
        if v.record is not None or v.line > len(lines.starts) or v.end_line > len(lines.starts):
            notes.append(f"{v.rule} at {v.line}:{v.column}: no place in the file to fix")
            continue
        a = lines.starts[v.line - 1] + v.column - 1
        b = lines.starts[v.end_line - 1] + v.end_column - 1
        if as_read(text[a:b]) != v.snippet:
            notes.append(f"{v.rule} at {v.line}:{v.column}: the flagged text is not stored as plain text here; not fixed")
            continue
        assert v.replacement is not None
        if html and any(c in v.replacement for c in _HTML_UNSAFE[_html_context(text, a)]):
            notes.append(f"{v.rule} at {v.line}:{v.column}: the replacement would need escaping here; not fixed")
            continue
        edits.append(Edit(a, b, v.replacement))
    return edits, notes


# Characters a replacement may not bring into each part of an HTML page unescaped.
_HTML_UNSAFE = {"text": "<>&", "tag": "<>&\"'", "script": "<>&\"'\\"}


def _html_context(text: str, at: int) -> str:
    """Whether `at` lies in text, inside a tag (an attribute value) or inside a script (JSON-LD)."""
    lower_open = text.rfind("<script", 0, at)
    if lower_open > text.rfind("</script", 0, at):
        return "script"
    return "tag" if text.rfind("<", 0, at) > text.rfind(">", 0, at) else "text"


# ---------------------------------------------------------------------------- JSON records


def _json_record_starts(text: str, fmt: str) -> dict[int, list[int]]:
    """{record line: offsets of the records that open on it}, found as the readers find them.

    Raises ValueError when the file does not parse cleanly: a file with broken records is not
    rewritten."""
    lines = LineIndex(text)
    starts: dict[int, list[int]] = {}
    if fmt in (".jsonl", ".ndjson"):
        for n, start in enumerate(lines.starts, 1):
            pos = _skip_ws_line(text, start)
            if pos < len(text) and text[pos] == "{":
                starts[n] = [pos]
        return starts
    pos = skip_ws(text, 0)
    if pos < len(text) and text[pos] == "{":
        return {lines.position(pos)[0]: [pos]}
    if pos >= len(text) or text[pos] != "[":
        raise ValueError("not a JSON object or list")
    pos = skip_ws(text, pos + 1)
    while pos < len(text) and text[pos] != "]":
        try:
            _, end = decoder.raw_decode(text, pos)
        except RecursionError:  # a record too deep for json (the reader reported it): step over it
            found = value_end(text, pos)
            if found is None:
                raise ValueError("a record nested too deeply to read") from None
            end = found
        if text[pos] == "{":
            starts.setdefault(lines.position(pos)[0], []).append(pos)
        pos = skip_ws(text, end)
        if pos < len(text) and text[pos] == ",":
            pos = skip_ws(text, pos + 1)
        elif pos >= len(text) or text[pos] != "]":
            raise ValueError("malformed list")
    return starts


def _skip_ws_line(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r":
        pos += 1
    return pos


def _string_members(text: str, pos: int) -> dict[str, tuple[int, int]]:
    """{key: (start, end) of the string literal, quotes included} for an object's own string
    values; a key given twice counts by its last value, as json.loads does."""
    assert text[pos] == "{"
    out: dict[str, tuple[int, int]] = {}
    i = skip_ws(text, pos + 1)
    if i < len(text) and text[i] == "}":
        return out
    while True:
        if text[i] != '"':
            raise ValueError("expected a key")
        key, i = scanstring(text, i + 1)
        i = skip_ws(text, i)
        if text[i] != ":":
            raise ValueError("expected ':'")
        i = skip_ws(text, i + 1)
        if text[i] == '"':
            _, end = scanstring(text, i + 1)
            out[key] = (i, end)
        else:
            _, end = decoder.raw_decode(text, i)
            out.pop(key, None)
        i = skip_ws(text, end)
        if text[i] == ",":
            i = skip_ws(text, i + 1)
        elif text[i] == "}":
            return out
        else:
            raise ValueError("expected ',' or '}'")


def _json_index_map(raw: str) -> list[int]:
    """For the inside of a JSON string literal: the raw offset of each decoded character, and
    of its end."""
    out = []
    j, n = 0, len(raw)
    while j < n:
        out.append(j)
        if raw[j] != "\\":
            j += 1
        elif raw[j + 1] != "u":
            j += 2
        else:
            cp = int(raw[j + 2 : j + 6], 16)
            pair = 0xD800 <= cp < 0xDC00 and raw[j + 6 : j + 8] == "\\u" and 0xDC00 <= int(raw[j + 8 : j + 12] or "0", 16) < 0xE000
            j += 12 if pair else 6
    out.append(n)
    return out


def _json_escaped(value: str, raw_literal: str) -> str:
    """`value` as the inside of a JSON string, in the literal's own style: non-ASCII kept as is
    unless the literal escapes it."""
    ascii_only = "\\u" in raw_literal and all(ord(c) < 128 for c in raw_literal)
    return json.dumps(value, ensure_ascii=ascii_only)[1:-1]


def json_edits(text: str, violations: list[Violation], fmt: str) -> tuple[list[Edit], list[str]]:
    try:
        starts = _json_record_starts(text, fmt)
    except (ValueError, IndexError) as exc:
        return [], [f"the file does not parse cleanly ({exc}); not rewritten"]
    members_at: dict[int, dict[str, tuple[int, int]]] = {}
    edits, notes = [], []
    # Violations that look alike (same record line, field, place and text) may belong to
    # different records on one line (a compact list): each goes to a different candidate.
    claimed: dict[tuple, int] = {}
    for v in violations:
        where = f"{v.rule} in record {v.record} [{v.field}]"
        candidates = []
        for pos in starts.get(v.record or 0, ()):
            if pos not in members_at:
                try:
                    members_at[pos] = _string_members(text, pos)
                except (ValueError, IndexError, RecursionError):
                    members_at[pos] = {}
            span = members_at[pos].get(v.field or "")
            if span is None:
                continue
            value, _ = scanstring(text, span[0] + 1)
            if value[v.column - 1 : v.end_column - 1] == v.snippet:
                candidates.append(span)
        like = (v.rule, v.record, v.field, v.column, v.end_column, v.snippet, v.replacement)
        k = claimed.get(like, 0)
        claimed[like] = k + 1
        if not candidates:
            notes.append(f"{where}: the flagged text is not a plain string value; not fixed")
            continue
        lit_start, lit_end = candidates[min(k, len(candidates) - 1)]
        inner = text[lit_start + 1 : lit_end - 1]
        index = _json_index_map(inner)
        a = lit_start + 1 + index[v.column - 1]
        b = lit_start + 1 + index[v.end_column - 1]
        assert v.replacement is not None
        edits.append(Edit(a, b, _json_escaped(v.replacement, inner)))
    return edits, notes


# ---------------------------------------------------------------------------- CSV


def _csv_cells(text: str, pos: int) -> tuple[list[tuple[int, int, bool]], int]:
    """The cells of the CSV row at `pos` as (start, end, quoted) raw spans (quotes included),
    and where the next row starts. Raises ValueError on what Python's csv reads leniently."""
    cells = []
    n = len(text)
    while True:
        start = pos
        if pos < n and text[pos] == '"':
            pos += 1
            while True:
                q = text.find('"', pos)
                if q == -1:
                    raise ValueError("unclosed quote")
                if text[q + 1 : q + 2] == '"':
                    pos = q + 2
                    continue
                pos = q + 1
                break
            cells.append((start, pos, True))
        else:
            while pos < n and text[pos] not in ',\r\n':
                if text[pos] == '"':
                    raise ValueError("quote inside an unquoted cell")
                pos += 1
            cells.append((start, pos, False))
        if pos < n and text[pos] == ",":
            pos += 1
            continue
        if text.startswith("\r\n", pos):
            return cells, pos + 2
        if pos < n and text[pos] in "\r\n":
            return cells, pos + 1
        if pos >= n:
            return cells, n
        raise ValueError("text after a closing quote")


def _csv_value(text: str, span: tuple[int, int, bool]) -> str:
    start, end, quoted = span
    return text[start + 1 : end - 1].replace('""', '"') if quoted else text[start:end]


def _csv_index_map(raw: str) -> list[int]:
    out, j = [], 0
    while j < len(raw):
        out.append(j)
        j += 2 if raw.startswith('""', j) else 1
    out.append(len(raw))
    return out


def csv_edits(text: str, violations: list[Violation]) -> tuple[list[Edit], list[str]]:
    lines = LineIndex(text)
    try:
        header_spans, _ = _csv_cells(text, 0)
    except ValueError as exc:
        return [], [f"the CSV header cannot be read exactly ({exc}); not rewritten"]
    column = {}
    for i, span in enumerate(header_spans):
        column[_csv_value(text, span).strip()] = i  # last wins, as dict(zip(header, row))
    edits, notes = [], []
    rows: dict[int, list[tuple[int, int, bool]] | None] = {}
    for v in violations:
        where = f"{v.rule} in row {v.record} [{v.field}]"
        line = v.record or 0
        if line not in rows:
            try:
                rows[line] = _csv_cells(text, lines.starts[line - 1])[0] if 1 < line <= len(lines.starts) else None
            except ValueError:
                rows[line] = None
        cells = rows[line]
        i = column.get(v.field or "")
        if cells is None or i is None or len(cells) != len(header_spans):
            notes.append(f"{where}: the row cannot be read exactly; not fixed")
            continue
        start, end, quoted = cells[i]
        value = _csv_value(text, cells[i])
        assert v.replacement is not None
        if value[v.column - 1 : v.end_column - 1] != v.snippet:
            notes.append(f"{where}: the flagged text is not in the cell; not fixed")
            continue
        if quoted:
            index = _csv_index_map(text[start + 1 : end - 1])
            a, b = start + 1 + index[v.column - 1], start + 1 + index[v.end_column - 1]
            edits.append(Edit(a, b, v.replacement.replace('"', '""')))
        elif any(c in v.replacement for c in ',"\r\n'):
            # The cell must be quoted now: the whole cell is rewritten, and nothing else.
            new = value[: v.column - 1] + v.replacement + value[v.end_column - 1 :]
            edits.append(Edit(start, end, '"' + new.replace('"', '""') + '"'))
        else:
            edits.append(Edit(start + v.column - 1, start + v.end_column - 1, v.replacement))
    return edits, notes


# ---------------------------------------------------------------------------- one file


def edits_for(fmt: str, text: str, violations: list[Violation]) -> tuple[list[Edit], list[str]]:
    if fmt in (".json", ".jsonl", ".ndjson"):
        return json_edits(text, violations, fmt)
    if fmt == ".csv":
        return csv_edits(text, violations)
    return text_edits(text, violations, fmt in HTML_FORMATS)


Relint = Callable[[str, bytes], list[Violation]]


def fix_file(path: Path | None, display: str, violations: list[Violation], relint: Relint,
             unsafe_fixes: bool = False, data: bytes | None = None) -> FileFix:
    """Fix one file in memory, pass after pass. `violations` are the file's findings as first
    reported (suppressed ones already left out); `relint(display, data)` checks a new version.
    `data` is the content when there is no file to read (standard input). What could not be
    done is in FileFix.notes.

    FileFix.fixed counts the findings given that are gone from the fixed text: what the user
    was shown and no longer sees. Fixes applied in later passes to findings the earlier fixes
    made (a chain of substitutions, two rules that respell one name each its own way) are not
    findings anyone was shown, so they are not counted."""
    name = path.name if path is not None else display
    fmt = format_of(name) or ".txt"
    if fmt == ".parquet":
        return FileFix(path, display, "", "", notes=["a Parquet file is not rewritten; fix its rows where they are made"])
    if data is not None:
        raw = data
    else:
        assert path is not None
        try:
            raw = path.read_bytes()
        except OSError as exc:
            return FileFix(path, display, "", "", notes=[f"cannot read: {exc.strerror or exc}"])
    compressed = name.lower().endswith(".gz") or raw[:2] == b"\x1f\x8b"
    data = raw
    if compressed:
        try:
            data = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error):
            return FileFix(path, display, "", "", notes=["cannot decompress; not rewritten"])
    bom = data.startswith(BOM)
    try:
        text = data[len(BOM) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError:
        encoding = decode(display, data, fmt).encoding
        note = ("not valid UTF-8; not rewritten" if encoding == "UTF-8" else
                f"read as {encoding}, not UTF-8; newslint writes only UTF-8, so the file was not rewritten")
        return FileFix(path, display, "", "", notes=[note])
    # A page that declares a legacy charset and holds only ASCII is read in that charset: it is
    # rewritten only if its fixed text is ASCII too, the same bytes in either encoding.
    legacy = fmt in HTML_FORMATS and data.isascii() and decode(display, data, fmt).encoding
    result = FileFix(path, display, text, text)
    current = [v for v in violations if v.path == display]
    shown = [v for v in current if fixable(v, unsafe_fixes)]
    # Only the text the user was shown is changed: every edit, in any pass, lies inside the
    # span of a finding of the first report (moved along as earlier edits change the text). A
    # later pass finishes what overlapping fixes left there ("Pusan port": one rule respells
    # the name, another then names the port in full); a finding the fixes made elsewhere (a
    # paragraph joined where an empty element was removed, now with a second spelling of a
    # name) is reported after the run, never fixed unseen.
    first_edits, _ = edits_for(fmt, text, shown + [w for v in shown for w in v.also])
    regions = [(e.start, e.end) for e in first_edits]
    notes: list[str] = []
    for _ in range(MAX_PASSES):
        todo = [v for v in current if fixable(v, unsafe_fixes)]
        if not todo:
            notes = []
            break
        # Only the last pass's notes are kept: they name what is still left unfixed.
        edits, notes = edits_for(fmt, result.after, todo)
        more = [w for v in todo for w in v.also]
        if more:  # the other occurrences of a finding reported once: edits that settle no violation
            more_edits, more_notes = edits_for(fmt, result.after, more)
            edits += [e._replace(fixes=0) for e in more_edits]
            notes += more_notes
        edits = [e for e in edits if _inside(e, regions)]
        new_text, fixed, applied = _apply(result.after, edits)
        if fixed == 0 or new_text == result.after:
            break
        regions = [(_moved(a, applied, False), _moved(b, applied, True)) for a, b in regions]
        result.after = new_text
        body = _encode(new_text, bom)
        current = relint(display, gzip.compress(body, compresslevel=1) if compressed else body)
    result.notes = notes
    result.fixed = _gone(shown, current) if result.changed else 0
    if legacy and legacy != "UTF-8" and not result.after.isascii():
        note = f"the page declares {legacy} and its fixed text is not all ASCII, which newslint would write in UTF-8; not rewritten"
        return FileFix(path, display, text, text, notes=[note])
    if result.changed:
        body = _encode(result.after, bom)
        result.raw_after = _recompress(raw, body) if compressed else body
    return result


def _gone(shown: list[Violation], now: list[Violation]) -> int:
    """How many of the findings shown are not found any more: matched by rule, record, field
    and flagged text (their places move as fixes change the text), each match used once."""
    left = Counter((v.rule, v.record, v.field, v.snippet) for v in now)
    gone = 0
    for v in shown:
        key = (v.rule, v.record, v.field, v.snippet)
        if left[key] > 0:
            left[key] -= 1
        else:
            gone += 1
    return gone


def _encode(text: str, bom: bool) -> bytes:
    body = text.encode("utf-8")
    return BOM + body if bom else body


def _recompress(original: bytes, body: bytes) -> bytes:
    """Compress again, keeping the original gzip header's time stamp."""
    mtime = int.from_bytes(original[4:8], "little") if len(original) >= 8 else 0
    return gzip.compress(body, mtime=mtime)


# ---------------------------------------------------------------------------- a run


@dataclass
class FixOutcome:
    files: list[FileFix] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # An `input-error` finding for each file whose fixed version could not be written.
    errors: list[Violation] = field(default_factory=list)

    @property
    def fixed(self) -> int:
        return sum(f.fixed for f in self.files if f.changed and not f.unwritten)

    @property
    def changed(self) -> list[FileFix]:
        return [f for f in self.files if f.changed]

    def diff(self) -> str:
        return "".join(f.diff() for f in self.changed)


def fix_files(violations: list[Violation], files: dict[str, Path], relint: Relint,
              unsafe_fixes: bool = False, write: bool = True, stdin: dict[str, bytes] | None = None) -> FixOutcome:
    """Fix every file that has a fixable violation; write the changed ones unless `write` is
    False (--diff). `stdin` holds what standard input gave, by its display name: it can be
    shown as a diff, never rewritten."""
    outcome = FixOutcome()
    by_path: dict[str, list[Violation]] = {}
    for v in violations:
        if fixable(v, unsafe_fixes):
            by_path.setdefault(v.path, [])
    for v in violations:
        if v.path in by_path:
            by_path[v.path].append(v)
    for display, found in by_path.items():
        path = files.get(display)
        data = (stdin or {}).get(display) if path is None else None
        if path is None and data is None:
            continue
        if path is None and write:
            outcome.notes.append(f"{display}: standard input is not rewritten; use --diff to see the fixes")
            continue
        result = fix_file(path, display, found, relint, unsafe_fixes, data)
        outcome.files.append(result)
        outcome.notes.extend(f"{display}: {note}" for note in result.notes)
        if write and result.changed and path is not None:
            try:
                write_atomically(path, result.raw_after)
            except OSError as exc:
                # The file is as it was; the other files are still fixed and the run reports.
                result.unwritten = True
                why = exc.strerror or str(exc)
                outcome.errors.append(input_error(display, 1, 1, f"--fix could not rewrite this file ({why}); it was left as it was"))
    return outcome
