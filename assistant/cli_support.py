"""What every `oppi` command shares: one error decorator and one settings loader.

Its own module because `assistant.cli` registers the eval commands (`assistant.evals.cli`),
and both use these; neither imports the other for them.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from rich.console import Console
from rich.markup import escape

from assistant.errors import OppiError

if TYPE_CHECKING:
    import typer

    from assistant.config import Settings
    from assistant.services.factory import Services

err_console = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., object])


def user_errors(func: F) -> F:
    """Print an OppiError as one line and exit with its code (2; a bad eval suite 3), no stack trace."""

    @functools.wraps(func)
    def wrapper(*args: object, **kwargs: object) -> object:
        try:
            return func(*args, **kwargs)
        except OppiError as error:
            err_console.print(f"[bold red]Error:[/] {escape(str(error))}", soft_wrap=True)
            sys.exit(error.exit_code)

    return wrapper  # type: ignore[return-value]


def cli_settings() -> Settings:
    """Settings from the environment, with logging to OPPI_HOME/logs set up (once per file)."""
    from assistant.config import configure_logging, load_settings

    settings = load_settings()
    configure_logging(settings)
    return settings


def cli_services(ctx: typer.Context | None = None) -> Services:
    """The services a command runs on: the ones passed as the click context's `obj` (a test's
    `CliRunner().invoke(app, args, obj=Services(settings, llm=fake, library=fake))`), else
    built from the environment's settings."""
    from assistant.services.factory import Services

    given = ctx.find_root().obj if ctx is not None else None
    if given is not None:
        if not isinstance(given, Services):
            raise TypeError(f"the CLI's context object is a {type(given).__name__}, not Services")
        return given
    return Services(cli_settings())
