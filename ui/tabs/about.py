"""About: which models and store are active, and corpus statistics. Never a key."""

from __future__ import annotations

from collections import Counter

import gradio as gr

from assistant.index.embeddings import E5_MODEL_NAME, LOCAL_MODEL_NAME
from assistant.llm import BUNDLED_MODEL_FILE
from ui.locales import t, t_or


def chat_model_line(settings, lang: str) -> str:
    """The chat model as `describe_chat_model` names it, in the workspace's language; never a key."""
    provider = settings.resolved_chat_provider
    if provider == "local":
        name = settings.local_model_path.name if settings.local_model_path else BUNDLED_MODEL_FILE
        return t("about.model_local", lang).format(name=name)
    if provider == "openai":
        return t("about.model_remote", lang).format(model=settings.chat_model,
                                                    url=settings.openai_base_url or "api.openai.com")
    return t("about.model_fake", lang)


def embedding_line(settings, lang: str) -> str:
    """The embedding model in the workspace's language; never a key, and no model is loaded."""
    if settings.embedding_provider == "openai":
        return t("about.model_remote", lang).format(model=f"openai:{settings.embedding_model}",
                                                    url=settings.openai_base_url or "api.openai.com")
    if settings.embedding_provider == "minilm":
        return t("about.embedding_bundled", lang).format(name=LOCAL_MODEL_NAME)
    return t("about.embedding_bundled", lang).format(name=f"{E5_MODEL_NAME} ({t('about.multilingual', lang)})")


def signed_in_line(services, request=None, lang: str = "en") -> str:
    """Who this browser is signed in as, and how."""
    from ui.session import signed_in

    user = signed_in(services, request, lang)
    if not services.accounts.any():
        return f"- **{t('about.signed_in', lang)}:** {user.username} ({t('about.no_accounts', lang)})"
    how = t("about.sso" if services.settings.trusted_user_header else "about.password", lang)
    return f"- **{t('about.signed_in', lang)}:** {user.username} ({user.role}, {how})"


def about_markdown(services, request=None, lang: str = "en") -> str:
    settings = services.settings
    embedding = embedding_line(settings, lang)
    store = (t("about.chroma_server", lang).format(url=settings.chroma_url) if settings.chroma_url
             else t("about.chroma_embedded", lang).format(path=settings.chroma_path))
    documents = services.library.documents()
    kinds = Counter(t_or("kind", d.kind, lang) for d in documents)
    langs = Counter(d.lang for d in documents)
    offline = settings.resolved_chat_provider == "local" and settings.embedding_provider != "openai"
    database = "PostgreSQL" if settings.database_url else t("about.sqlite", lang).format(path=settings.database_path)
    library = t("about.library_line", lang).format(documents=len(documents), chunks=sum(d.chunks for d in documents))

    def line(key: str, value) -> str:
        return f"- **{t(key, lang)}:** {value}"

    return "\n".join([
        signed_in_line(services, request, lang),
        line("about.mode", t("about.offline" if offline else "about.online", lang)),
        line("about.chat_model", chat_model_line(settings, lang)),
        line("about.strategy", services.drafting.resolve()),
        line("about.embedding", embedding),
        line("about.store", store),
        line("about.library", f"{library}; " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) + "; "
             + ", ".join(f"{k} {v}" for k, v in sorted(langs.items()))),
        line("about.database", database),
        line("about.home", settings.home),
        line("about.skills", t("about.esco", lang)),
    ])


def create_about(services, labels) -> gr.Markdown:
    labels.bind(gr.Markdown(labels("about.heading")), "about.heading", "value")
    return gr.Markdown(elem_id="about-text")
