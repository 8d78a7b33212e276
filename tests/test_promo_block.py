"""promo-block beyond the YAML cases: the unsafe fix, user phrases, bad options, and site
boilerplate across articles (the kind's Corpus) with its bounded memory."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli
from lint_helpers import lint_text, rule_with

from newslint.article import Article, Field, SourceFile
from newslint.checks.boilerplate import BoilerplateCounter, BoilerplateOptions, source_of
from newslint.config import OverrideError

RULE = "promo-block"


def _promo(text: str, filename: str = "article.txt", options=None):
    return [v for v in lint_text(text, filename, [rule_with(RULE, options)]) if v.rule == RULE]


def _record(n: int, body: str, host: str = "valleyledger.example", title: str | None = None) -> str:
    return json.dumps({
        "title": title or f"Council story number {n}",
        "url": f"https://www.{host}/news/{n}/",
        "date_publish": "2024-05-01 10:00:00",
        "maintext": body,
    })


def _story(n: int) -> str:
    # distinct, ordinary reporting: each article differs from the others
    return (
        f"The council voted {n} to 2 on Tuesday to approve item {n * 7} on the agenda, officials said.\n"
        f"Residents of ward {n} spoke for and against the plan during a {n + 20}-minute hearing."
    )


SITE_LINE = "The Valley Ledger is an independent newsroom funded by readers across the county."


# ------------------------------------------------------------------ one article


def test_block_finding_spans_whole_lines_and_offers_an_unsafe_removal() -> None:
    text = (
        "Ferry returns after repairs     DATE: 2024-05-02 09:10:00\n\n"
        "The harbour ferry resumed service on Monday after three months of repairs, the operator said.\n"
        "Related stories\n"
        "Shipyard wins contract for two electric ferries\n"
        "Island residents protest cuts to winter timetable\n"
        "The ferry carries about 1,200 passengers a day.\n"
    )
    [v] = _promo(text)
    assert (v.line, v.column, v.end_line) == (4, 1, 6)
    assert v.snippet == "Related stories\nShipyard wins contract for two electric ferries\nIsland residents protest cuts to winter timetable"
    assert v.replacement == "" and v.unsafe


def test_a_pitch_inside_a_long_paragraph_is_reported_without_a_fix() -> None:
    long_para = " ".join(["The district said enrolment rose again this year across its schools."] * 6)
    text = (
        "Enrolment rises     DATE: 2024-05-02 09:10:00\n\n"
        f"{long_para} Get the week's school news delivered to your inbox every Friday.\n"
    )
    [v] = _promo(text)
    assert v.line == 3 and "newsletter pitch" in v.message
    assert v.replacement is None and not v.unsafe


def test_the_seed_style_widget_names_every_signal() -> None:
    text = (
        "Envoys meet in Seoul     DATE: 2024-06-01 09:00:00\n\n"
        "Envoys from the two countries met in Seoul on Friday, officials said.\n"
        "[ANALYSIS] Summit signals shift in regional ties ANALYSISSummit signals shift in regional ties 2024-05-30 10:12 | Politics\n"
        "The envoys will meet again next month. (Yonhap)\n"
    )
    [v] = _promo(text)
    assert v.line == 4
    for signal in ("section label before a headline", "headline repeated in the paragraph",
                   "label glued to a headline", "trailing date-time | section stamp"):
        assert signal in v.message


def test_users_add_their_own_phrases_in_the_rule_options() -> None:
    text = (
        "Harbour festival returns     DATE: 2024-06-01 09:00:00\n\n"
        "The harbour festival returns this weekend with boat races and a fish market, organisers said.\n"
        "Become a Ledger Insider and get tickets before anyone else\n"
        "Organisers expect 50,000 visitors over two days.\n"
    )
    assert _promo(text) == []
    [v] = _promo(text, options={"pitches": {"membership pitch": ["become a [\\w ]{1,30} insider"]}})
    assert (v.line, v.message) == (4, "Injected block, not the story (membership pitch)")


def test_a_bad_pattern_in_the_options_is_a_configuration_error() -> None:
    with pytest.raises(OverrideError) as err:
        rule_with(RULE, {"labels": {"broken": ["(unclosed"]}})
    assert err.value.key == "labels" and "invalid regular expression '(unclosed'" in err.value.problem


def test_a_bad_pattern_in_a_rule_file_names_the_file(tmp_path) -> None:
    rule = tmp_path / "my-promo.yaml"
    rule.write_text(
        "name: my-promo\ncheck: promo-block\nseverity: warning\nmessage: '{why}'\ndescription: d\n"
        "pitches:\n  broken: ['(unclosed']\n",
        encoding="utf-8",
    )
    proc = run_cli("--rules", str(rule), str(tmp_path))
    assert proc.returncode == 2
    assert "my-promo.yaml" in proc.stderr and "invalid regular expression" in proc.stderr


def test_bad_web_page_options_are_configuration_errors(tmp_path) -> None:
    cases = {
        "linked-line-share: 5": ("linked-line-share", "Input should be less than or equal to 1 (got 5)"),
        "linked-list-min: 1": ("linked-list-min", "Input should be greater than or equal to 2 (got 1)"),
        'html-embed-hooks: ["tweet("]': ("html-embed-hooks", "invalid regular expression 'tweet(': missing ) at position 6"),
    }
    for line, (key, problem) in cases.items():
        config = tmp_path / "newslint.yaml"
        config.write_text(f"options:\n  promo-block:\n    {line}\n", encoding="utf-8")
        (tmp_path / "a.txt").write_text("Headline\n\nThe council met on Tuesday.\n", encoding="utf-8")
        proc = run_cli("a.txt", cwd=tmp_path)
        assert proc.returncode == 2
        assert proc.stderr == f"newslint: {config}:3: key 'options.promo-block.{key}': {problem}\n"


def test_unknown_boilerplate_key_is_refused() -> None:
    with pytest.raises(OverrideError):
        rule_with(RULE, {"boilerplate": {"min-article": 3}})


# ------------------------------------------------------------------ across articles


def test_a_paragraph_in_many_articles_of_one_source_is_site_boilerplate() -> None:
    batch = "\n".join(_record(n, _story(n) + "\n" + SITE_LINE) for n in range(1, 7)) + "\n"
    found = _promo(batch, "batch.jsonl")
    assert [(v.record, v.column) for v in found] == [(n, len(_story(n)) + 2) for n in range(1, 7)]
    assert {v.message for v in found} == {
        "Injected block, not the story (the same paragraph recurs in 6 of 6 articles from valleyledger.example (site boilerplate))"
    }
    assert {v.field for v in found} == {"maintext"}


def _report(n: int, anthem: bool) -> str:
    """A news-agency report of seven paragraphs; some carry a formula mid-story."""
    paragraphs = [
        f"Pyongyang, August {n} (KCNA) -- A meeting marking the day of the founding of unit {n} took place on Monday.",
        f"Present there were officials of ministries and national institutions, {n + 40} in all, and working people.",
        f"A report made at the meeting recalled the feats of the unit in its {n + 11} years of building.",
        "The national anthem of the DPRK was played." if anthem else f"Speakers said output rose {n} per cent over the year.",
        f"Speeches were made at the meeting by officials and workers of {n + 3} enterprises.",
        f"They pledged to carry out the tasks set for the {n + 2}th quarter without fail.",
        f"A commemorative photo session followed the meeting in district {n}.",
    ]
    return "\n".join(paragraphs)


def test_a_formula_recurring_mid_story_is_not_boilerplate_but_one_at_the_edge_is() -> None:
    # "The national anthem ... was played." recurs in 8 of 40 reports: the reporting's own
    # formula, in the middle of each story. A site line pasted under the story, as often, is
    # boilerplate.
    batch = "\n".join(_record(n, _report(n, anthem=n % 5 == 0)) for n in range(1, 41)) + "\n"
    assert _promo(batch, "batch.jsonl") == []
    edged = "\n".join(_record(n, _report(n, anthem=n % 5 == 0) + ("\n" + SITE_LINE if n % 5 == 0 else ""))
                      for n in range(1, 41)) + "\n"
    found = _promo(edged, "batch.jsonl")
    assert [v.record for v in found] == [5, 10, 15, 20, 25, 30, 35, 40]
    assert all("recurs in 8 of 40 articles" in v.message for v in found)
    # with the edge rule off, the formula is counted too
    off = _promo(batch, "batch.jsonl", {"boilerplate": {"edge-paragraphs": 0}})
    assert [v.record for v in off] == [5, 10, 15, 20, 25, 30, 35, 40]


def test_too_few_articles_or_too_small_a_share_is_not_boilerplate() -> None:
    four = "\n".join(_record(n, _story(n) + "\n" + SITE_LINE) for n in range(1, 5)) + "\n"
    assert _promo(four, "batch.jsonl") == []
    # 6 of 400 articles is 1.5%, under the 2% share
    many = "\n".join(_record(n, _story(n) + ("\n" + SITE_LINE if n % 60 == 0 else "")) for n in range(1, 401)) + "\n"
    assert _promo(many, "batch.jsonl") == []
    assert len(_promo(many, "batch.jsonl", {"boilerplate": {"min-share": 0.01}})) == 6


def test_articles_of_different_sources_do_not_add_up() -> None:
    batch = "\n".join(
        _record(n, _story(n) + "\n" + SITE_LINE, host="a.example" if n % 2 else "b.example") for n in range(1, 9)
    ) + "\n"
    assert _promo(batch, "batch.jsonl") == []


def test_one_story_saved_many_times_is_not_boilerplate() -> None:
    batch = "\n".join(_record(1, _story(1) + "\n" + SITE_LINE) for _ in range(8)) + "\n"
    assert _promo(batch, "batch.jsonl") == []


def test_recurring_sign_offs_and_short_lines_are_not_boilerplate() -> None:
    batch = "\n".join(_record(n, _story(n) + "\n(END)\nBy Valley Ledger staff") for n in range(1, 9)) + "\n"
    assert _promo(batch, "batch.jsonl") == []


def test_a_recurring_promo_block_is_reported_once_per_article() -> None:
    pitch = "Get the Valley Ledger's morning briefing delivered to your inbox every weekday."
    batch = "\n".join(_record(n, _story(n) + "\n" + pitch) for n in range(1, 7)) + "\n"
    found = _promo(batch, "batch.jsonl")
    assert sorted(v.record for v in found) == list(range(1, 7))
    assert all("newsletter pitch" in v.message for v in found)


def test_boilerplate_can_be_switched_off() -> None:
    batch = "\n".join(_record(n, _story(n) + "\n" + SITE_LINE) for n in range(1, 7)) + "\n"
    assert _promo(batch, "batch.jsonl", {"boilerplate": {"enabled": False}}) == []


def test_source_is_the_source_field_then_the_url_host_then_a_many_record_file() -> None:
    def art(fields: dict[str, str], record: int | None) -> Article:
        return Article(SourceFile("feed.jsonl"), {k: Field(k, v) for k, v in fields.items()}, record)

    assert source_of(art({"source": "Valley Ledger", "url": "https://x.example/1"}, 1)) == "valley ledger"
    assert source_of(art({"url": "https://www.valleyledger.example/a/1"}, 1)) == "valleyledger.example"
    assert source_of(art({"body": "text"}, 3)) == "feed.jsonl"
    assert source_of(art({"body": "text"}, None)) is None  # one article alone in its file


def test_memory_stays_bounded_while_frequent_paragraphs_survive() -> None:
    counter = BoilerplateCounter(BoilerplateOptions())
    site_line_articles = 0
    for n in range(1, 5001):
        paras = [f"Unique paragraph {n} number {k} of an ordinary story" for k in range(5)]
        if n % 10 == 0:
            paras.append(SITE_LINE)
            site_line_articles += 1
        body = "\n".join(paras)
        article = Article(SourceFile("feed.jsonl"), {"body": Field("body", body, key="maintext")}, n)
        offsets, pos = [], 0
        for p in paras:
            offsets.append(("body", p, pos, pos + len(p)))
            pos += len(p) + 1
        counter.observe(article, "valleyledger.example", offsets)
    kept = len(counter.sources["valleyledger.example"].entries)
    assert kept < 5 * 1000 + 100  # about one bucket of unique paragraphs, not all 25,000
    found = list(counter.findings())
    assert len(found) == site_line_articles and {f[1] for f in found} == {site_line_articles}


def test_cli_reports_boilerplate_across_files_of_one_source(tmp_path) -> None:
    for n in range(1, 7):
        (tmp_path / f"story-{n}.txt").write_text(
            f"Council story {n}     DATE: 2024-05-0{n} 10:00:00\nSource: valleyledger.example\n\n"
            f"{_story(n).splitlines()[0]}\n{SITE_LINE}\n",
            encoding="utf-8",
        )
    proc = run_cli("--select", RULE, "--format", "json", str(tmp_path))
    assert proc.returncode == 1, proc.stderr
    found = json.loads(proc.stdout)
    assert sorted((v["path"].rsplit("/", 1)[-1], v["line"], v["column"]) for v in found) == [
        (f"story-{n}.txt", 5, 1) for n in range(1, 7)
    ]
    assert all("recurs in 6 of 6 articles from valleyledger.example" in v["message"] for v in found)


def test_the_word_prefilter_gives_what_the_whole_alternations_give() -> None:
    # promo-block tries the labels and calls to action that need a word only on lines the word
    # pass found one in; on every example line of every shipped phrase list (26 languages,
    # labels and prose) the result must be the whole alternation's: the same signal and the
    # same rest of the line.
    from lint_helpers import default_rules

    from newslint.checks.promo_block import CALL_WORD, LABEL_WORD, _plain_spaces, lowered_for_words
    from newslint.config import default_rules_dir
    from newslint.promo_phrases import read_phrase_list

    mx = default_rules()["promo-block"].options.matchers
    lines = []
    for path in sorted((default_rules_dir() / "promo").glob("*.yaml")):
        phrases = read_phrase_list(path)
        for example in phrases.flagged + phrases.clean:
            lines += [ln for ln in example.splitlines() if ln.strip()]
    assert len(lines) > 400
    matched = {LABEL_WORD: 0, CALL_WORD: 0}
    for line in lines:
        text = _plain_spaces(line)
        lowered = lowered_for_words(text)
        found = {k for _, ks in mx.pitch_words.find(lowered) for k in ks} if lowered is not None else None
        for marker, alternation in ((LABEL_WORD, mx.label_filter), (CALL_WORD, mx.call_filter)):
            whole = alternation.whole.match(text)
            filtered = alternation.match(text, found is None or marker in found)
            assert (whole is None) == (filtered is None), line
            if whole is not None:
                matched[marker] += 1
                assert mx.signal_of("l" if marker == LABEL_WORD else "c", whole) == \
                    mx.signal_of("l" if marker == LABEL_WORD else "c", filtered), line
                assert whole.span() == filtered.span(), line
                if marker == LABEL_WORD:
                    rests = ("rest", "rest2", "rest3")
                    assert [whole.group(r) for r in rests] == [filtered.group(r) for r in rests], line
    # the lists' flagged examples open with a label or a call to action this often
    assert matched[LABEL_WORD] >= 90 and matched[CALL_WORD] >= 5, matched
