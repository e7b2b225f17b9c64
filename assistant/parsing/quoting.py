"""E-mail quoting: which '>'-quoted lines of a pasted mail are the draft.

A reply quotes earlier messages with '>' ('>>' one level deeper). Either the draft is in the
newest, unquoted text and the quotes are old versions and comments that must not be read
("> Level: level 5" from a first draft), or the newest text only says "below is Mikko's
draft" and the draft itself is quoted. The quote depth that holds the most text (field labels weighing more) is the
draft; every other line is blanked, so line numbers (and with them source spans) stay true.
A reply that adds the fields a quoted draft lacks ("I add the three items Laura's version
missed: Assessment: ...") completes it: a depth whose labels are all new is read with the
draft, if it is the newer text or a draft of its own.
"""

from __future__ import annotations

import re

_QUOTE = re.compile(r"^[ \t]{0,3}((?:>[ \t]?)+)")
_LABEL_WEIGHT = 5  # a field label counts as five words of text
_QUOTED_DRAFT_FIELDS = 3


def _depth(line: str) -> tuple[int, str]:
    """(quote depth, the line without its quote marks)."""
    match = _QUOTE.match(line)
    if not match:
        return 0, line
    return match.group(1).count(">"), line[match.end() :]


def unquote(text: str, labelled) -> tuple[str, int]:
    """(text with only the draft's quote depth kept and unquoted, lines left out).

    `labelled(line)` gives the fields of the label a line starts with (none for no label).
    Linear in the text.
    """
    if ">" not in text:
        return text, 0
    lines = [_depth(line) for line in text.splitlines()]
    if not any(depth for depth, _ in lines):
        return text, 0
    # The draft is where most of the text is, field labels weighing more than words: a quoted
    # draft under "below is Mikko's draft" outweighs its one-line cover, a prose draft outweighs
    # the few quoted "Level: ..." comments under it.
    weight: dict[int, int] = {}
    fields: dict[int, set[str]] = {}
    for depth, content in lines:
        if content.strip():
            found = labelled(content) if len(content) <= 300 else ()
            fields.setdefault(depth, set()).update(found)
            weight[depth] = weight.get(depth, 0) + len(content.split()) + (_LABEL_WEIGHT if found else 0)
    # Ties go to the newest text.
    draft = max(weight, key=lambda depth: (weight[depth], -depth)) if weight else 0
    # A newer reply (less deeply quoted) completes the draft with its new fields, and so does an
    # older quote that is a draft of its own (three fields or more, none of them the kept
    # text's); a quote with a field or two is a comment on a first version ('> Level: level 5
    # would be too low').
    keep = {draft} | {depth for depth, named in fields.items()
                      if fields.get(draft) and named and not named & fields[draft]
                      and (depth < draft or len(named) >= _QUOTED_DRAFT_FIELDS)}
    kept = [content if depth in keep else "" for depth, content in lines]
    dropped = sum(1 for (depth, content) in lines if depth not in keep and content.strip())
    return "\n".join(kept), dropped
