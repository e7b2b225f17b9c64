"""Chat: streaming answers from the library, with source cards."""

from __future__ import annotations

import gradio as gr

from assistant.errors import OppiError
from assistant.schemas import Answer, Citation
from assistant.services.chat import Turn

EXAMPLES = [
    "How many hours is one credit in Finland?",
    "Which elements must a micro-credential description contain?",
    "Mitä verbejä osaamistavoitteissa kannattaa välttää?",
    "How should assessment fit an outcome at the Create level?",
]


def source_cards(citations: list[Citation]) -> str:
    """Markdown cards: number, document, section, page and the quoted passage."""
    if not citations:
        return ""
    cards = []
    for number, c in enumerate(citations, start=1):
        where = " · ".join(part for part in (c.section, f"p. {c.page}" if c.page else "") if part)
        note = " — *example, not a rule*" if c.is_example else ""
        quote = " ".join(c.quote.split())
        cards.append(f"**[{number}] {c.title}**{note}  \n{where}\n\n> {quote[:500]}{'…' if len(quote) > 500 else ''}")
    return "\n\n".join(cards)


def create_chat(services, labels) -> None:
    labels.bind(gr.Markdown(labels("chat.intro")), "chat.intro", "value")
    with gr.Row():
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(height=420, label="Oppi", elem_id="chatbot")
            question = labels.bind(gr.Textbox(label=labels("chat.question"), elem_id="chat-question"), "chat.question")
            with gr.Row():
                send = labels.bind(gr.Button(labels("chat.send"), variant="primary", elem_id="chat-send"), "chat.send", "value")
                clear = labels.bind(gr.Button(labels("chat.clear"), elem_id="chat-clear"), "chat.clear", "value")
            gr.Examples(EXAMPLES, inputs=question, label=labels("chat.examples"))
        with gr.Column(scale=2):
            labels.bind(gr.Markdown(f"### {labels('chat.sources')}"), "chat.sources", "value", "### {}")
            sources = gr.Markdown(elem_id="chat-sources")
    history = gr.State([])  # this browser session's turns only

    def respond(text: str, turns: list[Turn]):
        messages = [m for t in turns for m in ({"role": "user", "content": t.question},
                                                {"role": "assistant", "content": t.answer})]
        if not text.strip():
            yield messages, turns, gr.update(), ""
            return
        messages += [{"role": "user", "content": text}, {"role": "assistant", "content": ""}]
        try:
            for item in services.chat.stream(text, turns):
                if isinstance(item, Answer):
                    messages[-1]["content"] = item.text
                    yield messages, turns + [Turn(text, item.text)], source_cards(item.citations), ""
                else:
                    messages[-1]["content"] += item
                    yield messages, turns, gr.update(), ""
        except OppiError as error:
            raise gr.Error(str(error)) from None

    send.click(respond, [question, history], [chatbot, history, sources, question], api_name="respond")
    question.submit(respond, [question, history], [chatbot, history, sources, question], api_visibility="private")
    clear.click(lambda: ([], [], ""), None, [chatbot, history, sources])
