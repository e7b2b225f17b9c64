"""Comparison with a baseline and the gate's exit codes, on small hand-made summaries."""

from __future__ import annotations

from assistant.evals.compare import compare, gate


def summary(values: dict[str, float | None], spread: float = 0.0, errors: int = 0, tolerance: float = 0.0,
            max_undetermined: float = 0.05) -> dict:
    cases = {cid: {"metrics": {"score": v}, "spread": {"score": spread}, "output": {"text": cid}} for cid, v in values.items()}
    known = [v for v in values.values() if v is not None]
    return {
        "run_id": "r", "gates": {"tolerance": tolerance, "tolerances": {}, "max_undetermined": max_undetermined},
        "variants": {"v": {"metrics": {"score": sum(known) / len(known) if known else None}, "cases": cases}},
        "totals": {"results": len(values), "errors": errors, "scores": len(values),
                   "undetermined": sum(v is None for v in values.values())},
    }


def test_a_drop_in_one_case_is_a_regression_with_before_and_after():
    result = compare(summary({"a": 1.0, "b": 1.0}), summary({"a": 1.0, "b": 0.5}))
    case_level = [c for c in result["regressions"] if c["case"]]
    assert [(c["case"], c["before"], c["after"]) for c in case_level] == [("b", 1.0, 0.5)]
    assert result["outputs"]["v · b"] == {"before": {"text": "b"}, "after": {"text": "b"}}
    assert gate(summary({"a": 1.0, "b": 0.5}), result)[0] == 1


def test_drops_within_tolerance_or_noise_pass():
    assert not compare(summary({"a": 1.0}), summary({"a": 0.95}, tolerance=0.1))["regressions"]
    assert not compare(summary({"a": 0.8}, spread=0.1), summary({"a": 0.65}))["regressions"]
    assert compare(summary({"a": 0.8}, spread=0.05), summary({"a": 0.65}))["regressions"]


def test_improvements_and_new_cases_never_fail():
    result = compare(summary({"a": 0.5}), summary({"a": 1.0, "new": 0.0}))
    assert not result["regressions"] and result["new"] == [{"variant": "v", "case": "new"}]


def test_undetermined_over_budget_is_incomplete_even_with_regressions():
    candidate = summary({"a": None, "b": 0.0})
    code, reason = gate(candidate, compare(summary({"a": 1.0, "b": 1.0}), candidate))
    assert code == 2 and "undetermined" in reason


def test_failed_cases_make_the_run_incomplete():
    assert gate(summary({"a": 1.0}, errors=1), None)[0] == 2


def test_undetermined_within_budget_is_not_a_failure():
    values = {f"c{i}": 1.0 for i in range(20)} | {"x": None}
    assert gate(summary(values, max_undetermined=0.05), None)[0] == 0


def test_no_baseline_passes_and_says_how_to_make_one():
    code, reason = gate(summary({"a": 1.0}), None)
    assert code == 0 and "bless" in reason
