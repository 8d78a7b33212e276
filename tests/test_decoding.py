"""Decoding: web pages as a browser decodes them (byte-order mark, declared charset, detection),
other files as UTF-8, and a file in another encoding as one finding, then read in it.

The pages are whole news pages (tests/decoding_pages.py) encoded here with Python's codecs. The
positions expected are computed from the decoded text, so a column counted in bytes would fail.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from conftest import run_cli
from decoding_pages import CHINESE, EMPTY_TAG, GERMAN, JAPANESE, POLISH, meta_charset, meta_http_equiv
from inprocess_cli import cli

from newslint.article import Article
from newslint.readers import read_path
from newslint.readers.decoding import MAX_DECODE_REPORTS, SAMPLE_BYTES, decode

NB = "\u00a0"

# (page, codec the bytes are written in, charset declaration, what a reader is told)
PAGES = {
    "german-windows-1252": (GERMAN, "cp1252", meta_charset("windows-1252"), "windows-1252"),
    "german-iso-8859-1": (GERMAN, "cp1252", meta_http_equiv("iso-8859-1"), "windows-1252"),
    "polish-iso-8859-2": (POLISH, "iso8859_2", meta_http_equiv("ISO-8859-2"), "ISO-8859-2"),
    "japanese-shift-jis": (JAPANESE, "shift_jis", meta_charset("Shift_JIS"), "Shift_JIS"),
    "chinese-gb2312": (CHINESE, "gb2312", meta_charset("gb2312"), "GB18030"),
}


def findings(proc) -> list[dict]:
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    return json.loads(proc.stdout)


def place_of(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column, in characters, of the first `needle` in a decoded text."""
    for number, line in enumerate(text.split("\n"), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in the text")


def first_non_ascii(text: str) -> tuple[int, int]:
    for number, line in enumerate(text.split("\n"), 1):
        for i, ch in enumerate(line):
            if ord(ch) > 127:
                return number, i + 1
    raise AssertionError("all ASCII")


def article_of(path: Path) -> Article:
    items = list(read_path(path, path.name, {}))
    articles = [a for a in items if isinstance(a, Article)]
    assert len(articles) == 1, items
    return articles[0]


def lint(folder: Path, *names: str) -> list[dict]:
    return findings(cli("--format", "json", "--select", "empty-html-tag,input-error", *names, cwd=folder))


@pytest.mark.parametrize("case", PAGES)
def test_page_in_its_declared_charset_reads_cleanly_and_columns_count_characters(tmp_path, case):
    page, codec, declaration, _ = PAGES[case]
    data = page.html(declaration).encode(codec)
    (tmp_path / "page.html").write_bytes(data)
    text = data.decode(codec)
    line, column = place_of(text, EMPTY_TAG)
    before = text.split("\n")[line - 1][: column - 1]
    assert not before.isascii() and len(before.encode("utf-8")) != len(before)  # bytes and characters differ here

    found = lint(tmp_path, "page.html")
    assert [(v["rule"], v["line"], v["column"]) for v in found] == [("empty-html-tag", line, column)]

    article = article_of(tmp_path / "page.html")
    body = article.text("body")
    assert page.paragraphs[0] in body and page.paragraphs[-1] in body  # the story, decoded as written
    assert article.text("title") == page.title


def test_iso_8859_1_is_read_as_windows_1252_as_browsers_do(tmp_path):
    # Pages that say iso-8859-1 use windows-1252's euro sign and curly quotes (bytes 0x80, 0x84, 0x93).
    data = GERMAN.html(meta_charset("iso-8859-1")).encode("cp1252")
    assert b"\x80" in data and b"\x84" in data
    (tmp_path / "page.html").write_bytes(data)
    body = article_of(tmp_path / "page.html").text("body")
    assert "rund 68 Millionen €." in body and "„Ohne diese Förderung wäre das Projekt" in body


@pytest.mark.parametrize("case", ["german-windows-1252", "japanese-shift-jis"])
def test_page_saved_again_as_utf8_with_its_old_meta_tag_is_read_as_utf8(tmp_path, case):
    page, _, declaration, _ = PAGES[case]
    html = page.html(declaration)
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    found = lint(tmp_path, "page.html")
    assert [(v["rule"], v["line"], v["column"]) for v in found] == [("empty-html-tag", *place_of(html, EMPTY_TAG))]
    assert page.paragraphs[1] in article_of(tmp_path / "page.html").text("body")


@pytest.mark.parametrize(("declaration", "said"), [
    (meta_charset("utf-8"), "the page declares UTF-8 but is not UTF-8"),
    (meta_http_equiv("UTF-8"), "the page declares UTF-8 but is not UTF-8"),
    (None, "the page declares no charset and is not UTF-8"),
])
def test_page_that_should_be_utf8_but_is_windows_1252_gives_one_input_error(tmp_path, declaration, said):
    data = GERMAN.html(declaration).encode("cp1252")
    (tmp_path / "page.html").write_bytes(data)
    text = data.decode("cp1252")
    first_bad = text.index("ß")  # "beschließt" in the title: the first byte that is not UTF-8
    assert data[: first_bad].isascii()
    found = lint(tmp_path, "page.html")
    assert [(v["rule"], v["line"], v["column"]) for v in found] == [
        ("input-error", *first_non_ascii(text)),
        ("empty-html-tag", *place_of(text, EMPTY_TAG)),
    ]
    assert found[0]["message"] == (
        f"{said} (byte 0xdf here is not valid UTF-8): it looks like windows-1252 and was read as windows-1252")
    assert GERMAN.paragraphs[1] in article_of(tmp_path / "page.html").text("body")


@pytest.mark.parametrize("case", ["polish-iso-8859-2", "japanese-shift-jis", "chinese-gb2312"])
def test_page_that_declares_utf8_is_detected_in_other_encodings_too(tmp_path, case):
    page, codec, _, name = PAGES[case]
    data = page.html(meta_charset("utf-8")).encode(codec)
    (tmp_path / "page.html").write_bytes(data)
    text = data.decode(codec)
    found = lint(tmp_path, "page.html")
    assert [(v["rule"], v["line"], v["column"]) for v in found] == [
        ("input-error", *first_non_ascii(text)),
        ("empty-html-tag", *place_of(text, EMPTY_TAG)),
    ]
    assert found[0]["message"].endswith(f"it looks like {name} and was read as {name}")


def test_bytes_invalid_in_the_declared_charset_are_reported_at_their_place(tmp_path):
    # 0x81 has no character in windows-1252; the rest of the page is fine.
    html = GERMAN.html(meta_charset("windows-1252"))
    data = html.encode("cp1252").replace(b"Kapellenstra\xdfe", b"Kapellenstra\x81e")
    (tmp_path / "page.html").write_bytes(data)
    found = lint(tmp_path, "page.html")
    read = data.decode("cp1252", "replace")
    assert [(v["rule"], v["line"], v["column"], v["message"]) for v in found] == [
        ("empty-html-tag", *place_of(read, EMPTY_TAG), "Empty <strong> element left in the text (nothing but white space inside)"),
        ("input-error", *place_of(read, "\ufffd"), "invalid windows-1252 (byte 0x81); it was replaced by U+FFFD and the rest checked"),
    ]


def test_truncated_shift_jis_character_is_one_input_error(tmp_path):
    data = JAPANESE.html(meta_charset("Shift_JIS")).encode("shift_jis")
    lead = data.index("以降".encode("shift_jis"))  # 以 loses its second byte to a line break
    data = data[: lead + 1] + b"\n" + data[lead + 2 :]
    (tmp_path / "page.html").write_bytes(data)
    found = lint(tmp_path, "page.html")
    read = data.decode("cp932", "replace")
    assert [(v["rule"], v["line"], v["column"], v["message"].split(";")[0]) for v in found] == [
        ("empty-html-tag", *place_of(read, EMPTY_TAG), "Empty <strong> element left in the text (nothing but white space inside)"),
        ("input-error", *place_of(read, "\ufffd"), "invalid Shift_JIS (byte 0x88)"),
    ]


@pytest.mark.parametrize(("bom", "codec"), [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF8, "utf-8")])
def test_byte_order_mark_decides_a_page_whatever_it_declares(tmp_path, bom, codec):
    html = CHINESE.html(meta_charset("gb2312"))
    (tmp_path / "page.html").write_bytes(bom + html.encode(codec))
    found = lint(tmp_path, "page.html")
    assert [(v["rule"], v["line"], v["column"]) for v in found] == [("empty-html-tag", *place_of(html, EMPTY_TAG))]


