"""The grammar guard every drafted outcome passes before it is shown.

An outcome's object is a noun phrase with no finite verb (spaCy tags for English, Voikko mood
and person for Finnish); no run of six or more words is copied from the brief's prose; every
Finnish word is one Voikko knows; and a Finnish object stands in a case its verb takes. An
outcome that fails is not shown: the composer tries another phrasing, and a skill that finds
none is reported to the planner as one to write by hand.
"""

from __future__ import annotations

import re

from assistant import nlp
from assistant.drafting.common import STEMS

COPY_LIMIT = 6  # words: a run this long from the brief's prose is pasted, not written
_WORD = re.compile(r"[\w'’-]+")
_OBJECT_CASES = {"nimento", "omanto", "osanto"}


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def longest_copied_run(text: str, prose: str) -> int:
    """The most consecutive words of `text` that stand, in that order, in `prose`."""
    mine, theirs = words(text), words(prose)
    if not mine or not theirs:
        return 0
    best = 0
    previous = [0] * (len(theirs) + 1)
    for a in mine:
        current = [0] * (len(theirs) + 1)
        for j, b in enumerate(theirs, start=1):
            if a == b:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def body(text: str, language: str) -> str:
    """The outcome without its stem ('The learner can', 'Opiskelija osaa'), which is no copy."""
    stem = STEMS[language]
    return text[len(stem):].strip() if text.startswith(stem) else text


def problems(text: str, verb: str, obj: str, language: str, prose: str) -> list[str]:
    """What keeps an outcome from being shown; empty when it passes."""
    out = []
    run = longest_copied_run(body(text, language), prose)
    if run >= COPY_LIMIT:
        out.append(f"copies {run} words in a row from the brief")
    finite = nlp.finite_verbs(obj, language, verb)
    if finite:
        out.append(f"its object has a finite verb ({', '.join(finite)})")
    if language == "fi":
        unknown = nlp.unknown_words(text)
        if unknown:
            out.append(f"Voikko does not know {', '.join(unknown)}")
        if not any(nlp.cases(w.rstrip(",")) & _OBJECT_CASES for w in obj.split()):
            out.append(f"no object in a case '{verb}' takes")
    elif not _has_noun(verb, obj):
        out.append("its object has no noun")
    return out


def _has_noun(verb: str, obj: str) -> bool:
    from assistant.nlp.english import parse

    prefix = f"The learner can {verb} "
    doc = parse(prefix + obj)
    return any(t.pos_ in {"NOUN", "PROPN", "PRON"} for t in doc if t.idx >= len(prefix))
