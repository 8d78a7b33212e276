"""The pre-commit hook, for real and offline: `pre-commit try-repo` installs newslint from a
git copy of this project into a fresh virtual environment (pip from a wheelhouse packed from
the installed packages, no index) and runs it on the files of a temporary git repository.

Also the project's own .pre-commit-config.yaml: its newslint hook passes on seeds/ (known
defects held in the baseline) and fails once a new defect is added.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from sample_articles import CLEAN, FLOOD, RECORDS, write_rules
from wheelhouse import build_wheelhouse

GIT_ENV = {
    "GIT_AUTHOR_NAME": "newslint tests", "GIT_AUTHOR_EMAIL": "tests@example.org",
    "GIT_COMMITTER_NAME": "newslint tests", "GIT_COMMITTER_EMAIL": "tests@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def git_repo(folder: Path) -> Path:
    git("init", "-q", cwd=folder)
    git("add", "-A", cwd=folder)
    return folder


def _copy_ignore(folder: str, names: list[str]) -> set[str]:
    # Hidden folders (.git, virtual environments, caches), byte code and other writers'
    # half-written temporary files are not part of the project. In a git worktree `.git` is a
    # file naming the real repository: copied, it made `git init` and the snapshot commit land
    # on the worktree's own branch.
    return {n for n in names
            if n == "__pycache__" or n == ".git" or n.endswith((".tmp", ".pyc"))
            or (n.startswith(".") and os.path.isdir(os.path.join(folder, n)))}


@pytest.fixture(scope="module")
def hook_source(tmp_path_factory) -> Path:
    """A committed git copy of the working tree: what try-repo clones and pip installs."""
    copy = tmp_path_factory.mktemp("newslint-repo") / "newslint"
    shutil.copytree(ROOT, copy, ignore=_copy_ignore)
    git_repo(copy)
    git("commit", "-q", "-m", "snapshot for the hook test", cwd=copy)
    return copy


@pytest.fixture(scope="module")
def offline_env(tmp_path_factory) -> dict[str, str]:
    """pip and virtualenv with no network: no config files, no index, only our wheelhouse."""
    wheels = build_wheelhouse(ROOT / "pyproject.toml", tmp_path_factory.mktemp("wheelhouse"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUALENV_", "PRE_COMMIT"))}
    env.pop("GITHUB_ACTIONS", None)
    env.update(GIT_ENV)
    env.update({
        "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "VIRTUALENV_NO_PERIODIC_UPDATE": "1",
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "NO_COLOR": "1",
    })
    return env


def pre_commit(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args, "--color", "never"], check=False, cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_hook_manifest_matches_every_input_format():
    import re

    from newslint.readers import READERS

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "newslint" and hook["language"] == "python" and hook["require_serial"] is True
    assert hook["entry"] == "newslint --no-progress"  # pre-commit may run hooks in a pseudo-terminal
    files = re.compile(hook["files"])
    for suffix in READERS:
        for name in (f"news/a{suffix}", f"news/a{suffix}.gz", f"NEWS/A{suffix.upper()}"):
            assert files.search(name), name
    for name in ("setup.py", "newslint.yaml", "data/a.parquet", "a.txt.bak"):
        assert not files.search(name), name


def test_try_repo_fails_on_a_defective_article_and_shows_the_findings(tmp_path, hook_source, offline_env):
    repo = tmp_path / "newsroom"
    write_rules(repo / "rules")
    (repo / "newslint.yaml").write_text("rules: [rules]\n", encoding="utf-8")
    (repo / "articles").mkdir()
    (repo / "articles" / "flood-budget.txt").write_text(FLOOD, encoding="utf-8")
    (repo / "articles" / "tribute.txt").write_text(
        "Village remembers its oldest resident      DATE: 2024-05-02 16:20:00\n\n"
        "She ran the village shop for<em></em> sixty years, her nephew said.\n", encoding="utf-8")
    # pre-commit's file types do not know .jsonl: the hook's `files` pattern must catch it.
    import json
    (repo / "articles" / "batch.jsonl").write_text(json.dumps(RECORDS[0]) + "\n", encoding="utf-8")
    (repo / "notes.py").write_text("# Subscribe to our newsletter\n", encoding="utf-8")
    git_repo(repo)

    proc = pre_commit("try-repo", str(hook_source), "newslint", "--all-files", cwd=repo, env=offline_env)
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    assert "newslint" in out and "Failed" in out
    assert "articles/flood-budget.txt:6:1: warning newsletter-promo Newsletter call-to-action saved with the story" in out
    assert "articles/flood-budget.txt:7:15: info click-here" in out
    assert "articles/batch.jsonl:1:58: warning newsletter-promo" in out
    # The shipped rules came with the installed package (not from this checkout).
    assert any(line.startswith("articles/tribute.txt:3:") and "empty-html-tag" in line for line in out.splitlines())
    assert "notes.py" not in out


def test_try_repo_passes_on_clean_articles(tmp_path, hook_source, offline_env):
    import json

    repo = tmp_path / "newsroom"
    (repo / "articles").mkdir(parents=True)
    (repo / "articles" / "library-hours.txt").write_text(CLEAN, encoding="utf-8")
    (repo / "articles" / "batch.jsonl").write_text(json.dumps(RECORDS[1]) + "\n", encoding="utf-8")
    git_repo(repo)
    proc = pre_commit("try-repo", str(hook_source), "newslint", "--all-files", cwd=repo, env=offline_env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout


# --- the project's own .pre-commit-config.yaml -----------------------------------------------

def own_newslint_hook() -> dict:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    for repo in config["repos"]:
        for hook in repo["hooks"]:
            if hook["id"] == "newslint":
                assert repo["repo"] == "local"
                return hook
    raise AssertionError("no newslint hook in .pre-commit-config.yaml")


def baseline_option(entry: str) -> str | None:
    parts = entry.split()
    return parts[parts.index("--baseline") + 1] if "--baseline" in parts else None


def test_own_config_runs_newslint_on_the_seeds_with_a_baseline():
    hook = own_newslint_hook()
    assert hook["entry"].split()[0] == "newslint"
    assert baseline_option(hook["entry"])
    assert "seeds/" in hook["files"]


def test_own_hook_passes_on_the_seeds_until_a_new_defect_is_added(tmp_path, offline_env):
    """Only the newslint hook runs: the development hooks (ruff, YAML checks) are fetched from
    the network when first installed, which tests must not need."""
    hook = own_newslint_hook()
    help_text = subprocess.run([sys.executable, "-m", "newslint", "--help"], check=False, capture_output=True,
                               text=True).stdout
    if "--baseline" not in help_text:
        pytest.skip("newslint has no --baseline option yet (issue 6, part 3)")
    baseline = baseline_option(hook["entry"])
    repo = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", repo / "seeds")
    shutil.copy(ROOT / baseline, repo / baseline)
    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}), encoding="utf-8")
    git_repo(repo)
    # `language: system` runs the newslint installed beside this Python (the developer's venv).
    env = {**offline_env, "PATH": os.path.dirname(sys.executable) + os.pathsep + offline_env.get("PATH", "")}

    proc = pre_commit("run", "newslint", "--all-files", cwd=repo, env=env)
    assert proc.returncode == 0, (
        proc.stdout + proc.stderr + f"\nThe seeds have findings the baseline does not hold. If they are "
        f"deliberate (a new seed, a new rule): newslint seeds/ --write-baseline {baseline}")
    assert "Passed" in proc.stdout

    (repo / "seeds" / "zz_new_sample.txt").write_text(
        "Ferry timetable changes for summer      DATE: 2024-06-01 08:00:00\n\n"
        "The first ferry will leave at<strong></strong> 6 a.m. from June, the operator said.\n",
        encoding="utf-8")
    git("add", "-A", cwd=repo)
    proc = pre_commit("run", "newslint", "--all-files", cwd=repo, env=env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    new = [line for line in proc.stdout.splitlines() if line.startswith("seeds/")]
    assert new and all(line.startswith("seeds/zz_new_sample.txt:3:") for line in new), proc.stdout
    assert any("empty-html-tag" in line for line in new)
