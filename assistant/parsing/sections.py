"""Cutting draft text into labelled sections: headings, 'Field: value', tables, two columns.

Each section remembers the lines it came from, so every value keeps its source span. Text the
cutter cannot place (before the first label, under an unknown label, after an e-mail's sign-off)
is kept apart for the prose reader and for honest parse notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import cache
from importlib import resources

import yaml

from assistant.parsing.labels import (
    IGNORED,
    fields_for,
    fold,
    key_fields,
    normalise,
    outcome_item_label,
)

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*)$")
_SETEXT = re.compile(r"^\s*(=+|-{3,})\s*$")
_PIPE_ROW = re.compile(r"^\s*\|(.*)\|?\s*$")
_TABLE_RULE = re.compile(r"^[\s|:+-]+$")
_LABEL_VALUE = re.compile(
    r"^\s*(?:[-*][ \t]+)?[*_]{0,2}([^\s:*_][^:\t]{0,70}?)[*_]{0,2}[ \t]{0,8}:[*_]{0,2}\s*(.*)$"
)
_TWO_COLUMN = re.compile(r"^\s*(\S.{0,60}?)\s{2,}(\S.*)$")
_UNKNOWN_LABEL = re.compile(r"^\s*([A-ZÄÖÅ][\w/ -]{0,40}?)[ \t]{0,8}:[ \t]+(\S.*)$")
_LEAD_IN = re.compile(r"\s+[–—-]\s+|\.\s+|\s*[–—]\s*")  # "Learning outcomes – the learner can:"
# What may stand before a stem line's subject: 'By the end of the module, ', 'Opintojakson jälkeen '.
_STEM_LEAD = r"^\s*(?:[\w ,-]{0,60}?(?:,\s*|\s))?"
_STEM_HEADING = re.compile(
    _STEM_LEAD + r"(?:(?:the\s+|each\s+)?(?:learners?|students?|participants?|graduates?|you)\s+"
    r"(?:can|will\s+be\s+able\s+to|(?:is|are)\s+able\s+to|should\s+be\s+able\s+to)"
    r"|(?:opiskelija|osallistuja|opiskelijat|osallistujat|oppija)\s+(?:osaa|osaavat|pystyy|kykenee)|osaat"
    r"|(?:den\s+)?studerande\s+kan)\s*:?\s*$",
    re.IGNORECASE,
)
_SUBJECT_HEADING = re.compile(
    _STEM_LEAD + r"(?:opiskelija|osallistuja|opiskelijat|osallistujat|oppija"
    r"|(?:the\s+)?(?:learners?|students?|participants?)|(?:den\s+)?studerande)\s*:?\s*$",
    re.IGNORECASE,
)
BULLET = r"[-*•–·▪◦]"  # the marks a bulleted line opens with
_LIST_ITEM = re.compile(rf"^\s*(?:{BULLET}|\d{{1,2}}[.)]|[a-h][.)])\s+\S")
_EMPHASIS = re.compile(r"\*\*|__")
# 'Slide 4: Learning outcomes', 'Dia 4: Osaamistavoitteet': a slide outline's numbering is
# furniture; the heading after it is the label.
_SLIDE = re.compile(r"^\s*(?:slide|dia|bild|kalvo)\s+\d{1,3}\s*[:.–—-]\s*", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_NO_WORDS = re.compile(r"^[\W_]*$")
_ROW_NUMBER = re.compile(r"^(?:\d{1,2}|[a-h]|[IVX]{1,4}|LO\s?\d{1,2})[.)]?$", re.IGNORECASE)
# Fields whose text often runs over several lines, where "Word: text" is content, not a label.
_PROSE_FIELDS = {"outcomes", "description", "outcome_assessment", "esco_refs"}
_TABLE_HEADERS = {"field", "element", "item", "kentta", "tieto", "label", "nimike", "falt"}
_SHORT_FIELDS = {"title", "awarding_body", "country", "workload", "level", "language", "grade"}
_TASK_COLUMN = {"assessment", "outcome_assessment"}


@dataclass
class Section:
    """One labelled part of a draft: the fields it maps to (none if unknown), its lines, span."""

    label: str
    fields: tuple[str, ...]
    lines: list[str] = dc_field(default_factory=list)
    start: int = 0  # first line number (0-based) of the section in the text
    end: int = 0  # last line number
    filled: bool = False  # holds a non-blank line; kept as lines come, for `text` joins them all
    inline: bool = False  # the label's own line holds the first value ('Title: X')
    answers: bool = False  # its last line was a 'Task 1: ...' line taken as its value
    task_table: bool = False  # an assessment holding a table of its tasks and their outcomes
    heading_title: bool = False  # the title from the document's opening heading ('# X')

    def line_of(self, index: int) -> int:
        """The line number of `lines[index]` in the text: the label's own line holds lines[0]
        when the label had a value on it, else lines[0] is the next line."""
        return self.start + index + (0 if self.inline else 1)

    @property
    def field(self) -> str | None:
        return self.fields[0] if self.fields else None

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


@dataclass
class Sections:
    """The sections of a draft, plus the text it holds outside any label."""

    items: list[Section] = dc_field(default_factory=list)
    preamble: list[tuple[int, str]] = dc_field(default_factory=list)
    trailer: list[str] = dc_field(default_factory=list)  # after an e-mail's sign-off
    mail: bool = False  # the text opens like an e-mail (greeting or mail headers)


@cache
def cues() -> dict:
    """The reader's cue lists (rules/data/cues.yaml)."""
    path = resources.files("assistant.rules") / "data" / "cues.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def _signoffs() -> frozenset[str]:
    return frozenset(fold(s) for s in cues()["signoffs"])


