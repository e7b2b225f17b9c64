"""Library: the indexed documents; upload with progress, remove, re-index; errors per file.

All the work is the library service's (assistant.services.library); this tab only shows it.
"""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from assistant.errors import OppiError
from ui.locales import t, t_or

HEADERS = ["lib.col_doc", "lib.col_title", "lib.col_kind", "lib.col_lang", "lib.col_chunks", "lib.col_version"]


def summary_markdown(summary, lang: str) -> str:
    """The index summary in the workspace's language, then one ✗ line per file that failed."""
    line = t("lib.summary", lang).format(
        files=summary.files, added=summary.added, updated=summary.updated, skipped=summary.skipped,
        deleted=summary.deleted, errors=len(summary.errors),
    )
    return "\n".join([f"**{line}**"] + [f"- ✗ {Path(file).name}: {reason}" for file, reason in summary.errors])


def create_library(services, labels, language) -> dict:
    """`language` is the workspace's language switch: alerts follow it."""
    labels.bind(gr.Markdown(labels("lib.intro")), "lib.intro", "value")
    table = labels.bind_headers(gr.Dataframe(headers=labels.headers(HEADERS), interactive=False,
                                             elem_id="lib-table"), HEADERS)
    upload = labels.bind(gr.File(file_count="multiple", file_types=[".md", ".txt", ".pdf", ".docx", ".json"],
                                 label=labels("lib.upload"), elem_id="lib-upload"), "lib.upload")
    with gr.Row():
        index_button = labels.bind(gr.Button(labels("lib.index"), variant="primary", elem_id="lib-index"), "lib.index", "value")
        reindex = labels.bind(gr.Button(labels("lib.reindex"), elem_id="lib-reindex"), "lib.reindex", "value")
    with gr.Row():
        remove_choice = labels.bind(gr.Dropdown(choices=[], label=labels("lib.document"), elem_id="lib-remove-choice"), "lib.document")
        remove = labels.bind(gr.Button(labels("lib.remove"), variant="stop", elem_id="lib-remove"), "lib.remove", "value")
    result = gr.Markdown(elem_id="lib-result")
    library = services.library_service

    def refresh(lang: str = "en"):
        documents = library.documents()
        rows = [[d.doc_id, d.title, t_or("kind", d.kind, lang), d.lang, d.chunks, d.version] for d in documents]
        sources = [(f"{d.title} ({d.doc_id})", d.source) for d in documents]
        return rows, gr.update(choices=sources, value=None)

    def reporter(progress: gr.Progress, lang: str):
        return lambda name, done, total: progress((done, total), desc=t("lib.progress", lang).format(name=name))

    def run(job, lang: str):
        try:
            return summary_markdown(job(), lang)
        except OppiError as error:
            raise gr.Error(str(error)) from None

    def index_uploads(files, lang, progress=gr.Progress()):
        if not files:
            raise gr.Error(t("lib.no_files", lang))
        paths = [Path(file if isinstance(file, str) else file.name) for file in files]
        return (run(lambda: library.add_uploads(paths, reporter(progress, lang)), lang), *refresh(lang))

    def index_everything(lang, progress=gr.Progress()):
        return (run(lambda: library.reindex(reporter(progress, lang)), lang), *refresh(lang))

    def remove_document(source, lang):
        if not source:
            raise gr.Error(t("lib.no_document", lang))
        removed = library.remove(source)
        return (t("lib.removed", lang).format(n=removed), *refresh(lang))

    index_button.click(index_uploads, [upload, language], [result, table, remove_choice])
    reindex.click(index_everything, language, [result, table, remove_choice])
    remove.click(remove_document, [remove_choice, language], [result, table, remove_choice])
    return {"refresh": refresh, "table": table, "remove_choice": remove_choice}