GERMAN_TEXT = (
    f"Stadtrat beschließt Verlängerung der Straßenbahn {NB} DATE: 2025-03-12 18:30:00\n"
    "URL: https://www.mainzer-abendbote.example/lokales/strassenbahn-gonsenheim\n"
    "\n"
    + "".join(p + "\n" for p in GERMAN.paragraphs)
)


def test_text_file_in_windows_1252_gives_one_input_error_and_is_checked(tmp_path):
    data = GERMAN_TEXT.encode("cp1252")
    (tmp_path / "story.txt").write_bytes(data)
    found = lint(tmp_path, "story.txt")
    assert [(v["rule"], v["line"], v["column"]) for v in found] == [
        ("input-error", 1, GERMAN_TEXT.index("ß") + 1),
        ("empty-html-tag", *place_of(GERMAN_TEXT, EMPTY_TAG)),
    ]
    assert found[0]["message"] == (
        "the file is not UTF-8 (byte 0xdf here is not valid UTF-8): it looks like windows-1252 and was read as windows-1252")
    article = article_of(tmp_path / "story.txt")
    assert article.text("title") == "Stadtrat beschließt Verlängerung der Straßenbahn"
    assert GERMAN.paragraphs[1] in article.text("body")


def test_jsonl_in_windows_1252_gives_one_input_error_and_every_record_is_checked(tmp_path):
    records = [
        {"title": "Stadtrat beschließt Verlängerung der Straßenbahn", "date_publish": "2025-03-12 18:30:00",
         "url": "https://www.mainzer-abendbote.example/lokales/strassenbahn", "maintext": "\n".join(GERMAN.paragraphs)},
        {"title": "Hafen meldet Rekordumschlag", "date_publish": "2025-03-13 09:00:00",
         "url": "https://www.mainzer-abendbote.example/wirtschaft/hafen",
         "maintext": f"Der Zollhafen hat 2024 so viele Container umgeschlagen wie nie zuvor.{EMPTY_TAG} Grund sind vor allem Lieferungen aus Übersee."},
    ]
    jsonl = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    (tmp_path / "batch.jsonl").write_bytes(jsonl.encode("cp1252"))
    found = lint(tmp_path, "batch.jsonl")
    line1 = jsonl.split("\n")[0]
    assert [(v["rule"], v["line"], v["column"], v.get("record"), v.get("field")) for v in found] == [
        ("input-error", 1, line1.index("ß") + 1, None, None),
        ("empty-html-tag", 1, records[0]["maintext"].index(EMPTY_TAG) + 1, 1, "maintext"),
        ("empty-html-tag", 2, records[1]["maintext"].index(EMPTY_TAG) + 1, 2, "maintext"),
    ]
    assert "it looks like windows-1252 and was read as windows-1252" in found[0]["message"]


