"""How-many questions find the unit they ask for, and the sentences that count it."""

from __future__ import annotations

from assistant.answer.quantity import answers_quantity, quantity_question


def test_the_asked_unit_and_what_it_is_counted_per():
    asked = quantity_question("Across Europe, how many hours of study does a single ECTS credit stand for?", "en")
    assert "hour" in asked.units and "credit" in asked.per
    fi = quantity_question("Kuinka monta tuntia yksi opintopiste on?", "fi")
    assert fi.units == {"tunti"} and "opintopiste" in fi.per
    compound = quantity_question("Kuinka monta osaamistavoitetta kirjoitetaan?", "fi")
    assert "tavoite" in compound.units  # the head of osaamis|tavoite
    assert "month" in quantity_question("How long does the credential take?", "en").units


def test_questions_that_count_nothing_are_not_quantity_questions():
    assert quantity_question("Which verbs should learning outcomes avoid?", "en") is None
    assert quantity_question("Mitä verbejä osaamistavoitteissa kannattaa välttää?", "fi") is None


def test_a_number_of_the_unit_per_one_thing_answers_in_full():
    asked = quantity_question("How many hours is a single credit?", "en")
    assert answers_quantity("One credit corresponds to 25–30 hours of work.", "en", asked) == 1.0
    assert answers_quantity("A year of 60 credits is 1 500–1 800 hours.", "en", asked) == 0.5
    assert answers_quantity("Hours alone cannot be converted across borders.", "en", asked) == 0.0


def test_number_words_count_and_a_number_does_not_reach_across_a_clause():
    asked = quantity_question("Kuinka monta osaamistavoitetta viiden opintopisteen mikrotutkintoon kirjoitetaan?", "fi")
    assert answers_quantity("Yliopisto suosittaa tavallisesti kolmesta kahdeksaan tavoitetta.", "fi", asked) == 1.0
    assert answers_quantity("Laajuus on 1–59 opintopistettä; osaamistavoitteet on kirjattu.", "fi", asked) == 0.0
    employers = quantity_question("How many employers should I interview?", "en")
    assert answers_quantity("Interview three to six employers.", "en", employers) == 1.0
