"""Review: rule findings plus model judgements marked as such, each cited."""

from __future__ import annotations

from assistant.errors import OppiError
from assistant.llm import FakeChatModel
from assistant.rules.checker import Checker
from assistant.schemas import LearningOutcome, MicroCredential
from assistant.services.review import ReviewService

DRAFT = MicroCredential(
    title="Service design for tourism", awarding_body="Example UAS", country="Finland", ects=3, hours=81,
    level=6, level_framework="EQF", assessment="Multiple-choice quiz", participation="online",
    quality_assurance="The institution's audited quality system", language="en",
    target_group="Tourism entrepreneurs", skill_needs="Designing digital guest services",
    outcomes=[
        LearningOutcome(text="The learner can design a digital guest service for a small tourism company."),
        LearningOutcome(text="The learner can evaluate guest feedback against service quality criteria."),
        LearningOutcome(text="The learner can apply service blueprinting to a guest journey in a hotel."),
    ],
)


def service(small_settings, small_library, llm):
    checker = Checker(small_settings, small_library.citation_for_check)
    return ReviewService(small_settings, llm, checker, small_library)


def test_model_judgements_are_l_findings_with_citations(small_settings, small_library):
    llm = FakeChatModel().enqueue({"judgements": [
        {"aspect": "assessment_fit", "where": "Outcome 1", "message": "A quiz cannot show a designed service.", "suggestion": "Assess with a design project."},
    ]})
    report = service(small_settings, small_library, llm).review(DRAFT)
    model = [f for f in report.findings if f.model_judgement]
    assert len(model) == 1 and model[0].id == "L01" and model[0].where == "outcome 1"
    assert model[0].citation is not None and model[0].citation.section == "Assessment fit"
    rule_ids = {f.id for f in report.findings if not f.model_judgement}
    assert "C14" in rule_ids  # the rules still run: a create-level outcome assessed only by quiz


def test_judgement_about_a_missing_outcome_is_dropped_with_a_note(small_settings, small_library):
    llm = FakeChatModel().enqueue({"judgements": [
        {"aspect": "relevance", "where": "outcome 9", "message": "Off topic."},
    ]})
    report = service(small_settings, small_library, llm).review(DRAFT)
    assert not any(f.model_judgement for f in report.findings)
    assert any("outcome 9" in note for note in report.parse_notes)


def test_model_failure_keeps_the_rule_findings(small_settings, small_library):
    def refuse(messages, tools):
        raise OppiError("The model server is unreachable.")

    report = service(small_settings, small_library, FakeChatModel(responder=refuse)).review(DRAFT)
    assert report.findings and not any(f.model_judgement for f in report.findings)
    assert "unreachable" in report.parse_notes[-1]
