"""`newslint --engine ray` and `newslint.ray.lint_dataset` against the local engine, record for
record: the same findings, places, messages, summary and exit status.

One local Ray (2 CPUs, no dashboard) serves the module: starting it costs seconds. Tests that
need Ray carry the `ray` marker and skip, saying why, where Ray is not installed; `.ci/run`
installs it and sets NEWSLINT_REQUIRE_RAY=1, which turns that skip into a failure.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, need_shared
from inprocess_cli import cli

# Ray's own DataContext warns of its deprecated settings when it is read: not newslint's to fix.
RAY = pytest.mark.ray
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context")

SITE_EN = "The Harbour Times is an independent newspaper founded in 1921 by the dockworkers of the port."
SITE_KO = "서울일보는 독자 여러분의 소중한 제보를 언제나 기다립니다 제보 전화 02-123-4567"


def need_ray():
    try:
        import ray
    except ImportError as exc:
        reason = f"Ray is not installed ({exc}): pip install 'newslint[ray]'"
        if os.environ.get("NEWSLINT_REQUIRE_RAY") == "1":
            pytest.fail(reason + "; NEWSLINT_REQUIRE_RAY=1 requires it")
        pytest.skip(reason)
    return ray


@pytest.fixture(scope="module")
def local_ray():
    ray = need_ray()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    yield ray
    ray.shutdown()


def harbour_story(n: int) -> str:
    return "\n".join([
        f"PORT ELLIS, May {n} (Harbour Times) -- The council approved {n + 2} new berths for fishing boats on Tuesday.",
        f"The harbour master said the work would start in {n + 3} weeks and cost less than planned.",
        f"Fishermen at the quay welcomed the vote, though {n} of them asked for lower mooring fees.",
        SITE_EN,
    ])


def seoul_story(n: int) -> str:
    return "\n".join([
        f"서울시는 {n}일 한강 공원 {n + 4}곳에 야간 조명을 새로 설치한다고 밝혔다.",
        f"시 관계자는 공사가 {n + 1}주 안에 끝날 것이라고 말했다.",
        f"시민 {n * 10}명은 밤 산책이 더 안전해질 것이라며 환영했다." + ("<strong> </strong>" if n == 3 else ""),
        SITE_KO,
    ])


def write_newsroom(folder: Path) -> Path:
    """Two sites' articles with their site line pasted under each story, one site's spread over
    a JSONL and a Parquet file (the group-by must bring them together), a malformed line, a
    record that ignores promo-block, and an empty tag."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for n in range(1, 9):
        record = {"title": f"Council approves {n + 2} new berths", "maintext": harbour_story(n),
                  "url": f"https://harbourtimes.example/2024/05/{n:02d}/berths/", "source_domain": "harbourtimes.example",
                  "date_publish": f"2024-05-{n:02d} 09:00:00"}
        if n == 4:
            record["newslint_ignore"] = ["promo-block"]
        lines.append(json.dumps(record, ensure_ascii=False))
        if n == 5:
            lines.append('{"title": "Ferry timetable", "maintext": "cut off mid-')
    (folder / "harbour.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = [{"title": f"한강 공원 야간 조명 {n}곳 설치", "maintext": seoul_story(n),
             "url": f"https://seoulilbo.example/news/{n}", "source_domain": "seoulilbo.example",
             "date_publish": f"2024-06-{n:02d} 10:00:00"} for n in range(1, 7)]
    rows += [{"title": f"Council approves {n + 2} new berths", "maintext": harbour_story(n),
              "url": f"https://harbourtimes.example/2024/05/{n:02d}/berths/", "source_domain": "harbourtimes.example",
              "date_publish": f"2024-05-{n:02d} 09:00:00"} for n in (11, 12)]
    pq.write_table(pa.Table.from_pylist(rows), folder / "seoul.parquet", row_group_size=4)
    return folder


@RAY
def test_ray_engine_matches_the_local_engine_on_sites_across_jsonl_and_parquet(local_ray, tmp_path, monkeypatch):
    import newslint.ray

    newsroom = write_newsroom(tmp_path / "newsroom")
    # The Parquet file is read by two tasks, a row group each, as a large file would be.
    monkeypatch.setattr(newslint.ray, "MIN_ROWS_PER_TASK", 1)
    assert newslint.ray._parts(newsroom / "seoul.parquet") == [[0], [1]]
    local = cli("newsroom", "--format", "json", cwd=tmp_path)
    on_ray = cli("newsroom", "--engine", "ray", "--format", "json", cwd=tmp_path)
    assert on_ray.stdout == local.stdout
    assert on_ray.returncode == local.returncode == 1
    found = json.loads(local.stdout)
    # The comparison means something: the cross-article pass found each site's line, across files,
    # but not in the record that ignores promo-block (line 4); the bad line 6 is an input-error.
    boiler = [(v["path"], v["record"]) for v in found if "site boilerplate" in v["message"]]
    assert boiler == sorted([("newsroom/harbour.jsonl", r) for r in (1, 2, 3, 5, 7, 8, 9)]
                            + [("newsroom/seoul.parquet", r) for r in range(1, 9)])
    assert "recurs in 9 of 9 articles from harbourtimes.example" in next(
        v["message"] for v in found if v["path"] == "newsroom/harbour.jsonl" and v["rule"] == "promo-block")
    assert [(v["path"], v["line"], v["rule"]) for v in found if v["rule"] != "promo-block"] == [
        ("newsroom/harbour.jsonl", 6, "input-error"), ("newsroom/seoul.parquet", 3, "empty-html-tag")]
    assert newsroom.is_dir()


