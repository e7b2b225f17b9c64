"""The workspace served on loopback with the fake model, and headless Debian Chromium."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.llm import FakeChatModel
from assistant.services.factory import Services

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"


def scripted_answers(messages, tools):
    """Answers that quote the question; rewrites that list the session's earlier questions."""
    system = str(messages[0].content)
    last = str(messages[-1].content)
    if "Rewrite the user's last question" in system:
        earlier = [line[3:] for line in last.splitlines() if line.startswith("Q: ")]
        return "REWRITE " + " | ".join(earlier)
    question = last.split("Question:", 1)[-1].split("\n", 1)[0].strip()
    return f"From the library: {question} [1]"


@pytest.fixture
def workspace(tmp_path, small_library_home, free_port_factory):
    """A fresh copy of the small library, the app on a free loopback port, and its services."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    from ui.app import create_app

    home = tmp_path / "home"
    shutil.copytree(small_library_home, home)
    settings = Settings(_env_file=None, home=home, chat_provider="fake", draft_strategy="composer")
    services = Services(settings, FakeChatModel(responder=scripted_answers))
    app = create_app(services)
    port = free_port_factory()
    from ui.session import launch_options

    app.queue(default_concurrency_limit=16).launch(
        server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, show_error=True,
        **launch_options(services),
    )
    yield f"http://127.0.0.1:{port}", services
    app.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (make test installs it: scripts/system-deps.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, workspace):
    url, _ = workspace
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    page.wait_for_selector("#tab-chat-button, button[role=tab]")
    yield page
    context.close()


@pytest.fixture(scope="session")
def free_port_factory():
    def free_port() -> int:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]

    return free_port


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under tests/artifacts/screenshots (gitignored)."""

    def save(page, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
