"""Chat: streaming answers from the library, with source cards, the mode that answered and the
sentences its sources do not support."""

from __future__ import annotations

import gradio as gr

from assistant.errors import OppiError
from assistant.schemas import Answer, Citation
from assistant.services.chat import Turn, question_lang
from ui.locales import t
from ui.sanitise import safe_markdown

# Example questions in the workspace language (chat answers both languages either way).
EXAMPLES = {
    "en": ["How many hours is one credit in Finland?", "Which verbs should learning outcomes avoid?"],
    "fi": ["Kuinka monta tuntia yksi opintopiste on?", "Mitä verbejä osaamistavoitteissa kannattaa välttää?"],
}


def example_samples(lang: str) -> list[list[str]]:
    return [[question] for question in EXAMPLES.get(lang, EXAMPLES["en"])]


def source_cards(citations: list[Citation]) -> str:
    """Markdown cards: number, document, section, page and the quoted passage (sanitised)."""
    if not citations:
        return ""
    cards = []
    for number, c in enumerate(citations, start=1):
        where = " · ".join(part for part in (c.section, f"p. {c.page}" if c.page else "") if part)
        note = " — *example, not a rule*" if c.is_example else ""
        quote = " ".join(c.quote.split())
        quote = f"{quote[:500]}{'…' if len(quote) > 500 else ''}"
        cards.append(f"**[{number}] {safe_markdown(c.title)}**{note}  \n{safe_markdown(where)}\n\n> {safe_markdown(quote)}")
    return "\n\n".join(cards)


def answer_markdown(answer: Answer, lang: str) -> str:
    """The answer as the planner sees it: which way it was made, then its sentences, with the
    unsupported ones marked so they cannot pass for sourced."""
    if not answer.covered or answer.mode is None:
        return safe_markdown(answer.text)
    if answer.mode == "extractive":
        note = f"*{t('chat.mode_extractive', lang)}*"
        return f"{note}\n\n{safe_markdown(answer.text)}"
    lines = [f"*{t('chat.mode_generative', lang)}*"]
    if answer.unsupported:
        lines.append(f"**⚠ {t('chat.unsupported_count', lang).format(n=answer.unsupported, total=len(answer.sentences) + answer.dropped)}**")
    if answer.dropped:
        lines.append(f"*{t('chat.dropped', lang).format(n=answer.dropped)}*")
    body = " ".join(
        safe_markdown(s.text) if s.supported else f"⚠ ~~{safe_markdown(s.text)}~~ **({t('chat.unsupported', lang)})**"
        for s in answer.sentences
    )
    return "\n\n".join([*lines, body])


def create_chat(services, labels) -> None:
    labels.bind(gr.Markdown(labels("chat.intro")), "chat.intro", "value")
    with gr.Row():
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(height=420, label="Oppi", elem_id="chatbot")
            question = labels.bind(gr.Textbox(label=labels("chat.question"), elem_id="chat-question"), "chat.question")
            with gr.Row():
                send = labels.bind(gr.Button(labels("chat.send"), variant="primary", elem_id="chat-send"), "chat.send", "value")
                clear = labels.bind(gr.Button(labels("chat.clear"), elem_id="chat-clear"), "chat.clear", "value")
            # A Dataset rather than gr.Examples: its samples and label follow a language switch.
            examples = gr.Dataset(
                components=[question], samples=example_samples(labels.lang), label=labels("chat.examples"),
                elem_id="chat-examples",
            )
            labels.bind_update(examples, lambda lang: {"samples": example_samples(lang), "label": t("chat.examples", lang)})
        with gr.Column(scale=2):
            labels.bind(gr.Markdown(f"### {labels('chat.sources')}"), "chat.sources", "value", "### {}")
            sources = gr.Markdown(elem_id="chat-sources")
    history = gr.State([])  # this browser session's turns only

    def respond(text: str, turns: list[Turn]):
        messages = [m for t_ in turns for m in ({"role": "user", "content": safe_markdown(t_.question)},
                                                 {"role": "assistant", "content": t_.shown or safe_markdown(t_.answer)})]
        if not text.strip():
            yield messages, turns, gr.update(), ""
            return
        messages += [{"role": "user", "content": safe_markdown(text)}, {"role": "assistant", "content": ""}]
        streamed = ""
        try:
            for item in services.chat.stream(text, turns):
                if isinstance(item, Answer):
                    shown = answer_markdown(item, question_lang(text))
                    messages[-1]["content"] = shown
                    yield messages, turns + [Turn(text, item.text, shown)], source_cards(item.citations), ""
                else:
                    streamed += item
                    messages[-1]["content"] = safe_markdown(streamed)
                    yield messages, turns, gr.update(), ""
        except OppiError as error:
            raise gr.Error(str(error)) from None

    examples.click(lambda sample: sample[0], examples, question, api_visibility="private")
    send.click(respond, [question, history], [chatbot, history, sources, question], api_name="respond")
    question.submit(respond, [question, history], [chatbot, history, sources, question], api_visibility="private")
    clear.click(lambda: ([], [], ""), None, [chatbot, history, sources])
