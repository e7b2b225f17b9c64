"""What every export format shares: stable ids, language codes, the outcomes to publish."""

from __future__ import annotations

import uuid
from typing import Any

from assistant.schemas import LearningOutcome, MicroCredential

# Exports are templates, not issued credentials: a fixed date keeps them byte-for-byte
# reproducible. The issuing system sets the real date when it signs.
PLACEHOLDER_VALID_FROM = "2025-01-01T00:00:00Z"

_OPPI_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/oppi/credentials")


def stable_uuid(*parts: str) -> str:
    """A UUID derived from its parts, so the same credential always gets the same ids."""
    return str(uuid.uuid5(_OPPI_NAMESPACE, "\x1f".join(parts)))


def export_key(credential: MicroCredential, credential_id: str | None) -> str:
    """What the ids of one credential derive from: the store id if saved, else the title."""
    return credential_id or f"title:{credential.title or ''}"


def text_language(credential: MicroCredential) -> str:
    """The language tag for the credential's texts ('other' and unknown fall back to en)."""
    return credential.language if credential.language in ("en", "fi", "sv") else "en"


def language_of_tag(tag: str | None) -> str | None:
    """Oppi's language for a BCP 47 tag or an EU language code (fi, fi-FI, FIN…)."""
    if not tag:
        return None
    code = tag.strip().lower().split("-")[0]
    return {"en": "en", "eng": "en", "fi": "fi", "fin": "fi", "sv": "sv", "swe": "sv"}.get(
        code, "other"
    )


def published_outcomes(credential: MicroCredential) -> list[LearningOutcome]:
    """Outcomes a credential shows to others: everything the reviewer did not reject."""
    return [o for o in credential.outcomes if o.status != "rejected"]


def one_line(text: str) -> str:
    """Collapse line breaks so a text stays one list item or one value."""
    return " ".join(text.split())


def first(value: Any) -> Any:
    """The first item of a list, or the value itself (JSON-LD allows either)."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def as_list(value: Any) -> list[Any]:
    """A JSON-LD value as a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def as_number(value: Any) -> float | None:
    """A number from JSON (ELM writes credit points as strings)."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
