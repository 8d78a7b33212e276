"""Readers on articles written for these tests and on the project's own samples: which fields
they find, and that every field's place (line/column in the file, or record/field/offset in a
record file) points at the right characters. Broken input is in test_readers_broken.py."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newslint.article import Article, Violation
from newslint.readers import format_of, read_bytes, read_path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
NBSP = "\u00a0"


def read(name: str, data: str | bytes, aliases: dict | None = None) -> list[Article | Violation]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return list(read_bytes(name, raw, format_of(name) or ".txt", aliases or {}))


def only_article(items: list) -> Article:
    problems = [i for i in items if isinstance(i, Violation)]
    assert problems == []
    assert len(items) == 1
    return items[0]


def at(article: Article, name: str, needle: str | None = None) -> tuple:
    """(line, column, end_line, end_column) of `needle` (default: the whole field)."""
    text = article.fields[name].text
    start = text.index(needle) if needle is not None else 0
    end = start + len(needle) if needle is not None else len(text)
    p = article.place(name, start, end)
    return p.line, p.column, p.end_line, p.end_column


def file_slice(data: str, place: tuple) -> str:
    """The characters of `data` between a place's start and end (1-based, end exclusive)."""
    lines = data.split("\n")
    line, col, end_line, end_col = place
    if line == end_line:
        return lines[line - 1][col - 1 : end_col - 1]
    return "\n".join([lines[line - 1][col - 1 :], *lines[line : end_line - 1], lines[end_line - 1][: end_col - 1]])


# --- .txt: the seed format ---------------------------------------------------------------

SEED_STYLE = (
    f"Coast guard rescues crew of stranded cargo ship {NBSP} {NBSP}  DATE: 2024-03-14 06:20:05\n"
    "URL: https://portbulletin.example/2024/03/14/cargo-crew-rescued/\n"
    "Source: Port Bulletin\n"
    "\n"
    "MOKPO, March 14 (Port Bulletin) -- The coast guard rescued 11 crew members from a cargo ship that ran aground near Mokpo early Thursday.\n"
    "None of the crew was hurt, officials said.\n"
)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_seed_format_fields_and_their_places(newline):
    data = SEED_STYLE.replace("\n", newline)
    article = only_article(read("ship.txt", data))
    assert article.text("title") == "Coast guard rescues crew of stranded cargo ship"
    assert article.text("published") == "2024-03-14 06:20:05"
    assert article.text("url") == "https://portbulletin.example/2024/03/14/cargo-crew-rescued/"
    assert article.text("source") == "Port Bulletin"
    assert at(article, "title") == (1, 1, 1, 48)
    assert at(article, "published") == (1, 60, 1, 79)
    assert at(article, "url") == (2, 6, 2, 65)
    assert at(article, "body", "MOKPO") == (5, 1, 5, 6)
    assert at(article, "body", "officials said") == (6, 28, 6, 42)
    for name, needle in [("title", None), ("published", None), ("url", None), ("body", "early Thursday")]:
        text = article.fields[name].text
        assert file_slice(data.replace("\r", ""), at(article, name, needle)) == (needle or text)


def test_seed_format_with_a_utf8_bom_keeps_columns():
    article = only_article(read("ship.txt", "\ufeff" + SEED_STYLE))
    assert at(article, "title") == (1, 1, 1, 48)
    assert at(article, "published") == (1, 60, 1, 79)


def test_plain_text_without_header_is_all_body():
    data = "The bridge reopened on Monday.\nTraffic was light.\n"
    article = only_article(read("note.txt", data))
    assert "title" not in article.fields
    assert at(article, "body", "Traffic") == (2, 1, 2, 8)


def test_body_line_that_looks_like_a_header_is_not_one_after_the_blank_line():
    data = f"Vote count ends {NBSP}DATE: 2024-04-11 01:00:00\n\nSource: officials at the election commission said turnout was 67 percent.\n"
    article = only_article(read("vote.txt", data))
    assert "source" not in article.fields
    assert at(article, "body", "Source:") == (3, 1, 3, 8)


