"""Drafting: a brief in, suggested learning outcomes out, by the strategy the settings pick."""

from __future__ import annotations

from collections.abc import Callable

from langchain_core.language_models import BaseChatModel

from assistant.config import Settings
from assistant.drafting.common import Drafter, gather_guidance
from assistant.errors import OppiError
from assistant.index.library import Library
from assistant.schemas import CredentialBrief, DraftResult

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
        if strategy == "llm":
            from assistant.drafting.llm_drafter import LlmDrafter

            return LlmDrafter(self.settings, self.llm_factory(), self.checker)
        from assistant.drafting.composer import Composer

        composer = Composer(self.settings, self.checker)
        if strategy == "composer":
            return composer
        from assistant.drafting.hybrid import HybridDrafter

        return HybridDrafter(self.settings, self.llm_factory(), self.checker, composer)

    def draft(self, brief: CredentialBrief, strategy: str | None = None) -> DraftResult:
        name = self.resolve(strategy)
        return self.drafter(name).draft(brief, gather_guidance(self.library, brief))
