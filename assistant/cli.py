"""The `oppi` command line: thin wrappers over the services."""

from __future__ import annotations

import os
from contextlib import contextmanager, nullcontext
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from assistant.cli_support import cli_services, cli_settings, err_console, user_errors
from assistant.errors import OppiError, describe_validation_error

app = typer.Typer(
    help="Oppi: a learning-design assistant for micro-credential planners.\n\n"
    "Quick start: `oppi index` builds the library from the built-in corpus, "
    "`oppi search \"how many hours is one credit\"` finds passages, "
    "`oppi check draft.md` checks a draft, `oppi serve` opens the workspace.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()

# Commands are added below, one small function each.


@app.command("index")
@user_errors
def index_command(
    paths: list[Path] = typer.Argument(None, help="Files or folders to index (default: the built-in corpus)."),
    rebuild: bool = typer.Option(False, "--rebuild", help="Drop the index and build it again."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any file could not be indexed."),
) -> None:
    """Index guidelines, quality criteria and past credentials (pdf, md, txt, docx, json)."""
    from assistant.config import BUILTIN_CORPUS
    from assistant.services.factory import Services

    library = Services(cli_settings()).library_service
    summary = _index_with_progress(library, paths or [BUILTIN_CORPUS], rebuild)
    for file, reason in summary.errors:
        console.print(f"[red]✗[/] {escape(file)}: {escape(reason)}", soft_wrap=True, highlight=False)
    console.print(summary.line(), soft_wrap=True, highlight=False)
    if strict and summary.errors:
        raise typer.Exit(1)


@contextmanager
def _progress_bar(description: str):
    """A progress bar on stderr, gone when done; yields update(done, total, description=None)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
        console=err_console, transient=True,
    ) as bar:
        task = bar.add_task(description, total=None)

        def update(done: int, total: int, text: str | None = None) -> None:
            bar.update(task, total=total, completed=done, description=text or description)

        yield update


def _index_with_progress(library, targets, rebuild: bool = False):
    """Index with a progress bar on stderr; returns the summary."""
    with _progress_bar("Indexing") as update:
        return library.index(targets, rebuild=rebuild,
                             progress=lambda name, done, total: update(done, total, f"Indexing {name}"))


@app.command("search")
@user_errors
def search_command(
    query: str = typer.Argument(..., help="What to look for, in English or Finnish."),
    kind: str = typer.Option(None, "--kind", help="guideline, quality, credential or other."),
    lang: str = typer.Option(None, "--lang", help="en, fi, sv or other."),
    k: int = typer.Option(5, "-k", min=1, max=50, help="How many passages."),
) -> None:
    """Print the best-matching passages with their citations."""

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


@app.command("ask")
@user_errors
def ask_command(question: str = typer.Argument(..., help="A question for the library, in English or Finnish.")) -> None:
    """Answer a question from the library, with numbered citations."""
    from assistant.schemas import Answer
    from assistant.services.factory import Services

    services = Services(cli_settings())
    _ready_library(services.library)
    answer = None
    for item in services.chat.stream(question):
        if isinstance(item, Answer):
            answer = item
        else:
            console.print(item, end="", markup=False, highlight=False)
    console.print()
    if answer and answer.citations:
        console.print()
        for number, citation in enumerate(answer.citations, start=1):
            console.print(f"[{number}] {citation.label()}", markup=False, highlight=False)
    if answer and answer.covered:
        _print_answer_checks(answer)


def _print_answer_checks(answer) -> None:
    """Which way the answer was made and, for a generated one, what its sources do not support."""
    if answer.mode == "extractive":
        err_console.print("[dim]extractive: every sentence is quoted from its source; nothing was generated[/]")
        return
    checked = len(answer.sentences) + answer.dropped
    err_console.print(f"[dim]generative: {checked} sentences checked against their sources, "
                      f"{answer.unsupported} not supported{f', {answer.dropped} left out' if answer.dropped else ''}[/]")
    for sentence in answer.sentences:
        if not sentence.supported:
            err_console.print(f"  ⚠ {sentence.text} ({sentence.reason})", markup=False, highlight=False)


@app.command("draft")
@user_errors
def draft_command(
    brief_file: Path = typer.Argument(None, help="A brief as YAML (title, target_group, level, ects, skill_needs, language)."),
    title: str = typer.Option(None, help="Credential title (instead of a brief file)."),
    target_group: str = typer.Option("", help="Who the credential is for."),
    level: int = typer.Option(None, min=1, max=8, help="EQF level."),
    ects: float = typer.Option(None, help="Size in ECTS credits."),
    skill: list[str] = typer.Option(None, "--skill", help="A skill need; repeat for several."),
    language: str = typer.Option("en", help="en or fi."),
    strategy: str = typer.Option(None, help="composer, llm, hybrid or auto (default: OPPI_DRAFT_STRATEGY)."),
    fmt: str = typer.Option("md", "--format", help="md or json."),
) -> None:
    """Draft learning outcomes for a credential brief."""
    from assistant.exports import draft_to_markdown
    from assistant.services.factory import Services

    brief = _load_brief(brief_file, title, target_group, level, ects, skill, language)
    drafting = Services(cli_settings()).drafting
    esco = fmt == "json"
    # The first ESCO use embeds every label once (minutes): show it, not a silent wait.
    first_esco = esco and not drafting.esco_matcher().is_ready()
    with _progress_bar("ESCO skill labels, embedded once") if first_esco else nullcontext() as update:
        result = drafting.draft(brief, strategy, esco=esco, esco_progress=update)
    if fmt == "json":
        console.print_json(result.model_dump_json())
    else:
        # The skills read from the brief first, so a planner sees what the outcomes rest on.
        for number, read in enumerate(result.skills, start=1):
            console.print(f"skill {number}: {read}", markup=False, highlight=False)
        for note in result.skipped:
            console.print(f"! {note}", markup=False, highlight=False)
        console.print(draft_to_markdown(result), markup=False, highlight=False)
    if not result.outcomes:
        raise typer.Exit(1)


def _load_brief(brief_file, title, target_group, level, ects, skills, language):
    import yaml
    from pydantic import ValidationError

    from assistant.schemas import CredentialBrief

    data: dict = {}
    if brief_file is not None:
        try:
            data = yaml.safe_load(brief_file.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            raise OppiError(f"{brief_file}: cannot read the brief ({error})") from None
        if not isinstance(data, dict):
            raise OppiError(f"{brief_file}: a brief is a YAML mapping with title, level, ects, skill_needs …")
    options = {"title": title, "target_group": target_group or None, "level": level, "ects": ects,
               "skill_needs": list(skills) if skills else None, "language": language if brief_file is None else None}
    data.update({key: value for key, value in options.items() if value is not None})
    if isinstance(data.get("skill_needs"), str):
        data["skill_needs"] = [data["skill_needs"]]
    try:
        return CredentialBrief.model_validate(data)
    except ValidationError as error:
        raise OppiError(f"The brief is not valid: {describe_validation_error(error)}") from None


@app.command("serve")
@user_errors
def serve_command(
    host: str = typer.Option("127.0.0.1", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(7860, help="Port to listen on."),
    lang: str = typer.Option("en", help="Language of the workspace: en or fi."),
    auth: str = typer.Option(None, help="One shared login USER:PASSWORD (without accounts; see `oppi users add`)."),
) -> None:
    """Open the workspace in the browser; indexes the built-in corpus on first start."""
    from assistant.config import BUILTIN_CORPUS
    from assistant.services.factory import Services

    if lang not in ("en", "fi"):
        raise OppiError("--lang is en or fi.")
    credentials = None
    if auth:
        user, sep, password = auth.partition(":")
        if not sep or not user or not password:
            raise OppiError("--auth takes USER:PASSWORD.")
        credentials = (user, password)
    services = Services(cli_settings())
    if not services.library.is_built():
        console.print("First start: indexing the built-in corpus…")
        summary = _index_with_progress(services.library_service, [BUILTIN_CORPUS])
        console.print(summary.line(), soft_wrap=True, highlight=False)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no calls home
    # Gradio's queue otherwise rebuilds a pandas summary of its last 10,000 events after every
    # event, for a monitoring page Oppi does not enable: half the CPU of a check (14 -> 8 ms).
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", str(10**9))
    from ui.app import serve

    console.print(f"Oppi is at http://{host}:{port}")
    serve(services, lang, host, port, credentials)


@app.command("check")
@user_errors
def check_command(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(..., help="Draft files: .md, .txt, .json, .pdf or .docx."),
    fmt: str = typer.Option("md", "--format", help="md or json."),
    review: bool = typer.Option(False, "--review", help="Add a model's review of what rules cannot see (L findings)."),
    lang: str = typer.Option("auto", "--lang", help="Language of the messages: auto (the draft's), en or fi."),
) -> None:
    """Check drafts against the catalogue. Exit 0: all ready; 1: an error found; 2: a file unreadable."""
    import json

    from assistant.rules.report import render_markdown, report_dict

    if fmt not in ("md", "json"):
        raise OppiError(f"--format is md or json, not {fmt!r}.")
    if lang not in ("auto", "en", "fi"):
        raise OppiError(f"--lang is auto, en or fi, not {lang!r}.")
    services = cli_services(ctx)
    checking = services.checking
    outputs, unreadable, not_ready = [], False, False
    for file in files:
        try:
            parsed = checking.read_file(file)
        except OppiError as error:
            unreadable = True
            err_console.print(f"[red]✗[/] {escape(str(file))}: {escape(str(error))}", soft_wrap=True)
            outputs.append({"file": str(file), "error": str(error)})
            continue
        report = checking.check(parsed, None if lang == "auto" else lang)
        if review:
            report = services.review.review(parsed.credential, report)
        not_ready = not_ready or not report.ready
        if fmt == "json":
            outputs.append(report_dict(report, str(file)))
        else:
            console.print(render_markdown(report, str(file), checking.cites), markup=False, highlight=False, soft_wrap=True)
    if fmt == "json":
        typer.echo(json.dumps(outputs[0] if len(outputs) == 1 else outputs, ensure_ascii=False, indent=2))
    raise typer.Exit(2 if unreadable else 1 if not_ready else 0)


def _ready_library(library=None):
    library = library or cli_services().library
    if not library.is_built():
        raise OppiError("The library is empty. Run `oppi index` first (it indexes the built-in corpus).")
    return library


def _shorten(text: str, limit: int = 400) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


from assistant.evals.cli import eval_app  # noqa: E402  (the eval commands, registered last)

app.add_typer(eval_app, name="eval")

from assistant.evals.prompts_cli import prompts_app  # noqa: E402  (the prompt workbench)

app.add_typer(prompts_app, name="prompts")

from assistant.users_cli import users_app  # noqa: E402

app.add_typer(users_app, name="users")


def main() -> None:
    app()
