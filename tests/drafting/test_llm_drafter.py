"""The llm strategy: structured output, validation, repair rounds, honest failure."""

from __future__ import annotations

from assistant.drafting.common import Guidance
from assistant.drafting.llm_drafter import LlmDrafter, lenient_outcomes
from assistant.llm import FakeChatModel
from assistant.rules.checker import Checker
from assistant.schemas import CredentialBrief

BRIEF = CredentialBrief(
    title="Green last-mile logistics", target_group="logistics planners", level=6, ects=5,
    skill_needs=["route planning", "emissions reporting", "customer communication"], language="en",
)
GOOD = {"outcomes": [
    {"verb": "plan", "object": "delivery routes for urban parcel traffic", "context": "with routing software", "bloom": "create", "assessment": "project"},
    {"verb": "calculate", "object": "the carbon emissions of a delivery route", "context": "using the GLEC framework", "bloom": "apply", "assessment": "practical task"},
    {"verb": "analyse", "object": "customer feedback on delivery times", "context": "in a regional logistics company", "bloom": "analyse", "assessment": "case report"},
]}


def drafter(settings, llm):
    return LlmDrafter(settings.model_copy(update={"draft_repair_rounds": 2}), llm, Checker(settings))


def test_valid_structured_output_becomes_checked_outcomes(settings):
    llm = FakeChatModel().enqueue(GOOD)
    result = drafter(settings, llm).draft(BRIEF, Guidance())
    assert [o.verb for o in result.outcomes] == ["plan", "calculate", "analyse"]
    assert result.outcomes[1].text == "The learner can calculate the carbon emissions of a delivery route using the GLEC framework."
    assert all(o.strategy == "llm" for o in result.outcomes)
    assert result.findings == [] and result.errors == [] and result.repair_rounds == 0
    assert (result.prompt_id, result.prompt_version) == ("draft_outcomes", "1.0")
    tool = llm.calls[0]["tools"][0]["function"]
    assert tool["name"] == "OutcomeList"


def test_findings_are_fed_back_until_the_draft_passes(settings):
    vague = {"outcomes": [dict(GOOD["outcomes"][0]), {**GOOD["outcomes"][1], "verb": "understand", "bloom": "understand"}, GOOD["outcomes"][2]]}
    llm = FakeChatModel().enqueue(vague, GOOD)
    result = drafter(settings, llm).draft(BRIEF, Guidance())
    assert result.repair_rounds == 1 and result.findings == []
    second_prompt = llm.calls[1]["messages"][-1].content
    assert "outcome 2" in second_prompt and "understand" in second_prompt


def test_broken_output_is_reported_never_returned_as_valid(settings):
    llm = FakeChatModel().enqueue({"outcomes": [{"verb": "plan"}]}, {"outcomes": "1.1.1.1"}, {"nothing": True})
    result = drafter(settings, llm).draft(BRIEF, Guidance())
    assert result.outcomes == []
    assert result.errors and result.repair_rounds == 2


def test_unreachable_model_is_a_reported_error(settings):
    def refuse(messages, tools):
        from assistant.errors import OppiError
        raise OppiError("The model server is unreachable.")

    llm = FakeChatModel(responder=refuse)
    result = drafter(settings, llm).draft(BRIEF, Guidance())
    assert result.outcomes == [] and "unreachable" in result.errors[0]


def test_lenient_parsing_keeps_what_validates():
    specs, errors = lenient_outcomes('Here you go: {"outcomes": [{"verb": "analyse", "object": "x y z w", "bloom": "Analyze"}, {"verb": 3}]}')
    assert [s.verb for s in specs] == ["analyse"] and specs[0].bloom.value == "analyse"
    assert len(errors) == 1 and errors[0].startswith("outcome 2")
