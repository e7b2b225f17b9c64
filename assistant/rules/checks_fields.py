"""Checks on the credential's fields: Annex I elements, workload, level, assessment, QA, ESCO."""

from __future__ import annotations

import re

from assistant.rules.context import Draft, finding
from assistant.schemas import Finding

_FRAMEWORKS = {"EQF", "NQF", "FiNQF"}
_ESCO_URI = re.compile(
    r"^http://data\.europa\.eu/esco/(?:skill|occupation)/"
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
)
_FINNISH_HOURS_PER_CREDIT = 27


def c01_mandatory(d: Draft) -> list[Finding]:
    """C01: each design-time Annex I element is present and not a placeholder."""
    c = d.cred
    elements = {
        "title": c.title,
        "awarding body": c.awarding_body,
        "country": c.country,
        "learning outcomes": "yes" if d.outcomes else None,
        "workload": c.workload_text or (None if c.ects is None and c.hours is None else "yes"),
        "level": c.level_text or (None if c.level is None and c.level_framework is None else "yes"),
        "assessment": c.assessment,
        "form of participation": c.participation,
        "quality assurance": c.quality_assurance,
    }
    out = []
    for where, value in elements.items():
        if d.given(value):
            continue
        state = (
            "is missing" if not (value or "").strip() else f"is a placeholder ('{value.strip()}')"
        )
        out.append(
            finding(
                "C01",
                "E",
                where,
                f"The {where} {state}; Annex I requires it in every micro-credential.",
                f"Write the {where} out in full before publishing.",
            )
        )
    return out


def c02_workload_ects(d: Draft) -> list[Finding]:
    """C02: workload is a positive number of ECTS credits."""
    c = d.cred
    if not d.given(c.workload_text) and c.hours is None:
        return []  # missing workload is C01's finding
    if c.ects is not None and c.ects > 0:
        return []
    if c.hours:
        estimate = c.hours / _FINNISH_HOURS_PER_CREDIT
        tip = f"At 27 h per credit, {c.hours:g} h is about {estimate:.1f} op (ECTS); state it."
        msg = f"The workload is given in hours only ({c.hours:g} h), not in ECTS credits."
    else:
        tip = "Write the credits with their unit, e.g. '5 op' or '5 ECTS (135 h)'."
        msg = f"The workload '{c.workload_text}' is not a positive number of ECTS credits."
    return [finding("C02", "E", "workload", msg, tip)]


def c03_workload_hours(d: Draft) -> list[Finding]:
    """C03: hours per credit lie in the configured range (25-30 h)."""
    c, s = d.cred, d.settings
    if not c.ects or c.ects <= 0 or c.hours is None:
        return []
    ratio = c.hours / c.ects
    if s.hours_per_credit_min <= ratio <= s.hours_per_credit_max:
        return []
    low, high = s.hours_per_credit_min * c.ects, s.hours_per_credit_max * c.ects
    return [
        finding(
            "C03",
            "E",
            "workload",
            f"{c.hours:g} h for {c.ects:g} ECTS is {ratio:.1f} h per credit; one credit is "
            f"{s.hours_per_credit_min:g}-{s.hours_per_credit_max:g} h of work.",
            f"For {c.ects:g} ECTS plan {low:g}-{high:g} h (in Finland {27 * c.ects:g} h at 27 h/op), "
            "or change the credits.",
        )
    ]


def c04_size(d: Draft) -> list[Finding]:
    """C04: the credential is within the micro-credential size range (1-59 ECTS)."""
    c, s = d.cred, d.settings
    if c.ects is None or c.ects <= 0 or s.ects_min <= c.ects <= s.ects_max:
        return []
    return [
        finding(
            "C04",
            "E",
            "workload",
            f"{c.ects:g} ECTS is outside the micro-credential range of {s.ects_min:g}-{s.ects_max:g} ECTS.",
            "Split a large offer into several micro-credentials, or merge a small one with related content.",
        )
    ]


def c05_level(d: Draft) -> list[Finding]:
    """C05: the level is 1-8 with its framework named, or explicitly not applicable."""
    c = d.cred
    if not d.given(c.level_text) and c.level is None and c.level_framework is None:
        return []
    if c.level_framework == "not applicable":
        return []
    problems = []
    if c.level is None:
        problems.append(f"'{c.level_text}' gives no level number")
    elif not 1 <= c.level <= 8:
        problems.append(f"level {c.level} is not between 1 and 8")
    if c.level_framework not in _FRAMEWORKS:
        problems.append("the framework (EQF or NQF) is not named")
    if not problems:
        return []
    return [
        finding(
            "C05",
            "E",
            "level",
            "The level is not usable: " + "; ".join(problems) + ".",
            "Write e.g. 'EQF 6' (NQF/FiNQF levels match EQF), or 'not applicable'.",
        )
    ]


