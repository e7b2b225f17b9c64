"""Realistic drafts: the share of must_flag findings the checker reports at their place, and
whether it raised no false finding."""

from __future__ import annotations

from assistant.errors import OppiError
from assistant.evals.realistic import score_findings
from assistant.evals.suite import RealisticCase


def score(case: RealisticCase, world, context) -> tuple[dict, dict]:
    try:
        findings = world.services.checking.check_file(case.draft).findings
    except OppiError as error:  # an unreadable draft misses all it should flag
        findings, unreadable = [], str(error)
    else:
        unreadable = None
    result = score_findings(case.model_dump(), findings)
    metrics = {"no_false_findings": 0.0 if result.falses else 1.0}
    if result.wanted:
        metrics["must_flag_recall"] = result.hits / result.wanted
    output = {
        "split": case.split, "missed": result.misses, "unreadable": unreadable,
        "false_findings": [f"{f.id} ({f.where}) {f.message}" for f in result.falses],
    }
    return metrics, output
