"""Skill needs read from prose: verb-object pairs with spans; who-needs-it and why-now dropped."""

from __future__ import annotations

import pytest

from assistant import nlp

EN = (
    "After two ransomware attacks the council asked what the municipalities would do. "
    "The honest answer was that they would call their supplier and hope. "
    "They need to analyse logs to find out what happened, lead the first hours of an incident, "
    "and report to the authorities within the NIS2 deadlines."
)
FI = (
    "Pienet yritykset kertovat, etteivät ne osaa laskea päästöjä yhdenmukaisesti. "
    "Henkilöstön pitää pystyä laskemaan kuljetusten päästöt standardin mukaisesti, raportoimaan ne "
    "asiakkaalle ja vertailemaan, miten reitin valinta vaikuttaa päästöihin."
)


def test_english_pairs_come_from_the_need_sentence_only() -> None:
    phrases = nlp.skill_phrases(EN, "en")
    assert [(p.verb, p.object) for p in phrases] == [
        ("analyse", "logs"),
        ("lead", "the first hours of an incident"),
        ("report", "to the authorities within the NIS2 deadlines"),
    ]
    for phrase in phrases:
        assert EN[phrase.start:phrase.end].startswith(phrase.verb_text)  # spans point into the text


def test_english_purpose_clause_is_cut() -> None:
    (first, *_) = nlp.skill_phrases(EN, "en")
    assert "find out" not in first.object


def test_finnish_infinitive_chain_with_negated_lack_dropped() -> None:
    phrases = nlp.skill_phrases(FI, "fi")
    assert [p.verb for p in phrases] == ["laskea", "raportoida", "vertailla"]
    # 'ne' points at the previous object; the 'miten' clause gives its subject.
    assert phrases[1].object.startswith("kuljetusten päästöt")
    assert phrases[2].object == "reitin valinta" and phrases[2].kind == "clause-subject"
    for phrase in phrases:
        assert FI[phrase.start:phrase.end].startswith(phrase.verb_text)


def test_finite_verbs_by_language() -> None:
    assert nlp.finite_verbs("the spraying record that the authorities require", "en", "keep") == ["require"]
    assert nlp.finite_verbs("clear rules for students", "en", "write") == []
    assert nlp.finite_verbs("toimenpiteet, jotka kirjataan suunnitelmaan", "fi") == ["kirjataan"]
    assert nlp.finite_verbs("poikkeamien hallintasuunnitelman", "fi") == []


def test_unknown_finnish_words_and_cases() -> None:
    assert nlp.unknown_words("osaa laatia hallintasuunnitelmma") == ["hallintasuunnitelmma"]
    assert nlp.unknown_words("laskea aluksen CII-arvon ISO 14083 -standardin mukaisesti") == []
    assert "omanto" in nlp.cases("suunnitelman")


def test_sentences_and_noun_phrases() -> None:
    assert [s.text for s in nlp.sentences("Yksi lause. Toinen lause.", "fi")] == ["Yksi lause.", "Toinen lause."]
    assert "vital signs" in [c.text for c in nlp.noun_phrases("Nurses measure vital signs.", "en")]


@pytest.mark.parametrize("verb, gerund", [
    ("plan", "planning"), ("run", "running"), ("stop", "stopping"), ("open", "opening"), ("edit", "editing"),
    ("exit", "exiting"), ("cover", "covering"), ("include", "including"), ("tie", "tying"), ("add", "adding"),
])
def test_gerunds_double_only_one_syllable_endings(verb, gerund):
    from assistant.nlp.english import _gerund

    assert _gerund(verb) == gerund
