"""The Evaluations tab builds, lists runs and starts a suite through the same runner as the CLI."""

from __future__ import annotations

import gradio as gr
import pytest

from assistant.config import Settings
from assistant.evals.fake import eval_fake_model
from assistant.services.factory import Services
from ui.labels import Labels
from ui.locales import STRINGS
from ui.tabs.evaluations import create_evaluations


def test_tab_runs_a_suite_and_shows_its_report(eval_home, tmp_path):
    import shutil

    home = tmp_path / "home"
    shutil.copytree(eval_home, home)
    services = Services(Settings(_env_file=None, home=home, chat_provider="fake"), eval_fake_model())
    with gr.Blocks():
        tab = create_evaluations(services, Labels("fi"))
    status, rows, _choice, frame = tab["run"]("checking", "fake", progress=lambda *a, **k: None)
    assert "exit 0" in status and rows[0][1] == "checking"
    assert frame.startswith("<iframe srcdoc=") and "Cases" in frame
    assert tab["listing"]()[0] == rows


def test_every_eval_label_is_in_both_languages():
    keys = [k for k in STRINGS if k.startswith("eval.")]
    assert len(keys) >= 8 and all(STRINGS[k].get("en") and STRINGS[k].get("fi") for k in keys)


def test_every_prompts_label_is_in_both_languages():
    keys = [k for k in STRINGS if k.startswith("prompts.")] + ["tab.prompts"]
    assert len(keys) >= 20 and all(STRINGS[k].get("en") and STRINGS[k].get("fi") for k in keys)


def test_prompts_tab_refuses_an_undefined_variable_and_lists_the_saved_variant(tmp_path):
    import shutil

    from assistant.prompt_variants import VariantStore
    from assistant.prompts import PROMPTS_DIR
    from ui.tabs.prompts import create_prompts

    shutil.copytree(PROMPTS_DIR, tmp_path / "prompts")
    services = Services(Settings(_env_file=None, home=tmp_path / "home", chat_provider="fake",
                                 prompts_dir=tmp_path / "prompts"), eval_fake_model())
    with gr.Blocks():
        tab = create_prompts(services, Labels("en"))
    detail, system, template, whole = tab["show"]("review_draft")
    assert "review_draft 1.0" in detail and "checking (rules) (configured model)" in detail
    with pytest.raises(gr.Error, match=r"\{audience\}"):
        tab["save"]("review_draft", system, template + "{audience}", "mine", "")
    assert not (tmp_path / "home" / "prompt-variants" / "mine").exists()
    status, rows, *_ = tab["save"]("review_draft", system + "Be brief.", template, "mine", "shorter")
    assert "Saved variant **mine**" in status and rows[0][:2] == ["mine", "review_draft"]
    # The whole file: examples and description can change too, under the same schema.
    edited = whole.replace("description: ", "description: Shorter. ") + 'examples:\n  - input: "a"\n    output: "b"\n'
    tab["save_file"]("review_draft", edited, "mine", "")
    saved = VariantStore.from_settings(services.settings).get("mine").prompts["review_draft"]
    assert saved.description.startswith("Shorter.") and saved.examples[0].output == "b"
    with pytest.raises(gr.Error, match="declared variables not used"):
        tab["save_file"]("review_draft", whole.replace("{guidance}", "guidance"), "mine", "")
    status, *_ = tab["delete"]("mine", "review_draft")
    assert "Deleted variant **mine**" in status and VariantStore.from_settings(services.settings).names() == []
