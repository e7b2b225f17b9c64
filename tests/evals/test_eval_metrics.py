"""Retrieval and agreement metrics on hand-worked examples."""

from __future__ import annotations

import math

import pytest

from assistant.evals.metrics import agreement, confusion, retrieval_scores


def test_one_label_found_at_rank_two():
    scores = retrieval_scores([None, 0, None, None, None], relevant=1, k=5)
    assert scores["recall_at_k"] == 1.0
    assert scores["precision_at_k"] == pytest.approx(0.2)
    assert scores["mrr"] == 0.5
    assert scores["ndcg_at_k"] == pytest.approx(1 / math.log2(3))


def test_ideal_dcg_counts_labels_that_were_not_found():
    # Two labels, only one found at rank 1: nDCG is below 1 (ideal has both at ranks 1 and 2).
    scores = retrieval_scores([0, None, None], relevant=2, k=3)
    assert scores["recall_at_k"] == 0.5
    assert scores["ndcg_at_k"] == pytest.approx(1 / (1 + 1 / math.log2(3)))


def test_a_label_matched_by_two_chunks_counts_once_for_recall_and_gain():
    scores = retrieval_scores([0, 0, None], relevant=2, k=3)
    assert scores["recall_at_k"] == 0.5
    assert scores["precision_at_k"] == pytest.approx(2 / 3)


def test_nothing_found():
    assert retrieval_scores([None] * 5, relevant=1, k=5) == {
        "recall_at_k": 0.0, "precision_at_k": 0.0, "mrr": 0.0, "ndcg_at_k": 0.0}


def test_flags_are_the_positive_class():
    counts = confusion([("fail", "fail"), ("pass", "fail"), ("fail", "pass"), ("pass", "pass"), ("pass", "pass")])
    assert counts == {"tp": 1, "fp": 1, "fn": 1, "tn": 2}
    assert agreement(counts) == {"accuracy": 0.6, "flag_precision": 0.5, "flag_recall": 0.5}


def test_no_flags_expected_or_raised_is_perfect_agreement():
    assert agreement(confusion([("pass", "pass")])) == {"accuracy": 1.0, "flag_precision": 1.0, "flag_recall": 1.0}
