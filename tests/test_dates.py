"""newslint.text.dates: metadata values, URL dates and text dates, parsed once per article."""

from __future__ import annotations

import datetime as dt

import pytest

from newslint.article import Article, Field, SourceFile
from newslint.text.dates import article_dates, parse_date_value, resolve_year, url_date

D = dt.date


@pytest.mark.parametrize(
    ("value", "day", "aware"),
    [
        ("2024-11-03 05:35:21", D(2024, 11, 3), False),
        ("2024-03-01T14:05:00Z", D(2024, 3, 1), True),
        ("2024-06-21T00:45:00+02:00", D(2024, 6, 21), True),
        ("2024-06-21T00:45:00.123+0900", D(2024, 6, 21), True),
        ("2019-11-21", D(2019, 11, 21), None),
        ("1707696000000", D(2024, 2, 12), True),  # KCNA `date`: epoch milliseconds, UTC
        ("Tue, 14 Nov 2023 08:00:00 +0000", D(2023, 11, 14), True),  # RFC 2822
        ("May 22, 2020", D(2020, 5, 22), None),
        ("14 September 2023", D(2023, 9, 14), None),
        ("Nov 19, 2019 7:31 PM EST", D(2019, 11, 19), False),
    ],
)
def test_metadata_values_are_read_as_written(value, day, aware) -> None:
    parsed = parse_date_value(value)
    assert parsed is not None and parsed[0] == day
    moment = parsed[1]
    if aware is None:
        assert moment is None
    else:
        assert moment is not None and (moment.tzinfo is not None) == aware


@pytest.mark.parametrize("value", ["2024-03-01T10:00:00+25:00", "99999999999999", "2024-13-45 10:00"])
def test_odd_values_never_raise(value) -> None:
    parsed = parse_date_value(value)
    assert parsed is None or parsed[1] is None


@pytest.mark.parametrize("value", ["", "yesterday", "2019", "September 2023", "2024-02-30", "03/04/2024", "n/a"])
def test_values_without_a_certain_day_give_no_date(value) -> None:
    assert parse_date_value(value) is None


@pytest.mark.parametrize(
    ("url", "day", "month_only"),
    [
        ("https://news.example/world/2024/03/14/story-slug/", D(2024, 3, 14), False),
        ("http://www.herald.example/view.php?ud=20200522000513&ACE_SEARCH=1", D(2020, 5, 22), False),
        ("http://paper.example/index.php?strPageID=SF01_02_01&newsID=2018-01-08-0005", D(2018, 1, 8), False),
        ("https://news.example/2024/03/ferry-service", D(2024, 3, 1), True),
        ("https://news.example/a/20230914/story", D(2023, 9, 14), False),
        ("https://web.archive.org/web/20230914123456/https://news.example/2021/05/02/story", D(2021, 5, 2), False),
    ],
)
def test_url_dates(url, day, month_only) -> None:
    found = url_date(url)
    assert found is not None
    assert (found[0], found[3]) == (day, month_only)
    assert url[found[1] : found[2]].replace("/", "").replace("-", "").startswith(str(day.year))


@pytest.mark.parametrize(
    "url",
    [
        "https://web.archive.org/web/20230914123456/https://news.example/story-slug",  # capture stamp only
        "http://agency.example/en/article/q/a514ed40309b181ae5964d720a691ec6e7.kcmsf",  # hex hash
        "https://wire.example/news/articleView.html?idxno=104528",
        "https://20240101.example/story",  # a host is not a date
        "https://news.example/2024/story",  # a year alone
    ],
)
def test_urls_without_a_publication_date(url) -> None:
    assert url_date(url) is None


def test_year_less_dates_resolve_mostly_into_the_past() -> None:
    assert resolve_year(9, 14, D(2023, 9, 19)) == D(2023, 9, 14)
    assert resolve_year(12, 30, D(2024, 1, 2)) == D(2023, 12, 30)
    assert resolve_year(1, 3, D(2023, 12, 30)) == D(2024, 1, 3)
    assert resolve_year(2, 20, D(2024, 9, 4)) == D(2024, 2, 20)  # not Feb. 2025


def _article(body: str, published: str = "2024-05-20 09:00:00", url: str | None = None) -> Article:
    text = f"Headline    DATE: {published}\n\n{body}"
    fields = {"published": Field("published", published, start=18), "body": Field("body", body, start=text.index(body))}
    if url:
        fields["url"] = Field("url", url)
    return Article(SourceFile.of("a.txt", text), fields)


def test_text_dates_and_their_kinds() -> None:
    body = (
        "A resident in Cheongju on May 19. Yonhap\n"
        "SEOUL, May 20 (Yonhap) -- The minister visited on Monday, after the July 15, 2023 floods.\n"
        "Related story 2024-05-02 10:41  |  National\n"
        "Stations reopen on Friday, May 24, and on 3 June the line is inspected.\n"
    )
    dates = article_dates(_article(body))
    got = [(t.kind, t.day, t.year_given, t.weekday) for t in dates.text]
    assert got == [
        ("caption", D(2024, 5, 19), False, None),
        ("dateline", D(2024, 5, 20), False, None),
        ("text", D(2023, 7, 15), True, None),
        ("timestamp", D(2024, 5, 2), True, None),
        ("text", D(2024, 5, 24), False, 4),
        ("text", D(2024, 6, 3), False, None),
    ]
    weekday = dates.text[4]
    assert body[weekday.start : weekday.end] == "Friday, May 24"


