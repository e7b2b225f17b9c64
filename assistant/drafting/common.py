"""What every drafting strategy shares: stems, outcome counts, guidance and the outcome checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from assistant.config import Settings
from assistant.index.library import Library
from assistant.rules.checker import Checker
from assistant.rules.context import outcome_band
from assistant.schemas import (
    Citation,
    CredentialBrief,
    DraftResult,
    Finding,
    LearningOutcome,
    MicroCredential,
)

# The checks an outcome list must pass (issue: C06-C12 and C21). C10 covers outcome phrasing too.
OUTCOME_CHECKS = ("C06", "C07", "C08", "C09", "C10", "C11", "C12", "C21")
STEMS = {"en": "The learner can", "fi": "Opiskelija osaa"}


def outcome_text(language: str, verb: str, obj: str, context: str = "") -> str:
    """'The learner can <verb> <object> <context>.' in the brief's language."""
    body = " ".join(part.strip() for part in (verb, obj, context) if part and part.strip())
    return f"{STEMS[language]} {body.rstrip('.')}."


def count_band(settings: Settings, ects: float | None) -> tuple[int, int]:
    """The C11 band (fewest, most outcomes) for the credential's size."""
    if not ects:
        _, low, high = sorted(settings.outcome_count_bands)[1]  # size unknown: a middle band
        return low, high
    return outcome_band(settings, ects)


@dataclass
class Guidance:
    """Passages that ground a draft: outcome structure, the EQF level, past examples."""

    structure: list[Citation] = field(default_factory=list)
    level: list[Citation] = field(default_factory=list)
    examples: list[Citation] = field(default_factory=list)

    @property
    def rules(self) -> list[Citation]:
        return self.structure + self.level

    def as_text(self, limit: int = 600) -> str:
        parts = [f"- {c.label()}: {' '.join(c.quote.split())[:limit]}" for c in self.rules]
        parts += [f"- (example, not a rule) {c.label()}: {' '.join(c.quote.split())[:limit]}" for c in self.examples]
        return "\n".join(parts)


def gather_guidance(library: Library | None, brief: CredentialBrief) -> Guidance:
    """Retrieve the passages a draft should rest on; empty when there is no library."""
    if library is None or not library.is_built():
        return Guidance()
    fi = brief.language == "fi"
    structure_query = (
        "osaamistavoitteen rakenne verbi kohde konteksti Opiskelija osaa" if fi
        else "structure of a learning outcome: action verb, object and context"
    )
    level_query = f"EQF level {brief.level} knowledge skills responsibility autonomy" if brief.level else "EQF levels"
    skills = "; ".join(brief.skill_needs)
    return Guidance(
        structure=[p.citation for p in library.search(structure_query, k=1, kind="guideline", lang=brief.language)],
        level=_level_passage(library, level_query, brief.level),
        examples=[p.citation for p in library.search(f"{brief.title} {skills}", k=2, kind="credential")],
    )


def _level_passage(library: Library, query: str, level: int | None) -> list[Citation]:
    """The descriptor of the brief's own EQF level: a near neighbour ('level 3') is wrong."""
    found = [p.citation for p in library.search(query, k=8, kind="guideline", lang="en")]
    if level is not None:
        own = re.compile(rf"\blevel {level}\b", re.IGNORECASE)
        exact = [c for c in found if own.search(c.section)]
        if exact:
            return exact[:1]
    return found[:1]


def as_credential(brief: CredentialBrief, outcomes: list[LearningOutcome]) -> MicroCredential:
    return MicroCredential(
        title=brief.title, target_group=brief.target_group or None, level=brief.level,
        level_framework="EQF" if brief.level else None, ects=brief.ects, outcomes=outcomes,
        skill_needs="; ".join(brief.skill_needs) or None, language=brief.language,
    )


def outcome_findings(
    checker: Checker, brief: CredentialBrief, outcomes: list[LearningOutcome], lang: str | None = None
) -> list[Finding]:
    """The findings of the outcome checks on a list of outcomes; messages in `lang` (en or fi),
    or in the draft's language without it."""
    report = checker.check(as_credential(brief, outcomes), lang=lang)
    return [f for f in report.findings if f.id in OUTCOME_CHECKS]


class Drafter(Protocol):
    """A drafting strategy."""

    name: str

    def draft(self, brief: CredentialBrief, guidance: Guidance) -> DraftResult: ...
