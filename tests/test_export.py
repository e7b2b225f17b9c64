"""Exports (Markdown, JSON, Open Badges 3.0, ELM v3) and imports, checked against official files.

The official samples are vendored under tests/fixtures/standards (sources and licences in its
README); the official schema is the runtime copy in assistant/data. Nothing here skips.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft201909Validator

from assistant.config import PROJECT_ROOT
from assistant.errors import OppiError
from assistant.exports import (
    credential_to_elm,
    credential_to_json,
    credential_to_markdown,
    credential_to_ob3,
    detect_format,
    export_credential,
    import_credential,
    import_file,
    validate_ob3,
)
from assistant.exports.validate import OB3_SCHEMA_PATH
from assistant.schemas import LearningOutcome, MicroCredential

STANDARDS = Path(__file__).resolve().parent / "fixtures" / "standards"
OB3_SCHEMA_BLOB = "45ea49783e529fe9716cd2d2f061f3fa90db49a4"  # upstream git blob (assistant/data/README.md)
OB3 = STANDARDS / "openbadges3"
ELM = STANDARDS / "elm3"
ELM_SAMPLE = ELM / "Sample-MC-Annex1-unsigned.jsonld"
ELM_SAMPLES = [
    "Sample-MC-Annex1-unsigned.jsonld",
    "Sample-MC-Annex1-unsigned-uploadable.json",
    "Sample-CertOfPart-unsigned.jsonld",
    "credential-sample.jsonld",
]
OB3_SAMPLES = [
    "fullOpenBadge.json",
    "basicOpenBadgeCredential.json",
    "achievementAlignmentCase.json",
    "simple.json",
]
# Fields both machine formats carry (OB3 has no place for hours, mode, prerequisites…).
SHARED_FIELDS = [
    "title",
    "description",
    "awarding_body",
    "country",
    "ects",
    "level",
    "level_framework",
    "assessment",
    "assessment_criteria",
    "grade",
    "esco_refs",
]
EU_LANGUAGES = {
    "bg",
    "cs",
    "da",
    "de",
    "el",
    "en",
    "es",
    "et",
    "fi",
    "fr",
    "ga",
    "hr",
    "hu",
    "it",
    "lt",
    "lv",
    "mt",
    "nl",
    "pl",
    "pt",
    "ro",
    "sk",
    "sl",
    "sv",
    "no",
    "is",
}
ESCO = "http://data.europa.eu/esco/skill/"


@pytest.fixture(scope="module")
def standards() -> Path:
    return STANDARDS


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _design(language: str = "fi") -> MicroCredential:
    """A complete design, with one rejected outcome that must not be published."""
    texts = {
        "fi": [
            "Analysoi koneiden anturidataa kunnossapidon suunnittelussa",
            "Laatii ennakoivan kunnossapidon suunnitelman tuotantolinjalle",
            "Muistaa kaikki anturit",
            "Arvioi kunnossapitosuunnitelman kustannuksia ja riskejä tiimissä",
        ],
        "en": [
            "Analyse machine sensor data to plan maintenance",
            "Design a predictive maintenance plan for a production line",
            "Remember all sensors",
            "Evaluate the costs and risks of a maintenance plan in a team",
        ],
    }[language]
    return MicroCredential(
        title="Ennakoiva kunnossapito" if language == "fi" else "Predictive maintenance",
        description="Short course for maintenance engineers in manufacturing.",
        awarding_body="Esimerkin ammattikorkeakoulu",
        country="Finland",
        outcomes=[
            LearningOutcome(text=t, status=s)
            for t, s in zip(texts, ["accepted", "edited", "rejected", "suggested"])
        ],
        ects=5,
        hours=135,
        level=6,
        level_framework="EQF",
        assessment="Project work and a written report",
        assessment_criteria="Pass requires a plan that meets every outcome.",
        participation="Blended",
        prerequisites="Basic knowledge of industrial automation.",
        supervision="Unsupervised without ID Verification",
        grade="pass/fail",
        esco_refs=[
            f"{ESCO}5fd5c985-eaaa-47aa-8314-62359c54505a",
            f"{ESCO}ccdf3597-5c80-410f-896d-e1bdfa223de9",
        ],
        language=language,
    )


def _published(credential: MicroCredential) -> list[str]:
    return [o.text for o in credential.outcomes if o.status != "rejected"]


def _fields(credential: MicroCredential, names: list[str]) -> dict[str, Any]:
    return {name: getattr(credential, name) for name in names}


def _without_unparsed(credential: MicroCredential) -> dict[str, Any]:
    return credential.model_dump(exclude={"unparsed"})


# --- Open Badges 3.0 ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "credential",
    [_design("fi"), _design("en"), MicroCredential()],
    ids=["finnish", "english", "empty"],
)
def test_ob3_export_is_valid_against_the_official_schema(standards: Path, credential) -> None:
    document = credential_to_ob3(credential)
    official = Draft201909Validator(_load(OB3_SCHEMA_PATH))
    assert [e.message for e in official.iter_errors(document)] == []
    assert validate_ob3(document) == []


def test_ob3_export_carries_the_design() -> None:
    design = _design("fi")
    document = credential_to_ob3(design, credential_id="c-1")
    achievement = document["credentialSubject"]["achievement"]
    assert "id" not in document["credentialSubject"]  # a template: no learner identity
    assert "proof" not in document
    assert achievement["name"] == document["name"] == design.title
    assert achievement["achievementType"] == "MicroCredential"
    assert achievement["creditsAvailable"] == design.ects
    assert achievement["inLanguage"] == "fi"
    assert document["issuer"]["name"] == design.awarding_body
    narrative = achievement["criteria"]["narrative"]
    assert all(text in narrative for text in _published(design))
    assert "Muistaa kaikki anturit" not in narrative
    eqf = [
        a
        for a in achievement["alignment"]
        if a.get("targetFramework") == "European Qualifications Framework"
    ]
    assert [a["targetUrl"] for a in eqf] == [f"http://data.europa.eu/snb/eqf/{design.level}"]
    assert {a["targetUrl"] for a in achievement["alignment"]} >= set(design.esco_refs)


def test_exports_are_deterministic_and_ids_follow_the_credential() -> None:
    design = _design()
    for export in (credential_to_ob3, credential_to_elm):
        assert json.dumps(export(design, credential_id="a")) == json.dumps(
            export(design, credential_id="a")
        )
        assert export(design, credential_id="a")["id"] != export(design, credential_id="b")["id"]
    ids = re.findall(r"urn:uuid:[0-9a-f-]{36}", json.dumps(credential_to_ob3(design)))
    assert ids, "OB3 ids are urn:uuid"


def test_validate_ob3_accepts_official_samples_and_rejects_the_broken_one(standards: Path) -> None:
    for name in OB3_SAMPLES:
        assert validate_ob3(_load(OB3 / name)) == [], name
    errors = validate_ob3(_load(OB3 / "simple-err-type.json"))
    assert len(errors) == 3
    assert any(error.startswith("type:") for error in errors)


def test_vendored_schema_is_the_official_file(standards: Path) -> None:
    data = OB3_SCHEMA_PATH.read_bytes()
    assert hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest() == OB3_SCHEMA_BLOB
    assert OB3_SCHEMA_PATH.is_relative_to(PROJECT_ROOT / "assistant")


# --- ELM v3 ------------------------------------------------------------------------------
def _shape(node: Any, path: tuple[str, ...], seen: set, types: dict) -> None:
    """Record (path, JSON type) pairs; list items share their list's path; languages are <lang>."""
    if isinstance(node, list):
        seen.add((path, "array"))
        for item in node:
            _shape(item, path, seen, types)
    elif isinstance(node, dict):
        seen.add((path, "object"))
        if node and set(node) <= EU_LANGUAGES:
            seen.update(((*path, "<lang>"), type(v).__name__) for v in node.values())
            return
        if "type" in node:
            types[path].add(json.dumps(node["type"]))
        for key, value in node.items():
            _shape(value, (*path, key), seen, types)
    else:
        seen.add((path, type(node).__name__))


