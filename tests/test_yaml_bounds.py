"""Bounded YAML: an alias bomb, a recursive alias or deep nesting in a config, a rule file or an
article's front matter is refused at once (exit 2 naming the file and line, or an input-error for
the article), never expanded until the machine runs out of memory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from inprocess_cli import cli
from sample_articles import FERRY, LOREM_RULE, stop_message

# The documented bounds (README, "Bounds").
MAX_ALIASES, MAX_ALIAS_NODES = 100, 100_000


def bomb(levels: int = 9, indent: str = "") -> str:
    """The "billion laughs": nine lists, each of nine aliases to the one before (9**9 strings)."""
    lines = [f'{indent}a: &a ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    for i in range(1, levels):
        name, prev = chr(ord("a") + i), chr(ord("a") + i - 1)
        lines.append(f"{indent}{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"




def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """The real CLI in a subprocess with a short timeout: a YAML bomb that is expanded hangs,
    and the timeout turns that into a failure instead of a stuck suite."""
    return subprocess.run([sys.executable, "-m", "newslint", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=60)


def test_alias_bomb_in_the_project_config_exits_2_naming_file_and_line(tmp_path):
    (tmp_path / "newslint.yaml").write_text("fail-on: warning\noptions:\n  x:\n" + bomb(indent="    "))
    (tmp_path / "a.txt").write_text(FERRY)
    proc = run(["a.txt"], tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    # The line where one list's expansion alone passes the bound: f, the sixth level (9**6).
    assert proc.stderr == (
        f"newslint: {tmp_path}/newslint.yaml:9: invalid YAML: aliases expand to more than "
        f"{MAX_ALIAS_NODES:,} further nodes (an alias bomb?); newslint reads at most that many\n"
    )


def test_alias_bomb_in_a_rule_file_exits_2_naming_the_rule_file(tmp_path):
    (tmp_path / "bomb.yaml").write_text(LOREM_RULE + "extra:\n" + bomb(indent="  "))
    (tmp_path / "a.txt").write_text(FERRY)
    proc = run(["--rules", "bomb.yaml", "a.txt"], tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"newslint: bomb.yaml:14: invalid YAML: aliases expand to more than {MAX_ALIAS_NODES:,}")


def test_alias_bomb_in_front_matter_is_an_input_error_and_the_run_goes_on(tmp_path):
    (tmp_path / "rules.yaml").write_text(LOREM_RULE)
    (tmp_path / "bomb.md").write_text(
        "---\ntitle: Флот вернулся в порт\n" + bomb() + "---\nПаромы снова ходят, lorem ipsum сообщил оператор.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(FERRY)
    proc = run(["--rules", "rules.yaml", "--select", "no-lorem-ipsum,input-error", "bomb.md", "b.txt"], tmp_path)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("b.txt:3:38: warning no-lorem-ipsum Placeholder text")
    # The bomb's line in the file: the front matter opens on line 1, `f:` is its eighth line.
    assert lines[1] == (
        f"bomb.md:8:4: error input-error invalid YAML front matter: aliases expand to more than "
        f"{MAX_ALIAS_NODES:,} further nodes (an alias bomb?); newslint reads at most that many"
    )
    # The article's body is still checked.
    assert lines[2].startswith("bomb.md:13:21: warning no-lorem-ipsum Placeholder text left in the article: 'lorem ipsum'")


def test_too_many_aliases(tmp_path):
    many = ", ".join(["*seoul"] * (MAX_ALIASES + 1))
    stderr = stop_message(tmp_path, {"newslint.yaml": f"exclude: [&seoul '*.tmp']\nignore: [{many}]\n"})
    assert stderr == (
        f"newslint: {tmp_path}/newslint.yaml:2: invalid YAML: more than {MAX_ALIASES} aliases (*name); "
        "newslint reads at most that many\n"
    )


def test_recursive_alias_and_deep_nesting_are_refused_without_a_traceback(tmp_path):
    stderr = stop_message(tmp_path, {"newslint.yaml": "select: &loop [*loop]\n"})
    assert stderr == (
        f"newslint: {tmp_path}/newslint.yaml:1: invalid YAML: an alias refers to the node that holds it (a recursive alias)\n")
    (tmp_path / "newslint.yaml").write_text("options:\n" + "".join("  " * i + "- \n" for i in range(1, 400)))
    proc = run(["a.txt"], tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == f"newslint: {tmp_path}/newslint.yaml:101: invalid YAML: nested more than 100 levels deep\n"


def test_a_few_aliases_in_a_config_still_work(tmp_path):
    (tmp_path / "rules.yaml").write_text(LOREM_RULE)
    (tmp_path / "newslint.yaml").write_text(
        "rules: [rules.yaml]\nselect: &mine [no-lorem-ipsum]\noptions:\n  no-lorem-ipsum:\n    phrases: &ph [lorem ipsum, dolor sit]\n"
        "severity:\n  no-lorem-ipsum: error\nexclude: *ph\n"
    )
    (tmp_path / "a.txt").write_text(FERRY)
    proc = cli("a.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0] == "a.txt:3:38: error no-lorem-ipsum Placeholder text left in the article: 'lorem ipsum'"


def test_alias_bomb_in_a_phrase_list_a_rule_reads_exits_2_naming_the_list(tmp_path):
    (tmp_path / "phrases").mkdir()
    (tmp_path / "phrases" / "ko.yaml").write_text(
        "language: Korean\nlabels:\n  related: ['관련 기사']\nextra:\n" + bomb(indent="  "), encoding="utf-8")
    (tmp_path / "newslint.yaml").write_text("options:\n  promo-block:\n    extra-phrase-lists: [phrases/ko.yaml]\n")
    (tmp_path / "a.txt").write_text(FERRY)
    proc = run(["a.txt"], tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith(
        f"newslint: {tmp_path}/phrases/ko.yaml:10: invalid YAML: aliases expand to more than {MAX_ALIAS_NODES:,}")
