"""A rule file is never passed over without a word: a file named with --rules or under the
config's `rules` is always read as a rule, a file in a rules folder is read unless it is plainly
a data file (a mapping with none of a rule's keys), and a file that defines no rule stops the run
with exit status 2 naming it. JSON-style (flow) YAML is YAML: such a rule works."""

from __future__ import annotations

from inprocess_cli import cli
from sample_articles import FERRY, stop_message, write

ARTICLE_DE = (
    "Fähren fahren wieder nach dem Sturm    DATE: 2024-03-02 08:15:00\n\n"
    "Die Fähren nach Sylt fahren seit Samstag wieder, Lorem ipsum sagte die Reederei.\n"
)
JSON_RULE = (
    '{"name": "no-lorem-ipsum", "check": "pattern", "severity": "warning",\n'
    ' "message": "Placeholder text left in the article: \'{match}\'",\n'
    ' "description": "Lorem ipsum filler saved instead of the story.",\n'
    ' "phrases": ["lorem ipsum"], "ignore-case": true}\n'
)
NO_RULE = "defines no rule: a rule file is a YAML mapping with name, check, severity, message and description"


def test_a_json_style_rule_works_named_or_in_a_folder(tmp_path):
    write(tmp_path / "a.txt", FERRY)
    write(tmp_path / "b.txt", ARTICLE_DE)
    write(tmp_path / "style" / "lorem.yaml", JSON_RULE)
    expected = [
        "a.txt:3:38: warning no-lorem-ipsum Placeholder text left in the article: 'lorem ipsum'",
        "b.txt:3:50: warning no-lorem-ipsum Placeholder text left in the article: 'Lorem ipsum'",
    ]
    for how in (["--rules", "style/lorem.yaml"], ["--rules", "style"]):
        proc = cli(*how, "--select", "no-lorem-ipsum", "a.txt", "b.txt", cwd=tmp_path)
        assert (proc.returncode, proc.stderr) == (1, ""), how
        assert proc.stdout.splitlines()[:2] == expected, how


def test_a_json_style_rule_with_a_mistake_names_its_line(tmp_path):
    write(tmp_path / "a.txt", FERRY)
    write(tmp_path / "lorem.yaml", JSON_RULE.replace('"severity": "warning"', '"severity": "loud"')
          .replace('"ignore-case"', '"ignore_cas"'))
    proc = cli("--rules", "lorem.yaml", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "newslint: lorem.yaml:1: key 'severity': expected 'error', 'warning' or 'info' (got 'loud')",
        "newslint: lorem.yaml:4: key 'ignore_cas': unknown key (did you mean 'ignore-case'?)",
    ]


def test_an_empty_or_garbage_rule_file_named_on_the_command_line_is_an_error(tmp_path):
    write(tmp_path / "a.txt", FERRY)
    cases = {
        "empty.yaml": ("", f"newslint: empty.yaml: {NO_RULE}; this file is empty"),
        "comments.yaml": ("# rules to come\n", f"newslint: comments.yaml: {NO_RULE}; this file is empty"),
        "pasted.yaml": ("Ferries to Jeju resumed on Saturday\n",
                        f"newslint: pasted.yaml:1: {NO_RULE}; this file holds a single value, not keys"),
        "list.yaml": ("- lorem ipsum\n- dolor sit amet\n", f"newslint: list.yaml:1: {NO_RULE}; this file holds a list"),
        "binary.yaml": ("\x00\x01\x02", "newslint: binary.yaml:1: invalid YAML: character U+0000 is not allowed in YAML"),
    }
    for name, (text, message) in cases.items():
        write(tmp_path / name, text)
        proc = cli("--rules", name, "a.txt", cwd=tmp_path)
        assert proc.returncode == 2, name
        assert proc.stdout == ""
        assert proc.stderr == message + "\n", name


def test_an_empty_file_in_a_rules_folder_is_an_error_and_data_files_are_not(tmp_path):
    stderr = stop_message(tmp_path, {
        "style/lorem.yaml": JSON_RULE,
        "style/places.yaml": "Pusan: Busan\nInchon: Incheon\n",  # a data file a rule reads
        "style/phrases.yaml": '{"language": "Korean", "labels": {"related": ["관련 기사"]}}\n',
        "style/todo.yaml": "",
        "newslint.yaml": "rules: [style]\n",
    })
    assert stderr == f"newslint: {tmp_path}/style/todo.yaml: {NO_RULE}; this file is empty\n"
    (tmp_path / "style" / "todo.yaml").unlink()
    proc = cli("--select", "no-lorem-ipsum", "a.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.startswith("a.txt:3:38: warning no-lorem-ipsum")
