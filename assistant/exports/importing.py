"""Read a credential file (ELM v3, Open Badges 3.0 or Oppi JSON) into a MicroCredential."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from assistant.errors import OppiError, describe_validation_error
from assistant.exports.common import as_list
from assistant.exports.elm_import import elm_to_credential
from assistant.exports.ob3 import ob3_to_credential
from assistant.schemas import MicroCredential

Format = Literal["elm", "ob3", "oppi"]
MAX_IMPORT_BYTES = 20 * 1024 * 1024
_COMPACT_JWS = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")
_OB3_TYPES = {"OpenBadgeCredential", "AchievementCredential", "Achievement"}

SEALED_MESSAGE = (
    "This credential is sealed (signed: a payload with signatures), so Oppi cannot read it "
    "as a design. Export an unsigned copy of the credential (JSON-LD) from the tool that "
    "issued it and import that instead."
)


def unwrap(data: Any) -> dict[str, Any]:
    """The credential itself: refuses sealed ELM files, unwraps EDC's {"credential": …}."""
    if not isinstance(data, dict):
        raise OppiError("A credential file must hold one JSON object; this one does not.")
    if "signatures" in data and "payload" in data:
        raise OppiError(SEALED_MESSAGE)
    if set(data) == {"credential"} and isinstance(data["credential"], dict):
        return unwrap(data["credential"])
    return data


def detect_format(data: dict[str, Any]) -> Format:
    """Which format an (unwrapped) credential document is in."""
    types = {str(t) for t in as_list(data.get("type"))}
    contexts = " ".join(str(c) for c in as_list(data.get("@context")) if isinstance(c, str))
    if "EuropeanDigitalCredential" in types or "data.europa.eu/snb/model" in contexts:
        return "elm"
    if types & _OB3_TYPES or "purl.imsglobal.org/spec/ob/" in contexts:
        return "ob3"
    if "@context" not in data and data and set(data) <= set(MicroCredential.model_fields):
        return "oppi"
    raise OppiError(
        "This file is not a credential Oppi can read: expected European Learning Model v3 "
        "(EuropeanDigitalCredential), Open Badges 3.0 (OpenBadgeCredential or "
        "AchievementCredential) or Oppi's own JSON export."
    )


def import_credential(data: Any) -> MicroCredential:
    """A MicroCredential from a parsed credential document, whatever its format."""
    document = unwrap(data)
    fmt = detect_format(document)
    if fmt == "elm":
        return elm_to_credential(document)
    if fmt == "ob3":
        return ob3_to_credential(document)
    try:
        return MicroCredential.model_validate(document)
    except ValidationError as error:
        raise OppiError(
            f"The Oppi JSON file does not fit the credential model: {describe_validation_error(error)}"
        ) from error


def import_file(path: Path | str) -> MicroCredential:
    """A MicroCredential from a .json / .jsonld file on disk."""
    path = Path(path)
    if not path.is_file():
        raise OppiError(f"No file at {path}: check the path.")
    if path.stat().st_size > MAX_IMPORT_BYTES:
        raise OppiError(
            f"{path.name} is larger than {MAX_IMPORT_BYTES // 2**20} MB; is it a credential?"
        )
    text = path.read_text(encoding="utf-8-sig", errors="replace").strip()
    if _COMPACT_JWS.match(text):
        raise OppiError(SEALED_MESSAGE)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise OppiError(
            f"{path.name} is not valid JSON (line {error.lineno}, column {error.colno}): "
            f"{error.msg}. Export the credential again, or pick its .json / .jsonld file."
        ) from error
    return import_credential(data)