def test_text_file_in_shift_jis_is_read_as_shift_jis(tmp_path):
    text = f"{JAPANESE.headline}\u3000 DATE: 2025-03-12 10:00:00\n\n" + "".join(p + "\n" for p in JAPANESE.paragraphs)
    (tmp_path / "story.txt").write_bytes(text.encode("shift_jis"))
    found = lint(tmp_path, "story.txt")
    assert [(v["rule"], v["line"], v["column"]) for v in found] == [
        ("input-error", 1, 1), ("empty-html-tag", *place_of(text, EMPTY_TAG))]
    assert "it looks like Shift_JIS" in found[0]["message"]


def test_polish_text_is_named_iso_8859_2_not_a_rare_encoding_that_fits_as_well():
    # ISO-8859-14 and ISO-8859-10 decode these bytes with as little mess as ISO-8859-2 does.
    text = f"{POLISH.headline}  DATE: 2025-03-04 08:00:00\n\n" + "".join(p + "\n" for p in POLISH.paragraphs)
    decoded, problems, encoding = decode("most.txt", text.encode("iso8859_2"), ".txt")
    assert (encoding, decoded) == ("ISO-8859-2", text)
    assert [(v.line, v.column) for v in problems] == [(1, text.index("ł") + 1)]


def test_first_bad_byte_far_into_a_big_file_is_found_from_a_sample_there():
    filler = json.dumps({"title": "Port traffic", "maintext": "Ships carried more containers than a year before."}) + "\n"
    late = json.dumps({"title": "Straßenbahn", "maintext": f"Die Kosten schätzt die Verwaltung auf 68 Millionen €.{EMPTY_TAG}"}, ensure_ascii=False) + "\n"
    count = 2 * SAMPLE_BYTES // len(filler)
    data = (filler * count + late + filler).encode("cp1252")
    text, problems, encoding = decode("big.jsonl", data, ".jsonl")
    assert encoding == "windows-1252" and text == data.decode("cp1252")
    assert [(v.line, v.column) for v in problems] == [(count + 1, late.index("ß") + 1)]


def test_bytes_that_no_encoding_reads_are_reported_per_byte():
    data = b"Exports rose in May     DATE: 2024-06-01 09:00:00\n\n" + bytes(range(0x80, 0x100)) * 4 + b"\nThe rest.\n"
    text, problems, encoding = decode("noise.txt", data, ".txt")
    assert encoding == "UTF-8"
    assert len(problems) == MAX_DECODE_REPORTS + 1
    assert [(v.line, v.column) for v in problems[:2]] == [(3, 1), (3, 2)]
    assert text.endswith("\nThe rest.\n")


