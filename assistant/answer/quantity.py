"""Quantity questions ("How many hours is one credit?", "Kuinka monta osaamistavoitetta ...?")
and the sentences that answer them: a number with the asked unit, and where the question asks
per one thing ("a single credit", "yksi opintopiste"), that thing counted once.

Words are read with spaCy (English) and Voikko (Finnish): lemmas, parts of speech, numerals
("three to six", "kolmesta kahdeksaan") and the head of a Finnish compound (osaamis|tavoite).
A quantity answer is "60 credits ... 1 500–1 800 hours" only in part; "one credit corresponds
to 25–30 hours" in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.index.bm25 import finnish_lemmas
from assistant.nlp import english, finnish

# What "how long" asks for: a duration.
_TIME = {"en": {"hour", "h", "day", "week", "month", "year"},
         "fi": {"tunti", "h", "päivä", "viikko", "kuukausi", "vuosi"}}
# Abbreviations the corpus writes numbers with ("27 h", "5 op", "5 ECTS").
_ALIASES = {"en": {"h": "hour", "hrs": "hour", "ects": "credit", "op": "credit"},
            "fi": {"h": "tunti", "op": "opintopiste", "ects": "opintopiste"}}
_EN_MANY = {"many", "much"}
_FI_MANY = {"monta", "montako", "paljon", "paljonko"}
_EN_LONG = {"long"}
_FI_LONG = {"kauan", "kauanko", "pitkä", "pitkään"}
# Words that count the next thing once: "one credit", "a single outcome", "per credit".
_EN_ONCE = {"one", "1", "single", "each", "every", "per"}
_FI_ONCE_AFTER = {"kohden", "per"}  # "tavoitetta kohden"
_EN_FUNCTION = {"ADP", "AUX", "DET", "PRON", "PUNCT", "SCONJ", "CCONJ", "PART", "ADV"}
_BOUNDARIES = set(",;:.()")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")  # a format: digits, as extractive.numbers_in reads them
# Number words as values, so "neljä toteutustapaa" meets a list of four and "four values" meets "4".
_NUMBER_WORDS = {
    "en": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12},
    "fi": {"yksi": 1, "kaksi": 2, "kolme": 3, "neljä": 4, "viisi": 5, "kuusi": 6, "seitsemän": 7,
           "kahdeksan": 8, "yhdeksän": 9, "kymmenen": 10},
}
# Numbers close enough to the unit to be its count: "three to six employers", "1 500–1 800 hours".
WINDOW = 3


@dataclass(frozen=True)
class Word:
    lemmas: frozenset[str]
    numeral: bool
    once: bool  # counts what follows once (one, single, per, yksi)
    noun: bool
    text: str
    function: bool = False  # a function word (of, is, should, the): ends an English noun phrase
    boundary: bool = False  # , ; : . ( ): a number does not count across it


@dataclass(frozen=True)
class QuantityQuestion:
    units: frozenset[str]  # lemmas of what is counted: hour, tunti, tavoite
    per: frozenset[str] = frozenset()  # lemmas of what is counted once: credit, opintopiste


def _english_words(text: str) -> list[Word]:
    words = []
    for t in english.parse(text):
        if t.is_punct:
            if t.text in _BOUNDARIES:
                words.append(Word(frozenset(), False, False, False, t.text, True, True))
            continue
        lower = t.lower_
        lemma = t.lemma_.lower()
        lemmas = {lemma, lower} | ({_ALIASES["en"][lower]} if lower in _ALIASES["en"] else set())
        words.append(Word(frozenset(lemmas), t.like_num or any(c.isdigit() for c in lower), lower in _EN_ONCE,
                          t.pos_ in ("NOUN", "PROPN"), lower, t.pos_ in _EN_FUNCTION or lemma in ("do", "be", "have")))
    return words


def _finnish_words(text: str) -> list[Word]:
    words = []
    for kind, _, token in finnish.tokens(text):
        if kind != "word":
            if token.strip() in _BOUNDARIES:
                words.append(Word(frozenset(), False, False, False, token, True, True))
            continue
        lower = token.lower()
        analyses = finnish.analyses(token)
        lemmas = set(finnish_lemmas(lower)) | ({_ALIASES["fi"][lower]} if lower in _ALIASES["fi"] else set())
        numeral = any(c.isdigit() for c in lower) or any(a.get("CLASS") == "lukusana" for a in analyses)
        once = lower == "1" or any(a.get("CLASS") == "lukusana" and a.get("BASEFORM") == "yksi" for a in analyses)
        noun = lower in _ALIASES["fi"] or any(a.get("CLASS") == "nimisana" for a in analyses)
        words.append(Word(frozenset(lemmas), numeral, once, noun, lower))
    return words


def words_of(text: str, lang: str) -> list[Word]:
    return _finnish_words(text) if lang == "fi" else _english_words(text)


def _head(word: Word, lang: str) -> set[str]:
    """A Finnish compound's own lemma and its last part (osaamistavoite -> tavoite)."""
    if lang != "fi":
        return set(word.lemmas)
    lemmas = finnish_lemmas(word.text)
    return {lemmas[0], lemmas[-1]} | (set(word.lemmas) - set(lemmas))


