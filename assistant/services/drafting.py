"""Drafting: a brief in, suggested learning outcomes out, by the strategy the settings pick."""

from __future__ import annotations

from collections.abc import Callable

from langchain_core.language_models import BaseChatModel

from assistant.config import Settings
from assistant.drafting.common import Drafter, gather_guidance
from assistant.errors import OppiError
from assistant.index.library import Library
from assistant.schemas import CredentialBrief, DraftResult, LearningOutcome

STRATEGIES = ("auto", "composer", "llm", "hybrid")


class DraftingService:
    """Builds the chosen strategy on demand; the model is only started when a strategy needs it."""

    def __init__(
        self, settings: Settings, library: Library | None, checker, llm_factory: Callable[[], BaseChatModel]
    ) -> None:
        self.settings = settings
        self.library = library
        self.checker = checker
        self.llm_factory = llm_factory
        self._drafters: dict[str, Drafter] = {}
        self._esco = None  # the ESCO matcher, built on first use (its label vectors are cached)

    def resolve(self, strategy: str | None = None) -> str:
        """`auto`: the deterministic composer with the bundled 135M model, hybrid with a real one."""
        chosen = strategy or self.settings.draft_strategy
        if chosen not in STRATEGIES:
            raise OppiError(f"Unknown drafting strategy '{chosen}'; choose one of {', '.join(STRATEGIES)}.")
        if chosen != "auto":
            return chosen
        bundled = self.settings.resolved_chat_provider == "local" and self.settings.local_model_path is None
        return "composer" if bundled else "hybrid"

    def drafter(self, strategy: str) -> Drafter:
        """The strategy's drafter, built once: the composer's verb embeddings are costly."""
        if strategy not in self._drafters:
            self._drafters[strategy] = self._build(strategy)
        return self._drafters[strategy]

    def _build(self, strategy: str) -> Drafter:
        if strategy == "llm":
            from assistant.drafting.llm_drafter import LlmDrafter

            return LlmDrafter(self.settings, self.llm_factory(), self.checker)
        composer = self.drafter("composer") if strategy == "hybrid" else None
        if strategy == "composer":
            from assistant.drafting.composer import Composer

            return Composer(self.settings, self.checker)
        from assistant.drafting.hybrid import HybridDrafter

        return HybridDrafter(self.settings, self.llm_factory(), self.checker, composer)

    def draft(self, brief: CredentialBrief, strategy: str | None = None, esco: bool = False,
              esco_progress: Callable[[int, int], None] | None = None) -> DraftResult:
        """Outcomes for a brief; with `esco`, the ESCO skills suggested for it and each outcome.
        The first ESCO use embeds every label and reports (done, total) to `esco_progress`."""
        name = self.resolve(strategy)
        result = self.drafter(name).draft(brief, gather_guidance(self.library, brief))
        if not esco:
            return result
        matcher = self.esco_matcher()
        matcher.vectors(esco_progress)
        return matcher.annotate(result)

    def esco_matcher(self):
        """The ESCO matcher on the settings' embedding model. The first use embeds every ESCO
        label (minutes on a small machine) and caches them under OPPI_HOME/esco."""
        if self._esco is None:
            from assistant.drafting.esco_match import EscoMatcher

            self._esco = EscoMatcher.from_settings(self.settings)
        return self._esco

    def regenerate(
        self, brief: CredentialBrief, outcomes: list[LearningOutcome], index: int, strategy: str | None = None
    ) -> LearningOutcome:
        """A different suggestion for outcome `index` that still passes the outcome checks."""
        from assistant.drafting.common import outcome_findings, outcome_text
        from assistant.rules.lexicon import load_lexicon

        current = outcomes[index]
        fresh = self.draft(brief, strategy).outcomes
        if index < len(fresh) and fresh[index].text != current.text:
            return fresh[index]
        # Same suggestion again: offer the next lexicon verb at the same Bloom level instead.
        used = {o.verb for o in outcomes}
        levels = set(current.bloom)
        for verb in load_lexicon().at_levels(brief.language, levels):
            if verb.verb in used or len(verb.bloom) > 1:
                continue
            candidate = current.model_copy(update={
                "verb": verb.verb, "status": "suggested",
                "text": outcome_text(brief.language, verb.verb, current.object or "", current.context or ""),
            })
            trial = outcomes[:index] + [candidate] + outcomes[index + 1:]
            where = f"outcome {index + 1}"
            if not any(f.where == where for f in outcome_findings(self.checker, brief, trial)):
                return candidate
        raise OppiError("No other suggestion passes the checks for this outcome; edit it by hand.")
