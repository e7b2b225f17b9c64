"""`oppi eval run | compare | bless | list`: evaluation suites from the command line.

Exit codes: 0 pass, 1 regression, 2 incomplete (failed cases, undetermined scores, no
library), 3 bad suite (invalid YAML or schema, unknown variant).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from assistant.cli_support import cli_settings, user_errors
from assistant.errors import OppiError
from assistant.evals.compare import EXIT_REGRESSION, compare
from assistant.evals.storage import BASELINES_DIR, SUITES_DIR

eval_app = typer.Typer(
    help="Evaluation suites: run prompt variants against a baseline, compare runs, bless baselines.\n\n"
    "Exit codes: 0 pass, 1 regression, 2 incomplete, 3 bad suite.",
    no_args_is_help=True,
)
console = Console()
err_console = Console(stderr=True)

RunsDir = Annotated[Path | None, typer.Option("--runs-dir", help="Where runs are stored (default: OPPI_HOME/runs).")]
BaselinesDir = Annotated[Path, typer.Option("--baselines-dir", help="Committed baselines, one JSON per suite.")]


def _runs_dir(runs_dir: Path | None) -> Path:
    return runs_dir or cli_settings().home / "runs"


@eval_app.command("run")
@user_errors
def run_command(
    suite: Annotated[str, typer.Argument(help="Suite name under evals/suites (e.g. drafting) or a YAML path.")],
    variant: Annotated[list[str] | None, typer.Option("--variant", "-v", help="Variant to run (repeatable); "
                       "NAME=FOLDER runs NAME with the changed prompt files in FOLDER. Default: all.")] = None,
    repeats: Annotated[int, typer.Option("--repeats", "-n", min=1, help="Runs of each case.")] = 1,
    cache: Annotated[str, typer.Option("--cache", help="Model reply cache: rw, ro (a miss fails the case) or off.")] = "rw",
    model: Annotated[str, typer.Option("--model", help="fake (deterministic, offline) or configured (OPPI_CHAT_*).")] = "fake",
    judge: Annotated[str | None, typer.Option("--judge", envvar="OPPI_EVAL_JUDGE_MODEL",
                     help="Judge for model-graded scores: fake, configured or a model name. Unset: skipped.")] = None,
    runs_dir: RunsDir = None,
    baselines_dir: BaselinesDir = BASELINES_DIR,
) -> None:
    """Run a suite, compare it with its baseline and gate: exit 0 pass, 1 regression, 2 incomplete, 3 bad suite."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from assistant.evals.report import load_run, markdown_report
    from assistant.evals.runner import RunRequest, run_suite
    from assistant.evals.suite import SuiteError, find_suite

    if cache not in ("rw", "ro", "off"):
        raise SuiteError("--cache must be rw, ro or off")
    if model not in ("fake", "configured"):
        raise SuiteError("--model must be fake or configured")
    request = RunRequest(find_suite(suite, SUITES_DIR), list(variant or []), repeats, cache, model, judge,  # type: ignore[arg-type]
                         runs_dir, baselines_dir)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=err_console, transient=True) as bar:
        task = bar.add_task("Evaluating", total=None)
        outcome = run_suite(request, cli_settings(),
                            lambda done, total, what: bar.update(task, total=total, completed=done, description=what))
    console.print(markdown_report(load_run(outcome.run_dir)), markup=False, highlight=False, soft_wrap=True)
    console.print(f"Reports: {outcome.run_dir / 'report.md'}, {outcome.run_dir / 'report.html'}", markup=False)
    raise typer.Exit(outcome.exit_code)


@eval_app.command("compare")
@user_errors
def compare_command(
    run_a: Annotated[str, typer.Argument(help="The run to compare against (id, id prefix or folder).")],
    run_b: Annotated[str, typer.Argument(help="The candidate run.")],
    runs_dir: RunsDir = None,
) -> None:
    """Changes from RUN_A to RUN_B per case and metric; exit 1 when any score regressed."""
    from assistant.evals.storage import find_run, read_json

    folder = _runs_dir(runs_dir)
    a = read_json(find_run(run_a, folder) / "summary.json")
    b = read_json(find_run(run_b, folder) / "summary.json")
    if a["suite"] != b["suite"]:
        raise OppiError(f"the runs are of different suites ({a['suite']}, {b['suite']})")
    result = compare(a, b)
    console.print(f"# {a['run_id']} → {b['run_id']}\n", markup=False)
    console.print("| case | variant | metric | before | after | change | |\n|---|---|---|---|---|---|---|", markup=False)
    for c in result["changes"]:
        delta = "–" if c["delta"] is None else f"{c['delta']:+.3f}"
        console.print(f"| {c['case'] or '(mean)'} | {c['variant']} | {c['metric']} | {c['before']} | {c['after']} | "
                      f"{delta} | {'REGRESSED' if c['regressed'] else ''} |", markup=False)
    console.print(f"\n{len(result['regressions'])} regressions, {len(result['changes'])} changes, "
                  f"{len(result['new'])} new, {len(result['missing'])} missing.", markup=False)
    raise typer.Exit(EXIT_REGRESSION if result["regressions"] else 0)


@eval_app.command("bless")
@user_errors
def bless_command(
    run: Annotated[str, typer.Argument(help="The run to make the baseline of its suite.")],
    runs_dir: RunsDir = None,
    baselines_dir: BaselinesDir = BASELINES_DIR,
) -> None:
    """Make a run the baseline of its suite (evals/baselines/<suite>.json; commit it)."""
    from assistant.evals.storage import bless, find_run

    target = bless(find_run(run, _runs_dir(runs_dir)), baselines_dir)
    console.print(f"Baseline written: {target}. Commit it with the prompt change it measures.", markup=False)


@eval_app.command("list")
@user_errors
def list_command(runs_dir: RunsDir = None) -> None:
    """Finished runs, newest first."""
    from assistant.evals.report import runs_table

    for row in runs_table(_runs_dir(runs_dir)):
        console.print("  ".join(map(str, row)), markup=False)


@eval_app.command("report")
@user_errors
def report_command(run: str, runs_dir: RunsDir = None) -> None:
    """Print a run's Markdown report (the HTML one is next to it, report.html)."""
    from assistant.evals.report import load_run, markdown_report
    from assistant.evals.storage import find_run

    console.print(markdown_report(load_run(find_run(run, _runs_dir(runs_dir)))), markup=False, highlight=False, soft_wrap=True)
