"""The `llm` strategy: a chat model fills a schema, the checker judges, findings go back for repair.

A small model breaks structure often: replies are parsed leniently, each outcome is validated on
its own, and what still fails is reported in `DraftResult.errors`, never passed off as valid.
"""

from __future__ import annotations

import json
import re

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, Field, ValidationError

from assistant.config import Settings
from assistant.drafting.common import Guidance, count_band, outcome_findings, outcome_text
from assistant.errors import OppiError, describe_validation_error
from assistant.llm import model_errors
from assistant.prompts import get_prompt
from assistant.rules.checker import Checker
from assistant.rules.context import band_for_level
from assistant.rules.lexicon import load_lexicon
from assistant.schemas import Bloom, CredentialBrief, DraftResult, Finding, LearningOutcome


class OutcomeSpec(BaseModel):
    """One outcome as the model fills it."""

    verb: str = Field(description="One observable action verb (infinitive).")
    object: str = Field(description="What the learner acts on.")
    context: str = Field("", description="Where, how or to which standard.")
    bloom: Bloom = Field(description="Revised Bloom level of the verb.")
    assessment: str = Field("", description="How the outcome is assessed.")


class OutcomeList(BaseModel):
    """Learning outcomes for a micro-credential."""

    outcomes: list[OutcomeSpec]


def lenient_outcomes(raw: object) -> tuple[list[OutcomeSpec], list[str]]:
    """Outcomes that validate from whatever the model returned, and why the others did not."""
    payload = raw
    if isinstance(raw, str):
        match = re.search(r"\{.*\}|\[.*\]", raw, re.DOTALL)
        try:
            payload = json.loads(match.group(0)) if match else None
        except json.JSONDecodeError:
            payload = None
    if isinstance(payload, dict):
        payload = payload.get("outcomes", [payload])
    if not isinstance(payload, list):
        return [], ["the model's reply held no list of outcomes"]
    valid, errors = [], []
    for number, item in enumerate(payload, start=1):
        if isinstance(item, dict) and isinstance(item.get("bloom"), str):
            item = {**item, "bloom": item["bloom"].strip().lower().replace("analyze", "analyse")}
        try:
            valid.append(OutcomeSpec.model_validate(item))
        except ValidationError as error:
            errors.append(f"outcome {number}: {describe_validation_error(error, limit=1)}")
    return valid, errors


class LlmDrafter:
    name = "llm"

    def __init__(self, settings: Settings, llm: BaseChatModel, checker: Checker) -> None:
        self.settings = settings
        self.llm = llm
        self.checker = checker
        self.prompt = get_prompt("draft_outcomes", settings.prompts_dir)

    def _ask(self, brief: CredentialBrief, guidance: Guidance, count: int, findings: list[Finding]) -> object:
        lexicon = load_lexicon()
        verbs = [v.verb for v in lexicon.at_levels(brief.language, set(band_for_level(brief.level)))][:25]
        problems = "\n".join(f"- {f.where}: {f.message} {f.suggestion}" for f in findings) or "none"
        messages = self.prompt.messages(
            title=brief.title, target_group=brief.target_group or "-", level=brief.level or "-",
            ects=brief.ects or "-", skill_needs="; ".join(brief.skill_needs) or "-",
            language="Finnish" if brief.language == "fi" else "English", count=count,
            verbs=", ".join(verbs), guidance=guidance.as_text(300) or "-", findings=problems,
        )
        structured = self.llm.with_structured_output(OutcomeList, method="function_calling", include_raw=True)
        with model_errors():
            reply = structured.invoke(messages)
        if reply.get("parsed") is not None:
            return reply["parsed"].model_dump(mode="json")
        raw = reply.get("raw")
        calls = getattr(raw, "tool_calls", None) or []
        return calls[0]["args"] if calls else str(getattr(raw, "content", ""))

    def _outcomes(self, brief: CredentialBrief, specs: list[OutcomeSpec], guidance: Guidance) -> list[LearningOutcome]:
        return [
            LearningOutcome(
                text=outcome_text(brief.language, s.verb, s.object, s.context), verb=s.verb, bloom=[s.bloom],
                object=s.object, context=s.context or None, assessment=s.assessment or None,
                citations=guidance.rules + guidance.examples, strategy=self.name,
            )
            for s in specs
        ]

    def draft(self, brief: CredentialBrief, guidance: Guidance) -> DraftResult:
        low, high = count_band(self.settings, brief.ects)
        count = max(low, min(high, len(brief.skill_needs) or low))
        result = DraftResult(brief=brief, strategy=self.name, prompt_id=self.prompt.id, prompt_version=self.prompt.version)
        findings: list[Finding] = []
        outcomes: list[LearningOutcome] = []
        for attempt in range(self.settings.draft_repair_rounds + 1):
            result.repair_rounds = attempt
            try:
                specs, errors = lenient_outcomes(self._ask(brief, guidance, count, findings))
            except OppiError as error:
                result.errors.append(str(error))
                break
            if not specs:
                result.errors += errors
                continue
            outcomes = self._outcomes(brief, specs, guidance)
            findings = outcome_findings(self.checker, brief, outcomes)
            result.errors = errors
            if not any(f.severity in ("E", "W") for f in findings):
                break
        result.outcomes, result.findings = outcomes, findings
        if not outcomes and not result.errors:
            result.errors.append("the model produced no valid outcome")
        return result
