"""What the HTML report shows, worked out from the findings and the run's article log: totals
per rule and source, findings per month, the worst articles, and which findings are shown
when a big run has too many to list (a sample per rule and source). No markup here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..article import SEVERITY_RANK, Violation
from ..article_log import ArticleLog, ArticleSummary

MAX_SHOWN = 2000  # findings listed in full; past this, a sample per rule and source
MAX_SOURCES = 25  # rows of the per-source table; the rest are summed in one row
MAX_FILTER_SOURCES = 500  # sources offered by the source filter, most findings first
MAX_MONTHS = 120  # bars of the timeline; a longer span is drawn a year a bar
WORST = 20


@dataclass(frozen=True, slots=True)
class Shown:
    """A finding as the report lists it, with the article it is in."""

    violation: Violation
    article: ArticleSummary


@dataclass
class Summary:
    total: int
    articles_read: int
    rules: list[str]  # most findings first
    severity: dict[str, str]
    per_rule: Counter[str]
    articles_per_rule: Counter[str]
    sources: list[tuple[str, int, int, Counter[str]]]  # source, articles read, findings, per rule
    other_sources: tuple[int, int, int, Counter[str]] | None  # how many, articles, findings, per rule
    filter_sources: list[str]  # the sources of the findings listed, most findings first
    periods: list[tuple[str, Counter[str]]]  # "2024-02" (or "2024"), findings per rule
    undated: int  # findings in articles with no readable publication date
    worst: list[tuple[ArticleSummary, Counter[str]]]
    shown: dict[ArticleSummary, list[Shown]]  # the findings listed, by article, in file order
    left_out: Counter[str] = field(default_factory=Counter)  # per rule, findings not listed

    @property
    def sampled(self) -> bool:
        return bool(self.left_out)


def _article_of(v: Violation, log: ArticleLog | None) -> ArticleSummary:
    """The article a finding is in; a finding with none (an unreadable file) stands for its file."""
    found = log.find(v.path, v.record) if log is not None else None
    if found is None and log is not None and v.record is None:
        found = log.find(v.path, None)
    return found or ArticleSummary(v.path, v.record, "", v.path, "", None)


def summarise(violations: list[Violation], log: ArticleLog | None, max_shown: int = MAX_SHOWN) -> Summary:
    items = [Shown(v, _article_of(v, log)) for v in violations]
    per_rule = Counter(v.rule for v in violations)
    rules = sorted(per_rule, key=lambda r: (-per_rule[r], r))
    severity = {v.rule: v.severity for v in violations}
    by_article: dict[ArticleSummary, list[Shown]] = defaultdict(list)
    for s in items:
        by_article[s.article].append(s)
    articles_per_rule = Counter(r for found in by_article.values() for r in {s.violation.rule for s in found})
    sources, other = _sources(items, log)
    periods, undated = _periods(items)
    chosen, left_out = _sample(items, max_shown)
    listed_sources = Counter(s.article.source for s in chosen)
    filter_sources = sorted(listed_sources, key=lambda n: (-listed_sources[n], n))[:MAX_FILTER_SOURCES]
    shown: dict[ArticleSummary, list[Shown]] = defaultdict(list)
    for s in chosen:
        shown[s.article].append(s)
    return Summary(
        total=len(violations), articles_read=sum(log.per_source.values()) if log else 0,
        rules=rules, severity=severity, per_rule=per_rule, articles_per_rule=articles_per_rule,
        sources=sources, other_sources=other, filter_sources=filter_sources, periods=periods, undated=undated,
        worst=_worst(by_article), shown=dict(sorted(shown.items(), key=lambda kv: (kv[0].path, kv[0].record or 0))),
        left_out=left_out,
    )


def _sources(items: list[Shown], log: ArticleLog | None):
    per_source: dict[str, Counter[str]] = defaultdict(Counter)
    for s in items:
        per_source[s.article.source][s.violation.rule] += 1
    read = log.per_source if log is not None else Counter()
    names = set(per_source) | set(read)
    ranked = sorted(names, key=lambda n: (-sum(per_source[n].values()), -read[n], n))
    rows = [(n, read[n], sum(per_source[n].values()), per_source[n]) for n in ranked[:MAX_SOURCES]]
    rest = ranked[MAX_SOURCES:]
    if not rest:
        return rows, None
    summed: Counter[str] = Counter()
    for n in rest:
        summed.update(per_source[n])
    return rows, (len(rest), sum(read[n] for n in rest), sum(summed.values()), summed)


def _periods(items: list[Shown]) -> tuple[list[tuple[str, Counter[str]]], int]:
    months: dict[str, Counter[str]] = defaultdict(Counter)
    undated = 0
    for s in items:
        if s.article.month is None:
            undated += 1
        else:
            months[s.article.month][s.violation.rule] += 1
    if not months:
        return [], undated
    keys = _span(min(months), max(months))
    if len(keys) > MAX_MONTHS:  # decades of archive: a bar a year keeps the chart readable
        years: dict[str, Counter[str]] = defaultdict(Counter)
        for m, c in months.items():
            years[m[:4]].update(c)
        first, last = int(min(years)), int(max(years))
        return [(str(y), years.get(str(y), Counter())) for y in range(first, last + 1)], undated
    return [(k, months.get(k, Counter())) for k in keys], undated


def _span(first: str, last: str) -> list[str]:
    """Every month from first to last, "YYYY-MM", gaps included (a gap is news too)."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _worst(by_article: dict[ArticleSummary, list[Shown]]) -> list[tuple[ArticleSummary, Counter[str]]]:
    def weight(found: list[Shown]) -> tuple[int, int]:
        return len(found), sum(SEVERITY_RANK.get(s.violation.severity, 1) for s in found)

    ranked = sorted(by_article.items(), key=lambda kv: (-weight(kv[1])[0], -weight(kv[1])[1], kv[0].path, kv[0].record or 0))
    return [(a, Counter(s.violation.rule for s in found)) for a, found in ranked[:WORST]]


def _sample(items: list[Shown], max_shown: int) -> tuple[list[Shown], Counter[str]]:
    """All findings when they fit; else the same number from each (rule, source) group (the
    whole of a small group), spread evenly over the group so the sample spans the run."""
    if len(items) <= max_shown:
        return items, Counter()
    groups: dict[tuple[str, str], list[Shown]] = defaultdict(list)
    for s in items:
        groups[(s.violation.rule, s.article.source)].append(s)
    sizes = sorted(len(g) for g in groups.values())
    # The largest per-group quota whose sum stays within max_shown (at least one a group).
    quota = 1
    lo, hi = 1, sizes[-1]
    while lo <= hi:
        mid = (lo + hi) // 2
        if sum(min(n, mid) for n in sizes) <= max_shown:
            quota, lo = mid, mid + 1
        else:
            hi = mid - 1
    chosen: list[Shown] = []
    for group in groups.values():
        step = len(group) / min(len(group), quota)
        chosen.extend(group[int(i * step)] for i in range(min(len(group), quota)))
    if len(chosen) > max_shown:  # more groups than places (a source per file): spread one over them
        step = len(chosen) / max_shown
        chosen = [chosen[int(i * step)] for i in range(max_shown)]
    chosen.sort(key=lambda s: s.violation.sort_key())
    left_out = Counter(s.violation.rule for s in items)
    left_out.subtract(s.violation.rule for s in chosen)
    return chosen, +left_out
