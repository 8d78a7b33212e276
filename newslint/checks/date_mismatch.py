"""Kind `date-mismatch`: the article's date fields against what the article itself says.

Scrapers often save the crawl or update time as the publication date. The evidence, each piece
optional (dates are found and parsed once per article by newslint.text.dates):

- modified: a modified date before the published one (within `modified-days`, only when the
  lede tells of a later day: scheduled posts are edited before they go out);
- metadata: in HTML, the meta tag, JSON-LD and `<time>` publication dates against each other;
- url: a date in the article's URL (/2023/09/14/, ud=20230914..., newsID=2023-09-14-...);
- dateline: "SEOUL, Sept. 14 (Yonhap) --" against the published date;
- weekday: "Thursday, Sept. 14, 2024" when Sept. 14, 2024 was a Saturday;
- crawl: a published date long after every date the text gives, when the text has a dateline,
  a photo caption date or a time stamp;
- prose: the day the lede's prose gives (a weekday that fits another year only, a full date
  with a time of day, past-dated events after the field with "last year").

Differences of `tolerance-days` or less are time zones (UTC against local time), not mismatches.
Dates in running text (historical dates, future events, photo dates) are never compared with the
published date one by one: only datelines are, and the newest of all of them for `crawl`.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import accumulate
from typing import Literal

from pydantic import PrivateAttr, field_validator

from ..article import Article, Finding
from ..text.dates import WEEKDAY_NAMES, ArticleDates, MetaDate, TextDate, UrlDate, article_dates
from ..text.lines import TextLines, text_lines
from .base import CheckOptions, private

MESSAGE_ARGS = frozenset({"problem", "field", "date", "evidence", "evidence_date", "days"})

Evidence = Literal["modified", "metadata", "url", "dateline", "weekday", "crawl", "prose"]
ALL_EVIDENCE: list[Evidence] = ["modified", "metadata", "url", "dateline", "weekday", "crawl", "prose"]

# What a user calls a metadata field when the reader kept no key of its own (the seed format).
FIELD_LABELS = {"published": "DATE", "modified": "Modified", "url": "URL"}
# A year-less date further than this from the published date has an uncertain year, so its
# weekday is not checked.
WEEKDAY_YEAR_CERTAIN = dt.timedelta(days=45)
_YEAR_IN_LINE = re.compile(r"(?:1[89]|20)[0-9][0-9](?![0-9])")
# An archive story republished under its old address says so: "This article was first published
# in 2019", "originally appeared on Nov. 18, 2019". The year it names is the URL's.
_FIRST_PUBLISHED = re.compile(
    r"(?:first|originally)[ \u00a0]+(?:published|posted|appeared|ran)[^.\n]{0,60}?((?:19|20)[0-9][0-9])(?![0-9])", re.I)


class Options(CheckOptions):
    tolerance_days: int = 1
    crawl_days: int = 30
    modified_days: int = 7
    evidence: list[Evidence] = list(ALL_EVIDENCE)

    _wanted: frozenset[str] = PrivateAttr(default=frozenset(ALL_EVIDENCE))

    def model_post_init(self, _context: object) -> None:
        self._wanted = frozenset(self.evidence)

    @property
    def wanted(self) -> frozenset[str]:
        return private(self, "_wanted")

    @field_validator("tolerance_days", "crawl_days", "modified_days")
    @classmethod
    def _not_negative(cls, value: int) -> int:
        if value < 0:
            raise ValueError("must be 0 or more")
        return value


def check(article: Article, options: Options) -> Iterator[Finding]:
    dates = article_dates(article)
    wanted = options.wanted
    tolerance = options.tolerance_days
    if "modified" in wanted:
        yield from _modified_before_published(article, dates, tolerance, options.modified_days)
    if "metadata" in wanted:
        yield from _metadata_disagree(article, dates, tolerance)
    published = dates.published
    if published is not None:
        finding = _published_against_evidence(article, dates, published, options, wanted)
        if finding is not None:
            yield finding
    if "weekday" in wanted:
        yield from _weekday_contradictions(article, dates)


# ---------------------------------------------------------------- places and words

def _where(article: Article, field: str, start: int = 0) -> str:
    """' (line 4)' for a field with file positions; ' (maintext, paragraph 2)' inside a record."""
    f = article.fields[field]
    if f.start is not None and article.source.lines is not None:
        return f" (line {article.place(field, start, start + 1).line})"
    if field not in ("body", "description", "title"):
        return ""  # a metadata field of a record: its key, in the message, names it
    if "\n" in f.text:
        return f" ({f.key or field}, paragraph {text_lines(article, field).number(start) + 1})"
    return f" ({f.key or field})"


def _label(article: Article, field: str) -> str:
    f = article.fields[field]
    return f.key or FIELD_LABELS.get(field, field)


def _show(meta: MetaDate) -> str:
    return meta.day.isoformat()


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _gap(a: dt.date, b: dt.date) -> str:
    n = (a - b).days
    return f"{_days(abs(n))} {'after' if n > 0 else 'before'}"


def _meta_finding(article: Article, meta: MetaDate, problem: str, evidence: str, other: dt.date, days: int) -> Finding:
    f = article.fields[meta.field]
    args = {
        "problem": problem, "field": _label(article, meta.field), "date": _show(meta),
        "evidence": evidence, "evidence_date": other.isoformat(), "days": days,
    }
    return Finding(meta.field, 0, len(f.text.rstrip()), args)


def _beyond(a: MetaDate, b: MetaDate, tolerance: int) -> bool:
    """More than `tolerance` calendar days apart as written, and, when both carry a time zone,
    as moments too (2024-06-20T22:45Z and 2024-06-21T00:45+02:00 are the same instant)."""
    if abs((a.day - b.day).days) <= tolerance:
        return False
    if a.moment is not None and b.moment is not None and a.moment.tzinfo is not None and b.moment.tzinfo is not None:
        return abs(a.moment - b.moment) > dt.timedelta(days=tolerance)
    return True


# ---------------------------------------------------------------- metadata

def _modified_before_published(article: Article, dates: ArticleDates, tolerance: int, scheduled: int) -> Iterator[Finding]:
    """A scheduled post is edited before it goes out: a modified date up to `scheduled` days
    before the published one is normal, unless the story tells of a day after the modification
    (a news story "decided on Wednesday" cannot have been last edited on the Monday before)."""
    published, modified = dates.meta.get("published"), dates.meta.get("modified")
    if published is None or modified is None:
        return
    if published.day > modified.day and _beyond(published, modified, tolerance):
        n = (published.day - modified.day).days
        later = ""
        if n <= scheduled:
            told = _story_day_after(article, dates, published.day, modified.day + dt.timedelta(days=tolerance))
            if told is None:
                return
            day, words, field, start = told
            later = f"; the story tells of '{words}', {day.isoformat()}{_where(article, field, start)}, after it"
        mod_label, pub_label = _label(article, "modified"), _label(article, "published")
        problem = (
            f"{mod_label} {_show(modified)}{_where(article, 'modified')} is {_days(n)} before "
            f"{pub_label} {_show(published)}{_where(article, 'published')}: an article cannot be "
            f"modified before it is published{later}"
        )
        yield _meta_finding(article, modified, problem, pub_label, published.day, n)


_BARE_WEEKDAY = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![A-Za-z])")


def _story_day_after(
    article: Article, dates: ArticleDates, published: dt.date, after: dt.date
) -> tuple[dt.date, str, str, int] | None:
    """A day the story's lede tells of that lies after `after`: a dateline's date, or a bare
    weekday of the lede's first sentences ("decided on Wednesday"), the last such day on or
    before the published date. Weekdays attached to a date and quoted ones are not read."""
    for t in dates.text:
        if t.kind == "dateline" and after < t.day <= published:
            return t.day, _snippet(article, t), t.field, t.start
    f = article.fields.get("body")
    if f is None or not f.text:
        return None
    lede_start, lede_end = _lede(f.text)
    dated = _Covered([(t.start, t.end) for t in dates.text if t.field == "body"])
    lines = text_lines(article, "body")
    for m in _BARE_WEEKDAY.finditer(f.text, lede_start, lede_end):
        if dated.covers(m.start()) or lines.in_quote(lede_start, m.start()):
            continue
        back = (published.weekday() - WEEKDAY_NAMES.index(m.group())) % 7
        day = published - dt.timedelta(days=back)
        if day > after:
            return day, m.group(), "body", m.start()
    return None


def _lede(text: str) -> tuple[int, int]:
    """The span of the story's first two paragraphs (lines of 80 characters or more; a photo
    caption before the story may be the first)."""
    pos, found = 0, 0
    while pos < len(text):
        end = text.find("\n", pos)
        if end == -1:
            end = len(text)
        if end - pos >= 80:
            found += 1
            if found == 2:
                return 0, end
        pos = end + 1
    return 0, len(text) if found else 0


class _Covered:
    """Whether an offset lies inside any of some spans [start, end), in log time."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self._starts = [a for a, _ in spans]
        self._reach = list(accumulate((b for _, b in spans), max))  # the furthest end so far

    def covers(self, at: int) -> bool:
        i = bisect_right(self._starts, at) - 1
        return i >= 0 and self._reach[i] > at


