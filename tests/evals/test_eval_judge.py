"""Judge scores: parsed from a tool call, undetermined (None) when the judgement is unreadable."""

from __future__ import annotations

from assistant.evals.judge import Judge, build_judge
from assistant.llm import FakeChatModel


def judge_replying(*replies) -> Judge:
    return Judge(FakeChatModel(replies=list(replies), calls=[]), "scripted")


def test_a_readable_judgement_is_a_score():
    assert judge_replying({"score": 0.75, "reason": "3 of 4 claims"}).faithfulness("q", "p", "a") == (0.75, "3 of 4 claims")


def test_an_unreadable_judgement_is_undetermined_not_a_pass_or_fail():
    for reply in ("I think it is good", {"score": "high"}, {"score": 7}):
        value, reason = judge_replying(reply).rubric("brief", "outcomes")
        assert value is None and reason


def test_a_failing_judge_is_undetermined():
    def broken(messages, tools):
        raise RuntimeError("timeout")

    value, reason = Judge(FakeChatModel(replies=[], calls=[], responder=broken), "x").faithfulness("q", "p", "a")
    assert value is None and "timeout" in reason


def test_no_judge_unless_configured(settings):
    assert build_judge(None, settings) is None
    assert build_judge("", settings) is None
    assert build_judge("fake", settings) is not None
