"""Kind `date-mismatch`: the article's date fields against what the article itself says.

Scrapers often save the crawl or update time as the publication date. The evidence, each piece
optional (dates are found and parsed once per article by newslint.dates):

- modified: a modified date before the published one;
- metadata: in HTML, the meta tag, JSON-LD and `<time>` publication dates against each other;
- url: a date in the article's URL (/2023/09/14/, ud=20230914..., newsID=2023-09-14-...);
- dateline: "SEOUL, Sept. 14 (Yonhap) --" against the published date;
- weekday: "Thursday, Sept. 14, 2024" when Sept. 14, 2024 was a Saturday;
- crawl: a published date long after every date the text gives, when the text has a dateline,
  a photo caption date or a time stamp.

Differences of `tolerance-days` or less are time zones (UTC against local time), not mismatches.
Dates in running text (historical dates, future events, photo dates) are never compared with the
published date one by one: only datelines are, and the newest of all of them for `crawl`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Literal

from pydantic import PrivateAttr, field_validator

from ..article import Article, Finding
from ..dates import WEEKDAY_NAMES, ArticleDates, MetaDate, TextDate, UrlDate, article_dates
from .base import CheckOptions

MESSAGE_ARGS = frozenset({"problem", "field", "date", "evidence", "evidence_date", "days"})

Evidence = Literal["modified", "metadata", "url", "dateline", "weekday", "crawl"]
ALL_EVIDENCE: list[Evidence] = ["modified", "metadata", "url", "dateline", "weekday", "crawl"]

# What a user calls a metadata field when the reader kept no key of its own (the seed format).
FIELD_LABELS = {"published": "DATE", "modified": "Modified", "url": "URL"}
# A year-less date further than this from the published date has an uncertain year, so its
# weekday is not checked.
WEEKDAY_YEAR_CERTAIN = dt.timedelta(days=45)
_YEAR_IN_LINE = re.compile(r"(?:1[89]|20)[0-9][0-9](?![0-9])")


class Options(CheckOptions):
    tolerance_days: int = 1
    crawl_days: int = 30
    evidence: list[Evidence] = list(ALL_EVIDENCE)

    _wanted: frozenset[str] = PrivateAttr(default=frozenset(ALL_EVIDENCE))

    def model_post_init(self, _context: object) -> None:
        self._wanted = frozenset(self.evidence)

    @property
    def wanted(self) -> frozenset[str]:
        return self._wanted

    @field_validator("tolerance_days", "crawl_days")
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
        yield from _modified_before_published(article, dates, tolerance)
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
        return f" ({f.key or field}, paragraph {f.text.count(chr(10), 0, start) + 1})"
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

def _modified_before_published(article: Article, dates: ArticleDates, tolerance: int) -> Iterator[Finding]:
    published, modified = dates.meta.get("published"), dates.meta.get("modified")
    if published is None or modified is None:
        return
    if published.day > modified.day and _beyond(published, modified, tolerance):
        n = (published.day - modified.day).days
        mod_label, pub_label = _label(article, "modified"), _label(article, "published")
        problem = (
            f"{mod_label} {_show(modified)}{_where(article, 'modified')} is {_days(n)} before "
            f"{pub_label} {_show(published)}{_where(article, 'published')}: an article cannot be "
            f"modified before it is published"
        )
        yield _meta_finding(article, modified, problem, pub_label, published.day, n)


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
        elif "url" in wanted:
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
        return _crawl_date(article, dates, published, options.crawl_days)
    return None


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
    start = text.rfind("\n", 0, t.start) + 1
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
    start = max(text.rfind("\n", 0, t.start) + 1, t.start - 200)
    end = text.find("\n", t.end)
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
