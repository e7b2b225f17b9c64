"""Extractive answers: the sentences of the retrieved passages that answer the question, quoted
as they stand, each with the number of its passage. Nothing is generated.

A sentence scores by closeness to the question (embedding similarity, rescaled within the
candidates so the scale of the embedding model does not matter), by the question's words and
numbers it shares (lemmas for Finnish, stems for English) and by its passage's rank. Maximal
marginal relevance (Carbonell & Goldstein 1998) keeps the picks from repeating each other, and
sentences in the question's language are preferred when the library has good ones.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.answer.quantity import answers_quantity, number_values, quantity_question
from assistant.answer.units import Unit, passage_units
from assistant.index.bm25 import tokenize, tokenize_query

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")  # a format: digits


@dataclass
class Source:
    """A numbered passage as the extractor sees it."""

    number: int
    text: str
    lang: str
    heading: str = ""  # the section heading: it names what the section answers


@dataclass
class Candidate:
    unit: Unit
    source: Source
    keywords: float = 0.0  # share of the question's content words the sentence has
    numbers: float = 0.0
    heading: float = 0.0  # share of the question's content words in the section heading
    quantity: float = 0.0  # for a how-many question: a number with the asked unit (quantity.py)
    similarity: float = 0.0
    score: float = 0.0


@dataclass
class ExtractParams:
    sentences: int = 3
    mmr_lambda: float = 0.85
    min_relative_score: float = 0.6
    min_keyword_share: float = 0.0
    # similarity, keywords, numbers, passage rank, section heading
    weights: tuple[float, float, float, float, float] = (0.4, 0.4, 0.1, 0.1, 0.3)
    # A how-many question is answered by a count of the asked thing, however close the rest is.
    quantity_weight: float = 0.3


# Where the embedding model cannot read the question's language, words decide.
WEAK_DENSE_WEIGHTS = (0.15, 0.55, 0.1, 0.1, 0.3)


def content_words(text: str, lang: str) -> set[str]:
    return set(tokenize(text, lang))


def numbers_in(text: str) -> set[str]:
    return {n.replace(",", ".") for n in _NUMBER.findall(text)}


def unit_rows(vectors) -> np.ndarray:
    array = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
    return array / np.clip(np.linalg.norm(array, axis=1, keepdims=True), 1e-12, None)


def candidates(sources: list[Source]) -> list[Candidate]:
    return [Candidate(unit, source) for source in sources for unit in passage_units(source.text, source.lang)]


def score(question: str, found: list[Candidate], embeddings: Embeddings, params: ExtractParams) -> np.ndarray:
    """Fills each candidate's evidence and score; returns the candidates' unit vectors."""
    # The question's words as each language's tokenizer reads them, to meet sentences in it.
    query_words_in = {lang: set(tokenize(question, lang)) or set(tokenize_query(question))
                      for lang in {c.source.lang for c in found}}
    # Numbers in digits or words, per language: "Mitkä neljä toteutustapaa" asks for a list of four.
    query_numbers_in = {lang: number_values(question, lang) for lang in query_words_in}
    asked_in = {lang: quantity_question(question, lang) for lang in query_words_in}
    leads = [i for i, c in enumerate(found) if c.unit.lead]
    vectors = unit_rows(embeddings.embed_documents([c.unit.text for c in found] + [found[i].unit.lead for i in leads]))
    query = unit_rows(embeddings.embed_query(question))[0]
    raw = vectors[: len(found)] @ query
    for row, i in enumerate(leads, start=len(found)):
        raw[i] = max(raw[i], float(vectors[row] @ query))  # a list is as close as its lead-in
    vectors = vectors[: len(found)]
    low, high = float(raw.min()), float(raw.max())
    w_sim, w_kw, w_num, w_rank, w_head = params.weights
    words_of = [content_words(c.unit.text, c.source.lang) for c in found]
    # A question word found in few candidates tells them apart ("toteutustapa"); one in nearly
    # all ("mikrotutkinto") hardly does: words weigh by their inverse frequency among candidates.
    weight = {w: math.log(1 + len(found) / (1 + sum(w in ws for ws in words_of)))
              for query_words in query_words_in.values() for w in query_words}

    def share(words: set[str], query_words: set[str]) -> float:
        total = sum(weight[w] for w in query_words)
        return sum(weight[w] for w in words & query_words) / total if total else 0.0

    for candidate, words, similarity in zip(found, words_of, raw, strict=True):
        query_words = query_words_in[candidate.source.lang]
        heading = content_words(candidate.source.heading, candidate.source.lang)
        candidate.keywords = share(words, query_words)
        candidate.heading = share(heading, query_words)
        if query_numbers := query_numbers_in[candidate.source.lang]:
            stated = number_values(candidate.unit.text, candidate.source.lang)
            if candidate.unit.items:
                stated.add(str(candidate.unit.items))
            candidate.numbers = len(stated & query_numbers) / len(query_numbers)
        candidate.similarity = (float(similarity) - low) / (high - low) if high > low else 1.0
        if (asked := asked_in[candidate.source.lang]) is not None:
            candidate.quantity = answers_quantity(candidate.unit.text, candidate.source.lang, asked)
        candidate.score = (
            w_sim * candidate.similarity + w_kw * candidate.keywords + w_num * candidate.numbers
            + w_rank / candidate.source.number + w_head * candidate.heading
            + params.quantity_weight * candidate.quantity
        )
    return vectors


def select(question: str, question_lang: str, sources: list[Source], embeddings: Embeddings,
           params: ExtractParams) -> list[Candidate]:
    """The answer's sentences in reading order (passage, then position), or [] if none fits."""
    found = candidates(sources)
    if not found:
        return []
    vectors = score(question, found, embeddings, params)
    best = max(c.score for c in found)
    eligible = [
        i for i, c in enumerate(found)
        if c.score >= params.min_relative_score * best and c.keywords > params.min_keyword_share
    ]
    same_language = [i for i in eligible if found[i].source.lang == question_lang]
    if same_language:
        eligible = same_language
    chosen: list[int] = []
    while eligible and len(chosen) < params.sentences:
        def marginal(i: int) -> float:
            redundancy = max((float(vectors[i] @ vectors[j]) for j in chosen), default=0.0)
            return params.mmr_lambda * found[i].score - (1 - params.mmr_lambda) * redundancy

        pick = max(eligible, key=lambda i: (marginal(i), -i))
        chosen.append(pick)
        eligible.remove(pick)
    picked = [found[i] for i in chosen]
    return sorted(picked, key=lambda c: (c.source.number, c.unit.block, c.unit.position))
