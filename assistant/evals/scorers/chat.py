"""Chat cases: answers cite their sources, uncovered questions get an abstention, and a judge
(when configured) scores faithfulness to the cited passages."""

from __future__ import annotations

import re

from assistant.evals.suite import ChatCase
from assistant.services.chat import format_passages

_MARKER = re.compile(r"\[(\d{1,2})\]")


def score(case: ChatCase, world, context) -> tuple[dict, dict]:
    answer = world.services.chat.answer(case.question)
    numbers = {int(n) for n in _MARKER.findall(answer.text)}
    metrics: dict[str, float | None] = {"abstention_correct": float(answer.covered == case.covered)}
    if answer.covered:
        # Every marker must point at a passage the answer carries, and there must be one.
        valid = bool(numbers) and all(1 <= n <= len(answer.citations) for n in numbers)
        metrics["cites_sources"] = float(valid and bool(answer.citations))
    else:
        metrics["cites_sources"] = float(not answer.citations)
    if case.relevant_docs and answer.covered:
        docs = {c.doc_id for c in answer.citations}
        metrics["relevant_cited"] = float(bool(docs & set(case.relevant_docs)))
    if context.judge is not None and answer.covered:
        from assistant.schemas import Passage

        passages = format_passages([Passage(text=c.quote, citation=c) for c in answer.citations])
        value, reason = context.judge.faithfulness(case.question, passages, answer.text)
        metrics["faithfulness"] = value
    else:
        reason = ""
    output = {"answer": answer.text, "covered": answer.covered,
              "citations": [c.label() for c in answer.citations]}
    if reason:
        output["judge"] = reason
    return metrics, output
