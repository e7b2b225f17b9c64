"""`oppi prompts list | show | variant ... | history`: the prompt workbench from the command line.

`variant run` exits like `oppi eval run` (0 pass, 1 regression, 2 incomplete), the worst over
the variants and suites; `variant adopt` exits 1 when adoption is refused.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import Annotated

import typer
import yaml
from rich.console import Console

from assistant.cli_support import cli_settings, user_errors
from assistant.errors import OppiError

prompts_app = typer.Typer(help="Prompts in use and their variants: edit, run against the baseline, adopt, export.",
                          no_args_is_help=True)
variant_app = typer.Typer(help="Named prompt variants under OPPI_HOME/prompt-variants.", no_args_is_help=True)
prompts_app.add_typer(variant_app, name="variant")
console = Console()
By = Annotated[str | None, typer.Option("--by", help="Who does it (default: the login name).")]


def _store(settings=None):
    from assistant.prompt_variants import VariantStore

    return VariantStore.from_settings(settings or cli_settings())


def _print(text: str) -> None:
    console.print(text, markup=False, highlight=False, soft_wrap=True)


@prompts_app.command("list")
@user_errors
def list_command() -> None:
    """The prompts in use: id, version, description and the suites that read each."""
    from assistant.evals.workbench import suites_by_prompt

    prompts = _store().current()
    suites = suites_by_prompt(list(prompts))
    for pid, prompt in prompts.items():
        labels = "; ".join(use.label() for use in suites[pid]) or "none"
        _print(f"{pid}  {prompt.version}  {prompt.description}  [suites: {labels}]")


@prompts_app.command("show")
@user_errors
def show_command(
    prompt_id: Annotated[str, typer.Argument(help="Prompt id, e.g. draft_outcomes.")],
    as_yaml: Annotated[bool, typer.Option("--yaml", help="Print the file itself (edit it, then `variant save`).")] = False,
) -> None:
    """A prompt's system text, template, variables, examples and suites."""
    from assistant.evals.workbench import prompt_markdown, suites_by_prompt
    from assistant.prompts import dump_prompt

    prompts = _store().current()
    if prompt_id not in prompts:
        raise OppiError(f"no prompt '{prompt_id}' (prompts: {', '.join(prompts)})")
    prompt = prompts[prompt_id]
    if as_yaml:
        sys.stdout.write(dump_prompt(prompt))
        return
    _print(prompt_markdown(prompt, [use.label() for use in suites_by_prompt([prompt_id])[prompt_id]]))


@variant_app.command("save")
@user_errors
def save_command(
    name: Annotated[str, typer.Argument(help="Variant name (letters, digits, . _ -).")],
    files: Annotated[list[Path], typer.Argument(help="Changed prompt files (YAML, as `oppi prompts show ID --yaml`).")],
    note: Annotated[str, typer.Option("--note", help="What the change is for.")] = "",
    by: By = None,
) -> None:
    """Save changed prompt files as a variant (validated; nothing is saved when any is invalid)."""
    changed = {}
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise OppiError(f"{path}: cannot read it as YAML: {error}") from None
        if not isinstance(data, dict) or "id" not in data:
            raise OppiError(f"{path}: a prompt file holds a mapping with an 'id'")
        changed[str(data["id"])] = data
    variant = _store().save(name, changed, by or getpass.getuser(), note)
    _print(f"Saved variant {variant.name} ({', '.join(variant.prompts)}) by {variant.made_by} at {variant.updated_at}.")


@variant_app.command("list")
@user_errors
def variants_command() -> None:
    """Saved variants: name, changed prompts, who made them and when, adopted or not."""
    for v in _store().list():
        adopted = f"  adopted {v.adopted['at']} by {v.adopted['by']}" if v.adopted else ""
        _print(f"{v.name}  {', '.join(v.prompts)}  {v.made_by}  {v.made_at}  {v.note}{adopted}")


@variant_app.command("show")
@user_errors
def variant_show_command(name: str) -> None:
    """A variant's record and its change as a diff."""
    store = _store()
    v = store.get(name)
    _print(f"{v.name}: {', '.join(v.prompts)}; made by {v.made_by} at {v.made_at}, updated {v.updated_at}. {v.note}")
    stale = store.stale(v)
    _print(f"(made from an older {', '.join(stale)})" if stale else store.patch(name))


@variant_app.command("run")
@user_errors
def run_command(
    names: Annotated[list[str], typer.Argument(help="Variants to run side by side.")],
    suite: Annotated[list[str] | None, typer.Option("--suite", "-s", help="Suite (repeatable). "
                     "Default: every suite that reads the changed prompts.")] = None,
    model: Annotated[str, typer.Option("--model", help="fake or configured (its replies are cached).")] = "fake",
    cache: Annotated[str, typer.Option("--cache", help="rw, ro or off (configured model).")] = "rw",
) -> None:
    """Run suites on the baseline and the variants; exit 0 pass, 1 regression, 2 incomplete."""
    from assistant.evals.suite import SuiteError
    from assistant.evals.workbench import run_variants, suites_reading

    if model not in ("fake", "configured") or cache not in ("rw", "ro", "off"):
        raise SuiteError("--model must be fake or configured, --cache rw, ro or off")
    settings = cli_settings()
    store = _store(settings)
    suites = suite or sorted(suites_reading({p for n in names for p in store.get(n).prompts}, model))
    worst = 0
    for run in run_variants(settings, suites, names, model, cache):
        if run.skipped:
            _print(f"{run.suite}: skipped, {run.skipped}")
            continue
        for vname, judged in run.verdicts.items():
            _print(f"{run.suite} · {vname}: {judged['reason']}")
            worst = max(worst, judged["exit_code"])
        _print(f"  report: {run.run_dir / 'report.md'}")
    raise typer.Exit(worst)


@variant_app.command("adopt")
@user_errors
def adopt_command(name: str, by: By = None) -> None:
    """Adopt a variant whose runs pass: its files replace the prompts (version bumped) and the
    suites that read them are re-run and blessed. Exit 1 when refused."""
    from assistant.evals.workbench import AdoptionRefused, adopt

    try:
        record = adopt(cli_settings(), name, by or getpass.getuser())
    except AdoptionRefused as refused:
        _print(str(refused))
        raise typer.Exit(1) from None
    for pid, change in record["prompts"].items():
        _print(f"{pid}: {change['from']} → {change['to']}")
    for suite, blessed in record["blessed"].items():
        _print(f"{suite}: baseline blessed from run {blessed['run']} ({blessed['baseline']})")


@variant_app.command("export")
@user_errors
def export_command(
    name: str,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the patch here (default: stdout).")] = None,
) -> None:
    """The variant as a unified diff of prompts/ (with the version bump adopting would make)."""
    patch = _store().patch(name)
    if output:
        output.write_text(patch, encoding="utf-8")
        _print(f"Patch written: {output} (apply it with `git apply {output.name}`)")
    else:
        sys.stdout.write(patch)


@variant_app.command("delete")
@user_errors
def delete_command(name: str) -> None:
    """Delete a saved variant."""
    _store().delete(name)
    _print(f"Deleted variant {name}.")


@prompts_app.command("history")
@user_errors
def history_command() -> None:
    """Adopted variants, newest first: when, who, which prompts went from which version to which."""
    from assistant.evals.workbench import history

    for item in history(cli_settings()):
        changes = ", ".join(f"{pid} {c['from']}→{c['to']}" for pid, c in item["prompts"].items())
        _print(f"{item['at']}  {item['by']}  {item['variant']}  {changes}")
