"""Model-graded scores: they run only when a judge is configured, and an unreadable judgement
is undetermined (None), never a pass or a fail. The threshold is applied in code."""

from __future__ import annotations

import re

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, Field

from assistant.config import PROJECT_ROOT, Settings
from assistant.llm import FakeChatModel
from assistant.prompts import get_prompt

JUDGE_PROMPTS = PROJECT_ROOT / "evals" / "prompts"


class Judgement(BaseModel):
    """A score from 0 to 1 with the reason for it."""

    score: float = Field(ge=0, le=1)
    reason: str = ""


class Judge:
    """Scores an answer's faithfulness and a draft's rubric with a chat model."""

    def __init__(self, llm: BaseChatModel, name: str) -> None:
        self.llm = llm
        self.name = name

    def _score(self, prompt_id: str, **values: object) -> tuple[float | None, str]:
        prompt = get_prompt(prompt_id, JUDGE_PROMPTS)
        structured = self.llm.with_structured_output(Judgement, method="function_calling", include_raw=True)
        try:
            reply = structured.invoke(prompt.messages(**values))
        except Exception as error:  # noqa: BLE001 - any judge failure leaves the score undetermined
            return None, f"judge failed: {error}"
        parsed = reply.get("parsed") if isinstance(reply, dict) else None
        if parsed is None:
            return None, "the judgement could not be read"
        return parsed.score, parsed.reason

    def faithfulness(self, question: str, passages: str, answer: str) -> tuple[float | None, str]:
        return self._score("judge_faithfulness", question=question, passages=passages, answer=answer)

    def rubric(self, brief: str, outcomes: str) -> tuple[float | None, str]:
        return self._score("judge_rubric", brief=brief, outcomes=outcomes)


def _overlap_judge(messages, tools) -> dict | str:
    """The fake judge: share of the answer's content words found in the passages (tests only)."""
    user = str(messages[-1].content)
    if "Answer:" not in user:
        return {"score": 1.0, "reason": "fake rubric"}
    passages, _, answer = user.partition("Answer:")
    words = [w for w in re.findall(r"\w{4,}", answer.lower()) if not w.isdigit()]
    have = set(re.findall(r"\w{4,}", passages.lower()))
    score = sum(w in have for w in words) / len(words) if words else 0.0
    return {"score": round(score, 4), "reason": "word overlap (fake judge)"}


def build_judge(spec: str | None, settings: Settings) -> Judge | None:
    """None without a spec; 'fake' for tests; 'configured' for the chat model; else a model name."""
    if not spec:
        return None
    if spec == "fake":
        return Judge(FakeChatModel(replies=[], calls=[], responder=_overlap_judge), "fake (word overlap)")
    from assistant.llm import build_chat_model, describe_chat_model

    judge_settings = settings if spec == "configured" else settings.model_copy(update={"chat_model": spec})
    return Judge(build_chat_model(judge_settings, temperature=0.0), describe_chat_model(judge_settings))
