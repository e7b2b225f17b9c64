"""The golden set: every draft raises exactly the findings its sidecar lists."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from fixtures.drafts.build import golden_drafts, materialise

from assistant.rules.catalogue import BY_ID, CATALOGUE
from assistant.rules.esco_registry import REGISTRY_ID, SEVERITY
from assistant.services.checking import CheckingService

CASES = golden_drafts()


def _key(entry: str) -> tuple[str, str]:
    check_id, _, where = entry.partition(" ")
    return check_id, where


@pytest.mark.parametrize("name,source,expected", CASES, ids=[c[0] for c in CASES])
def test_draft_raises_exactly_the_expected_findings(name, source, expected, settings, tmp_path):
    report = CheckingService(settings).check_file(materialise(source, expected, tmp_path))
    raised = Counter((f.id, f.where) for f in report.findings)
    wanted = Counter(_key(e) for e in expected["findings"])
    assert raised - wanted == Counter(), f"unexpected findings in {name}"
    assert wanted - raised == Counter(), f"expected findings missing in {name}"
    assert report.ready == (not any(f.severity == "E" for f in report.findings))
    for check_id in expected.get("guards", {}):
        assert check_id not in {f.id for f in report.findings}, f"{check_id} guard in {name}"


@pytest.mark.parametrize("name,source,expected", CASES, ids=[c[0] for c in CASES])
def test_findings_keep_the_catalogue_severity(name, source, expected, settings, tmp_path):
    report = CheckingService(settings).check_file(materialise(source, expected, tmp_path))
    for f in report.findings:
        # C13 is the one check with a softer variant: W when no mapping is given; C20's registry
        # hook has an ID and severity of its own.
        allowed = {"E", "W"} if f.id == "C13" else {SEVERITY} if f.id == REGISTRY_ID else {BY_ID[f.id].severity}
        assert f.severity in allowed, (name, f.id, f.severity)


def test_golden_set_is_large_and_varied():
    suffixes = Counter(c[2].get("build") or c[1].suffix for c in CASES)
    assert len(CASES) >= 55
    assert {".md", ".txt", ".json", "pdf", "docx"} <= set(suffixes)


def test_every_check_is_raised_twice_and_guarded_once():
    drafts_raising: Counter[str] = Counter()
    for _, _, exp in CASES:
        drafts_raising.update({_key(e)[0] for e in exp["findings"]})
    guarded = {check_id for _, _, exp in CASES for check_id in exp.get("guards", {})}
    for check in CATALOGUE:
        assert drafts_raising[check.id] >= 2, f"{check.id} raised in fewer than two drafts"
        assert check.id in guarded, f"{check.id} has no false-positive guard"


def test_golden_sources_are_text(tmp_path: Path):
    for name, source, _expected in CASES:
        assert source.read_text(encoding="utf-8").strip(), name
