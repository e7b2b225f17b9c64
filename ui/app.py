"""A first workspace page: search the library. The full planner workspace grows from here."""

from __future__ import annotations

import gradio as gr

from assistant.index.library import Library


def render_passages(library: Library, query: str, kind: str, lang: str) -> str:
    """Markdown source cards for the best passages."""
    if not query.strip():
        return "Type a question, for example *How many hours is one credit in Finland?*"
    passages = library.search(query, k=5, kind=kind or None, lang=lang or None)
    if not passages:
        return "The library has nothing on that. Add documents with `oppi index PATH`."
    cards = []
    for number, passage in enumerate(passages, start=1):
        citation = passage.citation
        quote = " ".join(citation.quote.split())
        cards.append(f"**[{number}] {citation.label()}**  \n`{citation.doc_id}` · {citation.kind} · {citation.lang if hasattr(citation, 'lang') else ''}\n\n> {quote[:600]}")
    return "\n\n---\n\n".join(cards)


def create_app(library: Library) -> gr.Blocks:
    with gr.Blocks(title="Oppi") as app:
        gr.Markdown("# Oppi\nA learning-design assistant for micro-credential planners.")
        with gr.Tab("Library search"):
            query = gr.Textbox(label="Question", placeholder="How many hours is one credit in Finland?")
            with gr.Row():
                kind = gr.Dropdown(["", "guideline", "quality", "credential", "other"], value="", label="Kind")
                lang = gr.Dropdown(["", "en", "fi", "sv", "other"], value="", label="Language")
            button = gr.Button("Search", variant="primary")
            results = gr.Markdown()
            for trigger in (button.click, query.submit):
                trigger(lambda q, k, l: render_passages(library, q, k, l), [query, kind, lang], results)
        with gr.Tab("Sources"):
            table = gr.Dataframe(headers=["doc id", "title", "kind", "lang", "version", "chunks"], interactive=False)
            refresh = gr.Button("Refresh")
            rows = lambda: [[d.doc_id, d.title, d.kind, d.lang, d.version, d.chunks] for d in library.documents()]  # noqa: E731
            refresh.click(rows, None, table)
            app.load(rows, None, table)
    return app
