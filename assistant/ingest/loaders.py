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


_MAX_JSON_NUMBER_DIGITS = 40  # longer numbers are not a workload or a level
_DOCX_MAX_UNZIPPED = 40_000_000  # bytes of XML python-docx may parse (about 1 GB in lxml at worst)
_DOCX_MAX_RATIO = 100  # a member that expands more than this is a zip bomb, not a document
UNDECODABLE = "\ufffd"  # what a character the PDF's font cannot map becomes (never dropped)


def _json_number(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_JSON_NUMBER_DIGITS:
        raise OppiError(f"a number with {len(text)} digits is too long to be a value")
    return int(text)


def _json_constant(name: str) -> float:
    raise OppiError(f"'{name}' is not a JSON value")


def load_json(text: str, name: str) -> object:
    """Parse JSON with bounded numbers and depth; any failure is one OppiError line."""
    try:
        return json.loads(text, parse_int=_json_number, parse_constant=_json_constant)
    except OppiError as error:
        raise OppiError(f"{name}: not valid JSON ({error})") from None
    except json.JSONDecodeError as error:
        raise OppiError(
            f"{name}: not valid JSON (line {error.lineno}: {error.msg}). Fix the JSON or paste it "
            "as text."
        ) from None
    except RecursionError:
        raise OppiError(f"{name}: not valid JSON (nested too deeply to read)") from None
    except ValueError as error:  # e.g. a float literal Python cannot hold
        raise OppiError(f"{name}: not valid JSON ({error})") from None


def _load_text(path: Path, data: bytes) -> Pages:
    return [(None, decode_text(path.name, data))]


def _load_pdf(path: Path, data: bytes) -> Pages:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise OppiError(f"{path.name}: the PDF is encrypted; save an unprotected copy")
        # Glyphs without a Unicode map come out as NUL; they become a visible U+FFFD, never
        # dropped ("Articial" would invent a word), and the draft parser notes them per page.
        pages = [
            (number, (page.extract_text() or "").replace("\x00", UNDECODABLE))
            for number, page in enumerate(reader.pages, 1)
        ]
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

    _check_unzipped_size(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise OppiError(f"{path.name}: corrupt or not a DOCX file ({error})") from None
    except Exception as error:  # lxml's XMLSyntaxError and kin: a broken document  # noqa: BLE001
        raise OppiError(f"{path.name}: corrupt DOCX ({type(error).__name__})") from None
    from docx.table import Table

    # Paragraphs and tables in document order: a table of outcomes stands under its heading.
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            # One block: a blank line between rows would end the table for the section reader.
            lines.append("\n".join("\t".join(cell.text.strip() for cell in row.cells) for row in block.rows))
            continue
        text = block.text.strip()
        if not text:
            continue
        style = (block.style.name if block.style is not None else "") or ""
        if style.startswith("Heading") and style[-1:].isdigit():
            lines.append("#" * int(style[-1]) + " " + text)
        elif style == "Title":
            lines.append("# " + text)
        elif "List" in style:
            lines.append("- " + text)
        else:
            lines.append(text)
    return [(None, "\n\n".join(lines))]


def _check_unzipped_size(path: Path) -> None:
    """Refuse a DOCX whose XML would expand past the budget, before anything is inflated."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise OppiError(f"{path.name}: corrupt or not a DOCX file ({error})") from None
    total = sum(m.file_size for m in members)
    if total > _DOCX_MAX_UNZIPPED:
        raise OppiError(
            f"{path.name}: the DOCX expands to {total / 1e6:.0f} MB, over the "
            f"{_DOCX_MAX_UNZIPPED / 1e6:.0f} MB limit; save a smaller copy"
        )
    for member in members:
        if member.file_size > 1_000_000 and member.file_size > _DOCX_MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise OppiError(
                f"{path.name}: '{member.filename}' expands {member.file_size // max(member.compress_size, 1)}"
                f"-fold; that is a zip bomb, not a document"
            )


def _load_json(path: Path, data: bytes) -> Pages:
    from assistant.exports.markdown import credential_to_markdown
    from assistant.schemas import MicroCredential

    payload = load_json(decode_text(path.name, data), path.name)
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
