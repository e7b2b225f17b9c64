"""Bulleted lists inside prose, rewritten as the comma lists the sentence readers know.

A brief often lists its needs under a lead-in: 'Wanted: technicians who can - locate leaks;
- interpret pressure data; - record repairs.' or the same with one bullet a line. Neither parser
reads a dash as a list mark: spaCy takes 'pressure | flow data' for two phrases, Voikko's reader
runs the items together. Rewritten as 'technicians who can locate leaks, interpret pressure
data, record repairs.', each item is read as a list item of the sentence. A dash between words
('will notice — and report — pests') is no bullet: a list needs two marks after a ';' or at a
line's start.
"""

from __future__ import annotations

import re

_MARK = r"(?:[-–•*]|\d{1,2}[.)])"  # a dash or bullet, or a number: "1." "2)"
# A bullet after ';' or at the start of a line (what separates items), and the one before the
# first item, after its lead-in word or colon on the same line.
_SEPARATOR = re.compile(rf"(?:;[ \t]*|\n[ \t]*){_MARK}[ \t]+(?=\w)")
# 'be able to do the following:', 'should be able to do afterwards:', 'osata ainakin seuraavat:'
_POINTER = re.compile(r"\s+(?:(?:do )?the following|do(?: afterwards| after the course)?|seuraav(?:at|ia|aa))\s*:$",
                      re.IGNORECASE)
_FIRST = re.compile(rf":?[ \t]*(?:\n[ \t]*)?{_MARK}[ \t]+(?=\w)")


def as_sentence(text: str) -> tuple[str, list[int]]:
    """The text with any bulleted list rewritten, and for each of its characters the offset of
    the character it came from (so that spans found in it point into the original)."""
    separators = list(_SEPARATOR.finditer(text))
    if len(separators) < 2:
        return text, list(range(len(text)))
    out: list[str] = []
    origin: list[int] = []

    def keep(start: int, end: int) -> None:
        out.append(text[start:end])
        origin.extend(range(start, end))

    def put(new: str, at: int) -> None:
        out.append(new)
        origin.extend([at] * len(new))

    position = 0
    if separators[0].group().startswith("\n"):
        # One bullet a line: the first line's mark is the lead-in's ('who can:\n- locate ...').
        lead = separators.pop(0)
        before = text[:lead.start()].rstrip()
        cut = _lead_end(before) if before.endswith(":") else lead.start()
        keep(0, cut)
        put(" ", cut)
        position = lead.end()
    else:
        lead = _last_first_mark(text, 0, separators[0].start())
        if lead is not None:
            keep(0, lead.start())
            put(" ", lead.start())
            position = lead.end()
    for index, mark in enumerate(separators):
        keep(position, mark.start())
        put(", ", mark.start())
        position = mark.end()
        nxt = separators[index + 1].start() if index + 1 < len(separators) else None
        if nxt is None:
            # The last item ends at its line's end; a sentence after the list starts anew.
            line_end = text.find("\n", position)
            if line_end != -1 and not text[:line_end].rstrip().endswith((".", "!", "?", ";")):
                keep(position, line_end)
                put(".", line_end)
                position = line_end
    keep(position, len(text))
    return "".join(out), origin


def _lead_end(before: str) -> int:
    """Where a lead-in that ends in a colon ends without it, and without a word that only points
    at the list ('pitäisi osata ainakin seuraavat:', 'be able to do the following:'), which the
    items take the place of: 'osata tunnistaa ...', 'be able to check ...'."""
    match = _POINTER.search(before)
    return match.start() if match else len(before) - 1


def _last_first_mark(text: str, start: int, end: int):
    """The bullet before the first item: the last mark between the start and the first separator
    that follows a word or colon, with no sentence end between it and the separator."""
    found = None
    for match in _FIRST.finditer(text, start, end):
        if "." not in text[match.end():end] and match.start() > 0:
            found = match
    return found
