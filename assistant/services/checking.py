"""The checking service: a draft file or text in, a cited CheckReport out, for the CLI, the UI
and the evals alike. Parsing is `assistant.parsing`, the checks are `assistant.rules.checker`."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from assistant.parsing.draft import FormatHint, ParsedDraft, parse_file, parse_text
from assistant.rules.checker import Checker
from assistant.schemas import CheckReport, Finding

# Drafts whose file text is what the planner edits: a PDF, DOCX or JSON is read into fields, and
# showing its extracted text for editing would invite fixes to text that is not the file.
EDITABLE_SUFFIXES = (".md", ".txt")


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

    def editable_text(self, path: Path) -> str | None:
        """The text of a Markdown or plain-text draft file, for editing beside its report."""
        path = Path(path)
        if path.suffix.lower() not in EDITABLE_SUFFIXES:
            return None
        return path.read_text(encoding="utf-8", errors="replace")

    @staticmethod
    def apply_fix(text: str, finding: Finding) -> str | None:
        """The draft with a finding's suggested replacement made once; None when the text no
        longer holds the phrase the finding was about (the planner edited it since)."""
        fix = finding.fix
        if not fix or fix["old"] not in text:
            return None
        return text.replace(fix["old"], fix["new"], 1)
