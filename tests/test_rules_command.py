"""`newslint rules`: options may come before the subcommand, and `--check` runs every rule's
examples, naming each wrong one by its rule file, line and key."""

from __future__ import annotations

from inprocess_cli import cli
from sample_articles import CITIES_RULE, FERRY, LOREM_RULE, write

LOREM = LOREM_RULE + """\
examples:
  flagged:
    - "Ferries to Jeju resumed on Saturday, lorem ipsum the operator said."
    - text: "Die Fähren nach Sylt fahren wieder, sagte die Reederei."
      title: "Lorem ipsum: Fähren fahren wieder"
  clean:
    - "Ferries to Jeju resumed on Saturday, the operator said."
    - text: "서울은 맑고 따뜻하겠습니다."
      title: "Lorem ipsum 날씨"
"""
CITIES = CITIES_RULE + """\
examples:
  flagged:
    - "부산(Busan) 항에서 여객선이 다시 출항했다."
    - "Ferries left Pusan at dawn."
  clean:
    - "Ferries left Pusan at dawn, the coast guard said."
    - "Ferries left Busan at dawn."
"""


def test_options_before_rules_list_the_rules(tmp_path):
    write(tmp_path / "style" / "lorem.yaml", LOREM)
    write(tmp_path / "style" / "cities.yaml", CITIES)
    write(tmp_path / "ci" / "strict.yaml", "rules: [../style]\nseverity:\n  no-lorem-ipsum: error\n")
    proc = cli("--config", "ci/strict.yaml", "--select", "no-lorem-ipsum,house-city-names", "rules", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == (
        "rule              severity  description\n"
        "house-city-names  info      The house style spells city names one way.\n"
        "no-lorem-ipsum    error     Lorem ipsum filler saved instead of the story.\n"
    )
    proc = cli("--rules", "style", "--ignore", "house-city-names", "rules", "--select", "no-lorem-ipsum,house-city-names",
               cwd=tmp_path)
    assert (proc.returncode, proc.stdout.splitlines()[1:]) == (
        0, ["no-lorem-ipsum  warning   Lorem ipsum filler saved instead of the story."])


def test_rules_with_further_paths_is_a_folder_to_check(tmp_path):
    write(tmp_path / "rules" / "ferry.txt", FERRY)
    write(tmp_path / "b.txt", FERRY)
    write(tmp_path / "lorem.yaml", LOREM)
    proc = cli("--rules", "lorem.yaml", "--select", "no-lorem-ipsum", "rules", "b.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert [line.split(":")[0] for line in proc.stdout.splitlines()[:2]] == ["b.txt", "rules/ferry.txt"]
    proc = cli("--rules", "lorem.yaml", "--select", "no-lorem-ipsum", "./rules", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.startswith("rules/ferry.txt:3:38: warning no-lorem-ipsum")


def test_check_runs_the_examples_and_names_each_wrong_one(tmp_path):
    write(tmp_path / "style" / "lorem.yaml", LOREM)
    write(tmp_path / "style" / "cities.yaml", CITIES)
    write(tmp_path / "newslint.yaml", "rules: [style]\nselect: [no-lorem-ipsum, house-city-names]\n")
    proc = cli("rules", "--check", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr == ""
    assert proc.stdout.splitlines() == [
        "style/cities.yaml:10: house-city-names: examples.flagged[0] is not reported: '부산(Busan) 항에서 여객선이 다시 출항했다.'",
        "style/cities.yaml:13: house-city-names: examples.clean[0] is reported at 3:14: Write 'Busan', not 'Pusan'",
        "style/lorem.yaml:15: no-lorem-ipsum: examples.clean[1] is reported at 1:1: Placeholder text left in the article: 'Lorem ipsum'",
        "3 of 8 examples wrong, in 2 of 2 rules.",
    ]


def test_check_passes_when_every_example_is_right(tmp_path):
    write(tmp_path / "lorem.yaml", LOREM.replace('      title: "Lorem ipsum 날씨"\n', ""))
    proc = cli("--rules", "lorem.yaml", "--select", "no-lorem-ipsum", "rules", "--check", cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "All 4 examples of 1 rule are right.\n", "")


def test_check_without_rules_is_a_usage_error(tmp_path):
    write(tmp_path / "a.txt", FERRY)
    proc = cli("--check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "newslint: error: --check goes with `newslint rules` (it runs the rules' examples)\n"


def test_options_before_rule_name_explain_the_rule(tmp_path):
    write(tmp_path / "style" / "lorem.yaml", LOREM)
    write(tmp_path / "ci" / "strict.yaml", "rules: [../style]\nseverity:\n  no-lorem-ipsum: error\n")
    proc = cli("--config", "ci/strict.yaml", "rule", "no-lorem-ipsum", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.splitlines()[:3] == ["no-lorem-ipsum", "", "severity: error"]
