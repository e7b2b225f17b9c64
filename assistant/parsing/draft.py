"""Turning a draft (text, JSON or a file) into a MicroCredential, noting what could not be read."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from assistant.config import Settings
from assistant.errors import OppiError, describe_validation_error
from assistant.parsing.outcomes import pop_assessment, split_outcomes
from assistant.parsing.sections import Section, split_sections
from assistant.parsing.units import parse_level, parse_workload
from assistant.schemas import LearningOutcome, MicroCredential

FormatHint = Literal["auto", "md", "txt", "table", "json"]

_TEXT_FIELDS = (
    "title",
    "description",
    "awarding_body",
    "country",
    "assessment",
    "assessment_criteria",
    "participation",
    "quality_assurance",
    "prerequisites",
    "supervision",
    "grade",
    "stackability",
    "further_information",
    "target_group",
    "skill_needs",
)
_MAPPING_LINE = re.compile(
    r"^\s*(?:[-*•]\s*)?(?:outcome|lo|ilo|ot|tavoite|osaamistavoite)?\s*#?(\d{1,2})\s*[.):–—-]?"
    r"\s*[:–—-]?\s*(.+)$",
    re.IGNORECASE,
)
_ESCO_SPLIT = re.compile(r"[\s,;|<>]+")
_LANGUAGES = {
    "en": ("english", "englanti", "en", "eng"),
    "fi": ("finnish", "suomi", "fi", "fin", "suomen kieli"),
    "sv": ("swedish", "ruotsi", "svenska", "sv"),
}


@dataclass
class ParsedDraft:
    """A parsed draft and the notes on what could not be read."""

    credential: MicroCredential
    notes: list[str] = field(default_factory=list)


def parse_text(text: str, fmt_hint: FormatHint = "auto") -> ParsedDraft:
    """Parse draft text; JSON when hinted or when the text is a JSON object."""
    if fmt_hint == "json" or (fmt_hint == "auto" and text.lstrip().startswith("{")):
        return parse_json(text)
    return _parse_sections(text)


def parse_json(text: str) -> ParsedDraft:
    """Parse Oppi's MicroCredential JSON; invalid fields are reported one by one."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise OppiError(
            f"The draft is not valid JSON ({error}). Fix the JSON or paste it as text."
        ) from None
    if not isinstance(data, dict):
        raise OppiError("The JSON draft must be one object with MicroCredential fields.")
    outcomes = data.get("outcomes")
    if isinstance(outcomes, list):
        data["outcomes"] = [{"text": o} if isinstance(o, str) else o for o in outcomes]
    try:
        credential = MicroCredential.model_validate(data)
    except ValidationError as error:
        raise OppiError(
            "The JSON draft does not fit the MicroCredential schema:\n" + describe_validation_error(error, "\n")
        ) from None
    notes: list[str] = []
    if credential.ects is None and credential.hours is None and credential.workload_text:
        _apply_workload(credential, [("workload", credential.workload_text)], notes)
    if credential.level is None and credential.level_framework is None and credential.level_text:
        _apply_level(credential, "level", credential.level_text, notes)
    for outcome in credential.outcomes:
        outcome.text, inline = pop_assessment(outcome.text)
        outcome.assessment = outcome.assessment or inline
    _collect_outcome_mapping(credential)
    return ParsedDraft(credential, notes)


def _parse_sections(text: str) -> ParsedDraft:
    """Parse Markdown, 'Field: value' text or a pasted table."""
    sections = split_sections(text)
    credential = MicroCredential()
    notes: list[str] = []
    workloads: list[tuple[str, str]] = []
    for section in sections.items:
        _apply_section(credential, section, workloads, notes)
    if workloads:
        _apply_workload(credential, workloads, notes)
    if sections.preamble:
        preview = " ".join(sections.preamble)[:80]
        notes.append(f"Text before the first recognised label was not read: '{preview}'.")
        credential.unparsed.setdefault("(before first label)", "\n".join(sections.preamble))
    _collect_outcome_mapping(credential)
    return ParsedDraft(credential, notes)