def _metadata_disagree(article: Article, dates: ArticleDates, tolerance: int) -> Iterator[Finding]:
    """HTML: meta tag against JSON-LD, and `<time>` against both (a later `<time>` may be an
    update time, so only an earlier one counts)."""
    meta, jsonld, time_tag = (dates.meta.get(k) for k in ("published_meta", "published_jsonld", "published_time"))
    pairs: list[tuple[MetaDate, MetaDate]] = []
    if meta and jsonld:
        pairs.append((meta, jsonld))
    for claimed in (meta, jsonld):
        if claimed and time_tag and claimed.day > time_tag.day and _beyond(claimed, time_tag, tolerance):
            pairs.append((claimed, time_tag))
            break
    for a, b in pairs:
        n = abs((a.day - b.day).days)
        if _beyond(a, b, tolerance):
            a_label, b_label = _label(article, a.field), _label(article, b.field)
            problem = (
                f"{a_label} {_show(a)}{_where(article, a.field)} is {_gap(a.day, b.day)} "
                f"{b_label} {_show(b)}{_where(article, b.field)}"
            )
            yield _meta_finding(article, a, problem, b_label, b.day, n)
            return


# ---------------------------------------------------------------- published date against the article

def _published_against_evidence(
    article: Article, dates: ArticleDates, published: MetaDate, options: Options, wanted: frozenset[str]
) -> Finding | None:
    """One finding at most on the published field: the URL first, then a dateline, then the
    text as a whole. A URL or dateline that agrees with the published date vouches for it."""
    tolerance = options.tolerance_days
    vouched = False
    for u in dates.url:
        off = _url_offset(published.day, u)
        if abs(off) <= tolerance:
            vouched = True
        elif "url" in wanted and not _first_published_in(article, u.day.year):
            shown = u.day.strftime("%Y-%m") if u.month_only else u.day.isoformat()
            problem = f"{_subject(article, published)} is {_days(abs(off))} {'after' if off > 0 else 'before'} the date in the URL, {shown}{_where(article, u.field, u.start)}"
            return _meta_finding(article, published, problem, "the URL", u.day, abs(off))
    t = next((t for t in dates.text if t.kind == "dateline"), None)
    if t is not None:  # the first dateline: a later one belongs to a quoted or appended story
        off = (published.day - t.day).days
        if abs(off) > tolerance and "dateline" in wanted:
            problem = (
                f"{_subject(article, published)} is {_gap(published.day, t.day)} the dateline "
                f"'{_snippet(article, t)}', {t.day.isoformat()}{_where(article, t.field, t.start)}"
            )
            return _meta_finding(article, published, problem, "the dateline", t.day, abs(off))
        if abs(off) <= tolerance:
            vouched = True
    if "crawl" in wanted and not vouched:
        finding = _crawl_date(article, dates, published, options.crawl_days)
        if finding is not None:
            return finding
    if "prose" in wanted and not (vouched and _year_vouched(dates, published, tolerance)):
        return _prose_date(article, dates, published, options.crawl_days, vouched)
    return None


