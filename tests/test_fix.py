"""--fix and --diff end to end: what changes, what must not change by a single byte."""

from __future__ import annotations

import gzip
import json
import os
import stat
from pathlib import Path

import pytest
from conftest import SEED, run_cli
from inprocess_cli import cli
from sample_articles import SPELLING_RULE, spelling_project

# Replaces a longer phrase that starts where busan-spelling matches: the two fixes overlap.
PORT_RULE = """\
name: port-of-busan
check: substitution
severity: info
message: "Write '{replacement}'"
description: The house style names the port in full.
swap:
  Busan port: Port of Busan
  Pusan port: Port of Busan
"""


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return spelling_project(tmp_path, "rules: [rules]\nselect: [busan-spelling, empty-html-tag]\n")


def test_fix_keeps_bom_crlf_and_every_other_byte(project: Path) -> None:
    original = (
        b"\xef\xbb\xbfFerries to Pusan resume     DATE: 2024-09-02 07:15:00\r\n\r\n"
        b"Services between Fukuoka and Pusan resumed\xc2\xa0on Monday.\r\n"
        b"Cranes were back at work<em></em> on the piers.\r\n"
        b"No newline at the end: Pusan"
    )
    article = project / "a.txt"
    article.write_bytes(original)
    proc = run_cli("a.txt", "--fix", cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Fixed 4 violations." in proc.stdout
    assert article.read_bytes() == (
        b"\xef\xbb\xbfFerries to Busan resume     DATE: 2024-09-02 07:15:00\r\n\r\n"
        b"Services between Fukuoka and Busan resumed\xc2\xa0on Monday.\r\n"
        b"Cranes were back at work on the piers.\r\n"
        b"No newline at the end: Busan"
    )
    again = run_cli("a.txt", "--fix", cwd=project)
    assert again.returncode == 0
    assert "Fixed" not in again.stdout
    assert article.read_bytes().endswith(b"end: Busan")


def test_diff_prints_and_writes_nothing(project: Path) -> None:
    article = project / "a.txt"
    text = "Ferries to Pusan resume     DATE: 2024-09-02 07:15:00\n\nShips left Pusan at dawn.\nThe end.\n"
    article.write_text(text, encoding="utf-8")
    proc = run_cli("a.txt", "--diff", cwd=project)
    assert proc.returncode == 1
    assert proc.stdout == (
        "--- a/a.txt\n+++ b/a.txt\n@@ -1,4 +1,4 @@\n"
        "-Ferries to Pusan resume     DATE: 2024-09-02 07:15:00\n"
        "+Ferries to Busan resume     DATE: 2024-09-02 07:15:00\n"
        " \n"
        "-Ships left Pusan at dawn.\n"
        "+Ships left Busan at dawn.\n"
        " The end.\n"
    )
    assert article.read_text(encoding="utf-8") == text
    article.write_text(text.replace("Pusan", "Busan"), encoding="utf-8")
    clean = run_cli("a.txt", "--diff", cwd=project)
    assert (clean.returncode, clean.stdout) == (0, "")


def test_file_mode_is_kept_and_no_temporary_file_is_left(project: Path) -> None:
    article = project / "a.txt"
    article.write_text("Ferries to Pusan resume     DATE: 2024-09-02 07:15:00\n\nShips left at dawn.\n", encoding="utf-8")
    os.chmod(article, 0o640)
    run_cli("a.txt", "--fix", cwd=project)
    assert stat.S_IMODE(article.stat().st_mode) == 0o640
    assert article.read_text(encoding="utf-8").startswith("Ferries to Busan")
    # (the cache folder holds the loaded rules, not a leftover of the fix)
    assert sorted(p.name for p in project.iterdir() if p.name != ".newslint_cache") == ["a.txt", "newslint.yaml", "rules"]


def test_overlapping_fixes_are_applied_over_several_passes(project: Path) -> None:
    (project / "rules" / "port-of-busan.yaml").write_text(PORT_RULE, encoding="utf-8")
    article = project / "a.txt"
    article.write_text("Strike ends     DATE: 2024-09-02 07:15:00\n\nDockers at Pusan port voted on Sunday.\n", encoding="utf-8")
    proc = cli("a.txt", "--fix", "--select", "busan-spelling,port-of-busan", cwd=project)
    assert proc.returncode == 0, proc.stdout
    assert article.read_text(encoding="utf-8").endswith("Dockers at Port of Busan voted on Sunday.\n")


def test_remaining_findings_decide_the_exit_status(project: Path) -> None:
    (project / "rules" / "no-placeholder.yaml").write_text(
        "name: no-placeholder\ncheck: pattern\nseverity: error\nmessage: \"Placeholder left: '{match}'\"\n"
        "description: Filler text saved instead of the story.\nphrases: [lorem ipsum]\nignore-case: true\n",
        encoding="utf-8",
    )
    article = project / "a.txt"
    article.write_text("Ferries to Pusan     DATE: 2024-09-02 07:15:00\n\nLorem ipsum dolor sit amet.\n", encoding="utf-8")
    proc = cli("a.txt", "--fix", "--select", "busan-spelling,no-placeholder", cwd=project)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "a.txt:3:1: error no-placeholder Placeholder left: 'Lorem ipsum'",
        "Found 1 violation (1 error) in 1 of 1 file; 1 article checked.",
        "Fixed 1 violation.",
    ]


