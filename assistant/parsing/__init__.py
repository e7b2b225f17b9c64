"""Reading micro-credential drafts (Markdown, field lists, tables, JSON, PDF, DOCX) into models."""

from assistant.parsing.draft import ParsedDraft, parse_file, parse_text

__all__ = ["ParsedDraft", "parse_file", "parse_text"]
