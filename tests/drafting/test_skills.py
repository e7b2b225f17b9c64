"""Skill phrases from skill-need text, Finnish inflection checked by voikko, and coverage."""

from __future__ import annotations

import pytest

from assistant.drafting.coverage import phrase_addressed, skill_coverage
from assistant.drafting.skills import skill_phrases
from assistant.nlp import inflect
from assistant.schemas import CredentialBrief, LearningOutcome

SENTENCE = ("Our staff need to plan sustainable events, calculate the carbon footprint of an event "
            "and communicate the results to customers.")


def test_a_long_sentence_becomes_its_phrases() -> None:
    phrases = skill_phrases(SENTENCE, "en")
    assert len(phrases) == 3
    assert not any(p.lower().startswith(("our", "staff", "need")) for p in phrases)
    assert all(p[-1].isalnum() for p in phrases)


def test_bullets_and_filler_are_dropped() -> None:
    text = "- the ability to analyse customer data\n* knowledge of GDPR requirements\n1. project management skills"
    phrases = skill_phrases(text, "en")
    assert len(phrases) == 3
    fillers = ("the ability", "ability", "knowledge of", "skills in", "-", "*", "1.")
    assert not any(p.lower().startswith(fillers) for p in phrases)
    assert not any(p.endswith("skills") for p in phrases)
    assert any("GDPR" in p for p in phrases)  # acronyms keep their case


def test_list_and_string_give_the_same_phrases() -> None:
    items = ["budgeting", "forecasting", "cost control"]
    assert skill_phrases(items, "en") == skill_phrases("budgeting, forecasting and cost control", "en")
    assert skill_phrases(items, "en") == skill_phrases("Skill needs: budgeting; forecasting; cost control.", "en")


def test_compounds_are_not_split() -> None:
    assert len(skill_phrases("health and safety", "en")) == 1
    assert len(skill_phrases("sosiaali- ja terveysalan asiakastyö", "fi")) == 1


def test_finnish_filler_and_cases_are_undone() -> None:
    phrases = skill_phrases(["asiakasdatan analysoinnin osaaminen", "ymmärtää tietosuojan periaatteita",
                             "osaaminen digitaalisessa markkinoinnissa"], "fi")
    assert len(phrases) == 3
    for phrase in phrases:
        words = phrase.split()
        assert words[0] not in {"osaaminen", "ymmärtää"} and words[-1] != "osaaminen"
        assert "nimento" in inflect.case_of(words[-1]), phrase  # the head is back in the nominative


def test_deterministic() -> None:
    assert skill_phrases(SENTENCE, "en") == skill_phrases(SENTENCE, "en")


NOUNS = ["menetelmä", "palvelu", "riski", "yritys", "vaihe", "asiakas", "keskisuuri", "digitaalinen",
         "tapa", "kunta", "vastuullisuus", "kehittäminen", "hiilijalanjälki", "periaatteet", "hoitotyö"]


@pytest.mark.parametrize("case", ["osanto", "omanto", "sisaolento"])
@pytest.mark.parametrize("number", ["singular", "plural"])
def test_inflected_forms_are_what_voikko_reads(case: str, number: str) -> None:
    """Every form found is, to voikko, the same word in the asked case and number."""
    found = 0
    for noun in NOUNS:
        bases = {a["BASEFORM"] for a in inflect.analyses(noun) if a.get("SIJAMUOTO")}
        form = inflect.inflect_word(noun, case, number)
        if form is None:
            continue
        found += 1
        assert any(a["BASEFORM"] in bases and a.get("SIJAMUOTO") == case and a.get("NUMBER") == number
                   for a in inflect.analyses(form)), (noun, form)
    assert found >= len(NOUNS) - 2


def test_phrase_attributes_keep_their_case() -> None:
    form = inflect.inflect_phrase("asiakasdatan analysointi", "osanto")
    assert form is not None and form.split()[0] == "asiakasdatan"
    assert "osanto" in inflect.case_of(form.split()[1])
    assert inflect.inflect_phrase("GDPR", "osanto") is None  # unknown to voikko: no guess


def test_coverage_counts_phrases_an_outcome_carries() -> None:
    brief = CredentialBrief(title="t", skill_needs=["customer data analysis", "supplier negotiation"])
    covered = [LearningOutcome(text="The learner can analyse customer data in small shops.")]
    assert skill_coverage(brief, covered) == 0.5
    assert skill_coverage(brief, []) == 0.0
    assert skill_coverage(CredentialBrief(title="t"), []) == 1.0


def test_finnish_coverage_matches_inflected_words() -> None:
    assert phrase_addressed("asiakasdatan analysointi", "Opiskelija osaa analysoida asiakasdataa.", "fi", share=1.0)
    assert not phrase_addressed("tietosuojan periaatteet", "Opiskelija osaa analysoida asiakasdataa.", "fi")


def test_coverage_reads_english_words_by_lemma() -> None:
    from assistant.drafting.coverage import phrase_addressed

    assert phrase_addressed("take blood cultures", "The learner can demonstrate taking blood cultures.", "en", 0.5)
    assert not phrase_addressed("take blood cultures", "The learner can analyse audience data.", "en", 0.5)
