"""Finnish noun phrases in another case, by generate-and-test against voikko's analyser.

libvoikko analyses words but cannot generate them, so candidate forms are built from the word
with a few stem changes and case endings, and only a form that voikko reads back as the same
base form in the wanted case and number is accepted. No accepted form means None: callers fall
back to a phrasing that needs no inflection, so nothing ungrammatical is guessed.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.rules import finnish

Case = str  # voikko's SIJAMUOTO names: nimento, omanto, osanto, sisaolento, ...

# Endings tried per (case, number), commonest first; voikko rejects the wrong vowel harmony.
_ENDINGS: dict[tuple[str, str], tuple[str, ...]] = {
    ("osanto", "singular"): ("a", "ä", "ta", "tä", "tta", "ttä", "sta", "stä", "utta", "yttä", "ea", "eä"),
    ("osanto", "plural"): (
        "ia", "iä", "ja", "jä", "ita", "itä", "eja", "ejä", "oja", "öjä", "sia", "siä",
        "ksia", "ksiä", "uksia", "yksiä", "oita", "öitä", "ia", "ita", "mia", "miä",
    ),
    ("omanto", "singular"): ("n", "en", "den", "ksen", "sen", "een", "uden", "yden", "tten", "an", "än", "men"),
    ("omanto", "plural"): ("ien", "jen", "iden", "iten", "ksien", "sten", "sien", "ojen", "öjen", "mien"),
    ("nimento", "singular"): ("", "a", "ä", "i", "e", "s", "nen", "us", "ys", "in", "uus", "yys"),
    ("nimento", "plural"): ("t", "et", "at", "ät", "kset", "set", "det", "uudet", "yydet", "met"),
    ("sisaolento", "singular"): ("ssa", "ssä", "essa", "essä", "assa", "ässä", "ksessa", "ksessä", "sessa", "sessä", "dessa", "dessä"),
    ("sisaolento", "plural"): ("issa", "issä", "eissa", "eissä", "ksissa", "ksissä", "sissa", "sissä", "oissa", "öissä", "uissa", "yissä", "missa", "missä"),
}
# Consonant gradation both ways, longest cluster first; voikko decides which variant is real.
_GRADATION: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("kk", ("k",)), ("pp", ("p",)), ("tt", ("t",)), ("nk", ("ng",)), ("ng", ("nk",)),
    ("mp", ("mm",)), ("mm", ("mp",)), ("lk", ("lj", "l")), ("rk", ("rj", "r")), ("hk", ("h",)), ("lt", ("ll",)), ("ll", ("lt",)), ("nt", ("nn",)),
    ("nn", ("nt",)), ("rt", ("rr",)), ("rr", ("rt",)), ("k", ("kk", "")), ("p", ("pp", "v")),
    ("t", ("tt", "d")), ("d", ("t",)), ("v", ("p",)),
)
_VOWELS = "aeiouyäö"
_LAST_CLUSTER = re.compile(rf"([^{_VOWELS}\W\d]+)([{_VOWELS}]*)$", re.IGNORECASE)
_NOMINAL = {"nimisana", "laatusana", "nimisana_laatusana", "lukusana", "asemosana", "teonsana"}


@cache
def analyses(word: str) -> tuple[dict[str, str], ...]:
    """Every analysis voikko gives for a word (cached per process)."""
    return tuple(dict(a) for a in finnish._voikko().analyze(word))  # type: ignore[attr-defined]


def _nominal(word: str) -> list[dict[str, str]]:
    # Infinitive-derived nouns ("kehittäminen") come back as verbs with a case: keep those too.
    # A reading with a possessive suffix last: 'tilanne' is a situation before it is 'tila-nne'.
    return sorted((a for a in analyses(word) if a.get("CLASS") in _NOMINAL and a.get("SIJAMUOTO")),
                  key=lambda a: bool(a.get("POSSESSIVE")))


def _stems(word: str) -> list[str]:
    """The word cut by 0-4 letters, each with its gradation variants."""
    out: list[str] = []
    for cut in range(5):
        stem = word[: len(word) - cut] if cut else word
        if len(stem) < 2:
            break
        out.append(stem)
        match = _LAST_CLUSTER.search(stem)
        if match:
            cluster, start = match.group(1), match.start(1)
            for strong, weak in _GRADATION:
                if cluster.lower().endswith(strong):
                    head = stem[: start + len(cluster) - len(strong)]
                    out += [head + w + stem[start + len(cluster):] for w in weak]
                    break
    return list(dict.fromkeys(out))


@cache
def inflect_word(word: str, case: Case, number: str | None = None) -> str | None:
    """The word in `case` (and `number`, default its own), checked by voikko; None if not found."""
    # A nominative reading first: callers give nominatives, and Voikko also reads
    # 'kestävyysviestintä' as the partitive of 'kestävyysviestin'.
    readings = sorted(_nominal(word), key=lambda a: a.get("SIJAMUOTO") != "nimento")
    if not readings:
        return None
    for reading in readings:
        base, want = reading.get("BASEFORM", ""), number or reading.get("NUMBER", "singular")
        if reading.get("SIJAMUOTO") == case and reading.get("NUMBER") == want:
            return word
        for source in dict.fromkeys([base, word]):
            for stem in _stems(source):
                for ending in _ENDINGS.get((case, want), ()):
                    candidate = stem + ending
                    if any(
                        a.get("BASEFORM") == base and a.get("SIJAMUOTO") == case
                        and a.get("NUMBER") == want and not a.get("POSSESSIVE")
                        and a.get("COMPARISON") == reading.get("COMPARISON")
                        for a in analyses(candidate)
                    ):
                        return candidate
    return None


def case_of(word: str) -> set[str]:
    """The cases voikko reads a word in."""
    return {a["SIJAMUOTO"] for a in _nominal(word)}


def _agrees(word: str) -> bool:
    # Words that change with the head: nominative nouns, adjectives, numerals, pronouns.
    return not word.endswith("-") and "nimento" in case_of(word)


def inflect_phrase(phrase: str, case: Case) -> str | None:
    """A nominative noun phrase in `case`: every nominative word changes, attributes in other
    cases ("asiakasdatan", "pk-yrityksissä") stay. None when a word cannot be inflected."""
    words = phrase.split()
    if not any(_agrees(w.rstrip(",")) for w in words):
        return None
    out = []
    for token in words:
        word = token.rstrip(",")  # list commas ("A, B ja C") stay where they were
        if word.lower() in {"ja", "tai", "sekä"} or not _agrees(word):
            out.append(token)
            continue
        form = inflect_word(word, case)
        if form is None:
            return None
        out.append(form + token[len(word):])
    return " ".join(out)


def to_nominative(words: list[str]) -> list[str]:
    """The phrase's head (its last word) and the adjectives before it back in the nominative."""
    if not words:
        return words
    out = list(words)
    head_cases = case_of(out[-1])
    for index in range(len(out) - 1, -1, -1):
        word = out[index]
        is_head = index == len(out) - 1
        adjective = any(a.get("CLASS") == "laatusana" for a in _nominal(word))
        if not is_head and not (adjective and case_of(word) & head_cases):
            break
        if "nimento" in case_of(word):
            continue
        form = inflect_word(word, "nimento")
        if form is None:
            break
        out[index] = form
    return out


