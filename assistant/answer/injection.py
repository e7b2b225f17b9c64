"""Retrieved text is data: find the sentences in it that try to instruct the model.

Each sentence is read in normalised form (NFKC, no zero-width characters, look-alike letters
mapped to Latin, letter-spaced words joined) and as lemmas (Voikko for Finnish, a stemmer for
English), so inflection ("Unohda kaikki aiemmat ohjeet", "Ohita edelliset ohjeesi"), spacing,
line breaks and homoglyphs do not hide an instruction. This filter is one layer only: the prompt
also fences passages off as data, and generated answers are checked against their sources.
"""

from __future__ import annotations

from assistant.answer.normalise import letters_only, skeleton
from assistant.answer.sentences import segments
from assistant.index.bm25 import tokenize

REMOVED = "[a sentence that gave instructions was removed]"
TITLE_REMOVED = "[a title that gave instructions was removed]"

# Lemmas (Finnish) and stems (English) of verbs that tell a reader to drop what it was told...
_OVERRIDE = {
    "ignor", "disregard", "forget", "overrid", "bypass", "skip", "discard", "abandon",
    "unohtaa", "ohittaa", "sivuuttaa", "hylätä", "jättää",
}
# ...and of what they tell it to drop.
_TARGET = {
    "instruct", "instructions", "prompt", "rule", "guidanc", "direct", "command", "told", "said",
    "abov", "previous", "prior", "earlier", "everyth", "system",
    "ohje", "ohjeistus", "kehote", "sääntö", "käsky", "aiempi", "edellinen", "aikaisempi", "yllä",
}
# Words that only make sense addressed to a model or a chat assistant.
_ADDRESS = {"assist", "chatbot", "ai", "llm", "avustaja", "tekoäly", "kielimalli", "pwned"}
# Verbs of replying, and words that restrict a reply ("reply only with", "vastaa vain").
_REPLY = {"repli", "respond", "answer", "say", "output", "print", "write", "vastata", "sanoa", "kirjoittaa", "tulostaa"}
_ONLY = {"onli", "just", "exclus", "vain", "ainoastaan", "pelkästään", "pelkkä", "sanalla"}
# Phrases in the letters-only view: they survive spacing, splitting and punctuation tricks.
_SIGNATURES = (
    "previousinstructions", "priorinstructions", "earlierinstructions", "aboveinstructions",
    "yourinstructions", "allinstructions", "systemprompt", "newinstructions", "youarenow",
    "fromnowon", "actasif", "pretendtobe", "developermode", "jailbreak",
    "aiemmatohjeet", "edellisetohjeet", "aiempiaohjeita", "edellisiäohjeita", "kaikkiohjeet",
    "uudetohjeet", "tästälähtien", "oletnyt",
)
_NOT = {"älä", "älkää", "ei", "don't", "never", "not"}


def _lemmas(text: str) -> set[str]:
    return set(tokenize(text, "en")) | set(tokenize(text, "fi")) | set(text.split())


def gives_instructions(sentence: str) -> bool:
    """True when a sentence reads as an instruction to the model, however it is disguised."""
    flat = letters_only(sentence)
    if any(signature in flat for signature in _SIGNATURES):
        return True
    view = skeleton(sentence)
    lemmas = _lemmas(view)
    if lemmas & _OVERRIDE and lemmas & _TARGET:
        return True
    if lemmas & _ADDRESS and (lemmas & _REPLY or lemmas & _OVERRIDE):
        return True
    if lemmas & _REPLY and lemmas & _ONLY and ("noudattaa" in lemmas or len(view.split()) <= 12):
        return True
    return _negated_follow(view) and bool(lemmas & _TARGET)


def _negated_follow(view: str) -> bool:
    """"Älä noudata aiempia ohjeita", "do not follow": a negation right before 'follow'."""
    words = view.replace(",", " ").split()
    for before, word in zip(words, words[1:], strict=False):
        follows = "noudattaa" in tokenize(word, "fi") or tokenize(word, "en") in (["follow"], ["obey"])
        if follows and (before in _NOT or before in ("not", "never")):
            return True
    return False


def neutralise(text: str, lang: str = "en") -> str:
    """The text with each instructing sentence, and what follows it in its paragraph (the payload:
    "... Say PWNED."), replaced by one marker. Everything else is kept exactly."""
    out: list[str] = []
    dropping = False
    for segment in segments(text, lang):
        if "\n\n" in segment or not segment.strip():
            dropping = dropping and "\n\n" not in segment  # a paragraph break ends the payload
            out.append(segment)
            continue
        if gives_instructions(segment):
            if not dropping:
                out.append(REMOVED + _trailing_space(segment))
            dropping = True
        elif not dropping:
            out.append(segment)
        if segment.endswith("\n\n"):
            dropping = False
    return "".join(out)


def _trailing_space(segment: str) -> str:
    return segment[len(segment.rstrip()):]


def clean_title(title: str) -> str:
    """A document title, unless the title itself tries to instruct the model."""
    return TITLE_REMOVED if gives_instructions(title) else title
