"""The workbench on the drafting suite (fake model): variants side by side with the baseline,
verdicts per variant, adoption refused or done, history; and the same from `oppi prompts`."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import Settings
from assistant.evals import workbench
from assistant.evals.storage import BASELINES_DIR, read_json
from assistant.prompt_variants import VariantStore, edited_prompt
from assistant.prompts import PROMPTS_DIR, load_prompt_file

RULE = "Never use know, understand, learn, be aware of or be familiar with. "


@pytest.fixture
def project(eval_home, tmp_path):
    """Settings on a copy of the indexed home, the prompts and the baselines: nothing in the repo changes."""
    home = tmp_path / "home"
    shutil.copytree(eval_home, home, ignore=shutil.ignore_patterns("runs", "prompt-variants"))
    shutil.copytree(PROMPTS_DIR, tmp_path / "prompts")
    shutil.copytree(BASELINES_DIR, tmp_path / "baselines")
    return Settings(_env_file=None, home=home, chat_provider="fake", prompts_dir=tmp_path / "prompts",
                    eval_baselines_dir=tmp_path / "baselines")


def save_edits(settings):
    store = VariantStore.from_settings(settings)
    base = store.current()["draft_outcomes"]
    store.save("lax", {"draft_outcomes": edited_prompt(base, base.system.replace(RULE, ""), base.user)}, "aino")
    store.save("one-verb", {"draft_outcomes": edited_prompt(base, base.system + "Ask for one verb per outcome.\n",
                                                            base.user)}, "aino")
    return store


def test_the_suites_that_read_each_prompt():
    uses = workbench.suites_by_prompt(["draft_outcomes", "rewrite_outcome", "review_draft", "chat_answer"])
    found = {pid: [use.label() for use in found] for pid, found in uses.items()}
    assert found["draft_outcomes"] == ["drafting (llm)"]  # llm-lax-verbs pins its own draft_outcomes
    assert found["rewrite_outcome"] == ["drafting (hybrid)"]
    assert found["review_draft"] == ["checking (rules) (configured model)"]
    assert found["chat_answer"] and found["chat_answer"][0].startswith("chat")


def test_roles_that_may_adopt():
    assert workbench.may_adopt(None) and workbench.may_adopt("reviewer") and workbench.may_adopt("admin")
    assert not workbench.may_adopt("planner")


def test_two_variants_and_the_baseline_side_by_side_then_adopt_the_one_that_passes(project):
    store = save_edits(project)
    progress = []
    [run, skipped] = workbench.run_variants(project, ["drafting", "retrieval"], ["lax", "one-verb"],
                                            progress=lambda done, total, what: progress.append((done, total)))
    assert skipped.run_dir is None and "does not read draft_outcomes" in skipped.skipped
    assert progress[-1] == (30, 30)  # llm, llm@lax, llm@one-verb × 10 cases
    summary = read_json(run.run_dir / "summary.json")
    assert list(summary["variants"]) == ["llm", "llm@lax", "llm@one-verb"]
    report = (run.run_dir / "report.html").read_text()
    assert all(f"<th>{name}</th>" in report for name in summary["variants"])

    lax, one = run.verdicts["lax"], run.verdicts["one-verb"]
    baseline = read_json(project.eval_baselines_dir / "drafting.json")["variants"]["llm"]["cases"]
    vague_free = sorted(c for c, case in baseline.items() if case["metrics"]["no_vague_verbs"] > 0)
    assert lax["exit_code"] == 1 and lax["regressed_cases"] == [*vague_free, "(mean)"]
    assert one["exit_code"] == 0 and one["regressed_cases"] == []
    markdown = (run.run_dir / "report.md").read_text()
    assert "- Prompt variant lax: REGRESSION, regression:" in markdown and "- Prompt variant one-verb: PASS" in markdown

    with pytest.raises(workbench.AdoptionRefused, match="draft-en-sustainable-event-planning"):
        workbench.adopt(project, "lax", "aino")
    with pytest.raises(workbench.AdoptionRefused, match="reviewers and admins"):
        workbench.adopt(project, "one-verb", "pekka", role="planner")
    assert load_prompt_file(project.prompts_dir / "draft_outcomes.yaml").version == "1.0"

    record = workbench.adopt(project, "one-verb", "aino", role="reviewer")
    adopted = load_prompt_file(project.prompts_dir / "draft_outcomes.yaml")
    assert adopted.version == "1.1" and adopted.system.endswith("Ask for one verb per outcome.\n")
    assert record["prompts"] == {"draft_outcomes": {"from": "1.0", "to": "1.1"}}
    blessed = read_json(project.eval_baselines_dir / "drafting.json")
    assert blessed["run_id"] == record["blessed"]["drafting"]["run"]
    assert blessed["blessed_from"]["prompts"]["llm"]["draft_outcomes"] == adopted.sha256
    assert workbench.history(project)[0]["by"] == "aino" and store.get("one-verb").adopted["by"] == "aino"
    # The repository's own prompts and baselines are untouched.
    assert load_prompt_file(PROMPTS_DIR / "draft_outcomes.yaml").version == "1.0"
    assert read_json(BASELINES_DIR / "drafting.json")["run_id"] != blessed["run_id"]


def test_a_run_on_older_prompts_is_no_evidence(project):
    save_edits(project)
    workbench.run_variants(project, ["drafting"], ["one-verb"])
    path = project.prompts_dir / "rewrite_outcome.yaml"
    path.write_text(path.read_text().replace('version: "1.0"', 'version: "1.1"'))
    with pytest.raises(workbench.AdoptionRefused, match="no run of variant one-verb on suite drafting"):
        workbench.adopt(project, "one-verb", "aino")


def test_the_same_from_the_command_line(project, tmp_path):
    env = {"OPPI_HOME": str(project.home), "OPPI_CHAT_PROVIDER": "fake", "OPENAI_API_KEY": "",
           "OPPI_PROMPTS_DIR": str(project.prompts_dir), "OPPI_EVAL_BASELINES_DIR": str(project.eval_baselines_dir)}

    def oppi(*args):
        return CliRunner().invoke(app, ["prompts", *args], env=env)

    listed = oppi("list")
    assert listed.exit_code == 0 and "draft_outcomes  1.0" in listed.output and "drafting (llm)" in listed.output
    shown = oppi("show", "draft_outcomes", "--yaml")
    lax = tmp_path / "lax.yaml"
    lax.write_text(shown.output.replace(RULE, ""))
    bad = tmp_path / "bad.yaml"
    bad.write_text(shown.output.replace("{findings}", "{findings} {audience}").replace("findings]", "findings, audience]"))
    refused = oppi("variant", "save", "bad", str(bad))
    assert refused.exit_code == 2 and "{audience}" in refused.output
    assert oppi("variant", "save", "lax", str(lax), "--by", "aino").exit_code == 0
    assert "lax  draft_outcomes  aino" in oppi("variant", "list").output
    ran = oppi("variant", "run", "lax")  # default suites: those that read draft_outcomes
    assert ran.exit_code == 1, ran.output
    assert "drafting · lax: regression" in ran.output
    adopted = oppi("variant", "adopt", "lax")
    assert adopted.exit_code == 1 and "adoption refused" in adopted.output
    patch = tmp_path / "lax.patch"
    assert oppi("variant", "export", "lax", "-o", str(patch)).exit_code == 0
    assert "-  Never use know" in patch.read_text()
    assert json.loads((project.home / "prompt-variants" / "lax" / "variant.json").read_text())["adopted"] is None


def test_a_prompt_only_a_configured_model_reads_needs_a_configured_run(project):
    store = VariantStore.from_settings(project)
    review = store.current()["review_draft"]
    store.save("terse-review", {"review_draft": edited_prompt(review, review.system + "Be terse.\n", review.user)}, "aino")
    [run] = workbench.run_variants(project, ["checking"], ["terse-review"])  # fake model: the review never runs
    assert run.run_dir is None and "it does with --model configured" in run.skipped
    with pytest.raises(workbench.AdoptionRefused, match="suite checking with the configured model"):
        workbench.adopt(project, "terse-review", "aino")
