"""The checking service: a draft file or text in, a cited CheckReport out, for the CLI, the UI
and the evals alike. Parsing is `assistant.parsing`, the checks are `assistant.rules.checker`."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from assistant.parsing.draft import FormatHint, ParsedDraft, parse_file, parse_text
from assistant.rules.checker import Checker
from assistant.schemas import CheckReport


class CheckingService:
    """Reads drafts and checks them with one (typed, possibly citing) Checker."""

    def __init__(self, settings: Settings, checker: Checker | None = None) -> None:
        """Without `checker`, one that cites nothing (reports say how to get citations)."""
        self.settings = settings
        self.checker = checker or Checker(settings)

    @property
    def cites(self) -> bool:
        """Whether reports carry citations (false until `oppi index` has built the library)."""
        return self.checker.cites

    def read_file(self, path: Path) -> ParsedDraft:
        """Parse a draft file (.md, .txt, .json, .pdf, .docx); OppiError when it cannot be read."""
        return parse_file(Path(path), self.settings)

    def check(self, parsed: ParsedDraft, lang: str | None = None) -> CheckReport:
        """Check a parsed draft; its parse notes go into the report."""
        return self.checker.check(parsed.credential, parsed.notes, lang)

    def check_text(self, text: str, fmt_hint: FormatHint = "auto", lang: str | None = None) -> CheckReport:
        """Parse and check draft text (Markdown, 'Field: value', table, JSON or prose)."""
        return self.check(parse_text(text, fmt_hint), lang)

    def check_file(self, path: Path, lang: str | None = None) -> CheckReport:
        """Parse and check a draft file (.md, .txt, .json, .pdf, .docx)."""
        return self.check(self.read_file(path), lang)
