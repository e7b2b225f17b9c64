"""Check: paste or upload a draft; the report grouped by severity, with a ready badge."""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from assistant.errors import OppiError
from assistant.schemas import CheckReport, Finding
from ui.locales import STRINGS, t, t_or
from ui.sanitise import safe_markdown


def place_name(where: str, lang: str = "en") -> str:
    """A field of a draft in the workspace's language: the checker's own names for the fields it
    reports (awarding body -> myöntäjä), the workspace's for the rest."""
    from assistant.rules.messages import element_name

    return t_or("where", where, lang) if f"where.{where}" in STRINGS else element_name(where, lang)


def where_label(finding: Finding, lang: str = "en") -> str:
    """Where a finding is, in the workspace's language: an outcome by its number, or the field."""
    if finding.outcome is not None:
        return t("where.outcome", lang).format(n=finding.outcome)
    return place_name(finding.where, lang)


def report_markdown(report: CheckReport, lang: str = "en") -> str:
    """Findings grouped by severity, each with where, what, what to do and its source."""
    counts = report.counts
    badge = f"✓ **{t('check.ready', lang)}**" if report.ready else f"✗ **{t('check.not_ready', lang).format(n=counts['E'])}**"
    lines = [badge, "", f"E {counts['E']} · W {counts['W']} · I {counts['I']}"]
    for severity in ("E", "W", "I"):
        group = [f for f in report.findings if f.severity == severity]
        if not group:
            continue
        lines += ["", f"### {t('check.' + severity, lang)}"]
        for f in group:
            judged = f" *({t('check.model', lang)})*" if f.model_judgement else ""
            lines.append(f"- **{f.id}** · {where_label(f, lang)}{judged}: {f.message}")
            if f.suggestion:
                lines.append(f"  - *{t('check.do_instead', lang)}:* {f.suggestion}")
            if f.citation:
                lines.append(f"  - *{t('check.source', lang)}:* {f.citation.label()}")
    if report.parse_notes:
        lines += ["", f"### {t('check.unread', lang)}", *[f"- {note}" for note in report.parse_notes]]
    return safe_markdown("\n".join(lines))  # drafts and sources may carry HTML


def fixable(report: CheckReport, lang: str = "en") -> list[tuple[str, int]]:
    """Dropdown choices for findings that carry a replacement the text can take."""
    return [(f"{f.id} {where_label(f, lang)}: '{f.fix['old']}' → '{f.fix['new']}'", n)
            for n, f in enumerate(report.findings) if getattr(f, "fix", None)]


def create_check(services, labels, language) -> None:
    labels.bind(gr.Markdown(labels("check.intro")), "check.intro", "value")
    with gr.Row():
        with gr.Column():
            text = labels.bind(gr.Textbox(lines=16, label=labels("check.text"), elem_id="check-text"), "check.text")
            upload = labels.bind(gr.File(file_types=[".md", ".txt", ".pdf", ".docx", ".json"], label=labels("check.file"),
                                         elem_id="check-file"), "check.file")
            run = labels.bind(gr.Button(labels("check.run"), variant="primary", elem_id="check-run"), "check.run", "value")
        with gr.Column():
            result = gr.Markdown(elem_id="check-report")
            choice = labels.bind(gr.Dropdown(choices=[], label=labels("check.finding"), elem_id="check-fix-choice"), "check.finding")
            apply = labels.bind(gr.Button(labels("check.apply"), elem_id="check-apply"), "check.apply", "value")
    last = gr.State(None)

    def check(draft_text: str, file, lang: str = "en"):
        # Messages are Finnish when the workspace or the draft is Finnish (English otherwise).
        message_lang = "fi" if lang == "fi" else None
        try:
            if file is not None:
                path = Path(file if isinstance(file, str) else file.name)
                report = services.checking.check_file(path, message_lang)
                draft_text = services.checking.editable_text(path) or draft_text
            elif draft_text.strip():
                report = services.checking.check_text(draft_text, lang=message_lang)
            else:
                raise gr.Error(t("check.no_draft", lang))
        except OppiError as error:
            raise gr.Error(str(error)) from None
        choices = fixable(report, lang)
        return report_markdown(report, lang), gr.update(choices=choices, value=choices[0][1] if choices else None), report, draft_text

    def apply_fix(draft_text: str, index, report: CheckReport | None, lang: str):
        if report is None or index is None:
            raise gr.Error(t("check.no_finding", lang))
        new_text = services.checking.apply_fix(draft_text, report.findings[int(index)])
        if new_text is None:
            raise gr.Error(t("check.changed", lang))
        markdown, update, new_report, _ = check(new_text, None, lang)
        return new_text, markdown, update, new_report

    run.click(check, [text, upload, language], [result, choice, last, text])
    apply.click(apply_fix, [text, choice, last, language], [text, result, choice, last])
