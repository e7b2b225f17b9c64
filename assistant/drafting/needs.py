"""Skill needs read from a brief: prose through the language tools, tidy lists as before.

A brief's `skill_needs` is either a list of short skill phrases ("customer data analysis") or
prose as a working-life partner writes it. Prose is read with `assistant.nlp` (spaCy for
English, Voikko for Finnish): the verb-object pairs it says someone needs, with their spans;
the sentences about who needs it and why now give none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant import nlp
from assistant.drafting.skills import skill_phrases as list_phrases
from assistant.schemas import CredentialBrief

PROSE_WORDS = 12  # an item this long is prose to be parsed, not a skill phrase
BULLETS = "-–•*"


@dataclass(frozen=True)
class Need:
    """One skill need: its text, and for prose its verb, object and span in the item."""

    text: str
    verb: str = ""
    object: str = ""
    item: int = 0  # which skill_needs item it was read from
    start: int = -1
    end: int = -1
    kind: str = "phrase"  # 'phrase' (a list item), 'verb-object', 'clause-subject'
    manner: str = ""  # written after the object, in no other case ('... huomioon ottaen')


def is_prose(item: str, language: str = "en") -> bool:
    """Prose says who needs what ('they need to ...', 'joka osaa ...') in sentences with finite
    verbs; a long list item ('create social media content, measure campaign performance') has
    neither. Prose in which no need can be read gives no skill phrases (its sentences are not
    cut into pieces by punctuation)."""
    lines = [line for line in item.splitlines() if line.strip()]
    bulleted = [line for line in lines if line.lstrip()[:1] in BULLETS]
    if len(bulleted) >= 2 and any(nlp.has_finite_verb(line, language) for line in lines if line not in bulleted):
        return True  # a sentence that leads in to a bulleted list ('Haemme osaajia, jotka hallitsevat:')
    if len(lines) > 1 and all(len(line.split()) < PROSE_WORDS for line in lines) and not _wrapped(lines):
        return False  # a list, one skill a line ('- the ability to analyse customer data')
    return len(item.split()) >= PROSE_WORDS and (bool(nlp.skill_phrases(item, language))
                                                 or nlp.has_finite_verb(item, language))


# A sentence that ends inside a line and the next that starts there: '... messuilla. Meillä on'.
_SENTENCE_INSIDE = re.compile(r"[.!?]\s+[A-ZÅÄÖ]")


def _wrapped(lines: list[str]) -> bool:
    """Prose broken into short lines (an e-mail's hard wrap), not a list of one skill a line:
    a sentence ends inside a line, or a line ends at a comma."""
    return any(_SENTENCE_INSIDE.search(line) or line.rstrip().endswith(",") for line in lines)


def read_needs(brief: CredentialBrief) -> list[Need]:
    """The skill needs in a brief, in order, deduplicated."""
    out: list[Need] = []
    seen: set[str] = set()
    for index, item in enumerate(brief.skill_needs):
        if is_prose(item, brief.language):
            found = _prose_needs(item, index, brief.language)
        else:
            found = []
            for phrase in list_phrases(item, brief.language):
                # 'The weather has been bad all year', 'Hinnat nousivat viime vuonna': a statement
                # is no skill; a need in it ('They need to calibrate sprayers') is read as prose.
                if nlp.is_statement(phrase, brief.language):
                    found += [replace(n, start=-1, end=-1) for n in _prose_needs(phrase, index, brief.language)]
                else:
                    found.append(Need(phrase, item=index))
        for need in found:
            if need.text.lower() not in seen:
                seen.add(need.text.lower())
                out.append(need)
    return out


def _prose_needs(text: str, index: int, language: str) -> list[Need]:
    return [Need(" ".join(filter(None, (p.verb, p.object, p.manner))), p.verb, p.object, index, p.start, p.end,
                 p.kind, p.manner)
            for p in nlp.skill_phrases(text, language)]


def prose_of(brief: CredentialBrief) -> str:
    """The brief's prose, which no outcome may copy six words of: prose items, and a statement
    in a list, which `read_needs` reads as prose too."""
    lang = brief.language
    return "\n".join(item if is_prose(item, lang) else "\n".join(
        p for p in list_phrases(item, lang) if nlp.is_statement(p, lang)) for item in brief.skill_needs).strip()
