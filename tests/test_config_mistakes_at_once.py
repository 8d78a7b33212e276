"""Every mistake in the config and the rule files is reported in one run, each with its file,
line and key, then the run stops with exit status 2 (as pydantic reports every field)."""

from __future__ import annotations

from sample_articles import CITIES_RULE, LOREM_RULE, stop_message

# Three mistakes: a severity that is none (line 3), a placeholder the kind does not offer (line 4),
# a misspelt key (line 7).
LOREM = (LOREM_RULE.replace("severity: warning", "severity: fatal").replace("'{match}'", "'{matched}'")
         .replace("ignore-case:", "ignor-case:"))
# Two mistakes: a swap to a number (line 8), a misspelt key in an example (line 12).
CITIES = CITIES_RULE + """\
  Inchon: 5
examples:
  flagged:
    - text: Ferries left Pusan at dawn.
      titel: Pusan port
"""
UNKNOWN_KIND = """\
name: Old-Style
check: patern
severity: warning
message: "x"
description: A rule whose kind is misspelt.
"""


def test_every_mistake_in_several_rule_files_is_reported(tmp_path):
    stderr = stop_message(tmp_path, {
        "style/cities.yaml": CITIES,
        "style/lorem.yaml": LOREM,
        "style/old.yaml": UNKNOWN_KIND,
        "newslint.yaml": "rules: [style]\nselect: [no-lorem-ipsum, house-city-names]\n",
    })
    style = tmp_path / "style"
    assert stderr.splitlines() == [
        f"newslint: {style}/cities.yaml:8: key 'swap.Inchon': expected a string (got 5)",
        f"newslint: {style}/cities.yaml:12: key 'examples.flagged[0].titel': unknown key (did you mean 'title'?)",
        f"newslint: {style}/lorem.yaml:3: key 'severity': expected 'error', 'warning' or 'info' (got 'fatal')",
        f"newslint: {style}/lorem.yaml:4: key 'message': unknown placeholder {{matched}}; this kind offers: match",
        f"newslint: {style}/lorem.yaml:7: key 'ignor-case': unknown key (did you mean 'ignore-case'?)",
        f"newslint: {style}/old.yaml:1: key 'name': String should match pattern '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' (got 'Old-Style')",
        f"newslint: {style}/old.yaml:2: key 'check': unknown check kind 'patern'; known kinds: date-mismatch, "
        "duplicated-caption, duplicated-paragraph, empty-html-tag, inconsistent-romanisation, pattern, promo-block, substitution",
    ]


def test_every_mistake_in_the_project_config_is_reported(tmp_path):
    stderr = stop_message(tmp_path, {"newslint.yaml": """\
fail-on: fatal
selekt: [no-lorem-ipsum]
fields:
  titel: headline
  body: 5
exclude: archive
"""})
    config = tmp_path / "newslint.yaml"
    assert stderr.splitlines() == [
        f"newslint: {config}:1: key 'fail-on': expected 'error', 'warning' or 'info' (got 'fatal')",
        f"newslint: {config}:2: key 'selekt': unknown key (did you mean 'select'?)",
        f"newslint: {config}:4: key 'fields.titel': unknown field role 'titel'; roles: title, body, description, "
        "published, modified, url, source, author",
        f"newslint: {config}:5: key 'fields.body': expected a string or a list of strings (got 5)",
        f"newslint: {config}:6: key 'exclude': expected a list (got 'archive')",
    ]


def test_every_mistake_in_a_pyproject_table_is_reported(tmp_path):
    stderr = stop_message(tmp_path, {"pyproject.toml": '[tool.newslint]\nfail-on = "fatal"\nrulez = ["style"]\nselect = "one"\n'})
    assert stderr.splitlines() == [
        f"newslint: {tmp_path}/pyproject.toml:2: key 'tool.newslint.fail-on': expected 'error', 'warning' or 'info' (got 'fatal')",
        f"newslint: {tmp_path}/pyproject.toml:3: key 'tool.newslint.rulez': unknown key (did you mean 'rules'?)",
        f"newslint: {tmp_path}/pyproject.toml:4: key 'tool.newslint.select': expected a list (got 'one')",
    ]


def test_mistakes_in_overrides_and_unknown_names_in_the_config_come_with_the_rule_files(tmp_path):
    stderr = stop_message(tmp_path, {"style/lorem.yaml": LOREM_RULE, "style/old.yaml": UNKNOWN_KIND, "newslint.yaml": """\
rules: [style]
select: [no-lorem-ipsum, no-lorem-ipsm, Old-Style]
options:
  no-lorem-ipsum:
    ignore-case: maybe
    whole-word: false
"""})
    config = tmp_path / "newslint.yaml"
    # `Old-Style` is the name of a rule whose file has mistakes: not called unknown on top of them.
    assert stderr.splitlines() == [
        f"newslint: {config}:5: key 'options.no-lorem-ipsum.ignore-case': expected true or false (got 'maybe')",
        f"newslint: {config}:6: key 'options.no-lorem-ipsum.whole-word': unknown key (did you mean 'whole-words'?)",
        f"newslint: {tmp_path}/style/old.yaml:1: key 'name': String should match pattern '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' (got 'Old-Style')",
        f"newslint: {tmp_path}/style/old.yaml:2: key 'check': unknown check kind 'patern'; known kinds: date-mismatch, "
        "duplicated-caption, duplicated-paragraph, empty-html-tag, inconsistent-romanisation, pattern, promo-block, substitution",
        f"newslint: {config}:2: key 'select': no rule named 'no-lorem-ipsm'; did you mean 'no-lorem-ipsum'?",
    ]
