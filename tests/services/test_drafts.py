"""The Draft tab's service: findings by the outcome's number in the planner's list, the brief
behind a saved credential, and export file names."""

from __future__ import annotations

from assistant.drafting.common import as_credential
from assistant.schemas import CredentialBrief, Finding, LearningOutcome
from assistant.services.checking import Checker
from assistant.services.drafts import brief_of, findings_by_outcome
from assistant.services.publishing import file_name

BRIEF = CredentialBrief(title="Cloud basics", target_group="IT support staff", level=6, ects=3,
                        skill_needs=["deploy a web application", "configure access control"], language="en")


def outcome(text: str, status: str = "suggested") -> LearningOutcome:
    return LearningOutcome(text=text, status=status)


def test_a_finding_names_its_outcome_as_a_number():
    assert Finding(id="C07", severity="E", where="outcome 3", message="vague").outcome == 3
    assert Finding(id="C02", severity="E", where="workload", message="no ECTS").outcome is None


def test_findings_skip_rejected_outcomes_and_keep_the_planners_numbers(settings):
    outcomes = [outcome("The learner can deploy a containerised web application to a public cloud platform."),
                outcome("The learner will understand cloud computing.", status="rejected"),
                outcome("The learner will understand access control.")]
    found = findings_by_outcome(Checker(settings), BRIEF, outcomes)
    # The checker sees two outcomes; its 'outcome 2' is the planner's third.
    assert 2 not in found
    assert "C07" in {f.id for f in found[3]}


def test_the_brief_of_a_saved_credential_is_the_brief_it_came_from():
    outcomes = [outcome("The learner can deploy a web application.")]
    assert brief_of(as_credential(BRIEF, outcomes)) == BRIEF


def test_export_file_names_are_plain_and_carry_the_format():
    assert file_name("Pilvipalvelut: perusteet (5 op)", "ob3") == "pilvipalvelut-perusteet-5-op.ob3.json"
    assert file_name(None, "markdown") == "credential.md"


def test_findings_speak_the_workspace_language_when_asked(settings):
    outcomes = [outcome("The learner will understand access control.")]
    english = findings_by_outcome(Checker(settings), BRIEF, outcomes)[1]
    finnish = findings_by_outcome(Checker(settings), BRIEF, outcomes, "fi")[1]
    assert [f.id for f in english] == [f.id for f in finnish]
    assert all(e.message != f.message for e, f in zip(english, finnish, strict=True))
