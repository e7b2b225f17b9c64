"""Which sentences an extractive answer quotes: the count the question asks for, the number of
the asked unit, and a rare question word over one every candidate shares."""

from __future__ import annotations

from fakes import HashEmbeddings

from assistant.answer.extractive import ExtractParams, Source, candidates, score, select
from assistant.answer.scoring import quoted_from


def picks(question, lang, texts, sentences=1):
    sources = [Source(n, text, lang) for n, text in enumerate(texts, start=1)]
    return [c.unit.text for c in select(question, lang, sources, HashEmbeddings(), ExtractParams(sentences=sentences))]


def test_a_question_that_counts_the_items_gets_the_list_of_that_many():
    section = ("Toteutustapa vastaa liitteen I osallistumismuotoa. Oppi tunnistaa neljä arvoa:\n\n"
               "- verkko\n- lähi\n- monimuoto\n- työpaikalla\n")
    other = "Mikrotutkinnon kuvaukseen kirjataan, miten mikrotutkinto toteutetaan ja arvioidaan."
    chosen = picks("Mitkä neljä toteutustapaa mikrotutkinnon kuvauksessa voi valita?", "fi", [other, section])
    assert chosen == ["Oppi tunnistaa neljä arvoa: verkko; lähi; monimuoto; työpaikalla."]


def test_a_how_many_question_lifts_the_sentence_with_the_number_of_its_unit_per_one():
    text = "A year of 60 credits is 1 600 hours of work. One credit is about 27 hours of work. Assessment uses a rubric."

    def scores(weight):
        found = candidates([Source(1, text, "en")])
        score("How many hours of work is one credit?", found, HashEmbeddings(), ExtractParams(quantity_weight=weight))
        return found

    plain, weighted = scores(0.0), scores(0.3)
    assert [c.quantity for c in weighted] == [0.5, 1.0, 0.0]
    assert [round(w.score - p.score, 6) for p, w in zip(plain, weighted, strict=True)] == [0.15, 0.3, 0.0]


def test_every_quoted_unit_reads_word_for_word_in_its_passage():
    text = "Some verbs hide inner states. Avoid them as the main verb:\n\n- know\n- understand\n"
    chosen = picks("Which verbs should outcomes avoid?", "en", [text], sentences=3)
    assert chosen and all(quoted_from(unit, text) for unit in chosen)
    assert "Some verbs hide inner states. Avoid them" in chosen[0]
