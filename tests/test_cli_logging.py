"""Every `oppi` command loads its settings one way, so indexing and eval runs log to OPPI_HOME/logs."""

from __future__ import annotations

from typer.testing import CliRunner

from assistant.cli import app


def _log(home) -> str:
    return (home / "logs" / "oppi.log").read_text(encoding="utf-8")


def test_index_logs_its_summary_and_each_bad_file(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.md").write_text("## Workload\n\nOne credit is 27 hours in Finland.\n", encoding="utf-8")
    (docs / "empty.txt").write_bytes(b"")
    home = tmp_path / "home"
    result = CliRunner().invoke(app, ["index", str(docs)], env={"OPPI_HOME": str(home)})
    assert result.exit_code == 0, result.output
    log = _log(home)
    assert "WARNING oppi.index: not indexed:" in log and "empty.txt: the file is empty" in log
    assert "INFO oppi.index: indexed 2 files (1 folders): 2 files: 1 chunks added" in log


def test_an_eval_run_logs_where_it_went_and_how_it_ended(tmp_path):
    suite = tmp_path / "tiny.yaml"
    draft = tmp_path / "draft.md"
    draft.write_text("# Data basics\n\n## Learning outcomes\n\n- Apply SQL to query a table.\n", encoding="utf-8")
    suite.write_text(
        "suite: tiny\ncases:\n  - {id: one, type: checking, draft: draft.md, expect: {}}\n", encoding="utf-8"
    )
    home = tmp_path / "home"
    env = {"OPPI_HOME": str(home), "OPPI_CHAT_PROVIDER": "fake"}
    result = CliRunner().invoke(
        app, ["eval", "run", str(suite), "--runs-dir", str(tmp_path / "runs"), "--baselines-dir", str(tmp_path)],
        env=env,
    )
    assert result.exit_code == 0, result.output  # no baseline yet: a first run passes
    assert "INFO oppi.eval: eval run " in _log(home) and "tiny" in _log(home)


def test_a_bad_suite_still_exits_3_through_the_one_decorator(tmp_path):
    suite = tmp_path / "broken.yaml"
    suite.write_text("suite: x\ncases: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "run", str(suite)], env={"OPPI_HOME": str(tmp_path / "h")})
    assert result.exit_code == 3
    assert result.output.lstrip().startswith("Error: ") and "not valid YAML" in result.output
    assert "Traceback" not in result.output
