"""The dates an article gives about itself, found and parsed once per article.

Three sources: metadata fields (published, modified and, in HTML, the meta tag, JSON-LD and
`<time>` copies), dates in the article's URL, and dates in its text (ISO stamps, "Sept. 14, 2023",
"14 September 2023", "September 14", datelines, photo captions, and the page's own date line
kept in the body, "Published: Feb. 16, 2024" or "2024.02.16 09:41", which is a time stamp).
`article_dates(article)` builds them on first use and keeps them in `article.cache`, so every
rule that needs dates shares one parse.

A date in the text without a year takes its year from the metadata date (the year that puts it
within about nine months before or three months after it: text mostly tells of what has happened).
When that lands it far from the metadata date and a dated stamp, dateline or caption in the same
text gives a closer year, that year is used: a caption "Sept. 14" beside a "2023-09-14 16:33" stamp
is 2023, whatever year a crawler wrote in the date field.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from bisect import bisect_left
from dataclasses import dataclass

import regex

from ..article import Article
from .lines import TextLines, text_lines

CACHE_KEY = "dates"

# Year-less dates resolve into (reference - BEFORE, reference + AFTER].
RESOLVE_BEFORE = dt.timedelta(days=275)
RESOLVE_AFTER = dt.timedelta(days=90)
# A year-less date further than this from the metadata date may take its year from a dated
# stamp, dateline or caption in the same text instead.
FAR = dt.timedelta(days=30)

MIN_YEAR, MAX_YEAR = 1900, 2099

META_FIELDS = ("published", "modified", "published_meta", "published_jsonld", "published_time", "modified_jsonld")
TEXT_FIELDS = ("title", "description", "body")

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_SP = r"[ \u00a0]"
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])"
_YEAR = r"(?:19|20)[0-9][0-9]"
# Cheap candidates first, with the standard library's `re` (faster than `regex` for these
# literal-led scans): a month name, or a whole ISO date. Only around a candidate is the rest
# read, with anchored matches. No pattern opens with \b or a look-behind.
_MONTH_CANDIDATE = re.compile(r"Jan|Feb|Ma[ry]|Apr|Ju[nl]|Aug|Sep|Oct|Nov|Dec")
# "2024-02-16", and the dotted year-first stamp of East Asian sites, "2024.02.16 09:41". It opens
# with the year's "19" or "20": prose holds far fewer of those than of the "." and "-" a
# separator-led scan would stop at.
_ISO_DATE = re.compile(rf"{_YEAR}([-.])(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12][0-9]|3[01])(?![0-9])")
_ISO_TIME = re.compile(r"[T ](?:[01][0-9]|2[0-3]):[0-5][0-9](?![0-9])")
# After the month's first three letters: the rest of its name, then "14", "14th", "14, 2023".
_MONTH_REST = re.compile(r"(?:uary|ruary|ch|il|e|y|ust|t(?:ember)?|ember|ober)?(?![A-Za-z])")
_DAY_YEAR_AFTER = re.compile(rf"\.?{_SP}(?P<d>{_DAY})(?:st|nd|rd|th)?(?![0-9A-Za-z])(?:,?{_SP}(?P<y>{_YEAR})(?![0-9]))?")
_YEAR_AFTER = re.compile(rf"\.?,?{_SP}(?P<y>{_YEAR})(?![0-9])")
# Before the month: "14 ", "3rd " (day-first dates: "14 September 2023").
_DAY_BEFORE = re.compile(rf"(?:^|[^0-9A-Za-z])(?P<d>{_DAY})(?:st|nd|rd|th)?{_SP}$")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?)"
# "Friday, July 11", "Fri. July 11"; not "said on Thursday. March 14 is ...": only an
# abbreviation takes a full stop.
_WEEKDAY_BEFORE = regex.compile(rf"(?P<w>{_WEEKDAY}),?{_SP}$")
_WEEKDAY_AFTER = regex.compile(rf"{_SP}?\((?P<w>{_WEEKDAY})\)")
# Dateline: "SEOUL, Sept. 14 (Yonhap) --", "Pyongyang, February 10 (KCNA) --", "PARIS, Sept 5 (AFP) -".
# Yonhap marks updated stories "(LEAD) SEOUL, ..." or "(3rd LD) SEOUL, ...".
# Places are written in any alphabet's capitals ("SÃO PAULO", "ZÜRICH", "N'DJAMENA").
_DATELINE_PLACE = regex.compile(
    rf"(?:\([0-9A-Za-z ]{{2,12}}\){_SP}+)?\p{{Lu}}[\p{{L}}.'\u2019\- ]{{0,40}}(?:,{_SP}\p{{Lu}}[\p{{L}}.'\u2019\- ]{{0,30}})?,{_SP}"
)
# After the date: "(Agency) --", "--", a dash, a press-release "/PRNewswire/ --", or (PTI, IANS)
# the agency in brackets straight before the story's first word.
_DATELINE_TAIL = regex.compile(
    rf"{_SP}*(?:\([^()\n]{{1,40}}\){_SP}*(?:--|-|\u2014|\u2013|:)|--|-|\u2014|\u2013"
    rf"|/[A-Za-z][^/\n]{{1,30}}/{_SP}*(?:--|-|\u2014|\u2013)|\([A-Z][A-Za-z .&-]{{1,30}}\){_SP}+\p{{Lu}})"
)
# A dateline with no place: "Oct 3 (Reuters) - ..." opening the line, the agency required.
_PLACELESS_TAIL = regex.compile(rf"{_SP}*\([A-Z][A-Za-z .&-]{{1,30}}\){_SP}*(?:--|-|\u2014|\u2013)")
# Photo caption: the date is followed by a full stop and a short credit ending the line
# ("..., Sept. 14. AP-Yonhap", "... March 13, 2024. REUTERS/Name", "| KYODO", "[YONHAP]").
_CAPTION_TAIL = regex.compile(
    rf"\.?(?:{_SP}|&nbsp;)*[|]?{_SP}*[\[(]?[A-Z][^\s]*(?:{_SP}+(?:[A-Z(\[/]|by{_SP}|via{_SP}|photo|file)[^\s]*){{0,5}}{_SP}*$"
)
# Around a date on a stamp line: a label or a short byline before it; a time, a zone, an
# "| Updated ..." or nothing after it.
_STAMP_HEAD = regex.compile(
    r"[ \u00a0]*(?:(?:Published|Posted|Updated|Last updated|Last modified|Date|Dated)(?: on| at)?[ \u00a0]*[:|]?"
    r"|By[ \u00a0][^\n:]{2,60}?[ \u00a0]*[|,·•-]?)[ \u00a0]*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?[ \u00a0]*)?",
    regex.I,
)
_STAMP_TAIL = regex.compile(r"[ \u00a0,.]*(?:(?:at[ \u00a0]+)?[0-9]{1,2}[:.][0-9]{2}(?::[0-9]{2})?[ \u00a0]*(?:[ap]\.?m\.?)?[ \u00a0]*(?:[A-Z]{2,4}(?:[+-][0-9]{1,2})?)?)?[ \u00a0]*(?:[|·•][^\n]{0,30})?", regex.I)
_FILE_WORD = re.compile(r"[Ff][Ii][Ll][Ee](?![A-Za-z])")

# URL dates: /2023/09/14/, /2023/09/, 2023-09-14 (newsID=2023-09-14-0005), a compact 20230914
# run (ud=20230914000612). The separated form needs its separator after the month, so a bare
# year in a path is not taken for a month.
_URL_DATE = regex.compile(
    r"(?P<y>(?:19|20)[0-9][0-9])(?P<sep>[/_-])(?P<m>0?[1-9]|1[0-2])(?P=sep)(?:(?P<d>0?[1-9]|[12][0-9]|3[01])(?![0-9]))?"
    r"|(?P<run>(?:19|20)[0-9]{6,18})"
    # /2024/may/22/: the month by name, as some British and Australian sites write it
    r"|(?P<ny>(?:19|20)[0-9][0-9])/(?P<nm>(?i:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec))/(?P<nd>0?[1-9]|[12][0-9]|3[01])(?![0-9])"
)
_ARCHIVE_STAMP = regex.compile(r"web\.archive\.org/web/[0-9]+[a-z_]*/")

_ISO_META = regex.compile(
    r"[ \t]*(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})"
    r"(?:[T ]+(?P<H>[0-9]{1,2}):(?P<M>[0-9]{2})(?::(?P<S>[0-9]{2})(?:[.,][0-9]+)?)?"
    r"[ \t]*(?P<tz>Z|UTC|GMT|[+-][0-9]{2}:?[0-9]{2})?)?[ \t]*"
)
_NUMERIC_DMY = regex.compile(r"[ \t]*([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{2,4})\b")


@dataclass(frozen=True, slots=True)
class MetaDate:
    """A metadata field's date: the calendar day as written, and the moment when a time is given."""

    field: str
    day: dt.date
    moment: dt.datetime | None = None  # timezone-aware when the value carried an offset


