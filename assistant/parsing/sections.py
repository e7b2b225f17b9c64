"""Cutting draft text into labelled sections: headings, 'Field: value', tables, two columns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dc_field

from assistant.parsing.labels import field_for, normalise

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*)$")
_SETEXT = re.compile(r"^\s*(=+|-{3,})\s*$")
_PIPE_ROW = re.compile(r"^\s*\|(.*)\|?\s*$")
_TABLE_RULE = re.compile(r"^[\s|:+-]+$")
_LABEL_VALUE = re.compile(
    r"^\s*(?:[-*][ \t]+)?[*_]{0,2}([^\s:*_][^:\t]{0,60}?)[*_]{0,2}[ \t]{0,8}:[*_]{0,2}\s*(.*)$"
)
_TWO_COLUMN = re.compile(r"^\s*(\S.{0,60}?)\s{2,}(\S.*)$")
_UNKNOWN_LABEL = re.compile(r"^\s*([A-ZÄÖÅ][\w/ -]{0,40}?)[ \t]{0,8}:[ \t]+(\S.*)$")
# Fields whose text often runs over several lines, where "Word: text" is content, not a label.
_PROSE_FIELDS = {"outcomes", "description", "outcome_assessment", "esco_refs"}
_TABLE_HEADERS = {"field", "element", "item", "kenttä", "tieto", "label", "nimike"}


@dataclass
class Section:
    """One labelled part of a draft: the field it maps to (None if unknown) and its lines."""

    label: str
    field: str | None
    lines: list[str] = dc_field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


@dataclass
class Sections:
    """The sections of a draft, plus text that came before any label."""

    items: list[Section] = dc_field(default_factory=list)
    preamble: list[str] = dc_field(default_factory=list)


def _cells(line: str) -> list[str] | None:
    """Cells of a pipe- or tab-separated row, or None when the line is not a row."""
    if "\t" in line.strip():
        cells = [c.strip() for c in line.strip("\n").split("\t")]
    elif _PIPE_ROW.match(line) and line.count("|") >= 2:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
    else:
        return None
    while cells and not cells[-1]:
        cells.pop()
    return cells if any(cells) else None


def _labelled(line: str) -> tuple[str, str] | None:
    """(label, value) when the line starts with a known label, in any of the pasted shapes."""
    cells = _cells(line)
    if cells is not None:
        if cells[0] and field_for(cells[0]):
            return cells[0], " | ".join(c for c in cells[1:] if c)
        return None
    for pattern in (_LABEL_VALUE, _TWO_COLUMN):
        match = pattern.match(line)
        if match and field_for(match.group(1)):
            return match.group(1).strip(), match.group(2).strip()
    if len(line) <= 70 and field_for(line.rstrip(":")):
        return line.strip().rstrip(":"), ""
    return None


def split_sections(text: str) -> Sections:
    """Cut text into sections; unknown headings become sections with field None."""
    result = Sections()
    current: Section | None = None
    seen_heading = False
    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading:
            label = heading.group(2).strip().rstrip("#").strip()
            found = _labelled(label)
            if found:
                current = Section(found[0], field_for(found[0]), [found[1]] if found[1] else [])
            elif len(heading.group(1)) == 1 and not seen_heading:
                # The first level-1 heading of a Markdown draft is its title by convention.
                current = Section("title", "title", [label])
                result.items.append(current)
                current = None
                seen_heading = True
                continue
            else:
                current = Section(label, None)
            seen_heading = True
            result.items.append(current)
            continue
        if _SETEXT.match(line) and current is not None and not current.lines:
            continue
        cells = _cells(line)
        if cells is not None and (_TABLE_RULE.match(line) or _is_table_header(cells)):
            continue
        found = _labelled(line)
        if found:
            current = Section(found[0], field_for(found[0]), [found[1]] if found[1] else [])
            result.items.append(current)
            continue
        unknown = _UNKNOWN_LABEL.match(line) if cells is None else None
        if (
            unknown
            and len(unknown.group(1).split()) <= 4
            and (current is None or current.field not in _PROSE_FIELDS)
        ):
            current = Section(unknown.group(1), None, [unknown.group(2)])
            result.items.append(current)
            continue
        if cells is not None and len(cells) >= 2 and cells[0]:
            # A table row whose label Oppi does not know is kept aside, not merged.
            current = Section(cells[0], None, [" | ".join(c for c in cells[1:] if c)])
            result.items.append(current)
            continue
        content = " | ".join(c for c in cells if c) if cells is not None else line
        if current is None:
            if content.strip():
                result.preamble.append(content.strip())
        else:
            current.lines.append(content)
    return result


def _is_table_header(cells: list[str]) -> bool:
    return normalise(cells[0]) in _TABLE_HEADERS
