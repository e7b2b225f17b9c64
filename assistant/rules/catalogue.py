"""The check catalogue (spec/checks.md): each ID with its name, severity and function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.rules import checks_fields as f
from assistant.rules import checks_outcomes as o
from assistant.rules.context import Draft
from assistant.schemas import Finding, Severity


@dataclass(frozen=True)
class Check:
    """One catalogue entry."""

    id: str
    name: str
    severity: Severity
    run: Callable[[Draft], list[Finding]]


CATALOGUE: tuple[Check, ...] = (
    Check("C01", "mandatory-elements", "E", f.c01_mandatory),
    Check("C02", "workload-ects", "E", f.c02_workload_ects),
    Check("C03", "workload-hours", "E", f.c03_workload_hours),
    Check("C04", "size-range", "E", f.c04_size),
    Check("C05", "level", "E", f.c05_level),
    Check("C06", "outcome-verb", "E", o.c06_outcome_verb),
    Check("C07", "vague-verb", "E", o.c07_vague_verb),
    Check("C08", "single-verb", "W", o.c08_single_verb),
    Check("C09", "outcome-specific", "W", o.c09_specific),
    Check("C10", "learner-centred", "E", o.c10_learner_centred),
    Check("C11", "outcome-count", "W", o.c11_outcome_count),
    Check("C12", "level-alignment", "W", o.c12_level_alignment),
    Check("C13", "assessment", "E", f.c13_assessment),
    Check("C14", "assessment-fit", "W", o.c14_assessment_fit),
    Check("C15", "criteria", "W", f.c15_criteria),
    Check("C16", "participation", "E", f.c16_participation),
    Check("C17", "quality-assurance", "E", f.c17_quality),
    Check("C18", "optional-elements", "I", f.c18_optional),
    Check("C19", "relevance", "W", f.c19_relevance),
    Check("C20", "esco-uri", "E", f.c20_esco),
    Check("C21", "duplicate-outcome", "W", o.c21_duplicates),
)
BY_ID = {check.id: check for check in CATALOGUE}

# Where findings sit in a report, in the order a planner reads a draft.
FIELD_ORDER = (
    "title",
    "description",
    "awarding body",
    "country",
    "learning outcomes",
    "outcome",
    "workload",
    "level",
    "assessment",
    "assessment criteria",
    "form of participation",
    "quality assurance",
    "target group",
    "skill needs",
    "ESCO reference",
    "optional elements",
)


def position(where: str) -> tuple[int, int]:
    """Sort key of a finding's place: field order, then outcome or reference number."""
    head, _, number = where.rpartition(" ")
    if number.isdigit() and head in FIELD_ORDER:
        return FIELD_ORDER.index(head), int(number)
    return (FIELD_ORDER.index(where) if where in FIELD_ORDER else len(FIELD_ORDER)), 0