def _first_published_in(article: Article, year: int) -> bool:
    """The body says the story first ran in that year: a republished archive story, whose date
    field is the new edition's and whose URL is the first one's."""
    # (read only when the URL disagrees with the date field: seldom)
    return any(m.group(1) == str(year) for m in _FIRST_PUBLISHED.finditer(article.text("body")))


def _year_vouched(dates: ArticleDates, published: MetaDate, tolerance: int) -> bool:
    """A URL names its year; a dateline vouches for the year only when it gives one."""
    if any(abs(_url_offset(published.day, u)) <= tolerance for u in dates.url):
        return True
    t = next((t for t in dates.text if t.kind == "dateline"), None)
    return t is not None and t.year_given and abs((published.day - t.day).days) <= tolerance


def _subject(article: Article, published: MetaDate) -> str:
    """'DATE 2024-11-03 (line 1)': built only when there is something to report."""
    return f"{_label(article, published.field)} {_show(published)}{_where(article, published.field)}"


def _url_offset(day: dt.date, u: UrlDate) -> int:
    """Days from the URL's date to `day`; for a month-only URL, from the nearest day of that month."""
    if not u.month_only:
        return (day - u.day).days
    first = u.day
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    if day < first:
        return (day - first).days
    if day > last:
        return (day - last).days
    return 0