# --- .md: YAML front matter --------------------------------------------------------------

FRONT_MATTER = (
    "---\n"
    'title: "Toll-free weekend on expressways for the holiday"\n'
    "published: 2024-09-13T09:00:00+09:00\n"
    "url: 'https://roadreport.example/2024/09/13/toll-free/'\n"
    "description: >\n"
    "  Drivers pay no tolls from Sept. 16 to 18.\n"
    "newslint_ignore: [some-rule]\n"
    "---\n"
    "SEOUL, Sept. 13 (Road Report) -- Expressway tolls will be waived for three days over the holiday.\n"
)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_front_matter_fields_point_into_the_file(newline):
    data = FRONT_MATTER.replace("\n", newline)
    article = only_article(read("toll.md", data))
    assert article.text("title") == "Toll-free weekend on expressways for the holiday"
    assert article.text("published") == "2024-09-13T09:00:00+09:00"
    assert at(article, "title") == (2, 9, 2, 57)  # inside the quotes
    assert at(article, "published") == (3, 12, 3, 37)
    assert at(article, "url") == (4, 7, 4, 55)
    assert at(article, "description", "Drivers") == (6, 3, 6, 10)
    assert at(article, "body", "Expressway") == (9, 34, 9, 44)
    assert article.ignore == frozenset({"some-rule"})
    clean = data.replace("\r", "")
    for name in ("title", "published", "url"):
        assert file_slice(clean, at(article, name)) == article.text(name)


def test_front_matter_uses_producer_field_names():
    data = "---\ntitle: Harbour tunnel opens\ndate_publish: 2024-01-09 10:00:00\nsource_domain: citydesk.example\n---\nBody.\n"
    article = only_article(read("t.md", data))
    assert article.fields["published"].key == "date_publish"
    assert article.text("source") == "citydesk.example"


# --- record files: JSONL, JSON, CSV ------------------------------------------------------


def test_jsonl_places_are_record_field_and_offset():
    records = [
        {"title": "Rates unchanged", "date_publish": "2024-05-23 10:00:00", "maintext": "The bank kept rates on hold.", "url": "https://a.example/1"},
        {"title": "Exports rise", "date_publish": "2024-06-01 09:00:00", "maintext": "Exports rose 5 percent in May.", "url": "https://a.example/2"},
    ]
    data = "".join(json.dumps(r) + "\n" for r in records)
    first, second = read("batch.jsonl", data)
    assert (first.record, second.record) == (1, 2)
    p = second.place("body", 13, 22)  # "5 percent"
    assert (p.path, p.line, p.column, p.end_line, p.end_column, p.record, p.field) == ("batch.jsonl", 2, 14, 2, 23, 2, "maintext")
    assert second.place("published", 0, 10).field == "date_publish"
    assert second.place("url", 0, 5).field == "url"
    assert second.place("title", 0, 7).column == 1


def test_json_list_record_is_the_line_where_each_object_starts():
    data = json.dumps([
        {"title": "A", "text": "First story."},
        {"title": "B", "text": "Second story.", "date": "2024-02-02"},
    ], indent=2)
    first, second = read("list.json", data)
    lines = data.split("\n")
    assert lines[first.record - 1].strip() == "{" and lines[second.record - 1].strip() == "{"
    assert second.record > first.record
    p = second.place("body", 7, 12)
    assert (p.record, p.field, p.column, p.end_column) == (second.record, "text", 8, 13)
    assert second.place("published", 0, 10).field == "date"


def test_json_single_object():
    article = only_article(read("one.json", '{"headline": "Ferry fares rise", "articleBody": "Fares rise in May."}'))
    assert article.text("title") == "Ferry fares rise"
    assert article.text("body") == "Fares rise in May."