def _shapes(document: Any) -> tuple[set, dict]:
    seen: set = set()
    types: dict = defaultdict(set)
    _shape(document, (), seen, types)
    return seen, types


@pytest.mark.parametrize("language", ["fi", "en"])
def test_elm_export_uses_only_paths_and_types_of_the_official_sample(
    standards: Path, language: str
) -> None:
    sample_paths, sample_types = _shapes(_load(ELM_SAMPLE))
    document = credential_to_elm(_design(language))
    paths, types = _shapes(document)
    assert paths - sample_paths == set()
    for path, values in types.items():
        assert values <= sample_types[path], (
            f"{'.'.join(path)}: {values} not in {sample_types[path]}"
        )
    assert len(paths) > 60  # the design fills most of the sample's Annex I elements


def test_elm_export_carries_the_design() -> None:
    design = _design("fi")
    document = credential_to_elm(design)
    assert document["type"] == ["VerifiableCredential", "EuropeanDigitalCredential"]
    claim = document["credentialSubject"]["hasClaim"]
    qualification = claim["specifiedBy"]
    assert qualification["title"] == {"fi": design.title}
    assert [o["title"]["fi"] for o in qualification["learningOutcome"]] == _published(design)
    assert qualification["creditPoint"]["point"] == "5"
    assert (
        qualification["creditPoint"]["framework"]["prefLabel"]["en"]
        == "European Credit Transfer System"
    )
    assert qualification["volumeOfLearning"] == "PT135H"
    assert qualification["eqfLevel"]["id"] == "http://data.europa.eu/snb/eqf/6"
    assert claim["awardedBy"]["awardingBody"]["legalName"] == {"fi": design.awarding_body}
    assert document["issuer"]["legalName"] == {"fi": design.awarding_body}
    assert claim["provenBy"]["specifiedBy"]["title"] == {"fi": design.assessment}
    assert "givenName" not in document["credentialSubject"]