def _crawl_date(article: Article, dates: ArticleDates, published: MetaDate, crawl_days: int) -> Finding | None:
    if not any(t.kind != "text" for t in dates.text):
        return None
    newest = max(dates.text, key=lambda t: (t.day, t.year_given))  # a stated year over an inferred one
    gap = (published.day - newest.day).days
    if gap <= crawl_days:
        return None
    inferred = "" if newest.year_given else " (year inferred)"
    problem = (
        f"{_subject(article, published)} is {_days(gap)} after the newest date in the text, "
        f"{newest.day.isoformat()}{inferred}{_where(article, newest.field, newest.start)}; "
        f"it may be a crawl or update time"
    )
    return _meta_finding(article, published, problem, "the newest date in the text", newest.day, gap)


def _snippet(article: Article, t: TextDate) -> str:
    text = article.fields[t.field].text
    if t.kind != "dateline":
        return text[t.start : t.end]
    # The whole dateline, place and agency included: "SEOUL, Sept. 14 (Yonhap)".
    start = text_lines(article, t.field).start(t.start)
    end = t.end
    close = text.find(")", end, end + 45)
    if close != -1 and "(" in text[end:close]:
        end = close + 1
    return text[start:end]


# ---------------------------------------------------------------- weekdays

def _fits_a_year_nearby(article: Article, t: TextDate) -> bool:
    """A year-less "Tuesday, July 1" in a sentence that names another year ("the 1997
    handover took place on Tuesday, July 1") belongs to that year when the weekday fits it."""
    text = article.fields[t.field].text
    start = max(text.rfind("\n", max(0, t.start - 200), t.start) + 1, t.start - 200)
    end = text.find("\n", t.end, t.end + 200)
    for m in _YEAR_IN_LINE.finditer(text, start, t.end + 200 if end == -1 else min(end, t.end + 200)):
        year = int(m.group())
        if year != t.day.year:
            try:
                if t.day.replace(year=year).weekday() == t.weekday:
                    return True
            except ValueError:  # February 29
                continue
    return False



def _weekday_contradictions(article: Article, dates: ArticleDates) -> Iterator[Finding]:
    published = dates.published
    for t in dates.text:
        if t.weekday is None or t.day.weekday() == t.weekday:
            continue
        if not t.year_given:
            # The year came from the published date: only trust it close to that date, and
            # leave quotations (often about next year's events) alone.
            if published is None or t.quoted or abs(t.day - published.day) > WEEKDAY_YEAR_CERTAIN:
                continue
            if _fits_a_year_nearby(article, t):
                continue
        said = _snippet(article, t)
        actual = WEEKDAY_NAMES[t.day.weekday()]
        year_note = "" if t.year_given else f" (the year of {_label(article, 'published')})"
        problem = (
            f"'{said}'{_where(article, t.field, t.start)} names the wrong weekday: "
            f"{t.day.strftime('%B')} {t.day.day}, {t.day.year}{year_note} is a {actual}"
        )
        args = {
            "problem": problem, "field": t.field, "date": t.day.isoformat(),
            "evidence": "the calendar", "evidence_date": t.day.isoformat(), "days": 0,
        }
        yield Finding(t.field, t.start, t.end, args)


# ---------------------------------------------------------------- prose: when the story happened

