"""A draft in progress as the workspace holds it: the brief behind a saved credential, the skills
read from a brief, and each outcome's findings by its number in the list the planner sees."""

from __future__ import annotations

from assistant.drafting.common import outcome_findings
from assistant.drafting.needs import read_needs
from assistant.schemas import CredentialBrief, Finding, LearningOutcome, MicroCredential


def read_skills(brief: CredentialBrief) -> list[str]:
    """The skill needs as the drafter reads them (verb-object pairs from prose)."""
    return [need.text for need in read_needs(brief)]


def findings_by_outcome(
    checker, brief: CredentialBrief, outcomes: list[LearningOutcome], lang: str | None = None
) -> dict[int, list[Finding]]:
    """The outcome checks' findings keyed by each outcome's 1-based number in `outcomes`, with
    messages in `lang` (the draft's language without it).

    Rejected outcomes are left out of the check (they will not be published), so the checker
    numbers the rest; its numbers are mapped back to the planner's list here.
    """
    numbers = [n for n, o in enumerate(outcomes, start=1) if o.status != "rejected"]
    live = [outcomes[n - 1] for n in numbers]
    result: dict[int, list[Finding]] = {}
    for finding in outcome_findings(checker, brief, live, lang):
        if finding.outcome is not None and 1 <= finding.outcome <= len(numbers):
            result.setdefault(numbers[finding.outcome - 1], []).append(finding)
    return result


def brief_of(credential: MicroCredential, untitled: str = "Untitled") -> CredentialBrief:
    """The brief a saved credential was drafted from (the inverse of `as_credential`)."""
    return CredentialBrief(
        title=credential.title or untitled, target_group=credential.target_group or "",
        level=credential.level if credential.level and 1 <= credential.level <= 8 else None,
        ects=credential.ects if credential.ects and credential.ects > 0 else None,
        skill_needs=[s.strip() for s in (credential.skill_needs or "").split(";") if s.strip()],
        language="fi" if credential.language == "fi" else "en",
    )
