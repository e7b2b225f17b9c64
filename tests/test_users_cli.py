"""`oppi users`: add, list, change and remove accounts; mistakes are one line and exit 2."""

from __future__ import annotations

from typer.testing import CliRunner

from assistant.cli import app


def test_users_commands(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("OPPI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("OPPI_DATABASE_URL", raising=False)
    runner = CliRunner()

    def oppi(*args: str, stdin: str | None = None):
        return runner.invoke(app, ["users", *args], input=stdin)

    assert oppi("add", "pia", "--password", "correct horse").exit_code == 0
    added = oppi("add", "rea", "--role", "reviewer", stdin="battery staple\nbattery staple\n")
    assert added.exit_code == 0 and "Added rea (reviewer)" in added.output
    assert oppi("add", "sso.user@uni.fi", "--sso").exit_code == 0
    listing = oppi("list").output
    assert "pia" in listing and "reviewer" in listing and "single sign-on" in listing
    assert "$argon2" not in listing

    refused = oppi("add", "pia", "--password", "another one")
    assert refused.exit_code == 2 and "already a user 'pia'" in refused.output
    assert oppi("role", "pia", "admin").exit_code == 0
    assert oppi("role", "pia", "boss").exit_code == 2
    assert oppi("password", "pia", "--password", "short").exit_code == 2
    assert oppi("remove", "rea").exit_code == 0
    assert oppi("remove", "rea").exit_code == 2

    from assistant.accounts import Accounts
    from assistant.config import load_settings

    accounts = Accounts.from_settings(load_settings())
    assert [(a.username, a.role) for a in accounts.list()] == [("pia", "admin"), ("sso.user@uni.fi", "planner")]
    assert accounts.verify("pia", "correct horse")