def test_csv_record_is_the_line_where_the_row_starts_even_after_multiline_cells():
    data = (
        "title,publish_date,text,url\r\n"
        '"Storm warning","2024-08-01","Winds of 30 m/s are expected.\r\nFerries are cancelled.",https://w.example/1\r\n'
        'Heat eases,2024-08-02,Temperatures fell overnight.,https://w.example/2\r\n'
    )
    first, second = read("export.csv", data)
    assert (first.record, second.record) == (2, 4)
    p = second.place("body", 13, 18)
    assert (p.line, p.record, p.field, p.column, p.end_column) == (4, 4, "text", 14, 19)
    assert second.text("body")[13:18] == "fell "
    assert first.place("published", 0, 10).field == "publish_date"


def test_record_values_that_are_not_text():
    data = json.dumps({"title": "Budget passed", "authors": ["Kim A", "Lee B"], "date_modify": None,
                       "maintext": "The assembly passed the budget.", "image_url": {"src": "x.jpg"}})
    article = only_article(read("r.jsonl", data + "\n"))
    assert article.text("author") == "Kim A, Lee B"
    assert "modified" not in article.fields


def test_the_field_names_of_cms_exports_and_crawlers_are_known_without_a_mapping():
    """A CMS export's CSV and a crawler's JSONL, with their own names for the roles: read as
    they come, no `fields` mapping needed."""
    csv_text = ('headline,article_text,published_at,link\n'
                '"Lisbon raises tram fares","Fares rise on Monday.\nThe council approved it.",'
                '2026-03-02T09:00:00Z,https://x.example/2026/03/02/trams\n')
    article = only_article(read("export.csv", csv_text))
    assert (article.text("title"), article.text("published"), article.text("url")) == (
        "Lisbon raises tram fares", "2026-03-02T09:00:00Z", "https://x.example/2026/03/02/trams")
    assert article.text("body") == "Fares rise on Monday.\nThe council approved it."
    record = {"url": "https://y.example/a", "fetch_time": "2026-03-16T02:00:00Z", "content": "Oil output rose.",
              "meta_title": "Aramco raises dividend", "meta_published": "2026-03-02"}
    article = only_article(read("crawl.jsonl", json.dumps(record) + "\n"))
    assert article.fields["title"].key == "meta_title" and article.fields["published"].key == "meta_published"


def test_user_field_mapping_wins_over_default_aliases():
    record = {"headline": "Harvest festival", "date": 1703376000000, "date_str": "2023-12-24",
              "story_text": "The festival opened.", "link": "https://x.example/h"}
    aliases = {"title": ["headline"], "published": ["date_str"], "body": ["story_text"], "url": ["link"]}
    article = only_article(read("k.json", json.dumps([record]), aliases))
    assert article.text("published") == "2023-12-24"
    assert article.fields["published"].key == "date_str"
    assert article.text("body") == "The festival opened."
    # Without the mapping the epoch-ms `date` is all there is for the published role.
    told, plain = read("k.json", json.dumps([record]))
    assert plain.fields["published"].key == "date"
    assert "body" not in plain.fields
    assert (told.rule, told.line, told.record) == ("input-error", 1, 1)


# --- .html -------------------------------------------------------------------------------

