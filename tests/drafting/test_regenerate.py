"""Regenerating one outcome offers a different suggestion that still passes the outcome checks."""

from __future__ import annotations

from assistant.drafting.common import outcome_findings
from assistant.rules.checker import Checker
from assistant.schemas import CredentialBrief
from assistant.services.drafting import DraftingService

BRIEF = CredentialBrief(title="Green last-mile logistics", target_group="logistics planners", level=6, ects=5,
                        skill_needs=["route planning", "emissions reporting", "customer communication"])


def test_regenerated_outcome_differs_and_passes(settings):
    checker = Checker(settings)
    service = DraftingService(settings, None, checker, llm_factory=lambda: None)
    outcomes = service.draft(BRIEF, "composer").outcomes
    for index in range(len(outcomes)):
        new = service.regenerate(BRIEF, outcomes, index, "composer")
        assert new.text != outcomes[index].text and new.verb != outcomes[index].verb
        trial = outcomes[:index] + [new] + outcomes[index + 1:]
        assert not [f for f in outcome_findings(checker, BRIEF, trial) if f.where == f"outcome {index + 1}"]
