"""--fix on real scraped files (copies): the fixed spans change, not one other byte does."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import need_shared, run_cli
from inprocess_cli import cli

# A replacement no real article contains, with a quote in it so the file format's own escaping
# is exercised: the fixed file, with each marker turned back, must equal the original.
MARKER = '\u27e6"PY"\u27e7'
MARKER_RULE = f"""\
name: marker-swap
check: substitution
severity: warning
message: "Use '{{replacement}}' instead of '{{match}}'"
description: A test rule that respells the capital with a marker.
swap:
  Pyongyang: '{MARKER}'
"""


def project_with(tmp_path: Path, fields: str = "") -> Path:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "marker-swap.yaml").write_text(MARKER_RULE, encoding="utf-8")
    (tmp_path / "newslint.yaml").write_text("rules: [rules]\nselect: [marker-swap]\n" + fields, encoding="utf-8")
    return tmp_path


@pytest.mark.shared
def test_kcna_json_list_fix_is_byte_exact_outside_the_values(tmp_path: Path) -> None:
    source = need_shared("corpus", "kcna", "headlines_2024-08-20.json")
    project = project_with(tmp_path, "fields:\n  title: headline\n  body: story_text\n  url: link\n")
    target = project / "kcna.json"
    shutil.copyfile(source, target)
    original = source.read_text(encoding="utf-8")
    before = json.loads(cli("kcna.json", "--format", "json", cwd=project).stdout)
    assert len(before) > 100

    proc = run_cli("kcna.json", "--fix", cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"Fixed {len(before)} violations." in proc.stdout
    fixed = target.read_text(encoding="utf-8")
    # The marker is written in each value's own style: raw, or \\u-escaped where the value
    # already escapes non-ASCII; its quotes are escaped either way.
    raw_forms = [json.dumps(MARKER, ensure_ascii=a)[1:-1] for a in (False, True)]
    assert sum(fixed.count(f) for f in raw_forms) == len(before)
    restored = fixed
    for form in raw_forms:
        restored = restored.replace(form, "Pyongyang")
    assert restored == original
    # Every record still decodes, with only the flagged values changed.
    old, new = json.loads(original), json.loads(fixed)
    assert [r.keys() for r in old] == [r.keys() for r in new]
    assert cli("kcna.json", "--fix", cwd=project).stdout.startswith("No violations")


@pytest.mark.shared
def test_rodong_csv_fix_changes_only_cells(tmp_path: Path) -> None:
    source = need_shared("corpus", "rodong-sinmun-en", "rodong_sinmun_en_sample.csv")
    project = project_with(tmp_path)
    target = project / "rodong.csv"
    shutil.copyfile(source, target)
    proc = cli("rodong.csv", "--fix", cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with open(source, encoding="utf-8", newline="") as a, open(target, encoding="utf-8", newline="") as b:
        old_rows, new_rows = list(csv.reader(a)), list(csv.reader(b))
    assert len(old_rows) == len(new_rows)
    assert any(MARKER in cell for row in new_rows for cell in row)
    for old, new in zip(old_rows, new_rows):
        assert [cell.replace(MARKER, "Pyongyang") for cell in new] == old
    # Raw bytes: with the marker turned back, a line differs from the original at most by the
    # quotes around a cell that had to be quoted for the new text.
    old_lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    new_lines = target.read_text(encoding="utf-8").replace(MARKER.replace('"', '""'), "Pyongyang").splitlines(keepends=True)
    assert len(old_lines) == len(new_lines)
    requoted = 0
    for old, new in zip(old_lines, new_lines):
        if old != new:
            requoted += 1
            assert new.replace('"', "") == old.replace('"', "")
    assert requoted > 0  # titles are unquoted cells in this file


@pytest.mark.shared
@pytest.mark.parametrize("page", ["salon-1", "lemonde-1", "liberation-1"])
def test_readability_pages_lose_only_their_empty_tags(tmp_path: Path, page: str) -> None:
    source = need_shared("corpus", "readability", page, "expected.html")
    target = tmp_path / "page.html"
    shutil.copyfile(source, target)
    original = source.read_text(encoding="utf-8")
    report = json.loads(cli("page.html", "--select", "empty-html-tag", "--format", "json", cwd=tmp_path).stdout)
    assert report, f"{page} has real empty tags"
    starts = [0]
    for line in original.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    spans = sorted((starts[v["line"] - 1] + v["column"] - 1, starts[v["end_line"] - 1] + v["end_column"] - 1) for v in report)
    # The fixed page is the original with each reported span removed or turned into one space.
    # A span is the empty element, with at most the one space beside it that would be left
    # doubled or before punctuation.
    pieces, last = [], 0
    for a, b in spans:
        assert re.fullmatch(r"[ \t]?<(\w+)[^>]*>(?:\s|&nbsp;|<[^>]*>)*</\1>[ \t]?", original[a:b]), original[a:b]
        assert not (original[a] in " \t" and original[b - 1] in " \t"), original[a:b]
        pieces.append(re.escape(original[last:a]))
        last = b
    pieces.append(re.escape(original[last:]))
    proc = cli("page.html", "--select", "empty-html-tag", "--fix", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"Fixed {len(report)} violation" in proc.stdout
    assert re.fullmatch("( ?)".join(pieces), target.read_text(encoding="utf-8"), re.DOTALL)
    assert cli("page.html", "--select", "empty-html-tag", "--diff", cwd=tmp_path).stdout == ""


@pytest.mark.shared
def test_gzipped_raw_pages_are_fixed_inside(tmp_path: Path) -> None:
    import gzip

    folder = need_shared("corpus", "aeb", "html")
    pages = sorted(folder.glob("*.html.gz"))[:10]
    for page in pages:
        shutil.copyfile(page, tmp_path / page.name)
    report = json.loads(cli(".", "--select", "empty-html-tag", "--format", "json", cwd=tmp_path).stdout)
    by_file: dict[str, list[dict]] = {}
    for v in report:
        if v["rule"] == "empty-html-tag":
            by_file.setdefault(v["path"], []).append(v)
    assert len(by_file) >= 2, "the first pages of the AEB set have empty tags"
    proc = cli(".", "--select", "empty-html-tag", "--fix", cwd=tmp_path)
    assert f"Fixed {sum(len(vs) for vs in by_file.values())} violation" in proc.stdout, proc.stdout + proc.stderr
    for page in pages:
        old = gzip.decompress(page.read_bytes()).decode("utf-8")
        new = gzip.decompress((tmp_path / page.name).read_bytes()).decode("utf-8")
        found = by_file.get(page.name, [])
        if not found:
            assert (tmp_path / page.name).read_bytes() == page.read_bytes()
            continue
        starts = [0]
        for line in old.splitlines(keepends=True):
            starts.append(starts[-1] + len(line))
        spans = sorted((starts[v["line"] - 1] + v["column"] - 1, starts[v["end_line"] - 1] + v["end_column"] - 1) for v in found)
        pieces, last = [], 0
        for a, b in spans:
            pieces.append(re.escape(old[last:a]))
            last = b
        pieces.append(re.escape(old[last:]))
        assert re.fullmatch("( ?)".join(pieces), new, re.DOTALL), page.name
    assert cli(".", "--select", "empty-html-tag", "--diff", cwd=tmp_path).stdout == ""
