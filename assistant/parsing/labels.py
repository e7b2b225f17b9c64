"""Field labels in English and Finnish, with their synonyms, mapped to MicroCredential fields."""

from __future__ import annotations

import re

# Field -> labels a planner may write. Matching is on the normalised label (see `normalise`).
LABELS: dict[str, tuple[str, ...]] = {
    "title": (
        "title", "name", "credential title", "title of the credential", "name of the credential",
        "micro-credential", "course title", "nimi", "otsikko", "nimike", "mikrotutkinnon nimi",
        "osaamiskokonaisuuden nimi", "opintojakson nimi", "koulutuksen nimi",
    ),
    "description": (
        "description", "summary", "overview", "abstract", "content", "contents", "kuvaus",
        "yleiskuvaus", "sisältö", "sisällöt", "tiivistelmä", "esittely",
    ),
    "awarding_body": (
        "awarding body", "issuer", "provider", "organiser", "organizer", "institution",
        "awarding institution", "offered by", "järjestäjä", "myöntäjä", "myöntävä organisaatio",
        "myöntävä taho", "korkeakoulu", "oppilaitos", "toteuttaja",
    ),
    "country": (
        "country", "country of the issuer", "country of issuer", "issuer country", "country/region",
        "country or region", "maa", "myöntäjän maa", "myöntäjän kotimaa",
    ),
    "outcomes": (
        "learning outcomes", "outcomes", "intended learning outcomes", "learning objectives",
        "objectives", "ilos", "competence goals", "osaamistavoitteet", "osaamistavoite",
        "oppimistavoitteet", "oppimistulokset", "tavoitteet",
    ),
    "workload": (
        "workload", "notional workload", "credits", "ects", "ects credits", "scope", "extent",
        "size", "volume", "study credits", "hours", "laajuus", "opintopisteet", "työmäärä",
        "opiskelijan työmäärä", "kuormitus", "mitoitus", "tunnit",
    ),
    "level": (
        "level", "eqf level", "nqf level", "finqf level", "qualification level",
        "level of the credential", "taso", "eqf-taso", "nqf-taso", "vaativuustaso",
        "viitekehyksen taso", "tutkintojen viitekehyksen taso",
    ),
    "assessment": (
        "assessment", "type of assessment", "assessment method", "assessment methods",
        "assessment type", "arviointi", "arviointitapa", "arviointitavat",
        "arviointimenetelmä", "arviointimenetelmät", "suoritustapa", "suoritustavat",
    ),
    "assessment_criteria": (
        "assessment criteria", "grading scale", "grading", "criteria", "evaluation criteria",
        "arviointikriteerit", "arviointiasteikko", "arvosteluasteikko", "arviointiperusteet",
    ),
    "outcome_assessment": (
        "assessment mapping", "assessment by outcome", "outcomes and assessment",
        "mapping of outcomes to assessment", "assessment of outcomes", "arvioinnin kohdistus",
        "arviointi osaamistavoitteittain", "osaamistavoitteiden arviointi",
    ),
    "participation": (
        "form of participation", "mode of delivery", "delivery", "delivery mode", "mode of study",
        "mode", "participation", "study mode", "toteutustapa", "osallistumistapa", "opetusmuoto",
        "toteutusmuoto", "opiskelumuoto",
    ),
    "quality_assurance": (
        "quality assurance", "type of quality assurance", "qa", "quality", "laadunvarmistus",
        "laadunhallinta", "laatu", "laadunvarmistuksen tapa",
    ),
    "prerequisites": (
        "prerequisites", "entry requirements", "requirements", "prior knowledge",
        "esitiedot", "esitietovaatimukset", "edeltävät opinnot", "lähtötaso",
    ),
    "supervision": (
        "supervision", "identity verification", "supervision and identity verification",
        "supervision and id verification", "valvonta", "tunnistautuminen",
        "valvonta ja tunnistautuminen",
    ),
    "grade": ("grade", "grade achieved", "arvosana"),
    "stackability": (
        "stackability", "integration", "integration/stackability", "integration and stackability",
        "pinottavuus", "integroitavuus", "liitettävyys", "sisällyttäminen tutkintoon",
    ),
    "further_information": (
        "further information", "more information", "additional information", "contact",
        "lisätietoja", "lisätiedot", "yhteystiedot",
    ),
    "target_group": ("target group", "audience", "target audience", "who is it for", "kohderyhmä"),
    "skill_needs": (
        "skill need", "skill needs", "skills need", "skills needs", "competence needs", "relevance",
        "need", "osaamistarve", "osaamistarpeet", "tarve", "työelämän tarve",
    ),
    "esco_refs": (
        "esco", "esco skills", "esco references", "esco uris", "esco skill", "esco occupations",
        "esco-taidot", "esco-viittaukset", "esco-osaamiset",
    ),
    "language": ("language", "language of instruction", "kieli", "opetuskieli", "toteutuskieli"),
}

_BY_LABEL: dict[str, str] = {label: field for field, labels in LABELS.items() for label in labels}
_PARENS = re.compile(r"\([^)]*\)")
_NOISE = re.compile(r"[*_`#:>]+")


def normalise(label: str) -> str:
    """Lower-case a label and drop markup, parentheses, numbering and trailing punctuation."""
    text = _NOISE.sub(" ", label)
    text = _PARENS.sub(" ", text)
    text = re.sub(r"^\s*\d+[.)]\s*", "", text)
    text = re.sub(r"\s+", " ", text).strip(" .-–\t").lower()
    return text


def field_for(label: str) -> str | None:
    """The MicroCredential field a label names, or None when it is not a known label."""
    return _BY_LABEL.get(normalise(label))
