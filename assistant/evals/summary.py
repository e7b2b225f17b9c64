"""Per-case, per-variant aggregates of a run's results: what is compared and blessed."""

from __future__ import annotations

import statistics
from collections import Counter

from assistant.evals.metrics import agreement


def mean(values: list[float | None]) -> float | None:
    """Mean of the determined values; None when there are none."""
    known = [v for v in values if v is not None]
    return round(statistics.fmean(known), 6) if known else None


def spread(values: list[float | None]) -> float:
    known = [v for v in values if v is not None]
    return round(statistics.pstdev(known), 6) if len(known) > 1 else 0.0


def case_summary(rows: list[dict]) -> dict:
    """Means and spreads over repeats, the first good output, and errors."""
    names = sorted({m for row in rows for m in row["metrics"]})
    good = [row for row in rows if not row["error"]]
    return {
        "type": rows[0]["type"],
        "metrics": {m: mean([row["metrics"].get(m) for row in good]) for m in names},
        "spread": {m: spread([row["metrics"].get(m) for row in good]) for m in names},
        "undetermined": sum(1 for row in good for v in row["metrics"].values() if v is None),
        "errors": [row["error"] for row in rows if row["error"]],
        "output": good[0]["output"] if good else {},
    }


def variant_stats(rows: list[dict]) -> dict:
    """Side-by-side figures beyond the means: Bloom spread of drafts, checker confusion matrix."""
    stats: dict = {}
    first = [row for row in rows if row["repeat"] == 0 and not row["error"]]
    blooms = Counter(max(levels, key=_rank) if levels else "no level"
                     for row in first for levels in row["output"].get("bloom", []))
    if blooms:
        stats["bloom"] = dict(sorted(blooms.items(), key=lambda item: _rank(item[0])))
    confusion = Counter()
    for row in first:
        confusion.update(row["output"].get("confusion", {}))
    if confusion:
        counts = {key: confusion.get(key, 0) for key in ("tp", "fp", "fn", "tn")}
        stats["confusion"] = counts
        stats["micro"] = {k: round(v, 6) for k, v in agreement(counts).items()}
    return stats


def _rank(level: str) -> int:
    order = ["no level", "remember", "understand", "apply", "analyse", "evaluate", "create"]
    return order.index(level) if level in order else -1


def summarise(suite, run_id: str, rows: list[dict], variants: list[str]) -> dict:
    """The run's summary: per variant the metric means over cases, stats and per-case figures."""
    out: dict = {"suite": suite.suite, "run_id": run_id, "gates": suite.gates.model_dump(), "variants": {}}
    for name in variants:
        mine = [row for row in rows if row["variant"] == name]
        by_case: dict[str, list[dict]] = {}
        for row in mine:
            by_case.setdefault(row["case"], []).append(row)
        cases = {cid: case_summary(case_rows) for cid, case_rows in by_case.items()}
        names = sorted({m for c in cases.values() for m in c["metrics"]})
        out["variants"][name] = {
            "metrics": {m: mean([c["metrics"].get(m) for c in cases.values()]) for m in names},
            "stats": variant_stats(mine),
            "cases": cases,
        }
    scores = sum(len(row["metrics"]) for row in rows)
    out["totals"] = {
        "results": len(rows), "errors": sum(1 for row in rows if row["error"]), "scores": scores,
        "undetermined": sum(1 for row in rows for v in row["metrics"].values() if v is None),
    }
    return out
