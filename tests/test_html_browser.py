"""The HTML report in a real headless Chromium: it opens without console errors, its counts
per rule equal the JSON output's, the filters hide what they should, and a screenshot of each
report is saved in test-artifacts/ (git-ignored) for a person to look at.

One browser serves the whole module. Without Chromium the tests skip with the reason, except
under NEWSLINT_REQUIRE_BROWSER=1 (.ci/run), where that is a failure.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from browser import Browser, chromium_or_skip
from conftest import ROOT, need_shared, run_cli

ARTIFACTS = ROOT / "test-artifacts"
# KCNA's scrape names its fields its own way (README: "newslint.yaml, for KCNA's scraper output").
KCNA_FIELDS = "fields:\n  title: headline\n  published: date_str\n  body: story_text\n  url: link\n"

RULE_COUNTS = """[...document.querySelectorAll('tr.rule-row')].map(r => [r.dataset.rule, +r.querySelector('[data-count]').dataset.count])"""
LISTED = """[...document.querySelectorAll('li.finding')].map(f => [f.dataset.rule, f.dataset.source, !f.hidden && f.offsetParent !== null])"""


@pytest.fixture(scope="module")
def browser():
    b = Browser(chromium_or_skip())
    yield b
    b.close()


@pytest.fixture(scope="module")
def seeds_reports(tmp_path_factory) -> tuple[Path, Counter]:
    return _reports([str(ROOT / "seeds")], tmp_path_factory.mktemp("seeds"), "seeds")


def _reports(paths: list[str], cwd: Path, name: str) -> tuple[Path, Counter]:
    page = cwd / f"{name}.html"
    html = run_cli(*paths, "--format", "html", "--output", str(page), cwd=cwd)
    assert html.returncode in (0, 1), html.stderr
    found = run_cli(*paths, "--format", "json", cwd=cwd)
    assert found.returncode in (0, 1), found.stderr
    return page, Counter(v["rule"] for v in json.loads(found.stdout))


def _check_page(browser: Browser, page: Path, want: Counter, name: str) -> list[list]:
    browser.open(page)
    assert browser.errors() == []
    assert dict(browser.evaluate(RULE_COUNTS)) == want
    listed = browser.evaluate(LISTED)
    assert Counter(rule for rule, _, _ in listed) == want  # every finding listed (no sample at this size)
    assert all(visible for _, _, visible in listed)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = browser.screenshot(ARTIFACTS / f"{name}.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    return listed


def _click(browser: Browser, selector: str) -> None:
    assert browser.evaluate(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return false; e.click(); return true; }})()")


def test_seeds_report_opens_counts_and_filters_by_rule(browser: Browser, seeds_reports) -> None:
    page, want = seeds_reports
    assert len(want) >= 4
    _check_page(browser, page, want, "report-seeds")

    rule = "duplicated-caption"
    _click(browser, f'button.only[data-rule="{rule}"]')
    after = browser.evaluate(LISTED)
    assert {r for r, _, visible in after if visible} == {rule}
    assert sum(visible for _, _, visible in after) == want[rule]
    assert browser.evaluate("document.getElementById('visible-count').textContent") == f"{want[rule]} of {sum(want.values())} listed findings shown"
    # An article none of whose findings is shown is hidden as a whole.
    assert browser.evaluate("[...document.querySelectorAll('article.article')].filter(a => !a.hidden).length") == \
        browser.evaluate(f"new Set([...document.querySelectorAll('li.finding[data-rule=\"{rule}\"]')].map(f => f.closest('article').id)).size")
    browser.screenshot(ARTIFACTS / "report-seeds-one-rule.png")

    # Unticking a rule hides it alone; "all rules" brings every finding back.
    _click(browser, "#all-rules")
    _click(browser, 'input[name=rule][value="empty-html-tag"]')
    shown = Counter(r for r, _, visible in browser.evaluate(LISTED) if visible)
    assert shown == {r: n for r, n in want.items() if r != "empty-html-tag"}
    _click(browser, "#all-rules")
    assert all(visible for _, _, visible in browser.evaluate(LISTED))


def test_seeds_report_filters_by_source(browser: Browser, seeds_reports) -> None:
    page, _ = seeds_reports
    browser.open(page)
    listed = browser.evaluate(LISTED)
    source = Counter(s for _, s, _ in listed).most_common(1)[0][0]
    browser.evaluate(f"(() => {{ const s = document.getElementById('source'); s.value = {json.dumps(source)}; "
                     "s.dispatchEvent(new Event('change')); })()")
    after = browser.evaluate(LISTED)
    assert {s for _, s, visible in after if visible} == {source}
    assert sum(visible for _, _, visible in after) == sum(1 for _, s, _ in listed if s == source)


def test_seeds_report_reads_without_javascript(browser: Browser, seeds_reports) -> None:
    page, want = seeds_reports
    browser.call("Emulation.setScriptExecutionDisabled", session=True, value=True)
    try:
        browser.open(page)
        # No dead controls: the filter bar stays hidden; every finding is there to read.
        assert browser.evaluate("document.getElementById('filters').offsetParent") is None
        assert Counter(rule for rule, _, visible in browser.evaluate(LISTED) if visible) == want
    finally:
        browser.call("Emulation.setScriptExecutionDisabled", session=True, value=False)


@pytest.mark.shared
def test_shared_corpus_report_opens_and_counts_match_json(browser: Browser, tmp_path: Path) -> None:
    corpus = need_shared("corpus")
    (tmp_path / "newslint.yaml").write_text(KCNA_FIELDS, encoding="utf-8")
    paths = [str(corpus / name) for name in ("kcna", "rodong-sinmun-en", "aeb")]
    page, want = _reports(paths, tmp_path, "corpus")
    assert want["promo-block"] > 100 and want["empty-html-tag"] > 50
    listed = _check_page(browser, page, want, "report-corpus")
    # The three outlets are there under their own names: a domain from KCNA's and Rodong
    # Sinmun's URLs, and the pages' own site names.
    sources = browser.evaluate("[...document.querySelectorAll('#source option')].map(o => o.value)")
    assert {s for _, s, _ in listed} <= set(sources) | {""}
    assert browser.evaluate("document.querySelectorAll('svg.chart rect').length") > 5
