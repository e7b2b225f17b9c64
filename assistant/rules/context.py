"""What every check sees: the credential, its outcome readings, settings and the lexicon."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.config import Settings
from assistant.rules.lexicon import Lexicon, load_lexicon
from assistant.rules.messages import say
from assistant.rules.reading import OutcomeReading, outcome_language, read_outcome
from assistant.schemas import Bloom, Finding, MicroCredential, Severity

_FI_FUNCTION_WORDS = re.compile(r"\b(?:ja|sekä|osaa|opiskelija|osallistuja|tai)\b", re.IGNORECASE)
_FI_WORDS = re.compile(r"[äöå]|\b(?:ja|sekä|osaa|opiskelija|osallistuja|tai)\b", re.IGNORECASE)
# Swedish function words: a Swedish draft shares å/ä/ö with Finnish but is reported in English.
_SV_WORDS = re.compile(r"\b(?:och|att|för|som|på|av|med|den studerande|studerande|kan|är|till)\b", re.IGNORECASE)
_EN_WORDS = re.compile(r"\b(?:the|and|of|to|with|learner|student|can)\b", re.IGNORECASE)


@dataclass
class Draft:
    """A credential prepared for checking: outcomes read once, shared by every check."""

    cred: MicroCredential
    settings: Settings
    lexicon: Lexicon
    language: str
    outcomes: list[tuple[int, OutcomeReading]]
    lang: str = "en"  # the language findings are written in (en or fi)

    def is_placeholder(self, value: str | None) -> bool:
        """Whether a value is empty or stands in for content ("TBD", "-", "lorem ipsum")."""
        return is_placeholder(value, self.lexicon)

    def given(self, value: str | None) -> bool:
        """Whether a value is present and not a placeholder."""
        return not self.is_placeholder(value)


def is_placeholder(value: str | None, lexicon: Lexicon) -> bool:
    """Whether a value is empty or stands in for content ("TBD", "-", "lorem ipsum")."""
    if value is None:
        return True
    text = " ".join(value.split()).lower()
    if not text or not any(ch.isalnum() for ch in text):
        return True
    if text.rstrip(".!") in lexicon.word_set("placeholders_whole"):
        return True
    return lexicon.matches("placeholders_anywhere", text)


def draft_language(cred: MicroCredential) -> str:
    """The draft's main language: stated 'en'/'fi', else what the outcomes are written in."""
    if cred.language in ("en", "fi"):
        return cred.language
    text = " ".join(o.text for o in cred.outcomes) or (cred.description or "")
    return "fi" if len(_FI_WORDS.findall(text)) > len(_EN_WORDS.findall(text)) else "en"


def report_language(
    cred: MicroCredential, lang: str | None = None, readings: Sequence[tuple[int, OutcomeReading]] = ()
) -> str:
    """Findings are in Finnish for a Finnish caller or draft, in English otherwise (sv too)."""
    if lang in ("en", "fi"):
        return lang
    if cred.language in ("sv", "other"):
        return "en"
    swedish = sum(1 for _, r in readings if r.language == "sv")
    if cred.language != "fi" and swedish * 2 > len(readings):
        return "en"  # most outcomes read as Swedish (checks.md: reported in English)
    language = draft_language(cred)
    if language == "fi" and cred.language != "fi":
        text = " ".join(o.text for o in cred.outcomes) or (cred.description or "")
        if len(_SV_WORDS.findall(text)) > len(_FI_FUNCTION_WORDS.findall(text)):
            return "en"  # checks.md: Swedish drafts are reported in English
    return language


def prepare(cred: MicroCredential, settings: Settings, lang: str | None = None) -> Draft:
    """Read every outcome that is not a placeholder (the credential itself is not changed)."""
    lexicon = load_lexicon()
    language = draft_language(cred)
    readings: list[tuple[int, OutcomeReading]] = []
    for number, outcome in enumerate(cred.outcomes, 1):
        if is_placeholder(outcome.text, lexicon):
            continue
        reading = read_outcome(
            outcome.text, outcome_language(outcome.text, language, lexicon), lexicon
        )
        readings.append((number, reading))
    return Draft(cred, settings, lexicon, language, readings, report_language(cred, lang, readings))


def finding(
    d: Draft, check_id: str, severity: Severity, where: str, key: str, **params: object
) -> Finding:
    """A finding in the draft's report language, without its citation (the checker adds it)."""
    message, suggestion = say(key, d.lang, **params)
    return Finding(
        id=check_id, severity=severity, where=where, message=message, suggestion=suggestion
    )


def outcome_band(settings: Settings, ects: float) -> tuple[int, int]:
    """C11: the fewest and most outcomes usual at a size in ECTS."""
    bands = sorted(settings.outcome_count_bands)
    return next(((low, high) for top, low, high in bands if ects <= top), bands[-1][1:])


def band_for_level(level: int | None) -> list[Bloom]:
    """Bloom levels that fit an EQF level (heuristic of spec/domain-facts.md)."""
    if level is None:
        return [Bloom.understand, Bloom.apply, Bloom.analyse]
    bands = {
        1: [Bloom.remember],
        2: [Bloom.remember, Bloom.understand],
        3: [Bloom.understand, Bloom.apply],
        4: [Bloom.apply, Bloom.understand],
        5: [Bloom.apply, Bloom.analyse],
        6: [Bloom.apply, Bloom.analyse, Bloom.evaluate],
        7: [Bloom.analyse, Bloom.evaluate, Bloom.create],
        8: [Bloom.evaluate, Bloom.create],
    }
    return bands.get(level, [Bloom.apply, Bloom.analyse])


def suggest_verbs(draft: Draft, language: str, per_level: int = 2) -> list[str]:
    """Verbs in the outcome's language that fit the stated level, a few per Bloom level."""
    verbs = draft.lexicon.verbs.get(language, {})
    level = draft.cred.level if draft.cred.level in range(1, 9) else None
    picks: list[str] = []
    for bloom in band_for_level(level):
        single = [
            v.verb
            for v in verbs.values()
            if v.bloom == (bloom,) and not re.search(r"(?:iz|yz)e$", v.verb)
        ]
        picks += single[:per_level]
    return picks