def derived_verb(word: str) -> str | None:
    """The verb a Finnish action noun comes from ('analysointi' -> 'analysoida'), or None."""
    if word.lower().endswith(("elu", "ely")) and _is_verb(verb := word[:-1] + ("la" if word.endswith("u") else "lä")):
        return verb  # 'valmistelu' -> 'valmistella', not 'valmistaa' (Voikko's base for it)
    for a in analyses(word):
        if a.get("CLASS") == "teonsana" and word.lower().endswith(("minen", "mista", "mistä", "misen")):
            return a.get("BASEFORM")
        wordbases = a.get("WORDBASES", "")
        # Only a simple action noun: the verb is its first base ("asiakaspalvelu" is a compound).
        first = re.match(r"\+[^(+]+\(([^)]+)\)", wordbases)
        if first and _is_verb(first.group(1)) and re.search(r"\+(?:n\+ti|n\+ta|n\+tä|u|us|ys|y|o|ö|to|tö)\(", wordbases):
            return first.group(1)
    if word.lower().endswith(("us", "ys")) and _is_verb(verb := word[:-2] + ("ta" if word.endswith("us") else "tä")):
        return verb  # 'siivous' -> 'siivota': Voikko gives 'siivous' no parts
    return None


def _is_verb(word: str) -> bool:
    return any(a.get("CLASS") == "teonsana" for a in analyses(word))


def minen_form(verb: str) -> str | None:
    """The action noun of a verb ('sopia' -> 'sopiminen'), checked by Voikko; None if not found."""
    stems = [verb[:-1], verb[:-2], verb[:-2] + "e", verb[:-3] + "ke", verb[:-2] + "a", verb[:-2] + "ä"]
    if verb.endswith(("ata", "ätä", "ota", "ötä", "uta", "ytä", "ita", "itä")):
        # 'ladata' -> 'lataaminen', 'tavata' -> 'tapaaminen': the strong grade of the last
        # consonant before a doubled vowel (guessed, then read back by Voikko).
        root, vowel = verb[:-3], verb[-3]
        for weak, strong in (("d", "t"), ("v", "p"), ("t", "tt"), ("p", "pp"), ("k", "kk"), ("ng", "nk"),
                             ("mm", "mp"), ("nn", "nt"), ("ll", "lt"), ("rr", "rt"), ("j", "k"), ("", "k")):
            if root.endswith(weak):
                stems.append(root[:len(root) - len(weak)] + strong + vowel + vowel)
    for stem in stems:
        candidate = stem + "minen"
        if any(a.get("MOOD") == "MINEN-infinitive" and a.get("BASEFORM") == verb for a in analyses(candidate)):
            return candidate
    return None
