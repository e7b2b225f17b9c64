"""Idempotent indexing against a real Chroma, embedded on disk and as a server on loopback."""

from __future__ import annotations

import uuid

import pytest
from fakes import HashEmbeddings

from assistant.errors import OppiError
from assistant.index.indexer import Indexer
from assistant.index.library import Library


@pytest.fixture(params=["embedded", "http"])
def store_settings(request, settings):
    if request.param == "http":
        url = request.getfixturevalue("chroma_server")
        # One collection per test keeps tests on the shared server apart.
        return settings.model_copy(update={"chroma_url": url, "collection": f"t{uuid.uuid4().hex[:12]}"})
    return settings


def write_docs(folder, count=3):
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"doc{n}.md").write_text(
            f"---\ntitle: Doc {n}\nkind: guideline\nlang: en\n---\n## Part A\n\nWorkload text {n} about credits.\n\n"
            f"## Part B\n\nAssessment text {n} about criteria.\n",
            encoding="utf-8",
        )
    return folder


def make_indexer(store_settings, embeddings=None):
    return Indexer(store_settings, Library(store_settings, embeddings or HashEmbeddings()))


def count_chunks(store_settings):
    return len(Library(store_settings).chunks())


def test_second_run_embeds_and_adds_nothing(tmp_path, store_settings):
    docs = write_docs(tmp_path / "lib")
    first = make_indexer(store_settings).index_paths([docs])
    assert (first.files, first.added, first.embedded, first.errors) == (3, 6, 6, [])
    second = make_indexer(store_settings).index_paths([docs])
    assert (second.added, second.embedded, second.skipped, second.deleted) == (0, 0, 6, 0)
    assert count_chunks(store_settings) == 6


def test_changed_file_replaces_its_chunks_and_deleted_file_loses_them(tmp_path, store_settings):
    docs = write_docs(tmp_path / "lib")
    make_indexer(store_settings).index_paths([docs])
    (docs / "doc0.md").write_text("## Only part\n\nRewritten completely.\n", encoding="utf-8")
    (docs / "doc2.md").unlink()
    summary = make_indexer(store_settings).index_paths([docs])
    assert summary.added == 1 and summary.embedded == 1
    assert summary.deleted == 2 + 2  # doc0's two old chunks, doc2's two chunks
    texts = [c.text for c in Library(store_settings).chunks()]
    assert len(texts) == 3 and any("Rewritten completely" in t for t in texts)
    assert not any("text 2" in t for t in texts)


def test_interrupted_run_is_completed_without_duplicates(tmp_path, store_settings):
    docs = write_docs(tmp_path / "lib")
    indexer = make_indexer(store_settings)
    indexer.index_paths([docs])
    # A crash after Chroma got the vectors but before the records were written looks like this:
    keys = indexer.records.list_keys()
    indexer.records.delete_keys(keys[:3])
    summary = make_indexer(store_settings).index_paths([docs])
    assert summary.added == 3  # re-written under the same ids, so Chroma upserts
    assert count_chunks(store_settings) == 6


def test_querying_with_another_embedding_model_is_a_clear_error(tmp_path, store_settings):
    docs = write_docs(tmp_path / "lib")
    make_indexer(store_settings, HashEmbeddings("model-a")).index_paths([docs])
    other = Library(store_settings, HashEmbeddings("model-b"))
    with pytest.raises(OppiError, match="built with the embedding model 'model-a'.*oppi index --rebuild"):
        other.search("credits", mode="dense")
    rebuilt = make_indexer(store_settings, HashEmbeddings("model-b")).index_paths([docs], rebuild=True)
    assert rebuilt.added == 6 and count_chunks(store_settings) == 6


