"""Text as a filter should read it: the tricks that hide words from a pattern undone.

Display text is never changed here; these views exist only to decide whether a line tries to
instruct the model.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from confusable_homoglyphs import categories, confusables

# Runs of at least four single letters separated by single spaces or dots: "I g n o r e".
# This is a format (a letter-spacing trick), not language, so a pattern is the right tool.
_SPACED = re.compile(r"(?<!\w)(?:\w[ .\-_*]){3,}\w(?!\w)")


@lru_cache(maxsize=4096)
def _latin_lookalike(char: str) -> str:
    """The Latin letter a Cyrillic, Greek, ... character imitates, or the character itself."""
    found = confusables.is_confusable(char, greedy=True, preferred_aliases=["latin"])
    if not found:
        return char
    for glyph in found[0]["homoglyphs"]:
        if all(categories.alias(c) in ("LATIN", "COMMON") for c in glyph["c"]):
            return glyph["c"]
    return char


def strip_invisible(text: str) -> str:
    """NFKC (full-width and stylised letters to plain ones) without format characters
    (zero-width spaces and joiners, soft hyphens, bidi controls)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def skeleton(text: str) -> str:
    """Lowercased text with invisible characters removed, look-alike letters mapped to Latin
    and letter-spaced words joined."""
    text = strip_invisible(text)
    text = "".join(
        ch if ch.isascii() or categories.alias(ch) in ("LATIN", "COMMON") else _latin_lookalike(ch)
        for ch in text
    )
    text = _SPACED.sub(lambda m: re.sub(r"[ .\-_*]", "", m.group(0)), text)
    return " ".join(text.lower().split())


def letters_only(text: str) -> str:
    """The skeleton's letters alone: what survives any spacing, splitting or punctuation trick."""
    return "".join(ch for ch in skeleton(text) if ch.isalpha())
