"""inconsistent-romanisation: name folding, the starter dictionary, user dictionaries and house
styles through the real command line, and a dictionary of thousands of groups.

Rule behaviour on whole articles (line, column, message) is in tests/cases/inconsistent-romanisation.yaml.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from lint_helpers import lint_text, rule_with

from newslint.checks import inconsistent_romanisation as kind
from newslint.config import is_rule_file
from newslint.romanisation_dictionary import VariantIndex, read_dictionary
from newslint.text.names import candidates, fold_text, romanisation_difference, shape
from newslint.yamlload import ConfigError

RULE = "inconsistent-romanisation"
DICTIONARY_DIR = ROOT / "rules" / "romanisation"


def article(body: str, title: str = "Example headline") -> str:
    return f"{title}    DATE: 2024-01-01 00:00:00\n\n{body}\n"


def found(text: str, filename: str = "article.txt", **options) -> list:
    rule = rule_with(RULE, options or None)
    return [v for v in lint_text(text, filename, [rule]) if v.rule == RULE]


# ---------------------------------------------------------------------------- folding


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim Jong Un", "Kim Jong-un"),
        ("Kim Jong-Un", "Kim Jong-un"),
        ("KIM Jong Un", "Kim Jong Un"),
        ("Kim Jongun", "Kim Jong Un"),
        ("Yoon Suk Yeol", "Yoon Suk-yeol"),
        ("Choe Son Hui", "Choe Son-hui"),
        ("Xi Jinping", "Xi Jin-ping"),
        ("Hong Kong", "Hongkong"),
        ("P'yŏngyang", "Pyongyang"),
        ("Erdoğan", "Erdogan"),
        ("Bashar al-Assad", "Bashar al Assad"),
        ("Han Duck-soo", "Han Duck Soo"),
        ("Park Geun-Hye", "Park Geun-hye"),
        ("Tung Chee-hwa", "Tung Chee Hwa"),
        ("Abdul Rahman", "Abdul-Rahman"),
    ],
)
def test_romanisation_variants_fold_together_and_count_as_variants(a, b):
    assert fold_text(a) == fold_text(b)
    assert romanisation_difference(shape(a), shape(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Moon God-Emperor", "Moon God Emperor"),  # English compound
        ("God-King", "God King"),
        ("Long-Term Care", "Long Term Care"),
        ("NATO Summit", "Nato Summit"),  # acronym style, not romanisation
        ("Jong Un", "Jon Gun"),  # same letters, other syllables
        ("Março", "Marco"),  # Portuguese month and an Italian name
        ("al-Assad", "Al-Assad"),  # a sentence start capitalises the first letter
        ("K-Pop", "K-pop"),  # a term, not a name
        ("Hip-Hop", "Hip Hop"),
        ("Große", "Größe"),  # German umlauts make other words
        ("Grunde", "Gründe"),
        ("Losung", "Lösung"),
        ("Yardım", "Yardim"),  # Turkish dotless i
        ("Economía", "Economia"),  # Spanish accents
        ("Rodríguez", "Rodriguez"),
        ("E-mail", "Email"),  # a one-letter prefix
        ("E-Mail", "Email"),
        ("Zoom²", "Zoom"),
        ("Detlev`s", "Detlevs"),  # a possessive
    ],
)
def test_compounds_and_other_words_are_not_romanisation_variants(a, b):
    assert not romanisation_difference(shape(a), shape(b))


def test_candidates_skip_titles_glued_words_and_contractions():
    text = "President Moon Jae-in met ComradeKim Jong Unwas and I'd say Kim Jong Un's aides."
    surfaces = [c.surface for c in candidates("body", text) if not c.inner]
    assert "Moon Jae-in" in surfaces and "Kim Jong Un" in surfaces
    assert not any(s.startswith("President") for s in surfaces)
    assert not any("ComradeKim" in s or "I'd" in s for s in surfaces)


# ---------------------------------------------------------------------------- the starter dictionary


def starter_groups():
    groups = []
    for path in sorted(DICTIONARY_DIR.glob("*.yaml")):
        groups += read_dictionary(path)
    return groups


def test_starter_dictionary_has_at_least_150_groups_and_no_spelling_in_two_groups():
    groups = starter_groups()
    assert len(groups) >= 150
    owners: dict[str, str] = {}
    for g in groups:
        for form in g.forms:
            key = fold_text(form)
            assert key not in owners or owners[key] == g.origin, f"{form!r} in {g.origin} and {owners.get(key)}"
            owners[key] = g.origin
    assert len(VariantIndex(groups)) == len(groups)  # nothing merged


def test_starter_dictionary_files_are_data_not_rules_and_the_rule_names_them_all():
    files = sorted(DICTIONARY_DIR.glob("*.yaml"))
    assert files and not any(is_rule_file(p) for p in files)
    shipped = {str(Path(p)) for p in kind.DEFAULT_DICTIONARIES}
    assert shipped == {f"romanisation/{p.name}" for p in files}


def test_starter_dictionary_keeps_names_apart_that_are_different_people():
    index = VariantIndex(starter_groups())
    group = index.group_of.get
    for a, b in [
        ("Kim Jong Un", "Kim Jong Il"),
        ("Kim Jong Un", "Kim Yo Jong"),
        ("Kim Jong Un", "Kim Il Sung"),
        ("Lee Jae-myung", "Lee Myung-bak"),
        ("Vladimir", "Volodymyr"),
        ("Kangwon", "Gangwon"),
    ]:
        ga, gb = group(fold_text(a)), group(fold_text(b))
        assert ga is None or gb is None or ga != gb, (a, b)


# ---------------------------------------------------------------------------- dictionaries and config


def test_a_bad_dictionary_is_a_config_error_naming_file_and_line(tmp_path):
    bad = tmp_path / "names.yaml"
    bad.write_text("groups:\n  - forms: [Kyiv, Kiev]\n  - forms: [Odesa]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        read_dictionary(bad)
    assert (err.value.path, err.value.line, err.value.key) == (str(bad), 3, "forms")
    assert "at least two" in err.value.problem


def test_a_form_the_rule_could_never_find_is_refused(tmp_path):
    bad = tmp_path / "names.yaml"
    bad.write_text("groups:\n  - [kimchi, gimchi]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not a name newslint can find"):
        read_dictionary(bad)


def test_user_dictionary_and_house_style_from_the_project_config_through_the_cli(tmp_path):
    (tmp_path / "names.yaml").write_text(
        textwrap.dedent("""\
            # our own names
            groups:
              - forms: [Ri Il Hwan, Lee Il-hwan]
                preferred: Ri Il Hwan
            """),
        encoding="utf-8",
    )
    (tmp_path / "newslint.yaml").write_text(
        textwrap.dedent("""\
            select: [inconsistent-romanisation]
            options:
              inconsistent-romanisation:
                extra-dictionaries: [names.yaml]
                house-style: true
            """),
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text(
        article("Party secretary Lee Il-hwan spoke. Lee Il-hwan praised the harvest."), encoding="utf-8"
    )
    proc = run_cli("--format", "json", "a.txt", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    got = [(v["line"], v["column"], v["message"]) for v in json.loads(proc.stdout)]
    assert got == [(3, 17, "'Lee Il-hwan' (2 times) is spelled 'Ri Il Hwan' in the house style")]


def test_a_missing_user_dictionary_stops_the_run_with_exit_2(tmp_path):
    (tmp_path / "newslint.yaml").write_text(
        "options:\n  inconsistent-romanisation:\n    extra-dictionaries: [missing.yaml]\n", encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text(article("Nothing here."), encoding="utf-8")
    proc = run_cli("a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "missing.yaml" in proc.stderr


def test_the_fix_writes_the_spelling_the_article_uses_most(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(article("Kim Jong Un spoke. Kim Jong Un left. Later Kim Jong-un returned."), encoding="utf-8")
    proc = run_cli("--select", RULE, "--fix", "a.txt", cwd=tmp_path)
    assert "Later Kim Jong Un returned." in path.read_text(encoding="utf-8"), proc.stdout + proc.stderr


# ---------------------------------------------------------------------------- scale


def test_thousands_of_groups_change_no_result_and_are_looked_up_by_hash(tmp_path):
    lines = ["groups:"]
    for i in range(3000):
        syl = "".join(chr(ord("a") + (i // 26**k) % 26) for k in range(3))
        lines.append(f"  - [Zyx{syl} Qol, Zyx{syl} Kol]")
    big = tmp_path / "big.yaml"
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = article(
        "Kim Jong Un met Zyxabc Qol. Kim Jong Un left. Later Kim Jong-un returned. Zyxabc Kol agreed.",
        title="Talks end",
    )
    big_rule = rule_with(RULE, {"extra-dictionaries": [str(big)]})
    small = [(v.line, v.column, v.message) for v in found(text)]
    large = [(v.line, v.column, v.message) for v in lint_text(text, "article.txt", [big_rule]) if v.rule == RULE]
    assert small == [(3, 53, "'Kim Jong-un' is spelled 'Kim Jong Un' on line 3")]
    assert large == small + [(3, 75, "'Zyxabc Kol' is spelled 'Zyxabc Qol' on line 3")]
    assert len(big_rule.options.index) >= 3000 + 150


def test_a_spelling_reported_once_is_still_fixed_everywhere(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        article(
            "Ri Sol Ju attended the concert. Ri Sol Ju smiled at the singers on stage.\n"
            "Ri Sol Ju left early. Lee Sol-ju, a former singer, was seen again. Reporters asked about Lee Sol-ju twice."
        ),
        encoding="utf-8",
    )
    proc = run_cli("--select", RULE, "--format", "json", "a.txt", cwd=tmp_path)
    got = [(v["line"], v["column"], v["message"]) for v in json.loads(proc.stdout)]
    assert got == [(4, 23, "'Lee Sol-ju' (2 times) is spelled 'Ri Sol Ju' on line 3")]
    proc = run_cli("--select", RULE, "--fix", "a.txt", cwd=tmp_path)
    fixed = path.read_text(encoding="utf-8")
    assert "Lee Sol-ju" not in fixed and fixed.count("Ri Sol Ju") == 5, proc.stdout + proc.stderr
    assert run_cli("--select", RULE, "a.txt", cwd=tmp_path).returncode == 0
