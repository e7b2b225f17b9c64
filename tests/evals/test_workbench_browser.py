"""Done-when of the prompt workbench, in a real browser (Debian Chromium, headless): drop the
drafting prompt's vague-verb rule, run the drafting suite on it, see the regressed cases named
and adoption refused; a second edit that passes is adopted and draft_outcomes.yaml carries the
new version. Everything runs on copies of the prompts, baselines and home."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.evals.fake import eval_fake_model
from assistant.evals.storage import BASELINES_DIR, read_json
from assistant.prompts import PROMPTS_DIR, load_prompt_file
from assistant.services.factory import Services

pytestmark = pytest.mark.slow
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
RULE = "Never use know, understand, learn, be aware of or be familiar with. "


@pytest.fixture
def served(eval_home, tmp_path):
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    from ui.app import create_app

    home = tmp_path / "home"
    shutil.copytree(eval_home, home, ignore=shutil.ignore_patterns("runs", "prompt-variants"))
    shutil.copytree(PROMPTS_DIR, tmp_path / "prompts")
    shutil.copytree(BASELINES_DIR, tmp_path / "baselines")
    settings = Settings(_env_file=None, home=home, chat_provider="fake", draft_strategy="composer",
                        prompts_dir=tmp_path / "prompts", eval_baselines_dir=tmp_path / "baselines")
    app = create_app(Services(settings, eval_fake_model()))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app.queue().launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{port}", settings
    app.close()


@pytest.fixture
def page(served):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (make test installs it: scripts/system-deps.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.set_default_timeout(30_000)
        page.goto(served[0])
        page.wait_for_selector("#tab-prompts-button")
        yield page
        browser.close()


def choose(page, selector: str, value: str) -> None:
    page.locator(f"{selector} input").fill(value)
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)


def wait_text(page, selector: str, text: str, timeout: int = 30_000) -> None:
    page.locator(selector).filter(has_text=text).first.wait_for(timeout=timeout)


def save_variant(page, system: str, name: str) -> None:
    page.locator("#prompts-system textarea").fill(system)
    page.locator("#prompts-variant-name textarea, #prompts-variant-name input").first.fill(name)
    page.click("#prompts-save")


def test_edit_run_refuse_then_adopt_in_the_browser(page, served):
    _, settings = served
    prompt_file = settings.prompts_dir / "draft_outcomes.yaml"
    page.click("#tab-prompts-button")
    wait_text(page, "#prompts-table", "draft_outcomes")
    choose(page, "#prompts-choice", "draft_outcomes")
    wait_text(page, "#prompts-detail", "draft_outcomes 1.0")
    assert "drafting (llm)" in page.inner_text("#prompts-detail")
    original = page.locator("#prompts-system textarea").input_value()
    assert RULE in original

    # An undefined variable is refused on save, with its name; nothing is saved.
    page.locator("#prompts-template textarea").fill(load_prompt_file(prompt_file).user + "Audience: {audience}")
    save_variant(page, original, "bad")
    wait_text(page, ".toast-wrap", "{audience}")
    assert not (settings.home / "prompt-variants" / "bad").exists()
    page.locator("#prompts-template textarea").fill(load_prompt_file(prompt_file).user)

    # Edit 1: drop the vague-verb rule, run the drafting suite on it: regressed cases are named.
    save_variant(page, original.replace(RULE, ""), "no-vague-rule")
    wait_text(page, "#prompts-save-status", "Saved variant")
    page.locator("#prompts-run-suites").get_by_label("drafting").check()
    page.locator("#prompts-run-variants").get_by_label("no-vague-rule").check()
    page.click("#prompts-run")
    wait_text(page, "#prompts-verdicts", "REGRESSION", timeout=240_000)
    verdicts = page.inner_text("#prompts-verdicts")
    assert "draft-en-sustainable-event-planning" in verdicts and "draft-fi-kliininen-ohjaus-hoitotyössä" in verdicts

    choose(page, "#prompts-adopt-choice", "no-vague-rule")
    page.click("#prompts-adopt")
    wait_text(page, "#prompts-adopt-status", "Not adopted")
    assert "draft-en-sustainable-event-planning" in page.inner_text("#prompts-adopt-status")
    assert load_prompt_file(prompt_file).version == "1.0"
    page.click("#prompts-export")
    wait_text(page, "#prompts-adopt-status", "Never use know")
    page.locator("#prompts-patch a").first.wait_for()
    # A refused adoption changed nothing, so the editor still holds the planner's edit.
    assert page.locator("#prompts-system textarea").input_value().strip() == original.replace(RULE, "").strip()

    # Edit 2 passes; both variants and the baseline side by side in one report.
    save_variant(page, original + "Ask for one verb per outcome.", "one-verb")
    wait_text(page, "#prompts-save-status", "one-verb")
    page.locator("#prompts-run-variants").get_by_label("one-verb").check()
    page.click("#prompts-run")
    wait_text(page, "#prompts-verdicts", "PASS", timeout=240_000)
    assert "one-verb" in page.inner_text("#prompts-verdicts")
    report = page.frame_locator("#prompts-report iframe")
    for column in ("llm", "llm@no-vague-rule", "llm@one-verb"):
        report.locator("th", has_text=column).first.wait_for()
    wait_text(page, "#prompts-case-outputs", "llm@one-verb")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "prompts-workbench-run.png"), full_page=True)

    choose(page, "#prompts-adopt-choice", "one-verb")
    page.click("#prompts-adopt")
    wait_text(page, "#prompts-adopt-status", "Adopted", timeout=240_000)
    adopted = load_prompt_file(prompt_file)
    assert adopted.version == "1.1" and adopted.system.endswith("Ask for one verb per outcome.\n")
    wait_text(page, "#prompts-history", "one-verb")
    wait_text(page, "#prompts-table", "1.1")
    wait_text(page, "#prompts-detail", "draft_outcomes 1.1")
    assert read_json(settings.eval_baselines_dir / "drafting.json")["blessed_from"]["prompts"]["llm"][
        "draft_outcomes"] == adopted.sha256
    assert load_prompt_file(PROMPTS_DIR / "draft_outcomes.yaml").version == "1.0"  # the repo's file is untouched
