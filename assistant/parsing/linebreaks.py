"""Words hyphenated across lines, as text copied out of a PDF has them ('opin-' / 'topisteen').

The word is joined again and moved up to the line its first part is on, so line numbers (and
source spans) stay true. Voikko decides whether the hyphen belongs to the word: Finnish keeps a
hyphen where two equal vowels meet ('raja-arvo'), and a compound of a name ('Karvi-auditoitu').
Words Voikko does not know (English, names) are joined without the hyphen: 'Sci-' / 'ences'.
"""

from __future__ import annotations

import re

from assistant.errors import OppiError

# A word's first part, a hyphen at the line's end, then a lower-case part on the next line.
_BROKEN = re.compile(r"(?<![\w-])([^\W\d_]{1,40})-\n([ \t>]*)([a-zåäö][^\W\d_]{0,40}[,.;:!?)]*)(?=\s|$)")
_MAX_JOINS = 5000  # a pasted document has a few dozen; a hostile paste stays linear and short


def _known(word: str) -> bool | None:
    """Voikko reads the word; None when Voikko is not installed (English drafts need none)."""
    try:
        from assistant.nlp.finnish import is_known

        return is_known(word)
    except OppiError:
        return None


def join_hyphenated(text: str) -> str:
    """The text with words broken over a line end joined on the first line."""
    if "-\n" not in text:
        return text

    def join(match: re.Match[str]) -> str:
        head, lead, tail = match.group(1), match.group(2), match.group(3)
        hyphenated = f"{head}-{tail}"
        if _known(f"{head}{tail}") is False and _known(hyphenated):
            word = hyphenated
        else:
            word = f"{head}{tail}"
        return f"{word}\n{lead}"

    return _BROKEN.sub(join, text, count=_MAX_JOINS)
