"""The rule cache (newslint/rule_cache.py): a run answered from it reports what a run that loads
the rule files reports, and an edit to a rule file, a phrase list or the config is never answered
with the rules saved before it; a corrupt entry is rebuilt, never a crash."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

from inprocess_cli import cli

ARTICLE_EN = (
    "Seoul moves to curb household debt\n\n"
    "SEOUL, March 4 (Yonhap) -- Financial regulators said Monday they will tighten lending rules "
    "for multi-home owners, as household debt rose for a fifth straight month.\n\n"
    "Officials at the Financial Services Commission said the new caps take effect in April.\n"
)
ARTICLE_DE = (
    "Regierung plant neue Regeln für Mieten\n\n"
    "BERLIN (dpa) - Die Bundesregierung will die Mietpreisbremse verlängern, wie ein Sprecher am "
    "Montag in Berlin sagte.\n\n"
    "Holen Sie sich den Morgenkurier jeden Tag kostenlos.\n"
)

RULE = """\
name: agency-credit
check: pattern
severity: warning
message: "{message_word} credit in the text"
description: Agency credits left in the body.
patterns: ["{pattern}"]
"""


def _rule(word: str, pattern: str) -> str:
    return RULE.replace("{message_word}", word).replace("{pattern}", pattern)


def _project(tmp_path: Path) -> Path:
    (tmp_path / "myrules").mkdir()
    (tmp_path / "myrules" / "agency-credit.yaml").write_text(_rule("Agency", r"\\(Yonhap\\)"), encoding="utf-8")
    (tmp_path / "newslint.yaml").write_text("rules: [myrules]\nselect: [agency-credit]\n", encoding="utf-8")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "debt.txt").write_text(ARTICLE_EN, encoding="utf-8")
    return tmp_path


def _findings(tmp_path: Path, *args: str) -> list[tuple[str, int, int, str, str]]:
    result = cli("--format", "json", *args, "news", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return [(v["rule"], v["line"], v["column"], v["severity"], v["message"]) for v in json.loads(result.stdout)]


def _entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / ".newslint_cache" / "rules").glob("*.pickle"))


def test_second_run_is_answered_from_the_cache_with_the_same_findings(tmp_path):
    _project(tmp_path)
    first = _findings(tmp_path)
    assert first == [("agency-credit", 3, 16, "warning", "Agency credit in the text")]
    entries = _entries(tmp_path)
    assert len(entries) == 1
    assert (tmp_path / ".newslint_cache" / ".gitignore").read_text() == "*\n"  # never committed
    saved = entries[0].stat().st_mtime_ns
    assert _findings(tmp_path) == first
    assert _entries(tmp_path) == entries and entries[0].stat().st_mtime_ns == saved  # read, not rewritten


def test_editing_a_rule_file_changes_the_result(tmp_path):
    _project(tmp_path)
    assert _findings(tmp_path)[0][4] == "Agency credit in the text"
    rule = tmp_path / "myrules" / "agency-credit.yaml"
    rule.write_text(_rule("Wire", r"\\(Yonhap\\)"), encoding="utf-8")
    assert _findings(tmp_path) == [("agency-credit", 3, 16, "warning", "Wire credit in the text")]
    rule.write_text(_rule("Wire", r"\\(AFP\\)"), encoding="utf-8")
    assert _findings(tmp_path) == []


def test_a_rule_file_added_to_a_rule_folder_is_loaded(tmp_path):
    _project(tmp_path)
    _findings(tmp_path)
    (tmp_path / "myrules" / "regulator-name.yaml").write_text(
        _rule("Regulator", "Financial Services Commission").replace("agency-credit", "regulator-name"), encoding="utf-8"
    )
    # the config is unchanged: only the folder's listing tells the saved rules are stale
    assert [f[0] for f in _findings(tmp_path, "--select", "agency-credit,regulator-name")] == [
        "agency-credit", "regulator-name"]


def test_editing_the_config_changes_the_result(tmp_path):
    _project(tmp_path)
    assert _findings(tmp_path)[0][3] == "warning"
    (tmp_path / "newslint.yaml").write_text(
        "rules: [myrules]\nselect: [agency-credit]\nseverity: {agency-credit: error}\n", encoding="utf-8"
    )
    assert _findings(tmp_path) == [("agency-credit", 3, 16, "error", "Agency credit in the text")]
    (tmp_path / "newslint.yaml").write_text(
        "rules: [myrules]\nselect: [agency-credit]\noptions: {agency-credit: {patterns: ['Financial Services']}}\n",
        encoding="utf-8",
    )
    assert _findings(tmp_path) == [("agency-credit", 5, 18, "warning", "Agency credit in the text")]


def test_editing_a_phrase_list_the_rule_names_changes_the_result(tmp_path):
    """A data file outside the rule folders (named by a rule option) is part of the key too."""
    (tmp_path / "lists").mkdir()
    phrases = tmp_path / "lists" / "kurier.yaml"
    phrases.write_text("language: German\npitches:\n  newsletter pitch: ['holen sie sich den abendkurier']\n",
                       encoding="utf-8")
    (tmp_path / "newslint.yaml").write_text(
        "select: [promo-block]\noptions: {promo-block: {extra-phrase-lists: [lists/kurier.yaml]}}\n", encoding="utf-8"
    )
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "mieten.txt").write_text(ARTICLE_DE, encoding="utf-8")
    assert _findings(tmp_path) == []
    phrases.write_text("language: German\npitches:\n  newsletter pitch: ['holen sie sich den morgenkurier']\n",
                       encoding="utf-8")
    found = _findings(tmp_path)
    assert [(f[0], f[1], f[2]) for f in found] == [("promo-block", 5, 1)]
    assert "newsletter pitch" in found[0][4]


def test_a_corrupt_entry_is_rebuilt_not_a_crash(tmp_path):
    _project(tmp_path)
    first = _findings(tmp_path)
    (entry,) = _entries(tmp_path)
    for damaged in (b"", b"not a pickle at all", entry.read_bytes()[:200], pickle.dumps({"rules": "wrong shape"})):
        entry.write_bytes(damaged)
        assert _findings(tmp_path) == first
        assert _entries(tmp_path) == [entry]
        assert pickle.loads(entry.read_bytes()[32:])[0] == 2  # rewritten whole, signed


class _Planted:
    """What a hostile repository could commit as a cache entry: unpickling it runs code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_an_entry_not_signed_with_the_users_key_is_never_unpickled(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    _project(tmp_path)
    first = _findings(tmp_path)
    (entry,) = _entries(tmp_path)
    key = (tmp_path / "user-cache" / "newslint" / "signing-key")
    assert len(key.read_bytes()) == 32 and key.stat().st_mode & 0o077 == 0  # this user's alone
    marker = tmp_path / "code-ran"
    planted = pickle.dumps(_Planted(marker))
    for hostile in (planted, b"\0" * 32 + planted):  # unsigned, and signed with another key
        entry.write_bytes(hostile)
        assert _findings(tmp_path) == first
        assert not marker.exists()


def test_an_unwritable_cache_folder_only_costs_the_saving(tmp_path):
    _project(tmp_path)
    (tmp_path / ".newslint_cache").write_text("a file where the folder would go", encoding="utf-8")
    assert _findings(tmp_path) == [("agency-credit", 3, 16, "warning", "Agency credit in the text")]


def test_newslint_cache_dir_moves_the_cache(tmp_path, monkeypatch):
    (tmp_path / "project").mkdir()
    _project(tmp_path / "project")
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert _findings(tmp_path / "project")[0][0] == "agency-credit"
    assert not (tmp_path / "project" / ".newslint_cache").exists()
    assert len(list((tmp_path / "elsewhere" / "rules").glob("*.pickle"))) == 1


def test_a_phrase_list_appearing_where_it_is_looked_for_first_is_read(tmp_path):
    """A rule's phrase list is looked for beside the rule file, then in the working folder: one
    that appears beside the rule later is the one a fresh load reads, so the cache must not
    answer with the working folder's."""
    (tmp_path / "myrules").mkdir()
    (tmp_path / "myrules" / "kurier-pitch.yaml").write_text(
        "name: kurier-pitch\ncheck: promo-block\nseverity: warning\nmessage: 'pitch: {why}'\n"
        "description: The Kurier's newsletter pitch.\nphrase-lists: []\nextra-phrase-lists: [lists/kurier.yaml]\n",
        encoding="utf-8",
    )
    (tmp_path / "newslint.yaml").write_text("rules: [myrules/kurier-pitch.yaml]\nselect: [kurier-pitch]\n",
                                            encoding="utf-8")
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "kurier.yaml").write_text(
        "language: German\npitches:\n  newsletter pitch: ['holen sie sich den abendkurier']\n", encoding="utf-8")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "mieten.txt").write_text(ARTICLE_DE, encoding="utf-8")
    assert _findings(tmp_path) == []
    (tmp_path / "myrules" / "lists").mkdir()
    (tmp_path / "myrules" / "lists" / "kurier.yaml").write_text(
        "language: German\npitches:\n  newsletter pitch: ['holen sie sich den morgenkurier']\n", encoding="utf-8")
    assert _findings(tmp_path) == [("kurier-pitch", 5, 1, "warning", "pitch: newsletter pitch")]
