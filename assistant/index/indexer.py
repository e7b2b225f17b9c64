"""Idempotent indexing: unchanged files embed nothing, changed files replace their chunks,
deleted files lose theirs, and an interrupted run is completed by the next one."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from langchain_core.indexing import index

from assistant.config import Settings
from assistant.errors import OppiError
from assistant.index.library import Library
from assistant.index.records import SQLiteRecordManager
from assistant.index.store import apply_search_breadth, drop_collection
from assistant.ingest.chunking import load_file
from assistant.ingest.loaders import SUPPORTED_SUFFIXES

Progress = Callable[[str, int, int], None]  # (file name, done, total)
log = logging.getLogger("oppi.index")


@dataclass
class IndexSummary:
    files: int = 0
    added: int = 0
    updated: int = 0
    skipped: int = 0
    deleted: int = 0
    embedded: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.files} files: {self.added} chunks added, {self.updated} updated, "
            f"{self.skipped} skipped, {self.deleted} deleted; {self.embedded} embedded; "
            f"{len(self.errors)} errors"
        )


def discover(paths: Iterable[Path]) -> tuple[list[tuple[Path, Path | None]], list[Path]]:
    """Files to index with the folder their ids are relative to, and the folders walked."""
    files: list[tuple[Path, Path | None]] = []
    folders: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            folders.append(path.resolve())
            files += [
                (f, path)
                for f in sorted(path.rglob("*"))
                if f.is_file() and not f.name.startswith(".") and f.suffix.lower() in SUPPORTED_SUFFIXES
            ]
        elif path.is_file():
            files.append((path, None))
        else:
            raise OppiError(f"{path}: no such file or folder")
    return files, folders


class Indexer:
    def __init__(self, settings: Settings, library: Library | None = None) -> None:
        self.settings = settings
        self.library = library or Library(settings)
        settings.ensure_home()
        self.records = SQLiteRecordManager(
            f"chroma/{settings.collection}", settings.home / "records.sqlite"
        )

    def rebuild(self) -> None:
        """Forget everything indexed (the embedding model may have changed)."""
        drop_collection(self.library.client, self.settings)
        self.records.delete_keys(self.records.list_keys())
        self.library.forget_store()

    def index_paths(self, paths: Iterable[Path], *, rebuild: bool = False, progress: Progress | None = None) -> IndexSummary:
        if rebuild:
            self.rebuild()
        files, folders = discover(paths)
        summary = IndexSummary(files=len(files))
        store = self.library.vector_store  # raises on an embedding-model mismatch, before work
        apply_search_breadth(self.library.collection, self.settings)  # the collection just opened
        embedded_before = getattr(self.library.embeddings, "texts_embedded", 0)
        seen_sources: set[str] = set()
        for done, (path, root) in enumerate(files, start=1):
            if progress:
                progress(path.name, done - 1, len(files))
            seen_sources.add(str(path.resolve()))
            try:
                loaded = load_file(path, self.settings, root)
            except OppiError as error:
                summary.errors.append((str(path), str(error).removeprefix(f"{path.name}: ")))
                log.warning("not indexed: %s: %s", path, summary.errors[-1][1])
                continue
            result = index(
                loaded.chunks,
                self.records,
                store,
                cleanup="incremental",
                source_id_key="source",
                key_encoder="sha256",
                batch_size=self.settings.embedding_batch_size * 4,
            )
            summary.added += result["num_added"]
            summary.updated += result["num_updated"]
            summary.skipped += result["num_skipped"]
            summary.deleted += result["num_deleted"]
        summary.deleted += self._remove_vanished(folders, seen_sources)
        if progress:
            progress("", len(files), len(files))
        summary.embedded = getattr(self.library.embeddings, "texts_embedded", 0) - embedded_before
        self.library.invalidate()
        log.info("indexed %d files (%d folders): %s", len(files), len(folders), summary.line())
        return summary

    def _remove_vanished(self, folders: list[Path], seen: set[str]) -> int:
        """Drop the chunks of files that were under an indexed folder and are gone now."""
        gone = [
            source
            for source in self.records.sources()
            if source not in seen
            and not Path(source).exists()
            and any(Path(source).is_relative_to(folder) for folder in folders)
        ]
        return sum(self.remove_source(source) for source in gone)

    def remove_source(self, source: str) -> int:
        keys = self.records.list_keys(group_ids=[source])
        if keys:
            self.library.vector_store.delete(ids=keys)
            self.records.delete_keys(keys)
        self.library.invalidate()
        return len(keys)