def _nouns_after(words: list[Word], start: int, lang: str) -> set[str]:
    """What is counted from `start` on: the Finnish noun ("monta tuntia"), or the English words
    up to the next function word ("many action verbs should", "many hours of study")."""
    found: set[str] = set()
    for word in words[start : start + 4]:
        if lang == "fi":
            return _head(word, lang) if word.noun else set()
        if word.function:
            break
        found |= word.lemmas
    return found


def quantity_question(question: str, lang: str) -> QuantityQuestion | None:
    """The unit a how-many/how-long question asks for, and what it asks per one of, or None."""
    words = words_of(question, lang)
    many, long = (_FI_MANY, _FI_LONG) if lang == "fi" else (_EN_MANY, _EN_LONG)
    units: set[str] = set()
    for i, word in enumerate(words):
        if word.text in long:
            units = set(_TIME[lang if lang == "fi" else "en"])
            break
        if word.text in many:
            units = _nouns_after(words, i + 1, lang)
            break
    if not units:
        return None
    per: set[str] = set()
    for i, word in enumerate(words):
        if word.once:
            per |= _nouns_after(words, i + 1, lang) - units
        if lang == "fi" and word.text in _FI_ONCE_AFTER and i:
            per |= _head(words[i - 1], lang) - units
    return QuantityQuestion(frozenset(units), frozenset(per))


def _number_before(words: list[Word], i: int) -> bool:
    """A numeral among the WINDOW words before words[i], within its phrase."""
    for word in reversed(words[max(0, i - WINDOW) : i]):
        if word.boundary:
            return False
        if word.numeral:
            return True
    return False


def answers_quantity(sentence: str, lang: str, asked: QuantityQuestion) -> float:
    """1.0: a number with the asked unit, and the per-thing counted once if the question has
    one; 0.5: the number with its unit only; 0.0: neither."""
    words = words_of(sentence, lang)
    counted = any(word.lemmas & asked.units and _number_before(words, i) for i, word in enumerate(words))
    if not counted:
        return 0.0
    if not asked.per:
        return 1.0
    once = any(
        word.lemmas & asked.per
        and (any(w.once for w in words[max(0, i - 2) : i])
             or (lang == "fi" and i + 1 < len(words) and words[i + 1].text in _FI_ONCE_AFTER))
        for i, word in enumerate(words)
    )
    return 1.0 if once else 0.5


def number_values(text: str, lang: str) -> set[str]:
    """The numbers a text states, in digits or in words ("ten standards" -> "10")."""
    values = set()
    for word in words_of(text, lang):
        if not word.numeral:
            continue
        values |= {n.replace(",", ".") for n in _DIGITS.findall(word.text)}
        values |= {str(_NUMBER_WORDS[lang][lemma]) for lemma in word.lemmas if lemma in _NUMBER_WORDS.get(lang, {})}
    return values
