"""Reviewers' comments in a draft ('[AK: is this right?]', '[MK: tarkista tämä]'): they are
about the draft, not part of it, so a 'TBD' or a 'taso 7' in one never reads as a value.

A comment is a bracketed note opened by the reviewer's initials (or 'Comment', 'Kommentti',
'Huom') and a colon. It is blanked with spaces of its own length, so line numbers and
character offsets (and with them source spans) stay true.
"""

from __future__ import annotations

import re

_COMMENT = re.compile(r"\[(?:[A-ZÄÖÅ]{1,4}|[Cc]omment|[Kk]ommentti|[Hh]uom|[Nn]ote)\s*:[^\[\]\n]{0,600}\]")


def blank_comments(text: str) -> tuple[str, int]:
    """(text with every reviewer's comment blanked, how many there were)."""
    count = 0

    def blank(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return " " * len(match.group(0))

    return _COMMENT.sub(blank, text), count