# A date in running text is evidence of when the story happened only with a signal that
# separates "it happened then" from "it mentions then": a weekday that fits one year and not the
# published date's, "as of" and a time of day, or "last year" tied to a date with its year. Even
# then, more than this far from the published date it is history, not a wrong field.
HISTORY = dt.timedelta(days=3 * 366)
# A year-less weekday and date that fits a day this far after the published date is a future
# event ("the vote on Sunday, Nov. 3"), not evidence against the field.
FUTURE = dt.timedelta(days=366)
_TIME_BEFORE = re.compile(
    r"(?:[0-9]{1,2}(?:[:.][0-9]{2})?[ \u00a0]*[ap]\.?m\.?|noon|midnight)(?: [A-Z]{2,4})?,?[ \u00a0]+(?:on[ \u00a0]+)?$", re.I
)
_TIME_AFTER = re.compile(r",?[ \u00a0]+(?:at[ \u00a0]+)?[0-9]{1,2}(?:[:.][0-9]{2})?[ \u00a0]*[ap]\.?m\.?", re.I)
_AS_OF = re.compile(r"(?:as of|As of)[ \u00a0]+[^\n]{0,20}$")
_ON_BEFORE = re.compile(r"(?:on|On|as of|As of)[ \u00a0]+$")
_NOT_NOW = re.compile(r"(?i:ago|anniversary|years since|marks? the)")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_LAST_YEAR = re.compile(
    r"(?:(?:in|since|from|until|by|through|of|on)[ \u00a0]+(?P<m>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)[ \u00a0]+(?:of[ \u00a0]+)?)?last year(?![A-Za-z'\u2019])"
)
_MONTH_YEAR = re.compile(
    r"(?P<m>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)[ \u00a0]+(?:[0-9]{1,2}(?:st|nd|rd|th)?,?[ \u00a0]+)?(?:of[ \u00a0]+)?(?P<y>(?:19|20)[0-9][0-9])(?![0-9])"
)


def _month_of(name: str) -> int:
    return next(i for i, m in enumerate(_MONTH_NAMES, 1) if m.startswith(name[:3]))


def _sentence(lines: TextLines, start: int, end: int) -> tuple[int, int]:
    line_start, line_end = lines.start(start), lines.end(end)
    a = max(lines.stop_before(line_start, start), line_start - 2) + 2
    b = lines.stop_after(end, line_end)
    return max(a, line_start), (line_end if b == -1 else b)


class _Sentences:
    """What the lede's rules ask of a sentence, read once per sentence: a line with no
    sentence stop holds many dates, and reading it again for each would be quadratic."""

    def __init__(self, text: str, lines: TextLines) -> None:
        self.text, self.lines = text, lines
        self._not_now: dict[tuple[int, int], bool] = {}
        self._years: dict[tuple[int, int], list[int]] = {}

    def span(self, t: TextDate) -> tuple[int, int]:
        return _sentence(self.lines, t.start, t.end)

    def not_now(self, span: tuple[int, int]) -> bool:
        if span not in self._not_now:
            self._not_now[span] = _NOT_NOW.search(self.text, *span) is not None
        return self._not_now[span]

    def other_year(self, t: TextDate) -> bool:
        """A year in the date's sentence outside the date itself."""
        span = self.span(t)
        years = self._years.get(span)
        if years is None:
            years = self._years[span] = [m.start() for m in _YEAR_IN_LINE.finditer(self.text, *span)]
        inside = bisect_left(years, t.end) - bisect_left(years, t.start)
        return len(years) > inside


def _story_anchors(article: Article, dates: ArticleDates, published: MetaDate) -> list[tuple[dt.date, TextDate, str]]:
    """Dates in the story's own prose that say when it happened, with the reason each counts."""
    out: list[tuple[dt.date, TextDate, str]] = []
    sentences: _Sentences | None = None
    for t in dates.text:
        if t.kind != "text" or t.quoted or t.field != "body":
            continue
        text = article.fields[t.field].text
        lines = text_lines(article, t.field)
        if lines.number(t.start) > 3:  # the lede: the first paragraphs
            continue
        if sentences is None:
            sentences = _Sentences(text, lines)
        line_start = lines.start(t.start)
        head = text[max(line_start, t.start - 30) : t.start]
        if sentences.not_now(sentences.span(t)):
            continue
        if t.weekday is not None and _ON_BEFORE.search(head):
            if t.year_given:
                if t.day.weekday() == t.weekday and not sentences.other_year(t):
                    out.append((t.day, t, f"'{_snippet(article, t)}'"))
                continue
            if sentences.other_year(t):
                continue  # "the 1997 handover on Tuesday, July 1": another year's day
            if t.day.weekday() == t.weekday:
                out.append((t.day, t, ""))  # fits the published date's year: vouches for it
                continue
            fits = [d for y in range(published.day.year - 6, published.day.year + 2)
                    if (d := _valid_day(y, t.day.month, t.day.day)) is not None and d.weekday() == t.weekday]
            if not fits or any(published.day - RESOLVE_WINDOW < d <= published.day + FUTURE for d in fits):
                continue
            day = min(fits, key=lambda d: abs(d - published.day))
            why = (f"'{_snippet(article, t)}', a weekday that fits {day.year} "
                   f"({t.day.strftime('%B')} {t.day.day}, {t.day.year} is a {WEEKDAY_NAMES[t.day.weekday()]})")
            out.append((day, t, why))
        elif t.year_given:
            timed = _TIME_BEFORE.search(text, max(line_start, t.start - 25), t.start) or _TIME_AFTER.match(text, t.end)
            as_of = _AS_OF.search(text, max(line_start, t.start - 40), t.start)
            if timed and (as_of or t.day <= published.day):
                out.append((t.day, t, f"'{text[t.start:t.end]}' with a time of day"))
    return [x for x in out if abs(x[0] - published.day) <= HISTORY]


