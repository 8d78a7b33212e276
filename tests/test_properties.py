"""Property tests: random scraped articles against what must hold for every input.

Articles are built by hypothesis from the pieces scrapers leave in real news (datelines, photo
captions with credits, names in two romanisations, empty and filled tags, promo lines, time
stamps) mixed with odd Unicode (combining marks, right-to-left text, NUL, emoji, the line
separators str.splitlines() knows) and written as the seed `.txt` format, JSON lines or an HTML
page, with LF, CRLF or CR line ends. For each:

- nothing crashes: no exception, no `check-error` finding;
- every finding lies inside the file: its line is a line of the file, its columns lie inside
  that line, its end is not before its start, and its snippet is the text at that place;
- two runs give the same findings, byte for byte;
- `--fix` is idempotent (fixing the fixed file changes nothing) and changes no character
  outside the spans of the findings it fixes.

The engine and fixer are called in-process (the command line's start-up would dominate).
"""

from __future__ import annotations

import datetime as dt
import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lint_helpers import default_rules

from newslint.article import LineIndex, Violation, line_break
from newslint.config import select_rules
from newslint.engine import CHECK_ERROR, Engine
from newslint.formatters import json_format
from newslint.formatters.report import Report
from newslint.readers import INPUT_ERROR, format_of, read_bytes
from newslint.text.dates import _NearestAnchor, resolve_year
from newslint.text.lines import TextLines
from newslint.workflow.fix import BOM, fix_file, fixable

# The same 60 examples a test on every run, so CI cannot fail at random. NEWSLINT_EXPLORE=N draws
# N new ones a test instead, to look for bugs.
EXPLORE = int(os.environ.get("NEWSLINT_EXPLORE", "0"))
PROPERTY = settings(max_examples=EXPLORE or 60, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    derandomize=not EXPLORE)

# ---------------------------------------------------------------- article pieces

NAMES = [("Kim Jong Un", "Kim Jong-un"), ("Choe Son Hui", "Choe Son-hui"), ("Yoon Suk Yeol", "Yoon Suk-yeol"),
         ("Ri Sol Ju", "Ri Sol-ju"), ("Xi Jinping", "Xi Jin-ping")]
PLACES = ["SEOUL", "PYONGYANG", "Tokyo", "BEIJING", "Busan"]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CREDITS = ["AP-Yonhap", "Yonhap", "Reuters", "AFP", "KCNA-Yonhap"]
TAGS = ["<b></b>", "<strong> </strong>", "<em>&nbsp;</em>", "<i><b></b></i>", "<span></span>", "<em>new</em>",
        "<b>key</b>", "<p></p>", "<br>", "a <5% rise", "<!-- c -->"]
PROMO = ["Related Articles", "Subscribe to our newsletter", "Click here to read more", "Most Viewed",
         "[ANALYSIS] Seoul weighs its options over sanctions", "Copyright (c) Yonhap News Agency"]
# Combining marks, right-to-left text and controls, NUL, emoji with modifiers and joiners, a
# byte-order mark inside the text, and the separators that str.splitlines() breaks at but "\n"
# splitting does not.
ODD = ["e\u0301", "\u0928\u093f", "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645",
       "\u202eevil\u202c", "\u05e9\u05dc\u05d5\u05dd", "\x00", "\U0001f44d\U0001f3fd", "\U0001f469\u200d\U0001f4bb",
       "\ufeff", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\u00a0", "\u200b", "\t", "\u0130stanbul", "\u1e9e"]
TEXT_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r")


@st.composite
def dates(draw) -> str:
    m, d = draw(st.integers(0, 11)), draw(st.integers(1, 31))
    year = draw(st.sampled_from(["", f", {draw(st.integers(1998, 2030))}"]))
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return f"{MONTHS[m]} {d}{year}"
    if kind == 1:
        return f"{draw(st.sampled_from(WEEKDAYS))}, {MONTHS[m]} {d}{year}"
    if kind == 2:
        return f"{draw(st.integers(1998, 2030))}-{m + 1:02d}-{min(d, 28):02d} {draw(st.integers(0, 23)):02d}:33"
    return f"{d} {MONTHS[m].rstrip('.')} {draw(st.integers(1998, 2030))}"


@st.composite
def sentences(draw) -> str:
    name = draw(st.sampled_from(NAMES))[draw(st.integers(0, 1))]
    date = draw(dates())
    kind = draw(st.integers(0, 7))
    if kind == 0:
        return f"{draw(st.sampled_from(PLACES))}, {date} (Yonhap) -- {name} said on {draw(st.sampled_from(WEEKDAYS))} that talks would resume."
    if kind == 1:
        return f"A TV screen shows {name} during a news program in Seoul, {date}. {draw(st.sampled_from(CREDITS))}"
    if kind == 2:
        return f"The plan{draw(st.sampled_from(TAGS))} was set out on {date}, \u201c{name}\u201d said, as \"talks\" went on."
    if kind == 3:
        return draw(st.sampled_from(PROMO))
    if kind == 4:
        return f"Updated: {date} | {name} met officials last year on {date}."
    if kind == 5:
        return "".join(draw(st.lists(st.one_of(st.sampled_from(ODD), st.text(TEXT_CHARS, max_size=12)), max_size=6)))
    return f"{name} {draw(st.sampled_from(TAGS))} visited {draw(st.sampled_from(PLACES))} on {date}{draw(st.sampled_from(ODD))}."


@st.composite
def articles(draw) -> dict:
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=7))
    if draw(st.booleans()):  # a caption saved twice
        paragraphs.insert(0, paragraphs[0])
    return {
        "title": draw(st.sampled_from(["Kim Jong Un inspects a factory", "Talks resume in Seoul", "\u0645\u0631\u062d\u0628\u0627 news"])),
        "date": f"{draw(st.integers(1998, 2030))}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d} 10:12:00",
        "url": draw(st.sampled_from(["", "https://news.example/2024/09/14/story.html", "https://news.example/view?ud=20230101"])),
        "paragraphs": paragraphs,
        "newline": draw(st.sampled_from(["\n", "\r\n", "\r"])),
        "blank_between": draw(st.booleans()),
    }


