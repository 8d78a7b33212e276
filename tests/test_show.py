"""`newslint show` end to end: what a user sees of each article in every input format.

Most runs use the command line in this process (inprocess_cli); the exit status a shell sees,
standard input and the separate streams are checked on the real process (conftest.run_cli).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest
from conftest import run_cli
from inprocess_cli import cli

from newslint.article import SkippedPage
from newslint.formatters.articles import JSON_KEYS, SEPARATOR
from newslint.readers import READERS

NB = "\u00a0"

WIRE_TXT = f"""\
Port of Incheon reopens after weekend fog halts ferry services {NB}  DATE: 2024-02-19 09:12:40
URL: https://harbourwire.example/2024/02/19/incheon-ferries-resume/
Source: Harbour Wire

INCHEON, Feb. 19 (Harbour Wire) -- Passenger ferries between Incheon and the western islands resumed on Monday after thick fog kept boats in port for most of the weekend.
About 3,200 travellers had their journeys cancelled on Saturday and Sunday, the port authority said.
"""

GRAIN_MD = """\
---
title: Grain exports rise for third month as harvest beats forecasts
date_publish: 2024-10-04 07:30:00
date_modify: 2024-10-05 08:00:00
url: https://fieldandmarket.example/2024/10/04/grain-exports-rise/
source_domain: fieldandmarket.example
---
SEJONG, Oct. 4 (Field & Market) -- Grain exports rose for a third straight month in September, the agriculture ministry said Friday.

Shipments reached 48,000 tons, up 6.2 percent from a year earlier.
"""

TRAFILATURA_LIST = [
    {"title": "Central bank holds rate steady, signals cut later in year", "date": "2024-08-22",
     "url": "https://marketline.example/economy/2024/08/22/rate-hold/", "sitename": "Market Line",
     "text": "SEOUL, Aug. 22 (Market Line) -- The central bank kept its benchmark rate at 3.5 percent on Thursday.\n"
             "The decision was unanimous, the governor told reporters."},
    {"title": "New library opens in Gwangju with 200,000 books", "date": "2024-04-15",
     "url": "https://southcitypost.example/local/2024/04/02/library-opens/", "sitename": "South City Post",
     "text": "GWANGJU, April 2 (South City Post) -- A new public library opened in Gwangju on Tuesday."},
]

NEWSPLEASE = [
    {"title": "Heat advisory issued for southern provinces", "date_publish": "2024-07-29 06:40:00",
     "date_modify": None, "url": "https://weatherdesk.example/2024/07/29/heat-advisory-south/",
     "source_domain": "weatherdesk.example", "language": "en",
     "maintext": "BUSAN, July 29 (Weather Desk) -- Forecasters issued a heat advisory for the southern provinces on Monday.\n"
                 "The advisory is expected to stay in place until at least Thursday."},
    {"title": "Subway line 9 extension opens to passengers", "date_publish": "2024-03-28 11:00:00",
     "date_modify": "2024-03-28 13:20:00", "url": "https://transitnews.example/2024/03/28/line-9-extension/",
     "source_domain": "transitnews.example", "language": "en",
     "maintext": "SEOUL, March 28 (Transit News) -- Four new stations on subway Line 9 opened on Thursday.\n"
                 "The extension cost 1.1 trillion won and took six years to build."},
    {"title": "Fishing boat crew rescued off Jeju after engine failure", "date_publish": "2024-11-12 18:25:00",
     "url": "https://islandbulletin.example/2024/11/12/crew-rescued/", "source_domain": "islandbulletin.example",
     "maintext": "JEJU, Nov. 12 (Island Bulletin) -- Coast guard officers rescued nine crew members on Tuesday."},
]

CSV_ROWS = [
    ["title", "publish_date", "url", "text"],
    ["Rail union and operator reach wage deal, averting strike", "2024-09-03 17:45:00",
     "https://laborreport.example/2024/09/03/rail-wage-deal/",
     "SEOUL, Sept. 3 (Labor Report) -- The rail workers' union and the national operator reached a wage deal late Tuesday.\n"
     "The deal raises basic pay by 2.5 percent, both sides said."],
    ["Apple growers count losses after late hail", "2024-06-11 09:05:00",
     "https://farmgazette.example/2024/06/11/hail-apples/",
     "YEONGJU, June 11 (Farm Gazette) -- Apple growers said late hail damaged up to a third of young fruit this week."],
]

DAM_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Dam water release warning for downstream towns | River Times</title>
<meta property="og:title" content="Dam water release warning for downstream towns">
<meta property="og:site_name" content="River Times">
<meta property="article:published_time" content="2024-08-09T10:20:00+09:00">
<link rel="canonical" href="https://rivertimes.example/2024/08/09/dam-release-warning/">
<style>.share-icon:before { content: ""; }</style>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sports">Sports</a></nav></header>
<main>
<article>
<h1>Dam water release warning for downstream towns</h1>
<p class="byline">By Shin Yu-jin | <time datetime="2024-08-09T10:20:00+09:00">Aug. 9, 2024</time></p>
<p>CHUNCHEON, Aug. 9 (River Times) -- Residents of towns downstream of the <a href="/tags/soyang">Soyang Dam</a> were told to keep away from riverbanks on Friday as operators prepared to open the floodgates after a week of heavy rain.</p>
<p>The reservoir stood at 96 percent of capacity on Friday morning, the operator said, and releases of up to 3,000 tons a second were planned from 2 p.m.</p>
<p>Campsites along the river were closed and police set up <strong>checkpoints</strong> at three bridges.</p>
<script>window.dataLayer = window.dataLayer || [];</script>
</article>
</main>
<footer><p>&copy; River Times</p></footer>
</body>
</html>
"""
DAM_PARAGRAPHS = [
    "CHUNCHEON, Aug. 9 (River Times) -- Residents of towns downstream of the Soyang Dam were told to keep away from riverbanks on Friday as operators prepared to open the floodgates after a week of heavy rain.",
    "The reservoir stood at 96 percent of capacity on Friday morning, the operator said, and releases of up to 3,000 tons a second were planned from 2 p.m.",
    "Campsites along the river were closed and police set up checkpoints at three bridges.",
]

