"""Chat: answers from the library with numbered citations, or says the library is silent."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel

from assistant.config import Settings
from assistant.index.library import Library
from assistant.ingest.chunking import looks_finnish
from assistant.llm import model_errors
from assistant.prompts import Prompt, get_prompt
from assistant.schemas import Answer, Passage

_CITED = re.compile(r"\[(\d{1,2})\]")
# Retrieved text is data. Lines that try to instruct the model are shown to it neutralised.
_INJECTION = re.compile(
    r"(ignore|disregard|forget)\s+(all\s+|any\s+)?(the\s+)?(previous|prior|above|earlier)\s+"
    r"(instructions|prompts?|rules)|system\s+prompt|you\s+are\s+now\b|unohda\s+(aiemmat|edelliset)\s+ohjeet",
    re.IGNORECASE,
)


@dataclass
class Turn:
    question: str
    answer: str


def neutralise(text: str) -> str:
    """Replace lines that address the model with a marker."""
    return "\n".join(
        "[a line that gave instructions was removed]" if _INJECTION.search(line) else line
        for line in text.splitlines()
    )


def format_passages(passages: list[Passage], limit: int = 100_000) -> str:
    """Numbered passages, each cut to `limit` characters (prompt length is the local model's
    time to first token)."""
    blocks = []
    for number, passage in enumerate(passages, start=1):
        citation = passage.citation
        tag = "example" if citation.is_example else citation.kind
        quote = neutralise(citation.quote)
        quote = quote if len(quote) <= limit else quote[:limit].rsplit(" ", 1)[0] + " …"
        blocks.append(f"[{number}] ({tag}) {citation.label()}\n<passage>\n{quote}\n</passage>")
    return "\n\n".join(blocks)


def not_covered_text(question: str) -> str:
    if looks_finnish(question):
        return (
            "Kirjasto ei kata tätä kysymystä: en löytänyt siitä yhtään riittävän osuvaa kohtaa. "
            "Lisää aihetta käsittelevä ohje tai laatukriteeri kirjastoon (`oppi index TIEDOSTO`)."
        )
    return (
        "The library does not cover this question: no passage was close enough to answer from. "
        "Add a guideline, quality criterion or past credential on the topic (`oppi index FILE`)."
    )


class ChatService:
    """One instance serves many conversations: all per-conversation state is in `history`."""

    def __init__(self, settings: Settings, library: Library, llm: BaseChatModel) -> None:
        self.settings = settings
        self.library = library
        self.llm = llm
        self.answer_prompt: Prompt = get_prompt("chat_answer", settings.prompts_dir)
        self.rewrite_prompt: Prompt = get_prompt("chat_rewrite", settings.prompts_dir)

    def standalone_question(self, question: str, history: list[Turn]) -> str:
        """The question rewritten with the conversation, so retrieval sees what it refers to."""
        if not history:
            return question
        transcript = "\n".join(f"Q: {t.question}\nA: {t.answer[:300]}" for t in history[-3:])
        with model_errors():
            reply = self.llm.invoke(self.rewrite_prompt.messages(history=transcript, question=question))
        rewritten = str(reply.content).strip().splitlines()[0].strip() if str(reply.content).strip() else ""
        # A weak model may answer instead of rewriting; keep the original words in the query.
        return f"{rewritten} {question}".strip() if rewritten and rewritten != question else question

    def retrieve(self, query: str) -> tuple[list[Passage], bool]:
        """Passages for the query, and whether the library covers it at all."""
        k = self.settings.chat_passages
        dense, keyword = self.library.rankings(query, k)
        best = dense[0][1] if dense else 0.0
        best_keyword = keyword[0][1] if keyword else 0.0
        settings = self.settings
        if self.library.dense_is_weak_for(query):
            # The English-only model finds any Finnish text somewhat similar; shared words
            # (lemmas) are the better evidence there.
            covered = best >= settings.chat_min_similarity and best_keyword >= settings.chat_min_keyword_score
        else:
            # A very close passage answers on meaning alone; a merely close one also needs
            # shared words (off-topic questions sit at 0.74-0.87 with e5, covered ones at 0.84+).
            covered = best >= settings.chat_strong_similarity or (
                best >= settings.chat_min_similarity and best_keyword >= settings.chat_min_keyword_score
            )
        # The same rankings are fused: the query is embedded and searched once.
        return (self.library.fuse(query, dense, keyword, k) if covered else []), covered

    def stream(self, question: str, history: list[Turn] | None = None) -> Iterator[str | Answer]:
        """Yield answer tokens as they come, then the finished Answer."""
        history = history or []
        query = self.standalone_question(question, history)
        passages, covered = self.retrieve(query)
        meta = {"prompt_id": self.answer_prompt.id, "prompt_version": self.answer_prompt.version}
        if not covered:
            text = not_covered_text(question)
            yield text
            yield Answer(text=text, citations=[], covered=False, **meta)
            return
        passages_text = format_passages(passages, self.settings.chat_passage_chars)
        messages = self.answer_prompt.messages(question=question, passages=passages_text)
        parts: list[str] = []
        with model_errors():
            for chunk in self.llm.stream(messages):
                token = str(chunk.content)
                if token:
                    parts.append(token)
                    yield token
        text = "".join(parts).strip()
        if not _CITED.search(text):
            # The answer must carry its sources even when a small model forgets the markers.
            sources = " ".join(f"[{n}]" for n in range(1, len(passages) + 1))
            suffix = f"\n\nSources: {sources}"
            text += suffix
            yield suffix
        yield Answer(text=text, citations=[p.citation for p in passages], covered=True, **meta)

    def answer(self, question: str, history: list[Turn] | None = None) -> Answer:
        result = None
        for item in self.stream(question, history):
            if isinstance(item, Answer):
                result = item
        assert result is not None
        return result
