"""Evaluations: list runs, start a suite with progress, and read its report (no terminal needed)."""

from __future__ import annotations

import html

import gradio as gr

from assistant.errors import OppiError
from ui.locales import t, t_or

RUN_HEADERS = ["eval.col_run", "eval.col_suite", "eval.col_gate", "eval.col_variants", "eval.col_model"]
# The model a suite runs on: the fake one (offline, repeatable) or the configured one.
MODELS = [("eval.fake", "fake"), ("eval.configured", "configured")]


def suite_names() -> list[str]:
    from assistant.evals.storage import SUITES_DIR

    return sorted(path.stem for path in SUITES_DIR.glob("*.yaml"))


def report_frame(run_dir, lang: str = "en") -> str:
    """The run's HTML report inside an iframe, so its own styles stay out of the workspace."""
    from assistant.evals.report import html_report, load_run

    page = html_report(load_run(run_dir))
    title = html.escape(t("eval.report_title", lang), quote=True)
    return (f"<iframe srcdoc=\"{html.escape(page, quote=True)}\" title=\"{title}\" "
            "style=\"width:100%;height:900px;border:1px solid #ddd\"></iframe>")


def create_evaluations(services, labels, language=None) -> dict:
    """`language` is the workspace's language switch: alerts and statuses follow it."""
    from assistant.evals.storage import find_run

    runs_dir = services.settings.home / "runs"
    labels.bind(gr.Markdown(labels("eval.intro")), "eval.intro", "value")
    with gr.Row():
        names = suite_names()
        suite = labels.bind(gr.Dropdown(names, value=names[0] if names else None, label=labels("eval.suite"),
                                        elem_id="eval-suite"), "eval.suite")
        model = labels.bind_choices(labels.bind(gr.Radio(labels.choices(MODELS), value="fake", label=labels("eval.model"),
                                                         elem_id="eval-model"), "eval.model"), MODELS)
        start = labels.bind(gr.Button(labels("eval.run"), variant="primary", elem_id="eval-run"), "eval.run", "value")
    status = gr.Markdown(elem_id="eval-status")
    refresh = labels.bind(gr.Button(labels("eval.refresh"), elem_id="eval-refresh"), "eval.refresh", "value")
    table = labels.bind_headers(gr.Dataframe(headers=labels.headers(RUN_HEADERS), interactive=False,
                                             elem_id="eval-runs"), RUN_HEADERS)
    with gr.Row():
        choice = labels.bind(gr.Dropdown(choices=[], label=labels("eval.select"), elem_id="eval-choice"), "eval.select")
        show = labels.bind(gr.Button(labels("eval.show"), elem_id="eval-show"), "eval.show", "value")
    report = gr.HTML(elem_id="eval-report")

    def listing(lang="en"):
        from assistant.evals.report import runs_table

        rows = [[run, suite_name, t_or("gate", gate, lang), *rest] for run, suite_name, gate, *rest in runs_table(runs_dir)]
        ids = [row[0] for row in rows]
        return rows, gr.update(choices=ids, value=ids[0] if ids else None)

    def run(chosen_suite, chosen_model, lang="en", progress=gr.Progress()):  # noqa: B008 - how Gradio injects progress
        from assistant.evals.runner import RunRequest, run_suite
        from assistant.evals.storage import BASELINES_DIR, SUITES_DIR

        if not chosen_suite:
            raise gr.Error(t("eval.no_suite", lang))
        request = RunRequest(SUITES_DIR / f"{chosen_suite}.yaml", model=chosen_model, runs_dir=runs_dir,
                             baselines_dir=services.settings.eval_baselines_dir or BASELINES_DIR)
        try:
            outcome = run_suite(request, services.settings,
                                lambda done, total, what: progress((done, total), desc=what))
        except OppiError as error:
            raise gr.Error(str(error)) from None
        rows, update = listing(lang)
        status = t("eval.finished", lang).format(run=outcome.run_dir.name, reason=outcome.reason, code=outcome.exit_code)
        return status, rows, update, report_frame(outcome.run_dir, lang)

    def show_report(run_id, lang="en"):
        if not run_id:
            return ""
        try:
            return report_frame(find_run(run_id, runs_dir), lang)
        except OppiError as error:
            raise gr.Error(str(error)) from None

    lang = [language] if language is not None else []
    start.click(run, [suite, model, *lang], [status, table, choice, report])
    refresh.click(listing, lang, [table, choice])
    show.click(show_report, [choice, *lang], report)
    return {"listing": listing, "table": table, "choice": choice, "report": report, "run": run}
