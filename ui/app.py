"""The planner's workspace: composes one module per tab; all work is done by `assistant` services."""

from __future__ import annotations

import gradio as gr

from ui.labels import Labels
from ui.locales import LANGUAGES, t
from ui.tabs.about import about_markdown, create_about
from ui.tabs.chat import create_chat
from ui.tabs.check import create_check
from ui.tabs.credentials import create_credentials
from ui.tabs.draft import create_draft
from ui.tabs.evaluations import create_evaluations
from ui.tabs.library import create_library
from ui.tabs.prompts import create_prompts


def create_app(services, lang: str = "en") -> gr.Blocks:
    labels = Labels(lang)
    with gr.Blocks(title="Oppi") as app:
        with gr.Row():
            labels.bind(gr.Markdown(labels("app.title")), "app.title", "value")
            language = labels.bind(
                gr.Radio([(name, code) for code, name in LANGUAGES.items()], value=lang,
                         label=labels("app.language"), elem_id="ui-language", scale=0),
                "app.language",
            )
        current_id = gr.BrowserState(None, storage_key="oppi-current-credential")
        with gr.Tabs() as tabs:
            with labels.bind(gr.Tab(labels("tab.chat"), id="chat", elem_id="tab-chat"), "tab.chat"):
                create_chat(services, labels)
            with labels.bind(gr.Tab(labels("tab.draft"), id="draft", elem_id="tab-draft"), "tab.draft"):
                draft = create_draft(services, labels, current_id, language)
            with labels.bind(gr.Tab(labels("tab.check"), id="check", elem_id="tab-check"), "tab.check"):
                create_check(services, labels, language)
            with labels.bind(gr.Tab(labels("tab.credentials"), id="credentials", elem_id="tab-credentials"), "tab.credentials"):
                credentials = create_credentials(services, labels, language)
            with labels.bind(gr.Tab(labels("tab.library"), id="library", elem_id="tab-library"), "tab.library"):
                library = create_library(services, labels, language)
            with labels.bind(gr.Tab(labels("tab.evaluations"), id="evaluations", elem_id="tab-evaluations"), "tab.evaluations"):
                evaluations = create_evaluations(services, labels, language)
            with labels.bind(gr.Tab(labels("tab.prompts"), id="prompts", elem_id="tab-prompts"), "tab.prompts"):
                prompts = create_prompts(services, labels, language)
            with labels.bind(gr.Tab(labels("tab.about"), id="about", elem_id="tab-about"), "tab.about"):
                about = create_about(services, labels)

        def open_saved(credential_id, lang, request: gr.Request):
            if not credential_id:
                raise gr.Error(t("app.choose_credential", lang))
            return credential_id, *draft["restore"](credential_id, lang, request)

        credentials["open"].click(
            open_saved, [credentials["choice"], language],
            [current_id, draft["state"], draft["table"], draft["status"], *draft["form"]],
        ).then(lambda: gr.Tabs(selected="draft"), None, tabs)
        restored = [draft["state"], draft["table"], draft["status"], *draft["form"]]
        listed = {
            credentials["listing"]: [credentials["table"], credentials["choice"]],
            library["refresh"]: [library["table"], library["remove_choice"]],
            evaluations["listing"]: [evaluations["table"], evaluations["choice"]],
            prompts["listing_in"]: prompts["listed"],
        }

        def about_for(request: gr.Request):
            return about_markdown(services, request, lang)

        def about_in(chosen, request: gr.Request):
            return about_markdown(services, request, chosen)

        app.load(draft["restore"], [current_id, language], restored)
        app.load(about_for, None, about)
        # A language switch relabels every component, then shows the tables and pages again in it.
        language.change(labels.updates, language, labels.components)
        language.change(draft["relabel"], [draft["state"], language], draft["table"])
        language.change(about_in, language, about, api_visibility="private")
        for listing, outputs in listed.items():
            app.load(listing, language, outputs)
            language.change(listing, language, outputs, api_visibility="private")
    return app


# Requests of one kind served at once: Gradio's default of one would make a team's saves queue
# behind each other; handlers wait mostly on the database and the model.
CONCURRENCY = 16


def serve(services, lang: str, host: str, port: int, shared_auth: tuple[str, str] | None = None) -> None:
    """Serve the workspace: with accounts, users sign in; behind single sign-on
    (OPPI_TRUSTED_USER_HEADER) the proxy's header names them. Uploads are size-limited."""
    from ui.session import launch_options

    if services.settings.trusted_user_header is None:
        app = create_app(services, lang).queue(default_concurrency_limit=CONCURRENCY)
        app.launch(server_name=host, server_port=port, show_error=True, **launch_options(services, shared_auth))
        return
    import uvicorn

    from assistant.errors import OppiError

    if shared_auth:
        raise OppiError("OPPI_TRUSTED_USER_HEADER is set: the proxy signs users in, so drop --auth.")
    uvicorn.run(single_sign_on_app(services, lang), host=host, port=port, log_level="warning")


def single_sign_on_app(services, lang: str = "en"):
    """The workspace as an ASGI app whose users are named by the trusted header."""
    from fastapi import FastAPI

    from ui.session import header_user, max_file_size

    header = services.settings.trusted_user_header
    app = create_app(services, lang).queue(default_concurrency_limit=CONCURRENCY)
    return gr.mount_gradio_app(FastAPI(), app, path="/",
                               auth_dependency=header_user(services, header),
                               max_file_size=max_file_size(services.settings), run_history=False, show_error=True)
