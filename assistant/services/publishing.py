"""A saved credential written out in an exchange format, as the workspace offers it for download."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.exports import export_credential
from assistant.exports.common import published_outcomes

# Format -> file suffix.
SUFFIXES = {"markdown": ".md", "json": ".json", "ob3": ".ob3.json", "elm": ".elm.jsonld"}


def file_name(title: str | None, fmt: str) -> str:
    """A file name from the title: lower-case ASCII letters and digits joined by '-'."""
    slug = re.sub(r"[^a-z0-9]+", "-", (title or "credential").lower()).strip("-")[:60] or "credential"
    return f"{slug}{SUFFIXES[fmt]}"


def export_to_file(store, credential_id: str, fmt: str, folder: Path, by=None) -> Path:
    """Write the credential's export into `folder`; rejected outcomes stay in the history, never
    in what is published, and an approved credential's export names its approver."""
    credential, record = store.open(credential_id, by=by)
    credential = credential.model_copy(update={"outcomes": published_outcomes(credential)})
    path = folder / file_name(credential.title, fmt)
    path.write_text(export_credential(credential, fmt, approval=record.approval), encoding="utf-8")
    return path
