"""Generated answers checked sentence by sentence against the passages each sentence cites.

A sentence is supported when it cites at least one passage it was given, every number and
named standard in it (ECTS, ESG, "ISO 9001") appears in the cited text, enough of its content
words appear there, and it is closer to one of the cited sentences than to off-topic text by a
margin (see baseline.py). Citations are never added: a sentence without one is unsupported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.answer.baseline import off_topic_similarity
from assistant.answer.extractive import Source, numbers_in
from assistant.answer.sentences import segments
from assistant.answer.units import passage_units
from assistant.index.bm25 import tokenize

MARKER = re.compile(r"\[(\d{1,2})\]")  # a format: the [n] citation marker
_NAMED = re.compile(r"\b[A-Z][A-Z0-9]{1,}(?:[-/ ]?\d+)*\b")  # acronyms and codes: ECTS, ESG, ISO 9001
_LEADING_MARKERS = re.compile(r"^\s*((?:\[\d{1,2}\]\s*)+)")


@dataclass
class Verdict:
    text: str
    cites: list[int]
    supported: bool
    reason: str = ""


@dataclass
class SupportParams:
    min_term_share: float = 0.5
    min_margin: float = 0.03


def split_cited(text: str, lang: str) -> list[tuple[str, list[int]]]:
    """The answer's sentences with their markers; a marker after the full stop ("... hours. [1]")
    belongs to the sentence before it."""
    pieces = [s.strip() for s in segments(text, lang) if s.strip()]
    merged: list[str] = []
    for piece in pieces:
        lead = _LEADING_MARKERS.match(piece)
        if lead and merged:
            merged[-1] = f"{merged[-1]} {lead.group(1).strip()}"
            piece = piece[lead.end():].strip()
        if piece:
            merged.append(piece)
    return [(s, [int(n) for n in MARKER.findall(s)]) for s in merged]


def _words(text: str) -> set[str]:
    return set(tokenize(text, "en")) | set(tokenize(text, "fi"))


def verify(text: str, lang: str, sources: list[Source], embeddings: Embeddings, params: SupportParams) -> list[Verdict]:
    by_number = {s.number: s for s in sources}
    pieces = split_cited(text, lang)
    if not pieces:
        return []
    bare = [MARKER.sub("", s).strip() for s, _ in pieces]
    vectors = np.asarray(embeddings.embed_documents(bare), dtype=np.float32)
    vectors /= np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
    off_topic = off_topic_similarity(vectors, embeddings)
    verdicts = []
    for (sentence, cites), plain, vector, baseline in zip(pieces, bare, vectors, off_topic, strict=True):
        cited = [by_number[n] for n in cites if n in by_number]
        verdicts.append(Verdict(sentence, cites, *_check(plain, cited, vector, float(baseline), embeddings, params)))
    return verdicts


def _check(sentence: str, cited: list[Source], vector, baseline: float, embeddings: Embeddings,
           params: SupportParams) -> tuple[bool, str]:
    if not cited:
        return False, "cites no passage it was given"
    source_text = "\n".join(s.text for s in cited)
    missing = sorted(numbers_in(sentence) - numbers_in(source_text))
    if missing:
        return False, f"numbers not in the cited text: {', '.join(missing)}"
    names = [n for n in _NAMED.findall(sentence) if n not in source_text]
    if names:
        return False, f"names not in the cited text: {', '.join(names)}"
    words = _words(sentence)
    if words:
        share = len(words & _words(source_text)) / len(words)
        if share < params.min_term_share:
            return False, f"only {share:.0%} of its terms are in the cited text"
    units = [u.text for s in cited for u in passage_units(s.text, s.lang)] or [source_text]
    unit_vectors = np.asarray(embeddings.embed_documents(units), dtype=np.float32)
    unit_vectors /= np.clip(np.linalg.norm(unit_vectors, axis=1, keepdims=True), 1e-12, None)
    closeness = float((unit_vectors @ vector).max())
    if closeness - baseline < params.min_margin:
        return False, "not close to the cited text"
    return True, ""
