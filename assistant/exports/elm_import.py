"""Read an unsigned ELM v3 EuropeanDigitalCredential into a MicroCredential."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from assistant.exports.common import as_list, as_number, first, language_of_tag
from assistant.exports.elm_vocabulary import ECTS_CONCEPT_ID
from assistant.schemas import LearningOutcome, MicroCredential

# Only hours and minutes: a day, month or year of study is not a fixed number of hours.
_DURATION = re.compile(r"PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?")


def elm_to_credential(document: dict[str, Any]) -> MicroCredential:
    """The first learning achievement of the credential, as Oppi's design model."""
    claim = _achievement(first(document.get("credentialSubject")) or {})
    spec = first(claim.get("specifiedBy")) or {}
    lang = _language(spec, document)

    def text(value: Any) -> str | None:
        return _pick(value, lang)

    body = (
        first((first(claim.get("awardedBy")) or {}).get("awardingBody"))
        or document.get("issuer")
        or {}
    )
    assessment = first(claim.get("provenBy")) or {}
    assessment_spec = first(assessment.get("specifiedBy")) or {}
    grading = first(assessment_spec.get("gradingScheme")) or {}
    activity = first(claim.get("influencedBy")) or {}
    level = _eqf_level(spec.get("eqfLevel"))
    hours, unparsed = _hours(spec.get("volumeOfLearning"))
    outcomes = as_list(spec.get("learningOutcome"))
    return MicroCredential(
        title=text(spec.get("title")) or text(claim.get("title")),
        description=(
            text(activity.get("description"))
            or text(spec.get("description"))
            or text(claim.get("description"))
        ),
        awarding_body=text(body.get("legalName")) if isinstance(body, dict) else None,
        country=_country(body, text),
        outcomes=[
            LearningOutcome(text=t, status="accepted")
            for t in (text(o.get("title")) for o in outcomes)
            if t
        ],
        ects=_ects(spec.get("creditPoint")),
        hours=hours,
        level=level,
        level_framework="EQF" if level is not None else None,
        level_text=None
        if level is not None
        else text((first(spec.get("nqfLevel")) or {}).get("prefLabel")),
        assessment=text(assessment_spec.get("title")) or text(assessment.get("title")),
        assessment_criteria=text(grading.get("description")),
        grade=text(grading.get("title")),
        participation=text((first(spec.get("mode")) or {}).get("prefLabel")),
        prerequisites=text((first(spec.get("entryRequirement")) or {}).get("noteLiteral")),
        supervision=text((first(assessment.get("idVerification")) or {}).get("prefLabel")),
        esco_refs=_esco(outcomes),
        language=lang,
        unparsed=unparsed,
    )


def _achievement(subject: dict[str, Any]) -> dict[str, Any]:
    claims = [c for c in as_list(subject.get("hasClaim")) if isinstance(c, dict)]
    achievements = [c for c in claims if "LearningAchievement" in as_list(c.get("type"))]
    return (achievements or claims or [{}])[0]


def _language(spec: dict[str, Any], document: dict[str, Any]) -> str | None:
    display = first(document.get("displayParameter")) or {}
    for concept in (first(spec.get("language")), first(display.get("primaryLanguage"))):
        if isinstance(concept, dict) and concept.get("id"):
            return language_of_tag(str(concept["id"]).rsplit("/", 1)[-1])
    return None


def _pick(value: Any, lang: str | None) -> str | None:
    """One string from an ELM language map: the credential's language, else English, else any."""
    value = first(value)
    if isinstance(value, str):
        return value.strip() or None
    if not isinstance(value, dict) or not value:
        return None
    for key in (lang, "en"):
        if key and isinstance(value.get(key), str):
            return value[key].strip() or None
    return str(next(iter(value.values()))).strip() or None


def _country(body: Any, text: Callable[[Any], str | None]) -> str | None:
    if not isinstance(body, dict):
        return None
    address = first((first(body.get("location")) or {}).get("address")) or {}
    code = first(address.get("countryCode")) or {}
    return text(code.get("prefLabel")) or text(
        (first(address.get("fullAddress")) or {}).get("noteLiteral")
    )


def _eqf_level(concept: Any) -> int | None:
    match = re.search(r"/eqf/([1-8])$", str((first(concept) or {}).get("id", "")))
    return int(match.group(1)) if match else None


def _ects(credit_points: Any) -> float | None:
    for credit in as_list(credit_points):
        framework = first(credit.get("framework")) or {}
        label = " ".join(str(v) for v in (framework.get("prefLabel") or {}).values())
        if framework.get("id") == ECTS_CONCEPT_ID or "ECTS" in label or "European Credit" in label:
            return as_number(credit.get("point"))
    return None


def _hours(duration: Any) -> tuple[float | None, dict[str, str]]:
    """Hours from an ISO 8601 duration; other durations are kept raw in `unparsed`."""
    if not duration:
        return None, {}
    match = _DURATION.fullmatch(str(duration))
    if not match or not any(match.groups()):
        return None, {"volumeOfLearning": str(duration)}
    hours, minutes = (float(g) if g else 0.0 for g in match.groups())
    return hours + minutes / 60, {}


def _esco(outcomes: list[Any]) -> list[str]:
    refs: list[str] = []
    for outcome in outcomes:
        for skill in as_list(outcome.get("relatedESCOSkill")):
            uri = skill.get("id") if isinstance(skill, dict) else skill
            if uri and uri not in refs:
                refs.append(uri)
    return refs