# --- imports -----------------------------------------------------------------------------
@pytest.mark.parametrize("name", ELM_SAMPLES + OB3_SAMPLES)
def test_every_official_sample_imports(standards: Path, name: str) -> None:
    folder = ELM if name in ELM_SAMPLES else OB3
    credential = import_file(folder / name)
    assert credential.title
    assert credential.awarding_body


def test_elm_sample_import_reads_the_annex_elements(standards: Path) -> None:
    sample = _load(ELM_SAMPLE)
    qualification = sample["credentialSubject"]["hasClaim"]["specifiedBy"]
    credential = import_file(ELM_SAMPLE)
    assert credential.title == qualification["title"]["en"]
    assert [o.text for o in credential.outcomes] == [
        o["title"]["en"] for o in qualification["learningOutcome"]
    ]
    assert credential.ects == float(qualification["creditPoint"]["point"])
    assert f"http://data.europa.eu/snb/eqf/{credential.level}" == qualification["eqfLevel"]["id"]
    assert credential.hours == float(
        re.fullmatch(r"PT(\d+)H", qualification["volumeOfLearning"]).group(1)
    )
    assert credential.participation == qualification["mode"]["prefLabel"]["en"]
    assert credential.awarding_body == sample["issuer"]["legalName"]["en"]
    skills = [
        s["id"]
        for o in qualification["learningOutcome"]
        for s in (
            o["relatedESCOSkill"]
            if isinstance(o["relatedESCOSkill"], list)
            else [o["relatedESCOSkill"]]
        )
    ]
    assert credential.esco_refs == list(dict.fromkeys(skills))
    assert credential.language == "en"


def test_uploadable_wrapper_reads_like_the_bare_credential(standards: Path) -> None:
    assert import_file(ELM / "Sample-MC-Annex1-unsigned-uploadable.json") == import_file(ELM_SAMPLE)


def test_ob3_sample_import_reads_the_achievement(standards: Path) -> None:
    sample = _load(OB3 / "fullOpenBadge.json")
    achievement = sample["credentialSubject"]["achievement"]
    credential = import_file(OB3 / "fullOpenBadge.json")
    assert detect_format(sample) == "ob3"
    assert credential.title == achievement["name"]
    assert credential.description == achievement["description"]
    assert credential.ects == achievement["creditsAvailable"]
    assert credential.awarding_body == sample["issuer"]["name"]
    assert credential.assessment_criteria == achievement["criteria"]["narrative"]


def test_signed_elm_is_refused_with_a_clear_message(standards: Path) -> None:
    with pytest.raises(OppiError, match=r"(?s)sealed.*unsigned copy"):
        import_file(ELM / "Sample-MC-Annex1-signed.jsonld")
    with pytest.raises(OppiError, match="sealed"):
        import_credential(_load(ELM / "Sample-MC-Annex1-signed.jsonld"))


def test_compact_signed_token_is_refused(tmp_path: Path) -> None:
    token = tmp_path / "badge.jwt"
    token.write_text("eyJhbGciOiJFUzI1NiJ9.eyJ2YyI6e319.c2lnbmF0dXJl")
    with pytest.raises(OppiError, match="sealed"):
        import_file(token)


@pytest.mark.parametrize(
    "data", [[], {"type": ["Thing"], "name": "x"}, {"@context": "x", "title": "y"}]
)
def test_unknown_documents_are_refused(data: Any) -> None:
    with pytest.raises(OppiError):
        import_credential(data)


