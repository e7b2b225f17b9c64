"""Draft: a brief form, the skills read from it as chips to confirm, suggested outcomes to
accept, edit, reject or regenerate on the selected row (findings and ESCO beside each), saving."""

from __future__ import annotations

import gradio as gr
from pydantic import ValidationError

from assistant.drafting.common import as_credential
from assistant.errors import OppiError
from assistant.schemas import CredentialBrief, Finding, LearningOutcome, MicroCredential
from assistant.services import drafts
from ui.locales import t, t_or
from ui.session import signed_in

HEADERS = ["draft.col_number", "draft.col_status", "draft.col_outcome", "draft.col_bloom", "draft.col_strategy",
           "draft.col_findings", "draft.col_esco", "draft.col_sources"]
# The form's fields by the brief's field names, for saying which one is wrong.
FORM_FIELDS = {"title": "draft.title", "target_group": "draft.target_group", "level": "draft.level",
               "ects": "draft.ects", "skill_needs": "draft.skills", "work_context": "draft.work_context",
               "language": "draft.language"}


def brief_from_form(title, target_group, level, ects, skills, work_context, language, lang: str = "en") -> CredentialBrief:
    """The brief as the form holds it; a wrong field is named in the workspace's language."""
    fields = {"title": title.strip(), "target_group": target_group.strip(), "work_context": work_context.strip(),
              "language": language,
              "skill_needs": [line.strip(" -•\t") for line in skills.splitlines() if line.strip(" -•\t")]}
    wrong = []
    for name, value, kind in (("level", level, int), ("ects", ects, float)):
        try:
            fields[name] = kind(value) if value else None
        except (TypeError, ValueError):
            wrong.append(name)
    try:
        if not wrong:
            return CredentialBrief(**fields)
    except ValidationError as error:
        wrong = [str(e["loc"][0]) for e in error.errors() if e["loc"]]
    names = ", ".join(dict.fromkeys(t(FORM_FIELDS[n], lang) if n in FORM_FIELDS else n for n in wrong))
    raise gr.Error(t("draft.invalid_brief", lang).format(fields=names))


def table_rows(outcomes: list[LearningOutcome], findings: dict[int, list[Finding]], lang: str = "en") -> list[list]:
    return [
        [number, t_or("status", o.status, lang), o.text, "/".join(t_or("bloom", b.value, lang) for b in o.bloom),
         o.strategy or "",
         "; ".join(f"{f.id} {f.severity}: {f.message}" for f in findings.get(number, [])),
         "; ".join(f"{e.label} ({e.score:.2f})" for e in o.esco),
         "; ".join(dict.fromkeys(c.label() for c in o.citations))]
        for number, o in enumerate(outcomes, start=1)
    ]


def read_skills(brief: CredentialBrief) -> list[str]:
    try:
        return drafts.read_skills(brief)
    except OppiError as error:
        raise gr.Error(str(error)) from None


def confirmed_brief(brief: CredentialBrief, read: list[str], chips: list[str] | None) -> CredentialBrief:
    """The brief to draft from: as written while the chips are the skills read from it (the
    prose still guards against copying), else the planner's chips, one skill each."""
    chips = [c.strip() for c in chips or [] if c and c.strip()]
    if not chips or chips == read:
        return brief
    return brief.model_copy(update={"skill_needs": chips})


