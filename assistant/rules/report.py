"""Rendering a CheckReport as Markdown or as the JSON object the CLI prints."""

from __future__ import annotations

from typing import Any

from assistant.rules.messages import report_text
from assistant.schemas import CheckReport, Finding


def finding_dict(finding: Finding) -> dict[str, Any]:
    """One finding as JSON: id, severity, where, message, suggestion, citation."""
    return {
        "id": finding.id,
        "severity": finding.severity,
        "where": finding.where,
        "message": finding.message,
        "suggestion": finding.suggestion,
        "citation": finding.citation.model_dump() if finding.citation else None,
        "model_judgement": finding.model_judgement,
    }


def report_dict(report: CheckReport, file: str | None = None) -> dict[str, Any]:
    """A report as one JSON object: file, ready, counts, findings (and parse notes)."""
    return {
        "file": file,
        "ready": report.ready,
        "counts": report.counts,
        "findings": [finding_dict(f) for f in report.findings],
        "lang": report.lang,
        "parse_notes": list(report.parse_notes),
    }


def render_markdown(report: CheckReport, file: str | None = None, cited: bool = True) -> str:
    """A report as Markdown a planner can read, in the report's language; `cited=False` adds
    how to get citations."""
    lang, counts = report.lang, report.counts
    title = report_text("title", lang)
    lines = [f"# {title}: {file}" if file else f"# {title}", ""]
    verdict = report_text("ready" if report.ready else "not_ready", lang)
    lines.append(
        f"**{verdict}** — "
        + report_text("counts", lang, errors=counts["E"], warnings=counts["W"], infos=counts["I"])
    )
    if not cited:
        lines += ["", report_text("no_citations", lang)]
    if report.parse_notes:
        lines += ["", f"## {report_text('not_read', lang)}", ""]
        lines += [f"- {note}" for note in report.parse_notes]
    if report.findings:
        lines += ["", f"## {report_text('findings', lang)}", ""]
    for f in report.findings:
        lines.append(f"- **{f.id} {report_text(f.severity, lang)}** ({f.where}): {f.message}")
        if f.suggestion:
            lines.append(f"  - {report_text('instead', lang)}: {f.suggestion}")
        if f.citation:
            lines.append(f"  - {report_text('source', lang)}: {f.citation.label()}")
    return "\n".join(lines) + "\n"
