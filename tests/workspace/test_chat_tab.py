"""The Chat tab says which way an answer was made and marks what the sources do not support (the
rendering, fast, in both modes and languages; then in a real browser, where a document's HTML
must also never load anything from outside)."""

from __future__ import annotations

import http.server
import threading

import pytest
from test_workspace import fill, open_tab, wait_text

from assistant.schemas import Answer, AnswerSentence
from ui.locales import t
from ui.tabs.chat import answer_markdown


def test_an_extractive_answer_says_it_is_quoted_and_nothing_generated():
    quoted = AnswerSentence(text="1 op on noin 27 tuntia opiskelijan työtä.", cites=[1])
    answer = Answer(text="Kirjaston mukaan:\n\n- 1 op on noin 27 tuntia opiskelijan työtä. [1]", citations=[],
                    covered=True, mode="extractive", lead="Kirjaston mukaan:", sentences=[quoted])
    for lang in ("en", "fi"):
        shown = answer_markdown(answer, lang)
        assert shown.startswith(f"*{t('chat.mode_extractive', lang)}*") and "27 tuntia" in shown
        assert t("chat.mode_generative", lang) not in shown


def test_a_generated_answer_marks_each_unsupported_sentence_and_counts_them():
    answer = Answer(text="", citations=[], covered=True, mode="generative", unsupported=1, sentences=[
        AnswerSentence(text="One credit is about 27 hours [1].", cites=[1], supported=True),
        AnswerSentence(text="It is 40 hours in Sweden [1].", cites=[1], supported=False, reason="numbers"),
    ])
    shown = answer_markdown(answer, "en")
    assert shown.startswith(f"*{t('chat.mode_generative', 'en')}*")
    assert "1 of 2 sentences" in shown
    assert f"⚠ ~~It is 40 hours in Sweden [1].~~ **({t('chat.unsupported', 'en')})**" in shown
    assert "One credit is about 27 hours [1]." in shown and "~~One credit" not in shown


@pytest.fixture
def tracker(free_port_factory):
    """A loopback server that counts the requests a page makes to it."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            hits.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port_factory()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


@pytest.mark.slow
def test_unsupported_sentences_are_marked_and_document_html_loads_nothing(page, screenshot, tmp_path, tracker):
    url, hits = tracker
    memo = tmp_path / "mentoring.md"
    memo.write_text("---\ntitle: Mentoring handbook\nkind: quality\nlang: en\n---\n## Mentors for new staff\n\n"
                    f'Every micro-credential team assigns a mentor who reviews outcomes. <img src="{url}/pixel.png">\n\n'
                    f"![logo]({url}/logo.png)\n", encoding="utf-8")
    open_tab(page, "library")
    page.locator("#lib-upload input[type=file]").set_input_files(str(memo))
    page.click("#lib-index")
    wait_text(page, "#lib-result", "1 files")

    open_tab(page, "chat")
    # The scripted model repeats the question as its answer: the 12 is in no source.
    fill(page, "#chat-question", "Do the 12 mentors of each micro-credential team review outcomes?")
    page.click("#chat-send")
    wait_text(page, "#chatbot", "not supported by the sources")
    chat = page.inner_text("#chatbot")
    assert "checked sentence by sentence" in chat and "1 of 1 sentences" in chat
    wait_text(page, "#chat-sources", "Mentoring handbook")
    page.wait_for_timeout(500)
    assert hits == [], f"the page loaded {hits}"
    assert page.locator("#chat-sources img, #chatbot img").count() == 0
    screenshot(page, "chat-unsupported")
