"""Credentials: saved credentials, their review (submit, comment, approve or return), history,
open and export. Every action is the signed-in user's, and the store checks what they may do."""

from __future__ import annotations

import tempfile
from pathlib import Path

import gradio as gr

from assistant.errors import OppiError
from assistant.services.publishing import export_to_file
from ui.locales import t, t_or
from ui.session import signed_in
from ui.tabs.check import place_name

# The formats offered (their names are the standards' own) -> export format.
FORMATS = {"Markdown": "markdown", "JSON": "json", "Open Badges 3.0": "ob3", "ELM JSON-LD": "elm"}
HEADERS = ["cred.col_id", "cred.col_title", "cred.col_owner", "cred.col_state", "cred.col_versions",
           "cred.col_updated", "status.accepted", "status.edited", "status.rejected", "status.suggested"]


def export_file(services, credential_id: str, fmt: str, by=None) -> str:
    """The export in a temporary folder for download; its path."""
    folder = Path(tempfile.mkdtemp(prefix="oppi-export-"))
    return str(export_to_file(services.store, credential_id, FORMATS[fmt], folder, by=by))


def review_markdown(record, lang: str = "en") -> str:
    line = t("cred.review_line", lang).format(state=t_or("state", record.state, lang), owner=record.owner or "—",
                                              revision=record.revision)
    if record.approval:
        line += t("cred.approved_line", lang).format(who=record.approved_by, when=record.approved_at[:10])
    return line


def event_target(event, lang: str = "en") -> str:
    if event.outcome_index is not None:
        return t("where.outcome", lang).format(n=event.outcome_index + 1)
    return place_name(event.field or "credential", lang)


def event_value(event, lang: str = "en") -> str:
    """The new value of an event as the planner reads it: an outcome's status or the credential's
    state in the workspace's language; texts, comments and versions exactly as written."""
    if event.action == "status":
        return t_or("status", event.new, lang)
    if event.field == "state":
        return t_or("state", event.new, lang)
    return event.new


def history_markdown(events, lang: str = "en") -> str:
    return "\n".join(
        f"- {e.timestamp[:19].replace('T', ' ')} · {e.actor or '—'} · {t_or('action', e.action, lang)} · "
        f"{event_target(e, lang)}" + (f": {event_value(e, lang)}" if e.new else "")
        for e in events
    ) or "—"


