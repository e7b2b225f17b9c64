"""The grammar guard every drafted outcome passes before it is shown.

An outcome's object is a noun phrase with no finite verb (spaCy tags for English, Voikko mood
and person for Finnish); no run of six or more words is copied from the brief's prose; every
Finnish word is one Voikko knows; a Finnish object stands in a case its verb takes (a verb that
takes none, in some case); and the
verb takes the kind of object it has (no people for a verb that takes things: drafting/fit.py). An
outcome that fails is not shown: the composer tries another phrasing, and a skill that finds
none is reported to the planner as one to write by hand.
"""

from __future__ import annotations

import re

from assistant import nlp
from assistant.drafting import fit
from assistant.drafting.common import STEMS
from assistant.drafting.verbs import government

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


# What the guard found, in the outcome's language: the planner reads these in the Draft tab.
MESSAGES = {
    "en": {
        "copied": "copies {n} words in a row from the brief",
        "finite": "its object has a finite verb ({words})",
        "unknown": "Voikko does not know {words}",
        "case": "no object in a case '{verb}' takes",
        "no_noun": "its object has no noun",
        "misfit": "'{verb}' does not take people ('{head}') as its object",
        "lost_object": "no phrasing kept a word of the skill's own object",
        "skipped": "Could not turn '{skill}' into an outcome ({problems}); write it as a skill.",
    },
    "fi": {
        "copied": "kopioi kuvauksesta {n} sanaa peräkkäin",
        "finite": "kohteessa on finiittiverbi ({words})",
        "unknown": "Voikko ei tunne sanoja {words}",
        "case": "ei objektia sijassa, jota '{verb}' vaatii",
        "no_noun": "kohteessa ei ole substantiivia",
        "misfit": "'{verb}' ei sovi henkilöön kohdistuvaksi ('{head}')",
        "lost_object": "mikään muotoilu ei säilyttänyt sanaakaan taidon omasta kohteesta",
        "skipped": "Taidosta '{skill}' ei saatu osaamistavoitetta ({problems}); kirjoita se taitona.",
    },
}


def message(key: str, language: str, **values) -> str:
    return MESSAGES.get(language, MESSAGES["en"])[key].format(**values)


def problems(text: str, verb: str, obj: str, language: str, prose: str) -> list[str]:
    """What keeps an outcome from being shown, in its language; empty when it passes."""
    out = []
    run = longest_copied_run(body(text, language), prose)
    if run >= COPY_LIMIT:
        out.append(message("copied", language, n=run))
    finite = nlp.finite_verbs(obj, language, verb)
    if finite:
        out.append(message("finite", language, words=", ".join(finite)))
    if fit.misfit(verb, obj, language):
        out.append(message("misfit", language, verb=verb, head=fit.head_lemma(obj, language)))
    if language == "fi":
        unknown = nlp.unknown_words(text)
        if unknown:
            out.append(message("unknown", language, words=", ".join(unknown)))
        # A verb that takes no plain object ('toimia', 'ilmoittaa') needs a complement in some
        # case ('tietoturvapoikkeamasta'); any other needs one in an object's case.
        wanted = _OBJECT_CASES if government(verb) is not None else None
        if not any((cases := nlp.cases(w.rstrip(","))) and (wanted is None or cases & wanted) for w in obj.split()):
            out.append(message("case", language, verb=verb))
    elif not _has_noun(verb, obj):
        out.append(message("no_noun", language))
    return out


def _has_noun(verb: str, obj: str) -> bool:
    from assistant.nlp.english import parse

    prefix = f"The learner can {verb} "
    doc = parse(prefix + obj)
    return any(t.pos_ in {"NOUN", "PROPN", "PRON"} for t in doc if t.idx >= len(prefix))
