"""Reading a JSON form whose keys are labels (camelCase, snake_case, Finnish without ä/ö).

The JSON becomes the labelled sections the text reader uses, so one set of rules reads both:
{"myontaja": ...} is an 'Awarding body' label, {"workload": {"ects": 6, "hours": 162}} is
'Workload: 6 ects 162 hours', {"assessment": {"mapping": {"LO1": ...}}} is an outcome mapping.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.parsing.labels import fields_for, normalise
from assistant.parsing.sections import Section, Sections

# JSON keys whose value is the parent's value ('issuer': {'legalName': ...}).
_GENERIC_KEYS = {"name", "legal name", "value", "text", "statement", "type", "unit", "label", "nimi", "namn", "arvo"}
_OUTCOME_TEXT_KEYS = ("text", "statement", "outcome", "description", "kuvaus", "teksti")
_MAX_JSON_DEPTH = 12


def json_sections(data: dict[str, Any], max_items: int) -> Sections:
    """A JSON form as labelled sections: keys read as labels (camelCase, snake_case, no ä/ö)."""
    result = Sections()
    _json_into(data, None, result, 0, max_items)
    return result


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return " ".join(str(value).split())


def _json_into(data: dict[str, Any], parent: Section | None, result: Sections, depth: int, cap: int) -> None:
    if depth > _MAX_JSON_DEPTH:
        return
    for key, value in data.items():
        key = str(key)
        generic = normalise(key) in _GENERIC_KEYS
        fields = fields_for(key, prefix=True)
        if parent is not None and (generic or not fields or set(fields) & set(parent.fields)):
            _json_value(parent, key, value, result, depth, generic, cap)
            continue
        if not fields and isinstance(value, dict):
            # A grouping key ("perustiedot", "basics") is no field: its keys are the labels.
            _json_into(value, parent, result, depth + 1, cap)
            continue
        section = Section(normalise(key) or key, fields)
        result.items.append(section)
        _json_value(section, key, value, result, depth, True, cap)


def _json_value(
    section: Section, key: str, value: Any, result: Sections, depth: int, bare: bool, cap: int
) -> None:
    """Add one JSON value to a section: scalars as text, lists as items, objects as parts."""
    if isinstance(value, dict):
        if section.field == "outcomes" and value and all(isinstance(v, (str, dict)) for v in value.values()):
            # {"LO1": "Monitor ...", "LO2": {...}}: outcomes keyed by their own labels, in order.
            for item in list(value.values())[: cap + 1]:
                if isinstance(item, dict):
                    _json_list_item(section, item, result)
                else:
                    section.lines.append(f"- {_scalar(item)}")
            return
        if section.field == "outcome_assessment" or (set(value) and all(
            isinstance(v, str) and re.search(r"\d", str(k)) for k, v in value.items()
        )):
            mapping = Section(section.label, ("outcome_assessment",), [f"{k}: {_scalar(v)}" for k, v in value.items()])
            result.items.append(mapping)
            return
        _json_into(value, section, result, depth + 1, cap)
    elif isinstance(value, list):
        for item in value[: cap + 1]:
            if isinstance(item, dict):
                _json_list_item(section, item, result)
            elif item is not None:
                section.lines.append(f"- {_scalar(item)}" if section.field == "outcomes" else _scalar(item))
    elif value is not None:
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        text = _scalar(value)
        section.lines.append(text if bare or not number else f"{text} {normalise(key)}")


def _json_list_item(section: Section, item: dict[str, Any], result: Sections) -> None:
    """One object of a list: an outcome {'id', 'text', 'escoSkill'} or a task {'task', 'assesses'}."""
    strings = {normalise(str(k)): v for k, v in item.items() if isinstance(v, str)}
    if section.field == "outcomes":
        text = next((strings[k] for k in _OUTCOME_TEXT_KEYS if k in strings), None)
        text = text or max(strings.values(), key=len, default="")
        section.lines.append(f"- {_scalar(text)}")
        for key, value in strings.items():
            if value is not text and fields_for(key, prefix=True) == ("esco_refs",):
                result.items.append(Section(key, ("esco_refs",), [value]))
        return
    parts = []
    for key, value in item.items():
        if isinstance(value, list):
            parts.append(f"({normalise(str(key))} {', '.join(_scalar(v) for v in value)})")
        elif value is not None and not isinstance(value, dict):
            parts.append(_scalar(value))
    section.lines.append(" ".join(parts) + ";")