@cache
def _signoff_initials() -> frozenset[str]:
    return frozenset(s[0] for s in _signoffs() if s)


def is_signoff(line: str) -> bool:
    """'Kind regards,', 'Ystävällisin terveisin', '=== END OF DRAFT ===': the draft ends here."""
    if len(line) > 60:
        return False
    first = next((ch for ch in line if ch.isalnum()), "")
    if fold(first.lower()) not in _signoff_initials():  # folding every line was a third of a paste's time
        return False
    text = fold(re.sub(r"[^\w\s.]", " ", line)).strip(" .")
    text = re.sub(r"\s+", " ", text)
    return 0 < len(text) <= 40 and text in _signoffs()


def is_greeting(line: str) -> bool:
    """'Dear members of ...,', 'Hei kaikki,': the line opens an e-mail."""
    if len(line) >= 80 or not line.rstrip().endswith((",", "!")):
        return False
    words = fold(line.strip()).split()
    first = " ".join(words[:2]).strip(",!")
    return bool(words) and (
        words[0].strip(",!") in cues()["greetings"] or first in cues()["greetings"]
    )


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


def _label_fields(text: str) -> tuple[str, tuple[str, ...], str] | None:
    """(label, fields, lead-in) for a label, also one followed by a stem after a dash or period."""
    text = _EMPHASIS.sub("", text)  # "**Learning outcomes.** Students will …"
    key = "_" in text and " " not in text.strip()  # 'credits_ects', 'outcome_1' from an export
    fields = key_fields(text.strip()) if key else fields_for(text)
    if fields:
        return text.strip(), fields, ""
    match = _LEAD_IN.search(text)
    if match and match.start() > 0:
        head = text[: match.start()]
        fields = fields_for(head)
        if fields:
            return head.strip(), fields, text[match.end() :].strip()
    return None


def _labelled(line: str) -> tuple[str, tuple[str, ...], str] | None:
    """(label, fields, value) when the line starts with a known label, in any pasted shape."""
    cells = _cells(line)
    if cells is not None:
        found = _label_fields(cells[0]) if cells[0] else None
        if found:
            return found[0], found[1], " | ".join(c for c in cells[1:] if c)
        if cells[0] and outcome_item_label(cells[0]) and len(cells) == 2:
            return cells[0], ("outcomes",), cells[1]  # '| Osaamistavoite 1 | analysoida ... |'
        return None
    for pattern in (_LABEL_VALUE, _TWO_COLUMN):
        match = pattern.match(line)
        if match:
            found = _label_fields(match.group(1))
            if found:
                lead = f"{found[2]}:" if found[2] and not match.group(2).strip() else ""
                return found[0], found[1], (lead or match.group(2)).strip()
    if len(line) <= 100:
        found = _label_fields(line.strip().rstrip(":"))
        if found:
            return found[0], found[1], f"{found[2]}:" if found[2] else ""
    return None


def field_label_at(line: str) -> tuple[str, ...]:
    """The draft fields of the label the line starts with; none for no label or a mail header
    such as 'Subject:'."""
    found = _labelled(line)
    return () if found is None or found[1] == (IGNORED,) else found[1]


