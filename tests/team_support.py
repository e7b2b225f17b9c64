"""A shared workspace on loopback: accounts (a planner, a reviewer, an admin) on a real
PostgreSQL, sign-in required, the upload limit set, the fake chat model. Test modules import
the `team` fixture from here (tests/team and the browser test in tests/workspace)."""

from __future__ import annotations

import os
import shutil

import pytest
from argon2 import PasswordHasher
from workspace.conftest import scripted_answers

from assistant.config import Settings
from assistant.llm import FakeChatModel
from assistant.services.factory import Services

PASSWORD = "correct horse battery"
PEOPLE = {"pia": "planner", "rea": "reviewer", "ada": "admin"}


def team_services(tmp_path, small_library_home, database_url: str, **overrides) -> Services:
    home = tmp_path / "home"
    shutil.copytree(small_library_home, home)
    settings = Settings(_env_file=None, home=home, chat_provider="fake", draft_strategy="composer",
                        database_url=database_url, **overrides)
    services = Services(settings, FakeChatModel(responder=scripted_answers))
    # Cheap hashes: the tests check sign-in behaviour, not Argon2's cost.
    services.accounts.hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    for name, role in PEOPLE.items():
        services.accounts.add(name, PASSWORD, role)
    return services


def launch(services, port: int):
    from ui.app import create_app
    from ui.session import launch_options

    app = create_app(services)
    app.queue(default_concurrency_limit=16).launch(
        server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, show_error=True,
        **launch_options(services),
    )
    return app


@pytest.fixture
def team(tmp_path, small_library_home, postgres_server, free_port_factory):
    """(url, services) of a workspace with accounts on PostgreSQL; uploads up to 0.05 MB."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    services = team_services(tmp_path, small_library_home, postgres_server.new_database(),
                             max_file_mb=0.05, login_failure_delay_s=0.3)
    port = free_port_factory()
    app = launch(services, port)
    yield f"http://127.0.0.1:{port}", services
    app.close()