@RAY
@pytest.mark.shared
def test_ray_engine_matches_the_local_engine_on_the_shared_corpus_and_the_seeds(local_ray, tmp_path):
    kcna = need_shared("corpus", "kcna", "headlines_2024-08-20.json")
    rodong = need_shared("corpus", "rodong-sinmun-en")
    herald = need_shared("corpus", "koreaherald-covid")
    # KCNA's own field names, as the corpus tests map them; then its records as JSONL and Parquet.
    (tmp_path / "newslint.yaml").write_text(
        "fields: {title: headline, published: date_str, body: story_text, url: link}\n", encoding="utf-8")
    records = json.loads(kcna.read_text(encoding="utf-8"))
    (tmp_path / "kcna.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(records), tmp_path / "kcna.parquet", row_group_size=64)
    args = [str(kcna), str(rodong), str(herald), str(ROOT / "seeds"), "kcna.jsonl", "kcna.parquet", "--format", "json"]
    local = cli(*args, cwd=tmp_path)
    on_ray = cli(*args, "--engine", "ray", cwd=tmp_path)
    assert on_ray.returncode == local.returncode == 1
    assert on_ray.stdout == local.stdout
    found = json.loads(local.stdout)
    paths = {v["path"] for v in found}
    assert {"kcna.jsonl", "kcna.parquet", str(kcna)} <= paths and len(found) > 20


@RAY
def test_ray_output_writes_parquet_parts_and_prints_the_summary(local_ray, tmp_path):
    import pyarrow.parquet as pq

    write_newsroom(tmp_path / "newsroom")
    local = json.loads(cli("newsroom", "--format", "json", cwd=tmp_path).stdout)
    result = cli("newsroom", "--engine", "ray", "--ray-output", "out", "--ray-output-format", "parquet", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    warnings = sum(v["severity"] == "warning" for v in local)
    assert [v["severity"] for v in local].count("error") == 2 and warnings > 10
    assert result.stdout == (f"Wrote {len(local)} violations (2 errors, {warnings} warnings) in 2 of 2 files to out (parquet); "
                             "16 articles checked.\n")
    written = pq.read_table(tmp_path / "out").to_pylist()
    as_local = sorted(({k: v for k, v in row.items() if v is not None} for row in written),
                      key=lambda d: (d["path"], d["line"], d["column"], d["rule"]))
    assert as_local == local


@RAY
def test_lint_dataset_returns_the_violations_of_a_dataset_of_records(local_ray, tmp_path):
    import ray

    from newslint.ray import lint_dataset

    write_newsroom(tmp_path / "newsroom")
    rows = [json.loads(line) for line in (tmp_path / "newsroom" / "harbour.jsonl").read_text(encoding="utf-8").split("\n")
            if line.startswith('{"title": "Council')]
    ds = ray.data.from_items([{"path": "harbour", "record": n, **{k: v for k, v in r.items() if k != "newslint_ignore"}}
                              for n, r in enumerate(rows, 1)])
    (tmp_path / "newslint.yaml").write_text("select: [promo-block, empty-html-tag]\n", encoding="utf-8")
    violations = lint_dataset(ds, config=tmp_path / "newslint.yaml").take_all()
    assert sorted((v["path"], v["record"], v["line"], v["column"], v["field"], v["rule"]) for v in violations) == [
        ("harbour", n, n, len(harbour_story(n)) - len(SITE_EN) + 1, "maintext", "promo-block") for n in range(1, 9)]
    assert {v["message"] for v in violations} == {"Injected block, not the story (the same paragraph recurs in 8 of 8 articles from harbourtimes.example (site boilerplate))"}
    assert set(violations[0]) == {"path", "line", "column", "end_line", "end_column", "rule", "severity", "message",
                                  "record", "field"}


def test_options_the_ray_engine_does_not_support_are_usage_errors(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"title": "t", "maintext": "Text of the story."}\n', encoding="utf-8")
    fixing = cli("a.jsonl", "--engine", "ray", "--fix", cwd=tmp_path)
    assert (fixing.returncode, fixing.stderr) == (2, "newslint: error: --engine ray does not support --fix; run without --engine ray\n")
    alone = cli("a.jsonl", "--ray-output", "out", cwd=tmp_path)
    assert (alone.returncode, alone.stderr) == (2, "newslint: error: --ray-address and --ray-output need --engine ray\n")


def test_without_ray_installed_the_engine_says_how_to_install_it(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"title": "t", "maintext": "Text of the story."}\n', encoding="utf-8")
    hide_ray = "import sys; sys.modules['ray'] = None; from newslint.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.run([sys.executable, "-c", hide_ray, "a.jsonl", "--engine", "ray"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.startswith("newslint: error: --engine ray needs Ray (")
    assert proc.stderr.endswith("): pip install 'newslint[ray]'\n")
    assert proc.stdout == ""