def test_bad_files_are_reported_and_the_rest_still_index(tmp_path, store_settings):
    docs = write_docs(tmp_path / "lib", count=2)
    (docs / "empty.md").write_bytes(b"")
    (docs / "latin.txt").write_bytes("työ".encode("latin-1"))
    summary = make_indexer(store_settings).index_paths([docs])
    assert summary.added == 4
    reasons = dict((name.rsplit("/", 1)[-1], reason) for name, reason in summary.errors)
    assert reasons.keys() == {"empty.md", "latin.txt"}
    assert "empty" in reasons["empty.md"] and "not UTF-8" in reasons["latin.txt"]


def test_filters_and_citations(tmp_path, store_settings):
    docs = write_docs(tmp_path / "lib", count=1)
    (docs / "credentials").mkdir()
    (docs / "credentials" / "past.md").write_text("## Outcomes\n\nCredits and workload of a past credential.\n", encoding="utf-8")
    make_indexer(store_settings).index_paths([docs])
    library = Library(store_settings, HashEmbeddings())
    found = library.search("credits workload", k=5, kind="credential")
    assert found and all(p.citation.kind == "credential" for p in found)
    assert found[0].citation.is_example and "not a rule" in found[0].citation.label()
    guideline = library.search("credits workload", k=5, kind="guideline", lang="en")
    assert guideline and all(p.citation.kind == "guideline" for p in guideline)
    citation = guideline[0].citation
    assert citation.doc_id == "doc0" and citation.section in ("Part A", "Part B") and citation.chunk_id


def test_a_minilm_library_asks_for_a_rebuild_under_the_multilingual_default(tmp_path, settings):
    """A library indexed before the switch to multilingual-e5 is refused with the fix named."""
    from typer.testing import CliRunner

    from assistant.cli import app

    docs = write_docs(tmp_path / "lib", count=1)
    env = {"OPPI_HOME": str(settings.home)}
    built = CliRunner().invoke(app, ["index", str(docs)], env={**env, "OPPI_EMBEDDING_PROVIDER": "minilm"})
    assert built.exit_code == 0, built.output
    refused = CliRunner().invoke(app, ["search", "credits"], env=env)
    assert refused.exit_code == 2
    assert "all-MiniLM-L6-v2" in refused.output and "oppi index --rebuild" in refused.output
    rebuilt = CliRunner().invoke(app, ["index", str(docs), "--rebuild"], env=env)
    assert rebuilt.exit_code == 0 and "2 chunks added" in rebuilt.output, rebuilt.output
    found = CliRunner().invoke(app, ["search", "opintopisteet ja työmäärä"], env=env)
    assert found.exit_code == 0 and "Doc 0" in found.output, found.output


def test_a_library_larger_than_one_read_page_is_read_whole(tmp_path, settings, monkeypatch):
    """Chroma refuses one get of ~100k chunks (SQLite's variable limit): chunks are read in pages."""
    import assistant.index.library as library_module

    docs = write_docs(tmp_path / "lib", count=5)
    make_indexer(settings).index_paths([docs])
    monkeypatch.setattr(library_module, "READ_PAGE", 3)
    chunks = Library(settings, HashEmbeddings()).chunks()
    assert len(chunks) == 10 and len({c.id for c in chunks}) == 10


def test_indexing_brings_an_older_collection_to_the_search_breadth_setting(tmp_path, hash_embeddings):
    from assistant.config import Settings

    doc = tmp_path / "docs" / "guide.md"
    doc.parent.mkdir()
    doc.write_text("---\ntitle: Guide\n---\n## Verbs\n\nUse observable verbs.\n", encoding="utf-8")
    home = tmp_path / "home"
    old = Settings(_env_file=None, home=home, hnsw_ef_search=200)
    Indexer(old, Library(old, embeddings=hash_embeddings)).index_paths([doc.parent])

    new = Settings(_env_file=None, home=home, hnsw_ef_search=1000)
    library = Library(new, embeddings=hash_embeddings)
    Indexer(new, library).index_paths([doc.parent])

    assert library.client.get_collection(new.collection).configuration["hnsw"]["ef_search"] == 1000