def as_txt(a: dict) -> tuple[str, bytes]:
    nl = a["newline"]
    head = [f"{a['title']} \u00a0 DATE: {a['date']}"] + ([f"URL: {a['url']}"] if a["url"] else [])
    body = (nl + nl if a["blank_between"] else nl).join(a["paragraphs"])
    return "article.txt", (nl.join(head) + nl + nl + body + nl).encode("utf-8")


def as_jsonl(a: dict) -> tuple[str, bytes]:
    record = {"title": a["title"], "date_publish": a["date"], "url": a["url"], "maintext": "\n".join(a["paragraphs"])}
    other = dict(record, title="Second record", maintext=a["paragraphs"][-1])
    lines = [json.dumps(record, ensure_ascii=a["blank_between"]), json.dumps(other, ensure_ascii=False)]
    # JSON lines end with LF (CRLF read too); a lone CR ends no line there, so the file is one
    # malformed record, rightly reported as such
    nl = "\n" if a["newline"] == "\r" else a["newline"]
    return "batch.jsonl", (nl.join(lines) + nl).encode("utf-8")


def as_html(a: dict) -> tuple[str, bytes]:
    nl = a["newline"]
    date = a["date"].replace(" ", "T")
    paras = nl.join(f"<p>{p}</p>" for p in a["paragraphs"])
    page = (f"<!DOCTYPE html>{nl}<html><head><meta charset=\"utf-8\">{nl}<title>{a['title']}</title>{nl}"
            f"<meta property=\"article:published_time\" content=\"{date}\">{nl}</head><body>"
            f"<nav><a href=\"/\">Home</a></nav>{nl}<article>{nl}<h1>{a['title']}</h1>{nl}{paras}{nl}</article>{nl}"
            f"<footer><p>Contact</p></footer>{nl}</body></html>{nl}")
    return "page.html", page.encode("utf-8")


FORMATS = {"txt": as_txt, "jsonl": as_jsonl, "html": as_html}
files = st.tuples(st.sampled_from(sorted(FORMATS)), articles()).map(lambda t: FORMATS[t[0]](t[1]))

# ---------------------------------------------------------------- running newslint in-process

RULES = select_rules(list(default_rules().values()), [], [])


def lint(name: str, data: bytes, cross_article: bool = True) -> list[Violation]:
    engine = Engine(list(RULES), {}, cross_article=cross_article)
    found = list(engine.check_items(read_bytes(name, data, format_of(name) or ".txt", {})))
    found += engine.finish()
    return sorted(found, key=Violation.sort_key)


def relint(name: str, data: bytes) -> list[Violation]:
    return lint(name, data, cross_article=False)


def rendered(violations: list[Violation]) -> bytes:
    out = json_format.render(violations, Report(1, 1, list(RULES)))
    # the snippet and the fix are part of what a run decides, though the JSON keys leave them out
    extra = json.dumps([(v.snippet, v.replacement, v.unsafe, [w.snippet for w in v.also]) for v in violations])
    return (out + extra).encode("utf-8")


def decoded(data: bytes) -> str:
    return data[len(BOM):].decode("utf-8") if data.startswith(BOM) else data.decode("utf-8")


# ---------------------------------------------------------------- properties


