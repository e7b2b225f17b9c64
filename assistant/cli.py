"""The `oppi` command line: thin wrappers over the services."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from collections.abc import Callable
from typing import TypeVar

import typer
from rich.console import Console
from rich.markup import escape

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
            err_console.print(f"[bold red]Error:[/] {escape(str(error))}", soft_wrap=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


# Commands are added below, one small function each.


def _settings():
    from assistant.config import Settings

    return Settings()


@app.command("index")
@user_errors
def index_command(
    paths: list[Path] = typer.Argument(None, help="Files or folders to index (default: the built-in corpus)."),
    rebuild: bool = typer.Option(False, "--rebuild", help="Drop the index and build it again."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any file could not be indexed."),
) -> None:
    """Index guidelines, quality criteria and past credentials (pdf, md, txt, docx, json)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from assistant.config import BUILTIN_CORPUS
    from assistant.index.indexer import Indexer

    settings = _settings()
    targets = paths or [BUILTIN_CORPUS]
    with Progress(
        TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
        console=err_console, transient=True,
    ) as bar:
        task = bar.add_task("Indexing", total=None)

        def progress(name: str, done: int, total: int) -> None:
            bar.update(task, total=total, completed=done, description=f"Indexing {name}")

        summary = Indexer(settings).index_paths(targets, rebuild=rebuild, progress=progress)
    for file, reason in summary.errors:
        console.print(f"[red]✗[/] {escape(file)}: {escape(reason)}", soft_wrap=True, highlight=False)
    console.print(summary.line(), soft_wrap=True, highlight=False)
    if strict and summary.errors:
        raise typer.Exit(1)


@app.command("search")
@user_errors
def search_command(
    query: str = typer.Argument(..., help="What to look for, in English or Finnish."),
    kind: str = typer.Option(None, "--kind", help="guideline, quality, credential or other."),
    lang: str = typer.Option(None, "--lang", help="en, fi, sv or other."),
    k: int = typer.Option(5, "-k", min=1, max=50, help="How many passages."),
) -> None:
    """Print the best-matching passages with their citations."""
    from assistant.index.library import Library

    library = _ready_library()
    for number, passage in enumerate(library.search(query, k=k, kind=kind, lang=lang), start=1):
        citation = passage.citation
        console.print(f"[bold]{number}. {citation.label()}[/]  [dim]{citation.kind} · {citation.doc_id} · score {citation.score:.4f}[/]")
        console.print(_shorten(citation.quote), markup=False)
        console.print()


@app.command("sources")
@user_errors
def sources_command() -> None:
    """List the indexed documents."""
    from rich.table import Table

    library = _ready_library()
    table = Table("doc id", "title", "kind", "lang", "version", "chunks")
    for doc in library.documents():
        table.add_row(doc.doc_id, doc.title, doc.kind, doc.lang, doc.version, str(doc.chunks))
    console.print(table)


@app.command("serve")
@user_errors
def serve_command(
    host: str = typer.Option("127.0.0.1", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(7860, help="Port to listen on."),
) -> None:
    """Open the workspace in the browser; indexes the built-in corpus on first start."""
    from assistant.config import BUILTIN_CORPUS
    from assistant.index.indexer import Indexer
    from assistant.index.library import Library

    settings = _settings()
    library = Library(settings)
    if not library.is_built():
        console.print("First start: indexing the built-in corpus…")
        summary = Indexer(settings, library).index_paths([BUILTIN_CORPUS])
        console.print(summary.line(), soft_wrap=True, highlight=False)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no calls home
    from ui.app import create_app

    console.print(f"Oppi is at http://{host}:{port}")
    create_app(library).launch(server_name=host, server_port=port, show_error=True)


@app.command("check")
@user_errors
def check_command(
    files: list[Path] = typer.Argument(..., help="Draft files: .md, .txt, .json, .pdf or .docx."),
    fmt: str = typer.Option("md", "--format", help="md (readable) or json."),
) -> None:
    """Check drafts against the catalogue (C01-C21); no model, no network.

    Exit code 0: every draft is ready; 1: some draft has an error finding; 2: a file could not
    be read.
    """
    import json

    from assistant.index.library import Library
    from assistant.rules.report import render_markdown, report_dict
    from assistant.services.checking import Checker

    if fmt not in ("md", "json"):
        raise OppiError(f"--format must be md or json, not '{fmt}'.")
    settings = _settings()
    library = Library(settings)
    cited = library.is_built()
    checker = Checker(settings, library.citation_for_check if cited else None)
    results, unreadable, not_ready = [], False, False
    for file in files:
        try:
            report = checker.check_file(file)
        except OppiError as error:
            # One unreadable file is reported and the others are still checked.
            err_console.print(f"[bold red]Error:[/] {escape(str(error))}", soft_wrap=True)
            unreadable = True
            continue
        not_ready = not_ready or not report.ready
        if fmt == "json":
            results.append(report_dict(report, str(file)))
        else:
            console.print(render_markdown(report, str(file), cited), markup=False, soft_wrap=True)
    if fmt == "json":
        payload = results[0] if len(files) == 1 and results else results
        console.print_json(json.dumps(payload, ensure_ascii=False))
    if unreadable:
        raise typer.Exit(2)
    if not_ready:
        raise typer.Exit(1)


def _ready_library():
    from assistant.index.library import Library

    library = Library(_settings())
    if not library.is_built():
        raise OppiError("The library is empty. Run `oppi index` first (it indexes the built-in corpus).")
    return library


def _shorten(text: str, limit: int = 400) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def main() -> None:
    app()