NEWSPAPER4K = [
    {"title": "Air quality alerts lifted as rain clears fine dust", "publish_date": "2024-03-05T16:00:00+09:00",
     "url": "https://skywatch.example/2024/03/05/dust-alerts-lifted/", "source_url": "https://skywatch.example",
     "authors": ["Bae Ji-won"],
     "text": "DAEGU, March 5 (Sky Watch) -- Fine dust alerts were lifted across the region on Tuesday afternoon."},
    {"title": "Ferry fares to Ulleung Island to rise in April", "publish_date": "2024-03-06T09:30:00+09:00",
     "url": "https://skywatch.example/2024/03/06/ferry-fares/", "source_url": "https://skywatch.example",
     "authors": ["Bae Ji-won"],
     "text": "POHANG, March 6 (Sky Watch) -- Ferry operators will raise fares to Ulleung Island by about 8 percent."},
]

KCNA = [
    {"headline": "Kim Jong Un inspects construction of regional hospital", "date_str": "2024-05-12",
     "link": "http://www.kcna.kp/en/article/q/1a2b3c.kcmsf",
     "story_text": "Pyongyang, May 12 (KCNA) -- Kim Jong Un inspected the construction site of a regional hospital.\n"
                   "He praised the builders for their devotion."},
    {"headline": "Delegation leaves for Moscow", "date_str": "2024-05-13",
     "link": "http://www.kcna.kp/en/article/q/4d5e6f.kcmsf",
     "story_text": "Pyongyang, May 13 (KCNA) -- A delegation of the Ministry of External Economic Relations left for Moscow."},
]
KCNA_CONFIG = "fields:\n  title: headline\n  published: date_str\n  body: story_text\n  url: link\n"


