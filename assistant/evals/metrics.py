"""Scores with no model: retrieval ranking metrics and agreement of verdicts."""

from __future__ import annotations

import math
from collections.abc import Sequence


def retrieval_scores(hits: Sequence[int | None], relevant: int, k: int) -> dict[str, float]:
    """recall@k, precision@k, MRR and nDCG@k for one query.

    `hits[i]` is the index of the labelled passage that result i matches (None: not relevant).
    A label counts once, at its first match, so repeated chunks of one section do not inflate
    recall; the ideal DCG is computed from all labels, not only the ones found.
    """
    found: set[int] = set()
    gains: list[int] = []
    for label in hits[:k]:
        new = label is not None and label not in found
        gains.append(1 if new else 0)
        if new:
            found.add(label)
    first = next((rank for rank, label in enumerate(hits[:k], start=1) if label is not None), None)
    dcg = sum(g / math.log2(rank + 1) for rank, g in enumerate(gains, start=1))
    ideal = sum(1 / math.log2(rank + 1) for rank in range(1, min(relevant, k) + 1))
    relevant_results = sum(1 for label in hits[:k] if label is not None)
    return {
        "recall_at_k": len(found) / relevant if relevant else 0.0,
        "precision_at_k": relevant_results / k,
        "mrr": 1 / first if first else 0.0,
        "ndcg_at_k": dcg / ideal if ideal else 0.0,
    }


def confusion(pairs: Sequence[tuple[str, str]]) -> dict[str, int]:
    """Counts of (expected, actual) verdicts with 'fail' as the positive class (a flag)."""
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for expected, actual in pairs:
        if actual == "fail":
            counts["tp" if expected == "fail" else "fp"] += 1
        else:
            counts["fn" if expected == "fail" else "tn"] += 1
    return counts


def agreement(counts: dict[str, int]) -> dict[str, float]:
    """Accuracy, and precision and recall of flags; 1.0 where nothing could go wrong."""
    total = sum(counts.values())
    flagged = counts["tp"] + counts["fp"]
    should = counts["tp"] + counts["fn"]
    return {
        "accuracy": (counts["tp"] + counts["tn"]) / total if total else 1.0,
        "flag_precision": counts["tp"] / flagged if flagged else 1.0,
        "flag_recall": counts["tp"] / should if should else 1.0,
    }
