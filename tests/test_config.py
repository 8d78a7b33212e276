"""Project config and rule files: discovery, keys, and the message a user sees for each mistake
(exit status 2, naming the file, the line and the key)."""

from __future__ import annotations

import pytest
from conftest import run_cli
from inprocess_cli import cli
from sample_articles import CITIES_RULE, FERRY, LOREM_RULE, stop_message, write

from newslint.config import (
    ConfigError,
    ProjectConfig,
    find_config,
    load_config,
    load_rules,
    read_config,
    read_rule_file,
    select_rules,
)

# --- discovery -----------------------------------------------------------------------------


def test_no_config_anywhere_gives_the_defaults(tmp_path):
    config = load_config(None, tmp_path)
    assert config == ProjectConfig()
    assert config.fail_on == "warning"


@pytest.mark.parametrize("name", ["newslint.yaml", ".newslint.yaml"])
def test_yaml_config_found_in_the_current_folder(tmp_path, name):
    write(tmp_path / name, "fail-on: error\n")
    assert find_config(tmp_path) == tmp_path / name
    assert load_config(None, tmp_path).fail_on == "error"


def test_pyproject_table_found(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.newslint]\nfail-on = "info"\nignore = ["a-rule"]\n')
    config = load_config(None, tmp_path)
    assert (config.fail_on, config.ignore) == ("info", ["a-rule"])


def test_pyproject_without_the_table_is_passed_over(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[tool.black]\nline-length = 100\n')
    write(tmp_path / "newslint.yaml", "fail-on: error\n")
    assert find_config(tmp_path / "sub") == tmp_path / "newslint.yaml"


def test_search_goes_upward_and_the_nearest_wins(tmp_path):
    write(tmp_path / "newslint.yaml", "fail-on: error\n")
    deep = tmp_path / "corpus" / "2024" / "03"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "newslint.yaml"
    write(tmp_path / "corpus" / "pyproject.toml", '[tool.newslint]\nfail-on = "info"\n')
    assert find_config(deep) == tmp_path / "corpus" / "pyproject.toml"


def test_newslint_yaml_beats_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.newslint]\nfail-on = "info"\n')
    write(tmp_path / "newslint.yaml", "fail-on: error\n")
    assert load_config(None, tmp_path).fail_on == "error"


def test_explicit_config_overrides_discovery(tmp_path):
    write(tmp_path / "newslint.yaml", "fail-on: error\n")
    other = write(tmp_path / "ci" / "strict.yaml", "fail-on: info\n")
    assert load_config(other, tmp_path).fail_on == "info"


def test_explicit_config_that_does_not_exist(tmp_path):
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path / "nope.yaml", tmp_path)
    assert str(err.value) == f"{tmp_path / 'nope.yaml'}: config file not found"


def test_empty_config_file_is_the_defaults(tmp_path):
    write(tmp_path / "newslint.yaml", "# nothing yet\n")
    assert load_config(None, tmp_path).fail_on == "warning"


# --- keys ------------------------------------------------------------------------------------


def test_every_key(tmp_path):
    write(tmp_path / "style" / "lorem.yaml", LOREM_RULE)
    write(tmp_path / "style" / "cities.yaml", CITIES_RULE)
    path = write(tmp_path / "newslint.yaml", """\
rules: [style]
select: [no-lorem-ipsum, house-city-names]
ignore: [house-city-names]
exclude: ["archive/**", "*.tmp.json"]
fail-on: error
fields:
  title: headline
  body: [story_text, content_html]
options:
  no-lorem-ipsum:
    ignore-case: false
severity:
  no-lorem-ipsum: error
""")
    config = read_config(path)
    assert config.rules == ["style"]
    assert config.exclude == ["archive/**", "*.tmp.json"]
    assert config.fail_on == "error"
    assert config.field_aliases() == {"title": ["headline"], "body": ["story_text", "content_html"]}
    rules = {r.name: r for r in load_rules(config)}
    assert rules["no-lorem-ipsum"].options.ignore_case is False
    assert rules["no-lorem-ipsum"].severity == "error"
    assert rules["house-city-names"].severity == "info"
    chosen = select_rules(list(rules.values()), config.select, config.ignore)
    assert [r.name for r in chosen] == ["no-lorem-ipsum"]


def test_a_project_rule_of_a_shipped_name_replaces_it(tmp_path):
    shipped = {r.name for r in load_rules(ProjectConfig())}
    if not shipped:
        pytest.fail("no shipped rules found")
    name = min(shipped)
    write(tmp_path / "mine" / "r.yaml", LOREM_RULE.replace("no-lorem-ipsum", name))
    config = read_config(write(tmp_path / "newslint.yaml", "rules: [mine]\n"))
    rules = {r.name: r for r in load_rules(config)}
    assert rules[name].check == "pattern"
    assert len(rules) == len(shipped)


