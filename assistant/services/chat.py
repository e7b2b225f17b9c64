"""Chat: answers from the library with numbered citations, or says the library is silent.

Two ways to answer (OPPI_CHAT_MODE): *extractive* quotes the retrieved sentences that answer
the question and generates nothing (the bundled 135M model cannot answer; plausible inventions
under real citations are worse than quotes); *generative* lets a capable model write, then
checks every sentence against the passages it cites and marks (or drops) what they do not
support. Retrieved text is data in both: instructing sentences are removed before anything
sees them, and the prompt fences passages off as data never to obey.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from langchain_core.language_models import BaseChatModel

from assistant.answer.baseline import off_topic_similarity
from assistant.answer.extractive import WEAK_DENSE_WEIGHTS, ExtractParams, Source, select
from assistant.answer.grounding import SupportParams, verify
from assistant.answer.injection import clean_title
from assistant.answer.injection import neutralise as _neutralise
from assistant.answer.scoring import quoted_from
from assistant.config import Settings
from assistant.index.library import Library, body_of
from assistant.ingest.chunking import looks_finnish
from assistant.llm import model_errors
from assistant.prompts import Prompt, get_prompt
from assistant.schemas import Answer, AnswerSentence, Passage

LEAD_IN = {"en": "From the library:", "fi": "Kirjaston mukaan:"}
NOT_SUPPORTED = {"en": "not supported by the sources", "fi": "lähteet eivät tue tätä"}


@dataclass
class Turn:
    question: str
    answer: str
    shown: str = ""  # the answer as a UI rendered it (mode note, marks), if it differs


def neutralise(text: str, lang: str = "en") -> str:
    """Instructing sentences (however disguised) replaced by a marker; see answer/injection.py."""
    return _neutralise(text, lang)


def format_passages(passages: list[Passage], limit: int = 100_000, langs: list[str] | None = None) -> str:
    """Numbered passages, titles and text cleaned of instructions, each cut to `limit` characters
    (prompt length is the local model's time to first token)."""
    blocks = []
    for number, passage in enumerate(passages, start=1):
        citation = passage.citation
        tag = "example" if citation.is_example else citation.kind
        lang = langs[number - 1] if langs else "en"
        quote = neutralise(citation.quote, lang)
        quote = quote if len(quote) <= limit else quote[:limit].rsplit(" ", 1)[0] + " …"
        label = citation.model_copy(update={"title": clean_title(citation.title),
                                            "section": clean_title(citation.section)}).label()
        blocks.append(f"[{number}] ({tag}) {label}\n<passage>\n{quote}\n</passage>")
    return "\n\n".join(blocks)


def question_lang(question: str) -> str:
    return "fi" if looks_finnish(question) else "en"


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


def join_overlapping(bodies: list[str]) -> str:
    """Consecutive chunk texts joined with the lines they share (the chunker's overlap) once."""
    text = bodies[0]
    for body in bodies[1:]:
        shared = next((n for n in range(min(len(text), len(body)), 0, -1) if text.endswith(body[:n])), 0)
        text = text + body[shared:] if shared else f"{text}\n\n{body}"
    return text


def resolve_mode(settings: Settings) -> str:
    """'auto' is extractive with the bundled local model, which cannot answer, else generative."""
    if settings.chat_mode != "auto":
        return settings.chat_mode
    bundled = settings.resolved_chat_provider == "local" and settings.local_model_path is None
    return "extractive" if bundled else "generative"


class ChatService:
    """One instance serves many conversations: all per-conversation state is in `history`."""

    def __init__(self, settings: Settings, library: Library,
                 llm: BaseChatModel | Callable[[], BaseChatModel]) -> None:
        self.settings = settings
        self.library = library
        self._llm = llm  # a callable is called on first use: extractive answers start no model
        self.mode = resolve_mode(settings)
        self.answer_prompt: Prompt = get_prompt("chat_answer", settings.prompts_dir)
        self.rewrite_prompt: Prompt = get_prompt("chat_rewrite", settings.prompts_dir)

    @property
    def llm(self) -> BaseChatModel:
        if not isinstance(self._llm, BaseChatModel):
            self._llm = self._llm()
        return self._llm

    def standalone_question(self, question: str, history: list[Turn]) -> str:
        """The question rewritten with the conversation, so retrieval sees what it refers to."""
        if not history:
            return question
        if self.mode == "extractive":
            # No model to rewrite with: the last question's words carry what "it" refers to.
            return f"{history[-1].question} {question}"
        transcript = "\n".join(f"Q: {t.question}\nA: {t.answer[:300]}" for t in history[-3:])
        with model_errors():
            reply = self.llm.invoke(self.rewrite_prompt.messages(history=transcript, question=question))
        rewritten = str(reply.content).strip().splitlines()[0].strip() if str(reply.content).strip() else ""
        # A weak model may answer instead of rewriting; keep the original words in the query.
        return f"{rewritten} {question}".strip() if rewritten and rewritten != question else question

    def coverage(self, query: str, dense, keyword) -> dict:
        """The evidence that the library covers the query: best similarity, its margin over
        off-topic text, best keyword score, and the verdict."""
        settings = self.settings
        best = dense[0][1] if dense else 0.0
        best_keyword = keyword[0][1] if keyword else 0.0
        vector = np.asarray(self.library.embeddings.embed_query(query), dtype=np.float32)
        margin = best - float(off_topic_similarity(vector, self.library.embeddings)[0])
        if self.library.dense_is_weak_for(query):
            # The bundled English model finds any Finnish text somewhat similar; shared words
            # (lemmas) are the better evidence there.
            covered = best >= settings.chat_min_similarity and best_keyword >= settings.chat_min_keyword_score
        else:
            # The margin over off-topic text decides: it keeps its meaning when the embedding
            # model, and so the scale of similarities, changes (e5 on the chat suite: covered
            # questions 0.098-0.183, out-of-scope ones -0.079-0.038). A passage that shares no
            # word with the question must also be very close.
            covered = (best >= settings.chat_min_similarity and margin >= settings.chat_min_margin
                       and (best_keyword > 0 or best >= settings.chat_strong_similarity))
            # A request worded as an order ("Kerro, ...", "Luettele ...") sits closer to off-topic
            # text than the same question asked, and the margin shrinks (0.03-0.05 on the dev set)
            # while the words it shares with the library do not: strong shared words (no
            # out-of-scope question of the suites reaches chat_min_keyword_score; they stay
            # below 3) with a positive margin also count.
            covered = covered or (best >= settings.chat_min_similarity and margin > 0
                                  and best_keyword >= settings.chat_min_keyword_score)
        return {"similarity": best, "margin": margin, "keyword": best_keyword, "covered": covered}

    def retrieve(self, query: str) -> tuple[list[Passage], bool]:
        """Passages for the query, and whether the library covers it at all."""
        k = self.settings.chat_extract_passages if self.mode == "extractive" else self.settings.chat_passages
        dense, keyword = self.library.rankings(query, k)
        covered = self.coverage(query, dense, keyword)["covered"]
        # The same rankings are fused: the query is searched once.
        return (self.library.fuse(query, dense, keyword, k) if covered else []), covered

    def sources(self, passages: list[Passage]) -> list[Source]:
        chunks = self.library.chunks_by_id()
        return [
            Source(number, p.citation.quote, chunks[p.citation.chunk_id].metadata.get("lang", "en")
                   if p.citation.chunk_id in chunks else "en", p.citation.section)
            for number, p in enumerate(passages, start=1)
        ]

    def whole_sections(self, passages: list[Passage]) -> list[Passage]:
        """Each passage widened to its whole section: chunks split a lead-in from its list
        ("ESG Part 1 has ten standards. In brief:" | "- 1.1 ..."), and a quote needs both."""
        by_section: dict[tuple, list] = {}
        for chunk in self.library.chunks():
            meta = chunk.metadata
            by_section.setdefault((meta.get("doc_id"), meta.get("section")), []).append(chunk)
        widened = []
        for passage in passages:
            citation = passage.citation
            parts = sorted(by_section.get((citation.doc_id, citation.section), []),
                           key=lambda c: c.metadata.get("chunk_index", 0))
            if len(parts) < 2:
                widened.append(passage)
                continue
            text = join_overlapping([body_of(c.text) for c in parts])
            widened.append(passage.model_copy(update={"citation": citation.model_copy(update={"quote": text})}))
        return widened

    def _meta(self) -> dict:
        return {"prompt_id": self.answer_prompt.id, "prompt_version": self.answer_prompt.version}

    def _abstain(self, question: str) -> Answer:
        return Answer(text=not_covered_text(question), citations=[], covered=False, mode=self.mode, **self._meta())

    def stream(self, question: str, history: list[Turn] | None = None) -> Iterator[str | Answer]:
        """Yield answer text as it comes, then the finished Answer."""
        history = history or []
        query = self.standalone_question(question, history)
        passages, covered = self.retrieve(query)
        if not covered:
            answer = self._abstain(question)
            yield answer.text
            yield answer
            return
        yield from self.stream_from(question, passages, query)

    def stream_from(self, question: str, passages: list[Passage], query: str | None = None) -> Iterator[str | Answer]:
        """An answer from the given passages (the evals plant poisoned ones here)."""
        if self.mode == "extractive":
            answer = self.extract(question, passages, query or question)
            yield answer.text
            yield answer
            return
        yield from self.generate(question, passages)

    def extract(self, question: str, passages: list[Passage], query: str) -> Answer:
        lang = question_lang(question)
        passages = self.whole_sections(passages)
        params = ExtractParams(
            sentences=self.settings.chat_extract_sentences,
            mmr_lambda=self.settings.chat_extract_mmr_lambda,
            min_relative_score=self.settings.chat_extract_min_relative,
        )
        if self.library.dense_is_weak_for(question):
            params.weights = WEAK_DENSE_WEIGHTS
        picked = select(query, lang, self.sources(passages), self.library.embeddings, params)
        # Units are joined (a lead-in with its list, a pronoun with its antecedent): whatever is
        # shown must still read, word for word, in the passage it cites, or it is not shown.
        picked = [c for c in picked if quoted_from(c.unit.text, c.source.text)]
        if not picked:
            return self._abstain(question)
        sentences = [AnswerSentence(text=c.unit.text, cites=[c.source.number]) for c in picked]
        lead = LEAD_IN[lang]
        text = lead + "\n\n" + "\n".join(f"- {s.text} [{s.cites[0]}]" for s in sentences)
        return Answer(text=text, citations=[p.citation for p in passages], covered=True, mode="extractive",
                      lead=lead, sentences=sentences, **self._meta())

    def generate(self, question: str, passages: list[Passage]) -> Iterator[str | Answer]:
        sources = self.sources(passages)
        passages_text = format_passages(passages, self.settings.chat_passage_chars, [s.lang for s in sources])
        messages = self.answer_prompt.messages(question=question, passages=passages_text)
        parts: list[str] = []
        with model_errors():
            for chunk in self.llm.stream(messages):
                token = str(chunk.content)
                if token:
                    parts.append(token)
                    yield token
        yield self.verified("".join(parts).strip(), question, passages, sources)

    def verified(self, text: str, question: str, passages: list[Passage], sources: list[Source]) -> Answer:
        """The model's text, each sentence checked against what it cites. No citation is added."""
        lang = question_lang(question)
        params = SupportParams(self.settings.chat_support_min_terms, self.settings.chat_support_min_margin)
        verdicts = verify(text, lang, sources, self.library.embeddings, params)
        sentences = [AnswerSentence(text=v.text, cites=v.cites, supported=v.supported, reason=v.reason) for v in verdicts]
        drop = self.settings.chat_unsupported == "drop"
        shown = [s for s in sentences if s.supported or not drop]
        marked = " ".join(s.text if s.supported else f"{s.text} ⚠ *({NOT_SUPPORTED[lang]})*" for s in shown)
        unsupported = sum(not s.supported for s in sentences)
        return Answer(text=marked or not_covered_text(question), citations=[p.citation for p in passages],
                      covered=bool(shown), mode="generative", sentences=shown, unsupported=unsupported,
                      dropped=len(sentences) - len(shown), **self._meta())

    def answer(self, question: str, history: list[Turn] | None = None) -> Answer:
        result = None
        for item in self.stream(question, history):
            if isinstance(item, Answer):
                result = item
        assert result is not None
        return result
