"""Read a file into page-aware text, refusing bad input with a one-line reason.

Every loader returns `list[tuple[page | None, text]]`; Markdown headings are kept in the text
so the splitter can rebuild the section path. DOCX headings become Markdown headings for the
same reason. JSON credentials are rendered to Markdown.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from assistant.config import Settings
from assistant.errors import OppiError, describe_validation_error

Pages = list[tuple[int | None, str]]

TEXT_SUFFIXES = {".md", ".markdown", ".txt", ".text"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".pdf", ".docx", ".json"}


def read_pages(path: Path, settings: Settings) -> Pages:
    """Return the text of `path` page by page, or raise OppiError naming the problem."""
    path = check_file(Path(path), settings)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise OppiError(f"{path.name}: unsupported file type '{suffix}' (supported: {supported})")
    data = path.read_bytes()
    if not data.strip():
        raise OppiError(f"{path.name}: the file is empty")
    pages = _LOADERS[suffix](path, data)
    if not any(text.strip() for _, text in pages):
        raise OppiError(f"{path.name}: the file has no text")
    return pages


def check_file(path: Path, settings: Settings) -> Path:
    """The path, if it is a file within the size limit; otherwise a one-line OppiError."""
    if not path.is_file():
        raise OppiError(f"{path}: no such file")
    size_mb = path.stat().st_size / 1_000_000
    if size_mb > settings.max_file_mb:
        raise OppiError(
            f"{path.name}: {size_mb:.3g} MB is over the size limit of {settings.max_file_mb:g} MB "
            "(raise OPPI_MAX_FILE_MB to allow it)"
        )
    return path


def decode_text(name: str, data: bytes) -> str:
    """Decode UTF-8 text, telling binary content and other encodings apart."""
    if b"\x00" in data[:8192]:
        raise OppiError(f"{name}: binary content, not text (is it really a {Path(name).suffix} file?)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise OppiError(
            f"{name}: not UTF-8 text (byte {error.start} cannot be read); save it as UTF-8"
        ) from None


def _load_text(path: Path, data: bytes) -> Pages:
    return [(None, decode_text(path.name, data))]


def _load_pdf(path: Path, data: bytes) -> Pages:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise OppiError(f"{path.name}: the PDF is encrypted; save an unprotected copy")
        pages = [(number, page.extract_text() or "") for number, page in enumerate(reader.pages, 1)]
    except OppiError:
        raise
    except FileNotDecryptedError:
        raise OppiError(f"{path.name}: the PDF is encrypted; save an unprotected copy") from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AssertionError) as error:
        raise OppiError(f"{path.name}: corrupt PDF ({type(error).__name__}: {error})") from None
    if not pages:
        raise OppiError(f"{path.name}: the PDF has no pages")
    if not any(text.strip() for _, text in pages):
        raise OppiError(
            f"{path.name}: the PDF has no text layer (a scan?); run OCR on it first"
        )
    return pages


def _load_docx(path: Path, data: bytes) -> Pages:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise OppiError(f"{path.name}: corrupt or not a DOCX file ({error})") from None
    lines: list[str] = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style.startswith("Heading") and style[-1:].isdigit():
            lines.append("#" * int(style[-1]) + " " + text)
        elif style == "Title":
            lines.append("# " + text)
        elif "List" in style:
            lines.append("- " + text)
        else:
            lines.append(text)
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text.strip() for cell in row.cells))
    return [(None, "\n\n".join(lines))]


def _load_json(path: Path, data: bytes) -> Pages:
    from assistant.exports.markdown import credential_to_markdown
    from assistant.schemas import MicroCredential

    text = decode_text(path.name, data)
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as error:
        raise OppiError(f"{path.name}: invalid JSON (line {error.lineno}: {error.msg})") from None
    if not isinstance(payload, dict):
        raise OppiError(f"{path.name}: expected a JSON object in Oppi's credential schema")
    try:
        credential = MicroCredential.model_validate(payload)
    except ValidationError as error:
        raise OppiError(
            f"{path.name}: not an Oppi credential ({describe_validation_error(error, limit=1)})"
        ) from None
    return [(None, credential_to_markdown(credential))]


_LOADERS: dict[str, Callable[[Path, bytes], Pages]] = {
    **{suffix: _load_text for suffix in TEXT_SUFFIXES},
    ".pdf": _load_pdf,
    ".docx": _load_docx,
    ".json": _load_json,
}
