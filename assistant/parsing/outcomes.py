"""Splitting an outcomes field into single outcomes: bulleted, numbered or running sentences."""

from __future__ import annotations

import re

_ITEM = re.compile(
    r"^\s*(?:[-*•–·▪◦+]|\d{1,2}[.)]|\(\d{1,2}\)|[a-h][.)]|\(?(?:i{1,3}|iv|vi{0,3}|ix|x)[.)]|[A-Za-z]{1,4}[ -]?\d{1,2}[.):]|(?:[IC]?LO|OT|OS|TAV)[ -]?\d{1,2}|"
    r"\[\d{1,2}\])\s+(.*\S)\s*$"
)
# A number in a column of its own, padded with spaces: '  1          analysoida ...' (a table
# pasted as text).
_NUMBER_COLUMN = re.compile(r"^\s*\d{1,2}[ \t]{2,}(\S.*\S)\s*$")
# '3.1 analysoida ...': a section's numbered item, at the start of its line; indented, '7.2 and
# 7.6' is a wrapped line's number.
_SUBSECTION_ITEM = re.compile(r"^\d{1,2}\.\d{1,2}\.?[ \t]+([^\W\d_].*\S)\s*$")
_ITEM_END = re.compile(r"\s*;\s*(?:and|ja|sekä|och)?\s*$|\s+(?:and|ja|sekä)$", re.IGNORECASE)
# A line that ends like this continues on the next one (a wrapped paragraph, not a list).
_WRAPPED = re.compile(
    r"(?:[,(/–-]|\b(?:the|a|an|of|and|or|to|in|for|with|by|on|at|ja|sekä|tai|tai|ovat|on|och|att))$",
    re.IGNORECASE,
)
# A lead-in line without its colon: "Upon completion, the learner is able to", "Opiskelija osaa".
_STEM_LINE = re.compile(
    r"\b(?:able to|can|will|osaa|pystyy|kykenee|kan|förmår)\s*[:.…]*$", re.IGNORECASE
)
# An item mark inside a line, after the start, a ';' or ',': "… to: a) explain …; b) train …".
_INLINE_MARK = re.compile(r"(?:^|[;,:]\s*|\s)(\(?(?:[a-h]|\d{1,2})\)\s)")
_SENTENCE_END = re.compile(r"(?<=[.;!])\s+(?=\S)")
_INLINE_ASSESSMENT = re.compile(
    r"(?:\((?:assessment|assessed by|assessed through|arviointi|arvioidaan)\s*:?\s*([^)]+)\)"
    r"|[—–-]{1,2}[ \t]?(?:assessed by|assessed through|arvioidaan):?[ \t]?(.+))[ \t]*\.?$",
    re.IGNORECASE,
)


def split_outcomes(lines: list[str]) -> list[str]:
    """Return the outcomes a field lists; a lead-in line ending with ':' is not an outcome,
    and an item indented under one that ends with a colon ('- Plan a study, including:' /
    '  - recruitment criteria ...') is part of it."""
    items: list[str] = []
    prose: list[str] = []
    in_item = False
    indent: int | None = None  # of the first item: the list's own level
    parent = False  # the last item ends with a colon: items indented under it are its parts
    for raw in (part for line in lines for part in _inline_items(line)):
        line = raw.strip()
        if not line:
            in_item = False
            continue
        match = _ITEM.match(line) or _NUMBER_COLUMN.match(line) or _SUBSECTION_ITEM.match(raw)
        if match and _STEM_LINE.search(match.group(1).rstrip(":")) and match.group(1).endswith(":"):
            continue  # '• After completing the course, the learner can:' is the stem
        depth = len(raw.expandtabs(4)) - len(raw.lstrip())
        if match and parent and indent is not None and depth >= indent + 2:
            # The parts join as a list: 'including: a, b' -> 'including a, b'.
            head = items[-1]
            glue = " " if head.endswith((":", ",", ";")) else ", "
            items[-1] = f"{head.rstrip(':')}{glue}{match.group(1).strip()}"
            in_item = True
        elif match:
            items.append(match.group(1).strip())
            indent = depth if indent is None else indent
            in_item = True
            parent = items[-1].endswith(":")
        elif in_item and items and not line.endswith(":"):
            items[-1] = f"{items[-1]} {line}"
        else:
            prose.append(line)
    if items:
        # An item's closing '; and' goes once the item is whole: an 'and' that ends a wrapped
        # line ('... menu and' / 'production flow') is part of the outcome.
        return [_ITEM_END.sub("", item) for item in items]
    if _one_per_line(prose):
        body = [line for line in prose if not _STEM_LINE.search(line)]
        return [part for line in body for part in _split_prose(line)]
    return _split_prose(" ".join(prose))


def _inline_items(line: str) -> list[str]:
    """A run of lettered or numbered items on one line ('a) explain …; b) train …') as lines."""
    marks = list(_INLINE_MARK.finditer(line))
    if len(marks) < 2:
        return [line]
    cuts = [m.start(1) for m in marks]
    head = line[: cuts[0]].strip()
    parts = [line[a:b].strip() for a, b in zip(cuts, cuts[1:] + [len(line)], strict=True)]
    return ([head] if head else []) + parts


def trailing_paragraphs(lines: list[str]) -> list[tuple[int, str]]:
    """Paragraphs after a listed outcomes field's last item, past a blank line: prose of the
    draft's own (index of the first line, text), for the prose reader rather than dropped."""
    last_item = max((i for i, line in enumerate(lines) if _ITEM.match(line.strip())), default=None)
    if last_item is None:
        return []
    rest = lines[last_item + 1 :]
    blank = next((i for i, line in enumerate(rest) if not line.strip()), None)
    if blank is None:
        return []
    out: list[tuple[int, str]] = []
    for offset, line in enumerate(rest[blank:], last_item + 1 + blank):
        if not line.strip():
            out.append((offset + 1, ""))
        elif out:
            out[-1] = (out[-1][0], f"{out[-1][1]}\n{line}".strip())
    return [(index, text) for index, text in out if text]


def _one_per_line(lines: list[str]) -> bool:
    """Whether unbulleted lines are one outcome each (a Word export, a tab form's rows) rather
    than one paragraph wrapped: every line starts a sentence, and none breaks off mid-phrase."""
    body = [line for line in lines if not line.endswith(":") and not _STEM_LINE.search(line)]
    if len(body) < 2:
        return False
    starts = all(line[:1].isupper() or line[:1].isdigit() for line in body)
    broken = any(_WRAPPED.search(line) for line in body[:-1])
    return starts and not broken


def _split_prose(text: str) -> list[str]:
    """Split running text into sentences, dropping a lead-in that ends with a colon."""
    if ":" in text:
        head, _, rest = text.partition(":")
        # A short head such as "The learner can:" is a shared stem, not an outcome.
        if len(head.split()) <= 12 and rest.strip():
            text = rest
    parts = [p.strip(" ;") for p in _SENTENCE_END.split(text)]
    return [p for p in parts if p and not p.endswith(":")]


def pop_assessment(text: str) -> tuple[str, str | None]:
    """Separate an inline assessment note ('(assessment: report)') from an outcome."""
    text = text.strip()
    match = _INLINE_ASSESSMENT.search(text)
    if not match:
        return text, None
    task = (match.group(1) or match.group(2) or "").strip(" .")
    return text[: match.start()].rstrip(), task or None
