"""CI gate: the deterministic suites, run through `oppi eval run`, match their committed baselines."""

from __future__ import annotations

import json

import pytest

from assistant.evals.storage import BASELINES_DIR, SUITES_DIR, list_runs


@pytest.mark.parametrize("suite", ["retrieval", "checking", "drafting", "chat"])
def test_suite_holds_its_baseline(oppi_eval, suite):
    assert (BASELINES_DIR / f"{suite}.json").is_file(), f"bless a run of {suite} first (evals/README.md)"
    result = oppi_eval("run", suite, "--runs-dir", str(oppi_eval.runs_dir))
    assert result.exit_code == 0, result.output
    [run] = list_runs(oppi_eval.runs_dir)
    summary = json.loads((run / "summary.json").read_text())
    assert summary["totals"]["errors"] == 0
    assert summary["gate"]["baseline"] is not None, "the run was not compared with a baseline"
    assert {"manifest.json", "results.jsonl", "summary.json", "comparison.json", "report.md", "report.html"} <= {
        p.name for p in run.iterdir()}


def test_seed_suites_have_the_cases_the_issue_asks_for():
    from assistant.evals.suite import load_suite

    wanted = {"retrieval": 30, "drafting": 10, "checking": 24, "chat": 12}
    for name, least in wanted.items():
        suite = load_suite(SUITES_DIR / f"{name}.yaml")
        assert len(suite.cases) >= least, name
        langs = {getattr(c, "lang", None) or c.brief.language for c in suite.cases}
        assert {"en", "fi"} <= langs, name
    chat = load_suite(SUITES_DIR / "chat.yaml")
    assert sum(not c.covered for c in chat.cases) >= 2


def test_committed_baselines_name_no_folder_of_the_machine_that_made_them():
    for path in BASELINES_DIR.glob("*.json"):
        text = path.read_text(encoding="utf-8")
        assert '"/' not in text and ':\\\\' not in text, f"{path.name} holds an absolute path"
