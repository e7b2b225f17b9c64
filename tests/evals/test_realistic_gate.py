"""Done-when (issue 11): weaken a rule and the checking suite on the realistic drafts exits 1,
naming the drafts that lost a finding."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from assistant.evals.storage import list_runs
from assistant.rules import lexicon
from assistant.rules.lexicon import DATA, use_rules_data


@pytest.fixture
def lax_rules(tmp_path, monkeypatch):
    """The built-in word lists with "understand" dropped from the C07 vague verbs."""
    folder = tmp_path / "rules-data"
    folder.mkdir()
    phrases = yaml.safe_load((DATA / "phrases.yaml").read_text(encoding="utf-8"))
    assert "understand" in phrases["vague"]["en"]
    phrases["vague"]["en"].remove("understand")
    (folder / "phrases.yaml").write_text(yaml.safe_dump(phrases, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("OPPI_RULES_DATA", str(folder))
    yield folder
    use_rules_data(None)  # the lexicon in use is process-wide: later tests get the built-in one


def test_dropping_one_vague_verb_fails_the_gate_and_names_the_drafts(oppi_eval, lax_rules):
    result = oppi_eval("run", "checking", "--runs-dir", str(oppi_eval.runs_dir))

    assert result.exit_code == 1, result.output
    [run] = list_runs(oppi_eval.runs_dir)
    comparison = json.loads((run / "comparison.json").read_text())
    regressed = {c["case"] for c in comparison["regressions"] if c["case"]}
    # Realistic drafts whose expected C07 sits on an "Understand ..." outcome.
    assert "real-04-finops-cloud" in regressed
    assert all(case.startswith(("real-", "chk-")) for case in regressed)
    report = (run / "report.md").read_text()
    assert "real-04-finops-cloud" in report and "must_flag_recall" in report


def test_a_rules_folder_with_no_word_list_is_one_clear_error(tmp_path):
    from assistant.errors import OppiError

    with pytest.raises(OppiError, match="holds none of"):
        use_rules_data(tmp_path)
    use_rules_data(None)


def test_an_institution_word_list_replaces_the_built_in_one(tmp_path):
    shutil.copy(DATA / "phrases.yaml", tmp_path / "phrases.yaml")
    text = (tmp_path / "phrases.yaml").read_text(encoding="utf-8")
    (tmp_path / "phrases.yaml").write_text(text.replace("    - know\n", "    - know\n    - grok\n", 1), encoding="utf-8")
    try:
        use_rules_data(tmp_path)
        assert "grok" in lexicon.load_lexicon().vague("en")
    finally:
        use_rules_data(None)
    assert "grok" not in lexicon.load_lexicon().vague("en")
