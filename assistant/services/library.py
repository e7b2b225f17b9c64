"""The library as the workspace and the CLI change it: add uploads, re-index, remove a document.

Uploads are copied under OPPI_HOME/uploads, so a re-index finds them again and removing one
deletes its copy; the built-in corpus is never deleted, only un-indexed.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from assistant.config import BUILTIN_CORPUS, Settings
from assistant.index.indexer import Indexer, IndexSummary, Progress
from assistant.index.library import DocumentInfo, Library


class LibraryService:
    def __init__(
        self,
        settings: Settings,
        library: Library,
        corpus: Path = BUILTIN_CORPUS,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        """`on_change` runs after every index or removal (the checker's citations follow it)."""
        self.settings = settings
        self.library = library
        self.corpus = corpus  # what a re-index starts from: the built-in corpus
        self.on_change = on_change

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    @property
    def uploads_dir(self) -> Path:
        return self.settings.home / "uploads"

    def documents(self) -> list[DocumentInfo]:
        return self.library.documents()

    def index(self, paths: Iterable[Path], *, rebuild: bool = False, progress: Progress | None = None) -> IndexSummary:
        """Index files or folders where they are (the CLI's `oppi index`)."""
        try:
            return Indexer(self.settings, self.library).index_paths(paths, rebuild=rebuild, progress=progress)
        finally:
            self._changed()

    def add_uploads(self, files: Iterable[Path], progress: Progress | None = None) -> IndexSummary:
        """Keep copies of uploaded files under OPPI_HOME/uploads and index them.

        A file with the name of an earlier upload replaces it (its chunks too); a copy that
        could not be indexed is deleted again, so it does not fail every later re-index.
        """
        self.uploads_dir.mkdir(parents=True, exist_ok=True)
        kept = []
        for file in files:
            target = self.uploads_dir / Path(file).name  # the name only: no path from the browser
            if Path(file).resolve() != target.resolve():
                shutil.copyfile(file, target)
            kept.append(target)
        summary = self.index(kept, progress=progress)
        for failed, _reason in summary.errors:
            Path(failed).unlink(missing_ok=True)
        return summary

    def reindex(self, progress: Progress | None = None) -> IndexSummary:
        """The built-in corpus and every kept upload; unchanged files embed nothing."""
        targets = [self.corpus] + ([self.uploads_dir] if self.uploads_dir.is_dir() else [])
        return self.index(targets, progress=progress)

    def remove(self, source: str) -> int:
        """Drop a document's chunks; an upload's stored copy goes too. Returns the chunks removed."""
        removed = Indexer(self.settings, self.library).remove_source(source)
        self._changed()
        path = Path(source)
        if path.parent.resolve() == self.uploads_dir.resolve():
            path.unlink(missing_ok=True)
        return removed
