"""Single sign-on: behind a reverse proxy, a trusted header names the user; Oppi's users table
gives the role, and anyone it does not list gets 401. Off by default."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from team_support import team_services

from assistant.config import Settings

pytestmark = pytest.mark.slow


def test_the_trusted_header_is_off_by_default() -> None:
    assert Settings(_env_file=None).trusted_user_header is None


def test_the_trusted_header_names_the_user(tmp_path, small_library_home, free_port_factory) -> None:
    import uvicorn
    from gradio_client import Client

    from ui.app import single_sign_on_app

    services = team_services(tmp_path, small_library_home, str(tmp_path / "oppi.sqlite"),
                             trusted_user_header="X-Remote-User")
    services.accounts.add("sso.reviewer@uni.fi", None, "reviewer")
    port = free_port_factory()
    server = uvicorn.Server(uvicorn.Config(single_sign_on_app(services), host="127.0.0.1", port=port, log_level="warning",
                                          timeout_graceful_shutdown=1))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.1)
        info = f"{url}/gradio_api/info"
        assert httpx.get(info, timeout=10).status_code == 401
        assert httpx.get(info, headers={"X-Remote-User": "stranger"}, timeout=10).status_code == 401
        assert httpx.get(info, headers={"X-Remote-User": "sso.reviewer@uni.fi"}, timeout=10).status_code == 200
        client = Client(url, headers={"X-Remote-User": "sso.reviewer@uni.fi"}, verbose=False)
        about = client.predict(api_name="/about_for")
        assert "sso.reviewer@uni.fi (reviewer, single sign-on)" in about
    finally:
        server.should_exit = server.force_exit = True  # the client's open event stream need not finish
        thread.join(timeout=10)