@PROPERTY
@given(files)
def test_no_crash_and_every_finding_points_at_its_text(file):
    name, data = file
    violations = lint(name, data)
    assert [v for v in violations if v.rule == CHECK_ERROR] == []
    if b"\x00" not in data:  # NUL makes a file binary; anything else here is readable
        assert [v for v in violations if v.rule == INPUT_ERROR] == []
    text = decoded(data)
    lines = text.split(line_break(text))  # a CR alone ends a line in a text without LF
    for v in violations:
        assert (v.end_line, v.end_column) >= (v.line, v.column), v
        assert 1 <= v.line <= len(lines) and 1 <= v.end_line <= len(lines), v
        if v.record is not None:  # columns count characters of the record's field value
            record = json.loads(lines[v.record - 1])
            value = next(val for key, val in record.items() if key == v.field)
            assert v.line == v.record and 1 <= v.column <= v.end_column <= len(value) + 1, v
            assert value[v.column - 1 : v.end_column - 1] == v.snippet, v
            continue
        assert 1 <= v.column <= len(lines[v.line - 1]) + 1, v
        assert 1 <= v.end_column <= len(lines[v.end_line - 1]) + 1, v
        # (an HTML body is a text view: entities and tags differ; an input error has no snippet)
        if name.endswith(".txt") and v.rule != INPUT_ERROR:
            index = LineIndex(text)
            a = index.starts[v.line - 1] + v.column - 1
            b = index.starts[v.end_line - 1] + v.end_column - 1
            # (a file with classic Mac line ends is read as LF, one character for one)
            flagged = text[a:b].replace("\r", "\n") if line_break(text) == "\r" else text[a:b]
            assert flagged == v.snippet, v


@PROPERTY
@given(files)
def test_two_runs_give_the_same_bytes(file):
    name, data = file
    assert rendered(lint(name, data)) == rendered(lint(name, data))


def _fixed_spans(text: str, violations: list[Violation]) -> list[tuple[int, int]]:
    """The character spans of the file that a fix of these violations may change."""
    index = LineIndex(text)
    spans = []
    for v in violations:
        for w in (v, *v.also):
            a = index.starts[w.line - 1] + w.column - 1
            b = index.starts[w.end_line - 1] + w.end_column - 1
            spans.append((a, b))
    return spans


def _kept_outside(before: str, after: str, spans: list[tuple[int, int]]) -> bool:
    """Whether `after` is `before` with only the given spans replaced: the text between the
    spans comes back in order, the first piece at the start and the last at the end. (Placing
    each piece at its earliest occurrence finds an alignment whenever one exists.)"""
    if not spans:
        return after == before
    pieces, last = [], 0
    for a, b in sorted(spans):
        if a > last:
            pieces.append(before[last:a])
        last = max(last, b)
    tail = before[last:]
    head = pieces.pop(0) if pieces and sorted(spans)[0][0] > 0 else ""
    if not after.startswith(head) or not after.endswith(tail) or len(head) + len(tail) > len(after):
        return False
    pos, end = len(head), len(after) - len(tail)
    for piece in pieces:
        at = after.find(piece, pos, end)
        if at == -1:
            return False
        pos = at + len(piece)
    return True


def fixed(name: str, data: bytes) -> tuple[list[Violation], bytes]:
    """What `newslint --fix` does to a file: the findings it starts from, and the new bytes."""
    violations = lint(name, data)
    result = fix_file(None, name, violations, relint, data=data)
    return violations, (result.raw_after if result.changed else data)


@PROPERTY
@given(files)
def test_fix_is_idempotent(file):
    """A second --fix changes nothing, unless the first one's own report showed fixable
    findings that its fixes brought about. --fix changes only what the report it starts from
    showed (the property below), so a cascade (a name respelled in one of two captions makes
    them identical, and the copy is now a duplicated caption) takes a second run, after the
    first run has reported the new finding. A finding the first report showed is never left."""
    name, data = file
    shown, after = fixed(name, data)
    again = fix_file(None, name, lint(name, after), relint, data=after)
    if not again.changed:
        return
    first = {_identity(v, data) for v in shown if fixable(v, False)}
    left = [v for v in lint(name, after) if fixable(v, False)]
    assert left and all(_identity(v, after) not in first for v in left), (after, again.raw_after)


def _identity(v: Violation, data: bytes) -> tuple:
    """A finding by rule, field, flagged text and the file text just before it: the same
    finding after a fix elsewhere moved it, while the same name flagged at another place (a
    paragraph the fix joined) is another finding."""
    if v.record is not None:
        return v.rule, v.record, v.field, v.snippet
    text = decoded(data)
    starts = LineIndex(text).starts
    at = starts[v.line - 1] + v.column - 1 if v.line <= len(starts) else len(text)
    return v.rule, v.field, v.snippet, text[max(0, at - 12) : at]


