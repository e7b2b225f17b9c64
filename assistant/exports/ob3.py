"""Open Badges 3.0: a MicroCredential as an unsigned AchievementCredential template, and back.

Carried: title, description, awarding body and country (issuer), published outcomes,
assessment and assessment criteria (criteria narrative), ECTS (creditsAvailable), EQF level
and ESCO refs (alignment), grade (resultDescription), language (inLanguage). OB 3.0 has no
place for hours, prerequisites, participation, supervision or quality assurance.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.exports.common import (
    PLACEHOLDER_VALID_FROM,
    as_list,
    as_number,
    export_key,
    first,
    language_of_tag,
    one_line,
    published_outcomes,
    stable_uuid,
)
from assistant.schemas import LearningOutcome, MicroCredential
from assistant.workflow import Approval

OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
OB3_SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
EQF_FRAMEWORK = "European Qualifications Framework"
EQF_URL = "http://data.europa.eu/snb/eqf/{level}"
ESCO_PREFIX = "http://data.europa.eu/esco/"


def esco_label(uri: str) -> str | None:
    """The ESCO registry's label for a skill URI (None for occupations, unknown URIs, or when
    the registry package is not installed: the URI alone is still a valid alignment)."""
    from assistant.errors import OppiError

    if "/esco/skill/" not in uri:
        return None
    try:
        from assistant.esco.registry import lookup

        skill = lookup(uri)
    except OppiError:
        return None
    return skill.label if skill else None
# Levels of the Finnish NQF are referenced one-to-one to EQF levels, so they align too.
_EQF_ALIGNED_FRAMEWORKS = (None, "EQF", "FiNQF")

# Section of the criteria narrative -> (English heading, Finnish heading).
NARRATIVE_SECTIONS: dict[str, tuple[str, str]] = {
    "outcomes": ("Learning outcomes", "Osaamistavoitteet"),
    "assessment": ("Assessment", "Arviointi"),
    "assessment_criteria": ("Assessment criteria", "Arviointikriteerit"),
}
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(\S.*)$")


def credential_to_ob3(
    credential: MicroCredential,
    credential_id: str | None = None,
    valid_from: str = PLACEHOLDER_VALID_FROM,
    approval: Approval | None = None,
) -> dict[str, Any]:
    """An unsigned AchievementCredential whose subject is a template (no learner identity);
    an approved design carries its approver as an endorsement of the achievement."""
    key = export_key(credential, credential_id)
    finnish = credential.language == "fi"
    name = credential.title or ("Nimetön" if finnish else "Untitled")
    issuer = _issuer(credential)
    achievement: dict[str, Any] = {
        "id": f"urn:uuid:{stable_uuid(key, 'achievement')}",
        "type": ["Achievement"],
        "name": name,
        # OB 3.0 requires a description; the name stands in when the design has none.
        "description": credential.description or name,
        "criteria": _criteria(credential),
        "achievementType": "MicroCredential",
        "creator": issuer,
    }
    if credential.ects is not None:
        achievement["creditsAvailable"] = credential.ects
    alignment = _alignment(credential)
    if alignment:
        achievement["alignment"] = alignment
    if credential.grade:
        achievement["resultDescription"] = [
            {
                "id": f"urn:uuid:{stable_uuid(key, 'grade')}",
                "type": ["ResultDescription"],
                "name": credential.grade,
                "resultType": "Result",
            }
        ]
    if approval is not None:
        achievement["endorsement"] = [_endorsement(key, achievement["id"], approval)]
    if credential.language in ("en", "fi", "sv"):
        # The OB 3.0 schema names the achievement's language `inLanguage` (BCP 47).
        achievement["inLanguage"] = credential.language
    return {
        "@context": list(OB3_CONTEXT),
        "id": f"urn:uuid:{stable_uuid(key, 'credential')}",
        "type": ["VerifiableCredential", "AchievementCredential"],
        "name": name,
        "issuer": issuer,
        "validFrom": valid_from,
        "credentialSchema": [{"id": OB3_SCHEMA_URL, "type": "1EdTechJsonSchemaValidator2019"}],
        "credentialSubject": {"type": ["AchievementSubject"], "achievement": achievement},
    }


def _endorsement(key: str, achievement_id: str, approval: Approval) -> dict[str, Any]:
    # Oppi's review workflow: the reviewer who approved the design endorses the achievement.
    return {
        "@context": list(OB3_CONTEXT),
        "id": f"urn:uuid:{stable_uuid(key, 'approval', approval.approved_by, approval.approved_at)}",
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": f"Approved by {approval.approved_by}",
        "issuer": {"id": f"urn:uuid:{stable_uuid('reviewer', approval.approved_by)}", "type": ["Profile"],
                   "name": approval.approved_by},
        "validFrom": approval.approved_at,
        "credentialSubject": {"id": achievement_id, "type": ["EndorsementSubject"],
                              "endorsementComment": f"Design approved in review by {approval.approved_by} "
                                                    f"on {approval.approved_at[:10]}."},
    }


def _issuer(credential: MicroCredential) -> dict[str, Any]:
    # The issuer id follows the organisation, so one body keeps one id across credentials.
    body = credential.awarding_body or ""
    issuer: dict[str, Any] = {"id": f"urn:uuid:{stable_uuid('issuer', body)}", "type": ["Profile"]}
    if credential.awarding_body:
        issuer["name"] = credential.awarding_body
    if credential.country:
        issuer["address"] = {"type": ["Address"], "addressCountry": credential.country}
    return issuer


def _criteria(credential: MicroCredential) -> dict[str, Any]:
    finnish = credential.language == "fi"
    blocks: list[str] = []
    outcomes = published_outcomes(credential)
    if outcomes:
        items = "\n".join(f"{n}. {one_line(o.text)}" for n, o in enumerate(outcomes, start=1))
        blocks.append(f"## {NARRATIVE_SECTIONS['outcomes'][finnish]}\n\n{items}")
    for field in ("assessment", "assessment_criteria"):
        value = getattr(credential, field)
        if value:
            blocks.append(f"## {NARRATIVE_SECTIONS[field][finnish]}\n\n{value.strip()}")
    return {"narrative": "\n\n".join(blocks)} if blocks else {}


def _alignment(credential: MicroCredential) -> list[dict[str, Any]]:
    alignment: list[dict[str, Any]] = []
    if credential.level is not None and credential.level_framework in _EQF_ALIGNED_FRAMEWORKS:
        alignment.append(
            {
                "type": ["Alignment"],
                "targetName": f"EQF level {credential.level}",
                "targetUrl": EQF_URL.format(level=credential.level),
                "targetFramework": EQF_FRAMEWORK,
                "targetCode": str(credential.level),
            }
        )
    for uri in credential.esco_refs:
        kind = "occupation" if "/occupation/" in uri else "skill"
        known = esco_label(uri)
        alignment.append(
            {
                "type": ["Alignment"],
                "targetName": known or f"ESCO {kind}",
                "targetUrl": uri,
                "targetFramework": "ESCO",
                "targetCode": uri.rstrip("/").rsplit("/", 1)[-1],
            }
        )
    return alignment


# --- import -----------------------------------------------------------------------------
def ob3_to_credential(document: dict[str, Any]) -> MicroCredential:
    """A MicroCredential from an OpenBadgeCredential / AchievementCredential or an Achievement."""
    subject = first(document.get("credentialSubject")) or {}
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    if achievement is None and "Achievement" in as_list(document.get("type")):
        achievement = document
    achievement = achievement or {}
    issuer = document.get("issuer") if achievement is not document else None
    if not isinstance(issuer, dict):
        issuer = achievement.get("creator") if isinstance(achievement.get("creator"), dict) else {}
    name = achievement.get("name") or document.get("name")
    description = achievement.get("description")
    sections = parse_narrative((achievement.get("criteria") or {}).get("narrative") or "")
    level, esco = _read_alignment(achievement.get("alignment"))
    result_names = [
        r.get("name") for r in as_list(achievement.get("resultDescription")) if r.get("name")
    ]
    address = issuer.get("address") if isinstance(issuer.get("address"), dict) else {}
    return MicroCredential(
        title=name,
        description=description if description and description != name else None,
        awarding_body=issuer.get("name"),
        country=address.get("addressCountry"),
        outcomes=[LearningOutcome(text=t, status="accepted") for t in sections["outcomes"]],
        ects=as_number(achievement.get("creditsAvailable")),
        level=level,
        level_framework="EQF" if level is not None else None,
        assessment=sections["assessment"],
        assessment_criteria=sections["assessment_criteria"],
        grade=result_names[0] if result_names else None,
        esco_refs=esco,
        language=language_of_tag(achievement.get("inLanguage") or achievement.get("@language")),
    )


def parse_narrative(narrative: str) -> dict[str, Any]:
    """Outcomes, assessment and criteria from a criteria narrative written as `_criteria` does.

    Text outside Oppi's own headings (any other badge's narrative) counts as the criteria.
    """
    headings = {h.lower(): section for section, pair in NARRATIVE_SECTIONS.items() for h in pair}
    buffers: dict[str | None, list[str]] = {None: []}
    current: str | None = None
    for line in narrative.splitlines():
        match = _HEADING.match(line)
        if match and match.group(1).lower() in headings:
            current = headings[match.group(1).lower()]
            buffers.setdefault(current, [])
            continue
        buffers.setdefault(current, []).append(line)
    outcomes: list[str] = []
    for line in buffers.get("outcomes", []):
        item = _LIST_ITEM.match(line)
        if item:
            outcomes.append(item.group(1).strip())
        elif line.strip() and outcomes:
            outcomes[-1] = f"{outcomes[-1]} {line.strip()}"
    criteria = [
        t
        for t in (
            "\n".join(buffers[None]).strip(),
            "\n".join(buffers.get("assessment_criteria", [])).strip(),
        )
        if t
    ]
    assessment = "\n".join(buffers.get("assessment", [])).strip()
    return {
        "outcomes": outcomes,
        "assessment": assessment or None,
        "assessment_criteria": "\n\n".join(criteria) or None,
    }


def _read_alignment(alignments: Any) -> tuple[int | None, list[str]]:
    level: int | None = None
    esco: list[str] = []
    for item in as_list(alignments):
        url = str(item.get("targetUrl") or "")
        eqf = re.fullmatch(r"https?://data\.europa\.eu/snb/eqf/([1-8])", url)
        if eqf and level is None:
            level = int(eqf.group(1))
        elif item.get("targetFramework") == EQF_FRAMEWORK and re.fullmatch(
            r"[1-8]", str(item.get("targetCode"))
        ):
            level = level or int(item["targetCode"])
        elif url.startswith(ESCO_PREFIX) and url not in esco:
            esco.append(url)
    return level, esco
