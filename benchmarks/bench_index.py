"""Indexing throughput, hybrid query latency and dense recall, printed as figures and ratios.

    .venv/bin/python benchmarks/bench_index.py [--index-sizes 1000 10000] [--sizes 10000 100000]
                                               [--queries 50]

1. Indexing: chunks/s of the whole pipeline (load, split, embed, Chroma, records) on the
   built-in corpus, beside the raw embedding engine on the same chunk texts (ratio), then the
   wall time to index 1,000 and 10,000 chunks (copies of the corpus files, each copy's text
   made unique so nothing is skipped).
2. Queries: at each size, the collection holds the corpus chunks and then noisy copies of their
   vectors (real text, realistic vectors). Hybrid query latency p50/p95 (query embedding,
   Chroma, BM25, fusion), its parts, and Chroma's dense recall@10 against exact search
   (numpy) over the very same vectors.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.config import BUILTIN_CORPUS, Settings
from assistant.index.embeddings import build_embeddings, forget_vectors
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
    "kuinka monta tuntia yksi opintopiste on",
    "can a micro-credential be stacked into a degree",
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
    raw = build_embeddings(settings)
    raw.embed_documents(["warm up"])
    forget_vectors()  # the pipeline just embedded these texts: time the engine, not the cache
    start = time.perf_counter()
    raw.embed_documents([c.text for c in chunks])
    raw_s = time.perf_counter() - start
    pipeline_rate, raw_rate = summary.added / pipeline_s, len(chunks) / raw_s
    print(f"indexing the built-in corpus: {summary.added} chunks from {summary.files} files in {pipeline_s:.1f} s")
    print(f"  pipeline            {pipeline_rate:8.1f} chunks/s")
    print(f"  raw engine          {raw_rate:8.1f} chunks/s  ({raw.model_name}, same texts)")
    print(f"  ratio pipeline/raw = {pipeline_rate / raw_rate:.2f} (target >= 0.8)")
    return chunks


def bench_index_size(target: int, corpus_chunks: int) -> None:
    """Index `target` chunks: enough copies of the corpus files, each copy's text unique."""
    copies = -(-target // corpus_chunks)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "docs"
        for n in range(copies):
            for source in BUILTIN_CORPUS.rglob("*.md"):
                path = root / f"copy{n}" / source.relative_to(BUILTIN_CORPUS)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(source.read_text(encoding="utf-8") + f"\n\nCopy {n}.\n", encoding="utf-8")
        settings = Settings(_env_file=None, home=Path(tmp) / "home")
        start = time.perf_counter()
        summary = Indexer(settings).index_paths([root])
        elapsed = time.perf_counter() - start
    print(f"indexing {summary.added} chunks ({copies} copies of the corpus): {elapsed:.0f} s, "
          f"{summary.added / elapsed:.1f} chunks/s")


def fill_store(settings: Settings, chunks: list, size: int, rng: np.random.Generator) -> np.ndarray:
    """Put `size` chunks (the corpus, then noisy copies) straight into a fresh collection,
    configured as Oppi configures its own, and return their vectors in insertion order."""
    from assistant.index.store import open_vector_store

    library = Library(settings)
    base = np.array(library.embeddings.embed_documents([c.text for c in chunks]), dtype=np.float32)
    open_vector_store(library.client, settings, library.embeddings)  # creates the collection
    collection = library.client.get_collection(settings.collection)
    vectors = []
    for start in range(0, size, 2000):
        count = min(2000, size - start)
        picks = [(start + i) % len(chunks) for i in range(count)]
        noisy = base[picks] + rng.normal(0, 0.02, (count, base.shape[1])).astype(np.float32)
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        collection.add(
            ids=[f"b{start + i:07d}" for i in range(count)],
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
        start = time.perf_counter()
        vectors = fill_store(settings, chunks, size, rng)
        fill_s = time.perf_counter() - start
        library = Library(settings)
        start = time.perf_counter()
        library.search("warm up")  # reads the chunks, builds BM25, loads the model
        warm_s = time.perf_counter() - start
        ids = np.array([f"b{i:07d}" for i in range(size)])
        hybrid, embed, dense, keyword, recalls, answered = [], [], [], [], [], []
        for n in range(queries):
            # A new query every time (a number appended), and the vector cache emptied, so no
            # cache can help.
            query = f"{QUERIES[n % len(QUERIES)]} {n}"
            start = time.perf_counter()
            q = np.array(library.embeddings.embed_query(query), dtype=np.float32)
            embed.append((time.perf_counter() - start) * 1000)
            forget_vectors()  # the search embeds the query afresh
            start = time.perf_counter()
            library.search(query, k=5)
            hybrid.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            found = library.vector_store._collection.query(query_embeddings=[q], n_results=10, include=[])["ids"][0]
            dense.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            library.keyword_ranking(query, 20, None, None)
            keyword.append((time.perf_counter() - start) * 1000)
            answered.append((q, found))
        # Exact search after the timing: its large matrix product wakes OpenBLAS's threads,
        # which then spin against the embedding engine's OpenMP threads and made the next
        # query embedding look 2-10x slower (p95 114 ms instead of 14 ms) than in Oppi itself.
        for q, found in answered:
            exact = ids[np.argpartition(-(vectors @ q), 10)[:10]]
            recalls.append(len(set(found) & set(exact)) / 10)
        print(f"queries at {size} chunks ({queries} queries; store filled in {fill_s:.0f} s, first query {warm_s:.1f} s):")
        print(f"  hybrid search   p50 {percentile(hybrid, 50):6.1f} ms  p95 {percentile(hybrid, 95):6.1f} ms"
              f"  (target p95 <= {20 if size <= 10_000 else 40} ms)")
        print(f"   query embedding p50 {percentile(embed, 50):6.1f} ms  p95 {percentile(embed, 95):6.1f} ms")
        print(f"   Chroma top-10   p50 {percentile(dense, 50):6.1f} ms  p95 {percentile(dense, 95):6.1f} ms")
        print(f"   BM25 ranking    p50 {percentile(keyword, 50):6.1f} ms  p95 {percentile(keyword, 95):6.1f} ms")
        print(f"  dense recall@10 against exact search: {np.mean(recalls):.3f} (target >= 0.99)")
        print(f"  ratio hybrid/(embedding+Chroma+BM25) p50 = "
              f"{percentile(hybrid, 50) / (percentile(embed, 50) + percentile(dense, 50) + percentile(keyword, 50)):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index-sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10000, 100000])
    parser.add_argument("--queries", type=int, default=50)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp())
    try:
        chunks = bench_pipeline(home)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    for size in args.index_sizes:
        bench_index_size(size, len(chunks))
    for size in args.sizes:
        bench_queries(chunks, size, args.queries)


if __name__ == "__main__":
    main()
