"""inconsistent-romanisation on real scraped news from ../shared: the seed, two self-consistent
North Korean outlets (KCNA as JSON with its own field names, Rodong Sinmun as CSV), and the same
articles with one occurrence of a name respelled, which must give exactly one finding each."""

from __future__ import annotations

import csv
import json
import re

import pytest
from conftest import need_shared
from lint_helpers import lint_text, rule_with

RULE = "inconsistent-romanisation"
KCNA_FIELDS = {"title": ["headline"], "published": ["date_str"], "body": ["story_text"], "url": ["link"]}
# A Korean name in the outlets' style ("Kim Jong Un", "Choe Son Hui", "Pak Jong Chon") standing
# free: not glued to a neighbour ("ComradeKim Jong Unwas"), not a possessive, not the start of a
# longer name ("Kim Il Sung University").
SURNAMES = "Kim|Ri|Pak|Choe|Jo|Kang|Han|Hyon|Yun|Jong|Ju|O|Mun|Ko|An|Yang|Hong|Jang|Rim|Sin|Paek|Son|Ryu|Thae"
SYLLABLE = r"(?:[BCDGHJKMNPRSTWY]|Ch|Ph|Th|Kh|Ts)?h?[aeiouwy]{1,3}(?:ng|n|m|l|r|k|p|t)?"
FREE_NAME = re.compile(rf"(?<![\w])((?:{SURNAMES}) {SYLLABLE} {SYLLABLE})(?![\w'’-])(?! [A-Z])")


pytestmark = pytest.mark.shared


def findings(text: str, filename: str, aliases=None):
    return [v for v in lint_text(text, filename, [rule_with(RULE)], aliases) if v.rule == RULE]


def kcna_records():
    path = need_shared("corpus", "kcna", "headlines_2024-08-20.json")
    return [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("story_text")]


def rodong_records():
    path = need_shared("corpus", "rodong-sinmun-en", "rodong_sinmun_en_sample.csv")
    csv.field_size_limit(1 << 24)
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def respell_last_free_occurrence(text: str) -> tuple[str, int, str, str] | None:
    """The text with the last free occurrence of its most named person hyphenated ("Kim Jong Un"
    -> "Kim Jong-un"), when that name stands free twice or more."""
    spots: dict[str, list[int]] = {}
    for m in FREE_NAME.finditer(text):
        spots.setdefault(m.group(1), []).append(m.start(1))
    if not spots:
        return None
    name = max(spots, key=lambda n: (len(spots[n]), -spots[n][0]))
    if len(spots[name]) < 2:
        return None
    surname, given1, given2 = name.split(" ")
    respelled = f"{surname} {given1}-{given2.lower()}"
    at = spots[name][-1]
    return text[:at] + respelled + text[at + len(name) :], at, name, respelled


def test_the_seed_gets_exactly_one_finding():
    seed = need_shared("seeds", "000_cc69422307144f52.txt")
    got = findings(seed.read_text(encoding="utf-8"), seed.name)
    assert [(v.line, v.column, v.message) for v in got] == [(7, 21, "'Kim Jong-un' is spelled 'Kim Jong Un' on line 3")]


def test_kcna_is_self_consistent():
    path = need_shared("corpus", "kcna", "headlines_2024-08-20.json")
    got = findings(path.read_text(encoding="utf-8"), path.name, KCNA_FIELDS)
    assert got == []


def test_rodong_sinmun_is_self_consistent():
    path = need_shared("corpus", "rodong-sinmun-en", "rodong_sinmun_en_sample.csv")
    got = findings(path.read_text(encoding="utf-8"), path.name)
    assert got == []


def _respelled_batch(records, title_key, body_key, extra_keys):
    lines, expected = [], {}
    for r in records:
        changed = respell_last_free_occurrence(r[body_key])
        if changed is None:
            continue
        body, at, name, respelled = changed
        record = {title_key: r[title_key], body_key: body, **{k: r[k] for k in extra_keys}}
        lines.append(json.dumps(record, ensure_ascii=False))
        # 1-based column of the respelled name in the body field, and the message it must get
        expected[len(lines)] = (at + 1, f"'{respelled}' is spelled '{name}' in ")
    return "\n".join(lines) + "\n", expected


@pytest.mark.parametrize("outlet", ["kcna", "rodong-sinmun-en"])
def test_one_respelled_occurrence_gives_exactly_one_finding_per_article(outlet):
    if outlet == "kcna":
        text, expected = _respelled_batch(kcna_records(), "headline", "story_text", ["date_str", "link"])
        aliases, body_key = KCNA_FIELDS, "story_text"
    else:
        text, expected = _respelled_batch(rodong_records(), "title", "text", ["date", "url"])
        aliases, body_key = None, "text"
    assert len(expected) >= 15, "too few articles name someone twice to make the test mean anything"
    got = findings(text, "respelled.jsonl", aliases)
    by_record: dict[int, list] = {}
    for v in got:
        by_record.setdefault(v.record, []).append(v)
    assert set(by_record) == set(expected), sorted(set(by_record) ^ set(expected))[:10]
    for record, (column, message) in expected.items():
        (v,) = by_record[record]
        # Two occurrences: a tie, and the later (the respelled one) is reported; more: it is the minority.
        assert (v.field, v.column) == (body_key, column), v
        assert v.message.startswith(message), v


def test_korea_herald_and_readability_pages_give_none():
    herald = need_shared("corpus", "koreaherald-covid")
    pages = need_shared("corpus", "readability")
    got = []
    for path in sorted(herald.glob("*.csv")):
        got += findings(path.read_text(encoding="utf-8"), path.name)
    for path in sorted(pages.glob("*/expected.html")):
        got += findings(path.read_text(encoding="utf-8"), f"{path.parent.name}.html")
    assert [(v.path, v.line, v.message) for v in got] == []
