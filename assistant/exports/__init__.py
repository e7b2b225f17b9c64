"""Credential exchange: export to Markdown, Oppi JSON, Open Badges 3.0 and ELM v3; import back.

This package is the one import for all of it. Exports are deterministic templates: ids derive
from the credential, and `validFrom` is a placeholder unless given.
"""

from __future__ import annotations

import json
from typing import Literal

from assistant.errors import OppiError
from assistant.exports.common import PLACEHOLDER_VALID_FROM
from assistant.exports.elm import credential_to_elm
from assistant.exports.elm_import import elm_to_credential
from assistant.exports.importing import detect_format, import_credential, import_file
from assistant.exports.markdown import credential_to_markdown, draft_to_markdown
from assistant.exports.ob3 import credential_to_ob3, ob3_to_credential
from assistant.exports.validate import validate_ob3
from assistant.schemas import MicroCredential
from assistant.workflow import Approval

ExportFormat = Literal["markdown", "json", "ob3", "elm"]


def credential_to_json(credential: MicroCredential) -> str:
    """Oppi's own JSON: every field, review statuses included."""
    return credential.model_dump_json(indent=2)


def export_credential(
    credential: MicroCredential,
    fmt: ExportFormat,
    credential_id: str | None = None,
    approval: Approval | None = None,
) -> str:
    """The credential as text in one format, ready to save or download. An approved one says
    who approved it in Markdown and Open Badges (ELM and Oppi JSON have no place for it)."""
    if fmt == "markdown":
        text = credential_to_markdown(credential)
        if approval is not None:
            text = text.rstrip("\n") + f"\n\nApproved by {approval.approved_by} on {approval.approved_at[:10]}.\n"
        return text
    if fmt == "json":
        return credential_to_json(credential)
    if fmt == "ob3":
        document = credential_to_ob3(credential, credential_id=credential_id, approval=approval)
    elif fmt == "elm":
        document = credential_to_elm(credential, credential_id=credential_id)
    else:
        raise OppiError(f"Unknown export format {fmt!r}: use markdown, json, ob3 or elm.")
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


__all__ = [
    "PLACEHOLDER_VALID_FROM",
    "credential_to_elm",
    "credential_to_json",
    "credential_to_markdown",
    "credential_to_ob3",
    "detect_format",
    "draft_to_markdown",
    "elm_to_credential",
    "export_credential",
    "import_credential",
    "import_file",
    "ob3_to_credential",
    "validate_ob3",
]
