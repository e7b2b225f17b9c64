"""Prompts: the prompt workbench. See the prompts in use, edit one as a named variant, run suites
on the baseline and the variants side by side, adopt a variant that passes, export it as a patch.

All the work is done by assistant.prompt_variants and assistant.evals.workbench, as for
`oppi prompts`; this module only lays it out.
"""

from __future__ import annotations

import getpass
import html
import tempfile
from pathlib import Path

import gradio as gr

from assistant.errors import OppiError
from assistant.evals.report import GATE_NAMES
from ui.locales import t, t_or
from ui.tabs.evaluations import MODELS, report_frame, suite_names

PROMPT_HEADERS = ["prompts.col_id", "prompts.col_version", "prompts.col_description", "prompts.col_suites"]
VARIANT_HEADERS = ["prompts.col_variant", "prompts.col_prompts", "prompts.col_made_by", "prompts.col_made_at",
                   "prompts.col_note", "prompts.col_adopted"]
COLUMNS_CSS = ("<style>#prompts-case-outputs .cols{display:flex;gap:1rem}"
               "#prompts-case-outputs .cols>div{flex:1;min-width:0;border:1px solid #ddd;padding:.4rem}</style>")
HISTORY_HEADERS = ["prompts.col_when", "prompts.col_who", "prompts.col_variant", "prompts.col_prompts",
                   "prompts.col_blessed"]


def prompt_markdown(prompt, suites: list[str], lang: str = "en") -> str:
    """One prompt as `oppi prompts show` prints it, with the headings in the workspace's language."""
    from assistant.evals import workbench

    keys = {"variables": "prompts.variables", "read_by": "prompts.read_by", "none": "prompts.none",
            "system": "prompts.system_heading", "template": "prompts.template_heading", "examples": "prompts.examples"}
    return workbench.prompt_markdown(prompt, suites, {name: t(key, lang) for name, key in keys.items()})


def signed_in(services, request: gr.Request | None, lang: str = "en") -> tuple[str, str | None]:
    """Who acts and their role: the signed-in account (adopting needs reviewer or admin), or,
    while a workspace has no accounts, the one local user with no role (who may adopt)."""
    from ui.session import signed_in as signed_in_user

    user = signed_in_user(services, request, lang)
    role = user.role if services.accounts.any() else None
    return user.username or getpass.getuser(), role


def suite_label(use, lang: str) -> str:
    """A suite that reads a prompt, in the workspace's language: suite and variant names are
    names; the note that only a configured model reads the prompt is not."""
    return use.label(t("prompts.configured_only", lang))


def _bare(value: str) -> str:
    """Gradio drops a textbox's final newline; the prompt files end their blocks with one."""
    return value if value.endswith("\n") or not value else value + "\n"


