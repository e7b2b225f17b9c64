"""Check a document against the official Open Badges 3.0 AchievementCredential JSON Schema."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.errors import OppiError

# Vendored byte for byte from 1EdTech; source and licence in assistant/data/README.md.
OB3_SCHEMA_PATH = (
    Path(__file__).resolve().parent.parent / "data" / "ob3_achievementcredential_schema.json"
)


@lru_cache(maxsize=1)
def _validator() -> Any:
    try:
        from jsonschema import Draft201909Validator
    except ImportError as error:  # jsonschema is needed only for this check
        raise OppiError(
            "Validating Open Badges needs the 'jsonschema' package: pip install jsonschema"
        ) from error
    schema = json.loads(OB3_SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft201909Validator(schema)


def validate_ob3(document: Any) -> list[str]:
    """Schema errors as 'path: message' lines; an empty list means the document is valid."""
    errors = sorted(
        _validator().iter_errors(document), key=lambda e: list(map(str, e.absolute_path))
    )
    return [f"{'.'.join(map(str, e.absolute_path)) or '(document)'}: {e.message}" for e in errors]
