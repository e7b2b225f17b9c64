"""Indexing throughput and hybrid query latency, printed as figures and ratios.

    .venv/bin/python benchmarks/bench_index.py [--sizes 1000 10000] [--queries 50]

1. chunks/s of the whole pipeline (load, split, embed, Chroma, records) on the built-in corpus,
   beside raw onnxruntime embedding of the same chunk texts.
2. hybrid query latency (query embedding + Chroma + BM25 + fusion) p50/p95 at each size, beside
   a brute-force numpy dot product over the same vectors. Chunks beyond the corpus are its own
   chunks with noise added to their vectors, so the store holds realistic text and vectors.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.config import BUILTIN_CORPUS, Settings
from assistant.index.embeddings import LocalOnnxEmbeddings
from assistant.index.indexer import Indexer
from assistant.index.library import Library

QUERIES = [
    "how many hours is one credit in Finland",
    "which elements must a micro-credential description contain",
    "verbs to avoid in learning outcomes",
    "miten osaamistavoitteet kirjoitetaan",
    "quality assurance of micro-credentials",
    "EQF level 6 descriptor",
    "arviointikriteerit ja arviointiasteikko",
    "how to involve employers in designing a credential",
]


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def bench_pipeline(home: Path) -> list:
    settings = Settings(_env_file=None, home=home)
    library = Library(settings)
    start = time.perf_counter()
    summary = Indexer(settings, library).index_paths([BUILTIN_CORPUS])
    pipeline_s = time.perf_counter() - start
    chunks = library.chunks()
    raw = LocalOnnxEmbeddings(batch_size=settings.embedding_batch_size)
    raw.embed_documents(["warm up"])
    start = time.perf_counter()
    raw.embed_documents([c.text for c in chunks])
    raw_s = time.perf_counter() - start
    pipeline_rate, raw_rate = summary.added / pipeline_s, len(chunks) / raw_s
    print(f"indexing: {summary.added} chunks from {summary.files} files in {pipeline_s:.1f} s")
    print(f"  pipeline      {pipeline_rate:8.1f} chunks/s")
    print(f"  raw onnxruntime {raw_rate:6.1f} chunks/s")
    print(f"  ratio pipeline/raw = {pipeline_rate / raw_rate:.2f} (target >= 0.8)")
    return chunks


def fill_store(settings: Settings, chunks: list, size: int, rng: np.random.Generator) -> np.ndarray:
    """Put `size` chunks (the corpus, then noisy copies) straight into a fresh collection."""
    library = Library(settings)
    base_vectors = np.array(library.embeddings.embed_documents([c.text for c in chunks]), dtype=np.float32)
    collection = library.client.get_or_create_collection(
        settings.collection, metadata={"embedding_model": library.embeddings.model_name},
        configuration={"hnsw": {"space": "cosine"}},
    )
    vectors = []
    for start in range(0, size, 1000):
        count = min(1000, size - start)
        picks = [(start + i) % len(chunks) for i in range(count)]
        noisy = base_vectors[picks] + rng.normal(0, 0.02, (count, base_vectors.shape[1])).astype(np.float32)
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        collection.add(
            ids=[f"b{start + i}" for i in range(count)],
            embeddings=noisy,
            documents=[chunks[p].text for p in picks],
            metadatas=[{**chunks[p].metadata, "chunk_index": start + i} for i, p in enumerate(picks)],
        )
        vectors.append(noisy)
    return np.concatenate(vectors)


def bench_queries(chunks: list, size: int, queries: int) -> None:
    rng = np.random.default_rng(7)
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(_env_file=None, home=Path(home))
        vectors = fill_store(settings, chunks, size, rng)
        library = Library(settings)
        library.search("warm up")  # builds BM25 and loads the model once
        hybrid, brute = [], []
        for n in range(queries):
            query = QUERIES[n % len(QUERIES)]
            start = time.perf_counter()
            library.search(query, k=5)
            hybrid.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            q = np.array(library.embeddings.embed_query(query), dtype=np.float32)
            np.argpartition(-(vectors @ q), 5)[:5]
            brute.append((time.perf_counter() - start) * 1000)
        print(f"queries at {size} chunks ({queries} queries):")
        print(f"  hybrid      p50 {percentile(hybrid, 50):7.1f} ms  p95 {percentile(hybrid, 95):7.1f} ms")
        print(f"  numpy brute p50 {percentile(brute, 50):7.1f} ms  p95 {percentile(brute, 95):7.1f} ms"
              "  (query embedding + dot product)")
        print(f"  ratio hybrid/brute p50 = {statistics.median(hybrid) / statistics.median(brute):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--queries", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        chunks = bench_pipeline(Path(home))
    for size in args.sizes:
        bench_queries(chunks, size, args.queries)


if __name__ == "__main__":
    main()
