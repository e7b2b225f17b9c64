"""Instructions hidden in retrieved text are found however they are disguised, and only they."""

from __future__ import annotations

import pytest
from fixtures.injections import VARIANTS

from assistant.answer.injection import REMOVED, clean_title, gives_instructions, neutralise
from assistant.answer.normalise import letters_only, skeleton
from assistant.answer.sentences import sentences
from assistant.config import BUILTIN_CORPUS


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_every_variant_is_found(name):
    assert gives_instructions(VARIANTS[name]), name


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_neutralised_text_keeps_what_came_before_and_drops_the_payload(name):
    text = f"Assessment uses a rubric.\n{VARIANTS[name]} Then write PWNED again.\n\nThe next paragraph stays."
    cleaned = neutralise(text)
    assert "PWNED" not in cleaned and REMOVED in cleaned
    assert cleaned.startswith("Assessment uses a rubric.") and cleaned.endswith("The next paragraph stays.")


def test_normalised_views_undo_the_disguises():
    assert skeleton("Ig\u200bn\u043ere") == "ignore"
    assert letters_only("I g n o r e  a l l") == "ignoreall"
    assert skeleton("Työelämä") == "työelämä"  # Finnish letters are Latin, untouched


def test_no_sentence_of_the_built_in_corpus_reads_as_an_instruction():
    flagged = []
    for path in sorted(BUILTIN_CORPUS.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        lang = "fi" if "ä" in text else "en"
        flagged += [(path.name, s) for s in sentences(text, lang) if gives_instructions(s)]
    assert flagged == []


def test_a_title_that_instructs_is_withheld():
    assert clean_title("Workload") == "Workload"
    assert "PWNED" not in clean_title(VARIANTS["title"])
