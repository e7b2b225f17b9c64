"""A CSV export of a form ('"field","value","notes"' or Excel's ';' rows), read with the csv
module and handed on as tab rows, which the section reader knows ('title<TAB>value').

A text counts as CSV when its cells are quoted or its header row names a value column, and the
csv module's sniffer finds a ',' or ';' dialect in which at least three records, and four in
five of all records, have the same number (two or more) of fields.
A cell that runs over several lines keeps them, so line numbers stay close to the source's.
"""

from __future__ import annotations

import csv
import io

_SAMPLE = 4096
_MIN_RECORDS = 3
# A header row names the value column and the columns of notes on it ('covers outcomes 1-4');
# other columns (who edited it, when) say nothing about the credential and are not read.
_VALUE_HEADERS = {"value", "arvo", "värde", "content", "sisältö", "text", "teksti"}
_NOTE_HEADERS = {"notes", "note", "comment", "comments", "huom", "huomautus", "huomautukset", "kommentti",
                 "kommentit", "lisätieto", "lisätiedot", "anmärkning", "anmärkningar"}


def csv_as_rows(text: str) -> str:
    """The text as tab rows when it is a CSV export; otherwise unchanged."""
    head = text.lstrip()[:_SAMPLE]
    if "\t" in head or not head or head.count(";") < 2 and head.count(",") < 2:
        return text
    try:
        dialect = csv.Sniffer().sniff(head, delimiters=",;")
        records = list(csv.reader(io.StringIO(text.strip()), dialect))
    except csv.Error:
        return text
    # Commas alone make no CSV ('Title: Data analytics, basic level'): an export quotes its
    # cells or opens with a header row that names its value column.
    keep = _columns(records[0]) if records else None
    if not records or head[0] not in "\"'" and keep is None:
        return text
    widths = [len(r) for r in records if any(cell.strip() for cell in r)]
    if len(widths) < _MIN_RECORDS:
        return text
    common = max(set(widths), key=widths.count)
    if common < 2 or widths.count(common) * 5 < len(widths) * 4:
        return text
    lines = []
    for record in records:
        cells = [cell.strip() for cell in record]
        if keep is not None:
            value, notes = keep
            notes_text = "; ".join(cells[i] for i in notes if i < len(cells) and cells[i])
            cells = cells[:1] + [cells[value] if value < len(cells) else ""]
            if notes_text:
                cells[1] = f"{cells[1]} ({notes_text})" if cells[1] else notes_text
        first, *rest = cells or [""]
        # The first line of each cell goes in the row; a cell's further lines follow it.
        row = [first] + [cell.split("\n", 1)[0] for cell in rest]
        lines.append("\t".join(row).rstrip("\t"))
        lines += [more for cell in rest if "\n" in cell for more in cell.split("\n")[1:]]
    return "\n".join(lines) + "\n"


def _columns(header: list[str]) -> tuple[int, list[int]] | None:
    """(value column, note columns) named by a header row, or None when it names no value."""
    names = [cell.strip().lower() for cell in header]
    value = next((i for i, name in enumerate(names) if i > 0 and name in _VALUE_HEADERS), None)
    if value is None:
        return None
    return value, [i for i, name in enumerate(names) if name in _NOTE_HEADERS]