def _outcome_table(cells: list[str]) -> tuple[int, int | None] | None:
    """(outcome column, task column) when a table header names an outcome column."""
    named = [fields_for(c, prefix=True) or _stem_cell(c) for c in cells]
    task = next((i for i, f in enumerate(named) if set(f) & _TASK_COLUMN), None)
    # The outcome column comes after a number column, or first when a task column follows it
    # ("| Learning outcome | Assessment task |"); a first cell alone is a label ("Outcomes | …").
    outcome = next((i for i, f in enumerate(named) if (i > 0 or task) and "outcomes" in f), None)
    if outcome is None or outcome == task:
        return None
    return outcome, task


_DOCUMENT_KIND = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}(?:sheet|description|card|draft|template|form|kuvaus|lomake|luonnos|pohja)\s*[—–:-]\s+(\S.*)$",
    re.IGNORECASE,
)


def _without_document_kind(title: str) -> str:
    """'Course sheet — Electrical safety' -> 'Electrical safety': the kind of document before a
    dash is not part of the credential's name."""
    match = _DOCUMENT_KIND.match(title)
    return match.group(1).strip() if match else title


_NEXT_LABEL = re.compile(r"(?<=[.;])\s+([A-ZÄÖÅ][\w /-]{0,40}?):\s+")


def _fields_in_line(found: tuple[str, tuple[str, ...], str]) -> list[tuple[str, tuple[str, ...], str]]:
    """'Level: EQF 6. Format: online (blended).': a known label after a sentence end starts a
    field of its own on the same line; an unknown one ('Note: …') stays in the value."""
    label, fields, value = found
    out: list[tuple[str, tuple[str, ...], str]] = []
    cut = 0  # where the current field's value starts
    for match in _NEXT_LABEL.finditer(value):
        more = fields_for(match.group(1))
        if more and more != fields:
            out.append((label, fields, value[cut : match.start()].strip()))
            label, fields, cut = match.group(1), more, match.end()
    out.append((label, fields, value[cut:].strip()))
    return out


def _stem_cell(cell: str) -> tuple[str, ...]:
    """A header cell that is the outcomes' stem ('On completion the learner is able to …',
    'Opiskelija osaa'): the column holds the outcomes."""
    text = cell.strip().rstrip("….: ").strip()
    return ("outcomes",) if text and _STEM_HEADING.match(text) else ()


