"""Reviewers' comments in a draft ('[AK: is this right?]', '[MK: tarkista tämä]'): they are
about the draft, not part of it, so a 'TBD' or a 'taso 7' in one never reads as a value.

A comment is a bracketed note opened by the reviewer's initials (or 'Comment', 'Kommentti',
'Huom') and a colon; tags such as '[ESCO: ...]' or '[EQF: 6]' (cues.yaml `not_initials`) and
brackets holding a link stay. A comment is blanked with spaces of its own length, so line
numbers and character offsets (and with them source spans) stay true.
"""

from __future__ import annotations

import re

from assistant.parsing.sections import cues

_COMMENT = re.compile(r"\[([A-ZÄÖÅ]{1,4}|[Cc]omment|[Kk]ommentti|[Hh]uom|[Nn]ote)\s*:[^\[\]\n]{0,600}\]")


def blank_comments(text: str) -> tuple[str, int]:
    """(text with every reviewer's comment blanked, how many there were)."""
    count = 0

    tags = {t.upper() for t in cues()["not_initials"]}

    def blank(match: re.Match[str]) -> str:
        nonlocal count
        # '[ESCO: http://...]', '[EQF: 6]': a reference or a tag of the draft's own.
        if match.group(1).upper() in tags or "://" in match.group(0):
            return match.group(0)
        count += 1
        return " " * len(match.group(0))

    return _COMMENT.sub(blank, text), count
