"""Markdown for people: a credential with one heading per field, a draft with its findings.

It needs only the schemas, so the loaders (which index JSON credentials as Markdown) and the
review can use it without the machine formats.
"""

from __future__ import annotations

from assistant.schemas import DraftResult, MicroCredential

# Field -> (English heading, Finnish heading). The same headings the draft parser reads.
MARKDOWN_FIELDS: list[tuple[str, str, str]] = [
    ("description", "Description", "Kuvaus"),
    ("awarding_body", "Awarding body", "Järjestäjä"),
    ("country", "Country", "Maa"),
    ("level_text", "Level", "Taso"),
    ("workload_text", "Workload", "Laajuus"),
    ("target_group", "Target group", "Kohderyhmä"),
    ("skill_needs", "Skill needs", "Osaamistarpeet"),
    ("prerequisites", "Prerequisites", "Esitiedot"),
    ("assessment", "Assessment", "Arviointi"),
    ("assessment_criteria", "Assessment criteria", "Arviointikriteerit"),
    ("participation", "Form of participation", "Toteutustapa"),
    ("quality_assurance", "Quality assurance", "Laadunvarmistus"),
    ("supervision", "Supervision and identity verification", "Valvonta ja tunnistaminen"),
    ("grade", "Grade", "Arvosana"),
    ("stackability", "Stackability", "Kytkeytyminen"),
    ("further_information", "Further information", "Lisätietoja"),
]


def _level_text(credential: MicroCredential) -> str | None:
    if credential.level_text:
        return credential.level_text
    if credential.level is not None:
        return f"{credential.level_framework or 'EQF'} {credential.level}"
    return credential.level_framework


def _workload_text(credential: MicroCredential) -> str | None:
    if credential.workload_text:
        return credential.workload_text
    if credential.ects is None:
        return None
    text = f"{credential.ects:g} ECTS"
    return f"{text} ({credential.hours:g} hours)" if credential.hours else text


def credential_to_markdown(credential: MicroCredential) -> str:
    """Markdown with one heading per field, in the credential's language."""
    finnish = credential.language == "fi"
    derived = {"level_text": _level_text(credential), "workload_text": _workload_text(credential)}
    lines = [f"# {credential.title or ('Nimetön' if finnish else 'Untitled')}", ""]
    for field, english, finnish_heading in MARKDOWN_FIELDS:
        value = derived.get(field, getattr(credential, field))
        if field == "description" and value:
            lines += [value, ""]
            continue
        if value:
            lines += [f"## {finnish_heading if finnish else english}", "", str(value), ""]
        if field == "skill_needs":
            lines += _outcome_lines(credential, finnish)
    if credential.esco_refs:
        lines += ["## ESCO", ""] + [f"- {uri}" for uri in credential.esco_refs] + [""]
    return "\n".join(lines).rstrip() + "\n"


def _outcome_lines(credential: MicroCredential, finnish: bool) -> list[str]:
    if not credential.outcomes:
        return []
    heading = "Osaamistavoitteet" if finnish else "Learning outcomes"
    return [f"## {heading}", ""] + [f"- {o.text}" for o in credential.outcomes] + [""]


def draft_to_markdown(result: DraftResult) -> str:
    """A DraftResult for people: outcomes with their Bloom level, strategy, findings, sources."""
    brief = result.brief
    lines = [f"# {brief.title}", "", f"Strategy: {result.strategy}" + (
        f" (prompt {result.prompt_id} v{result.prompt_version}, {result.repair_rounds} repair rounds)"
        if result.prompt_id else ""), ""]
    for number, outcome in enumerate(result.outcomes, start=1):
        levels = "/".join(b.value for b in outcome.bloom) or "?"
        lines.append(f"{number}. {outcome.text}  \n   *{levels}* · {outcome.strategy or result.strategy}"
                     + (f" · assessment: {outcome.assessment}" if outcome.assessment else ""))
    if not result.outcomes:
        lines.append("No outcomes could be drafted.")
    if result.findings:
        lines += ["", "## Remaining findings", ""]
        lines += [f"- **{f.id}** ({f.severity}) {f.where}: {f.message} {f.suggestion}".rstrip() for f in result.findings]
    if result.errors:
        lines += ["", "## Problems", ""] + [f"- {e}" for e in result.errors]
    sources = {c.chunk_id: c for o in result.outcomes for c in o.citations}
    if sources:
        lines += ["", "## Sources", ""] + [f"- {c.label()}" for c in sources.values()]
    return "\n".join(lines) + "\n"
