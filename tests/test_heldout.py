"""Our own held-out-style sets, invented articles in all three input shapes with labels in the
dev set's format:
- tests/data/heldout (34 cases): outlets the dev set does not cover (Xinhua, Gulf/Arab, Indian,
  Australian, Latin American, dpa/AFP, Ukrainian, NK-watch, Jiji/Kyodo, US local TV, BBC- and
  Guardian-style);
- tests/data/heldout2 (15 cases), written blind before reading the rules: "(Photo: Kyodo)",
  "Source: Xinhua" credits, "TOKYO (Kyodo) --" datelines, /news/2024-05-03/ URL dates, "Get the
  app" and "Support independent journalism" boxes, and hard negatives (two Kims, Peking
  University, a quoted future date, a correction note, empty <td></td>, <br/>);
- tests/data/heldout3 (17 cases), also written blind, in the languages and formats a data team
  meets beyond English wire copy: German (dpa; one page saved in windows-1252), Spanish (EFE),
  Hindi (PTI-Bhasha), French (AFP), Portuguese, Gulf and Indian English, a CSV file and a
  news-please JSONL file with a crawl-time date_publish; credits such as "(Photo AFP)",
  "EFE/Name", "[NEWS1]", and "Selenskyj" / "Selenski". Its first run, before any change, missed
  two of 25 labelled pairs: a French "(Photo AFP)" caption against its "AFP" copy and the German
  press's two spellings of Zelensky.
- tests/data/heldout4 (16 cases), written blind the same way: Italian, Dutch, Indonesian,
  Turkish, Polish, Swedish and English, as gzipped text, Markdown with front matter, a JSON
  array, gzipped JSONL and gzipped HTML. Its first run missed two of 24 pairs: an EPA-EFE caption
  whose copy set spaces around the slash (mended), and "Peking" for the city in a quote in a
  story that writes "Beijing", which stays a miss: the dictionary leaves Peking out on purpose,
  since "Peking duck" and "Peking opera" keep it in lower-case phrases the official-name words
  cannot see.
- tests/data/heldout5, heldout6, heldout7 (18 cases each), written blind with one focus each:
  promo blocks inside the story container of web pages in 12 languages (windows-1252 and
  ISO-8859-1 pages among them) with stories about newsletters and apps as traps; date fields
  holding the crawl time or a modified date, and wrong weekdays in every English style, with many
  date traps; names, caption credits and empty tags from many regions. Their first runs missed 5
  of 49 pairs and raised one false alarm; mended since: a "[Read more]" line, a "photo by" credit
  naming a paper in three words, a CMS's `<p class="caption-text">` copy before the first
  paragraph, a Vietnamese name without its marks, and "Watch:" in a video's own figcaption (the
  false alarm). Left: "SEOUL, March 5 (Yonhap) -- North Korea on Wednesday fired ...", where
  March 5 is a Tuesday: "on Wednesday" may name another day of the week, so a weekday without
  its date is not checked against the dateline.
- tests/data/heldout8, heldout9, heldout10 (18, 16 and 16 cases), written blind: promo lines in
  text scrapers flattened, in 14 languages and scripts (Arabic, Russian, Ukrainian, Chinese,
  Japanese, Korean, Turkish, Vietnamese, Hindi ...); web pages as CMSs render them (WordPress,
  Drupal, Arc XP, Next.js, Ghost, AMP, a Korean portal) with many empty-element and hidden-copy
  traps; dates in page metadata (JSON-LD @graph, parsely, sailthru, dc.date, Korean bylines)
  and crawl-time date fields. Their first runs missed 6 of 40 pairs and raised 2 false alarms;
  mended since: WordPress's wp-caption, a Korean paper's bracketed credit, a "(Name for Paper)"
  credit. Left, as designed: in a web page an empty element with a class is a hook for a style
  sheet or a script, not reported (`<span class="x-highlight"></span>`, 2 pages); a caption
  whose credit names no agency newslint knows, in markup that does not say caption; a gallery's
  thumbnails repeating the main caption (reported: a false alarm); an unlabelled tag list after
  the story (reported as a list of links, as tag lists are meant to be).
- tests/data/heldout11, heldout12, heldout13 (18, 17 and 17 cases), written blind: names from
  the Middle East, Russia, Central and Southeast Asia and Taiwan with their transliterations
  mixed; English outlets' widgets worldwide (Taboola blocks, paywall teasers, "Story continues
  below advertisement"); all rules in Markdown with front matter, single and listed JSON
  objects, gzipped JSONL, CRLF and byte-order-marked text. Their first runs missed 7 of 52 pairs
  (names no dictionary listed: Lai Ching-teh, Tokayev / Toqaev, Paetongtarn / Phaethongthan,
  Pezeshkiyan, Mohammad Yunus, Kiew / Kyjiw; an East African "PHOTO | NAME" credit), all added
  (Prabowo Subianto / Soebianto was listed before heldout13 was first scored).
- tests/data/heldout14 and heldout15 (18 cases each), written blind to draw false alarms:
  angle brackets that are no markup ("a <5% rise", "<press@ministry.example>", "Dear <name>",
  "<<Nous>>", "I <3 NY", "<END>") beside 12 real empty elements; many people sharing a surname,
  compounds and brands written two ways, handles, hashtags and slugs beside 6 real spelling
  pairs. No false alarm on either rule; one miss kept by design: "İstanbul" / "Istanbul" (a
  Turkish letter is that language's spelling, as "Yardım" / "Yardim" is). heldout14's Korean
  copyright line, labelled only as an empty-tag trap by its writer, is labelled promo-block here
  as heldout8 labels the same kind of line.
- tests/data/heldout16 (14 pages), written blind: promo inside the story of Russian, Arabic
  (right-to-left), Chinese, Japanese, Korean, Turkish and Vietnamese news pages, with the same
  widgets in their headers, asides and footers as traps. Its first run missed one of 9 pairs (a
  Turkish box whose label and links were inline elements of one block), mended.
- tests/data/heldout17 and heldout18 (18 cases each), written blind to draw false alarms from
  the story's own text: key-point lists, timelines, results tables, schedules, ingredient
  lists, FAQs, cabinet lists, crossheads, repeated credits, refrains and pull quotes; weekly
  columns about "last Tuesday", features days after the event, corrections, live blogs, time
  zones, obituaries, anniversaries, fiscal years and seasons. All 9 real defects found; one
  false alarm, mended since: an archive story republished under its old URL (2019) with a new
  date field (2024) that a sentence explains ("first published in 2019").
- tests/data/heldout19 (18 records), written blind: one news-please record in each of 18
  European and Asian languages with their credits ("Foto: ANSA", "Fot. PAP/Name", "Foto: Inquam
  Photos/Name", "Kuva: Lehtikuva", "Φωτογραφία: ΑΠΕ-ΜΠΕ" ...), dates, names and promo lines.
  All 20 pairs found on the first run; one false alarm, mended since: Romanian "Călin" /
  "Calin" was compared as a romanisation ("ă" is Romanian's own letter).
- tests/data/heldout20 (14 pages), written blind with the structures that make real pages
  hard: hidden mobile copies, endless pages appending the next article, live blogs, comment
  sections, AMP, bare-<div> layouts with sidebars, paywalls. Mended: the region stops at the
  next article's <h1>. Left: newslint reports a comment section's prompts and links and a
  paywall's "Subscribe to read" box as injected (the writer labelled them traps; for a data team
  they are not the story either); text a page hides (a paywalled rest) is not read, so a
  spelling there is not compared; a sidebar built of bare <div>s next to the story, and the next
  article's related box within the story's tail, are still reported.
- tests/data/heldout21 (18 records), written blind: records as tools and datasets export them
  (newspaper4k, trafilatura, a Hugging Face dataset, a CMS's CSV and JSON, a crawler), with
  their own field names. Mended: the aliases of those names (a CSV with `article_text` had been
  read as no article at all). Left: a body of HTML paragraphs on one line ("<p>…</p><p>…</p>")
  is one paragraph to the paragraph rules, so a caption copy and a promo list inside it are
  missed.
Scored per (case, rule) as the dev set is: a case counts as found for a rule when
newslint reports that rule anywhere in it; a report in a case not labelled with that rule is a
false alarm.

Run `python tests/test_heldout.py [heldout2 … heldout21]` for the per-rule table, misses and false alarms."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from inprocess_cli import cli  # noqa: E402

SETS = ("heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9",
        "heldout10", "heldout11", "heldout12", "heldout13", "heldout14", "heldout15",
        "heldout16", "heldout17", "heldout18", "heldout19", "heldout20", "heldout21")
RULES = ("empty-html-tag", "duplicated-caption", "inconsistent-romanisation", "date-mismatch", "promo-block")

# Floors, per set and rule, as measured; a change that drops below one is a regression.
MIN_PRECISION = {name: dict.fromkeys(RULES, 1.0) for name in SETS}
MIN_RECALL = {name: dict.fromkeys(RULES, 1.0) for name in SETS}
MIN_RECALL["heldout4"]["inconsistent-romanisation"] = 0.8  # Beijing / Peking (see above): 4 of 5
MIN_RECALL["heldout6"]["date-mismatch"] = 0.9  # a weekday without its date (see above): 9 of 10
# heldout9 (see above): class-hook spans in pages, an unknown credit, gallery thumbnails, a tag list
MIN_RECALL["heldout9"].update({"empty-html-tag": 0.71, "duplicated-caption": 0.83})
MIN_RECALL["heldout15"]["inconsistent-romanisation"] = 0.83  # İstanbul / Istanbul (see above): 5 of 6
# heldout20 (see above): comments and paywall boxes reported, hidden text not read, bare-div sidebars
MIN_RECALL["heldout20"]["inconsistent-romanisation"] = 0.5
MIN_PRECISION["heldout20"]["promo-block"] = 0.37
# heldout21 (see above): a body of HTML paragraphs on one line
MIN_RECALL["heldout21"].update({"duplicated-caption": 0.66, "promo-block": 0.66})
MIN_PRECISION["heldout9"].update({"duplicated-caption": 0.83, "promo-block": 0.66})


def case_key(violation: dict) -> str:
    name = Path(violation["path"]).name
    return f"{name}#{violation['record']}" if violation.get("record") else name


def reported_pairs(folder: Path) -> tuple[set[tuple[str, str]], dict[tuple[str, str], list[str]]]:
    result = cli("--format", "json", "cases", cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    pairs, where = set(), defaultdict(list)
    for violation in json.loads(result.stdout):
        key = (case_key(violation), violation["rule"])
        pairs.add(key)
        where[key].append(f"{violation['line']}:{violation['column']} {violation['message']}")
    return pairs, where


def labelled_pairs(folder: Path) -> set[tuple[str, str]]:
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    return {(case, defect["rule"]) for case, entry in labels.items() if case != "_format"
            for defect in entry["defects"]}


def score(name: str) -> tuple[dict[str, tuple[float, float]], list, list, dict]:
    folder = HERE / "data" / name
    reported, where = reported_pairs(folder)
    truth = labelled_pairs(folder)
    figures = {}
    for rule in RULES:
        got = {p for p in reported if p[1] == rule}
        want = {p for p in truth if p[1] == rule}
        tp = len(got & want)
        # a rule with nothing labelled and nothing reported made no false alarm
        figures[rule] = (tp / len(got) if got else float(not want), tp / len(want) if want else 1.0)
    misses = sorted(p for p in truth - reported)
    false_alarms = sorted(p for p in reported - truth if p[1] in RULES)
    return figures, misses, false_alarms, where


@pytest.mark.parametrize("name", SETS)
def test_heldout_precision_and_recall_per_rule(name: str):
    figures, misses, false_alarms, _ = score(name)
    for rule, (precision, recall) in figures.items():
        assert precision >= MIN_PRECISION[name][rule], (rule, precision, false_alarms)
        assert recall >= MIN_RECALL[name][rule], (rule, recall, misses)


if __name__ == "__main__":
    figures, misses, false_alarms, where = score(sys.argv[1] if len(sys.argv) > 1 else "heldout")
    print(f"{'rule':28} precision  recall")
    for rule, (precision, recall) in figures.items():
        print(f"{rule:28} {precision:9.2f} {recall:7.2f}")
    print("\nMissed:")
    for case, rule in misses:
        print(f"  {case}  {rule}")
    print("\nFalse alarms:")
    for key in false_alarms:
        print(f"  {key[0]}  {key[1]}: {where[key]}")
