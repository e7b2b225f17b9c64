"""The process's cache of e5 vectors: a text seen again is not embedded again."""

from __future__ import annotations

import numpy as np

from assistant.index.embeddings import E5Embeddings, VectorCache


def test_the_oldest_vectors_go_first_and_a_read_keeps_a_vector():
    cache = VectorCache(size=2)
    one, two, three = (False, "one"), (False, "two"), (False, "three")
    cache.put_many({one: np.ones(2), two: np.zeros(2)})
    cache.get_many([one])  # read: "two" is now the oldest
    cache.put_many({three: np.ones(2)})
    assert set(cache.get_many([one, two, three])) == {one, three}


def test_a_text_embedded_again_comes_from_the_cache_with_the_same_vector():
    embeddings = E5Embeddings(threads=1)
    text = "Opiskelija osaa laatia hankintasuunnitelman (cache test)."
    first = embeddings.embed_documents([text, text])
    counted = embeddings.texts_embedded
    again = embeddings.embed_documents([text])
    assert counted == 1 and embeddings.texts_embedded == 1  # the repeat in one call too
    assert np.allclose(first[0], again[0]) and np.allclose(first[0], first[1])


def test_a_query_and_a_passage_of_the_same_text_are_different_vectors():
    embeddings = E5Embeddings(threads=1)
    text = "Montako tuntia on yksi opintopiste? (cache test)"
    assert not np.allclose(embeddings.embed_query(text), embeddings.embed_documents([text])[0])
