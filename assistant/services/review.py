"""Review: the checker's findings plus a model's judgement of what rules cannot see."""

from __future__ import annotations

import re
from typing import Literal

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, Field

from assistant.config import Settings
from assistant.errors import OppiError
from assistant.exports import credential_to_markdown
from assistant.llm import model_errors
from assistant.prompts import get_prompt
from assistant.schemas import SEVERITY_ORDER, CheckReport, Finding, MicroCredential

# Model judgements get L-prefixed IDs; each cites the passage of the check closest to it.
ASPECTS = {
    "assessment_fit": ("L01", "C14"),
    "relevance": ("L02", "C19"),
    "level_consistency": ("L03", "C12"),
}
_WHERE = re.compile(r"^(outcome \d+|title|description|assessment|level|workload|skill needs|target group)$")


class Judgement(BaseModel):
    aspect: Literal["assessment_fit", "relevance", "level_consistency"]
    where: str = Field(description="'outcome N' or a field name.")
    message: str
    suggestion: str = ""


class Review(BaseModel):
    """Problems a rule cannot see; an empty list when there are none."""

    judgements: list[Judgement] = Field(default_factory=list)


class ReviewService:
    def __init__(self, settings: Settings, llm: BaseChatModel, checker, library=None) -> None:
        self.settings = settings
        self.llm = llm
        self.checker = checker
        self.library = library
        self.prompt = get_prompt("review_draft", settings.prompts_dir)

    def review(self, credential: MicroCredential, report: CheckReport | None = None) -> CheckReport:
        """The rule report with the model's findings added; a model failure is a parse note."""
        report = report or self.checker.check(credential)
        try:
            judgements = self._judge(credential)
        except OppiError as error:
            report.parse_notes.append(f"model review unavailable: {error}")
            return report
        for judgement in judgements:
            where = judgement.where.strip().lower()
            if not _WHERE.match(where) or not self._exists(where, credential):
                report.parse_notes.append(f"model review pointed at '{judgement.where}', which is not in the draft; ignored")
                continue
            finding_id, check_id = ASPECTS[judgement.aspect]
            report.findings.append(Finding(
                id=finding_id, severity="W", where=where, message=judgement.message.strip(),
                suggestion=judgement.suggestion.strip(), citation=self.checker.citation(check_id),
                model_judgement=True,
            ))
        report.findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.model_judgement, f.id))
        return report

    def _judge(self, credential: MicroCredential) -> list[Judgement]:
        guidance = ""
        if self.library is not None and self.library.is_built():
            passages = self.library.search("assessment fits the learning outcome level constructive alignment", k=2, kind="guideline")
            guidance = "\n".join(f"- {p.citation.label()}: {' '.join(p.citation.quote.split())[:400]}" for p in passages)
        messages = self.prompt.messages(
            draft=credential_to_markdown(credential), skill_needs=credential.skill_needs or "-",
            level=credential.level or "-", guidance=guidance or "-",
        )
        structured = self.llm.with_structured_output(Review, method="function_calling", include_raw=True)
        with model_errors():
            reply = structured.invoke(messages)
        parsed = reply.get("parsed")
        if parsed is None:
            raise OppiError(f"the model's review could not be read ({reply.get('parsing_error')})")
        return parsed.judgements

    @staticmethod
    def _exists(where: str, credential: MicroCredential) -> bool:
        if where.startswith("outcome "):
            return 1 <= int(where.split()[1]) <= len(credential.outcomes)
        return True
