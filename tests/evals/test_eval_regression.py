"""Done-when: a prompt change that allows vague verbs makes `oppi eval run` exit 1 and the
report names the regressed cases with their before and after values."""

from __future__ import annotations

import json

from assistant.evals.storage import BASELINES_DIR, list_runs
from assistant.prompts import PROMPTS_DIR

RULE = "Never use know, understand, learn, be aware of or be familiar with."


def test_dropping_the_vague_verb_rule_regresses_drafting(oppi_eval, tmp_path):
    prompt = (PROMPTS_DIR / "draft_outcomes.yaml").read_text(encoding="utf-8")
    assert RULE in prompt.replace("\n  ", " ")
    lax = tmp_path / "lax"
    lax.mkdir()
    (lax / "draft_outcomes.yaml").write_text(
        prompt.replace("Never use know, understand, learn, be aware of or be familiar with. ", ""), encoding="utf-8")

    result = oppi_eval("run", "drafting", "--variant", f"llm={lax}", "--runs-dir", str(oppi_eval.runs_dir))

    assert result.exit_code == 1, result.output
    [run] = list_runs(oppi_eval.runs_dir)
    comparison = json.loads((run / "comparison.json").read_text())
    regressed = {c["case"] for c in comparison["regressions"] if c["case"]}
    baseline = json.loads((BASELINES_DIR / "drafting.json").read_text())["variants"]["llm"]["cases"]
    # Every case whose baseline had no vague verb now has some.
    assert regressed == {cid for cid, case in baseline.items() if case["metrics"]["no_vague_verbs"] > 0}
    report = (run / "report.md").read_text()
    for change in comparison["regressions"]:
        if change["case"] and change["metric"] == "no_vague_verbs":
            assert f"| {change['case']} | llm | no_vague_verbs | {change['before']:.3f} | {change['after']:.3f} |" in report
    assert "before and after" in report and "understand" in report
    html = (run / "report.html").read_text()
    assert "class='reg'" in html and all(case in html for case in regressed)


def test_the_unchanged_prompt_passes_the_same_gate(oppi_eval):
    result = oppi_eval("run", "drafting", "--variant", "llm", "--runs-dir", str(oppi_eval.runs_dir))
    assert result.exit_code == 0, result.output