def create_credentials(services, labels, language) -> dict:
    """`language` is the workspace's language switch: states, history and alerts follow it."""
    labels.bind(gr.Markdown(labels("cred.intro")), "cred.intro", "value")
    refresh = labels.bind(gr.Button(labels("cred.refresh"), elem_id="cred-refresh"), "cred.refresh", "value")
    table = labels.bind_headers(gr.Dataframe(headers=labels.headers(HEADERS), interactive=False,
                                             elem_id="cred-table"), HEADERS)
    with gr.Row():
        choice = labels.bind(gr.Dropdown(choices=[], label=labels("cred.select"), elem_id="cred-choice"), "cred.select")
        open_button = labels.bind(gr.Button(labels("cred.open"), elem_id="cred-open"), "cred.open", "value")
    labels.bind(gr.Markdown(f"### {labels('cred.review')}"), "cred.review", "value", "### {}")
    review_state = gr.Markdown(elem_id="cred-review-state")
    seen = gr.State(None)  # the revision this browser was shown: approval is of what was read
    with gr.Row():
        submit = labels.bind(gr.Button(labels("cred.submit"), elem_id="cred-submit"), "cred.submit", "value")
        approve = labels.bind(gr.Button(labels("cred.approve"), variant="primary", elem_id="cred-approve"), "cred.approve", "value")
        send_back = labels.bind(gr.Button(labels("cred.return"), elem_id="cred-return"), "cred.return", "value")
    with gr.Row():
        comment = labels.bind(gr.Textbox(label=labels("cred.comment"), elem_id="cred-comment", scale=4), "cred.comment")
        comment_outcome = labels.bind(gr.Number(value=0, precision=0, minimum=0, label=labels("cred.comment_outcome"),
                                                elem_id="cred-comment-outcome"), "cred.comment_outcome")
        comment_add = labels.bind(gr.Button(labels("cred.comment_add"), elem_id="cred-comment-add"), "cred.comment_add", "value")
    labels.bind(gr.Markdown(f"### {labels('cred.comments')}"), "cred.comments", "value", "### {}")
    comments = gr.Markdown(elem_id="cred-comments")
    with gr.Row():
        fmt = labels.bind(gr.Radio(list(FORMATS), value="Open Badges 3.0", label=labels("cred.format"), elem_id="cred-format"), "cred.format")
        export_button = labels.bind(gr.Button(labels("cred.export"), variant="primary", elem_id="cred-export"), "cred.export", "value")
    download = labels.bind(gr.File(label=labels("cred.download"), elem_id="cred-download"), "cred.download")
    labels.bind(gr.Markdown(f"### {labels('cred.history')}"), "cred.history", "value", "### {}")
    history = gr.Markdown(elem_id="cred-history")

    def listing(lang: str, request: gr.Request):
        rows, choices = [], []
        for item in services.store.list(by=signed_in(services, request, lang)):
            counts = item.counts
            rows.append([item.id, item.title, item.owner or "—", t_or("state", item.state, lang), item.versions,
                         item.updated_at, counts.get("accepted", 0), counts.get("edited", 0),
                         counts.get("rejected", 0), counts.get("suggested", 0)])
            choices.append((f"{item.title} ({item.id})", item.id))
        return rows, gr.update(choices=choices, value=choices[0][1] if choices else None)

    def show(credential_id, lang: str, request: gr.Request):
        if not credential_id:
            return "", "", "", None
        try:
            _, record = services.store.open(credential_id, by=signed_in(services, request, lang))
        except OppiError as error:
            return str(error), "", "", None
        events = services.store.history(credential_id)
        notes = [e for e in events if e.action == "comment"]
        return review_markdown(record, lang), history_markdown(notes, lang), history_markdown(events, lang), record.revision

    def act(action: str):
        def handler(credential_id, revision, text, lang, request: gr.Request):
            if not credential_id:
                raise gr.Error(t("app.choose_credential", lang))
            try:
                services.store.review(credential_id, action, by=signed_in(services, request, lang), comment=text or "",
                                      expected_revision=revision)
            except OppiError as error:
                raise gr.Error(str(error)) from None
            return *show(credential_id, lang, request), ""
        return handler

    def add_comment(credential_id, text, number, lang, request: gr.Request):
        if not credential_id:
            raise gr.Error(t("app.choose_credential", lang))
        index = int(number) - 1 if number else None
        try:
            services.store.comment(credential_id, text or "", by=signed_in(services, request, lang), outcome_index=index)
        except OppiError as error:
            raise gr.Error(str(error)) from None
        return *show(credential_id, lang, request), ""

    def do_export(credential_id, chosen, lang, request: gr.Request):
        if not credential_id:
            raise gr.Error(t("app.choose_credential", lang))
        try:
            return export_file(services, credential_id, chosen, by=signed_in(services, request, lang))
        except OppiError as error:
            raise gr.Error(str(error)) from None

    shown = [review_state, comments, history, seen]
    refresh.click(listing, language, [table, choice])
    choice.change(show, [choice, language], shown)
    for button, action in ((submit, "submit"), (approve, "approve"), (send_back, "return")):
        button.click(act(action), [choice, seen, comment, language], [*shown, comment],
                     api_name=f"review_{action}").then(listing, language, [table, choice])
    comment_add.click(add_comment, [choice, comment, comment_outcome, language], [*shown, comment])
    export_button.click(do_export, [choice, fmt, language], download)
    return {"listing": listing, "table": table, "choice": choice, "open": open_button}