PAGE = (
    "<!DOCTYPE html>\n"
    "<html><head>\n"
    "<title>Ferry link to island restored | Sea Post</title>\n"
    '<meta property="og:title" content="Ferry link to island restored">\n'
    '<meta property="article:published_time" content="2024-04-02T08:00:00+09:00">\n'
    '<link rel="canonical" href="https://seapost.example/2024/04/02/ferry-restored/">\n'
    '<script type="application/ld+json">\n'
    '  {"@type": "NewsArticle", "datePublished": "2024-04-02T08:00:00+09:00", "dateModified": "2024-04-02T11:30:00+09:00"}\n'
    "</script>\n"
    "</head><body><nav><span></span></nav>\n"
    "<article>\n"
    "<h1>Ferry link to island restored</h1>\n"
    '<p>BORYEONG, April 2 (Sea Post) -- Ferries to the island ran again on Tuesday, the operator said &amp; added that\n'
    "  fares were unchanged.</p>\n"
    '<p>Service was <time datetime="2024-04-01">suspended Monday</time> in high winds.</p>\n'
    "</article>\n"
    "<footer><p>Contact</p></footer>\n"
    "</body></html>\n"
)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_html_metadata_and_body_point_into_the_file(newline):
    data = PAGE.replace("\n", newline)
    article = only_article(read("ferry.html", data))
    assert article.text("title") == "Ferry link to island restored"
    assert at(article, "title") == (4, 36, 4, 65)
    assert at(article, "published") == (5, 50, 5, 75)
    assert at(article, "url") == (6, 29, 6, 79)
    assert at(article, "modified_jsonld") == (8, 91, 8, 116)
    assert at(article, "published_time") == (15, 32, 15, 42)
    assert at(article, "body", "BORYEONG") == (13, 4, 13, 12)
    # The entity is decoded in the text view, mapped back to the characters `&amp;` in the file.
    body = article.text("body")
    amp = body.index("&")
    p = article.place("body", amp, amp + 1)
    assert (p.line, p.column) == (13, 98)
    # Text on the next line of the same paragraph keeps its own line.
    assert at(article, "body", "fares") == (14, 3, 14, 8)
    assert "Contact" not in body  # the footer is outside the article region
    assert article.fields["markup"].markup
    assert at(article, "markup")[:2] == (12, 1)  # the story region starts at its first block, the headline
    clean = data.replace("\r", "")
    for name in ("title", "published", "url", "modified_jsonld"):
        assert file_slice(clean, at(article, name)) == article.text(name)


def test_html_fragment_is_all_article():
    data = '<div class="page"><p>Rain is forecast.</p>\n<p>Winds ease <em>later</em>.</p></div>\n'
    article = only_article(read("frag.html", data))
    assert article.text("body") == "Rain is forecast.\nWinds ease later."
    assert at(article, "body", "later") == (2, 19, 2, 24)


# --- the project's own samples ------------------------------------------------------------

SAMPLE_COUNTS = {
    "000_cc69422307144f52.txt": 1,
    "001_clean_wire.txt": 1,
    "002_scraper_defects.txt": 1,
    "003_clean_front_matter.md": 1,
    "004_front_matter_defects.md": 1,
    "005_newsplease_batch.jsonl": 3,
    "006_trafilatura_list.json": 2,
    "007_listing_export.csv": 2,
    "008_saved_page.html": 1,
    "009_newspaper4k_archive.jsonl.gz": 2,
}


@pytest.mark.parametrize("name", sorted(SAMPLE_COUNTS))
def test_every_sample_reads_without_input_errors(name):
    items = list(read_path(SEEDS / name, name, {}))
    assert [i for i in items if isinstance(i, Violation)] == []
    assert len(items) == SAMPLE_COUNTS[name]
    for article in items:
        assert article.text("title"), f"{name}: no title found"
        assert article.text("body"), f"{name}: no body found"
        if not name.startswith("000"):
            assert article.text("published"), f"{name}: no published date found"
            assert article.text("url"), f"{name}: no url found"


def test_gzipped_sample_reads_like_the_plain_file(tmp_path):
    data = gzip.decompress((SEEDS / "009_newspaper4k_archive.jsonl.gz").read_bytes())
    plain = read("archive.jsonl", data)
    zipped = read("archive.jsonl.gz", gzip.compress(data))
    assert [a.fields for a in plain] == [a.fields for a in zipped]


def test_seed_fields():
    article = only_article(list(read_path(SEEDS / "000_cc69422307144f52.txt", "seed.txt", {})))
    assert article.text("title") == "Seoul warns against military cooperation between N. Korea, Russia"
    assert article.text("published") == "2024-11-03 05:35:21"
    assert at(article, "body", "<strong></strong>") == (3, 82, 3, 99)
