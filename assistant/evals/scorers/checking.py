"""Checking cases: the checker's verdict per check (and the model review's, with a model)
against the expected verdicts."""

from __future__ import annotations

from assistant.evals.metrics import agreement, confusion
from assistant.evals.suite import CheckingCase


def score(case: CheckingCase, world, context) -> tuple[dict, dict]:
    services = world.services
    parsed = services.checking.read_file(case.draft)
    report = services.checking.check(parsed)
    if context.review:
        report = services.review.review(parsed.credential, report)
    flagged = {f.id for f in report.findings}
    actual = {check: ("fail" if check in flagged else "pass") for check in case.expect}
    pairs = [(case.expect[check], actual[check]) for check in sorted(case.expect)]
    counts = confusion(pairs)
    wrong = {c: f"expected {case.expect[c]}, got {actual[c]}" for c in sorted(case.expect) if case.expect[c] != actual[c]}
    output = {"flagged": sorted(flagged), "wrong": wrong, "confusion": counts}
    return agreement(counts), output
