"""promo-block beyond English, end to end: seed-format articles in German, Spanish, Russian,
Hindi, Japanese, Swedish, Czech and Greek with a related-article block, a most-read list, an ad
label or a pitch between paragraphs, each with its clean twin; and the phrase-list options
(narrowing, a user's own list, errors)."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

NBSP = "\u00a0"


def _seed(headline: str, url: str, paragraphs: list[str]) -> str:
    # the seed format: headline, white space with no-break spaces, DATE; header lines; a blank
    # line; then one paragraph a line, blank lines between some of them
    return f"{headline}  {NBSP} {NBSP}DATE: 2024-11-03 05:35:21\nURL: {url}\n\n" + "\n".join(paragraphs) + "\n"


CASES = {
    "de": (
        "Stadtrat beschließt Haushalt nach langer Debatte", "https://www.beispiel-zeitung.de/lokales/haushalt",
        [
            "Der Stadtrat hat am Dienstagabend nach mehr als vier Stunden Debatte den Haushalt für 2025 beschlossen.",
            "",
            "Die Mehrheit aus CDU und Grünen setzte sich mit 31 zu 24 Stimmen gegen die Opposition durch.",
            "",
        ],
        ["Mehr zum Thema", "Bäderkonzept: Welche Hallenbäder schließen sollen", "Grundsteuer steigt im kommenden Jahr deutlich"],
        [
            "",
            "Kämmerer Jens Albrecht sprach von einem Haushalt, der niemandem gefalle, aber notwendig sei.",
            "Die Opposition kündigte an, im Frühjahr einen Nachtragshaushalt zu beantragen.",
        ],
        "related-article label",
    ),
    "es": (
        "El Gobierno aprueba el plan de vivienda", "https://www.diario-ejemplo.es/economia/vivienda",
        [
            "El Consejo de Ministros aprobó este martes el plan estatal de vivienda para los próximos cuatro años.",
            "",
            "El plan prevé 180.000 viviendas de alquiler asequible y ayudas para jóvenes menores de 35 años.",
            "",
        ],
        ["Lea también: Los precios del alquiler suben un 9 % en las grandes ciudades"],
        [
            "",
            "La ministra defendió que la medida llegará a todas las comunidades autónomas antes de verano.",
            "La oposición criticó que el plan no incluya una reforma de la ley del suelo.",
        ],
        "related-article label",
    ),
    "ru": (
        "В Москве открылась новая линия метро", "https://www.primer-novosti.ru/gorod/metro",
        [
            "В Москве во вторник открылась новая линия метро протяженностью 24 километра.",
            "",
            "По словам мэрии, ежедневно по ней будут ездить около 400 тысяч пассажиров.",
            "",
        ],
        ["Читайте также", "Стоимость проезда в метро вырастет с января", "На МЦК закроют две станции на ремонт"],
        [
            "",
            "Строительство линии заняло шесть лет и обошлось бюджету в 300 миллиардов рублей.",
            "Следующий участок планируется открыть в 2026 году.",
        ],
        "related-article label",
    ),
    "hi": (
        "दिल्ली में नई मेट्रो लाइन शुरू", "https://www.udaharan-samachar.in/delhi/metro",
        [
            "दिल्ली में मंगलवार को 24 किलोमीटर लंबी नई मेट्रो लाइन यात्रियों के लिए खोल दी गई।",
            "",
            "अधिकारियों के अनुसार इस लाइन पर रोज़ करीब चार लाख लोग सफर करेंगे।",
            "",
        ],
        ["यह भी पढ़ें: मेट्रो किराये में जनवरी से बढ़ोतरी की तैयारी"],
        [
            "",
            "लाइन के निर्माण में छह साल लगे और इस पर करीब दस हजार करोड़ रुपये खर्च हुए।",
            "अगला चरण 2026 में शुरू करने की योजना है।",
        ],
        "related-article label",
    ),
    "ja": (
        "新しい地下鉄路線が開業", "https://www.rei-shimbun.jp/national/subway",
        [
            "東京で火曜日、全長24キロの新しい地下鉄路線が開業した。",
            "",
            "運営会社によると、1日あたり約40万人の利用を見込んでいる。",
            "",
        ],
        ["ニュースレターに登録すると、毎朝最新のニュースをお届けします。"],
        [
            "",
            "建設には6年かかり、総事業費は約3000億円に上った。",
            "次の区間は2026年の開業を予定している。",
        ],
        "newsletter pitch",
    ),
    "sv": (
        "Regionen höjer taxan för kollektivtrafiken", "https://www.exempeltidningen.se/nyheter/kollektivtrafik",
        [
            "Regionfullmäktige beslutade på tisdagen att höja priset för ett månadskort med 90 kronor.",
            "",
            "Beslutet fattades med 41 röster mot 30 efter en lång debatt.",
            "",
        ],
        ["Mest lästa", "Ny pendeltågslinje öppnar i december", "Busschaufförer varslar om strejk"],
        [
            "",
            "Oppositionen menar att höjningen slår hårdast mot studenter och pensionärer.",
            "Den nya taxan börjar gälla den 1 januari.",
        ],
        "most-popular list label",
    ),
    "cs": (
        "Praha zdraží jízdné v MHD", "https://www.priklad-noviny.cz/praha/jizdne",
        [
            "Pražští zastupitelé ve čtvrtek schválili zdražení ročního kupónu na městskou dopravu.",
            "",
            "Pro návrh hlasovalo 35 ze 65 zastupitelů, opozice byla proti.",
            "",
        ],
        ["Čtěte také: Metro D se začne stavět na jaře"],
        [
            "",
            "Podle radního pro dopravu jde o první zdražení po deseti letech.",
            "Nové ceny budou platit od 1. ledna.",
        ],
        "related-article label",
    ),
    "el": (
        "Αυξάνεται το εισιτήριο στα μέσα μεταφοράς", "https://www.paradeigma-news.gr/ellada/eisitirio",
        [
            "Το υπουργείο Μεταφορών ανακοίνωσε την Τρίτη αύξηση της τιμής του ενιαίου εισιτηρίου.",
            "",
            "Η νέα τιμή θα ισχύσει για όλα τα μέσα μαζικής μεταφοράς της Αθήνας.",
            "",
        ],
        ["Διαφήμιση"],
        [
            "",
            "Σύμφωνα με το υπουργείο, η αύξηση είναι η πρώτη μετά από δέκα χρόνια.",
            "Οι μηνιαίες κάρτες δεν θα αλλάξουν τιμή.",
        ],
        "advertisement label",
    ),
}


def _lint(folder, *extra: str) -> list[dict]:
    # run in the folder, so a newslint.yaml there is the project config
    proc = run_cli("--select", "promo-block", "--format", "json", *extra, str(folder), cwd=folder)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def linted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("promo-languages")
    for lang, (headline, url, before, block, after, _signal) in CASES.items():
        (folder / f"{lang}.txt").write_text(_seed(headline, url, before + block + after), encoding="utf-8")
        (folder / f"{lang}-clean.txt").write_text(_seed(headline, url, before + after[1:]), encoding="utf-8")
    by_file: dict[str, list[dict]] = {}
    for v in _lint(folder):
        by_file.setdefault(v["path"].rsplit("/", 1)[-1], []).append(v)
    return by_file


@pytest.mark.parametrize("lang", sorted(CASES))
def test_a_block_in_another_language_is_reported_where_it_starts(linted, lang) -> None:
    _headline, _url, before, block, _after, signal = CASES[lang]
    [v] = linted[f"{lang}.txt"]
    assert v["rule"] == "promo-block"
    assert (v["line"], v["column"]) == (3 + len(before) + 1, 1)
    assert v["end_line"] == 3 + len(before) + len(block)
    assert v["message"].startswith("Injected block, not the story (") and signal in v["message"]


@pytest.mark.parametrize("lang", sorted(CASES))
def test_the_clean_twin_has_no_finding(linted, lang) -> None:
    assert f"{lang}-clean.txt" not in linted


# ------------------------------------------------------------------ the phrase-list options

GERMAN = _seed("Haushalt beschlossen", "https://www.beispiel-zeitung.de/a", [
    "Der Stadtrat hat am Dienstag nach langer Debatte den Haushalt für das kommende Jahr beschlossen.",
    "Lesen Sie auch: Grundsteuer steigt im kommenden Jahr deutlich",
    "Die Opposition kündigte an, im Frühjahr einen Nachtragshaushalt zu beantragen.",
])
SITE_LINE = "Werden Sie Teil der Lokalrunde und diskutieren Sie mit anderen Lesern"


def test_phrase_lists_narrow_the_languages_and_extra_lists_add_a_sites_own(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(GERMAN.replace("Lesen Sie auch", SITE_LINE + "\nLesen Sie auch"), encoding="utf-8")
    assert [v["line"] for v in _lint(tmp_path)] == [6]
    (tmp_path / "newslint.yaml").write_text(
        "options:\n  promo-block:\n    phrase-lists: [promo/en.yaml]\n", encoding="utf-8")
    assert _lint(tmp_path) == []
    (tmp_path / "lokal.yaml").write_text(
        "language: German (Lokalrunde)\npitches:\n  community pitch: ['werden sie teil der lokalrunde']\n",
        encoding="utf-8")
    (tmp_path / "newslint.yaml").write_text(
        "options:\n  promo-block:\n    extra-phrase-lists: [lokal.yaml]\n", encoding="utf-8")
    [v] = _lint(tmp_path)
    assert v["line"] == 5 and v["end_line"] == 6
    assert v["message"] == "Injected block, not the story (community pitch; related-article label)"


@pytest.mark.parametrize(("content", "line", "key", "problem"), [
    ("language: Klingon\nlabels:\n  related-article label:\n    - 'ok'\n    - '(unclosed'\n",
     5, "labels.related-article label[1]", "invalid regular expression"),
    ("language: Klingon\npitches:\n  newsletter pitch: ['x?']\n", 3, "pitches.newsletter pitch[0]", "matches the empty string"),
    ("language: Klingon\nlabel:\n  related-article label: ['a']\n", 2, "label", "unknown key"),
    ("labels:\n  related-article label: ['abc']\n", 1, "language", "required"),
    ("language: Klingon\nlabels: [abc]\n", 2, "labels", "expected a mapping"),
])
def test_a_bad_phrase_list_stops_with_status_2_naming_file_line_and_key(tmp_path, content, line, key, problem) -> None:
    (tmp_path / "a.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(content, encoding="utf-8")
    (tmp_path / "newslint.yaml").write_text(
        "options:\n  promo-block:\n    extra-phrase-lists: [bad.yaml]\n", encoding="utf-8")
    proc = run_cli("--select", "promo-block", str(tmp_path), cwd=tmp_path)
    assert proc.returncode == 2
    assert f"bad.yaml:{line}: key '{key}':" in proc.stderr and problem in proc.stderr, proc.stderr


def test_a_missing_phrase_list_is_a_configuration_error(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "newslint.yaml").write_text(
        "options:\n  promo-block:\n    extra-phrase-lists: [nowhere.yaml]\n", encoding="utf-8")
    proc = run_cli(str(tmp_path), cwd=tmp_path)
    assert proc.returncode == 2
    assert "extra-phrase-lists" in proc.stderr and "no such promo phrase list: nowhere.yaml" in proc.stderr


def test_rules_check_runs_the_examples_of_a_users_phrase_list_and_names_the_wrong_one(tmp_path) -> None:
    # A site's own list, with one example its pattern does not catch: `rules --check` names the
    # list, the example and why, beside the rules' own examples, and exits 1.
    (tmp_path / "lokal.yaml").write_text(
        "language: German (Lokalrunde)\n"
        "pitches:\n  community pitch: ['werden sie teil der lokalrunde']\n"
        "examples:\n"
        "  flagged:\n"
        "    - \"Der Markt öffnet am Samstag.\\nWerden Sie Teil der Lokalrunde!\"\n"
        "    - \"Der Markt öffnet am Samstag.\\nMachen Sie mit bei der Lokalrunde!\"\n"
        "  clean:\n"
        "    - \"Die Lokalrunde der Kreisliga wurde am Sonntag abgesagt.\"\n",
        encoding="utf-8")
    (tmp_path / "newslint.yaml").write_text(
        "options:\n  promo-block:\n    extra-phrase-lists: [lokal.yaml]\n", encoding="utf-8")
    proc = run_cli("rules", "--check", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    first, last = proc.stdout.splitlines()[0], proc.stdout.splitlines()[-1]
    assert first == ("lokal.yaml: promo-block: examples.flagged[1] is not reported: "
                     "'Der Markt öffnet am Samstag. Machen Sie mit bei der Lokal...'")
    assert last.startswith("1 of ") and last.endswith(" examples wrong, in 1 of 6 rules.")
