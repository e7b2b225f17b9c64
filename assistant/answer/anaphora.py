"""Does a sentence lean on the one before it? "Avoid them as the main verb:" or "Älä käytä niitä
pääverbinä:" says nothing quoted alone: 'them' is the verbs of the sentence before. A sentence
whose opening words hold a third-person pronoun is quoted together with its antecedent.

The pronoun is found by the language's own tools (spaCy's part of speech for English, Voikko's
word class and base form for Finnish); the pronouns that point back are a closed class.
"""

from __future__ import annotations

from assistant.nlp import english, finnish

# Within these first words a pronoun points back; later ones usually point inside the sentence.
OPENING_WORDS = 4
_EN_POINTING_BACK = {"it", "its", "they", "them", "their", "this", "these", "those", "such"}
_FI_POINTING_BACK = {"se", "ne", "tämä", "nämä", "tuo", "nuo"}


def refers_back(sentence: str, lang: str) -> bool:
    if lang == "fi":
        words = [text for kind, _, text in finnish.tokens(sentence) if kind == "word"][:OPENING_WORDS]
        return any(a.get("CLASS") == "asemosana" and (a.get("BASEFORM") or "").lower() in _FI_POINTING_BACK
                   for word in words for a in finnish.analyses(word)[:1])
    if lang != "en":
        return False
    words = [t for t in english.parse(sentence) if not t.is_punct][:OPENING_WORDS]
    # spaCy reads "This means" as a pronoun and "This document" as a determiner: only the first leans back.
    return any(t.pos_ == "PRON" and t.lower_ in _EN_POINTING_BACK for t in words)
