"""Library: the indexed documents; upload with progress, remove, re-index; errors per file."""

from __future__ import annotations

import shutil
from pathlib import Path

import gradio as gr

from assistant.config import BUILTIN_CORPUS
from assistant.errors import OppiError


def document_rows(services) -> list[list]:
    return [[d.doc_id, d.title, d.kind, d.lang, d.chunks, d.version] for d in services.library.documents()]


def create_library(services, labels) -> dict:
    labels.bind(gr.Markdown(labels("lib.intro")), "lib.intro", "value")
    table = gr.Dataframe(headers=["doc id", "title", "kind", "lang", "chunks", "version"], interactive=False,
                         elem_id="lib-table")
    upload = labels.bind(gr.File(file_count="multiple", file_types=[".md", ".txt", ".pdf", ".docx", ".json"],
                                 label=labels("lib.upload"), elem_id="lib-upload"), "lib.upload")
    with gr.Row():
        index_button = labels.bind(gr.Button(labels("lib.index"), variant="primary", elem_id="lib-index"), "lib.index", "value")
        reindex = labels.bind(gr.Button(labels("lib.reindex"), elem_id="lib-reindex"), "lib.reindex", "value")
    with gr.Row():
        remove_choice = labels.bind(gr.Dropdown(choices=[], label=labels("lib.document"), elem_id="lib-remove-choice"), "lib.document")
        remove = labels.bind(gr.Button(labels("lib.remove"), variant="stop", elem_id="lib-remove"), "lib.remove", "value")
    result = gr.Markdown(elem_id="lib-result")
    uploads = services.settings.home / "uploads"

    def refresh():
        rows = document_rows(services)
        sources = [(f"{d.title} ({d.doc_id})", d.source) for d in services.library.documents()]
        return rows, gr.update(choices=sources, value=None)

    def run_index(paths: list[Path], progress: gr.Progress) -> str:
        from assistant.index.indexer import Indexer

        def report(name: str, done: int, total: int) -> None:
            progress((done, total), desc=f"Indexing {name}")

        try:
            summary = Indexer(services.settings, services.library).index_paths(paths, progress=report)
        except OppiError as error:
            raise gr.Error(str(error)) from None
        lines = [f"**{summary.line()}**"] + [f"- ✗ {Path(file).name}: {reason}" for file, reason in summary.errors]
        return "\n".join(lines)

    def index_uploads(files, progress=gr.Progress()):
        if not files:
            raise gr.Error("Choose files to upload first.")
        uploads.mkdir(parents=True, exist_ok=True)
        kept = []
        for file in files:
            source = Path(file if isinstance(file, str) else file.name)
            target = uploads / source.name
            shutil.copyfile(source, target)  # kept under OPPI_HOME so re-indexing finds it again
            kept.append(target)
        message = run_index(kept, progress)
        return (message, *refresh())

    def index_everything(progress=gr.Progress()):
        targets = [BUILTIN_CORPUS] + ([uploads] if uploads.exists() else [])
        return (run_index(targets, progress), *refresh())

    def remove_document(source):
        from assistant.index.indexer import Indexer

        if not source:
            raise gr.Error("Choose a document to remove.")
        removed = Indexer(services.settings, services.library).remove_source(source)
        if Path(source).parent == uploads:
            Path(source).unlink(missing_ok=True)
        return (f"Removed {removed} chunks.", *refresh())

    index_button.click(index_uploads, upload, [result, table, remove_choice])
    reindex.click(index_everything, None, [result, table, remove_choice])
    remove.click(remove_document, remove_choice, [result, table, remove_choice])
    return {"refresh": refresh, "table": table, "remove_choice": remove_choice}
