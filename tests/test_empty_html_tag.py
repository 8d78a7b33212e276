"""empty-html-tag: the element scan itself, and its fix end to end."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli
from lint_helpers import default_rules

from newslint.checks.empty_html_tag import empty_elements


def _spans(text: str, page: bool = False) -> list[str]:
    options = default_rules()["empty-html-tag"].options
    return [text[a:b] for a, b, _, _ in empty_elements(text, options, page)]


def test_outermost_only_and_unclosed_elements_are_not_judged() -> None:
    assert _spans("<p><strong></strong></p> and <div><p> <em></em></p></div>") == [
        "<p><strong></strong></p>", "<div><p> <em></em></p></div>"]
    assert _spans("<p>Unclosed paragraph <p>Another one</p> </strong>") == []
    assert _spans("<P><B>&#xA0;</B></P>") == ["<P><B>&#xA0;</B></P>"]
    assert _spans("<p><!-- ad --></p><p><br></p>") == ["<p><!-- ad --></p>", "<p><br></p>"]


def test_scripts_and_embeds_are_content_and_their_inside_is_not_markup() -> None:
    assert _spans("<p><script>document.write('<b></b>')</script></p>") == []
    assert _spans("<div><iframe src='https://video.example/1'></iframe></div><svg><g></g></svg>") == []


def test_in_a_web_page_layout_boxes_and_hooks_are_not_lost_text() -> None:
    page = ('<div id="ad"></div><p class="dek"></p><span></span><a class="overlay" href="/x"></a>'
            '<nav><p></p></nav><p> </p><a href="/story"></a><figcaption class="caption"></figcaption>')
    assert _spans(page, page=True) == ["<p> </p>", '<a href="/story"></a>', '<figcaption class="caption"></figcaption>']
    # The same markup left in a text field is all leftovers, except the page's own furniture rules.
    assert '<div id="ad"></div>' in _spans(page)


def test_scan_is_linear_on_angle_brackets_in_prose() -> None:
    # Many short candidates, and one `<b` followed by a long run with no `>`: a nested
    # quantifier in the tag pattern once made the second take exponential time.
    many = ("a <b and c <5% rise x<y it's \"q " * 20000) + "<em></em>"
    long_run = "<b " + "x y \"q\" it's " * 50000 + "< <i></i>"
    # (a scan gone exponential would not return: the rule's regex-timeout would stop it
    # with an error instead of these answers)
    assert _spans(many) == ["<em></em>"]
    assert _spans(long_run) == ["<i></i>"]


def test_fix_keeps_one_space_between_words_and_none_next_to_punctuation(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Fares rise    DATE: 2024-09-14 10:00:00\n\n"
        "The fare will go up <em> </em>from 1,250 won, based on<strong> </strong>card data.\n"
        "Putin,<strong></strong> right, met Kim.<p><b>&nbsp;</b></p>\n",
        encoding="utf-8",
    )
    proc = run_cli("a.txt", "--select", "empty-html-tag", "--fix", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert article.read_text(encoding="utf-8") == (
        "Fares rise    DATE: 2024-09-14 10:00:00\n\n"
        "The fare will go up from 1,250 won, based on card data.\n"
        "Putin, right, met Kim.\n"
    )


def test_a_chain_of_empty_elements_is_fixed_as_one_and_each_finding_spans_its_part(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    line = "Officials from Seoul <b></b> <i></i>, Tokyo and Beijing met on Monday."
    article.write_text(f"Trilateral talks    DATE: 2024-09-14 10:00:00\n\n{line}\n", encoding="utf-8")
    proc = run_cli("a.txt", "--select", "empty-html-tag", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    spans = [(v["line"], v["column"], v["end_column"]) for v in json.loads(proc.stdout)]
    b, i = line.index("<b>"), line.index("<i>")
    # the first finding takes the space before the chain and the one inside it; the second
    # its own element: together they are the whole chain and the space it would strand
    assert spans == [(3, b, i + 1), (3, i + 1, i + 8)]
    fixed = run_cli("a.txt", "--select", "empty-html-tag", "--fix", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert article.read_text(encoding="utf-8").splitlines()[2] == "Officials from Seoul, Tokyo and Beijing met on Monday."