def test_data_files_beside_rules_are_not_rules(tmp_path):
    write(tmp_path / "mine" / "r.yaml", LOREM_RULE)
    write(tmp_path / "mine" / "places.yaml", "Pusan: Busan\nInchon: Incheon\n")
    config = read_config(write(tmp_path / "newslint.yaml", "rules: [mine]\n"))
    assert "no-lorem-ipsum" in {r.name for r in load_rules(config)}


# --- mistakes in a rule file: the message a user sees -------------------------------------------


RULE_MISTAKES = [
    ("unknown key", LOREM_RULE.replace("ignore-case: true", "ignor-case: true"),
     "7: key 'ignor-case': unknown key (did you mean 'ignore-case'?)"),
    ("bad severity", LOREM_RULE.replace("severity: warning", "severity: fatal"),
     "3: key 'severity': expected 'error', 'warning' or 'info' (got 'fatal')"),
    ("wrong type", LOREM_RULE.replace('phrases: ["lorem ipsum"]', "phrases: lorem ipsum"),
     "6: key 'phrases': expected a list (got 'lorem ipsum')"),
    ("not a boolean", LOREM_RULE.replace("ignore-case: true", "ignore-case: sometimes"),
     "7: key 'ignore-case': expected true or false (got 'sometimes')"),
    ("bad rule name", LOREM_RULE.replace("name: no-lorem-ipsum", "name: No_Lorem"),
     "1: key 'name': String should match pattern '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' (got 'No_Lorem')"),
    ("missing message", LOREM_RULE.replace("message: \"Placeholder text left in the article: '{match}'\"\n", ""),
     "1: key 'message': required key is missing"),
    ("unknown check kind", LOREM_RULE.replace("check: pattern", "check: patern"),
     "2: key 'check': unknown check kind 'patern'; known kinds: "),
    ("missing check", LOREM_RULE.replace("check: pattern\n", ""),
     "1: key 'check': required key is missing; known kinds: "),
    ("bad regex", LOREM_RULE.replace('phrases: ["lorem ipsum"]', 'patterns: ["lorem (ipsum"]'),
     "6: key 'patterns[0]': invalid regular expression 'lorem (ipsum': missing ) at position 12"),
    ("unknown placeholder", LOREM_RULE.replace("{match}", "{matched}"),
     "4: key 'message': unknown placeholder {matched}; this kind offers: match"),
    ("broken template", LOREM_RULE.replace("'{match}'", "'{match'"),
     "4: key 'message': bad message template: expected '}' before end of string"),
    ("bad YAML", LOREM_RULE.replace('phrases: ["lorem ipsum"]', 'phrases: ["lorem ipsum"'),
     "7: invalid YAML: expected ',' or ']', but got '<scalar>'"),
    ("duplicate key", LOREM_RULE + "severity: error\n",
     "8: invalid YAML: duplicate key 'severity'"),
    ("nothing to find", LOREM_RULE.replace('phrases: ["lorem ipsum"]\n', ""),
     "1: a pattern rule needs 'phrases' or 'patterns'"),
    ("example with a typo", LOREM_RULE + "examples:\n  flagged:\n    - text: Lorem ipsum dolor.\n      titel: Filler\n",
     "11: key 'examples.flagged[0].titel': unknown key (did you mean 'title'?)"),
    ("empty swap", CITIES_RULE.replace("swap:\n  Pusan: Busan\n", "swap: {}\n"),
     "6: key 'swap': 'swap' needs at least one 'wrong: right' pair"),
]


@pytest.mark.parametrize("what,text,expected", RULE_MISTAKES, ids=[m[0] for m in RULE_MISTAKES])
def test_rule_file_mistake_names_file_line_and_key(tmp_path, what, text, expected):
    path = write(tmp_path / "r.yaml", text)
    with pytest.raises(ConfigError) as err:
        read_rule_file(path)
    assert str(err.value).startswith(f"{path}:{expected}")


def test_rule_mistake_seen_on_the_command_line(tmp_path):
    write(tmp_path / "style" / "lorem.yaml", LOREM_RULE.replace("ignore-case: true", "ignore-case: yes please"))
    write(tmp_path / "newslint.yaml", "rules: [style]\n")
    write(tmp_path / "a.txt", FERRY)
    proc = run_cli("a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == (
        f"newslint: {tmp_path / 'style' / 'lorem.yaml'}:7: key 'ignore-case': expected true or false (got 'yes please')\n"
    )


# --- mistakes in the project config ---------------------------------------------------------------

