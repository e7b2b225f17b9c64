"""Keyword tokens that cross languages on the field's terms, and the score fusion."""

from __future__ import annotations

from assistant.index.bm25 import KeywordIndex, tokenize_query
from assistant.index.library import Chunk, convex_fusion


def test_a_finnish_question_brings_the_english_words_of_its_terms():
    tokens = tokenize_query("Tarvitaanko mikrotutkinnoille oma erillinen laadunvarmistusjärjestelmä?")
    # mikrotutkinto (inflected) and laadunvarmistus (inside a compound) are terms of the field.
    assert {"micro", "credenti", "qualiti", "assur"} <= set(tokens)


def test_an_english_question_stays_english():
    # Finnish words added to an English question pulled Finnish passages above English ones.
    assert "osaamistavoite" not in tokenize_query("How should learning outcomes be assessed?")


def test_words_that_name_no_term_bring_nothing_across():
    assert tokenize_query("weather tomorrow") == ["weather", "tomorrow"]


def test_a_finnish_question_finds_the_english_passage_by_keywords():
    texts = [
        "Standard 1.2: Design and approval. Institutions design and approve their programmes.",
        "Standard 1.9: Monitoring and periodic review of programmes.",
        "Opiskelija osaa kuvata suunnitelman.",
    ]
    index = KeywordIndex(texts, ["en", "en", "fi"])
    scores = index.scores("Mitä standardi edellyttää suunnittelulta ja hyväksymiseltä?")
    assert scores.argmax() == 0


def chunk(name: str) -> Chunk:
    return Chunk(id=name, text=name, metadata={})


def test_a_keyword_hit_far_ahead_beats_chunks_both_rankings_rank_middling():
    far_ahead, middling, other, last = chunk("far-ahead"), chunk("middling"), chunk("other"), chunk("last")
    dense = [(middling, 0.86), (other, 0.85), (far_ahead, 0.84), (last, 0.80)]
    keyword = [(far_ahead, 9.0), (middling, 5.8), (other, 5.7)]
    fused = convex_fusion([dense, keyword], [1.0, 1.0])
    assert [c.id for c, _ in fused][:2] == ["far-ahead", "middling"]


def test_fused_scores_lie_between_0_and_1_and_weights_move_the_order():
    a, b = chunk("a"), chunk("b")
    dense, keyword = [(a, 0.9), (b, 0.8)], [(b, 3.0), (a, 1.0)]
    assert all(0.0 <= s <= 1.0 for _, s in convex_fusion([dense, keyword], [1.0, 1.0]))
    assert convex_fusion([dense, keyword], [3.0, 1.0])[0][0].id == "a"
    assert convex_fusion([dense, keyword], [1.0, 3.0])[0][0].id == "b"


def test_an_empty_ranking_leaves_the_other_as_it_was():
    a, b = chunk("a"), chunk("b")
    assert [c.id for c, _ in convex_fusion([[], [(b, 2.0), (a, 1.0)]], [1.0, 1.0])] == ["b", "a"]
