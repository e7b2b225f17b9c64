"""Retrieval cases: rank metrics of the library's search against labelled sections."""

from __future__ import annotations

from assistant.evals.metrics import retrieval_scores
from assistant.evals.suite import Label, RetrievalCase
from assistant.schemas import Passage


def matches(passage: Passage, label: Label) -> bool:
    """Same document, and the label's section text inside the chunk's section heading."""
    citation = passage.citation
    return citation.doc_id == label.doc and label.section.lower() in citation.section.lower()


def score(case: RetrievalCase, world, context) -> tuple[dict, dict]:
    k = case.k or context.suite.k
    passages = world.services.library.search(case.query, k=k, mode=world.variant.mode)
    hits = [next((i for i, label in enumerate(case.relevant) if matches(p, label)), None) for p in passages]
    output = {"results": [f"{p.citation.doc_id} › {p.citation.section}" + (" ✓" if h is not None else "")
                          for p, h in zip(passages, hits, strict=True)]}
    return retrieval_scores(hits, len(case.relevant), k), output