def create_draft(services, labels, current_id: gr.BrowserState, ui_lang) -> dict:
    """`ui_lang` is the workspace's language switch: statuses and alerts follow it."""
    labels.bind(gr.Markdown(labels("draft.intro")), "draft.intro", "value")
    with gr.Row():
        title = labels.bind(gr.Textbox(label=labels("draft.title"), elem_id="brief-title"), "draft.title")
        target_group = labels.bind(gr.Textbox(label=labels("draft.target_group"), elem_id="brief-target"), "draft.target_group")
    with gr.Row():
        level = labels.bind(gr.Dropdown([4, 5, 6, 7, 8], value=6, label=labels("draft.level"), elem_id="brief-level"), "draft.level")
        ects = labels.bind(gr.Number(value=5, label=labels("draft.ects"), elem_id="brief-ects"), "draft.ects")
        language = labels.bind(gr.Radio(["en", "fi"], value="en", label=labels("draft.language"), elem_id="brief-language"), "draft.language")
        strategy = labels.bind(gr.Dropdown(["auto", "composer", "llm", "hybrid"], value=services.settings.draft_strategy, label=labels("draft.strategy"), elem_id="brief-strategy"), "draft.strategy")
    skills = labels.bind(gr.Textbox(lines=4, label=labels("draft.skills"), elem_id="brief-skills"), "draft.skills")
    work_context = labels.bind(gr.Textbox(label=labels("draft.work_context"), elem_id="brief-context"), "draft.work_context")
    with gr.Row():
        read = labels.bind(gr.Button(labels("draft.read"), elem_id="draft-read"), "draft.read", "value")
        with_esco = labels.bind(gr.Checkbox(value=False, label=labels("draft.with_esco"), elem_id="draft-with-esco"), "draft.with_esco")
    # The skills read from the brief, as chips the planner removes, adds or rewrites before drafting.
    chips = labels.bind(gr.Dropdown(choices=[], value=[], multiselect=True, allow_custom_value=True,
                                    label=labels("draft.chips"), elem_id="draft-chips"), "draft.chips")
    run = labels.bind(gr.Button(labels("draft.run"), variant="primary", elem_id="draft-run"), "draft.run", "value")
    table = labels.bind_headers(labels.bind(
        gr.Dataframe(headers=labels.headers(HEADERS), interactive=False, wrap=True,
                     column_widths=["4%", "8%", "36%", "7%", "8%", "13%", "12%", "12%"],
                     label=labels("draft.table"), elem_id="draft-table"), "draft.table"), HEADERS)
    labels.bind(gr.Markdown(labels("draft.row_hint")), "draft.row_hint", "value")
    with gr.Row():
        number = labels.bind(gr.Number(value=1, precision=0, minimum=1, label=labels("draft.number"), elem_id="draft-number"), "draft.number")
        accept = labels.bind(gr.Button(labels("draft.accept"), elem_id="draft-accept"), "draft.accept", "value")
        reject = labels.bind(gr.Button(labels("draft.reject"), elem_id="draft-reject"), "draft.reject", "value")
        regenerate = labels.bind(gr.Button(labels("draft.regenerate"), elem_id="draft-regenerate"), "draft.regenerate", "value")
        take_esco = labels.bind(gr.Button(labels("draft.esco_accept"), elem_id="draft-esco-accept"), "draft.esco_accept", "value")
    with gr.Row():
        edit_text = labels.bind(gr.Textbox(label=labels("draft.edit_text"), elem_id="draft-edit-text", scale=4), "draft.edit_text")
        edit = labels.bind(gr.Button(labels("draft.edit"), elem_id="draft-edit"), "draft.edit", "value")
        save = labels.bind(gr.Button(labels("draft.save"), variant="primary", elem_id="draft-save"), "draft.save", "value")
    status = gr.Markdown(elem_id="draft-status")
    state = gr.State(None)  # {"id", "brief", "outcomes"} for this browser session
    form = [title, target_group, level, ects, skills, work_context, language]

    def render(current: dict, lang: str):
        brief, outcomes = current["brief"], current["outcomes"]
        # Like the Check tab: Finnish messages in the Finnish workspace, else the draft's language.
        message_lang = "fi" if lang == "fi" else None
        return table_rows(outcomes, drafts.findings_by_outcome(services.checker, brief, outcomes, message_lang), lang)

    def show_skills(*values):
        *brief_values, lang = values
        found = read_skills(brief_from_form(*brief_values, lang))
        return gr.update(choices=found, value=found), t("draft.skills_read", lang).format(n=len(found))

    def suggest(title_value, group, level_value, ects_value, skill_text, context, language_value,
                chosen, chip_values, esco, lang, progress=gr.Progress()):  # noqa: B008 - how Gradio injects progress
        brief_values = (title_value, group, level_value, ects_value, skill_text, context, language_value)
        brief = brief_from_form(*brief_values, lang)
        read_now = read_skills(brief) if chip_values else []
        brief = confirmed_brief(brief, read_now, chip_values)

        def embedding(done: int, total: int) -> None:  # the first ESCO use: every label, once
            progress((done, total), desc=t("draft.esco_progress", lang))

        try:
            result = services.drafting.draft(brief, chosen, esco=bool(esco), esco_progress=embedding)
        except OppiError as error:
            raise gr.Error(str(error)) from None
        current = {"id": None, "brief": brief, "outcomes": result.outcomes, "esco": []}
        note = t("draft.drafted", lang).format(n=len(result.outcomes), strategy=result.strategy)
        if result.errors:
            note += f" · {t('draft.problems', lang)}: " + "; ".join(result.errors)
        for skipped in result.skipped:
            note += f"\n\n⚠ {skipped}"
        return current, render(current, lang), note

    def select_row(current, event: gr.SelectData):
        # The row the planner clicks is the one the buttons act on.
        row = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
        return int(row) + 1

    def accept_esco(current, index, lang):
        outcome = _pick(current, index, lang)
        if not outcome.esco:
            raise gr.Error(t("draft.no_esco", lang))
        best = outcome.esco[0]
        current.setdefault("esco", [])
        if best.uri not in current["esco"]:
            current["esco"].append(best.uri)
        return current, t("draft.esco_linked", lang).format(label=best.label, uri=best.uri)

    def decide(current, index, decision, lang, request=None):
        outcome = _pick(current, index, lang)
        _persist_status(services, current, int(index) - 1, decision, by=signed_in(services, request, lang))
        outcome.status = decision
        return current, render(current, lang), decided(index, decision, lang)

    def decided(index, status: str, lang: str) -> str:
        return t("draft.decided", lang).format(n=int(index), status=t_or("status", status, lang))

    def accept_one(current, index, lang, request: gr.Request):
        return decide(current, index, "accepted", lang, request)

    def reject_one(current, index, lang, request: gr.Request):
        return decide(current, index, "rejected", lang, request)

    def edited(current, index, text: str, lang, request: gr.Request):
        outcome = _pick(current, index, lang)
        text = " ".join(text.split())
        if not text:
            raise gr.Error(t("draft.no_text", lang))
        _persist_status(services, current, int(index) - 1, "edited", text, by=signed_in(services, request, lang))
        outcome.text, outcome.status = text, "edited"
        outcome.verb, outcome.bloom = None, []  # the checker reads the new verb again
        return current, render(current, lang), decided(index, "edited", lang), ""

    def pick_for_edit(current, index):
        try:
            return _pick(current, index).text
        except gr.Error:
            return gr.update()

    def regenerate_one(current, index, lang):
        outcome = _pick(current, index, lang)
        try:
            new = services.drafting.regenerate(current["brief"], current["outcomes"], int(index) - 1)
        except OppiError as error:
            raise gr.Error(str(error)) from None
        current["outcomes"][int(index) - 1] = new
        return current, render(current, lang), t("draft.regenerated", lang).format(n=int(index), old=outcome.text)

    def save_current(current, lang, request: gr.Request):
        if not current:
            raise gr.Error(t("draft.nothing_to_save", lang))
        credential = as_credential(current["brief"], current["outcomes"])
        credential.esco_refs = list(current.get("esco", []))  # accepted ESCO skills
        # The revision this session last saw: someone else's save in between is not overwritten.
        revision = current.get("revision")
        try:
            credential_id, version = services.store.save(
                credential, credential_id=current["id"], note="saved from Draft",
                by=signed_in(services, request, lang), expected_revision=revision if current["id"] else None)
        except OppiError as error:
            raise gr.Error(str(error)) from None
        current["id"], current["revision"] = credential_id, (revision or 0) + 1 if current["id"] else 1
        return current, credential_id, t("draft.saved", lang).format(title=credential.title, version=version)

    def restore(credential_id, lang, request: gr.Request):
        """After a reload, show the credential this browser last worked on."""
        if not credential_id:
            return None, gr.update(), "", *[gr.update()] * len(form)
        try:
            credential, record = services.store.open(credential_id, by=signed_in(services, request, lang))
        except OppiError:
            return None, gr.update(), "", *[gr.update()] * len(form)
        current = open_credential(credential_id, credential, record.revision, lang)
        brief = current["brief"]
        return (current, render(current, lang), t("draft.opened", lang).format(title=credential.title),
                brief.title, brief.target_group, brief.level, brief.ects, "\n".join(brief.skill_needs),
                brief.work_context, brief.language)

    def relabel(current, lang):
        # An empty table shows new headings only with a value that carries them.
        if not current:
            return gr.update(value={"headers": [t(key, lang) for key in HEADERS], "data": []})
        return render(current, lang)

    read.click(show_skills, form + [ui_lang], [chips, status])
    run.click(suggest, form + [strategy, chips, with_esco, ui_lang], [state, table, status])
    table.select(select_row, [state], number)
    take_esco.click(accept_esco, [state, number, ui_lang], [state, status])
    accept.click(accept_one, [state, number, ui_lang], [state, table, status])
    reject.click(reject_one, [state, number, ui_lang], [state, table, status])
    regenerate.click(regenerate_one, [state, number, ui_lang], [state, table, status])
    edit.click(edited, [state, number, edit_text, ui_lang], [state, table, status, edit_text])
    number.change(pick_for_edit, [state, number], edit_text)
    save.click(save_current, [state, ui_lang], [state, current_id, status])
    return {"state": state, "table": table, "status": status, "form": form, "restore": restore, "relabel": relabel}


def open_credential(credential_id: str, credential: MicroCredential, revision: int | None = None,
                    lang: str = "en") -> dict:
    """Draft-tab state for a saved credential."""
    return {"id": credential_id, "brief": drafts.brief_of(credential, t("draft.untitled", lang)), "outcomes": list(credential.outcomes), "revision": revision,
            "esco": list(credential.esco_refs)}


def _pick(current, index, lang: str = "en") -> LearningOutcome:
    if not current or not current["outcomes"]:
        raise gr.Error(t("draft.no_outcomes", lang))
    if index is None or not 1 <= int(index) <= len(current["outcomes"]):
        raise gr.Error(t("draft.bad_number", lang).format(n=len(current["outcomes"])))
    return current["outcomes"][int(index) - 1]


def _persist_status(services, current, index: int, status: str, text: str | None = None, by=None) -> None:
    """Once a credential is saved, every decision is stored with who and when (and refused when
    someone else changed the credential since this session saw it)."""
    if current.get("id"):
        revision = current.get("revision")
        try:
            services.store.set_outcome_status(current["id"], index, status, new_text=text, by=by,
                                              expected_revision=revision)
        except OppiError as error:
            raise gr.Error(str(error)) from None
        if revision is not None:
            current["revision"] = revision + 1