@pytest.mark.parametrize(
    "line",
    [
        "SEOUL, Sept. 14 (Yonhap) -- The bank kept its rate.",
        "(LEAD) SEOUL, Sept. 14 (Yonhap) -- The bank kept its rate.",
        "Pyongyang, September 14 (KCNA) -- The bank kept its rate.",
        "WASHINGTON, D.C., Sept 14 (Reuters) - The bank kept its rate.",
        "PARIS, 14 September 2023 (AFP) - The bank kept its rate.",
        "NEW DELHI, Sept 14 (IANS): The bank kept its rate.",
    ],
)
def test_datelines(line) -> None:
    dates = article_dates(_article(line + "\n", published="2023-09-15 00:00:00"))
    assert [(t.kind, t.day) for t in dates.text] == [("dateline", D(2023, 9, 14))]


@pytest.mark.parametrize(
    "line",
    [
        "In a statement issued on Sept. 14, the ministry said so.",
        '"By Sept. 14 - that is the deadline," she said.',
    ],
)
def test_not_datelines(line) -> None:
    dates = article_dates(_article(line + "\n", published="2023-09-15 00:00:00"))
    assert [t.kind for t in dates.text] == ["text"]


def test_words_that_look_like_months_are_not_dates() -> None:
    body = "Omar 5 said the Marines 3 and Junior 2 may 4 tests were in March 2019 and 2,400 won.\n"
    assert article_dates(_article(body)).text == ()


def test_a_stamp_in_the_text_gives_a_far_year_less_caption_its_year() -> None:
    body = "A screen shows the summit, Sept. 14. AP-Yonhap\nAnalysis of the summit 2023-09-14 16:33  |  Foreign Affairs\n"
    dates = article_dates(_article(body, published="2024-11-03 05:35:21"))
    assert [t.day for t in dates.text] == [D(2023, 9, 14), D(2023, 9, 14)]


def test_a_near_year_less_date_keeps_the_published_year_despite_an_old_stamp() -> None:
    body = "A commuter boards a bus on May 17. Yonhap\nOlder story 2023-05-18 10:00  |  Society\n"
    dates = article_dates(_article(body))
    assert dates.text[0].day == D(2024, 5, 17)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("A high-profile visitor arrives in Seoul on May 19. Yonhap", "caption"),
        ("FILE PHOTO: A refinery in Texas, June 1, 2019. REUTERS/Jane Doe/File Photo", "text"),
        ("Officials met on May 19. Nothing was agreed.", "text"),
    ],
)
def test_captions_and_file_photos(line, kind) -> None:
    assert [t.kind for t in article_dates(_article(line + "\n")).text] == [kind]


@pytest.mark.parametrize(
    ("line", "weekday"),
    [
        ("Trains run again from Friday, July 11.", 4),
        ("Trains run again from Fri. July 11.", 4),
        ("Trains run again from Thurs., July 11.", 3),
        ("Trains run again from July 11 (Friday).", 4),
        ("Officials spoke on Thursday. July 11 is the deadline.", None),
        ("Officials spoke on Sunday, 11 July 2024.", 6),
    ],
)
def test_weekdays_attached_to_dates(line, weekday) -> None:
    assert [t.weekday for t in article_dates(_article(line + "\n", published="2024-07-10 00:00:00")).text] == [weekday]


def test_quoted_dates_are_marked() -> None:
    dates = article_dates(_article('"We will vote on March 3," she said on May 19.\n'))
    assert [(t.day.month, t.quoted) for t in dates.text] == [(3, True), (5, False)]


def test_dates_are_parsed_once_per_article_and_shared() -> None:
    article = _article("SEOUL, May 20 (Yonhap) -- Text.\n", url="https://news.example/2024/05/20/x/")
    first = article_dates(article)
    assert article_dates(article) is first
    assert first.published.day == D(2024, 5, 20) and first.url[0].day == D(2024, 5, 20)


def test_dates_in_an_embedded_tweet_are_not_read() -> None:
    body = (
        "The mayor welcomed the vote on social media on May 19.\n"
        "Swimming in the harbour by 2026! Vote on June 3. pic.twitter.com/abc\n"
        "\u2014 Mayor Anna Berg (@annaberg) March 3, 2024\n"
        "Construction starts next spring.\n"
    )
    assert [t.day for t in article_dates(_article(body)).text] == [D(2024, 5, 19)]


def test_an_instagram_attribution_with_its_date_and_time_is_not_read() -> None:
    body = "The singer announced the tour on May 19.\nSee you! A post shared by Ana Sol (@anasol) on Mar 3, 2024 at 10:05am PST\n"
    assert [t.day for t in article_dates(_article(body)).text] == [D(2024, 5, 19)]
