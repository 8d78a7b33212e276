"""`--format html` end to end (the real CLI on scraped-looking articles in three languages) and
its size bound on big runs. What a browser makes of the page is in test_html_browser.py."""

from __future__ import annotations

import json
import re
from collections import Counter
from html import unescape
from pathlib import Path

from conftest import run_cli

from newslint.article import Violation
from newslint.article_log import ArticleLog, ArticleSummary
from newslint.formatters import html
from newslint.formatters.html_summary import MAX_SHOWN
from newslint.formatters.report import Report

NEWSPLEASE = [
    {"title": "Heat advisory issued for southern provinces", "date_publish": "2024-03-29 06:40:00",
     "url": "https://weatherdesk.example/2024/03/29/heat-advisory/", "source_domain": "weatherdesk.example",
     "maintext": "BUSAN, March 29 (Weather Desk) -- Forecasters issued a heat advisory on Friday <strong></strong> "
                 "as daytime temperatures approached 35 C.\nThe advisory stays in place until Thursday."},
    {"title": "Ferry timetable changes for the summer season", "date_publish": "2024-05-02 08:00:00",
     "url": "https://weatherdesk.example/2024/05/02/ferry-timetable/", "source_domain": "weatherdesk.example",
     "maintext": "MOKPO, May 2 (Weather Desk) -- Ferries to the southern islands run twice a day from June.\n"
                 "Tickets go on sale next week, the operator said."},
]

GERMAN = """\
Stadtrat beschließt neuen Radweg entlang des Rheins \u00a0  DATE: 2024-05-06 10:15:00
URL: https://rhein-kurier.example/lokales/radweg-rhein
Source: Rhein-Kurier

Der Stadtrat hat am Montag den Bau eines neuen Radwegs entlang des Rheinufers <em> </em> beschlossen.
Die Arbeiten sollen im Herbst beginnen und rund zwei Jahre dauern, teilte die Stadt mit.
"""

KOREAN = """\
서울시, 한강 자전거도로 연장 공사 시작 \u00a0  DATE: 2024-05-20 09:30:00
URL: https://www.hanbit-news.example/society/2024/05/20/bike-path

서울시는 20일 한강 자전거도로 연장 공사를 <b></b> 시작한다고 밝혔다.
공사는 내년 봄까지 이어질 예정이다.
"""


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "weatherdesk.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in NEWSPLEASE), encoding="utf-8")
    (folder / "radweg.txt").write_text(GERMAN, encoding="utf-8")
    (folder / "hangang.txt").write_text(KOREAN, encoding="utf-8")
    (folder / "broken.json").write_text('{"title": "Half a record", "text": ', encoding="utf-8")
    return folder


def _findings(page: str) -> list[tuple[str, str]]:
    """(rule, source) of each finding the page lists."""
    return [(unescape(r), unescape(s)) for r, s in re.findall(r'<li class="finding" data-rule="([^"]*)" data-source="([^"]*)"', page)]


