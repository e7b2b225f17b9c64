"""European Learning Model v3: a MicroCredential as an unsigned EuropeanDigitalCredential.

Shaped after the official sample `Sample-MC-Annex1-unsigned.jsonld` (property names, nesting
and value shapes; only paths that sample uses). Carried: title, description (on the learning
activity), awarding body and country, published outcomes (ESCO skills on each), ECTS, hours,
EQF level, participation (mode), language, prerequisites (entry requirement), assessment,
assessment criteria and grade (grading scheme), supervision (id verification). Not carried
(no place in the sample): target group, skill needs, quality assurance, stackability,
further information, ESCO occupations.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.exports.common import (
    PLACEHOLDER_VALID_FROM,
    export_key,
    one_line,
    published_outcomes,
    stable_uuid,
    text_language,
)
from assistant.exports.elm_vocabulary import (
    COUNTRIES,
    ECTS_CONCEPT_ID,
    ELM_CONTEXT,
    ELM_SCHEMA,
    ESCO_SKILLS_SCHEME,
    EU_AUTHORITY,
    ID_VERIFICATIONS,
    LANGUAGES,
    MODES,
    SHORT_LEARNING_PROGRAMME,
    SNB,
)
from assistant.schemas import MicroCredential

# Makes an ELM language map ({"fi": "…"}) in the credential's language.
LangMap = Callable[[str], dict[str, str]]


def credential_to_elm(
    credential: MicroCredential,
    credential_id: str | None = None,
    valid_from: str = PLACEHOLDER_VALID_FROM,
) -> dict[str, Any]:
    """An unsigned ELM v3 credential whose subject is a template person (no identity)."""
    lang = text_language(credential)
    text = _texts(lang)
    organisation = _organisation(credential, text)
    claim: dict[str, Any] = {
        "id": "urn:epass:learningAchievement:1",
        "type": "LearningAchievement",
        "awardedBy": {
            "id": "urn:epass:awardingProcess:1",
            "type": "AwardingProcess",
            "awardingBody": organisation,
        },
        "specifiedBy": _qualification(credential, text),
    }
    if credential.description:
        claim["influencedBy"] = {
            "id": "urn:epass:activity:1",
            "type": "LearningActivity",
            "description": text(credential.description),
        }
    assessment = _assessment(credential, text)
    if assessment:
        claim["provenBy"] = assessment
    if credential.title:
        claim["title"] = text(credential.title)
    display: dict[str, Any] = {"id": "urn:epass:displayParameter:1", "type": "DisplayParameter"}
    if credential.language in LANGUAGES:
        display["primaryLanguage"] = display["language"] = _language(lang)
    if credential.title:
        display["title"] = text(credential.title)
    return {
        "@context": list(ELM_CONTEXT),
        "id": f"urn:credential:{stable_uuid(export_key(credential, credential_id), 'elm')}",
        "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "credentialSchema": dict(ELM_SCHEMA),
        "credentialSubject": {"id": "urn:epass:person:1", "type": "Person", "hasClaim": claim},
        "displayParameter": display,
        "issuer": organisation,
        "validFrom": valid_from,
    }


def _texts(lang: str) -> LangMap:
    """A maker of ELM language maps ({"fi": "…"}) in the credential's language."""
    return lambda value: {lang: value}


def _concept(
    uri: str, scheme: str, label: dict[str, str] | None, notation: str | None = None
) -> dict[str, Any]:
    concept: dict[str, Any] = {
        "id": uri,
        "type": "Concept",
        "inScheme": {"id": scheme, "type": "ConceptScheme"},
    }
    if notation:
        concept["notation"] = notation
    if label:
        concept["prefLabel"] = label
    return concept


def _labelled_concept(
    label: str, known: dict[str, str], kind: str, text: LangMap
) -> dict[str, Any]:
    uri = known.get(label.strip().lower())
    if uri:
        return _concept(uri, uri.rsplit("/", 1)[0] + "/25831c2", text(label))
    return _concept(
        f"urn:epass:concept:{stable_uuid(kind, label)}",
        f"urn:epass:conceptScheme:{stable_uuid(kind)}",
        text(label),
    )


def _language(lang: str) -> dict[str, Any]:
    code, name = LANGUAGES[lang]
    return _concept(
        f"{EU_AUTHORITY}/language/{code}",
        f"{EU_AUTHORITY}/language",
        {"en": name},
        notation="language",
    )


