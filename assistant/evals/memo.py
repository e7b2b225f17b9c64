"""Embeddings remembered for one run: variants that compose the same outcomes (composer and
hybrid) embed each text once. Same model, same vectors, so scores do not change."""

from __future__ import annotations

import threading

from langchain_core.embeddings import Embeddings

from assistant.index.embeddings import embedding_model_name


class MemoEmbeddings(Embeddings):
    def __init__(self, inner: Embeddings) -> None:
        self.inner = inner
        self.model_name = embedding_model_name(inner)  # caches keyed by model name still match
        self._vectors: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            vectors = self.inner.embed_documents(missing)
            with self._lock:
                self._vectors.update(zip(missing, vectors, strict=True))
        return [self._vectors[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)
