"""newslint.text.paragraphs: the shared split of a body into paragraphs, their keys and places."""

from __future__ import annotations

from newslint.article import Article, SourceFile
from newslint.readers import read_bytes
from newslint.text.paragraphs import count_words, element_around, key_of, paragraphs, plain_text, repeats, where


def _article(text: str, name: str = "a.txt") -> Article:
    items = list(read_bytes(name, text.encode("utf-8"), "." + name.rsplit(".", 1)[-1], {}))
    article = items[0]
    assert isinstance(article, Article), article
    return article


def test_lines_are_paragraphs_with_offsets_numbers_and_line_spans() -> None:
    art = _article("Headline    DATE: 2024-01-01 00:00:00\n\n  First paragraph.\u00a0\n\nSecond one\n")
    body = art.fields["body"].text
    pars = paragraphs(art)
    assert [body[p.start : p.end] for p in pars] == ["First paragraph.", "Second one"]
    assert [p.number for p in pars] == [2, 4]  # blank lines count, as in a record's maintext
    assert body[pars[0].line_start : pars[0].line_end] == "  First paragraph.\u00a0\n"
    assert [where(art, "body", p) for p in pars] == ["line 3", "line 5"]
    assert paragraphs(art) is pars  # computed once per article


def test_key_ignores_markup_entities_white_space_and_case() -> None:
    a = "A TV screen shows Putin,<strong></strong> right, Sept. 14. AP-Yonhap"
    b = "A TV screen shows Putin, right,&nbsp;Sept.  14.\u00a0<span class='credit'>AP-YONHAP</span>"
    assert key_of(a) == key_of(b)
    assert key_of("a <5% rise") != key_of("a 5% rise")  # `<5` is prose, not a tag
    assert plain_text("Monday.<br>JIJI &amp; Kyodo") == "Monday. JIJI & Kyodo"


def test_each_paragraph_keys_and_counts_words_as_key_of_and_count_words_do() -> None:
    # Bodies with no markup are case-folded whole; with markup, an entity or a zero-width
    # character each line goes through key_of. Both ways give the same keys and word counts.
    bodies = [
        "SEOUL, Sept. 14 (Yonhap) -- Kim Jong Un said\tthe talks went well.\r\n\nPhoto: AP-Yonhap",
        "Die STRASSE war gesperrt,\u00a0sagte die Polizei.\n\nDie Straße war  gesperrt, sagte\u2003die Polizei.",
        "Ο Πρωθυπουργός μίλησε στη Βουλή.\n\nο πρωθυπουργός μίλησε\u3000στη βουλή.",
        "A TV screen shows Putin,<strong></strong> right.\n\nA TV screen shows Putin, right.",
        "Markets &amp; trade rose.\n\nMarkets & trade rose.",
        "Zero\u200bwidth joins here.\n\nZerowidth joins here.",
    ]
    for body in bodies:
        art = _article("Headline    DATE: 2024-01-01 00:00:00\n\n" + body + "\n")
        text = art.fields["body"].text
        pars = paragraphs(art)
        assert len(pars) == body.count("\n\n") + 1
        for p in pars:
            assert p.key == key_of(text[p.start : p.end])
            assert p.words == count_words(text[p.start : p.end])
        assert len(repeats(art, min_key=1)) == (0 if body.startswith("SEOUL") else 1)


def test_repeats_pair_each_later_copy_with_the_first_and_skip_short_lines() -> None:
    art = _article(
        "Headline    DATE: 2024-01-01 00:00:00\n\nSame paragraph here.\n(END)\nOther text.\n"
        "Same  paragraph here.\n(END)\nSame paragraph <b>here</b>.\n"
    )
    body = art.fields["body"].text
    got = [(body[r.first.start : r.first.end], r.copy.number) for r in repeats(art)]
    assert got == [("Same paragraph here.", 5), ("Same paragraph here.", 7)]  # lines of the body field


def test_record_paragraph_is_named_by_its_index() -> None:
    art = _article('{"title": "T", "maintext": "One line here.\\nTwo line here.\\nOne line here."}\n', "b.jsonl")
    assert [where(art, "body", r.copy) for r in repeats(art)] == ["paragraph 3"]


def test_element_around_finds_the_block_that_holds_a_page_paragraph() -> None:
    page = (
        "<html><body><article>\n"
        "<figure><img src='x.jpg' alt='Ships in port'><figcaption>Ships in port. AFP</figcaption></figure>\n"
        "<p class=\"caption\">Ships in port. <span class=\"credit\">AFP</span></p>\n"
        "<div>Ships in port. AFP <p>and more</p></div>\n"
        "</article></body></html>\n"
    )
    art = _article(page, "p.html")
    markup = art.fields["markup"].text
    pars = paragraphs(art)
    found = [element_around(art, "body", p) for p in pars]
    assert [markup[e.start : e.end] if e else None for e in found] == [
        "<figcaption>Ships in port. AFP</figcaption>",
        '<p class="caption">Ships in port. <span class="credit">AFP</span></p>',
        None,  # the div's text is more than this line: no single element to name
        "<p>and more</p>",
    ]
    assert found[1].start_tags == ('<p class="caption">',)


def test_no_element_outside_an_html_page() -> None:
    art = _article("Headline    DATE: 2024-01-01 00:00:00\n\n<p>Text in a text file.</p>\n")
    assert element_around(art, "body", paragraphs(art)[0]) is None
    assert isinstance(art.source, SourceFile)
