"""Reading Finnish words with libvoikko: base forms and moods of verbs, loaded once."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from assistant.errors import OppiError

INSTALL_HINT = (
    "Finnish text needs libvoikko with the Finnish dictionary. Install them with "
    "`sudo apt-get install libvoikko1 voikko-fi` (Debian/Ubuntu) and `pip install libvoikko`."
)


@dataclass(frozen=True)
class Reading:
    """One analysis of a word: base form, word class and (for verbs) mood."""

    baseform: str
    word_class: str
    mood: str | None


@cache
def _voikko() -> object:
    """The Voikko instance for Finnish, created on first use."""
    try:
        import libvoikko
    except ImportError as error:
        raise OppiError(f"{INSTALL_HINT} ({error})") from None
    try:
        return libvoikko.Voikko("fi")
    except (OSError, libvoikko.VoikkoException) as error:  # no library or no dictionary
        raise OppiError(f"{INSTALL_HINT} ({error})") from None


@cache
def analyse(word: str) -> tuple[Reading, ...]:
    """All analyses voikko gives for a word (cached per word)."""
    voikko = _voikko()
    results = voikko.analyze(word)  # type: ignore[attr-defined]
    return tuple(
        Reading(r.get("BASEFORM", "").lower(), r.get("CLASS", ""), r.get("MOOD")) for r in results
    )


def verb_readings(word: str) -> list[Reading]:
    """The analyses of a word as a verb ('teonsana')."""
    return [r for r in analyse(word) if r.word_class == "teonsana"]


def fold(text: str) -> str:
    """Lower-case and drop diacritics: 'Työmäärä' -> 'tyomaara', 'Lärandemål' -> 'larandemal'.

    Drafts typed on a keyboard without ä/ö (or pasted from systems that drop them) are read
    by comparing folded forms."""
    return strip_diacritics(text.lower())


def strip_diacritics(text: str) -> str:
    """'Työmäärä' -> 'Tyomaara', case kept: for regex sources, where lower-casing would turn
    \\S, \\W or \\D into their opposites."""
    if text.isascii():
        return text  # nothing to strip; most labels and keys (a 1 MB paste spent a third here)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
