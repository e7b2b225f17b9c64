"""What the chat suite measures about one answer: facts stated, every sentence cited, every
cited sentence supported by its passage. Kept beside the answering code so both read sentences
the same way; the eval harness only calls it."""

from __future__ import annotations

import re

from assistant.answer.grounding import MARKER
from assistant.schemas import Answer

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(MARKER.sub(" ", text))]


def quoted_from(sentence: str, passage: str) -> bool:
    """The sentence's words appear in the passage, contiguous and in order (Markdown marks,
    list bullets and the '; ' that joins list items aside)."""
    needle, hay = words(sentence), words(passage)
    if not needle:
        return False
    size = len(needle)
    return any(hay[i : i + size] == needle for i in range(len(hay) - size + 1))


def states(text: str, fact: str) -> bool:
    return any(option.strip().lower() in text.lower() for option in fact.split("|"))


def leftover(answer: Answer) -> str:
    """Text of the answer outside its lead-in and its listed sentences (must be none)."""
    rest = answer.text.replace(answer.lead, " ", 1) if answer.lead else answer.text
    for sentence in answer.sentences:
        rest = rest.replace(sentence.text, " ", 1)
    rest = MARKER.sub(" ", rest)
    return "".join(ch for ch in rest if ch.isalnum())


def answer_metrics(answer: Answer, facts: list[str]) -> dict[str, float]:
    """fact_stated, sentences_cited and sentences_supported of a covered answer."""
    count = len(answer.citations)
    cited = [s for s in answer.sentences if s.cites and all(1 <= n <= count for n in s.cites)]
    all_cited = bool(answer.sentences) and len(cited) == len(answer.sentences) and not leftover(answer)
    supported = []
    for sentence in cited:
        if answer.mode == "extractive":
            supported.append(any(quoted_from(sentence.text, answer.citations[n - 1].quote) for n in sentence.cites))
        else:
            supported.append(sentence.supported)
    metrics = {
        "sentences_cited": float(all_cited),
        "sentences_supported": float(bool(supported) and all(supported)),
    }
    if facts:
        metrics["fact_stated"] = float(all(states(answer.text, fact) for fact in facts))
    return metrics