def test_bad_files_are_refused_with_what_to_fix(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"title": ')
    with pytest.raises(OppiError, match="not valid JSON"):
        import_file(broken)
    with pytest.raises(OppiError, match="No file"):
        import_file(tmp_path / "missing.json")
    with pytest.raises(OppiError, match="ects"):
        import_credential({"title": "x", "ects": "five"})


# --- round trips -------------------------------------------------------------------------
@pytest.mark.parametrize("name", ELM_SAMPLES + OB3_SAMPLES)
def test_round_trip_in_the_samples_own_format_changes_nothing(standards: Path, name: str) -> None:
    folder = ELM if name in ELM_SAMPLES else OB3
    first = import_file(folder / name)
    export = credential_to_elm if folder == ELM else credential_to_ob3
    again = import_credential(json.loads(json.dumps(export(first))))
    assert _without_unparsed(again) == _without_unparsed(first)


@pytest.mark.parametrize("name", ELM_SAMPLES + OB3_SAMPLES)
def test_round_trip_through_the_other_format_keeps_shared_fields(
    standards: Path, name: str
) -> None:
    folder = ELM if name in ELM_SAMPLES else OB3
    first = import_file(folder / name)
    export = credential_to_ob3 if folder == ELM else credential_to_elm
    again = import_credential(export(first))
    assert _fields(again, SHARED_FIELDS) == _fields(first, SHARED_FIELDS)
    assert [o.text for o in again.outcomes] == [o.text for o in first.outcomes]


def test_elm_sample_exports_keep_title_outcomes_credits_and_level(standards: Path) -> None:
    qualification = _load(ELM_SAMPLE)["credentialSubject"]["hasClaim"]["specifiedBy"]
    outcome_titles = [o["title"]["en"] for o in qualification["learningOutcome"]]
    imported = import_file(ELM_SAMPLE)

    elm = credential_to_elm(imported)["credentialSubject"]["hasClaim"]["specifiedBy"]
    assert elm["title"] == qualification["title"]
    assert [o["title"]["en"] for o in elm["learningOutcome"]] == outcome_titles
    assert elm["creditPoint"]["point"] == qualification["creditPoint"]["point"]
    assert elm["eqfLevel"]["id"] == qualification["eqfLevel"]["id"]
    assert elm["volumeOfLearning"] == qualification["volumeOfLearning"]

    ob3 = credential_to_ob3(imported)
    achievement = ob3["credentialSubject"]["achievement"]
    assert validate_ob3(ob3) == []
    assert achievement["name"] == qualification["title"]["en"]
    assert all(title in achievement["criteria"]["narrative"] for title in outcome_titles)
    assert achievement["creditsAvailable"] == float(qualification["creditPoint"]["point"])
    assert qualification["eqfLevel"]["id"] in {a["targetUrl"] for a in achievement["alignment"]}


@pytest.mark.parametrize("language", ["fi", "en"])
def test_design_round_trips_through_both_formats(language: str) -> None:
    design = _design(language)
    published = [o.text for o in design.outcomes if o.status != "rejected"]
    for export, extra in (
        (credential_to_ob3, []),
        (credential_to_elm, ["hours", "participation", "prerequisites", "supervision", "language"]),
    ):
        again = import_credential(export(design))
        assert _fields(again, SHARED_FIELDS + extra) == _fields(design, SHARED_FIELDS + extra)
        assert [o.text for o in again.outcomes] == published


# --- Markdown and Oppi JSON --------------------------------------------------------------
def test_markdown_export_is_the_existing_renderer() -> None:
    design = _design("en")
    text = export_credential(design, "markdown")
    assert text == credential_to_markdown(design)
    assert text.startswith(f"# {design.title}")
    assert all(o.text in text for o in design.outcomes)


def test_json_export_keeps_every_field_and_review_status() -> None:
    design = _design("fi")
    text = export_credential(design, "json")
    assert text == credential_to_json(design)
    assert MicroCredential.model_validate_json(text) == design
    assert import_credential(json.loads(text)) == design
    assert detect_format(json.loads(text)) == "oppi"


def test_export_credential_writes_json_documents() -> None:
    design = _design("en")
    assert json.loads(export_credential(design, "ob3", credential_id="x")) == credential_to_ob3(
        design, credential_id="x"
    )
    assert json.loads(export_credential(design, "elm")) == credential_to_elm(design)
    with pytest.raises(OppiError, match="Unknown export format"):
        export_credential(design, "pdf")  # type: ignore[arg-type]
