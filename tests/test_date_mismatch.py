"""Rule date-mismatch end to end: the seed, options, and the real corpora in ../shared.

The corpus tests read real scraped articles (never copied here): they must give no false alarm,
must find the one real KCNA record whose dateline is two days off its date, and must find every
article again after its date field is shifted by weeks.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys

import pytest
from conftest import ROOT, SEED, need_shared, run_cli
from lint_helpers import lint_text, rule_with

RULE = "date-mismatch"
KCNA_FIELDS = {"title": ["headline"], "published": ["date_str"], "body": ["story_text"], "url": ["link"]}
SHIFTS = (14, -21, 35, -49, 28)  # days: weeks either way


def _findings(text: str, filename: str, aliases=None, options=None):
    return [v for v in lint_text(text, filename, [rule_with(RULE, options)], aliases) if v.rule == RULE]


def test_seed_gets_exactly_one_finding_naming_line_1_and_the_real_date() -> None:
    proc = run_cli("--format", "json", str(SEED))
    found = [v for v in json.loads(proc.stdout) if v["rule"] == RULE]
    assert len(found) == 1, found
    v = found[0]
    assert v["line"] == 1 and v["severity"] == "warning"
    assert v["message"] == (
        "DATE 2024-11-03 (line 1) is 416 days after the newest date in the text, 2023-09-14 (line 15); "
        "it may be a crawl or update time"
    )
    assert proc.returncode == 1


def test_text_output_and_exit_status_on_a_clean_and_a_wrong_article(tmp_path) -> None:
    body = "SEOUL, Sept. 14 (Yonhap) -- The central bank kept its key rate unchanged on Thursday.\n"
    (tmp_path / "good.txt").write_text(f"Rate unchanged    DATE: 2023-09-14 15:00:00\n\n{body}", encoding="utf-8")
    proc = run_cli("--select", RULE, "good.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    (tmp_path / "bad.txt").write_text(f"Rate unchanged    DATE: 2023-10-02 15:00:00\n\n{body}", encoding="utf-8")
    proc = run_cli("--select", RULE, "bad.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0] == (
        "bad.txt:1:25: warning date-mismatch DATE 2023-10-02 (line 1) is 18 days after the dateline "
        "'SEOUL, Sept. 14 (Yonhap)', 2023-09-14 (line 3)"
    )


def test_a_bad_option_is_a_configuration_error(tmp_path) -> None:
    (tmp_path / "newslint.yaml").write_text("options:\n  date-mismatch:\n    tolerance-days: -1\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Headline    DATE: 2024-01-01 00:00:00\n\nText.\n", encoding="utf-8")
    proc = run_cli("a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "tolerance-days" in proc.stderr + proc.stdout


def test_the_rule_shares_the_parsed_dates_through_the_article_cache() -> None:
    from newslint.readers import read_bytes
    from newslint.text.dates import CACHE_KEY

    text = SEED.read_bytes()
    article = next(a for a in read_bytes("seed.txt", text, ".txt", {}) if hasattr(a, "cache"))
    from newslint.checks import date_mismatch

    options = rule_with(RULE).options
    assert len(list(date_mismatch.check(article, options))) == 1
    cached = article.cache[CACHE_KEY]
    assert len(list(date_mismatch.check(article, options))) == 1
    assert article.cache[CACHE_KEY] is cached


# ---------------------------------------------------------------- real corpora (../shared)

_KCNA_DATELINE = re.compile(r"[A-Z][a-z]+, (January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2} \(KCNA\) --")


def _kcna_records():
    path = need_shared("corpus", "kcna", "headlines_2024-08-20.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _one_record_a_line(records) -> str:
    """A JSON list with record i (0-based) on line i + 2, so findings map back to records."""
    return "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n]\n"


@pytest.mark.shared
def test_kcna_only_the_real_two_day_dateline_mismatch() -> None:
    records = _kcna_records()
    found = _findings(_one_record_a_line(records), "kcna.json", KCNA_FIELDS)
    assert len(found) == 1, [(v.line, v.message) for v in found]
    rec = records[found[0].line - 2]
    assert (rec["date_str"], found[0].field) == ("2024-02-12", "date_str")
    assert "2 days after the dateline 'Pyongyang, February 10 (KCNA)', 2024-02-10" in found[0].message


@pytest.mark.shared
def test_kcna_with_dates_shifted_by_weeks_are_all_found() -> None:
    records = _kcna_records()
    shifted, expected = [], set()
    for i, rec in enumerate(records):
        rec = dict(rec)
        if _KCNA_DATELINE.match(rec.get("story_text") or ""):
            day = dt.date.fromisoformat(rec["date_str"]) + dt.timedelta(days=SHIFTS[i % len(SHIFTS)])
            rec["date_str"] = day.isoformat()
            expected.add(i + 2)
        shifted.append(rec)
    assert len(expected) > 400
    found = {v.line for v in _findings(_one_record_a_line(shifted), "kcna.json", KCNA_FIELDS)}
    assert found == expected


def _rodong_rows():
    path = need_shared("corpus", "rodong-sinmun-en", "rodong_sinmun_en_sample.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _csv_text(rows) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@pytest.mark.shared
def test_rodong_sinmun_url_dates_give_no_false_alarm() -> None:
    path = need_shared("corpus", "rodong-sinmun-en", "rodong_sinmun_en_sample.csv")
    assert _findings(path.read_text(encoding="utf-8"), "rodong.csv") == []


@pytest.mark.shared
def test_rodong_sinmun_with_dates_shifted_by_weeks_are_all_found() -> None:
    rows = _rodong_rows()
    for i, row in enumerate(rows):
        row["date"] = (dt.date.fromisoformat(row["date"]) + dt.timedelta(days=SHIFTS[i % len(SHIFTS)])).isoformat()
    found = _findings(_csv_text(rows), "rodong.csv")
    assert len({v.record for v in found}) == len(rows) == len(found)
    assert all(v.field == "date" and "the date in the URL" in v.message for v in found)


@pytest.mark.shared
@pytest.mark.parametrize("name", ["sample.csv", "sample1.csv", "sample2.csv"])
def test_korea_herald_ud_dates_give_no_false_alarm(name) -> None:
    path = need_shared("corpus", "koreaherald-covid", name)
    assert _findings(path.read_text(encoding="utf-8"), name) == []


@pytest.mark.shared
def test_devset_precision_and_recall_are_1() -> None:
    need_shared("devset", "cases")
    proc = subprocess.run(
        [sys.executable, str(ROOT.parent / "shared" / "devset" / "score.py"), "--newslint", f"{sys.executable} -m newslint"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    row = next(line for line in proc.stdout.splitlines() if line.startswith(RULE))
    cells = row.split()
    assert cells[6:8] == ["1.00", "1.00"], row


@pytest.mark.shared
def test_raw_pages_give_no_false_alarm() -> None:
    """181 raw news pages and 41 extractor outputs give no finding. One page (a WordPress review,
    morebikes.co.uk) says in its meta tags and JSON-LD that it was modified four days before it
    was published: a scheduled post, within `modified-days` (7), and its lede tells of no later
    day."""
    aeb = need_shared("corpus", "aeb", "html")
    readability = need_shared("corpus", "readability")
    proc = run_cli("--select", RULE, "--format", "json", str(aeb), str(readability))
    assert [v for v in json.loads(proc.stdout) if v["rule"] == RULE] == []
