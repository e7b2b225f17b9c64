"""One place that builds the services from settings, for the CLI, the UI and the evals alike."""

from __future__ import annotations

from functools import cached_property

from langchain_core.language_models import BaseChatModel

from assistant.config import Settings
from assistant.index.library import Library
from assistant.rules.checker import Checker
from assistant.rules.lexicon import use_rules_data
from assistant.services.chat import ChatService
from assistant.services.checking import CheckingService
from assistant.services.drafting import DraftingService
from assistant.services.library import LibraryService
from assistant.services.review import ReviewService


class Services:
    """Collaborators built on first use: checking never starts a model, chat starts one once."""

    def __init__(
        self, settings: Settings, llm: BaseChatModel | None = None, library: Library | None = None
    ) -> None:
        """`llm` and `library` replace the ones settings would build (tests pass fakes here)."""
        self.settings = settings
        self._llm = llm
        self._library = library
        use_rules_data(settings.rules_data)

    @property
    def library(self) -> Library:
        if self._library is None:
            self._library = Library(self.settings)
        return self._library

    @cached_property
    def library_service(self) -> LibraryService:
        """Uploads, re-indexing and removal, on the same Library the other services search."""
        return LibraryService(self.settings, self.library, on_change=self._library_changed)

    def _library_changed(self) -> None:
        """The library was indexed or a document removed: the next check asks it afresh whether
        it backs the checks and with which passages (a checker decides that once)."""
        for name in ("checker", "checking", "drafting"):
            self.__dict__.pop(name, None)

    @cached_property
    def checker(self) -> Checker:
        library = self.library
        resolver = library.citation_for_check if library.is_built() else None
        return Checker(self.settings, resolver)

    @cached_property
    def checking(self) -> CheckingService:
        """Drafts (files, text) in, cited reports out: what `oppi check`, the UI and evals use."""
        return CheckingService(self.settings, self.checker)

    @property
    def llm(self) -> BaseChatModel:
        if self._llm is None:
            from assistant.llm import build_chat_model

            self._llm = build_chat_model(self.settings)
        return self._llm

    @cached_property
    def chat(self) -> ChatService:
        return ChatService(self.settings, self.library, lambda: self.llm)  # extractive starts no model

    @cached_property
    def drafting(self) -> DraftingService:
        return DraftingService(self.settings, self.library, self.checker, lambda: self.llm)

    @cached_property
    def store(self):
        from assistant.store import CredentialStore

        return CredentialStore.from_settings(self.settings)

    @cached_property
    def accounts(self):
        """Users and roles, on the store's database."""
        from assistant.accounts import Accounts

        return Accounts.from_settings(self.settings, self.store.engine)

    @cached_property
    def review(self) -> ReviewService:
        return ReviewService(self.settings, self.llm, self.checker, self.library)