@dataclass(frozen=True, slots=True)
class UrlDate:
    field: str
    start: int
    end: int
    day: dt.date
    month_only: bool  # /2023/09/: the URL names a month, not a day


@dataclass(frozen=True, slots=True)
class TextDate:
    """A date in the article's text and what kind of statement carries it."""

    field: str
    start: int  # span of the date itself, weekday included when one is attached
    end: int
    day: dt.date
    kind: str  # "dateline", "caption", "timestamp" or "text"
    year_given: bool
    weekday: int | None = None  # the weekday the text names for this date (0 = Monday)
    quoted: bool = False  # inside a quotation on its line


@dataclass(frozen=True, slots=True)
class ArticleDates:
    meta: dict[str, MetaDate]
    url: tuple[UrlDate, ...]
    text: tuple[TextDate, ...]

    @property
    def published(self) -> MetaDate | None:
        return self.meta.get("published")


def article_dates(article: Article) -> ArticleDates:
    """The article's dates, computed on first use and shared through `article.cache`."""
    found = article.cache.get(CACHE_KEY)
    if found is None:
        found = _collect(article)
        article.cache[CACHE_KEY] = found
    return found


def _collect(article: Article) -> ArticleDates:
    meta: dict[str, MetaDate] = {}
    for name in META_FIELDS:
        f = article.fields.get(name)
        if f is not None and f.text:
            parsed = parse_date_value(f.text)
            if parsed is not None:
                day, moment = parsed
                meta[name] = MetaDate(name, day, moment)
    urls: list[UrlDate] = []
    f = article.fields.get("url")
    if f is not None and f.text:
        u = url_date(f.text)
        if u is not None:
            urls.append(UrlDate("url", u[1], u[2], u[0], u[3]))
    raw: list[_Raw] = []
    for name in TEXT_FIELDS:
        f = article.fields.get(name)
        if f is not None and f.text and not f.markup:
            spans = _date_spans(f.text)
            if not spans:
                continue
            lines = text_lines(article, name)
            found = _text_candidates(name, f.text, spans, lines)
            embeds = embed_lines(f.text, f.blocks)
            if embeds:
                found = [r for r in found if lines.number(r.start) not in embeds]
            raw.extend(found)
    published = meta.get("published")
    return ArticleDates(meta, tuple(urls), tuple(_resolve_years(raw, published.day if published else None, urls)))