def test_utf16_text_file_with_a_byte_order_mark_is_one_input_error(tmp_path):
    (tmp_path / "story.txt").write_bytes(codecs.BOM_UTF16_LE + GERMAN_TEXT.encode("utf-16-le"))
    found = lint(tmp_path, "story.txt")
    assert [(v["rule"], v["line"], v["column"], v["message"]) for v in found] == [
        ("input-error", 1, 1, "not UTF-8: the file is UTF-16LE (it opens with that byte-order mark) and was read as UTF-16LE"),
        ("empty-html-tag", *place_of(GERMAN_TEXT, EMPTY_TAG), "Empty <strong> element left in the text (nothing but white space inside)"),
    ]


# Yoshinoya's 𠮷 is outside the Basic Multilingual Plane: two UTF-16 code units, one character.
JAPANESE_TEXT = (
    f"𠮷野家、牛丼を値上げ {NB} DATE: 2025-04-01 10:00:00\n"
    "\n"
    "牛丼チェーンの𠮷野家は1日、並盛を<strong></strong>値上げした。\n"
)


@pytest.mark.parametrize(("bom", "codec", "name"), [
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32BE"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16BE"),
])
@pytest.mark.parametrize("text", [GERMAN_TEXT, JAPANESE_TEXT], ids=["german", "japanese"])
def test_utf32_and_utf16_files_with_a_byte_order_mark_are_decoded_and_columns_count_characters(tmp_path, bom, codec, name, text):
    (tmp_path / "story.txt").write_bytes(bom + text.encode(codec))
    found = lint(tmp_path, "story.txt")
    assert [(v["rule"], v["line"], v["column"], v["message"]) for v in found] == [
        ("input-error", 1, 1, f"not UTF-8: the file is {name} (it opens with that byte-order mark) and was read as {name}"),
        ("empty-html-tag", *place_of(text, EMPTY_TAG), "Empty <strong> element left in the text (nothing but white space inside)"),
    ]


def test_a_page_with_a_utf32_byte_order_mark_is_read_as_utf32(tmp_path):
    html = CHINESE.html(meta_charset("utf-8"))
    (tmp_path / "page.html").write_bytes(codecs.BOM_UTF32_LE + html.encode("utf-32-le"))
    found = lint(tmp_path, "page.html")
    assert [(v["rule"], v["line"], v["column"]) for v in found] == [("empty-html-tag", *place_of(html, EMPTY_TAG))]


def test_fix_leaves_a_windows_1252_page_byte_for_byte_and_says_why(tmp_path):
    data = GERMAN.html(meta_charset("windows-1252")).encode("cp1252")
    (tmp_path / "page.html").write_bytes(data)
    proc = run_cli("--select", "empty-html-tag", "--fix", "page.html", cwd=tmp_path)
    assert (tmp_path / "page.html").read_bytes() == data
    assert proc.stderr == (
        "newslint: page.html: read as windows-1252, not UTF-8; newslint writes only UTF-8, so the file was not rewritten\n")
    line, column = place_of(data.decode("cp1252"), EMPTY_TAG)
    assert f"page.html:{line}:{column}: error empty-html-tag" in proc.stdout
    assert proc.returncode == 1


SWAP_RULE = """\
name: euro-sign
check: substitution
severity: warning
message: "Write '{replacement}'"
description: The house style writes the euro sign.
swap:
  EUR: "\u20ac"
"""


def test_fix_of_an_ascii_page_that_declares_a_legacy_charset(tmp_path):
    html = ("<html><head><meta charset=\"iso-8859-1\"><title>Budget approved</title></head><body><article>\n"
            "<p>The council approved a budget of 68 million EUR.<em></em> The vote was 41 to 9.</p>\n"
            "</article></body></html>\n")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "euro-sign.yaml").write_text(SWAP_RULE, encoding="utf-8")
    (tmp_path / "page.html").write_bytes(html.encode("ascii"))
    # Removing the empty tag keeps the page ASCII: the same bytes in either encoding.
    proc = run_cli("--select", "empty-html-tag", "--fix", "page.html", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "page.html").read_bytes() == html.replace("<em></em>", "").encode("ascii")
    # A euro sign would be written in UTF-8 into a page that says it is windows-1252: not done.
    before = (tmp_path / "page.html").read_bytes()
    proc = run_cli("--rules", "rules", "--select", "euro-sign", "--fix", "page.html", cwd=tmp_path)
    assert (tmp_path / "page.html").read_bytes() == before
    assert "page.html: the page declares windows-1252 and its fixed text is not all ASCII" in proc.stderr

