"""Turn a file into chunks that keep their section path, page and metadata."""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from langchain_core.documents import Document
from langchain_text_splitters import MarkdownHeaderTextSplitter, RecursiveCharacterTextSplitter

from assistant.config import Settings
from assistant.ingest.loaders import read_pages

KINDS = ("guideline", "quality", "credential", "other")
_FOLDER_KINDS = {
    "guideline": "guideline",
    "guidelines": "guideline",
    "quality": "quality",
    "credential": "credential",
    "credentials": "credential",
}
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)
_CHECKS_LINE = re.compile(r"^\s*(?:Checks|Tarkistukset)\s*:\s*(.+)$", re.MULTILINE | re.IGNORECASE)
_CHECK_ID = re.compile(r"\b[CL]\d{2}\b")
_HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3")]


@dataclass
class LoadedFile:
    """A file's chunks plus the facts about the whole document."""

    doc_id: str
    title: str
    kind: str
    lang: str
    version: str
    sha256: str
    source: str
    chunks: list[Document] = field(default_factory=list)


def split_front_matter(text: str) -> tuple[dict, str]:
    """Return (front matter, body). Malformed front matter is treated as body text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text
    return (meta if isinstance(meta, dict) else {}), text[match.end() :]


@lru_cache(maxsize=1)
def _language_identifier():
    import py3langid

    # Restricting the candidates makes short Finnish/Swedish/English text far more reliable.
    py3langid.set_languages(["en", "fi", "sv", "de", "fr", "es", "et", "ru", "it", "nl"])
    return py3langid


_LANGID_LOCK = threading.Lock()  # py3langid's identifier is shared state, not thread-safe


def detect_lang(text: str) -> str:
    """en, fi, sv, or other."""
    sample = text[:5000].strip()
    if not sample:
        return "other"
    with _LANGID_LOCK:
        lang, _ = _language_identifier().classify(sample)
    return lang if lang in ("en", "fi", "sv") else "other"


def looks_finnish(text: str) -> bool:
    """Finnish by detection, or by its letters: a short query often defeats detection."""
    return detect_lang(text) == "fi" or any(ch in text.lower() for ch in "äö")


def _kind_for(path: Path, meta: dict) -> str:
    declared = str(meta.get("kind", "")).strip().lower()
    if declared in KINDS:
        return declared
    for part in reversed(path.parts[:-1]):
        if part.lower() in _FOLDER_KINDS:
            return _FOLDER_KINDS[part.lower()]
    return "other"


def doc_id_for(path: Path, root: Path | None) -> str:
    """A stable, readable id: the path under the indexed folder, without its suffix."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).with_suffix("").as_posix()
        except ValueError:
            pass
    return path.stem


def _first_heading(text: str) -> str | None:
    match = re.search(r"^#\s+(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else None


def _section_path(headers: dict, title: str) -> str:
    parts = [headers[key].strip() for key in ("h1", "h2", "h3") if headers.get(key)]
    if len(parts) > 1 and parts[0] == title:
        parts = parts[1:]
    return " > ".join(parts)


def load_file(path: Path, settings: Settings, root: Path | None = None) -> LoadedFile:
    """Read, split and label one file. Raises OppiError for bad input."""
    path = Path(path)
    pages = read_pages(path, settings)
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()

    meta, first_body = split_front_matter(pages[0][1])
    pages[0] = (pages[0][0], first_body)
    full_text = "\n".join(text for _, text in pages)
    title = str(meta.get("title") or _first_heading(full_text) or path.stem.replace("-", " "))
    declared_lang = str(meta.get("lang", "")).strip().lower()
    lang = declared_lang if declared_lang in ("en", "fi", "sv", "other") else detect_lang(full_text)
    loaded = LoadedFile(
        doc_id=doc_id_for(path, root),
        title=title,
        kind=_kind_for(path, meta),
        lang=lang,
        version=str(meta.get("version", "1")),
        sha256=sha256,
        source=str(path.resolve()),
    )
    loaded.chunks = _chunks(pages, loaded, settings)
    return loaded


def _chunks(pages: list[tuple[int | None, str]], loaded: LoadedFile, settings: Settings) -> list[Document]:
    header_splitter = MarkdownHeaderTextSplitter(_HEADERS, strip_headers=True)
    size_splitter = RecursiveCharacterTextSplitter(
        chunk_size=settings.chunk_size, chunk_overlap=min(settings.chunk_overlap, settings.chunk_size // 2)
    )
    chunks: list[Document] = []
    for page, text in pages:
        # A past credential is short and only makes sense whole; its field sections alone
        # ("Awarding body") would crowd out real answers.
        sections = (
            [Document(page_content=text, metadata={})]
            if loaded.kind == "credential"
            else header_splitter.split_text(text)
        )
        for section_doc in sections:
            section = _section_path(section_doc.metadata, loaded.title)
            checks = sorted(set(_CHECK_ID.findall(" ".join(_CHECKS_LINE.findall(section_doc.page_content)))))
            for body in size_splitter.split_text(section_doc.page_content):
                if not body.strip():
                    continue
                heading = f"{loaded.title} > {section}" if section else loaded.title
                if loaded.kind == "credential":
                    # Says what the text is, for both retrievers: questions ask for "an example
                    # credential", and a credential's own text never calls itself one.
                    heading = f"{heading} (example micro-credential)"
                chunks.append(
                    Document(
                        page_content=f"{heading}\n\n{body.strip()}",
                        metadata={
                            "doc_id": loaded.doc_id,
                            "title": loaded.title,
                            "kind": loaded.kind,
                            "source": loaded.source,
                            "page": page or 0,  # Chroma metadata cannot hold None
                            "section": section,
                            "lang": loaded.lang,
                            "sha256": loaded.sha256,
                            "version": loaded.version,
                            "checks": " ".join(checks),
                            "chunk_index": len(chunks),
                        },
                    )
                )
    return chunks
