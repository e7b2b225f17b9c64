"""The planner's workspace: composes one module per tab; all work is done by `assistant` services."""

from __future__ import annotations

import gradio as gr

from ui.labels import Labels
from ui.locales import LANGUAGES
from ui.tabs.about import about_markdown, create_about
from ui.tabs.chat import create_chat
from ui.tabs.check import create_check
from ui.tabs.credentials import create_credentials
from ui.tabs.draft import create_draft
from ui.tabs.evaluations import create_evaluations
from ui.tabs.library import create_library


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
                draft = create_draft(services, labels, current_id)
            with labels.bind(gr.Tab(labels("tab.check"), id="check", elem_id="tab-check"), "tab.check"):
                create_check(services, labels, language)
            with labels.bind(gr.Tab(labels("tab.credentials"), id="credentials", elem_id="tab-credentials"), "tab.credentials"):
                credentials = create_credentials(services, labels)
            with labels.bind(gr.Tab(labels("tab.library"), id="library", elem_id="tab-library"), "tab.library"):
                library = create_library(services, labels, language)
            with labels.bind(gr.Tab(labels("tab.evaluations"), id="evaluations", elem_id="tab-evaluations"), "tab.evaluations"):
                evaluations = create_evaluations(services, labels)
            with labels.bind(gr.Tab(labels("tab.about"), id="about", elem_id="tab-about"), "tab.about"):
                about = create_about(services, labels)

        def open_saved(credential_id):
            if not credential_id:
                raise gr.Error("Choose a saved credential first.")
            return credential_id, *draft["restore"](credential_id)

        credentials["open"].click(
            open_saved, credentials["choice"],
            [current_id, draft["state"], draft["table"], draft["status"], *draft["form"]],
        ).then(lambda: gr.Tabs(selected="draft"), None, tabs)
        language.change(labels.updates, language, labels.components)
        app.load(draft["restore"], current_id, [draft["state"], draft["table"], draft["status"], *draft["form"]])
        app.load(credentials["listing"], None, [credentials["table"], credentials["choice"]])
        app.load(library["refresh"], None, [library["table"], library["remove_choice"]])
        app.load(evaluations["listing"], None, [evaluations["table"], evaluations["choice"]])
        app.load(lambda: about_markdown(services), None, about)
    return app
