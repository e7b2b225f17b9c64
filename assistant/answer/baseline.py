"""An off-topic baseline for similarity thresholds that survive a change of embedding model.

Cosine similarities differ by model (MiniLM: unrelated texts near 0.1; multilingual-e5: near
0.7). How much closer a text is to the library than to a few texts on nothing the library is
about is a margin that means the same under both.
"""

from __future__ import annotations

import threading

import numpy as np
from langchain_core.embeddings import Embeddings

OFF_TOPIC = (
    "The football match ended two to one after extra time.",
    "Mix the flour, sugar and butter, then bake the cookies for twelve minutes.",
    "Tomorrow will be cloudy with light rain in the afternoon.",
    "The band released its new album and starts a world tour in May.",
    "Ottelu päättyi jatkoajalla maalein 2–1.",
    "Sekoita jauhot, sokeri ja voi ja paista pullia kymmenen minuuttia.",
    "Huomenna on pilvistä ja iltapäivällä sataa vähän.",
    "Yhtye julkaisi uuden levyn ja lähtee toukokuussa kiertueelle.",
)

_lock = threading.Lock()
_anchors: dict[int, np.ndarray] = {}


def _unit(vectors) -> np.ndarray:
    array = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
    return array / np.clip(np.linalg.norm(array, axis=1, keepdims=True), 1e-12, None)


def anchors(embeddings: Embeddings) -> np.ndarray:
    """The off-topic texts embedded once per embedding model instance."""
    with _lock:
        key = id(embeddings)
        if key not in _anchors:
            _anchors[key] = _unit(embeddings.embed_documents(list(OFF_TOPIC)))
        return _anchors[key]


def off_topic_similarity(vectors, embeddings: Embeddings) -> np.ndarray:
    """For each vector (a query or a sentence), its highest similarity to the off-topic texts."""
    return (_unit(vectors) @ anchors(embeddings).T).max(axis=1)
