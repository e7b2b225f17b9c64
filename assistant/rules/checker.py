"""The deterministic checker: a MicroCredential in, a CheckReport out. No model, no parsing.

Reading a draft (text, file) is `assistant.parsing`'s job and wiring it to a library is
`assistant.services.checking`'s; this class only runs the catalogue, so drafting can use it on
candidate outcomes without the services above it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.config import Settings
from assistant.rules.catalogue import CATALOGUE, position
from assistant.rules.context import prepare
from assistant.rules.messages import note_text
from assistant.schemas import SEVERITY_ORDER, CheckReport, Citation, MicroCredential, ParseNote

Resolver = Callable[[str], Citation | None]
"""Check ID -> the corpus passage behind the check (None: the library does not back it)."""


class Checker:
    """Runs every catalogue check; citations come from `resolver` (check ID -> passage)."""

    def __init__(self, settings: Settings, resolver: Resolver | None = None) -> None:
        self.settings = settings
        self.resolver = resolver
        self._citations: dict[str, Citation | None] = {}

    @property
    def cites(self) -> bool:
        """Whether findings carry citations (a library backs the checks)."""
        return self.resolver is not None

    def citation(self, check_id: str) -> Citation | None:
        """The passage behind a check, resolved once and cached for the checker's life."""
        if self.resolver is None:
            return None
        if check_id not in self._citations:
            self._citations[check_id] = self.resolver(check_id)
        return self._citations[check_id]

    def check(
        self, cred: MicroCredential, notes: Sequence[ParseNote | str] | None = None, lang: str | None = None
    ) -> CheckReport:
        """Check one credential; findings sorted by severity, then place in the draft.

        `lang` ('en' or 'fi', e.g. the workspace language) sets the language of messages and
        suggestions and parse notes; without it they follow the draft (Finnish for a Finnish
        draft).
        """
        draft = prepare(cred, self.settings, lang)
        findings = [f for check in CATALOGUE for f in check.run(draft)]
        for f in findings:
            f.citation = self.citation(f.id)
        findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], position(f.where), f.id))
        notes_text = [note_text(note, draft.lang) for note in notes or ()]
        return CheckReport(findings=findings, parse_notes=notes_text, lang=draft.lang)