def test_html_report_counts_sources_months_and_context(tmp_path: Path) -> None:
    _corpus(tmp_path / "articles")
    out = tmp_path / "report.html"
    proc = run_cli("articles", "--format", "html", "--output", str(out), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "http://" not in page.replace('href="http', "") and "<link" not in page and "src=" not in page

    found = json.loads(run_cli("articles", "--format", "json", cwd=tmp_path).stdout)
    want = Counter(v["rule"] for v in found)
    assert want == {"empty-html-tag": 3, "input-error": 1}
    table = {unescape(r): int(n) for r, n in re.findall(r'<tr class="rule-row" data-rule="([^"]*)">.*?data-count="(\d+)"', page)}
    assert table == want
    # Sources: the source field, else the URL's domain (www. dropped), else the file.
    assert Counter(s for _, s in _findings(page)) == {
        "weatherdesk.example": 1, "Rhein-Kurier": 1, "hanbit-news.example": 1, "articles/broken.json": 1}
    # A bar a month from March to May 2024, April's empty.
    assert "<h2>Findings per month of publication</h2>" in page
    assert [m for m in re.findall(r'class="axis" text-anchor="middle">([^<]+)<', page)] == ["2024-03", "2024-04", "2024-05"]
    assert "1 finding in articles with no readable publication date is not drawn" in page
    # Each finding in its text, the flagged span marked (an empty element's span takes the one
    # space its removal would leave doubled).
    assert re.search(r"Forecasters issued a heat advisory on Friday <mark[^>]*>&lt;strong&gt;&lt;/strong&gt; </mark>as daytime", page)
    assert re.search(r"entlang des Rheinufers <mark[^>]*>&lt;em&gt; &lt;/em&gt; </mark>beschlossen", page)
    assert re.search(r"연장 공사를 <mark[^>]*>&lt;b&gt;&lt;/b&gt; </mark>시작한다고", page)
    # Grouped by article: the article's title, place and source head its findings.
    assert re.search(r'<h3>Stadtrat beschließt neuen Radweg entlang des Rheins</h3>\s*<div class="meta"><span class="where">articles/radweg.txt</span>', page)
    assert "articles/weatherdesk.jsonl record 1" in page
    assert "The 4 articles with the most findings" in page
    assert "sample" not in page.split("<main>")[0]  # a small run lists everything


def test_output_option_writes_any_format_and_reports_a_bad_path(tmp_path: Path) -> None:
    _corpus(tmp_path / "articles")
    printed = run_cli("articles", "--format", "json", cwd=tmp_path)
    proc = run_cli("articles", "--format", "json", "-o", "found.json", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (1, "")
    assert (tmp_path / "found.json").read_text(encoding="utf-8") == printed.stdout
    bad = run_cli("articles", "--output", "no/such/folder/out.txt", cwd=tmp_path)
    assert bad.returncode == 2
    assert "newslint: error: cannot write no/such/folder/out.txt" in bad.stderr


def test_html_report_with_no_findings(tmp_path: Path) -> None:
    (tmp_path / "clean.txt").write_text(GERMAN.replace("<em> </em> ", ""), encoding="utf-8")
    proc = run_cli("clean.txt", "--format", "html", cwd=tmp_path)
    assert proc.returncode == 0
    assert "0 findings in 1 article from 1 file." in proc.stdout
    assert "<p>No findings.</p>" in proc.stdout and 'class="finding"' not in proc.stdout


def _big_run(n: int, text: str) -> tuple[list[Violation], Report]:
    """n findings over 3 rules and 30 sources, as a crawl of n articles would give."""
    log = ArticleLog()
    violations = []
    rules = ("empty-html-tag", "promo-block", "date-mismatch")
    for i in range(n):
        path = f"crawl/part-{i // 1000:03d}.jsonl"
        source = f"site{i % 30}.example"
        log.summaries[(path, i % 1000 + 1)] = ArticleSummary(path, i % 1000 + 1, text[:160], source, "https://" + source + "/" + text[:250], f"20{10 + i % 12}-{1 + i % 12:02d}")
        log.per_source[source] += 1
        violations.append(Violation(path, i % 1000 + 1, 5, i % 1000 + 1, 50, rules[i % 3 if i % 10 else 0], "warning", text[:400],
                                    i % 1000 + 1, "maintext", text[:2000], context=(text[:91], text[:91])))
    return violations, Report(n // 1000 + 1, n, articles_log=log)


def test_big_run_lists_a_sample_and_says_how_many_it_left_out() -> None:
    violations, report = _big_run(12_000, "Seoul, Jan. 5 (Yonhap) -- The related stories below were saved with the article. " * 40)
    page = html.render(violations, report)
    listed = _findings(page)
    assert MAX_SHOWN - 100 < len(listed) <= MAX_SHOWN  # the same quota for each rule and source
    per_rule = Counter(r for r, _ in listed)
    assert set(per_rule) == {"empty-html-tag", "promo-block", "date-mismatch"}
    assert len({s for _, s in listed}) == 30  # every source is sampled
    assert f"it shows {len(listed):,} of 12,000, a sample from each rule and source, and left out {12_000 - len(listed):,}" in page
    # Dates from 2010 to 2021: more than 120 months, so a bar a year.
    assert "<h2>Findings per year of publication</h2>" in page
    assert re.findall(r'class="axis" text-anchor="middle">([^<]+)<', page) == [str(y) for y in range(2010, 2022)]
    # The totals still count every finding.
    table = dict(re.findall(r'data-rule="([^"]*)"><td>.*?data-count="(\d+)"', page))
    assert sum(map(int, table.values())) == 12_000


def test_page_size_stays_under_its_bound_with_the_worst_text() -> None:
    # '&' and '<' become five- and four-byte entities: the most a character can grow.
    violations, report = _big_run(30_000, "&<" * 1500)
    page = html.render(violations, report).encode("utf-8")
    assert MAX_SHOWN - 100 < len(_findings(page.decode())) <= MAX_SHOWN
    assert len(page) < html.PAGE_BYTES_MAX
    assert f"never larger than {html.PAGE_BYTES_MAX // (1024 * 1024)} MB" in page.decode()