# Removing `<p></p>` from "<p>Related Articles Kim Jong-un <p></p> visited Seoul.</p>" joins the
# two halves of the paragraph into one line of prose, where the second pass of --fix finds and
# respells "Kim Jong-un": a change the first report never showed ("Fixed 2" after 1 shown).
CASCADE = as_html({
    "title": "Kim Jong Un inspects a factory", "date": "1998-01-01 10:12:00", "url": "", "newline": "\n",
    "blank_between": False,
    "paragraphs": ["SEOUL, Jan. 1 (Yonhap) -- Kim Jong Un said on Monday that talks would resume.",
                   "Related Articles Kim Jong-un <p></p> visited SEOUL on Jan. 1."],
})


@PROPERTY
@given(files)
def test_fix_changes_only_the_spans_it_reports(file):
    assert_fix_changes_only_reported_spans(*file)


def test_fix_does_not_respell_a_name_the_report_never_showed():
    # found by the property tests: removing the empty <p> joins the paragraph, and a later pass
    # used to respell the name the join brought to light, a change no finding had shown
    assert_fix_changes_only_reported_spans(*CASCADE)


def assert_fix_changes_only_reported_spans(name: str, data: bytes) -> None:
    violations, after = fixed(name, data)
    if after == data:
        return
    assert after.startswith(BOM) == data.startswith(BOM)
    fixes = [v for v in violations if fixable(v, False)]
    before_text, after_text = decoded(data), decoded(after)
    if name.endswith(".jsonl"):
        _records_kept_outside(before_text, after_text, fixes)
    else:
        assert _kept_outside(before_text, after_text, _fixed_spans(before_text, fixes)), (before_text, after_text)


def _records_kept_outside(before: str, after: str, fixes: list[Violation]) -> None:
    """JSON lines: a record no fix names is the same bytes; in a fixed one, only the named
    fields change, and only inside the fixed spans of their values."""
    old_lines, new_lines = before.split("\n"), after.split("\n")
    assert len(old_lines) == len(new_lines)
    by_record: dict[int, list[Violation]] = {}
    for v in fixes:
        for w in (v, *v.also):
            by_record.setdefault(w.record, []).append(w)
    for number, (old, new) in enumerate(zip(old_lines, new_lines), 1):
        if number not in by_record:
            assert old == new
            continue
        old_record, new_record = json.loads(old), json.loads(new)
        assert list(old_record) == list(new_record)
        for key in old_record:
            spans = [(w.column - 1, w.end_column - 1) for w in by_record[number] if w.field == key]
            if not spans:
                assert old_record[key] == new_record[key], key
            else:
                assert _kept_outside(old_record[key], new_record[key], spans), (key, old_record[key], new_record[key])


# ---------------------------------------------------------------- the indexes that keep long articles linear


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("ab \n.\"\u201c\u201d"), max_size=40), st.data())
def test_text_lines_answers_as_the_string_methods_do(text, data):
    lines = TextLines(text)
    at = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, at))
    hi = data.draw(st.integers(at, len(text)))
    assert lines.start(at) == text.rfind("\n", 0, at) + 1
    assert lines.end(at) == (len(text) if text.find("\n", at) == -1 else text.find("\n", at))
    assert lines.number(at) == text.count("\n", 0, at)
    head = text[lo:at]
    assert lines.in_quote(lo, at) == (head.count("\u201c") > head.count("\u201d") or head.count('"') % 2 == 1)
    assert lines.stop_before(lo, at) == text.rfind(". ", lo, at)
    assert lines.stop_after(at, hi) == text.find(". ", at, hi)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)), min_size=1, max_size=8),
       st.integers(1, 12), st.integers(1, 31))
def test_nearest_anchor_is_the_anchor_by_anchor_search(anchors, month, day):
    """A year-less date takes its year from the anchor it lies nearest, the first such anchor
    on a tie: what trying every anchor in turn gives."""
    best = None
    for a in anchors:
        d = resolve_year(month, day, a)
        if d is not None and (best is None or abs(d - a) < best[0]):
            best = (abs(d - a), d)
    assert _NearestAnchor(anchors).resolve(month, day) == best


# ---------------------------------------------------------------- found by the property tests


def test_a_seed_file_with_cr_line_ends_keeps_its_header():
    # (found by the properties: it was read as one line, headline and DATE header lost)
    data = ("Talks resume in Seoul \u00a0 DATE: 2024-09-14 10:12:00\r\r"
            "SEOUL, Sept. 14 (Yonhap) -- Kim Jong Un said on Saturday that talks would resume.\r").encode()
    article = next(read_bytes("article.txt", data, ".txt", {}))
    assert article.text("title") == "Talks resume in Seoul"
    assert article.text("published") == "2024-09-14 10:12:00"
