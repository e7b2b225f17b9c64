"""The library service: uploads are kept under OPPI_HOME/uploads, removed with their document,
found again by a re-index; a file that cannot be indexed is not kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.index.library import Library
from assistant.services.library import LibraryService


@pytest.fixture
def service(tmp_path: Path, hash_embeddings) -> LibraryService:
    settings = Settings(_env_file=None, home=tmp_path / "home", chat_provider="fake")
    return LibraryService(settings, Library(settings, embeddings=hash_embeddings))


def _upload(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_upload_is_kept_indexed_and_removed_with_its_copy(service, tmp_path):
    browser = tmp_path / "browser-temp"
    memo = _upload(browser, "memo.md", "---\ntitle: Mentoring memo\n---\n## Mentors\n\nEach learner meets a mentor.\n")
    summary = service.add_uploads([memo])
    kept = service.uploads_dir / "memo.md"
    assert (summary.files, summary.added, summary.errors) == (1, 1, [])
    assert kept.read_text(encoding="utf-8") == memo.read_text(encoding="utf-8")
    [document] = [d for d in service.documents() if d.title == "Mentoring memo"]
    assert Path(document.source) == kept.resolve()

    assert service.remove(document.source) == 1
    assert not kept.exists() and memo.exists()  # the browser's temp file is not ours to delete
    assert service.documents() == []


def test_a_file_that_cannot_be_indexed_is_not_kept(service, tmp_path):
    empty = _upload(tmp_path / "in", "empty.txt", "")
    summary = service.add_uploads([empty])
    assert [Path(file).name for file, _ in summary.errors] == ["empty.txt"]
    assert "empty" in summary.errors[0][1]
    assert not (service.uploads_dir / "empty.txt").exists()


def test_removing_a_document_outside_uploads_keeps_the_file(service, tmp_path):
    own = _upload(tmp_path / "docs", "guide.md", "## Credits\n\nOne credit is 27 hours.\n")
    service.index([own])
    [document] = service.documents()
    assert service.remove(document.source) == 1
    assert own.exists()


def test_reindex_finds_the_kept_uploads_again(service, tmp_path):
    service.corpus = tmp_path / "corpus"  # a tiny stand-in for the built-in corpus, fast
    _upload(service.corpus, "builtin.md", "## Built in\n\nThe built-in guideline.\n")
    service.add_uploads([_upload(tmp_path / "in", "notes.md", "## Notes\n\nUploaded notes.\n")])
    summary = service.reindex()
    assert summary.files == 2 and summary.errors == []
    assert summary.skipped == 1  # the upload, unchanged since it was indexed
    assert {Path(d.source).name for d in service.documents()} == {"builtin.md", "notes.md"}


def test_checks_cite_the_library_once_it_is_indexed_in_the_same_workspace(tmp_path, hash_embeddings):
    from assistant.services.factory import Services

    settings = Settings(_env_file=None, home=tmp_path / "home", chat_provider="fake")
    services = Services(settings, library=Library(settings, embeddings=hash_embeddings))
    assert not services.checking.cites  # nothing indexed yet

    guide = _upload(tmp_path / "guide", "verbs.md",
                    "---\ntitle: Verb guide\nkind: guideline\n---\n## Verbs to avoid\n\n"
                    "Avoid 'understand' as the main verb of an outcome.\n\nChecks: C07\n")
    services.library_service.add_uploads([guide])

    assert services.checking.cites
    assert services.checker.citation("C07") is not None
