"""The `oppi` command line: thin wrappers over the services."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TypeVar

import typer
from rich.console import Console

from assistant.errors import OppiError

app = typer.Typer(
    help="Oppi: a learning-design assistant for micro-credential planners.\n\n"
    "Quick start: `oppi index` builds the library from the built-in corpus, "
    "`oppi search \"how many hours is one credit\"` finds passages, "
    "`oppi check draft.md` checks a draft, `oppi serve` opens the workspace.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err_console = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., object])


def user_errors(func: F) -> F:
    """Print an OppiError as one line and exit 2; no stack trace for a user's mistake."""

    @functools.wraps(func)
    def wrapper(*args: object, **kwargs: object) -> object:
        try:
            return func(*args, **kwargs)
        except OppiError as error:
            err_console.print(f"[bold red]Error:[/] {error}")
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


# Commands are added below, one small function each.


def main() -> None:
    app()