def _organisation(credential: MicroCredential, text: LangMap) -> dict[str, Any]:
    organisation: dict[str, Any] = {"id": "urn:epass:org:1", "type": "Organisation"}
    if credential.country:
        address: dict[str, Any] = {"id": "urn:epass:address:1", "type": "Address"}
        code = COUNTRIES.get(credential.country.strip().lower())
        if code:
            address["countryCode"] = _concept(
                f"{EU_AUTHORITY}/country/{code}",
                f"{EU_AUTHORITY}/country",
                text(credential.country),
                notation="country",
            )
        else:
            address["fullAddress"] = {
                "id": "urn:epass:note:1",
                "type": "Note",
                "noteLiteral": text(credential.country),
            }
        organisation["location"] = {
            "id": "urn:epass:location:1",
            "type": "Location",
            "address": address,
        }
    if credential.awarding_body:
        organisation["legalName"] = text(credential.awarding_body)
    return organisation


def _qualification(credential: MicroCredential, text: LangMap) -> dict[str, Any]:
    lang = text_language(credential)
    qualification: dict[str, Any] = {"id": "urn:epass:qualification:1", "type": "Qualification"}
    if credential.level is not None and credential.level_framework in (None, "EQF", "FiNQF"):
        qualification["eqfLevel"] = _concept(
            f"{SNB}/eqf/{credential.level}",
            f"{SNB}/eqf/25831c2",
            {"en": f"Level {credential.level}"},
        )
    if credential.ects is not None:
        qualification["creditPoint"] = {
            "id": "urn:epass:creditPoint:1",
            "type": "CreditPoint",
            "framework": _concept(
                ECTS_CONCEPT_ID,
                f"{SNB}/education-credit/25831c2",
                {"en": "European Credit Transfer System"},
            ),
            "point": f"{credential.ects:g}",
        }
    if credential.prerequisites:
        qualification["entryRequirement"] = {
            "id": "urn:epass:note:2",
            "type": "Note",
            "noteLiteral": text(credential.prerequisites),
        }
    outcomes = _outcomes(credential, text)
    if outcomes:
        qualification["learningOutcome"] = outcomes
    if credential.participation:
        qualification["mode"] = _labelled_concept(credential.participation, MODES, "mode", text)
    if credential.hours:
        qualification["volumeOfLearning"] = f"PT{credential.hours:g}H"
    if credential.language in LANGUAGES:
        qualification["language"] = _language(lang)
    if credential.title:
        qualification["title"] = text(credential.title)
    qualification["dcType"] = _concept(
        SHORT_LEARNING_PROGRAMME,
        f"{SNB}/learning-opportunity/25831c2",
        {"en": "Short learning programme"},
    )
    return qualification


def _outcomes(credential: MicroCredential, text: LangMap) -> list[dict[str, Any]]:
    # Oppi links ESCO skills to the whole credential; ELM links them only to outcomes, and
    # each outcome is "related" to the credential's skills, so every outcome carries them.
    # Oppi keeps only the URI; the prefLabel comes from the offline ESCO registry when it
    # knows the skill (English labels only), else the concept has none.
    skills = [uri for uri in credential.esco_refs if "/esco/skill/" in uri]
    items = []
    for number, outcome in enumerate(published_outcomes(credential), start=1):
        item: dict[str, Any] = {
            "id": f"urn:epass:learningOutcome:{number}",
            "type": "LearningOutcome",
        }
        if skills:
            item["relatedESCOSkill"] = [
                _concept(uri, ESCO_SKILLS_SCHEME, _esco_label(uri), notation="Skill") for uri in skills
            ]
        item["title"] = text(one_line(outcome.text))
        items.append(item)
    return items


def _esco_label(uri: str) -> dict[str, str] | None:
    from assistant.exports.ob3 import esco_label

    label = esco_label(uri)
    return {"en": label} if label else None


def _assessment(credential: MicroCredential, text: LangMap) -> dict[str, Any] | None:
    if not any(
        (
            credential.assessment,
            credential.assessment_criteria,
            credential.grade,
            credential.supervision,
        )
    ):
        return None
    assessment: dict[str, Any] = {
        "id": "urn:epass:learningAssessment:1",
        "type": "LearningAssessment",
    }
    if credential.supervision:
        assessment["idVerification"] = _labelled_concept(
            credential.supervision, ID_VERIFICATIONS, "supervision", text
        )
    specification: dict[str, Any] = {
        "id": "urn:epass:learningAssessmentSpec:1",
        "type": "LearningAssessmentSpecification",
    }
    if credential.assessment_criteria or credential.grade:
        scheme: dict[str, Any] = {"id": "urn:epass:gradingScheme:1", "type": "GradingScheme"}
        if credential.assessment_criteria:
            scheme["description"] = text(credential.assessment_criteria)
        if credential.grade:
            scheme["title"] = text(credential.grade)
        specification["gradingScheme"] = scheme
    if credential.assessment:
        specification["title"] = text(credential.assessment)
        assessment["title"] = text(credential.assessment)
    assessment["specifiedBy"] = specification
    return assessment