def _csv_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """One article file (or batch) in each input format a scraper leaves."""
    folder = tmp_path / "scraped"
    folder.mkdir()
    (folder / "a_wire.txt").write_text(WIRE_TXT, encoding="utf-8")
    (folder / "b_grain.md").write_text(GRAIN_MD, encoding="utf-8")
    # Pretty-printed as trafilatura's JSON export is: each record opens a line.
    (folder / "c_trafilatura.json").write_text(
        "[\n" + ",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in TRAFILATURA_LIST) + "\n]\n", encoding="utf-8")
    (folder / "d_newsplease.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in NEWSPLEASE), encoding="utf-8")
    (folder / "e_export.csv").write_text(_csv_text(CSV_ROWS), encoding="utf-8")
    (folder / "f_dam.html").write_text(DAM_PAGE, encoding="utf-8")
    (folder / "g_archive.jsonl.gz").write_bytes(
        gzip.compress("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in NEWSPAPER4K).encode()))
    return tmp_path


def _shown(result) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_shows_every_format_with_its_records(corpus):
    shown = _shown(cli("show", "--format", "json", "scraped", cwd=corpus))
    assert all(tuple(a) == JSON_KEYS for a in shown)
    assert [(a["path"], a["record"]) for a in shown] == [
        ("scraped/a_wire.txt", None),
        ("scraped/b_grain.md", None),
        ("scraped/c_trafilatura.json", 2),  # the line each record opens on
        ("scraped/c_trafilatura.json", 3),
        ("scraped/d_newsplease.jsonl", 1),
        ("scraped/d_newsplease.jsonl", 2),
        ("scraped/d_newsplease.jsonl", 3),
        ("scraped/e_export.csv", 2),
        ("scraped/e_export.csv", 4),  # the row before holds a line break inside its text
        ("scraped/f_dam.html", None),
        ("scraped/g_archive.jsonl.gz", 1),
        ("scraped/g_archive.jsonl.gz", 2),
    ]
    by = {(a["path"].split("/")[1], a["record"]): a for a in shown}

    wire = by["a_wire.txt", None]
    assert wire["title"] == "Port of Incheon reopens after weekend fog halts ferry services"
    assert wire["published"] == "2024-02-19 09:12:40"
    assert wire["url"] == "https://harbourwire.example/2024/02/19/incheon-ferries-resume/"
    assert wire["source"] == "Harbour Wire"
    assert wire["modified"] is None
    assert wire["body"] == WIRE_TXT.split("Source: Harbour Wire\n", 1)[1]  # the file's own text from the blank line on

    grain = by["b_grain.md", None]
    assert (grain["published"], grain["modified"]) == ("2024-10-04 07:30:00", "2024-10-05 08:00:00")
    assert grain["source"] == "fieldandmarket.example"
    assert grain["body"] == GRAIN_MD.split("---\n")[2]

    rate = by["c_trafilatura.json", 2]
    assert (rate["published"], rate["source"]) == ("2024-08-22", "Market Line")
    assert rate["body"] == TRAFILATURA_LIST[0]["text"]

    subway = by["d_newsplease.jsonl", 2]
    assert subway["modified"] == "2024-03-28 13:20:00"
    assert subway["body"] == NEWSPLEASE[1]["maintext"]
    assert by["d_newsplease.jsonl", 1]["modified"] is None  # null in the record
    assert by["d_newsplease.jsonl", 3]["modified"] is None  # no key at all

    rail = by["e_export.csv", 2]
    assert rail["body"] == CSV_ROWS[1][3]
    assert rail["source"] is None
    assert by["e_export.csv", 4]["title"] == "Apple growers count losses after late hail"

    ferry = by["g_archive.jsonl.gz", 2]
    assert ferry["published"] == "2024-03-06T09:30:00+09:00"
    assert ferry["body"] == NEWSPAPER4K[1]["text"]


def test_json_of_a_web_page_has_its_metadata_and_story_text_without_markup(corpus):
    [page] = _shown(cli("show", "--format", "json", "scraped/f_dam.html", cwd=corpus))
    assert page["path"] == "scraped/f_dam.html" and page["record"] is None
    assert page["title"] == "Dam water release warning for downstream towns"
    assert page["url"] == "https://rivertimes.example/2024/08/09/dam-release-warning/"
    assert page["published"] == "2024-08-09T10:20:00+09:00"
    body = page["body"]
    for paragraph in DAM_PARAGRAPHS:
        assert paragraph in body
    for markup in ("<a", "<p", "<strong", "</", "href=", "dataLayer"):
        assert markup not in body


def test_json_is_one_object_a_line_with_non_ascii_kept(tmp_path):
    (tmp_path / "seoul.jsonl").write_text(json.dumps({"title": "서울 시장 선거", "text": "Kim Jong-un — 김정은"}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = cli("show", "--format", "json", "seoul.jsonl", cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == 3
    assert '"title": "서울 시장 선거"' in lines[1]
    assert json.loads(result.stdout)[0]["body"] == "Kim Jong-un — 김정은"


def test_text_layout_of_a_seed_article(corpus):
    result = cli("show", "scraped/a_wire.txt", cwd=corpus)
    assert result.returncode == 0 and result.stderr == ""
    body = WIRE_TXT.split("Source: Harbour Wire\n", 1)[1]
    assert result.stdout == (
        "==> scraped/a_wire.txt <==\n"
        "title:     Port of Incheon reopens after weekend fog halts ferry services\n"
        "published: 2024-02-19 09:12:40\n"
        "url:       https://harbourwire.example/2024/02/19/incheon-ferries-resume/\n"
        "source:    Harbour Wire\n"
        "\n"
        + body  # verbatim, its leading blank line included (line numbers match the file's)
        + SEPARATOR + "\n"
    )


def test_text_layout_of_records_names_the_record_and_the_keys(corpus):
    out = cli("show", "scraped/d_newsplease.jsonl", cwd=corpus).stdout
    chunks = out.split(SEPARATOR + "\n")
    assert chunks[-1] == "" and len(chunks) == 4
    assert chunks[1] == (
        "==> scraped/d_newsplease.jsonl record 2 <==\n"
        "title:     Subway line 9 extension opens to passengers\n"
        "published: 2024-03-28 11:00:00\n"
        "modified:  2024-03-28 13:20:00\n"
        "url:       https://transitnews.example/2024/03/28/line-9-extension/\n"
        "source:    transitnews.example\n"
        "keys:      title=title published=date_publish modified=date_modify url=url source=source_domain body=maintext\n"
        "\n"
        + NEWSPLEASE[1]["maintext"] + "\n"
    )
    assert "modified:" not in chunks[0]  # absent fields get no line


def test_text_shows_a_value_with_a_line_break_or_edge_space_as_a_literal(tmp_path):
    record = {"title": "Floods close roads\nLIVE UPDATES", "url": " https://example.org/floods ",
              "source": '"Daily" Courier', "text": "Roads were closed."}
    (tmp_path / "odd.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = cli("show", "odd.jsonl", cwd=tmp_path).stdout
    assert 'title:     "Floods close roads\\nLIVE UPDATES"\n' in out
    assert 'url:       " https://example.org/floods "\n' in out
    assert 'source:    "\\"Daily\\" Courier"\n' in out


def test_text_says_when_no_field_holds_the_body(tmp_path):
    (tmp_path / "teasers.jsonl").write_text(json.dumps({"title": "Teaser only", "url": "https://example.org/t"}) + "\n", encoding="utf-8")
    result = cli("show", "teasers.jsonl", cwd=tmp_path)
    assert "(no body: no field holds the article text, so the rules check none)\n" + SEPARATOR in result.stdout
    assert "input-error no article text" in result.stderr  # the lint's own hint for a `fields` mapping
    assert result.returncode == 1


def test_fields_mapping_in_the_config_is_honoured(tmp_path):
    (tmp_path / "kcna.jsonl").write_text("".join(json.dumps(r) + "\n" for r in KCNA), encoding="utf-8")
    unmapped = cli("show", "--format", "json", "kcna.jsonl", cwd=tmp_path)
    assert [a["body"] for a in json.loads(unmapped.stdout)] == [None, None]
    assert "fields: {body: story_text}" in unmapped.stderr
    assert unmapped.returncode == 1

    (tmp_path / "newslint.yaml").write_text(KCNA_CONFIG, encoding="utf-8")
    shown = _shown(cli("show", "--format", "json", "kcna.jsonl", cwd=tmp_path))
    assert shown[0] == {
        "path": "kcna.jsonl", "record": 1,
        "title": "Kim Jong Un inspects construction of regional hospital",
        "published": "2024-05-12", "modified": None,
        "url": "http://www.kcna.kp/en/article/q/1a2b3c.kcmsf", "source": None,
        "body": KCNA[0]["story_text"],
    }
    text = cli("show", "kcna.jsonl", cwd=tmp_path).stdout
    assert "keys:      title=headline published=date_str url=link body=story_text\n" in text


def test_config_named_with_option_and_exclude_from_it(tmp_path, corpus):
    (tmp_path / "kcna.yaml").write_text(KCNA_CONFIG + "exclude: ['*.csv', '*.html']\n", encoding="utf-8")
    shown = _shown(cli("show", "--format", "json", "--config", str(tmp_path / "kcna.yaml"), "scraped", cwd=corpus))
    paths = {a["path"] for a in shown}
    assert "scraped/e_export.csv" not in paths and "scraped/f_dam.html" not in paths
    assert "scraped/d_newsplease.jsonl" in paths


def test_malformed_jsonl_line_on_stderr_and_the_other_records_shown(tmp_path):
    lines = [json.dumps(NEWSPLEASE[0]), '{"title": "Cut off", "maintext": "The ', json.dumps(NEWSPLEASE[2])]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("show", "--format", "json", "batch.jsonl", cwd=tmp_path)
    assert result.returncode == 1
    assert [(a["record"], a["title"]) for a in json.loads(result.stdout)] == [
        (1, NEWSPLEASE[0]["title"]), (3, NEWSPLEASE[2]["title"])]
    [problem] = result.stderr.splitlines()
    assert problem.startswith("batch.jsonl:2:")
    assert ": input-error malformed JSON record: " in problem

    text = run_cli("show", "batch.jsonl", cwd=tmp_path)
    assert text.returncode == 1 and text.stderr == result.stderr
    assert text.stdout.count("==> batch.jsonl record ") == 2


def test_standard_input_read_as_the_format_its_name_says(tmp_path):
    data = "".join(json.dumps(r) + "\n" for r in NEWSPLEASE[:2])
    result = run_cli("show", "--format", "json", "-", "--stdin-filename", "batch.jsonl", cwd=tmp_path, stdin=data)
    assert result.returncode == 0, result.stderr
    assert [(a["path"], a["record"]) for a in json.loads(result.stdout)] == [("batch.jsonl", 1), ("batch.jsonl", 2)]
    seed = run_cli("show", "-", cwd=tmp_path, stdin=WIRE_TXT)
    assert seed.stdout.startswith("==> stdin.txt <==\ntitle:     Port of Incheon")


def test_page_with_no_article(monkeypatch, tmp_path):
    """A reader's SkippedPage: said in the text, left out of the JSON array and said on stderr."""
    def no_story(source, text, aliases):
        yield SkippedPage(source.path, "no story region found (a video page)")

    monkeypatch.setitem(READERS, ".html", no_story)
    (tmp_path / "video.html").write_text("<html><body><video></video></body></html>", encoding="utf-8")
    (tmp_path / "wire.txt").write_text(WIRE_TXT, encoding="utf-8")
    text = cli("show", ".", cwd=tmp_path)
    assert text.returncode == 0
    assert text.stdout.startswith(f"video.html: not linted: no story region found (a video page)\n{SEPARATOR}\n==> wire.txt <==\n")
    assert text.stderr == ""
    as_json = cli("show", "--format", "json", ".", cwd=tmp_path)
    assert as_json.returncode == 0
    assert [a["path"] for a in json.loads(as_json.stdout)] == ["wire.txt"]
    assert as_json.stderr == "newslint: video.html: not linted: no story region found (a video page)\n"


def test_nothing_to_show_is_an_empty_array(tmp_path):
    (tmp_path / "empty").mkdir()
    result = cli("show", "--format", "json", "empty", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "[]\n")


def test_bad_config_exits_2_as_linting_does(tmp_path, corpus):
    (corpus / "newslint.yaml").write_text("fail-on: fatal\n", encoding="utf-8")
    shown = run_cli("show", "scraped", cwd=corpus)
    linted = run_cli("scraped", cwd=corpus)
    assert shown.returncode == linted.returncode == 2
    assert shown.stdout == ""
    assert shown.stderr == linted.stderr
    assert shown.stderr.startswith("newslint: ") and "newslint.yaml:1:" in shown.stderr


def test_usage_errors_exit_2(tmp_path):
    assert cli("show", cwd=tmp_path).returncode == 2
    missing = cli("show", "nowhere.jsonl", cwd=tmp_path)
    assert missing.returncode == 2 and "no such file or folder: nowhere.jsonl" in missing.stderr
    assert cli("show", "--format", "sarif", ".", cwd=tmp_path).returncode == 2


def test_help_mentions_show(tmp_path):
    main_help = run_cli("--help", cwd=tmp_path)
    assert main_help.returncode == 0 and "newslint show PATH..." in " ".join(main_help.stdout.split())
    show_help = cli("show", "--help", cwd=tmp_path)
    assert show_help.returncode == 0
    assert "--format {text,json}" in show_help.stdout and "Exit status" in show_help.stdout


def test_options_before_show_are_shows_own(tmp_path):
    """`newslint --config X show PATH`, as `newslint --config X rules` lists the rules."""
    (tmp_path / "kcna.jsonl").write_text("".join(json.dumps(r) + "\n" for r in KCNA), encoding="utf-8")
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "kcna.yaml").write_text(KCNA_CONFIG, encoding="utf-8")
    after = cli("show", "--config", "ci/kcna.yaml", "--format", "json", "kcna.jsonl", cwd=tmp_path)
    before = cli("--config", "ci/kcna.yaml", "--format", "json", "show", "kcna.jsonl", cwd=tmp_path)
    mixed = cli("--config", "ci/kcna.yaml", "show", "--format", "json", "kcna.jsonl", cwd=tmp_path)
    assert before.returncode == mixed.returncode == after.returncode == 0, before.stderr
    assert before.stdout == mixed.stdout == after.stdout
    assert [a["body"] for a in json.loads(before.stdout)] == [r["story_text"] for r in KCNA]
    text = cli("--config=ci/kcna.yaml", "show", "kcna.jsonl", cwd=tmp_path)
    assert "keys:      title=headline published=date_str url=link body=story_text\n" in text.stdout


def test_show_after_an_option_that_takes_it_as_its_value_is_no_subcommand(tmp_path):
    (tmp_path / "wire.txt").write_text(WIRE_TXT, encoding="utf-8")
    # `--select show`: a rule named show; `wire.txt show`: a second path to check
    named = cli("--select", "show", "wire.txt", cwd=tmp_path)
    assert (named.returncode, named.stderr) == (2, "newslint: --select: no rule named 'show'; see `newslint rules`\n")
    second = cli("wire.txt", "show", cwd=tmp_path)
    assert (second.returncode, second.stderr) == (2, "newslint: error: no such file or folder: show\n")
    # an option `show` does not take is refused by name, with show's usage
    refused = cli("--select", "x", "show", "wire.txt", cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.endswith("newslint show: error: unrecognized arguments: --select\n")
