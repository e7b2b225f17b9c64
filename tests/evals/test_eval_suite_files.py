"""Bad suites exit 3 with a clear message and no traceback."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from assistant.cli import app


def run(tmp_path: Path, text: str, *extra: str):
    suite = tmp_path / "broken.yaml"
    suite.write_text(text, encoding="utf-8")
    env = {"OPPI_HOME": str(tmp_path / "home"), "OPPI_CHAT_PROVIDER": "fake"}
    return CliRunner().invoke(app, ["eval", "run", str(suite), "--runs-dir", str(tmp_path / "runs"), *extra], env=env)


def test_invalid_yaml(tmp_path):
    result = run(tmp_path, "suite: x\ncases: [unclosed\n")
    assert result.exit_code == 3
    assert "not valid YAML" in result.output and "Traceback" not in result.output


def test_schema_errors_name_the_field(tmp_path):
    result = run(tmp_path, "suite: x\ncases:\n  - id: a\n    type: retrieval\n    relevant: [{doc: d}]\n")
    assert result.exit_code == 3
    assert "cases.0.retrieval.query" in result.output and "Field required" in result.output


def test_unknown_case_type_and_duplicate_ids(tmp_path):
    assert "cases.0" in run(tmp_path, "suite: x\ncases:\n  - {id: a, type: poetry}\n").output
    twice = "  - {id: a, type: chat, question: q}\n"
    result = run(tmp_path, "suite: x\ncases:\n" + twice + twice)
    assert result.exit_code == 3 and "duplicate case ids: a" in result.output


def test_unknown_variant(tmp_path):
    result = run(tmp_path, "suite: x\ncases:\n  - {id: a, type: chat, question: q}\n", "--variant", "nope")
    assert result.exit_code == 3 and "no variant 'nope'" in result.output


def test_missing_suite(tmp_path):
    result = CliRunner().invoke(app, ["eval", "run", "no-such-suite"], env={"OPPI_HOME": str(tmp_path)})
    assert result.exit_code == 3 and "evals/suites" in result.output
