"""Reading which outcomes an assessment text covers, in the words planners use.

"an audit (outcomes 1 and 4)", "covering outcomes 1-5", "tavoitteet 1–2 / 3–5", "LO1", "(outcomes
i, ii and iv)", "All five outcomes are demonstrated", "kattaa kaikki osaamistavoitteet", "covers
the second, third and fourth outcomes". The result is the set of outcome numbers, or ALL.
"""

from __future__ import annotations

import re

ALL = frozenset({0})  # stands for "every outcome"

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
    "ensimmäinen": 1, "toinen": 2, "kolmas": 3, "neljäs": 4, "viides": 5, "kuudes": 6,
    "ensimmäisen": 1, "toisen": 2, "kolmannen": 3, "neljännen": 4, "viidennen": 5,
}  # fmt: skip
_NOUN = r"(?:learning\s+)?(?:outcomes?|objectives?|ilos?|goals?|(?:osaamis)?tavoit\w*|(?:lärande)?mål\w*)"
_ITEM = r"(?:\d{1,2}|[ivx]{1,4})"
_LIST = rf"{_ITEM}(?:\s*(?:[-–—]|to|\.\.)\s*{_ITEM})?(?:\s*(?:,|/|&|\band\b|\bor\b|\bja\b|\bsekä\b|\boch\b)\s*{_ITEM}(?:\s*(?:[-–—]|to)\s*{_ITEM})?)*"
_REFERENCE = re.compile(rf"\b{_NOUN}\s*(?:nos?\.?|#)?\s*\(?({_LIST})\b", re.IGNORECASE)
# After one outcome reference, bare ones in brackets name outcomes too: "a test (outcome i);
# a simulator task (ii and iii)", "(outcomes 1, 2 and 6), a case (3)".
_BARE = re.compile(rf"\(\s*({_LIST})\s*\)")
_CODE = re.compile(r"\b(?:I?LO|OT|LM)\s?-?(\d{1,2})\b", re.IGNORECASE)
# "LO1–LO3", "OT 2 - OT 4": a range of coded outcomes.
_CODE_RANGE = re.compile(
    r"\b(?:I?LO|OT|LM)\s?-?(\d{1,2})\s*(?:[-–—]|to|\.\.)\s*(?:I?LO|OT|LM)?\s?-?(\d{1,2})\b", re.IGNORECASE
)
_ALL = re.compile(
    rf"\b(?:all|every|each\s+of\s+the|both|kaikki(?:a|en)?|samtliga|alla)\s+(?:\w+\s+)?{_NOUN}\b"
    rf"|\b{_NOUN}\s+(?:are\s+)?all\b",
    re.IGNORECASE,
)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "kaksi": 2, "kolme": 3, "neljä": 4, "viisi": 5,
           "kuusi": 6}
_FIRST_N = re.compile(
    rf"\bfirst\s+(two|three|four|five|six|[2-9])\s+{_NOUN}|\b(kaksi|kolme|neljä|viisi|kuusi|[2-9])\s+ensimmäistä\s+{_NOUN}",
    re.IGNORECASE,
)
_ORDINAL_WORDS = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\b", re.IGNORECASE)
_MAX_TEXT = 5000
_SENTENCE = re.compile(r"(?<=[.;!?])\s+")
_FULL_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_MENTION = re.compile(rf"\b{_NOUN}\b", re.IGNORECASE)


def _number(token: str) -> int | None:
    token = token.lower()
    if token.isdigit():
        return int(token)
    return _ROMAN.get(token)


def _expand(listing: str) -> set[int]:
    numbers: set[int] = set()
    for part in re.split(r"\s*(?:,|/|&|\band\b|\bor\b|\bja\b|\bsekä\b|\boch\b)\s*", listing):
        bounds = [_number(t) for t in re.split(r"\s*(?:[-–—]|to|\.\.)\s*", part.strip()) if t]
        bounds = [b for b in bounds if b is not None]
        if len(bounds) == 2 and bounds[0] <= bounds[1] <= bounds[0] + 20:
            numbers.update(range(bounds[0], bounds[1] + 1))
        elif bounds:
            numbers.add(bounds[0])
    return numbers


def covered(text: str) -> frozenset[int] | None:
    """Outcome numbers the text maps to a task, ALL for 'all outcomes', None when it maps none."""
    if not text:
        return None
    text = text[:_MAX_TEXT]  # a mapping is stated in a sentence or two, not in pages
    if _ALL.search(text):
        return ALL
    numbers: set[int] = set()
    for match in _REFERENCE.finditer(text):
        numbers |= _expand(match.group(1))
    for sentence in _FULL_SENTENCE.split(text):
        # Bare references count in a sentence that names outcomes ('a test (outcome i); a task
        # (ii and iii)'), not elsewhere: 'an exam (40)' in the next sentence is a weight.
        if _REFERENCE.search(sentence):
            for match in _BARE.finditer(sentence):
                numbers |= _expand(match.group(1))
    numbers |= _table_numbers(text)
    numbers |= {int(m.group(1)) for m in _CODE.finditer(text)}
    for m in _CODE_RANGE.finditer(text):
        first, last = int(m.group(1)), int(m.group(2))
        if first <= last <= first + 20:
            numbers.update(range(first, last + 1))
    for m in _FIRST_N.finditer(text):
        # 'covers the first three outcomes', 'kattaa kolme ensimmäistä tavoitetta'
        count = (m.group(1) or m.group(2)).lower()
        numbers.update(range(1, (int(count) if count.isdigit() else _COUNTS[count]) + 1))
    for sentence in _SENTENCE.split(text):
        # Ordinals count only where the sentence speaks of outcomes ("covers the first").
        if _MENTION.search(sentence):
            numbers |= {_ORDINALS[m.group(1).lower()] for m in _ORDINAL_WORDS.finditer(sentence)}
    numbers.discard(0)
    return frozenset(numbers) if numbers else None


_CELL_SPLIT = re.compile(r"\s*[|\t]\s*")
_WHOLE_LIST = re.compile(rf"^\(?({_LIST})\)?\.?$", re.IGNORECASE)
_NOUN_CELL = re.compile(rf"^{_NOUN}$", re.IGNORECASE)


def _table_numbers(text: str) -> set[int]:
    """A task table's outcomes column ('Task | Outcomes | Weight' / 'Notebook | 1 | 20 %'):
    the numbers in that column of each row under the header."""
    numbers: set[int] = set()
    column = None
    for line in text.splitlines():
        if "|" not in line and "\t" not in line:
            column = None
            continue
        cells = [c.strip() for c in _CELL_SPLIT.split(line.strip().strip("|"))]
        if column is None:
            column = next((i for i, c in enumerate(cells) if _NOUN_CELL.match(c)), None)
        elif column < len(cells) and (found := _WHOLE_LIST.match(cells[column])):
            numbers |= _expand(found.group(1))
    return numbers
