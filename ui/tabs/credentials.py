"""Credentials: saved credentials, their review history, open and export."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import gradio as gr

from assistant.errors import OppiError

# Label -> (export format, file suffix).
FORMATS = {
    "Markdown": ("markdown", ".md"),
    "JSON": ("json", ".json"),
    "Open Badges 3.0": ("ob3", ".ob3.json"),
    "ELM JSON-LD": ("elm", ".elm.jsonld"),
}


def export_file(services, credential_id: str, fmt: str) -> str:
    """Write the export to a temporary file for download; return its path."""
    from assistant.exports import export_credential
    from assistant.exports.common import published_outcomes

    credential = services.store.load(credential_id)
    # Rejected outcomes stay in the history, never in what is published.
    credential = credential.model_copy(update={"outcomes": published_outcomes(credential)})
    export_format, suffix = FORMATS[fmt]
    slug = re.sub(r"[^a-z0-9]+", "-", (credential.title or "credential").lower()).strip("-")[:60] or "credential"
    path = Path(tempfile.mkdtemp(prefix="oppi-export-")) / f"{slug}{suffix}"
    path.write_text(export_credential(credential, export_format), encoding="utf-8")
    return str(path)


def create_credentials(services, labels) -> dict:
    labels.bind(gr.Markdown(labels("cred.intro")), "cred.intro", "value")
    refresh = labels.bind(gr.Button(labels("cred.refresh"), elem_id="cred-refresh"), "cred.refresh", "value")
    table = gr.Dataframe(headers=["id", "title", "versions", "updated", "accepted", "edited", "rejected", "suggested"],
                         interactive=False, elem_id="cred-table")
    with gr.Row():
        choice = labels.bind(gr.Dropdown(choices=[], label=labels("cred.select"), elem_id="cred-choice"), "cred.select")
        open_button = labels.bind(gr.Button(labels("cred.open"), elem_id="cred-open"), "cred.open", "value")
    with gr.Row():
        fmt = labels.bind(gr.Radio(list(FORMATS), value="Open Badges 3.0", label=labels("cred.format"), elem_id="cred-format"), "cred.format")
        export_button = labels.bind(gr.Button(labels("cred.export"), variant="primary", elem_id="cred-export"), "cred.export", "value")
    download = gr.File(label="Download", elem_id="cred-download")
    labels.bind(gr.Markdown(f"### {labels('cred.history')}"), "cred.history", "value", "### {}")
    history = gr.Markdown(elem_id="cred-history")

    def listing():
        rows, choices = [], []
        for item in services.store.list():
            counts = item.counts
            rows.append([item.id, item.title, item.versions, item.updated_at, counts.get("accepted", 0),
                         counts.get("edited", 0), counts.get("rejected", 0), counts.get("suggested", 0)])
            choices.append((f"{item.title} ({item.id})", item.id))
        return rows, gr.update(choices=choices, value=choices[0][1] if choices else None)

    def show_history(credential_id):
        if not credential_id:
            return ""
        events = services.store.history(credential_id)
        return "\n".join(f"- {e.timestamp} · {e.action} · {e.target}" + (f": {e.new}" if e.new else "") for e in events) or "—"

    def do_export(credential_id, chosen):
        if not credential_id:
            raise gr.Error("Choose a saved credential first.")
        try:
            return export_file(services, credential_id, chosen)
        except OppiError as error:
            raise gr.Error(str(error)) from None

    refresh.click(listing, None, [table, choice])
    choice.change(show_history, choice, history)
    export_button.click(do_export, [choice, fmt], download)
    return {"listing": listing, "table": table, "choice": choice, "open": open_button}