RESOLVE_WINDOW = dt.timedelta(days=275)


def _valid_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _prose_date(article: Article, dates: ArticleDates, published: MetaDate, days: int, month_day_vouched: bool) -> Finding | None:
    """The story's prose against the published date, when no URL or dated dateline settles it.
    A dateline without a year vouches for the month and day only: then only a year off counts."""
    anchors = _story_anchors(article, dates, published)
    near = dt.timedelta(days=days)
    if any(abs(d - published.day) <= near for d, _, _ in anchors):
        return None
    minimum = dt.timedelta(days=300) if month_day_vouched else near
    for day, t, why in anchors:
        if why and abs(day - published.day) > minimum:
            problem = (
                f"{_subject(article, published)} is {_gap(published.day, day)} the day the story "
                f"tells of, {day.isoformat()}: {why}{_where(article, t.field, t.start)}"
            )
            return _meta_finding(article, published, problem, "the story's prose", day, abs((published.day - day).days))
    return _wrong_year(article, dates, published, near) if not anchors else None


# "said on Dec. 21, 2023", "until October 2023": a date the text tells of as past.
_PAST_BEFORE = re.compile(
    r"(?:said|announced|reported|decided|agreed|approved|held|met|was|were|rose|fell|ended|had|until|since)"
    r"(?: [a-z]+)?[ \u00a0]+(?:on|in|until|since)?[ \u00a0]*$"
)


def _wrong_year(article: Article, dates: ArticleDates, published: MetaDate, near: dt.timedelta) -> Finding | None:
    """The date field's year is wrong when the text tells of a dated event as past that falls
    well after the field, and speaks of "last year" (a story that looks back on the year before
    its own): the story is then from the first year, on the field's month and day, that follows
    that event."""
    f = article.fields.get("body")
    if f is None or "last year" not in f.text:
        return None
    text = f.text
    lines = text_lines(article, "body")
    ly = _LAST_YEAR.search(text)
    past: list[tuple[dt.date, int, int]] = []
    for t in dates.text:
        if t.field == "body" and t.year_given and t.kind == "text" and not t.quoted:
            line_start = lines.start(t.start)
            if _PAST_BEFORE.search(text, max(line_start, t.start - 30), t.start):
                past.append((t.day, t.start, t.end))
    for m in _MONTH_YEAR.finditer(text):
        line_start = lines.start(m.start())
        if _PAST_BEFORE.search(text, max(line_start, m.start() - 30), m.start()) and not lines.in_quote(line_start, m.start()):
            month_end = _valid_day(int(m["y"]), _month_of(m["m"]), 28)
            if month_end is not None:
                past.append((month_end, m.start(), m.end()))
    if ly is None or not past:
        return None
    newest = max(past)
    if newest[0] - published.day <= near or newest[0] - published.day > HISTORY:
        return None
    year = newest[0].year
    day = _valid_day(year, published.day.month, published.day.day)
    if day is None or day < newest[0]:
        year += 1
        day = _valid_day(year, published.day.month, published.day.day) or dt.date(year, published.day.month, 28)
    problem = (
        f"{_subject(article, published)} has the wrong year: the text tells of "
        f"'{text[newest[1]:newest[2]]}'{_where(article, 'body', newest[1])} as past and of "
        f"'{ly.group()}'{_where(article, 'body', ly.start())}; the story is from {year} at the earliest"
    )
    return _meta_finding(article, published, problem, "the story's prose", day, abs((published.day - day).days))
