"""`--format html`: one self-contained page for people who look at a whole run: totals per rule
and per source, findings per month of publication, the worst articles, and the findings in
their text, grouped by article. Inline CSS and SVG and a few lines of plain JavaScript (rule
and source filters); no network, and without JavaScript the page reads top to bottom.

Its size is bounded: at most MAX_SHOWN findings are listed (past that a sample per rule and
source, and the page says how many it left out), each with a bounded amount of text, so a
page is under PAGE_BYTES_MAX however big the run.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from ..article import Violation
from ..article_log import ArticleSummary
from . import html_assets
from .html_summary import MAX_MONTHS, MAX_SHOWN, Shown, Summary, summarise
from .report import Report

SNIPPET_CHARS = 300  # of a flagged span shown; a long promo block is cut in the middle
MESSAGE_CHARS = 300
PATH_CHARS = 200
# 2,000 findings of at most ~800 characters each (context, span, message, place), written out
# as HTML (entities and UTF-8 can make a character several bytes), their articles' headings,
# and the fixed tables: measured at about 13 MB for the worst text (all "&<"), 4 MB for long news text.
PAGE_BYTES_MAX = 16 * 1024 * 1024

PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#8c6d31", "#7f7f7f",
           "#b8a800", "#6a3d9a", "#1b9e77", "#e7298a")


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    half = (limit - 3) // 2
    return f"{text[:half]} \u2026 {text[-half:]}"


def _e(text: str) -> str:
    return escape(text, quote=True)


def _n(count: int) -> str:
    return f"{count:,}"


def render(violations: list[Violation], report: Report) -> str:
    summary = summarise(violations, report.articles_log)
    colors = {rule: PALETTE[i % len(PALETTE)] for i, rule in enumerate(summary.rules)}
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        "<title>newslint report</title>\n<style>", html_assets.CSS, "</style>\n</head>\n<body>\n",
        _header(summary, report),
        _filters(summary, colors),
        "<main>\n",
        _rule_table(summary, colors),
        _timeline(summary, colors),
        _source_table(summary, colors),
        _worst(summary),
        _findings(summary, colors),
        "</main>\n",
        _footer(),
        "<script>", html_assets.SCRIPT, "</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def _header(s: Summary, report: Report) -> str:
    articles = s.articles_read or report.articles
    line = (f"{_n(s.total)} finding{'s' if s.total != 1 else ''} in {_n(articles)} article{'s' if articles != 1 else ''} "
            f"from {_n(report.files)} file{'s' if report.files != 1 else ''}")
    note = ""
    if s.sampled:
        listed = sum(len(v) for v in s.shown.values())
        note = (f"<p class=\"note\" id=\"sampled\">This run has more findings than the page lists: it shows "
                f"{_n(listed)} of {_n(s.total)}, a sample from each rule and source, and left out "
                f"{_n(sum(s.left_out.values()))} ({_e(', '.join(f'{r} {_n(c)}' for r, c in s.left_out.most_common()))}). "
                f"The totals, the chart and the worst articles count every finding.</p>\n")
    return f"<header>\n<h1>newslint report</h1>\n<p class=\"lead\">{line}.</p>\n{note}</header>\n"


def _filters(s: Summary, colors: dict[str, str]) -> str:
    """Hidden until the script shows it: without JavaScript the controls would do nothing."""
    if not s.rules:
        return ""
    boxes = "".join(
        f"<span class=\"rule-pick\"><label><input type=\"checkbox\" name=\"rule\" value=\"{_e(r)}\" checked>"
        f"<span class=\"swatch\" style=\"background:{colors[r]}\"></span>{_e(r)}</label>"
        f"<button type=\"button\" class=\"only\" data-rule=\"{_e(r)}\">only</button></span>\n"
        for r in s.rules
    )
    options = "".join(f"<option value=\"{_e(name)}\">{_e(_cut(name, 60))}</option>" for name in s.filter_sources)
    return (
        "<nav id=\"filters\" hidden>\n<strong>Show</strong>\n"
        f"{boxes}<button type=\"button\" id=\"all-rules\">all rules</button>\n"
        f"<label>source <select id=\"source\"><option value=\"\">all sources</option>{options}</select></label>\n"
        "<span id=\"visible-count\" aria-live=\"polite\"></span>\n</nav>\n"
    )


def _bar(share: float, color: str) -> str:
    return f"<span class=\"bar\"><span style=\"width:{share * 100:.1f}%;background:{color}\"></span></span>"


def _rule_table(s: Summary, colors: dict[str, str]) -> str:
    if not s.rules:
        return "<section><h2>Findings per rule</h2>\n<p>No findings.</p>\n</section>\n"
    top = s.per_rule[s.rules[0]]
    rows = "".join(
        f"<tr class=\"rule-row\" data-rule=\"{_e(r)}\"><td><span class=\"swatch\" style=\"background:{colors[r]}\"></span>"
        f"<a href=\"#rule-{_e(r)}\"><code>{_e(r)}</code></a></td>"
        f"<td><span class=\"sev sev-{_e(s.severity[r])}\">{_e(s.severity[r])}</span></td>"
        f"<td class=\"num\" data-count=\"{s.per_rule[r]}\">{_n(s.per_rule[r])}</td>"
        f"<td class=\"num\">{_n(s.articles_per_rule[r])}</td>"
        f"<td class=\"wide\">{_bar(s.per_rule[r] / top, colors[r])}</td></tr>\n"
        for r in s.rules
    )
    return (
        "<section id=\"per-rule\"><h2>Findings per rule</h2>\n<table>\n"
        "<thead><tr><th>rule</th><th>severity</th><th class=\"num\">findings</th>"
        "<th class=\"num\">in articles</th><th></th></tr></thead>\n"
        f"<tbody>{rows}</tbody>\n</table>\n</section>\n"
    )


def _source_table(s: Summary, colors: dict[str, str]) -> str:
    if not s.sources:
        return ""
    head = "".join(f"<th class=\"num rule-col\" title=\"{_e(r)}\"><span class=\"swatch\" style=\"background:{colors[r]}\"></span>"
                   f"{_e(r)}</th>" for r in s.rules)

    def row(name: str, read: int, found: int, per: Counter[str], attrs: str) -> str:
        cells = "".join(f"<td class=\"num\">{_n(per[r]) if per[r] else '&middot;'}</td>" for r in s.rules)
        rate = f"{found / read:.2f}" if read else "&ndash;"
        return (f"<tr{attrs}><td class=\"name\">{name}</td><td class=\"num\">{_n(read)}</td>"
                f"<td class=\"num\">{_n(found)}</td><td class=\"num\">{rate}</td>{cells}</tr>\n")

    rows = "".join(row(_e(_cut(n, 80)), read, found, per, f" class=\"source-row\" data-source=\"{_e(n)}\"")
                   for n, read, found, per in s.sources)
    if s.other_sources:
        count, read, found, per = s.other_sources
        rows += row(f"<em>{_n(count)} other sources</em>", read, found, per, "")
    return (
        "<section id=\"per-source\"><h2>Findings per source</h2>\n"
        "<p class=\"hint\">The source is the article's source field, else its URL's domain, else its file.</p>\n"
        "<div class=\"scroll\"><table>\n<thead><tr><th>source</th><th class=\"num\">articles</th>"
        f"<th class=\"num\">findings</th><th class=\"num\">per article</th>{head}</tr></thead>\n"
        f"<tbody>{rows}</tbody>\n</table></div>\n</section>\n"
    )


def _timeline(s: Summary, colors: dict[str, str]) -> str:
    """A stacked bar a month (a year when the span is long), one colour a rule, with a legend."""
    yearly = bool(s.periods) and len(s.periods[0][0]) == 4
    title = (f"<section id=\"per-month\"><h2>Findings per {'year' if yearly else 'month'} of publication</h2>\n"
             + (f"<p class=\"hint\">A bar a year: the articles' dates span more than {MAX_MONTHS} months.</p>\n" if yearly else ""))
    undated = ""
    if s.undated:
        plural = s.undated != 1
        undated = (f"<p class=\"hint\">{_n(s.undated)} finding{'s' if plural else ''} in articles with no readable "
                   f"publication date {'are' if plural else 'is'} not drawn.</p>\n")
    if not s.periods:
        return f"{title}<p>No finding is in an article with a readable publication date.</p>\n{undated}</section>\n"
    width, height, left, bottom, top_pad = 1100, 300, 56, 46, 12
    plot_w, plot_h = width - left - 12, height - bottom - top_pad
    peak = max(sum(c.values()) for _, c in s.periods) or 1
    step = _nice_step(peak)
    ceiling = step * -(-peak // step)
    slot = plot_w / len(s.periods)
    bar_w = max(1.0, slot * 0.78)
    out = [f"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" "
           f"aria-label=\"Findings per {'year' if yearly else 'month'} of publication, stacked by rule\">\n"]
    for tick in range(0, ceiling + 1, step):
        y = top_pad + plot_h - plot_h * tick / ceiling
        out.append(f"<line x1=\"{left}\" x2=\"{width - 12}\" y1=\"{y:.1f}\" y2=\"{y:.1f}\" class=\"grid\"/>"
                   f"<text x=\"{left - 6}\" y=\"{y + 4:.1f}\" class=\"axis\" text-anchor=\"end\">{_n(tick)}</text>\n")
    label_every = max(1, -(-len(s.periods) // 16))
    for i, (period, counts) in enumerate(s.periods):
        x = left + i * slot + (slot - bar_w) / 2
        base = top_pad + plot_h
        for rule in s.rules:
            n = counts.get(rule, 0)
            if not n:
                continue
            h = plot_h * n / ceiling
            base -= h
            out.append(f"<rect x=\"{x:.1f}\" y=\"{base:.1f}\" width=\"{bar_w:.1f}\" height=\"{h:.1f}\" "
                       f"fill=\"{colors[rule]}\" data-rule=\"{_e(rule)}\"><title>{period}: {_e(rule)} {_n(n)}</title></rect>\n")
        if i % label_every == 0:
            out.append(f"<text x=\"{x + bar_w / 2:.1f}\" y=\"{top_pad + plot_h + 18}\" class=\"axis\" "
                       f"text-anchor=\"middle\">{period}</text>\n")
    out.append("</svg>\n")
    legend = "".join(f"<li><span class=\"swatch\" style=\"background:{colors[r]}\"></span>{_e(r)}</li>" for r in s.rules)
    return f"{title}{''.join(out)}<ul class=\"legend\">{legend}</ul>\n{undated}</section>\n"


def _nice_step(peak: int) -> int:
    """A round gridline step giving about four lines."""
    raw = max(1, peak // 4)
    magnitude = 10 ** (len(str(raw)) - 1)
    for m in (1, 2, 5, 10):
        if raw <= m * magnitude:
            return m * magnitude
    return 10 * magnitude


def _article_id(a: ArticleSummary) -> str:
    return "a-" + _e(f"{a.path}-{a.record or 0}").replace(" ", "_")


def _place(a: ArticleSummary) -> str:
    return _e(_cut(a.path, PATH_CHARS)) + (f" record {a.record}" if a.record is not None else "")


def _worst(s: Summary) -> str:
    if not s.worst:
        return ""
    rows = []
    for i, (a, per) in enumerate(s.worst, 1):
        title = _e(a.title) if a.title else "<em>(no title)</em>"
        rules = ", ".join(f"{_e(r)}&nbsp;{n}" for r, n in per.most_common())
        rows.append(f"<tr class=\"worst-row\" data-source=\"{_e(a.source)}\"><td class=\"num\">{i}</td>"
                    f"<td><a href=\"#{_article_id(a)}\">{title}</a><div class=\"where\">{_place(a)}</div></td>"
                    f"<td>{_e(_cut(a.source, 60))}</td><td>{a.month or '&ndash;'}</td>"
                    f"<td class=\"num\">{sum(per.values())}</td><td class=\"rules\">{rules}</td></tr>\n")
    return (
        f"<section id=\"worst\"><h2>The {len(s.worst)} articles with the most findings</h2>\n<div class=\"scroll\"><table>\n"
        "<thead><tr><th class=\"num\">#</th><th>article</th><th>source</th><th>published</th>"
        "<th class=\"num\">findings</th><th>rules</th></tr></thead>\n"
        f"<tbody>{''.join(rows)}</tbody>\n</table></div>\n</section>\n"
    )


def _finding(sh: Shown, colors: dict[str, str]) -> str:
    v = sh.violation
    where = f"line {v.line}, column {v.column}" + (f" of <code>{_e(v.field)}</code>" if v.field else "")
    before, after = v.context or ("", "")
    span = _e(_cut(v.snippet, SNIPPET_CHARS)) if v.snippet else ""
    text = (f"<blockquote class=\"context\">{_e(before)}<mark style=\"--rule:{colors[v.rule]}\">"
            f"{span}</mark>{_e(after)}</blockquote>") if span or before or after else ""
    return (f"<li class=\"finding\" data-rule=\"{_e(v.rule)}\" data-source=\"{_e(sh.article.source)}\">"
            f"<div class=\"head\"><span class=\"swatch\" style=\"background:{colors[v.rule]}\"></span>"
            f"<code class=\"rule\">{_e(v.rule)}</code> <span class=\"sev sev-{_e(v.severity)}\">{_e(v.severity)}</span> "
            f"<span class=\"where\">{where}</span></div>"
            f"<div class=\"message\">{_e(_cut(v.message, MESSAGE_CHARS))}</div>{text}</li>\n")


def _findings(s: Summary, colors: dict[str, str]) -> str:
    if not s.shown:
        return ""
    anchors = "".join(f"<span id=\"rule-{_e(r)}\"></span>" for r in s.rules)
    out = [f"<section id=\"findings\"><h2>Findings by article</h2>{anchors}\n"]
    if s.sampled:
        out.append(f"<p class=\"note\">A sample: {_n(sum(len(v) for v in s.shown.values()))} of {_n(s.total)} findings "
                   f"(at most {_n(MAX_SHOWN)} are listed); {_n(sum(s.left_out.values()))} left out.</p>\n")
    for a, found in s.shown.items():
        title = _e(a.title) if a.title else "<em>(no title)</em>"
        meta = [f"<span class=\"where\">{_place(a)}</span>", f"<span>{_e(_cut(a.source, 80))}</span>"]
        if a.month:
            meta.append(f"<span>{a.month}</span>")
        if a.url:
            meta.append(f"<a href=\"{_e(a.url)}\" rel=\"noreferrer nofollow\">{_e(_cut(a.url, 90))}</a>")
        out.append(f"<article class=\"article\" id=\"{_article_id(a)}\" data-source=\"{_e(a.source)}\">"
                   f"<h3>{title}</h3>\n<div class=\"meta\">{' &middot; '.join(meta)}</div>\n<ol class=\"found\">\n")
        out.extend(_finding(sh, colors) for sh in found)
        out.append("</ol></article>\n")
    out.append("</section>\n")
    return "".join(out)


def _footer() -> str:
    return (f"<footer>Made by newslint. The page lists at most {_n(MAX_SHOWN)} findings (a sample per rule and "
            f"source past that) and is never larger than {PAGE_BYTES_MAX // (1024 * 1024)} MB; it loads nothing "
            "from the network.</footer>\n")
