"""Checks on the credential's fields: Annex I elements, workload, level, assessment, QA, ESCO."""

from __future__ import annotations

import re

from assistant.rules.context import Draft, finding
from assistant.rules.messages import element_name, note_text, phrase
from assistant.schemas import Finding, ParseNote

# National frameworks with more than eight levels (checks.md C05); the others have eight.
FRAMEWORK_LEVELS = {"NFQ": 10, "SCQF": 12}
_FRAMEWORKS = {"EQF", "NQF", "FiNQF", *FRAMEWORK_LEVELS}
# checks.md C20: http and https; a portal link that carries a well-formed URI is well formed.
_ESCO_URI = re.compile(
    r"^(?:https?://(?:esco\.ec\.europa\.eu|ec\.europa\.eu/esco)\S*[?&]uri=)?"
    r"https?://data\.europa\.eu/esco/(?:skill|occupation)/"
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
)
_FINNISH_HOURS_PER_CREDIT = 27
_LINES = re.compile(r"^lines? (\d+)(?:-(\d+))?$")


def _place(key: str, lang: str) -> str:
    """An unread place in the report language: the parser's 'lines 3-5' key, or a draft label."""
    match = _LINES.match(key)
    if not match:
        return key
    first, last = match.group(1), match.group(2) or match.group(1)
    return note_text(ParseNote(key="line" if first == last else "lines", params={"first": first, "last": last}), lang)


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
    # checks.md: where unread prose exists, say where the reader looked.
    places = ", ".join(_place(k, d.lang) for k in c.unparsed if k != "(before first label)")[:120]
    out = []
    for where, value in elements.items():
        if d.given(value):
            continue
        if (value or "").strip():
            found = finding(d, "C01", "E", where, "C01.placeholder", element=where, value=value.strip())
        else:
            found = finding(d, "C01", "E", where, "C01.missing", element=where)
        if places:
            found.message += phrase("C01.looked", d.lang, places=places, element=element_name(where, d.lang))
        out.append(found)
    return out


def c02_workload_ects(d: Draft) -> list[Finding]:
    """C02: workload is a positive number of ECTS credits (missing: C01 and C02 both)."""
    c = d.cred
    if c.ects is not None and c.ects > 0:
        return []
    if c.hours:
        estimate = f"{c.hours / _FINNISH_HOURS_PER_CREDIT:.1f}"
        return [finding(d, "C02", "E", "workload", "C02.hours_only", hours=f"{c.hours:g}", estimate=estimate)]
    if not d.given(c.workload_text):
        return [finding(d, "C02", "E", "workload", "C02.missing")]
    return [finding(d, "C02", "E", "workload", "C02.not_ects", value=c.workload_text)]


def c03_workload_hours(d: Draft) -> list[Finding]:
    """C03: hours per credit lie in the configured range (25-30 h, inclusive)."""
    c, s = d.cred, d.settings
    if not c.ects or c.ects <= 0 or c.hours is None:
        return []
    ratio = c.hours / c.ects
    if s.hours_per_credit_min <= ratio <= s.hours_per_credit_max:
        return []
    return [
        finding(
            d, "C03", "E", "workload", "C03.ratio",
            hours=f"{c.hours:g}", ects=f"{c.ects:g}", ratio=f"{ratio:.1f}",
            low=f"{s.hours_per_credit_min:g}", high=f"{s.hours_per_credit_max:g}",
            min_hours=f"{s.hours_per_credit_min * c.ects:g}", max_hours=f"{s.hours_per_credit_max * c.ects:g}",
            finnish=f"{_FINNISH_HOURS_PER_CREDIT * c.ects:g}",
        )
    ]  # fmt: skip


def c04_size(d: Draft) -> list[Finding]:
    """C04: the credential is within the micro-credential size range (1-59 ECTS)."""
    c, s = d.cred, d.settings
    if c.ects is None or c.ects <= 0 or s.ects_min <= c.ects <= s.ects_max:
        return []
    return [
        finding(d, "C04", "E", "workload", "C04.size", ects=f"{c.ects:g}", low=f"{s.ects_min:g}", high=f"{s.ects_max:g}")
    ]