def split_sections(text: str) -> Sections:
    """Cut text into sections; unknown headings become sections without a field."""
    result = Sections()
    current: Section | None = None
    seen_heading = False
    table: tuple[int, int | None] | None = None
    mapping_rows = False  # in a run of '| Outcome N | task |' rows under an assessment

    def start(label: str, fields: tuple[str, ...], value: str, number: int) -> Section:
        section = Section(label, fields, _BREAK.sub("\n", value).split("\n") if value else [])
        section.start = section.end = number
        section.filled = section.inline = bool(value.strip())
        result.items.append(section)
        return section

    lines = text.splitlines()
    for number, line in enumerate(lines):
        line = _SLIDE.sub("", line, count=1)
        if number < 40 and is_greeting(line):
            result.mail = True
        if (result.mail or current is not None) and is_signoff(line):
            result.trailer = [t for t in lines[number:] if t.strip()]
            break
        heading = _HEADING.match(line)
        if heading:
            table = None
            label = heading.group(2).strip().rstrip("#").strip()
            found = _labelled(label)
            if found:
                current = start(found[0], found[1], found[2], number)
            elif not seen_heading and (len(heading.group(1)) == 1 or not (result.items or result.preamble)):
                # The first level-1 heading of a Markdown draft is its title by convention, and
                # so is a heading of any level that opens the document ('## Course sheet — X').
                start("title", ("title",), _without_document_kind(label), number).heading_title = True
                current = None
            else:
                current = start(label, (), "", number)
            seen_heading = True
            continue
        if not line.strip() and current is not None and (
            current.fields == (IGNORED,) or (set(current.fields) <= _SHORT_FIELDS and current.filled)
        ):
            # A mail header, or a one-value field ("Title: X"), ends at the blank line; what
            # follows is the next label or prose of its own.
            current = None
        underline = _SETEXT.match(line)
        if (
            underline
            and line.strip()[0] == "="
            and not seen_heading
            and result.preamble
            and result.preamble[-1][0] == number - 1
        ):
            # "Title\n=====": a plain-text export's first-level heading is the title.
            start("title", ("title",), result.preamble.pop()[1], number - 1)
            seen_heading = True
            continue
        if underline or (_NO_WORDS.match(line) and line.strip()):
            continue
        cells = _cells(line)
        if cells is None:
            table, mapping_rows = None, False
        elif _TABLE_RULE.match(line):
            continue
        elif _is_table_header(cells):
            table = _outcome_table(cells)
            if table is not None:
                current = start(cells[table[0]], ("outcomes",), "", number)
            continue
        elif table is not None and current is not None:
            outcome_col, task_col = table
            outcome = cells[outcome_col] if outcome_col < len(cells) else ""
            task = cells[task_col] if task_col is not None and task_col < len(cells) else ""
            current.lines.append(f"- {outcome} (assessment: {task})" if task else f"- {outcome}")
            current.filled = True
            current.end = number
            continue
        found = _labelled(line)
        if found and found[1] == ("outcomes",) and cells is not None and outcome_item_label(found[0]) and (
                mapping_rows or current is not None and current.field in _TASK_COLUMN):
            # '| Outcome 1 | Written exam |' under 'Assessment' maps an outcome; it lists none.
            found, mapping_rows = None, True
        if found:
            for label, fields, value in _fields_in_line(found):
                current = start(label, fields, value, number)
            continue
        if cells is None and _stem_heading(line, lines[number + 1 : number + 3]) and (
            current is None or current.field != "outcomes"
        ):
            # "The learner can:" / "Opiskelija osaa:" over a list, with no outcomes label.
            current = start(line.strip().rstrip(":"), ("outcomes",), "", number)
            continue
        unknown = _UNKNOWN_LABEL.match(line) if cells is None else None
        # 'Blended: ...' or 'Task 1: ...', 'Task 2: ...' right under 'How you study' or
        # 'Assessment' (before any other text of it) is its answer, not a label of its own.
        answer = unknown and current is not None and bool(current.fields) and (not current.filled or current.answers)
        if current is not None and line.strip():
            current.answers = bool(answer)
        if (
            unknown
            and not answer
            and len(unknown.group(1).split()) <= 4
            and (current is None or current.field not in _PROSE_FIELDS)
        ):
            current = start(unknown.group(1), (), unknown.group(2), number)
            continue
        if cells is not None and len(cells) >= 2 and _ROW_NUMBER.match(cells[0]) and current is not None and (
                current.field in _PROSE_FIELDS):
            # '1<TAB>plan a blade inspection ...' under 'Learning outcomes': a numbered row of it.
            cells = [f"{cells[0].rstrip('.)')}. {cells[1]}", *cells[2:]]
        elif cells is not None and current is not None and current.field in _TASK_COLUMN and (
                current.task_table or _names_outcomes_column(cells)):
            # Under 'Assessment', a task table ('Task | Outcomes | Weight', 'Report | 1, 2 | 30 %')
            # is the assessment's own text.
            current.task_table = True
        elif cells is not None and len(cells) >= 2 and cells[0]:
            # A table row whose label Oppi does not know is kept aside, not merged.
            current = start(cells[0], (), " | ".join(c for c in cells[1:] if c), number)
            continue
        content = " | ".join(c for c in cells if c) if cells is not None else line
        if current is None:
            if content.strip():
                result.preamble.append((number, content.strip()))
        else:
            current.lines.extend(_BREAK.sub("\n", content).split("\n"))
            if content.strip():
                current.end = number
                current.filled = True
    return result


def _stem_heading(line: str, following: list[str]) -> bool:
    """A line that is only an outcome stem ('The learner can:', 'Opiskelija osaa') with a list
    item next: the outcomes' lead-in standing in for their label. The subject alone
    ('Opintojakson jälkeen opiskelija', each item then 'osaa …' or 'tuntee …') counts only over
    a list."""
    after = next((f for f in following if f.strip()), "")
    if _SUBJECT_HEADING.match(line):
        return bool(_LIST_ITEM.match(after))
    if not _STEM_HEADING.match(line):
        return False
    return line.rstrip().endswith(":") or bool(_LIST_ITEM.match(after))


def _names_outcomes_column(cells: list[str]) -> bool:
    """A task table's header: one of its cells names the outcomes ('Outcomes', 'Tavoitteet')."""
    return any(c and fields_for(c) == ("outcomes",) for c in cells[1:])


def _is_table_header(cells: list[str]) -> bool:
    first = fold(normalise(cells[0])) if cells[0] else ""
    heads = {part.strip() for part in first.split("/")} if first else set()
    if heads & _TABLE_HEADERS or first in {"#", "nro", "no", "n"}:
        return True
    table = _outcome_table(cells) if len(cells) > 1 else None
    return table is not None and (not first or (table[0] == 0 and table[1] is not None))


__all__ = ["BULLET", "IGNORED", "Section", "Sections", "cues", "field_label_at", "is_greeting", "is_signoff", "split_sections"]