def create_prompts(services, labels, language=None) -> dict:
    """`language` is the workspace's language switch: alerts and statuses follow it."""
    from assistant.evals import workbench
    from assistant.prompt_variants import VariantStore, edited_prompt

    settings = services.settings
    store = VariantStore.from_settings(settings)
    runs_dir = settings.home / "runs"

    labels.bind(gr.Markdown(labels("prompts.intro")), "prompts.intro", "value")
    table = labels.bind_headers(gr.Dataframe(headers=labels.headers(PROMPT_HEADERS), interactive=False,
                                             elem_id="prompts-table"), PROMPT_HEADERS)
    choice = labels.bind(gr.Dropdown(choices=[], label=labels("prompts.prompt"), elem_id="prompts-choice"), "prompts.prompt")
    detail = gr.Markdown(elem_id="prompts-detail")

    labels.bind(gr.Markdown(labels("prompts.edit_heading")), "prompts.edit_heading", "value")
    system = labels.bind(gr.Textbox(lines=8, label=labels("prompts.system"), elem_id="prompts-system"), "prompts.system")
    template = labels.bind(gr.Textbox(lines=8, label=labels("prompts.template"), elem_id="prompts-template"),
                           "prompts.template")
    with gr.Row():
        name = labels.bind(gr.Textbox(label=labels("prompts.variant_name"), elem_id="prompts-variant-name"),
                           "prompts.variant_name")
        note = labels.bind(gr.Textbox(label=labels("prompts.note"), elem_id="prompts-note"), "prompts.note")
        save = labels.bind(gr.Button(labels("prompts.save"), variant="primary", elem_id="prompts-save"),
                           "prompts.save", "value")
    with labels.bind(gr.Accordion(labels("prompts.yaml"), open=False, elem_id="prompts-yaml-box"), "prompts.yaml"):
        whole = gr.Code(language="yaml", lines=16, elem_id="prompts-yaml")
        save_yaml = labels.bind(gr.Button(labels("prompts.save_yaml"), elem_id="prompts-save-yaml"),
                                "prompts.save_yaml", "value")
    save_status = gr.Markdown(elem_id="prompts-save-status")
    variants_table = labels.bind_headers(gr.Dataframe(headers=labels.headers(VARIANT_HEADERS), interactive=False,
                                                      elem_id="prompts-variants"), VARIANT_HEADERS)

    labels.bind(gr.Markdown(labels("prompts.run_heading")), "prompts.run_heading", "value")
    with gr.Row():
        run_suites = labels.bind(gr.CheckboxGroup(suite_names(), label=labels("prompts.suites"),
                                                  elem_id="prompts-run-suites"), "prompts.suites")
        run_variants = labels.bind(gr.CheckboxGroup([], label=labels("prompts.variants"),
                                                    elem_id="prompts-run-variants"), "prompts.variants")
        model = labels.bind_choices(labels.bind(gr.Radio(labels.choices(MODELS), value="fake", label=labels("eval.model"),
                                                         elem_id="prompts-run-model"), "eval.model"), MODELS)
    start = labels.bind(gr.Button(labels("prompts.run"), variant="primary", elem_id="prompts-run"), "prompts.run", "value")
    verdicts = gr.Markdown(elem_id="prompts-verdicts")
    with gr.Row():
        run_choice = labels.bind(gr.Dropdown(choices=[], label=labels("prompts.report_of"), elem_id="prompts-report-choice"),
                                 "prompts.report_of")
        case = labels.bind(gr.Dropdown(choices=[], label=labels("prompts.case"), elem_id="prompts-case"), "prompts.case")
    case_outputs = gr.HTML(elem_id="prompts-case-outputs")
    report = gr.HTML(elem_id="prompts-report")

    labels.bind(gr.Markdown(labels("prompts.adopt_heading")), "prompts.adopt_heading", "value")
    with gr.Row():
        adopt_choice = labels.bind(gr.Dropdown(choices=[], label=labels("prompts.variant"), elem_id="prompts-adopt-choice"),
                                   "prompts.variant")
        adopt_button = labels.bind(gr.Button(labels("prompts.adopt"), variant="stop", elem_id="prompts-adopt"),
                                   "prompts.adopt", "value")
        export_button = labels.bind(gr.Button(labels("prompts.export"), elem_id="prompts-export"), "prompts.export", "value")
        delete_button = labels.bind(gr.Button(labels("prompts.delete"), elem_id="prompts-delete"), "prompts.delete", "value")
    adopt_status = gr.Markdown(elem_id="prompts-adopt-status")
    adopted = gr.State(False)  # whether the last Adopt changed prompts/, so the editor reloads only then
    patch_file = labels.bind(gr.File(label=labels("prompts.patch"), interactive=False, elem_id="prompts-patch"),
                             "prompts.patch")
    history_table = labels.bind_headers(gr.Dataframe(headers=labels.headers(HISTORY_HEADERS), interactive=False,
                                                     elem_id="prompts-history"), HISTORY_HEADERS)

    # --- listing -----------------------------------------------------------------------------------

    def prompt_rows(lang="en"):
        prompts = store.current()
        suites = workbench.suites_by_prompt(list(prompts))
        return [[pid, p.version, p.description, "; ".join(suite_label(s, lang) for s in suites[pid]) or "–"]
                for pid, p in prompts.items()]

    def variant_rows(lang="en"):
        return [[v.name, ", ".join(v.prompts), v.made_by, v.made_at, v.note,
                 t("prompts.adopted_by", lang).format(at=v.adopted["at"], by=v.adopted["by"]) if v.adopted else ""]
                for v in store.list()]

    def history_rows():
        return [[h["at"], h["by"], h["variant"], ", ".join(f"{p} {c['from']}→{c['to']}" for p, c in h["prompts"].items()),
                 ", ".join(f"{s}: {b['run']}" for s, b in h["blessed"].items())] for h in workbench.history(settings)]

    def variant_choices(keep=None):
        """Run and adopt choices: the variants not adopted yet; the chosen one stays chosen if it still is."""
        open_names = [v.name for v in store.list() if not v.adopted]
        return gr.update(choices=open_names), gr.update(choices=open_names, value=keep if keep in open_names else None)

    def listing(chosen=None, keep=None, lang="en"):
        rows = prompt_rows(lang)
        ids = [row[0] for row in rows]
        value = chosen if chosen in ids else (ids[0] if ids else None)
        return (rows, gr.update(choices=ids, value=value), variant_rows(lang), *variant_choices(keep), history_rows(),
                gr.update(choices=_run_ids()))

    def listing_in(lang):
        return listing(lang=lang)

    def detail_markdown(prompt_id, lang="en"):
        prompt = store.current().get(prompt_id)
        if prompt is None:
            return ""
        suites = [suite_label(s, lang) for s in workbench.suites_by_prompt([prompt_id])[prompt_id]]
        return prompt_markdown(prompt, suites, lang)

    def show(prompt_id, lang="en"):
        prompts = store.current()
        if prompt_id not in prompts:
            return "", "", "", ""
        from assistant.prompts import dump_prompt

        prompt = prompts[prompt_id]
        return (detail_markdown(prompt_id, lang), prompt.system,
                prompt.user, dump_prompt(prompt))

    # --- editing -----------------------------------------------------------------------------------

    def save_variant(prompt_id, system_text, template_text, variant_name, note_text, lang="en",
                     request: gr.Request = None):
        prompts = store.current()
        if prompt_id not in prompts:
            raise gr.Error(t("prompts.no_prompt", lang))
        try:
            data = edited_prompt(prompts[prompt_id], _bare(system_text), _bare(template_text))
        except OppiError as error:
            raise gr.Error(str(error)) from None
        return _save(prompt_id, data, variant_name, note_text, lang, request)

    def save_file(prompt_id, text, variant_name, note_text, lang="en", request: gr.Request = None):
        """The whole file (description, variables, examples too), checked as a file in prompts/ is."""
        import yaml

        if prompt_id not in store.current():
            raise gr.Error(t("prompts.no_prompt", lang))
        try:
            data = yaml.safe_load(text or "")
        except yaml.YAMLError as error:
            # PyYAML explains in English; where it stopped reading says enough in any language.
            mark = getattr(error, "problem_mark", None)
            where = t("prompts.yaml_at", lang).format(line=mark.line + 1, column=mark.column + 1) if mark else ""
            raise gr.Error(t("prompts.bad_yaml", lang).format(prompt=prompt_id, where=where)) from None
        return _save(prompt_id, data, variant_name, note_text, lang, request)

    def _save(prompt_id, data, variant_name, note_text, lang, request):
        if not (variant_name or "").strip():
            raise gr.Error(t("prompts.no_name", lang))
        who, _ = signed_in(services, request, lang)
        try:
            variant = store.save((variant_name or "").strip(), {prompt_id: data}, who, note_text or "")
        except OppiError as error:
            raise gr.Error(str(error)) from None
        status = t("prompts.saved", lang).format(name=variant.name, prompts=", ".join(variant.prompts), who=who,
                                                 when=variant.updated_at)
        return status, variant_rows(lang), *variant_choices()

    # --- running -----------------------------------------------------------------------------------

    def _run_ids() -> list[str]:
        return [run_dir.name for run_dir, _ in workbench.workbench_runs(runs_dir)]

    def run(suites, names, chosen_model, lang="en", progress=gr.Progress()):  # noqa: B008 - how Gradio injects progress
        try:
            runs = workbench.run_variants(settings, list(suites or []), list(names or []), chosen_model,
                                          progress=lambda done, total, what: progress((done, total), desc=what))
        except OppiError as error:
            raise gr.Error(str(error)) from None
        lines = []
        for item in runs:
            if item.skipped:
                lines.append(f"- **{item.suite}**: {item.skipped}")
            for vname, judged in item.verdicts.items():
                gate = t_or("gate", GATE_NAMES.get(judged["exit_code"], "?"), lang)
                lines.append(f"- **{item.suite} · {vname}: {gate}**: {judged['reason']}")
        done = [item.run_dir.name for item in runs if item.run_dir]
        if done:
            from assistant.evals.storage import find_run, read_json

            manifest = read_json(find_run(done[0], runs_dir) / "manifest.json")
            cache = manifest["cache"]
            used = t("prompts.cache", lang).format(mode=cache["mode"], hits=cache["hits"], misses=cache["misses"])
            lines.append(f"\n{t('prompts.model_used', lang)}: {manifest['models']['chat']}; {used}")
        first = done[0] if done else None
        frame, case_update, columns = _report(first, lang)
        return "\n".join(lines), gr.update(choices=_run_ids(), value=first), case_update, columns, frame

    def _report(run_id, lang="en"):
        """The run's side-by-side report, its cases and the first case's outputs in columns."""
        if not run_id:
            return "", gr.update(choices=[], value=None), ""
        from assistant.evals.storage import find_run, read_json

        try:
            run_dir = find_run(run_id, runs_dir)
        except OppiError as error:
            raise gr.Error(str(error)) from None
        summary = read_json(run_dir / "summary.json")
        cases = list(dict.fromkeys(cid for v in summary["variants"].values() for cid in v["cases"]))
        return report_frame(run_dir, lang), gr.update(choices=cases, value=cases[0] if cases else None), \
            _columns(run_id, cases[0] if cases else None)

    def _columns(run_id, case_id):
        if not run_id or not case_id:
            return ""
        from assistant.evals.report import case_columns
        from assistant.evals.storage import find_run, read_json

        summary = read_json(find_run(run_id, runs_dir) / "summary.json")
        return f"{COLUMNS_CSS}<h4>{html.escape(case_id)}</h4>{case_columns(summary, case_id)}"

    # --- adopting and exporting --------------------------------------------------------------------

    def adopt(variant_name, shown_prompt, lang="en", request: gr.Request = None, progress=gr.Progress()):  # noqa: B008
        who, role = signed_in(services, request, lang)
        if not variant_name:
            raise gr.Error(t("prompts.no_variant", lang))
        try:
            record = workbench.adopt(settings, variant_name, who, role,
                                     progress=lambda done, total, what: progress((done, total), desc=what))
        except workbench.AdoptionRefused as refused:
            return (f"**{t('prompts.refused', lang)}** {refused}", *listing(shown_prompt, variant_name, lang), False)
        except OppiError as error:
            raise gr.Error(str(error)) from None
        # The services read prompts when they build a drafter or chat; build them again on the new ones.
        for cached in ("drafting", "chat", "review"):
            services.__dict__.pop(cached, None)
        changes = ", ".join(f"{pid} {c['from']} → {c['to']}" for pid, c in record["prompts"].items())
        blessed = ", ".join(f"{s} ({b['run']})" for s, b in record["blessed"].items())
        status = t("prompts.adopted", lang).format(name=variant_name, changes=changes, blessed=blessed)
        return (status, *listing(shown_prompt, lang=lang), True)

    def show_adopted(was_adopted, prompt_id, lang="en"):
        """The editor shows the adopted version; after a refusal it keeps whatever the planner is writing
        (a reload there raced the planner's next edit and overwrote it)."""
        return show(prompt_id, lang) if was_adopted else (gr.update(),) * len(shown)

    def export(variant_name, lang="en"):
        if not variant_name:
            raise gr.Error(t("prompts.no_variant", lang))
        try:
            patch = store.patch(variant_name)
        except OppiError as error:
            raise gr.Error(str(error)) from None
        path = Path(tempfile.mkdtemp(prefix="oppi-patch-")) / f"{variant_name}.patch"
        path.write_text(patch, encoding="utf-8")
        return str(path), f"```diff\n{patch}```"

    def delete(variant_name, shown_prompt, lang="en"):
        if not variant_name:
            raise gr.Error(t("prompts.no_variant", lang))
        try:
            store.delete(variant_name)
        except OppiError as error:
            raise gr.Error(str(error)) from None
        return (t("prompts.deleted", lang).format(name=variant_name), *listing(shown_prompt, lang=lang))

    listed = [table, choice, variants_table, run_variants, adopt_choice, history_table, run_choice]
    shown = [detail, system, template, whole]
    saved = [save_status, variants_table, run_variants, adopt_choice]
    lang = [language] if language is not None else []
    if language is not None:  # the detail follows a language switch; the edits in progress stay
        language.change(detail_markdown, [choice, language], detail, api_visibility="private")
    choice.change(show, [choice, *lang], shown)
    save.click(save_variant, [choice, system, template, name, note, *lang], saved)
    save_yaml.click(save_file, [choice, whole, name, note, *lang], saved)
    start.click(run, [run_suites, run_variants, model, *lang], [verdicts, run_choice, case, case_outputs, report])
    run_choice.input(_report, [run_choice, *lang], [report, case, case_outputs])
    case.input(_columns, [run_choice, case], case_outputs)
    # The editor is not an output of adopt itself: an error there would cover it with an error badge.
    adopt_button.click(adopt, [adopt_choice, choice, *lang], [adopt_status, *listed, adopted]).success(
        show_adopted, [adopted, choice, *lang], shown)
    export_button.click(export, [adopt_choice, *lang], [patch_file, adopt_status])
    delete_button.click(delete, [adopt_choice, choice, *lang], [adopt_status, *listed])
    return {"listing": listing, "listing_in": listing_in, "listed": listed, "show": show, "save": save_variant, "save_file": save_file,
            "run": run, "adopt": adopt, "export": export, "delete": delete}