def c05_level(d: Draft) -> list[Finding]:
    """C05: the level is a number with its framework named, or explicitly not applicable."""
    c = d.cred
    if c.level_framework == "not applicable":
        return []
    if not d.given(c.level_text) and c.level is None and c.level_framework is None:
        return [finding(d, "C05", "E", "level", "C05.missing")]
    problems = []
    top = FRAMEWORK_LEVELS.get(c.level_framework or "", 8)
    if c.level is None:
        problems.append(phrase("C05.no_number", d.lang, value=c.level_text))
    elif not 1 <= c.level <= top:
        problems.append(phrase("C05.out_of_range", d.lang, level=c.level, top=top))
    if c.level_framework not in _FRAMEWORKS:
        problems.append(phrase("C05.no_framework", d.lang))
    if not problems:
        return []
    return [finding(d, "C05", "E", "level", "C05.unusable", problems="; ".join(problems))]


def c13_assessment(d: Draft) -> list[Finding]:
    """C13: assessment is stated (E); where outcomes are mapped to tasks, each is covered (W)."""
    c = d.cred
    if not d.given(c.assessment):
        return [finding(d, "C13", "E", "assessment", "C13.missing")]
    mapping = c.outcome_assessment
    if not mapping or not d.outcomes:
        return []  # checks.md: a mapping is optional; none given, no finding
    return [
        finding(d, "C13", "W", f"outcome {number}", "C13.uncovered", number=number)
        for number, _ in d.outcomes
        if not d.given(mapping.get(number))
    ]


def c15_criteria(d: Draft) -> list[Finding]:
    """C15: assessment criteria or a grading scale are stated."""
    c = d.cred
    if d.given(c.assessment_criteria):
        return []
    text = " ".join(v for v in (c.assessment, c.grade) if v)
    if d.lexicon.matches("criteria", text):
        return []
    return [finding(d, "C15", "W", "assessment criteria", "C15.none")]


def c16_participation(d: Draft) -> list[Finding]:
    """C16: the form of participation is online, on-site, blended or work-based."""
    value = d.cred.participation
    if not d.given(value):
        return [finding(d, "C16", "E", "form of participation", "C16.missing")]
    if d.lexicon.matches("participation", value):
        return []
    return [finding(d, "C16", "E", "form of participation", "C16.other", value=" ".join(value.split())[:120])]


def c17_quality(d: Draft) -> list[Finding]:
    """C17: the type of quality assurance names a real mechanism."""
    value = d.cred.quality_assurance
    if not d.given(value):
        return [finding(d, "C17", "E", "quality assurance", "C17.missing")]
    if d.lexicon.matches("qa_mechanisms", value):
        return []
    return [finding(d, "C17", "E", "quality assurance", "C17.none", value=" ".join(value.split())[:120])]


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
    missing = [element_name(name, d.lang) for name, value in optional.items() if not d.given(value)]
    if not missing:
        return []
    return [finding(d, "C18", "I", "optional elements", "C18.optional", names=", ".join(missing))]


def c19_relevance(d: Draft) -> list[Finding]:
    """C19: the target group and the skill need are described (one finding per missing part)."""
    c = d.cred
    out = []
    if not d.given(c.target_group):
        out.append(finding(d, "C19", "W", "target group", "C19.target"))
    if not d.given(c.skill_needs):
        out.append(finding(d, "C19", "W", "skill needs", "C19.need"))
    return out


def c20_esco(d: Draft) -> list[Finding]:
    """C20: every ESCO reference is a well-formed ESCO skill or occupation URI."""
    return [
        finding(d, "C20", "E", f"ESCO reference {number}", "C20.uri", ref=ref)
        for number, ref in enumerate(d.cred.esco_refs, 1)
        if not _ESCO_URI.match(ref.strip())
    ] + _c20_registry(d, lambda ref: bool(_ESCO_URI.match(ref.strip())))


def _c20_registry(d: Draft, well_formed) -> list[Finding]:
    # Hook for issue 13 (owned by drafting): well-formed URIs the ESCO registry lacks.
    from assistant.rules.esco_registry import c20_registry

    return c20_registry(d, well_formed)
