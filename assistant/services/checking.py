"""The checker service: a draft (model, text or file) in, a cited CheckReport out. No model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.config import Settings
from assistant.parsing.draft import FormatHint, parse_file, parse_text
from assistant.rules.catalogue import CATALOGUE, position
from assistant.rules.context import prepare
from assistant.schemas import SEVERITY_ORDER, CheckReport, Citation, MicroCredential

Resolver = Callable[[str], Citation | None]


class Checker:
    """Runs every catalogue check; citations come from `resolver` (check ID -> passage)."""

    def __init__(self, settings: Settings, resolver: Resolver | None = None) -> None:
        self.settings = settings
        self.resolver = resolver
        self._citations: dict[str, Citation | None] = {}

    def citation(self, check_id: str) -> Citation | None:
        """The passage behind a check, resolved once and cached for the checker's life."""
        if self.resolver is None:
            return None
        if check_id not in self._citations:
            self._citations[check_id] = self.resolver(check_id)
        return self._citations[check_id]

    def check(
        self, cred: MicroCredential, notes: list[str] | None = None, lang: str | None = None
    ) -> CheckReport:
        """Check one credential; findings sorted by severity, then place in the draft.

        `lang` ('en' or 'fi', e.g. the workspace language) sets the language of messages and
        suggestions; without it they follow the draft (Finnish for a Finnish draft).
        """
        draft = prepare(cred, self.settings, lang)
        findings = [f for check in CATALOGUE for f in check.run(draft)]
        for f in findings:
            f.citation = self.citation(f.id)
        findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], position(f.where), f.id))
        return CheckReport(findings=findings, parse_notes=list(notes or []))

    def check_text(
        self, text: str, fmt_hint: FormatHint = "auto", lang: str | None = None
    ) -> CheckReport:
        """Parse and check draft text (Markdown, 'Field: value', table, JSON or prose)."""
        parsed = parse_text(text, fmt_hint)
        return self.check(parsed.credential, parsed.notes, lang)

    def check_file(self, path: Path, lang: str | None = None) -> CheckReport:
        """Parse and check a draft file (.md, .txt, .json, .pdf, .docx)."""
        parsed = parse_file(Path(path), self.settings)
        return self.check(parsed.credential, parsed.notes, lang)
