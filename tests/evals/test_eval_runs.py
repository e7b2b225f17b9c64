"""Runs end to end on the small checking and chat suites: bless, compare, the read-only cache,
and the self-contained HTML report."""

from __future__ import annotations

import json
import re
import shutil

import yaml

import assistant.llm
from assistant.evals.fake import eval_fake_model
from assistant.evals.storage import SUITES_DIR, list_runs


def small_chat_suite(folder):
    """The chat suite cut to its first three cases: the cache logic is per case, and three
    runs of all 30 cases took 50 s of the test run."""
    suite = yaml.safe_load((SUITES_DIR / "chat.yaml").read_text(encoding="utf-8"))
    suite["cases"] = suite["cases"][:3]
    path = folder / "chat-small.yaml"
    path.write_text(yaml.safe_dump(suite, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_bless_then_compare(oppi_eval, tmp_path):
    baselines = tmp_path / "baselines"
    runs = str(oppi_eval.runs_dir)
    first = oppi_eval("run", "checking", "--runs-dir", runs, "--baselines-dir", str(baselines))
    assert first.exit_code == 0 and "no baseline yet" in first.output
    [run] = list_runs(oppi_eval.runs_dir)
    blessed = oppi_eval("bless", run.name[:22], "--runs-dir", runs, "--baselines-dir", str(baselines))
    assert blessed.exit_code == 0, blessed.output
    baseline = json.loads((baselines / "checking.json").read_text())
    assert baseline["run_id"] == run.name and baseline["blessed_from"]["prompts"]["rules"]
    second = oppi_eval("run", "checking", "--runs-dir", runs, "--baselines-dir", str(baselines))
    assert second.exit_code == 0 and "pass: no score dropped" in second.output
    newest, oldest = list_runs(oppi_eval.runs_dir)
    compared = oppi_eval("compare", oldest.name, newest.name, "--runs-dir", runs)
    assert compared.exit_code == 0 and "0 regressions" in compared.output


def test_read_only_cache_fails_cases_instead_of_calling_the_model(oppi_eval, tmp_path, monkeypatch):
    calls = []

    def fake_configured(settings, **kwargs):
        model = eval_fake_model()
        calls.append(model)
        return model

    monkeypatch.setattr(assistant.llm, "build_chat_model", fake_configured)
    # A copy of the indexed home, so this test's cache file stays its own.
    home = tmp_path / "home"

    shutil.copytree(oppi_eval.home, home)
    runs = str(oppi_eval.runs_dir)
    chat = small_chat_suite(tmp_path)
    cold = oppi_eval("run", chat, "--model", "configured", "--cache", "ro", "--runs-dir", runs, home=home)
    assert cold.exit_code == 2, cold.output
    assert "read-only" in cold.output and not any(m.calls for m in calls)
    warm = oppi_eval("run", chat, "--model", "configured", "--cache", "rw", "--runs-dir", runs, home=home)
    assert warm.exit_code == 0, warm.output
    again = oppi_eval("run", chat, "--model", "configured", "--cache", "ro", "--runs-dir", runs, home=home)
    assert again.exit_code == 0, again.output
    manifest = json.loads((list_runs(oppi_eval.runs_dir)[0] / "manifest.json").read_text())
    assert manifest["cache"]["mode"] == "ro" and manifest["cache"]["hits"] > 0 and manifest["cache"]["misses"] == 0


def test_html_report_is_self_contained_with_plots_and_matrix(oppi_eval):
    result = oppi_eval("run", "chat", "--judge", "fake", "--runs-dir", str(oppi_eval.runs_dir))
    assert result.exit_code in (0, 1), result.output
    [run] = list_runs(oppi_eval.runs_dir)
    page = (run / "report.html").read_text()
    assert page.count("<svg") >= 4 and "<style>" in page and "Cases × variants" in page
    assert not re.search(r"(src|href)\s*=\s*['\"]?(https?:)?//", page), "the report must not load anything"
    results = [json.loads(line) for line in (run / "results.jsonl").read_text().splitlines()]
    assert {r["case"] for r in results} >= {"chat-fi-out-of-scope-resepti", "chat-en-hours-per-credit"}
    assert any("faithfulness" in r["metrics"] for r in results)
