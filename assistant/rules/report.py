"""Rendering a CheckReport as Markdown or as the JSON object the CLI prints."""

from __future__ import annotations

from typing import Any

from assistant.schemas import CheckReport, Finding

_SEVERITY_NAMES = {"E": "Error", "W": "Warning", "I": "Info"}


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
        "parse_notes": list(report.parse_notes),
    }


def render_markdown(report: CheckReport, file: str | None = None, cited: bool = True) -> str:
    """A report as Markdown a planner can read; `cited=False` adds how to get citations."""
    counts = report.counts
    verdict = "ready" if report.ready else "not ready"
    lines = [f"# Check: {file}" if file else "# Check", ""]
    lines.append(
        f"**{verdict.capitalize()}** — {counts['E']} error(s), {counts['W']} warning(s), "
        f"{counts['I']} note(s)."
    )
    if not cited:
        lines += ["", "_Citations are missing: run `oppi index` for citations._"]
    if report.parse_notes:
        lines += ["", "## Not read from the draft", ""]
        lines += [f"- {note}" for note in report.parse_notes]
    if report.findings:
        lines += ["", "## Findings", ""]
    for f in report.findings:
        lines.append(f"- **{f.id} {_SEVERITY_NAMES[f.severity]}** ({f.where}): {f.message}")
        if f.suggestion:
            lines.append(f"  - Instead: {f.suggestion}")
        if f.citation:
            lines.append(f"  - Source: {f.citation.label()}")
    return "\n".join(lines) + "\n"
