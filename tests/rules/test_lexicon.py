"""The verb lexicons are data: big enough, well formed, and readable by voikko."""

from __future__ import annotations

from assistant.rules import finnish
from assistant.rules.lexicon import load_lexicon
from assistant.schemas import Bloom


def test_lexicons_are_large_enough():
    lexicon = load_lexicon()
    assert len(lexicon.verbs["en"]) >= 150
    assert len(lexicon.verbs["fi"]) >= 100
    assert len(lexicon.verbs["sv"]) >= 60


def test_every_entry_has_language_levels_and_examples():
    for language, verbs in load_lexicon().verbs.items():
        for verb in verbs.values():
            assert verb.language == language
            assert verb.bloom and all(isinstance(b, Bloom) for b in verb.bloom)
            assert len(verb.examples) >= 2, verb.verb


def test_some_verbs_sit_at_several_levels():
    lexicon = load_lexicon()
    assert set(lexicon.verb("en", "identify").bloom) == {Bloom.remember, Bloom.analyse}
    assert len(lexicon.verb("fi", "tunnistaa").bloom) == 2


def test_vague_verbs_are_not_in_the_lexicon():
    lexicon = load_lexicon()
    for language in ("en", "fi", "sv"):
        assert not set(lexicon.vague(language)) & set(lexicon.verbs[language])


def test_voikko_knows_every_finnish_verb_as_its_own_base_form():
    for verb in load_lexicon().verbs["fi"]:
        assert any(r.baseform == verb for r in finnish.verb_readings(verb)), verb


def test_lexicon_is_loaded_once():
    assert load_lexicon() is load_lexicon()


def test_folded_phrase_patterns_keep_their_character_classes():
    # Lower-casing a regex source would turn \S into \s; only the diacritics are dropped.
    from assistant.rules.finnish import strip_diacritics

    assert strip_diacritics(r"^\S+ työmäärä\W$") == r"^\S+ tyomaara\W$"
