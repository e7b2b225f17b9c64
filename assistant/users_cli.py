"""`oppi users add | list | role | password | remove`: the accounts of a shared workspace."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from assistant.cli_support import cli_settings, user_errors
from assistant.workflow import ROLES

users_app = typer.Typer(help="Accounts of a shared workspace: planners, reviewers and admins.", no_args_is_help=True)
console = Console()


def _accounts():
    from assistant.accounts import Accounts

    return Accounts.from_settings(cli_settings())


def _password(given: str | None, sso: bool) -> str | None:
    if sso:
        return None
    return given if given is not None else typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_app.command("add")
@user_errors
def add_command(
    username: str = typer.Argument(..., help="Sign-in name (letters, digits, . _ @ -)."),
    role: str = typer.Option("planner", "--role", help=f"One of {', '.join(ROLES)}."),
    password: str = typer.Option(None, "--password", help="The password (default: asked for, not echoed)."),
    sso: bool = typer.Option(False, "--sso", help="No password: signs in only through OPPI_TRUSTED_USER_HEADER."),
) -> None:
    """Add a user. The password is stored as an Argon2id hash."""
    user = _accounts().add(username, _password(password, sso), role)
    console.print(f"Added {user.username} ({user.role}).", highlight=False)


@users_app.command("list")
@user_errors
def list_command() -> None:
    """List the users and their roles."""
    table = Table("user", "role", "signs in with", "added")
    for account in _accounts().list():
        table.add_row(account.username, account.role, account.sign_in, account.created_at)
    console.print(table)


@users_app.command("role")
@user_errors
def role_command(username: str, role: str = typer.Argument(..., help=f"One of {', '.join(ROLES)}.")) -> None:
    """Change a user's role."""
    _accounts().set_role(username, role)
    console.print(f"{username} is now a {role}.", highlight=False)


@users_app.command("password")
@user_errors
def password_command(
    username: str,
    password: str = typer.Option(None, "--password", help="The new password (default: asked for)."),
    sso: bool = typer.Option(False, "--sso", help="Remove the password: single sign-on only."),
) -> None:
    """Set a user's password."""
    _accounts().set_password(username, _password(password, sso))
    console.print(f"Password of {username} changed.", highlight=False)


@users_app.command("remove")
@user_errors
def remove_command(username: str) -> None:
    """Remove a user (their credentials and history stay)."""
    _accounts().remove(username)
    console.print(f"Removed {username}.", highlight=False)
