"""The library: what is indexed, hybrid search over it, and citations for checks."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.index.bm25 import KeywordIndex
from assistant.index.embeddings import build_embeddings
from assistant.index.store import (
    chroma_client,
    existing_collection,
    open_vector_store,
    recorded_model,
)
from assistant.ingest.chunking import looks_finnish
from assistant.schemas import Citation, Passage

CANDIDATES_PER_RESULT = 4  # each retriever proposes k * this before fusion
READ_PAGE = 5000  # chunks read from Chroma per call


@dataclass
class Chunk:
    id: str
    text: str
    metadata: dict

    def citation(self, score: float = 0.0) -> Citation:
        meta = self.metadata
        return Citation(
            chunk_id=self.id,
            doc_id=meta.get("doc_id", ""),
            title=meta.get("title", ""),
            kind=meta.get("kind", "other"),
            source=meta.get("source", ""),
            section=meta.get("section", ""),
            page=meta.get("page") or None,
            score=round(float(score), 6),
            quote=body_of(self.text),
        )

    def passage(self, score: float = 0.0) -> Passage:
        return Passage(text=self.text, citation=self.citation(score))


def body_of(text: str) -> str:
    """Chunk text without the 'title > section' line the chunker puts first."""
    head, sep, body = text.partition("\n\n")
    return body if sep else head


@dataclass
class DocumentInfo:
    doc_id: str
    title: str
    kind: str
    lang: str
    version: str
    source: str
    chunks: int


class Library:
    """Hybrid (dense + BM25, fused by rescaled scores) retrieval over the Chroma collection."""

    def __init__(self, settings: Settings, embeddings: Embeddings | None = None) -> None:
        self.settings = settings
        self._embeddings = embeddings
        self._lock = threading.Lock()
        self._chunks: list[Chunk] | None = None
        self._by_id: dict[str, Chunk] | None = None
        self._keyword: KeywordIndex | None = None
        self._check_citations: dict[str, Citation | None] = {}

    # --- collaborators, built on first use so `oppi check` never loads a model ------------
    @cached_property
    def client(self):
        return chroma_client(self.settings)

    @property
    def embeddings(self) -> Embeddings:
        if self._embeddings is None:
            self._embeddings = build_embeddings(self.settings)
        return self._embeddings

    @cached_property
    def vector_store(self):
        return open_vector_store(self.client, self.settings, self.embeddings)

    @cached_property
    def collection(self):
        """The Chroma collection itself (opened, and checked for its model, by vector_store)."""
        self.vector_store  # noqa: B018 - raises on a model mismatch before any query
        return self.client.get_collection(self.settings.collection)

    def is_built(self) -> bool:
        if not self.settings.chroma_url and not self.settings.chroma_path.exists():
            return False
        return recorded_model(self.client, self.settings) is not None and bool(self.chunks())

    def forget_store(self) -> None:
        """Drop the handles on the collection (it was dropped and is created anew)."""
        self.__dict__.pop("vector_store", None)
        self.__dict__.pop("collection", None)
        self.invalidate()

    def invalidate(self) -> None:
        """Forget cached chunks after the collection changed."""
        with self._lock:
            self._chunks = None
            self._by_id = None
            self._keyword = None
            self._check_citations.clear()

    # --- the chunks, read once from Chroma ----------------------------------------------
    def chunks(self) -> list[Chunk]:
        with self._lock:
            if self._chunks is None:
                self._chunks = self._read_chunks()
            return self._chunks

    def _read_chunks(self) -> list[Chunk]:
        collection = existing_collection(self.client, self.settings)
        if collection is None:
            return []
        chunks: list[Chunk] = []
        # In pages: one get of a 100k-chunk collection exceeds SQLite's variable limit in Chroma.
        while True:
            data = collection.get(include=["documents", "metadatas"], limit=READ_PAGE, offset=len(chunks))
            chunks += [
                Chunk(id=i, text=text or "", metadata=meta or {})
                for i, text, meta in zip(data["ids"], data["documents"], data["metadatas"], strict=True)
            ]
            if len(data["ids"]) < READ_PAGE:
                break
        # Chroma returns no stable order; sort so rank ties break the same way every run.
        return sorted(chunks, key=lambda c: (c.metadata.get("doc_id", ""), c.metadata.get("chunk_index", 0), c.id))

    def chunks_by_id(self) -> dict[str, Chunk]:
        chunks = self.chunks()
        with self._lock:
            if self._by_id is None:
                self._by_id = {c.id: c for c in chunks}
            return self._by_id

    def keyword_index(self) -> KeywordIndex:
        chunks = self.chunks()
        with self._lock:
            if self._keyword is None:
                self._keyword = KeywordIndex(
                    [_with_heading_boost(c) for c in chunks], [c.metadata.get("lang", "other") for c in chunks]
                )
            return self._keyword

    # --- search -------------------------------------------------------------------------
    def search(
        self,
        query: str,
        k: int | None = None,
        kind: str | None = None,
        lang: str | None = None,
        mode: str = "hybrid",
    ) -> list[Passage]:
        """Ranked passages; mode is 'hybrid', 'dense' or 'bm25'."""
        k = k or self.settings.top_k
        depth = k * CANDIDATES_PER_RESULT
        if mode == "dense":
            return [c.passage(s) for c, s in distinct_sections(self.dense_ranking(query, depth, kind, lang), k)]
        if mode == "bm25":
            return [c.passage(s) for c, s in distinct_sections(self.keyword_ranking(query, depth, kind, lang), k)]
        return self.fuse(query, *self.rankings(query, k, kind, lang), k)

    def rankings(self, query: str, k: int, kind: str | None = None, lang: str | None = None):
        """The dense and the keyword ranking, each k * CANDIDATES_PER_RESULT deep."""
        depth = k * CANDIDATES_PER_RESULT
        return self.dense_ranking(query, depth, kind, lang), self.keyword_ranking(query, depth, kind, lang)

    def fuse(self, query: str, dense: list[tuple[Chunk, float]], keyword: list[tuple[Chunk, float]], k: int) -> list[Passage]:
        """The top k of the two rankings fused by their weighted, rescaled scores."""
        fused = convex_fusion([dense, keyword], [self.dense_weight(query), 1.0])
        return [c.passage(score) for c, score in distinct_sections(fused, k)]

    def dense_is_weak_for(self, query: str) -> bool:
        """True when the English-only MiniLM reads a non-English query (the default
        multilingual model reads Finnish as well as English)."""
        return self.settings.embedding_provider == "minilm" and looks_finnish(query)

    def dense_weight(self, query: str) -> float:
        """Trust the dense ranking less where the embedding model is weak."""
        factor = self.settings.dense_weight_non_english if self.dense_is_weak_for(query) else 1.0
        return self.settings.dense_weight * factor

    def dense_ranking(self, query: str, depth: int, kind: str | None, lang: str | None) -> list[tuple[Chunk, float]]:
        by_id = self.chunks_by_id()
        if not by_id:
            return []
        # Ids and distances only: the chunks' text and metadata are already in memory, and
        # fetching them again for every hit was half of Chroma's time per query (6 -> 3 ms).
        result = self.collection.query(
            query_embeddings=[self.embeddings.embed_query(query)],
            n_results=min(depth, len(by_id)),
            where=_where(kind, lang),
            include=["distances"],
        )
        # Chroma returns cosine distance; 1 - distance is the similarity the UI can show.
        return [
            (by_id[chunk_id], 1.0 - dist)
            for chunk_id, dist in zip(result["ids"][0], result["distances"][0], strict=True)
            if chunk_id in by_id
        ]

    def keyword_ranking(self, query: str, depth: int, kind: str | None, lang: str | None) -> list[tuple[Chunk, float]]:
        chunks = self.chunks()
        if not chunks:
            return []
        scores = self.keyword_index().scores(query).astype(np.float64)
        if kind or lang:
            mask = np.array([_matches(c.metadata, kind, lang) for c in chunks])
            scores = np.where(mask, scores, 0.0)
        hits = np.flatnonzero(scores > 0)
        if len(hits) > depth:  # partial selection: a full sort of 100k scores costs ~7 ms
            hits = hits[np.argpartition(-scores[hits], depth - 1)[:depth]]
        # Highest first; equal scores in chunk order, so ties break the same way every run.
        top = hits[np.lexsort((hits, -scores[hits]))]
        return [(chunks[i], float(scores[i])) for i in top]

    # --- what is indexed ----------------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        docs: dict[str, DocumentInfo] = {}
        for chunk in self.chunks():
            meta = chunk.metadata
            source = meta.get("source", "")
            if source not in docs:
                docs[source] = DocumentInfo(
                    doc_id=meta.get("doc_id", ""),
                    title=meta.get("title", ""),
                    kind=meta.get("kind", "other"),
                    lang=meta.get("lang", "other"),
                    version=meta.get("version", ""),
                    source=source,
                    chunks=0,
                )
            docs[source].chunks += 1
        return sorted(docs.values(), key=lambda d: (d.kind, d.doc_id))

    def citation_for_check(self, check_id: str) -> Citation | None:
        """The guideline passage that names `check_id` on its 'Checks:' line (cached)."""
        if check_id not in self._check_citations:
            self._check_citations[check_id] = self._find_check_citation(check_id)
        return self._check_citations[check_id]

    def _find_check_citation(self, check_id: str) -> Citation | None:
        candidates = [
            c
            for c in self.chunks()
            if check_id in c.metadata.get("checks", "").split() and c.metadata.get("kind") != "credential"
        ]
        if not candidates:
            return None
        # Prefer guidelines over quality texts, English first, and the most focused section.
        order = {"guideline": 0, "quality": 1, "other": 2}
        candidates.sort(
            key=lambda c: (
                order.get(c.metadata.get("kind"), 3),
                c.metadata.get("lang") != "en",
                len(c.metadata.get("checks", "").split()),
                c.metadata.get("doc_id", ""),
                c.metadata.get("chunk_index", 0),
            )
        )
        return candidates[0].citation(1.0)


def _with_heading_boost(chunk: Chunk) -> str:
    """The section heading counts twice for keywords: headings name what a section answers."""
    return f"{chunk.metadata.get('section', '')}\n{chunk.text}"


def convex_fusion(rankings: list[list[tuple[Chunk, float]]], weights: list[float]) -> list[tuple[Chunk, float]]:
    """Weighted sum of each ranking's scores, min-max scaled over its own candidates (a chunk
    absent from a ranking scores 0 there); the result is scaled by the sum of the weights.

    Rank fusion (RRF) was the first choice, but it ignores how far ahead a top hit is: a BM25
    hit far ahead of the rest (a Finnish question naming "ESG 1.2") lost to chunks both
    retrievers ranked middling. On the 50-question suite with multilingual-e5 this scores
    recall@5 0.943 against RRF's 0.923 at equal weights, 0.953 at the dense weight 0.7 (issue-10 notes)."""
    fused: dict[str, float] = {}
    chunks: dict[str, Chunk] = {}
    total = sum(weights) or 1.0
    for ranking, weight in zip(rankings, weights, strict=True):
        if not ranking:
            continue
        scores = [score for _, score in ranking]
        low, span = min(scores), (max(scores) - min(scores)) or 1.0
        for chunk, score in ranking:
            fused[chunk.id] = fused.get(chunk.id, 0.0) + weight * (score - low) / span / total
            chunks[chunk.id] = chunk
    ordered = sorted(fused.items(), key=lambda item: (-item[1], item[0]))
    return [(chunks[chunk_id], score) for chunk_id, score in ordered]


def distinct_sections(ranked: list[tuple[Chunk, float]], k: int) -> list[tuple[Chunk, float]]:
    """The top k, one chunk per section of a document: the next chunk of a section already
    shown says little new, and five passages from five places answer more questions."""
    seen: set[tuple] = set()
    picked = []
    for chunk, score in ranked:
        key = (chunk.metadata.get("doc_id"), chunk.metadata.get("section"), chunk.metadata.get("page"))
        if key in seen:
            continue
        seen.add(key)
        picked.append((chunk, score))
        if len(picked) == k:
            break
    return picked


def _matches(meta: dict, kind: str | None, lang: str | None) -> bool:
    return (not kind or meta.get("kind") == kind) and (not lang or meta.get("lang") == lang)


def _where(kind: str | None, lang: str | None) -> dict | None:
    clauses = [{"kind": kind}] if kind else []
    clauses += [{"lang": lang}] if lang else []
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}
