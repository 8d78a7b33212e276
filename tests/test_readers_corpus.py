"""Readers on real scraped news from ../shared/corpus (read here, never copied into the project).

Counts are the corpus's own (its README): KCNA 548 records of which 482 have a body, Rodong
Sinmun 600 rows, Korea Herald 120 rows, Readability 41 extracted bodies, AEB 181 raw pages.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from conftest import need_shared, run_cli

from newslint.article import Article, Violation
from newslint.readers import read_path

pytestmark = pytest.mark.shared

KCNA_FIELDS = {"title": ["headline"], "published": ["date_str"], "body": ["story_text"], "url": ["link"]}


def read_all(path: Path, aliases: dict | None = None) -> tuple[list[Article], list[Violation]]:
    items = list(read_path(path, path.name, aliases or {}))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Violation)]


def test_kcna_json_list_with_the_users_field_mapping():
    path = need_shared("corpus", "kcna", "headlines_2024-08-20.json")
    articles, problems = read_all(path, KCNA_FIELDS)
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert problems == []
    assert len(articles) == len(raw) == 548
    assert sum(1 for a in articles if a.text("body")) == 482
    # The mapped date_str wins over the epoch-milliseconds `date` the default aliases would take.
    assert {a.fields["published"].key for a in articles} == {"date_str"}
    assert [a.text("published") for a in articles] == [r["date_str"] for r in raw]
    assert [a.text("title") for a in articles] == [r["headline"] for r in raw]
    # Each record's line is the line of its opening brace; a span's column is its offset + 1.
    lines = path.read_text(encoding="utf-8").split("\n")
    for article in articles[:50]:
        assert lines[article.record - 1].strip() == "{"
    # Without the mapping, the user is told once which key to map.
    unmapped, told = read_all(path)
    assert len(unmapped) == 548 and len(told) == 1
    assert told[0].message.endswith("add to the config: fields: {body: story_text}")
    with_body = next(a for a in articles if len(a.text("body")) > 40)
    place = with_body.place("body", 10, 20)
    assert (place.line, place.record, place.field, place.column, place.end_column) == (
        with_body.record, with_body.record, "story_text", 11, 21)


def test_rodong_sinmun_csv():
    path = need_shared("corpus", "rodong-sinmun-en", "rodong_sinmun_en_sample.csv")
    articles, problems = read_all(path)
    assert problems == []
    assert len(articles) == 600
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [a.text("title") for a in articles] == [r["title"] for r in rows]
    assert [a.text("body") for a in articles] == [r["text"] for r in rows]
    assert {a.fields["published"].key for a in articles} == {"date"}
    # A row's record line is where the row starts in the file, even after multi-line cells.
    lines = path.read_text(encoding="utf-8").split("\n")
    for article, row in list(zip(articles, rows))[:40]:
        assert lines[article.record - 1].startswith(row["doc_id"])


@pytest.mark.parametrize("name,rows", [("sample.csv", 20), ("sample1.csv", 50), ("sample2.csv", 50)])
def test_koreaherald_csv(name, rows):
    path = need_shared("corpus", "koreaherald-covid", name)
    articles, problems = read_all(path)
    assert problems == []
    assert len(articles) == rows
    for a in articles:
        assert a.fields["url"].key == "URL" and a.fields["body"].key == "CONTENT"
        assert a.fields["published"].key == "DATE" and a.text("title")


def test_readability_fragments():
    folder = need_shared("corpus", "readability")
    pages = sorted(folder.glob("*/expected.html"))
    assert len(pages) == 41
    for page in pages:
        articles, problems = read_all(page)
        assert problems == [], page
        assert len(articles) == 1 and len(articles[0].text("body")) > 200, page
        # The markup view is a slice of the file as stored, so a check of markup sees the real tags.
        markup = articles[0].fields["markup"]
        stored = page.read_text(encoding="utf-8")
        assert stored[markup.start : markup.start + len(markup.text)] == markup.text, page


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_aeb_raw_pages_find_the_human_written_body():
    folder = need_shared("corpus", "aeb")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted((folder / "html").glob("*.html.gz"))
    assert len(pages) == 181
    found = problems_seen = 0
    for page in pages:
        articles, problems = read_all(page)
        assert len(articles) == 1, page
        # The only input errors here are publishers' malformed JSON-LD blocks, at their place.
        assert all(p.message.startswith("malformed JSON-LD block ignored") and p.line > 1 for p in problems), page
        problems_seen += len(problems)
        opening = _normal(truth[page.name[: -len(".html.gz")]]["articleBody"])[:60]
        found += opening in _normal(articles[0].text("body"))
    assert problems_seen == 4
    # The article region holds the human-marked body's opening on (nearly) every page.
    assert found >= 165, f"body opening found on {found} of 181 pages"


def test_cli_reads_the_kcna_corpus_with_a_fields_mapping_in_the_config(tmp_path):
    path = need_shared("corpus", "kcna", "headlines_2024-08-20.json")
    (tmp_path / "newslint.yaml").write_text(
        "fields:\n  title: headline\n  published: date_str\n  body: story_text\n  url: link\n", encoding="utf-8")
    proc = run_cli("--select", "input-error", str(path), cwd=tmp_path)
    assert proc.stderr == ""
    assert proc.returncode == 0
    assert proc.stdout == "No violations in 548 articles (1 file checked).\n"
