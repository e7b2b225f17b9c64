"""The Chroma store: embedded on disk by default, or a Chroma server when OPPI_CHROMA_URL is set."""

from __future__ import annotations

from urllib.parse import urlparse

from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.errors import OppiError
from assistant.index.embeddings import embedding_model_name

MODEL_KEY = "embedding_model"


def chroma_client(settings: Settings):
    """A chromadb client for the configured mode; telemetry is off (no network)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
    if not settings.chroma_url:
        settings.ensure_home()
        return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)
    url = urlparse(settings.chroma_url)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise OppiError(
            f"OPPI_CHROMA_URL={settings.chroma_url!r} is not a URL like http://127.0.0.1:8000"
        )
    try:
        return chromadb.HttpClient(
            host=url.hostname,
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    except Exception as error:  # chromadb raises plain exceptions for connection failures
        raise OppiError(
            f"Cannot reach the Chroma server at {settings.chroma_url} ({error}). "
            "Start it (`chroma run`) or unset OPPI_CHROMA_URL to use the embedded store."
        ) from None


def existing_collection(client, settings: Settings):
    """The collection, or None when it does not exist yet. Any other failure (a server that
    went away, a store from another chromadb version) is an error that names its cause: it
    must never look like an empty library."""
    from chromadb.errors import NotFoundError

    try:
        return client.get_collection(settings.collection)
    except NotFoundError:
        return None
    except Exception as error:  # chromadb and httpx raise many types; all end here
        where = f"the Chroma server at {settings.chroma_url}" if settings.chroma_url else (
            f"the embedded store at {settings.chroma_path}"
        )
        raise OppiError(f"Cannot read the library from {where}: {error}") from None


def recorded_model(client, settings: Settings) -> str | None:
    """The embedding model that built the collection, or None when there is no collection."""
    collection = existing_collection(client, settings)
    return None if collection is None else (collection.metadata or {}).get(MODEL_KEY)


def open_vector_store(client, settings: Settings, embeddings: Embeddings) -> Chroma:
    """The langchain Chroma store, refusing to mix embedding models in one collection."""
    model = embedding_model_name(embeddings)
    existing = recorded_model(client, settings)
    if existing is not None and existing != model:
        raise OppiError(
            f"The library was built with the embedding model '{existing}', but '{model}' is "
            "configured. Rebuild it with `oppi index --rebuild`, or set the embedding settings "
            "back."
        )
    return Chroma(
        client=client,
        collection_name=settings.collection,
        embedding_function=embeddings,
        collection_metadata={MODEL_KEY: model},
        # ef_search well above Chroma's default (100): multilingual-e5's vectors crowd together,
        # and at 100k chunks recall@10 against exact search was 0.90 at 200, 0.99 at 600 and
        # 0.997 at 1500, for a query p50 of 3-6 ms (benchmarks/bench_index.py).
        collection_configuration={"hnsw": {"space": "cosine", "ef_search": settings.hnsw_ef_search}},
    )


def apply_search_breadth(collection, settings: Settings) -> None:
    """Bring a collection's HNSW ef_search to the setting: Chroma keeps the value a collection
    was created with, so a library built before ef_search went 200 -> 1000 would keep recall@10
    0.90 at 100k chunks. Indexing (a write) does it; searching never writes."""
    current = (collection.configuration or {}).get("hnsw") or {}
    if current.get("ef_search") != settings.hnsw_ef_search:
        collection.modify(configuration={"hnsw": {"ef_search": settings.hnsw_ef_search}})


def drop_collection(client, settings: Settings) -> None:
    if existing_collection(client, settings) is not None:
        client.delete_collection(settings.collection)