def c13_assessment(d: Draft) -> list[Finding]:
    """C13: assessment is stated and, where mapped, covers every outcome."""
    c = d.cred
    if not d.given(c.assessment) or not d.outcomes:
        return []
    mapping = c.outcome_assessment
    if not mapping:
        return [
            finding(
                "C13",
                "W",
                "assessment",
                "The draft does not say which assessment task shows each outcome.",
                "Map each outcome to a task, e.g. 'Outcome 1: project report'.",
            )
        ]
    return [
        finding(
            "C13",
            "E",
            f"outcome {number}",
            f"Outcome {number} is not covered by any assessment task in the mapping.",
            "Name the task that shows this outcome, or drop the outcome.",
        )
        for number, _ in d.outcomes
        if not d.given(mapping.get(number))
    ]


def c15_criteria(d: Draft) -> list[Finding]:
    """C15: assessment criteria or a grading scale are stated."""
    c = d.cred
    if d.given(c.assessment_criteria):
        return []
    text = " ".join(v for v in (c.assessment, c.grade) if v)
    if any(p.search(text) for p in d.lexicon.regexes("criteria")):
        return []
    return [
        finding(
            "C15",
            "W",
            "assessment criteria",
            "No assessment criteria or grading scale are stated.",
            "State the scale (pass/fail, 0-5 or 1-5) and what a pass requires.",
        )
    ]


def c16_participation(d: Draft) -> list[Finding]:
    """C16: the form of participation is online, on-site, blended or work-based."""
    value = d.cred.participation
    if not d.given(value) or any(p.search(value) for p in d.lexicon.regexes("participation")):
        return []
    return [
        finding(
            "C16",
            "E",
            "form of participation",
            f"'{value}' is not a form of participation Annex I names.",
            "Use online, on-site, blended or work-based (verkko, lähi, monimuoto, työpaikalla).",
        )
    ]


def c17_quality(d: Draft) -> list[Finding]:
    """C17: the type of quality assurance names a real mechanism."""
    value = d.cred.quality_assurance
    if not d.given(value) or any(p.search(value) for p in d.lexicon.regexes("qa_mechanisms")):
        return []
    return [
        finding(
            "C17",
            "E",
            "quality assurance",
            f"'{value}' does not name a quality-assurance mechanism.",
            "Name the mechanism, e.g. 'the institution's FINEEC-audited quality system; course "
            "feedback reviewed each year'.",
        )
    ]


def c18_optional(d: Draft) -> list[Finding]:
    """C18: list the Annex I optional elements the draft leaves out."""
    c = d.cred
    optional = {
        "prerequisites": c.prerequisites,
        "supervision and identity verification": c.supervision,
        "grade": c.grade,
        "integration/stackability": c.stackability,
        "further information": c.further_information,
    }
    missing = [name for name, value in optional.items() if not d.given(value)]
    if not missing:
        return []
    return [
        finding(
            "C18",
            "I",
            "optional elements",
            "Optional Annex I elements not given: " + ", ".join(missing) + ".",
            "Add them where they help learners and recognisers.",
        )
    ]


def c19_relevance(d: Draft) -> list[Finding]:
    """C19: the target group and the skill need are described."""
    c = d.cred
    out = []
    if not d.given(c.target_group):
        out.append(
            finding(
                "C19",
                "W",
                "target group",
                "The target group is not described.",
                "Say who the credential is for, e.g. 'logistics supervisors in SMEs'.",
            )
        )
    if not d.given(c.skill_needs):
        out.append(
            finding(
                "C19",
                "W",
                "skill needs",
                "The skill need the credential answers is not described.",
                "Name the working-life need, with its source (employer survey, foresight, ESCO).",
            )
        )
    return out


def c20_esco(d: Draft) -> list[Finding]:
    """C20: every ESCO reference is a well-formed ESCO skill or occupation URI."""
    return [
        finding(
            "C20",
            "E",
            f"ESCO reference {number}",
            f"'{ref}' is not a well-formed ESCO URI.",
            "Use the concept URI from the ESCO portal: "
            "http://data.europa.eu/esco/skill/<uuid> or .../occupation/<uuid>.",
        )
        for number, ref in enumerate(d.cred.esco_refs, 1)
        if not _ESCO_URI.match(ref.strip())
    ] + _c20_registry(d, lambda ref: bool(_ESCO_URI.match(ref.strip())))


def _c20_registry(d: Draft, well_formed) -> list[Finding]:
    # Hook for issue 13 (owned by drafting): well-formed URIs the ESCO registry lacks.
    from assistant.rules.esco_registry import c20_registry

    return c20_registry(d, well_formed)
