"""Baseline vs candidate: per case and per metric changes, regressions beyond tolerance, and
the gate that turns them into an exit code."""

from __future__ import annotations

EXIT_PASS, EXIT_REGRESSION, EXIT_INCOMPLETE, EXIT_BAD_SUITE = 0, 1, 2, 3


def _tolerance(gates: dict, metric: str) -> float:
    return float(gates.get("tolerances", {}).get(metric, gates.get("tolerance", 0.0)))


def compare(baseline: dict, candidate: dict) -> dict:
    """Every metric of every case and variant in both, with before, after and whether it regressed.

    A drop counts as a regression when it exceeds the metric's tolerance and twice the
    baseline's spread across repeats (noise of a sampled model is not a regression).
    """
    gates = candidate.get("gates", {})
    changes, missing, new = [], [], []
    for variant, cand in candidate["variants"].items():
        base = baseline.get("variants", {}).get(variant)
        if base is None:
            new.append({"variant": variant, "case": None})
            continue
        for case_id, before_case in base["cases"].items():
            after_case = cand["cases"].get(case_id)
            if after_case is None:
                missing.append({"variant": variant, "case": case_id})
                continue
            for metric, before in before_case["metrics"].items():
                after = after_case["metrics"].get(metric)
                noise = 2 * before_case.get("spread", {}).get(metric, 0.0)
                changes.append(_change(variant, case_id, metric, before, after, max(_tolerance(gates, metric), noise)))
        new += [{"variant": variant, "case": c} for c in cand["cases"] if c not in base["cases"]]
        for metric, before in base["metrics"].items():
            spreads = [c.get("spread", {}).get(metric, 0.0) for c in base["cases"].values()]
            noise = 2 * sum(spreads) / len(spreads) if spreads else 0.0
            changes.append(_change(variant, None, metric, before, cand["metrics"].get(metric),
                                   max(_tolerance(gates, metric), noise)))
    regressed = {(c["variant"], c["case"]) for c in changes if c["regressed"] and c["case"]}
    outputs = {f"{v} · {c}": {"before": baseline["variants"][v]["cases"][c].get("output", {}),
                              "after": candidate["variants"][v]["cases"][c].get("output", {})}
               for v, c in sorted(regressed)}
    return {
        "baseline": baseline.get("run_id"), "outputs": outputs, "candidate": candidate.get("run_id"),
        "changes": [c for c in changes if c["delta"] != 0 or c["regressed"] or c["after"] is None],
        "regressions": [c for c in changes if c["regressed"]],
        "missing": missing, "new": new,
    }


def _change(variant: str, case: str | None, metric: str, before, after, tolerance: float) -> dict:
    delta = None if before is None or after is None else round(after - before, 6)
    return {"variant": variant, "case": case, "metric": metric, "before": before, "after": after,
            "delta": delta, "tolerance": tolerance,
            "regressed": delta is not None and -delta > tolerance + 1e-9}


def gate(summary: dict, comparison: dict | None) -> tuple[int, str]:
    """0 pass, 1 regression, 2 incomplete; incomplete wins so an outage never reads as a regression."""
    totals = summary["totals"]
    budget = summary.get("gates", {}).get("max_undetermined", 0.05)
    unknown = totals["undetermined"] + totals["errors"]
    share = unknown / max(1, totals["scores"] + totals["errors"])
    if share > budget + 1e-9:
        return EXIT_INCOMPLETE, (f"incomplete: {totals['errors']} failed cases and {totals['undetermined']} "
                                 f"undetermined scores ({share:.1%} > {budget:.1%} allowed)")
    if comparison is None:
        return EXIT_PASS, "no baseline yet: `oppi eval bless RUN` makes this run the baseline"
    regressions = comparison["regressions"]
    if regressions:
        cases = sorted({c["case"] or "(mean)" for c in regressions})
        return EXIT_REGRESSION, f"regression: {len(regressions)} scores dropped, in {', '.join(cases)}"
    return EXIT_PASS, "pass: no score dropped below the baseline beyond its tolerance"
