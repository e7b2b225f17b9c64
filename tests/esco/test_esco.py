"""The offline ESCO registry, the matcher (cached label vectors), exports and C20's hook."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import HashEmbeddings

from assistant.config import Settings
from assistant.drafting.esco_match import EscoMatcher
from assistant.esco.registry import EscoSkill, load_registry, lookup
from assistant.exports.ob3 import credential_to_ob3
from assistant.rules.checker import Checker
from assistant.schemas import CredentialBrief, DraftResult, LearningOutcome, MicroCredential

DIGITAL_CONTENT = "http://data.europa.eu/esco/skill/5fd5c985-eaaa-47aa-8314-62359c54505a"
INVENTED = "http://data.europa.eu/esco/skill/0a9c4d2e-8b61-4f27-9d3e-6c1b5a7f2e84"
SKILLS = (
    EscoSkill("http://data.europa.eu/esco/skill/a", "measure vital signs", "measure vital signs check vital signs", ""),
    EscoSkill("http://data.europa.eu/esco/skill/b", "classify dangerous goods", "classify dangerous goods hazmat", ""),
    EscoSkill("http://data.europa.eu/esco/skill/c", "manage a budget", "manage a budget manage budgets", ""),
)


def test_registry_reads_every_skill_with_a_label() -> None:
    skills = load_registry()
    assert len(skills) == 13939
    assert all(s.uri.startswith("http://data.europa.eu/esco/skill/") for s in skills)
    assert lookup(DIGITAL_CONTENT).label == "develop digital content"
    # http and https, and portal links, name the same concept.
    assert lookup(DIGITAL_CONTENT.replace("http://", "https://")) is not None
    assert lookup(f"https://esco.ec.europa.eu/en/classification/skill?uri={DIGITAL_CONTENT}") is not None
    assert lookup(INVENTED) is None


def test_matcher_ranks_and_caches_label_vectors_once(tmp_path: Path) -> None:
    embeddings = HashEmbeddings()
    matcher = EscoMatcher(embeddings, tmp_path, SKILLS)
    top = matcher.suggest("measure the vital signs of a patient", "en", k=2)
    assert top[0].uri.endswith("/a") and top[0].score > top[1].score
    assert embeddings.texts_embedded == len(SKILLS) and matcher.build_seconds is not None
    again = EscoMatcher(embeddings, tmp_path, SKILLS)
    again.suggest("classify dangerous goods", "en")
    assert embeddings.texts_embedded == len(SKILLS)  # read from OPPI_HOME/esco, not embedded again
    assert [s.uri for s in again.suggest("classify dangerous goods", "en", 1)] == ["http://data.europa.eu/esco/skill/b"]


def test_a_first_build_reports_its_progress_and_a_cached_one_is_ready(tmp_path: Path, monkeypatch) -> None:
    import assistant.drafting.esco_match as esco_match

    monkeypatch.setattr(esco_match, "BUILD_BATCH", 2)
    reports: list[tuple[int, int]] = []
    matcher = EscoMatcher(HashEmbeddings(), tmp_path, SKILLS)
    assert not matcher.is_ready()
    matcher.vectors(lambda done, total: reports.append((done, total)))
    assert reports == [(2, 3), (3, 3)] and matcher.is_ready()
    again = EscoMatcher(HashEmbeddings(), tmp_path, SKILLS)
    assert again.is_ready()  # read from the cache: nothing to report
    again.vectors(lambda done, total: reports.append((done, total)))
    assert reports == [(2, 3), (3, 3)]
    assert (again.vectors() == matcher.vectors()).all()  # batches put back in the registry's order


def test_annotate_gives_the_draft_and_each_outcome_suggestions(tmp_path: Path) -> None:
    matcher = EscoMatcher(HashEmbeddings(), tmp_path, SKILLS)
    result = DraftResult(
        brief=CredentialBrief(title="t"), skills=["measure vital signs", "manage a budget"],
        outcomes=[LearningOutcome(text="The learner can classify dangerous goods for road transport.",
                                  verb="classify", object="dangerous goods")],
    )
    annotated = matcher.annotate(result, k=2)
    assert {s.uri[-1] for s in annotated.esco} == {"a", "c"}
    assert annotated.outcomes[0].esco[0].uri.endswith("/b")


def test_ob3_alignment_carries_the_registry_label() -> None:
    credential = MicroCredential(title="t", esco_refs=[DIGITAL_CONTENT, INVENTED])
    names = {a["targetUrl"]: a["targetName"] for a in credential_to_ob3(credential)["credentialSubject"]
             ["achievement"]["alignment"]}
    assert names == {DIGITAL_CONTENT: "develop digital content", INVENTED: "ESCO skill"}


def test_c20_reports_a_well_formed_uri_missing_from_the_registry(tmp_path: Path) -> None:
    checker = Checker(Settings(_env_file=None, home=tmp_path, chat_provider="fake"))
    report = checker.check(MicroCredential(title="t", esco_refs=[DIGITAL_CONTENT, INVENTED, "esco:123"]))
    c20 = sorted((f.id, f.where, f.severity) for f in report.findings if f.id.startswith("C20"))
    # The malformed URI is C20 itself; the registry's note has its own ID (not a defect of form).
    assert c20 == [("C20", "ESCO reference 3", "E"), ("C20R", "ESCO reference 2", "I")]


@pytest.mark.parametrize("uri", [DIGITAL_CONTENT])
def test_c20_is_silent_on_a_registry_uri(tmp_path: Path, uri: str) -> None:
    checker = Checker(Settings(_env_file=None, home=tmp_path, chat_provider="fake"))
    assert not [f for f in checker.check(MicroCredential(title="t", esco_refs=[uri])).findings if f.id.startswith("C20")]
