"""Generated sentences are checked against what they cite; nothing adds a citation."""

from __future__ import annotations

import pytest

from assistant.answer.extractive import Source
from assistant.answer.grounding import SupportParams, split_cited, verify
from assistant.index.embeddings import build_embeddings

SOURCES = [
    Source(1, "In Finland one credit (opintopiste) is about 27 hours of student work; 5 credits are 135 hours.", "en"),
    Source(2, "Avoid know and understand in learning outcomes: they cannot be observed. Use analyse or design.", "en"),
]


@pytest.fixture(scope="module")
def embeddings(small_settings_module):
    return build_embeddings(small_settings_module)


@pytest.fixture(scope="module")
def small_settings_module():
    from assistant.config import Settings

    return Settings(_env_file=None)


def verdicts(text, embeddings):
    return verify(text, "en", SOURCES, embeddings, SupportParams())


def test_a_faithful_sentence_is_supported(embeddings):
    [v] = verdicts("In Finland one credit is about 27 hours of student work [1].", embeddings)
    assert v.supported and v.cites == [1]


def test_an_invented_number_a_wrong_citation_and_a_missing_one_are_not(embeddings):
    found = verdicts("One credit is about 30 hours of work [1]. Avoid know in outcomes [1]. It is 27 hours.", embeddings)
    assert [v.supported for v in found] == [False, False, False]
    assert "30" in found[0].reason and "cites no passage" in found[2].reason
    assert found[2].cites == []  # no citation was made up for it


def test_invented_names_and_prose_are_not_supported(embeddings):
    [named] = verdicts("The ESG require 27 hours per credit [1].", embeddings)
    [prose] = verdicts("The European Union has a new policy that lets students earn money [1].", embeddings)
    assert not named.supported and "ESG" in named.reason
    assert not prose.supported


def test_markers_after_the_full_stop_belong_to_the_sentence_before():
    assert split_cited("It is 27 hours. [1] Use analyse [2].", "en") == [("It is 27 hours. [1]", [1]), ("Use analyse [2].", [2])]