def test_suppressed_findings_are_not_fixed(project: Path) -> None:
    article = project / "a.txt"
    text = (
        "Ferries to Pusan     DATE: 2024-09-02 07:15:00\n\n"
        "<!-- newslint: disable=busan-spelling -->\nThe Pusan Film Festival keeps its name.\nShips left Pusan.\n"
    )
    article.write_text(text, encoding="utf-8")
    cli("a.txt", "--fix", cwd=project)
    assert article.read_text(encoding="utf-8") == text.replace("Ferries to Pusan", "Ferries to Busan").replace("left Pusan", "left Busan")


def test_jsonl_fix_rewrites_only_the_changed_part_of_the_value(project: Path) -> None:
    # Escapes other producers write: \\/ in URLs, \\u00e9, \\" and \\n inside the text.
    lines = [
        r'{"url":"https:\/\/example.com\/a","title":"Caf\u00e9 owners in Pusan","maintext":"\"Pusan\" is busy.\nShips left Pusan at dawn."}',
        r'{"url":"https:\/\/example.com\/b", "title" : "Quiet day", "maintext":"Nothing to fix here."}',
        r'{"title":"Pusan","maintext":"Pusan, Pusan.","newslint_ignore":["busan-spelling"]}',
    ]
    batch = project / "batch.jsonl"
    batch.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    proc = cli("batch.jsonl", "--fix", cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Fixed 3 violations." in proc.stdout
    expected = [
        r'{"url":"https:\/\/example.com\/a","title":"Caf\u00e9 owners in Busan","maintext":"\"Busan\" is busy.\nShips left Busan at dawn."}',
        lines[1],
        lines[2],
    ]
    assert batch.read_bytes().decode("utf-8") == "\r\n".join(expected) + "\r\n"


def test_json_list_on_one_line_with_the_same_defect_twice(project: Path) -> None:
    data = [{"title": "Ferries to Pusan", "text": "Ships left Pusan."}, {"title": "Ferries to Pusan", "text": "Ships left Pusan."}]
    raw = json.dumps(data, ensure_ascii=False)
    (project / "list.json").write_text(raw, encoding="utf-8")
    proc = cli("list.json", "--fix", cwd=project)
    assert "Fixed 4 violations." in proc.stdout, proc.stdout + proc.stderr
    assert (project / "list.json").read_text(encoding="utf-8") == raw.replace("Pusan", "Busan")


def test_json_list_with_a_record_too_deep_to_parse_fixes_the_others(project: Path) -> None:
    # A saved DOM tree nested deeper than Python's json parses: that record is reported and left
    # byte for byte, the records around it are fixed.
    dom = '{"div": ' * 5000 + "null" + "}" * 5000
    records = [
        '{"title": "Ferries to Pusan", "text": "Ships left Pusan."}',
        '{"title": "Port", "text": "Pusan port.", "dom": ' + dom + "}",
        '{"title": "부산행 여객선", "text": "여객선이 Pusan 항에서 출항했다."}',
    ]
    raw = "[\n" + ",\n".join(records) + "\n]\n"
    (project / "list.json").write_text(raw, encoding="utf-8")
    proc = cli("list.json", "--fix", cwd=project)
    assert proc.returncode == 1, proc.stderr
    assert "Fixed 3 violations." in proc.stdout
    assert "list.json:3:1: error input-error JSON record nested too deeply to read" in proc.stdout
    expected = [records[0].replace("Pusan", "Busan"), records[1], records[2].replace("Pusan", "Busan")]
    assert (project / "list.json").read_text(encoding="utf-8") == "[\n" + ",\n".join(expected) + "\n]\n"


def test_json_replacement_is_escaped_in_the_value_style(project: Path) -> None:
    (project / "rules" / "busan-spelling.yaml").write_text(SPELLING_RULE.replace("Pusan: Busan", 'Pusan: "Busan \\"Korea\\" é"'), encoding="utf-8")
    raw = '{"title": "Pusan", "text": "\\u00c9t\\u00e9 in Pusan"}\n'
    (project / "a.json").write_text(raw, encoding="utf-8")
    cli("a.json", "--fix", cwd=project)
    new = (project / "a.json").read_text(encoding="utf-8")
    assert new == '{"title": "Busan \\"Korea\\" é", "text": "\\u00c9t\\u00e9 in Busan \\"Korea\\" \\u00e9"}\n'
    assert json.loads(new)["text"] == 'Été in Busan "Korea" é'


def test_csv_fix_changes_only_the_cell(project: Path) -> None:
    (project / "rules" / "busan-spelling.yaml").write_text(SPELLING_RULE.replace("Pusan: Busan", 'Pusan: "Busan, Korea"'), encoding="utf-8")
    raw = (
        "title,text,url\r\n"
        "Ferries to Pusan,\"He said \"\"Pusan\"\" twice,\nthen left Pusan.\",https://example.com/a\r\n"
        "Quiet day,Nothing here.,https://example.com/b\r\n"
    )
    (project / "a.csv").write_bytes(raw.encode("utf-8"))
    proc = cli("a.csv", "--fix", cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (project / "a.csv").read_bytes().decode("utf-8") == (
        "title,text,url\r\n"
        "\"Ferries to Busan, Korea\",\"He said \"\"Busan, Korea\"\" twice,\nthen left Busan, Korea.\",https://example.com/a\r\n"
        "Quiet day,Nothing here.,https://example.com/b\r\n"
    )


def test_gzip_input_is_fixed_inside(project: Path) -> None:
    line = '{"title": "Ferries to Pusan", "maintext": "Ships left Pusan."}\n'
    (project / "a.jsonl.gz").write_bytes(gzip.compress(line.encode("utf-8"), mtime=1_700_000_000))
    proc = cli("a.jsonl.gz", "--fix", cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    raw = (project / "a.jsonl.gz").read_bytes()
    assert gzip.decompress(raw).decode("utf-8") == line.replace("Pusan", "Busan")
    assert int.from_bytes(raw[4:8], "little") == 1_700_000_000


def test_html_fix_only_where_the_file_holds_the_flagged_text(project: Path) -> None:
    page = (
        "<html><body><article>\n"
        "<p>Ships left Pusan at dawn<em></em>.</p>\n"
        "<p>Ships left Pu&shy;san&nbsp;port.</p>\n"
        "</article></body></html>\n"
    )
    (project / "p.html").write_text(page, encoding="utf-8")
    proc = cli("p.html", "--fix", cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (project / "p.html").read_text(encoding="utf-8") == page.replace("Pusan at dawn<em></em>", "Busan at dawn")


def test_bad_utf8_and_stdin_are_not_rewritten(project: Path) -> None:
    raw = b"Ferries to Pusan     DATE: 2024-09-02 07:15:00\n\nShips left \xff Pusan.\n"
    (project / "a.txt").write_bytes(raw)
    proc = run_cli("a.txt", "--fix", cwd=project)
    assert (project / "a.txt").read_bytes() == raw
    # (one byte 0xff in ASCII text: the file reads as windows-1252, and that is what the note says)
    assert "a.txt: read as windows-1252, not UTF-8; newslint writes only UTF-8, so the file was not rewritten" in proc.stderr
    raw = "Ferries to Pusan     DATE: 2024-09-02 07:15:00\n\nShips left Pusan for Jeju, café owners said.\n".encode() + b"\xff\n"
    (project / "b.txt").write_bytes(raw)
    proc = run_cli("b.txt", "--fix", cwd=project)
    assert (project / "b.txt").read_bytes() == raw
    assert "b.txt: not valid UTF-8; not rewritten" in proc.stderr
    proc = run_cli("-", "--fix", "--stdin-filename", "s.txt", cwd=project, stdin="Ferries to Pusan\n\nShips left.\n")
    assert "standard input is not rewritten" in proc.stderr
    assert proc.returncode == 1
    diff = run_cli("-", "--diff", "--stdin-filename", "s.txt", cwd=project, stdin="Ferries to Pusan\n\nShips left.\n")
    assert diff.returncode == 1
    assert "-Ferries to Pusan\n+Ferries to Busan\n" in diff.stdout


def test_seed_fix_removes_the_empty_tag_and_nothing_else(tmp_path: Path) -> None:
    seed = tmp_path / SEED.name
    original = SEED.read_bytes()
    seed.write_bytes(original)
    proc = cli(seed.name, "--fix", "--select", "empty-html-tag", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Fixed 1 violation." in proc.stdout
    assert seed.read_bytes() == original.replace(b"Putin,<strong></strong> right", b"Putin, right", 1)
    again = cli(seed.name, "--fix", "--select", "empty-html-tag", cwd=tmp_path)
    assert "Fixed" not in again.stdout
    assert seed.read_bytes() == original.replace(b"Putin,<strong></strong> right", b"Putin, right", 1)


def test_seed_all_safe_fixes_then_nothing_more(tmp_path: Path) -> None:
    """With every default rule: the empty tag and the second copy of the caption go; the promo
    block (an unsafe fix) stays; lines no finding touched are kept as they were, in order."""
    seed = tmp_path / SEED.name
    seed.write_bytes(SEED.read_bytes())
    original = SEED.read_bytes().decode("utf-8")
    report = json.loads(cli(seed.name, "--format", "json", cwd=tmp_path).stdout)
    touched = {n for v in report for n in range(v["line"], v["end_line"] + 1)}
    first = cli(seed.name, "--fix", cwd=tmp_path)
    fixed = seed.read_bytes().decode("utf-8")
    assert "<strong></strong>" not in fixed
    assert fixed.count("A TV screen shows") == 1, first.stdout + first.stderr
    assert "[ANALYSIS]" in fixed
    lines = original.splitlines(keepends=True)
    kept = iter(fixed.splitlines(keepends=True))
    for n, line in enumerate(lines, 1):
        if n not in touched:
            assert line in kept, f"line {n} changed or moved: {line!r}"
    second = cli(seed.name, "--fix", cwd=tmp_path)
    assert "Fixed" not in second.stdout
    assert seed.read_bytes().decode("utf-8") == fixed
    assert second.returncode == first.returncode


def test_unsafe_fixes_only_when_asked(tmp_path: Path) -> None:
    seed = tmp_path / SEED.name
    seed.write_bytes(SEED.read_bytes())
    report = json.loads(cli(seed.name, "--format", "json", cwd=tmp_path).stdout)
    promo = [v for v in report if v["rule"] == "promo-block"]
    if not promo:
        pytest.fail("the seed's promo block is no longer reported: this test needs a promo-block finding")
    promo_line = seed.read_text(encoding="utf-8").splitlines()[promo[0]["line"] - 1]
    cli(seed.name, "--fix", cwd=tmp_path)
    assert promo_line in seed.read_text(encoding="utf-8").splitlines()
    diff = run_cli(seed.name, "--diff", "--unsafe-fixes", cwd=tmp_path)
    assert diff.returncode == 1
    assert f"-{promo_line}" in diff.stdout.splitlines()
    assert promo_line in seed.read_text(encoding="utf-8").splitlines()
    proc = run_cli(seed.name, "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert "Fixed 1 violation." in proc.stdout
    assert promo_line not in seed.read_text(encoding="utf-8")
    assert "promo-block" not in cli(seed.name, cwd=tmp_path).stdout


def test_html_replacement_needing_escapes_is_applied_in_text_only(project: Path) -> None:
    (project / "rules" / "busan-spelling.yaml").write_text(SPELLING_RULE.replace("Pusan: Busan", "Pusan: 'Busan \"port\"'"), encoding="utf-8")
    page = (
        '<html><head><meta property="og:title" content="Ferries to Pusan resume"></head>\n'
        "<body><article><p>Ships left Pusan.</p></article></body></html>\n"
    )
    (project / "p.html").write_text(page, encoding="utf-8")
    proc = cli("p.html", "--fix", cwd=project)
    assert (project / "p.html").read_text(encoding="utf-8") == page.replace("left Pusan", 'left Busan "port"')
    assert "p.html: busan-spelling at 1:59: the replacement would need escaping here; not fixed" in proc.stderr
    assert proc.returncode == 1


def test_json_index_map_follows_every_escape() -> None:
    from json.decoder import scanstring

    from newslint.workflow.fix import _json_index_map

    raw = r'a\"b\u00e9\ud83d\ude00c\\d\/e'
    decoded, _ = scanstring('"' + raw + '"', 1)
    index = _json_index_map(raw)
    assert len(index) == len(decoded) + 1
    assert [raw[index[i] : index[i + 1]] for i in range(len(decoded))] == [
        "a", r"\"", "b", r"\u00e9", r"\ud83d\ude00", "c", "\\\\", "d", r"\/", "e",
    ]


def test_apply_edits_skips_overlaps_and_counts_identical_edits() -> None:
    from newslint.workflow.fix import Edit, apply_edits

    text = "Dockers at Pusan port voted."
    new, fixed = apply_edits(text, [
        Edit(11, 16, "Busan"),
        Edit(11, 21, "Port of Busan"),  # overlaps the first: left for the next pass
        Edit(11, 16, "Busan"),  # the same fix from a second rule
        Edit(22, 27, "voted"),  # changes nothing
    ])
    assert (new, fixed) == ("Dockers at Busan port voted.", 2)


def test_a_substitution_matched_without_regard_to_case_keeps_the_case_of_what_it_replaces(project: Path) -> None:
    (project / "rules" / "busan-spelling.yaml").write_text(SPELLING_RULE + "ignore-case: true\n", encoding="utf-8")
    (project / "a.txt").write_text(
        "Ferry traffic resumes    DATE: 2024-09-02 07:15:00\n\n"
        "PUSAN, Sept. 2 (Yonhap) -- Ferries to Fukuoka left pusan port on Monday.\n", encoding="utf-8")
    proc = cli("a.txt", cwd=project)
    assert proc.stdout.splitlines()[:2] == [
        "a.txt:3:1: warning busan-spelling Use 'BUSAN' instead of 'PUSAN'",
        "a.txt:3:52: warning busan-spelling Use 'Busan' instead of 'pusan'",
    ]
    assert cli("a.txt", "--fix", cwd=project).returncode == 0
    assert (project / "a.txt").read_text(encoding="utf-8").splitlines()[2] == (
        "BUSAN, Sept. 2 (Yonhap) -- Ferries to Fukuoka left Busan port on Monday.")