CONFIG_MISTAKES = [
    ("unknown key", "rules: [style]\nselekt: [no-lorem-ipsum]\n",
     "newslint.yaml:2: key 'selekt': unknown key (did you mean 'select'?)"),
    ("bad fail-on", "fail-on: fatal\n",
     "newslint.yaml:1: key 'fail-on': expected 'error', 'warning' or 'info' (got 'fatal')"),
    ("select not a list", "select: no-lorem-ipsum\n",
     "newslint.yaml:1: key 'select': expected a list (got 'no-lorem-ipsum')"),
    ("unknown rule in select", "rules: [style]\nselect:\n  - no-lorem-ipsum\n  - no-lorem-ipsm\n",
     "newslint.yaml:4: key 'select': no rule named 'no-lorem-ipsm'; did you mean 'no-lorem-ipsum'?"),
    ("unknown role in fields", "fields:\n  title: headline\n  titel: headline\n",
     "newslint.yaml:3: key 'fields.titel': unknown field role 'titel'; roles: title, body, description, published, modified, url, source, author"),
    ("field alias of the wrong type", "fields:\n  title: 5\n",
     "newslint.yaml:2: key 'fields.title': expected a string or a list of strings (got 5)"),
    ("options for an unknown rule", "rules: [style]\noptions:\n  no-lorem-ipsun:\n    ignore-case: false\n",
     "newslint.yaml:3: key 'options.no-lorem-ipsun': no rule named 'no-lorem-ipsun'; did you mean 'no-lorem-ipsum'?"),
    ("bad option value", "rules: [style]\noptions:\n  no-lorem-ipsum:\n    ignore-case: maybe\n",
     "newslint.yaml:4: key 'options.no-lorem-ipsum.ignore-case': expected true or false (got 'maybe')"),
    ("unknown option", "rules: [style]\noptions:\n  no-lorem-ipsum:\n    ignor-case: false\n",
     "newslint.yaml:4: key 'options.no-lorem-ipsum.ignor-case': unknown key (did you mean 'ignore-case'?)"),
    ("bad severity override", "severity:\n  no-lorem-ipsum: loud\n",
     "newslint.yaml:2: key 'severity.no-lorem-ipsum': expected 'error', 'warning' or 'info' (got 'loud')"),
    ("missing rule folder", "rules: [stlye]\n",
     "newslint.yaml: key 'rules': no such rule file or folder: "),
    ("bad YAML", "select: [no-lorem-ipsum\n",
     "newslint.yaml:2: invalid YAML: expected ',' or ']', but got '<stream end>'"),
    ("not a mapping", "- no-lorem-ipsum\n",
     "newslint.yaml:1: the config must be a mapping of keys (rules, select, ...)"),
]


@pytest.mark.parametrize("what,text,expected", CONFIG_MISTAKES, ids=[m[0] for m in CONFIG_MISTAKES])
def test_config_mistake_stops_with_exit_2_naming_file_line_and_key(tmp_path, what, text, expected):
    stderr = stop_message(tmp_path, {"style/lorem.yaml": LOREM_RULE, "newslint.yaml": text})
    assert stderr.startswith(f"newslint: {tmp_path}/{expected}"), stderr
    assert stderr.count("\n") == 1 and "Traceback" not in stderr


PYPROJECT_MISTAKES = [
    ("bad value", '[tool.newslint]\nfail-on = "fatal"\n',
     "pyproject.toml:2: key 'tool.newslint.fail-on': expected 'error', 'warning' or 'info' (got 'fatal')"),
    ("unknown key", '[tool.newslint]\nexclude = []\nrulez = ["style"]\n',
     "pyproject.toml:3: key 'tool.newslint.rulez': unknown key (did you mean 'rules'?)"),
    ("bad option in a sub-table", '[tool.newslint]\nrules = ["style"]\n\n[tool.newslint.options.no-lorem-ipsum]\nignore-case = "maybe"\n',
     "pyproject.toml:5: key 'options.no-lorem-ipsum.ignore-case': expected true or false (got 'maybe')"),
    ("broken TOML", '[tool.newslint\nfail-on = "error"\n',
     "pyproject.toml:1: invalid TOML: Expected ']' at the end of a table declaration"),
]


@pytest.mark.parametrize("what,text,expected", PYPROJECT_MISTAKES, ids=[m[0] for m in PYPROJECT_MISTAKES])
def test_pyproject_mistake(tmp_path, what, text, expected):
    stderr = stop_message(tmp_path, {"style/lorem.yaml": LOREM_RULE, "pyproject.toml": text})
    assert stderr == f"newslint: {tmp_path}/{expected}\n"


def test_unknown_rule_on_the_command_line(tmp_path):
    write(tmp_path / "a.txt", FERRY)
    proc = cli("--select", "empty-html-tga", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "newslint: --select: no rule named 'empty-html-tga'; did you mean 'empty-html-tag'?\n"
    proc = cli("--ignore", "nothing-like-it", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "newslint: --ignore: no rule named 'nothing-like-it'; see `newslint rules`\n"


def test_config_paths_are_relative_to_the_config_file(tmp_path):
    write(tmp_path / "style" / "lorem.yaml", LOREM_RULE)
    write(tmp_path / "newslint.yaml", "rules: [style]\nselect: [no-lorem-ipsum]\n")
    sub = tmp_path / "desk" / "today"
    write(sub / "a.txt", FERRY)
    proc = cli("a.txt", cwd=sub)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0] == "a.txt:3:38: warning no-lorem-ipsum Placeholder text left in the article: 'lorem ipsum'"

