"""The grammar guard: copied runs, finite verbs in objects, Finnish words and cases."""

from __future__ import annotations

import pytest

from assistant import nlp
from assistant.drafting.guard import longest_copied_run, problems
from assistant.drafting.variants import object_variants
from assistant.schemas import CredentialBrief

PROSE = "The companies want their staff to classify a shipment from its safety data sheet before loading."


def test_longest_copied_run_counts_consecutive_words() -> None:
    assert longest_copied_run("classify a shipment from its safety data sheet", PROSE) == 8
    assert longest_copied_run("classify shipments from the safety data sheet", PROSE) == 3


def test_guard_flags_a_pasted_outcome_and_passes_a_rephrased_one() -> None:
    pasted = "The learner can classify a shipment from its safety data sheet in freight forwarding."
    assert problems(pasted, "classify", "a shipment from its safety data sheet", "en", PROSE) == [
        "copies 8 words in a row from the brief"]
    fresh = "The learner can classify shipments from the safety data sheet in freight forwarding."
    assert problems(fresh, "classify", "shipments from the safety data sheet", "en", PROSE) == []


def test_guard_flags_finite_verb_and_finnish_problems() -> None:
    found = problems("The learner can analyse small firms receive the same questions over in the work of owners.",
                     "analyse", "small firms receive the same questions over", "en", "")
    assert any("finite verb" in p for p in found)
    fi = problems("Opiskelija osaa hyödyntää mutta suunnittelijoilta puuttuu kokemusta kuormanhallintaaa.",
                  "hyödyntää", "mutta suunnittelijoilta puuttuu kokemusta kuormanhallintaaa", "fi", "")
    assert any("puuttuu" in p for p in fi) and any("kuormanhallintaaa" in p for p in fi)
    # A Finnish outcome's problems are said in Finnish: the planner reads them in the Draft tab.
    assert any(p.startswith("kohteessa on finiittiverbi") for p in fi)
    assert any(p.startswith("Voikko ei tunne sanoja") for p in fi)


def test_guard_flags_a_cut_clause_a_stacked_verb_and_an_open_bracket() -> None:
    # Read from a blind probe's bullets: 'be able to manage:' before '- apply consumer protection rules'.
    stacked = problems("The learner can manage apply consumer protection rules in retail.",
                       "manage", "apply consumer protection rules", "en", "")
    assert stacked == ["its object starts with a second verb ('apply')"]
    assert problems("The learner can guide what in libraries.", "guide", "what", "en", "") == ["its object has no noun"]
    assert problems("The learner can decide what to isolate in IT teams.", "decide", "what to isolate", "en", "") == []
    assert problems("The learner can apply hygiene rules in care.", "apply", "hygiene rules", "en", "") == []
    cut = problems("The learner can demonstrate spotting patterns in returns (e.g. in their own work.",
                   "demonstrate", "spotting patterns in returns (e.g.", "en", "")
    assert cut == ["a bracket is opened and not closed, or closed and not opened"]


def test_a_finnish_object_that_is_a_pronoun_left_pointing_at_nothing_is_reported() -> None:
    found = problems("Opiskelija osaa arvioida niiden riskit vesihuollossa.", "arvioida", "niiden riskit", "fi", "")
    assert found == ["kohde on pronomini ('niiden'), jolle ei löytynyt viittauskohdetta"]
    assert problems("Opiskelija osaa arvioida vaaratekijöiden riskit vesihuollossa.", "arvioida",
                    "vaaratekijöiden riskit", "fi", "") == []


def test_a_finnish_se_points_at_the_object_before_it() -> None:
    text = "Farmaseutin pitää osata tehdä tarkistus rakenteisesti ja dokumentoida se sovitulla lomakkeella."
    assert [p.object for p in nlp.skill_phrases(text, "fi")][-1] == "tarkistus sovitulla lomakkeella"


def test_variants_rephrase_in_the_plural_and_move_finnish_adverbials() -> None:
    assert "shipments from the safety data sheet" in object_variants("a shipment from its safety data sheet", "en", "classify")
    moved = object_variants("kuljetusten päästöt ISO 14083 -standardin mukaisesti", "fi")
    assert "ISO 14083 -standardin mukaisesti kuljetusten päästöt" in moved


@pytest.mark.parametrize("language, prose", [
    ("en", "The county wants every nurse who visits these patients to take a full set of vital signs, "
           "score them with NEWS2 and call the on-call doctor when the score requires it."),
    ("fi", "Tarvitsemme henkilöstöä, joka osaa arvioida asiakkaan kaatumisriskin vakioidulla menetelmällä ja "
           "tunnistaa kodin vaaranpaikat ja lääkityksen riskit."),
])
def test_drafts_from_prose_pass_the_guard(composer, language, prose) -> None:
    brief = CredentialBrief(title="Prose brief", target_group="nurses", level=6, ects=3, language=language,
                            skill_needs=[prose])
    result = composer.draft(brief)
    assert result.skills, "the skills read are reported"
    assert result.outcomes
    for outcome in result.outcomes:
        assert problems(outcome.text, outcome.verb or "", outcome.object or "", language, prose) == []


def test_a_finite_auxiliary_is_a_finite_verb_in_the_object() -> None:
    assert nlp.finite_verbs("the weather has been bad all year", "en", "implement") == ["has"]
    assert nlp.finite_verbs("records that were kept", "en", "check") == ["were"]
    assert nlp.finite_verbs("the plans", "en", "review") == []


def test_a_finnish_object_may_not_end_in_a_plural_genitive_attribute() -> None:
    text = "Opiskelija osaa kuvata allergeenien omassa ammatillisessa työssään."
    assert any("määritteeseen" in p for p in problems(text, "kuvata", "allergeenien", "fi", ""))
    # 'huomioiden' is also a verb form (taking into account): it may end an object.
    text = "Opiskelija osaa laskea palvelun katteen työajan huomioiden omassa ammatillisessa työssään."
    assert not problems(text, "laskea", "palvelun katteen työajan huomioiden", "fi", "")
