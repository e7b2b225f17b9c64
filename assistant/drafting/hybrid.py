"""The hybrid strategy: the composer proposes, a capable model rewrites each outcome for
fluency, and the checker guards every rewrite (a rewrite that fails a check or drops the
skill is refused, and the composer's outcome stays)."""

from __future__ import annotations

import re

from langchain_core.language_models import BaseChatModel

from assistant.config import Settings
from assistant.drafting.common import Guidance, outcome_findings
from assistant.drafting.composer import Composer
from assistant.drafting.coverage import phrase_addressed
from assistant.drafting.levels import assessment_for
from assistant.errors import OppiError
from assistant.llm import model_errors
from assistant.prompts import get_prompt
from assistant.rules.checker import Checker
from assistant.rules.lexicon import load_lexicon
from assistant.rules.reading import read_outcome
from assistant.schemas import CredentialBrief, DraftResult, LearningOutcome

PROMPT_ID = "rewrite_outcome"
_LEAD = re.compile(r"^\s*(?:[-*•]\s*|\d+[.)]\s*|(?:rewritten outcome|outcome|tavoite)\s*:\s*)", re.IGNORECASE)


class HybridDrafter:
    """Composer outcomes, each rewritten by the model where the rewrite still passes."""

    name = "hybrid"

    def __init__(self, settings: Settings, llm: BaseChatModel, checker: Checker, composer: Composer) -> None:
        self.settings = settings
        self.llm = llm
        self.checker = checker
        self.composer = composer

    def draft(self, brief: CredentialBrief, guidance: Guidance | None = None) -> DraftResult:
        """Compose, then rewrite outcome by outcome; model errors keep the composer's text."""
        prompt = get_prompt(PROMPT_ID, self.settings.prompts_dir)
        base = self.composer.draft(brief, guidance)
        outcomes = list(base.outcomes)
        errors: list[str] = []
        for index, outcome in enumerate(base.outcomes):
            try:
                with model_errors():
                    reply = self.llm.invoke(prompt.messages(
                        outcome=outcome.text, verb=outcome.verb or "", skill=outcome.object or "",
                        context=outcome.context or "", language=brief.language,
                    ))
            except OppiError as error:
                # An unreachable model fails every call alike: report once, keep the rest composed.
                errors.append(f"Rewriting stopped at outcome {index + 1}: {error}")
                break
            candidate = self._candidate(brief, outcome, _one_line(str(reply.content)))
            if candidate is not None and self.accepts(brief, outcomes, index, candidate):
                outcomes[index] = candidate
        findings = outcome_findings(self.checker, brief, outcomes)
        return DraftResult(
            brief=brief, outcomes=outcomes, findings=findings, strategy=self.name,
            prompt_id=prompt.id, prompt_version=prompt.version, errors=base.errors + errors,
        )

    def accepts(self, brief: CredentialBrief, outcomes: list[LearningOutcome], index: int,
                candidate: LearningOutcome) -> bool:
        """Whether a rewrite may replace outcome `index`: no new outcome-check finding (E or W)
        and the skill's content words all still there (Finnish compared by lemma)."""
        original = outcomes[index]
        if not phrase_addressed(original.object or "", candidate.text, brief.language, share=1.0):
            return False
        before = {(f.id, f.where) for f in outcome_findings(self.checker, brief, outcomes) if f.severity in "EW"}
        trial = outcomes[:index] + [candidate] + outcomes[index + 1:]
        after = {(f.id, f.where) for f in outcome_findings(self.checker, brief, trial) if f.severity in "EW"}
        return not (after - before)

    def _candidate(self, brief: CredentialBrief, outcome: LearningOutcome, text: str) -> LearningOutcome | None:
        """The rewrite as an outcome (verb and level read from its text), or None if empty."""
        if not text or text == outcome.text:
            return None
        lexicon = load_lexicon()
        reading = read_outcome(text, brief.language, lexicon)
        update: dict = {"text": text, "strategy": self.name}
        if reading.in_lexicon and reading.verb != outcome.verb:
            update |= {
                "verb": reading.verb, "bloom": list(reading.bloom),
                "assessment": assessment_for(max(reading.bloom, key=lambda b: b.rank), brief.language),
            }
        return outcome.model_copy(update=update)


def _one_line(reply: str) -> str:
    """The first non-empty line of a reply, without list marks, labels or quotes."""
    for line in reply.strip().splitlines():
        line = _LEAD.sub("", line).strip().strip('"“”\'`').strip()
        if line:
            return line if line.endswith((".", "!")) else line + "."
    return ""
