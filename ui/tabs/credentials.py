"""Credentials: saved credentials, their review (submit, comment, approve or return), history,
open and export. Every action is the signed-in user's, and the store checks what they may do."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import gradio as gr

from assistant.errors import OppiError
from assistant.store import STATE_NAMES
from ui.session import signed_in

# Label -> (export format, file suffix).
FORMATS = {
    "Markdown": ("markdown", ".md"),
    "JSON": ("json", ".json"),
    "Open Badges 3.0": ("ob3", ".ob3.json"),
    "ELM JSON-LD": ("elm", ".elm.jsonld"),
}
HEADERS = ["id", "title", "owner", "state", "versions", "updated", "accepted", "edited", "rejected", "suggested"]


def export_file(services, credential_id: str, fmt: str, by=None) -> str:
    """Write the export to a temporary file for download; return its path. An approved
    credential's export names its approver."""
    from assistant.exports import export_credential
    from assistant.exports.common import published_outcomes

    credential, record = services.store.open(credential_id, by=by)
    # Rejected outcomes stay in the history, never in what is published.
    credential = credential.model_copy(update={"outcomes": published_outcomes(credential)})
    export_format, suffix = FORMATS[fmt]
    slug = re.sub(r"[^a-z0-9]+", "-", (credential.title or "credential").lower()).strip("-")[:60] or "credential"
    path = Path(tempfile.mkdtemp(prefix="oppi-export-")) / f"{slug}{suffix}"
    path.write_text(export_credential(credential, export_format, approval=record.approval), encoding="utf-8")
    return str(path)


def review_markdown(record) -> str:
    line = f"**{STATE_NAMES.get(record.state, record.state)}** · owner {record.owner or '—'} · revision {record.revision}"
    if record.approval:
        line += f" · approved by **{record.approved_by}** on {record.approved_at[:10]}"
    return line


def history_markdown(events) -> str:
    return "\n".join(
        f"- {e.timestamp[:19].replace('T', ' ')} · {e.actor or '—'} · {e.action} · {e.target}" + (f": {e.new}" if e.new else "")
        for e in events
    ) or "—"


def create_credentials(services, labels) -> dict:
    labels.bind(gr.Markdown(labels("cred.intro")), "cred.intro", "value")
    refresh = labels.bind(gr.Button(labels("cred.refresh"), elem_id="cred-refresh"), "cred.refresh", "value")
    table = gr.Dataframe(headers=HEADERS, interactive=False, elem_id="cred-table")
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
    download = gr.File(label="Download", elem_id="cred-download")
    labels.bind(gr.Markdown(f"### {labels('cred.history')}"), "cred.history", "value", "### {}")
    history = gr.Markdown(elem_id="cred-history")

    def listing(request: gr.Request):
        rows, choices = [], []
        for item in services.store.list(by=signed_in(services, request)):
            counts = item.counts
            rows.append([item.id, item.title, item.owner or "—", STATE_NAMES.get(item.state, item.state), item.versions,
                         item.updated_at, counts.get("accepted", 0), counts.get("edited", 0),
                         counts.get("rejected", 0), counts.get("suggested", 0)])
            choices.append((f"{item.title} ({item.id})", item.id))
        return rows, gr.update(choices=choices, value=choices[0][1] if choices else None)

    def show(credential_id, request: gr.Request):
        if not credential_id:
            return "", "", "", None
        try:
            _, record = services.store.open(credential_id, by=signed_in(services, request))
        except OppiError as error:
            return str(error), "", "", None
        events = services.store.history(credential_id)
        notes = [e for e in events if e.action == "comment"]
        return review_markdown(record), history_markdown(notes), history_markdown(events), record.revision

    def act(action: str):
        def handler(credential_id, revision, text, request: gr.Request):
            if not credential_id:
                raise gr.Error("Choose a saved credential first.")
            try:
                services.store.review(credential_id, action, by=signed_in(services, request), comment=text or "",
                                      expected_revision=revision)
            except OppiError as error:
                raise gr.Error(str(error)) from None
            return *show(credential_id, request), ""
        return handler

    def add_comment(credential_id, text, number, request: gr.Request):
        if not credential_id:
            raise gr.Error("Choose a saved credential first.")
        index = int(number) - 1 if number else None
        try:
            services.store.comment(credential_id, text or "", by=signed_in(services, request), outcome_index=index)
        except OppiError as error:
            raise gr.Error(str(error)) from None
        return *show(credential_id, request), ""

    def do_export(credential_id, chosen, request: gr.Request):
        if not credential_id:
            raise gr.Error("Choose a saved credential first.")
        try:
            return export_file(services, credential_id, chosen, by=signed_in(services, request))
        except OppiError as error:
            raise gr.Error(str(error)) from None

    shown = [review_state, comments, history, seen]
    refresh.click(listing, None, [table, choice])
    choice.change(show, choice, shown)
    for button, action in ((submit, "submit"), (approve, "approve"), (send_back, "return")):
        button.click(act(action), [choice, seen, comment], [*shown, comment],
                     api_name=f"review_{action}").then(listing, None, [table, choice])
    comment_add.click(add_comment, [choice, comment, comment_outcome], [*shown, comment])
    export_button.click(do_export, [choice, fmt], download)
    return {"listing": listing, "table": table, "choice": choice, "open": open_button}
