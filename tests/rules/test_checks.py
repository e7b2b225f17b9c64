"""Single checks on small credentials: thresholds from settings, placeholders, suggestions."""

from __future__ import annotations

import pytest

from assistant.rules.catalogue import CATALOGUE, position
from assistant.rules.checker import Checker
from assistant.rules.context import is_placeholder
from assistant.rules.lexicon import load_lexicon
from assistant.schemas import LearningOutcome, MicroCredential


def _ids(settings, **fields) -> dict[str, list[str]]:
    report = Checker(settings).check(MicroCredential(**fields))
    found: dict[str, list[str]] = {}
    for f in report.findings:
        found.setdefault(f.id, []).append(f.where)
    return found


def test_catalogue_has_every_check_once():
    assert [c.id for c in CATALOGUE] == [f"C{n:02d}" for n in range(1, 22)]


@pytest.mark.parametrize(
    "value", ["TBD", "-", "?", "xxx", "Lorem ipsum dolor", "avoin", "to be decided", ""]
)
def test_placeholders(value):
    assert is_placeholder(value, load_lexicon())


@pytest.mark.parametrize("value", ["Avoin AMK", "Finland", "EQF 6", "Online"])
def test_real_values_are_not_placeholders(value):
    assert not is_placeholder(value, load_lexicon())


def test_empty_draft_misses_every_annex_element(settings):
    found = _ids(settings)
    assert len(found["C01"]) == 9
    # checks.md Clarifications: a missing element's own check fires as well as C01.
    for check_id, where in [("C02", "workload"), ("C05", "level"), ("C13", "assessment"),
                            ("C16", "form of participation"), ("C17", "quality assurance")]:
        assert found[check_id] == [where]


def test_hours_per_credit_range_comes_from_settings(settings):
    assert "C03" in _ids(settings, ects=5, hours=100)
    assert "C03" not in _ids(settings, ects=5, hours=135)
    wide = settings.model_copy(update={"hours_per_credit_min": 20.0})
    assert "C03" not in _ids(wide, ects=5, hours=100)


def test_size_range_comes_from_settings(settings):
    assert "C04" in _ids(settings, ects=60)
    assert "C04" not in _ids(settings, ects=59)
    assert "C04" not in _ids(settings.model_copy(update={"ects_max": 90.0}), ects=60)


def test_outcome_count_bands_come_from_settings(settings):
    outcomes = [
        LearningOutcome(text=f"Plan delivery route number {n} for the van fleet") for n in range(7)
    ]
    assert "C11" in _ids(settings, ects=5, outcomes=outcomes)
    loose = settings.model_copy(update={"outcome_count_bands": [(60.0, 1, 20)]})
    assert "C11" not in _ids(loose, ects=5, outcomes=outcomes)


def test_min_words_after_verb_comes_from_settings(settings):
    outcomes = [LearningOutcome(text="Plan delivery routes")]
    assert "C09" in _ids(settings, outcomes=outcomes)
    assert "C09" not in _ids(
        settings.model_copy(update={"outcome_min_words_after_verb": 2}), outcomes=outcomes
    )


def test_vague_verb_suggestions_fit_level_and_language(settings):
    lexicon = load_lexicon()
    cred = MicroCredential(
        level=7,
        level_framework="EQF",
        outcomes=[
            LearningOutcome(text="Opiskelija ymmärtää logistiikan perusteet"),
            LearningOutcome(text="The learner understands logistics"),
        ],
    )
    findings = [f for f in Checker(settings).check(cred, lang="en").findings if f.id == "C07"]
    fi_verbs = findings[0].suggestion.split("e.g. ")[1].rstrip(".").split(", ")
    en_verbs = findings[1].suggestion.split("e.g. ")[1].rstrip(".").split(", ")
    assert all(v in lexicon.verbs["fi"] for v in fi_verbs)
    assert all(v in lexicon.verbs["en"] for v in en_verbs)
    low = {"remember", "understand"}
    assert all(not {b.value for b in lexicon.verbs["en"][v].bloom} <= low for v in en_verbs)


def test_esco_uris(settings):
    good = "http://data.europa.eu/esco/occupation/0a2b3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d"
    found = _ids(settings, esco_refs=[good, "esco:skill/x"])
    assert found["C20"] == ["ESCO reference 2"]


def test_duplicate_threshold_comes_from_settings(settings):
    outcomes = [
        LearningOutcome(text="Analyse customer data in a CRM to segment buyers"),
        LearningOutcome(text="Analyse customer data in a CRM to segment customers"),
    ]
    assert "C21" in _ids(settings, outcomes=outcomes)
    assert "C21" not in _ids(
        settings.model_copy(update={"duplicate_outcome_similarity": 1.0}), outcomes=outcomes
    )


def test_positions_sort_fields_then_outcomes():
    places = [
        "optional elements",
        "outcome 10",
        "title",
        "outcome 2",
        "workload",
        "ESCO reference 1",
    ]
    assert sorted(places, key=position) == [
        "title",
        "outcome 2",
        "outcome 10",
        "workload",
        "ESCO reference 1",
        "optional elements",
    ]
