"""Fakes that make unit tests fast; the real models are tested elsewhere."""

from __future__ import annotations

import hashlib

import numpy as np
from langchain_core.embeddings import Embeddings


class HashEmbeddings(Embeddings):
    """Deterministic bag-of-words vectors: fast, offline, and similar texts stay similar."""

    def __init__(self, name: str = "test-hash-embeddings", dim: int = 64) -> None:
        self.model_name = name
        self.dim = dim
        self.texts_embedded = 0

    def _vector(self, text: str) -> list[float]:
        vector = np.zeros(self.dim, dtype=np.float32)
        for word in text.lower().split():
            vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norm = np.linalg.norm(vector)
        return (vector / norm if norm else vector).tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.texts_embedded += len(texts)
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)