def _apply_section(
    cred: MicroCredential, section: Section, workloads: list[tuple[str, str]], notes: list[str]
) -> None:
    """Store one section's text in the field its label names."""
    name, value = section.field, section.text
    if name is None:
        cred.unparsed[section.label] = value
        notes.append(f"Label '{section.label}' is not one Oppi knows; its text was not read.")
    elif name == "outcomes":
        for item in split_outcomes(section.lines):
            text, task = pop_assessment(item)
            cred.outcomes.append(LearningOutcome(text=text, assessment=task))
    elif name == "workload":
        if value:
            workloads.append((section.label, value))
    elif name == "level":
        if value:
            _apply_level(cred, section.label, value, notes)
    elif name == "outcome_assessment":
        _apply_mapping(cred, section, notes)
    elif name == "esco_refs":
        cred.esco_refs += [t for t in _ESCO_SPLIT.split(value) if t and t not in "-*•"]
    elif name == "language":
        cred.language = _language(value)
    elif name in _TEXT_FIELDS and value:
        previous = getattr(cred, name)
        setattr(cred, name, f"{previous}\n{value}" if previous else value)


def _apply_workload(cred: MicroCredential, parts: list[tuple[str, str]], notes: list[str]) -> None:
    """Merge the workload parts ('Credits: 5', 'Hours: 135') into ects and hours."""
    cred.workload_text = "; ".join(value for _, value in parts)
    for label, value in parts:
        workload = parse_workload(value, label)
        if workload.problem:
            notes.append(f"Workload: {workload.problem}.")
            cred.unparsed[label] = value
            continue
        for name, number in (("ects", workload.ects), ("hours", workload.hours)):
            if number is None:
                continue
            previous = getattr(cred, name)
            if previous is not None and previous != number:
                notes.append(f"Workload gives two different {name} figures; neither was used.")
                setattr(cred, name, None)
                cred.unparsed[label] = value
            else:
                setattr(cred, name, number)


def _apply_level(cred: MicroCredential, label: str, value: str, notes: list[str]) -> None:
    """Read the level number and framework; keep the raw text either way."""
    cred.level_text = value
    level = parse_level(value, label)
    cred.level, cred.level_framework = level.level, level.framework
    if level.problem:
        notes.append(f"Level: {level.problem}.")


def _apply_mapping(cred: MicroCredential, section: Section, notes: list[str]) -> None:
    """Read 'Outcome N: task' lines into outcome_assessment."""
    mapping = dict(cred.outcome_assessment or {})
    for line in section.lines:
        if not line.strip():
            continue
        match = _MAPPING_LINE.match(line.strip())
        if match:
            mapping[int(match.group(1))] = match.group(2).strip()
        else:
            notes.append(f"Assessment mapping line not read: '{line.strip()[:60]}'.")
    cred.outcome_assessment = mapping or None


def _collect_outcome_mapping(cred: MicroCredential) -> None:
    """Fold inline outcome assessments into outcome_assessment."""
    inline = {i: o.assessment for i, o in enumerate(cred.outcomes, 1) if o.assessment}
    if inline:
        cred.outcome_assessment = {**inline, **(cred.outcome_assessment or {})}


def _language(value: str) -> str:
    text = value.strip().lower()
    for code, names in _LANGUAGES.items():
        if text in names or text.split(" ")[0] in names:
            return code
    return "other"


def parse_file(path: Path, settings: Settings) -> ParsedDraft:
    """Parse a draft file: .json as Oppi's schema; .md, .txt, .pdf, .docx through the loaders."""
    from assistant.ingest.loaders import check_file, decode_text, read_pages  # own the file checks

    path = Path(path)
    if path.suffix.lower() == ".json":
        check_file(path, settings)
        return parse_json(decode_text(path.name, path.read_bytes()))
    pages = read_pages(path, settings)
    return parse_text("\n".join(text for _, text in pages), "txt")