# ---------------------------------------------------------------- metadata values

def parse_date_value(value: str) -> tuple[dt.date, dt.datetime | None] | None:
    """A metadata date value as (calendar day as written, moment or None); None when unreadable.

    ISO forms ("2024-11-03 05:35:21", "2024-03-01T14:05:00Z", "+09:00" offsets) and epoch
    seconds or milliseconds are read here; anything else (RFC 2822, "May 22, 2020",
    "14 September 2023") by python-dateutil. Values that name no day, and numeric day/month
    orders that could be read both ways ("03/04/2024"), give no date rather than a guess.
    """
    text = value.strip()
    if not text:
        return None
    m = _ISO_META.fullmatch(text)
    if m:
        return _from_iso(m)
    if text.isdigit() and len(text) in (10, 13):
        try:
            moment = dt.datetime.fromtimestamp(int(text) / (1000 if len(text) == 13 else 1), dt.timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
        return moment.date(), moment
    return _parse_with_dateutil(text)


def _from_iso(m: regex.Match) -> tuple[dt.date, dt.datetime | None] | None:
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        return None
    if m["H"] is None:
        return day, None
    try:
        t = dt.time(int(m["H"]), int(m["M"]), int(m["S"] or 0))
    except ValueError:
        return day, None
    tz = None
    if m["tz"]:
        raw = m["tz"]
        if raw in ("Z", "UTC", "GMT"):
            tz = dt.timezone.utc
        else:
            sign = -1 if raw[0] == "-" else 1
            digits = raw[1:].replace(":", "")
            try:
                tz = dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
            except ValueError:  # an offset of a day or more: keep the day, drop the moment
                return day, None
    return day, dt.datetime.combine(day, t, tz)


_DEFAULT_A = dt.datetime(1904, 1, 1)
_DEFAULT_B = dt.datetime(1905, 2, 2)


def _parse_with_dateutil(text: str) -> tuple[dt.date, dt.datetime | None] | None:
    n = _NUMERIC_DMY.match(text)
    if n and int(n[1]) <= 12 and int(n[2]) <= 12 and n[1] != n[2]:
        return None  # 03/04/2024: April 3 or March 4; a guess would make findings up
    from dateutil import parser  # imported on first use: most inputs carry ISO dates

    try:
        with warnings.catch_warnings():  # "EST" and other zone names it cannot place: the day stays
            warnings.simplefilter("ignore")
            a = parser.parse(text, default=_DEFAULT_A)
            b = parser.parse(text, default=_DEFAULT_B)
    except (ValueError, OverflowError, TypeError):
        return None
    if a.date() != b.date() or not MIN_YEAR <= a.year <= MAX_YEAR:
        return None  # the value lacks a year, month or day: the defaults showed through
    has_time = (a.hour, a.minute, a.second) != (0, 0, 0) or a.tzinfo is not None
    return a.date(), (a if has_time else None)


# ---------------------------------------------------------------- embedded posts

# The boxes of embedded social-media posts, by their class ("twitter-tweet", "instagram-media").
_EMBED_HOOK = re.compile(r"twitter-tweet|instagram-media|tiktok-embed|bluesky-embed|text-post-media|fb-post|reddit-embed|mastodon-embed")
# Their attribution lines as the text keeps them: "— Name (@handle) March 3, 2024", "A post
# shared by Name (@handle)", "View this post on Instagram".
_TWEET_BY = regex.compile(r"[ \u00a0]*(?:[\u2014\u2013-]|&mdash;)[ \u00a0]*[^\n]{1,80}\(@[A-Za-z0-9_.]{1,30}\)")
_POST_BY = regex.compile(r"A post shared by|View this post on (?:Instagram|Threads)", regex.I)


def embed_lines(text: str, blocks: tuple | None = None) -> frozenset[int]:
    """Line numbers (0-based) of the text that belong to an embedded social-media post: a
    tweet's text and attribution line, an Instagram caption. A date there dates the post, not the
    story. In HTML the embed's box says so; in plain text its attribution line, which closes the
    embed: the line before it (the post's text) and a short line after it (a date the scraper
    split off) go with it."""
    out: set[int] = set()
    if blocks:
        out.update(i for i, b in enumerate(blocks) if b.hooks and _EMBED_HOOK.search(b.hooks))
    if "(@" not in text:
        lowered = text.lower()  # once: the body is read whole for each word
        if "post on" not in lowered and "shared by" not in lowered:
            return frozenset(out)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        tweet = _TWEET_BY.match(line)
        if tweet or _POST_BY.search(line):
            out.add(i)
            if i > 0 and tweet:
                out.add(i - 1)
            if i + 1 < len(lines) and len(lines[i + 1].strip()) <= 40:
                out.add(i + 1)
    return frozenset(out)


# ---------------------------------------------------------------- URL

def url_date(url: str) -> tuple[dt.date, int, int, bool] | None:
    """The first date in a URL's path or query: (date, start, end, month_only).

    The host is skipped, and so is a web.archive.org capture stamp (the time of the capture,
    not of the story). A day-precise date wins over a month-only one.
    """
    pos = 0
    scheme = url.find("://")
    if scheme != -1:
        slash = url.find("/", scheme + 3)
        pos = len(url) if slash == -1 else slash
    if "archive.org/web/" in url:
        stamp = _ARCHIVE_STAMP.search(url)
        if stamp:
            inner = url.find("://", stamp.end())
            slash = url.find("/", inner + 3) if inner != -1 else -1
            pos = slash if slash != -1 else stamp.end()
    month_only: tuple[dt.date, int, int, bool] | None = None
    for m in _URL_DATE.finditer(url, pos):
        start, end = m.span()
        if start > 0 and url[start - 1].isalnum():
            continue
        if m["run"] is not None:
            run = m["run"]
            if end < len(url) and url[end].isalnum() or len(run) not in (8, 10, 12, 14) and len(run) < 14:
                continue
            try:
                day = dt.date(int(run[:4]), int(run[4:6]), int(run[6:8]))
            except ValueError:
                continue
            return day, start, start + 8, False
        if m["ny"] is not None:
            day = _valid(int(m["ny"]), MONTHS[m["nm"][:3].lower()], int(m["nd"]))
            if day is not None:
                return day, start, end, False
            continue
        try:
            if m["d"] is not None:
                return dt.date(int(m["y"]), int(m["m"]), int(m["d"])), start, end, False
            if month_only is None:
                month_only = (dt.date(int(m["y"]), int(m["m"]), 1), start, end, True)
        except ValueError:
            continue
    return month_only


# ---------------------------------------------------------------- text

@dataclass(slots=True)
class _Raw:
    field: str
    start: int
    end: int
    year: int | None
    month: int
    day: int
    kind: str
    weekday: int | None
    quoted: bool


def _weekday_of(name: str) -> int:
    return WEEKDAYS[name[:3].lower()]


def _date_spans(text: str) -> list[tuple[int, int, int | None, int, int, bool]]:
    """(start, end, year or None, month, day, is_iso) of every date in the text, in order."""
    found = []
    for m in _ISO_DATE.finditer(text):
        start = m.start()
        if start > 0 and text[start - 1].isalnum():
            continue
        end = m.end()
        t = _ISO_TIME.match(text, end)
        if t:
            end = t.end()
        found.append((start, end, int(text[start : start + 4]), int(text[start + 5 : start + 7]), int(text[start + 8 : start + 10]), True))
    for m in _MONTH_CANDIDATE.finditer(text):
        start = m.start()
        if start > 0 and text[start - 1].isalpha():
            continue
        rest = _MONTH_REST.match(text, m.end())
        if rest is None:
            continue
        month = MONTHS[m.group().lower()]
        after = _DAY_YEAR_AFTER.match(text, rest.end())
        if after:  # "Sept. 14", "September 14, 2023"
            year = int(after["y"]) if after["y"] else None
            found.append((start, after.end(), year, month, int(after["d"]), False))
            continue
        before = _DAY_BEFORE.search(text, max(0, start - 6), start)
        if before:  # "14 September 2023", "5 Sept."
            y = _YEAR_AFTER.match(text, rest.end())
            end = y.end() if y else rest.end()
            found.append((before.start("d"), end, int(y["y"]) if y else None, month, int(before["d"]), False))
    if len(found) > 1:
        found.sort()
    return found


def _text_candidates(field: str, text: str, spans: list[tuple[int, int, int | None, int, int, bool]], lines: TextLines) -> list[_Raw]:
    out: list[_Raw] = []
    for date_start, date_end, year, month, day, is_iso in spans:
        start, end = date_start, date_end
        line_start, line_end = lines.start(start), lines.end(end)
        weekday = None
        w = _WEEKDAY_BEFORE.search(text, max(line_start, start - 14), start)
        if w and (w.start() == 0 or not text[w.start() - 1].isalpha()):
            weekday, start = _weekday_of(w["w"]), w.start()
        else:
            w = _WEEKDAY_AFTER.match(text, end, min(len(text), end + 14))
            if w:
                weekday, end = _weekday_of(w["w"]), w.end()
        kind = "timestamp" if is_iso else _statement_kind(text, line_start, line_end, date_start, date_end)
        if kind == "text" and _is_stamp_line(text, line_start, line_end, date_start, date_end):
            kind = "timestamp"
        quoted = lines.in_quote(line_start, start)
        out.append(_Raw(field, start, end, year, month, day, kind, weekday, quoted))
    return out


def _statement_kind(text: str, line_start: int, line_end: int, start: int, end: int) -> str:
    """'dateline', 'caption' or 'text' for a written-out date, from what surrounds it on its line."""
    if (
        start - line_start <= 75
        and _DATELINE_PLACE.fullmatch(text, line_start, start)
        and _DATELINE_TAIL.match(text, end, min(len(text), end + 50))
    ):
        return "dateline"
    if start == line_start and _PLACELESS_TAIL.match(text, end, min(len(text), end + 50)):
        return "dateline"
    if line_end - end <= 48 and _CAPTION_TAIL.match(text, end, line_end):
        # A file photo ("FILE PHOTO: ...", "Yonhap file photo", "REUTERS/Name/File Photo") dates
        # the picture, not the story.
        for f in _FILE_WORD.finditer(text, line_start, line_end):
            if f.start() == 0 or not text[f.start() - 1].isalpha():  # not "profile"
                return "text"
        return "caption"
    return "text"


def _is_stamp_line(text: str, line_start: int, line_end: int, start: int, end: int) -> bool:
    """A page's own date line kept in the body: "Published: Feb. 16, 2024", "Updated Feb 16,
    2024 9:41 am", "By Kim Min-ji  Feb 16, 2024", or the date (and time) alone on its line.
    ("First published ..." and "Originally published ..." date an earlier edition: not stamps.)"""
    if start - line_start > 60:
        return False
    if line_end - end > 40 or not _STAMP_TAIL.fullmatch(text, end, line_end):
        return False
    head = text[line_start:start]
    return not head.strip() or _STAMP_HEAD.fullmatch(head) is not None


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_year(month: int, day: int, reference: dt.date) -> dt.date | None:
    """The date of a year-less "month day" nearest the reference, within the resolve window."""
    for year in (reference.year, reference.year - 1, reference.year + 1):
        d = _valid(year, month, day)
        if d is not None and reference - RESOLVE_BEFORE < d <= reference + RESOLVE_AFTER:
            return d
    return None


class _NearestAnchor:
    """For a year-less "month day": its date as resolved against the anchor it lies nearest,
    (distance, date); on equal distances the anchor listed first wins. The same as trying
    `resolve_year` with every anchor, in log time per year the anchors span rather than linear
    in their number, and once per month and day (a long article has thousands of both)."""

    def __init__(self, anchors: list[dt.date]) -> None:
        self._first: dict[dt.date, int] = {}
        for i, a in enumerate(anchors):
            self._first.setdefault(a, i)
        self._sorted = sorted(self._first)
        self._years = sorted({y for a in self._sorted for y in (a.year - 1, a.year, a.year + 1)})
        self._memo: dict[tuple[int, int], tuple[dt.timedelta, dt.date] | None] = {}

    def resolve(self, month: int, day: int) -> tuple[dt.timedelta, dt.date] | None:
        key = (month, day)
        if key not in self._memo:
            self._memo[key] = self._resolve(month, day)
        return self._memo[key]

    def _resolve(self, month: int, day: int) -> tuple[dt.timedelta, dt.date] | None:
        anchors, first = self._sorted, self._first
        best: tuple[dt.timedelta, int, dt.date] | None = None
        for year in self._years:
            d = _valid(year, month, day)
            if d is None:
                continue
            # resolve_year(month, day, a) gives d exactly when a - RESOLVE_BEFORE < d <= a + RESOLVE_AFTER.
            lo = bisect_left(anchors, d - RESOLVE_AFTER)
            hi = bisect_left(anchors, d + RESOLVE_BEFORE, lo)
            at = bisect_left(anchors, d, lo, hi)
            for j in (at - 1, at):  # the nearest anchor below d, and at or above it
                if lo <= j < hi:
                    a = anchors[j]
                    candidate = (abs(d - a), first[a], d)
                    if best is None or candidate < best:
                        best = candidate
        return None if best is None else (best[0], best[2])


def _resolve_years(raw: list[_Raw], reference: dt.date | None, urls: list[UrlDate]) -> list[TextDate]:
    anchors = [dt.date(r.year, r.month, r.day) for r in raw
               if r.year is not None and r.kind != "text" and _valid(r.year, r.month, r.day)]
    anchors += [u.day for u in urls if not u.month_only]
    nearest = _NearestAnchor(anchors)
    out: list[TextDate] = []
    for r in raw:
        if r.year is not None:
            day = _valid(r.year, r.month, r.day)
            given = True
        else:
            given = False
            day = resolve_year(r.month, r.day, reference) if reference else None
            if anchors and (day is None or abs(day - reference) > FAR):
                best = nearest.resolve(r.month, r.day)
                if best is not None and (day is None or best[0] < abs(day - reference)):
                    day = best[1]
        if day is not None:
            out.append(TextDate(r.field, r.start, r.end, day, r.kind, given, r.weekday, r.quoted))
    return out
