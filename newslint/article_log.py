"""A small record of every article a run read, for the report that groups findings by source,
month and article (--format html). Filled through the engine's `on_article` hook, so checks
and formatters stay as they are; it keeps a few short strings an article, never its text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .article import Article
from .text.dates import parse_date_value

TITLE_CHARS = 160  # a title longer than this is cut: the report shows it on one line


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    path: str
    record: int | None
    title: str
    source: str  # the source field, else the URL's domain, else the file
    url: str
    month: str | None  # "YYYY-MM" of publication, None when no readable date


def source_of(article: Article) -> str:
    """Who published the article, as a report groups by it."""
    named = " ".join(article.text("source").split())
    if named:
        return named[:80]
    domain = domain_of(article.text("url"))
    return domain or article.path


def domain_of(url: str) -> str:
    """The host of a URL without its `www.`; "" when the value is no URL."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def month_of(article: Article) -> str | None:
    value = article.text("published")
    parsed = parse_date_value(value) if value else None
    if parsed is None:
        return None
    day = parsed[0]
    return f"{day.year:04d}-{day.month:02d}"


@dataclass
class ArticleLog:
    """Every article read, by (path, record), and how many articles each source has."""

    summaries: dict[tuple[str, int | None], ArticleSummary] = field(default_factory=dict)
    per_source: Counter[str] = field(default_factory=Counter)

    def observe(self, article: Article) -> None:
        title = " ".join(article.text("title").split())
        if len(title) > TITLE_CHARS:
            title = title[: TITLE_CHARS - 1] + "\u2026"
        summary = ArticleSummary(article.path, article.record, title, source_of(article),
                                 article.text("url").strip()[:300], month_of(article))
        self.summaries[(article.path, article.record)] = summary
        self.per_source[summary.source] += 1

    def find(self, path: str, record: int | None) -> ArticleSummary | None:
        return self.summaries.get((path, record))
