"""The grammar guard every drafted outcome passes before it is shown.

An outcome's object is a noun phrase with no finite verb (spaCy tags for English, Voikko mood
and person for Finnish); in English it has a noun (a wh-word only with its infinitive) and does
not start with a second verb; in Finnish it is no pronoun left pointing at nothing. Its brackets
close; no run of six or more words is copied from the brief's prose; every Finnish word is one
Voikko knows; a Finnish object stands in a case its verb takes (a verb that takes none, in some
case); and the verb takes the kind of object it has (no people for a verb that takes things:
drafting/fit.py). An outcome that fails is not shown: the composer tries another phrasing, and a
skill that finds none is reported to the planner as one to write by hand.
"""

from __future__ import annotations

import re

from assistant import nlp
from assistant.drafting import fit
from assistant.drafting.common import STEMS
from assistant.drafting.verbs import government
from assistant.nlp.finnish import POINTING_PRONOUNS, analyses

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


# What the guard found, and what the composer could not draft, in the outcome's language: the
# planner reads these in the Draft tab and the CLI.
MESSAGES = {
    "en": {
        "copied": "copies {n} words in a row from the brief",
        "finite": "its object has a finite verb ({words})",
        "unknown": "Voikko does not know {words}",
        "case": "no object in a case '{verb}' takes",
        "no_noun": "its object has no noun",
        "pronoun": "its object is a pronoun ('{word}') with nothing before it to point at",
        "second_verb": "its object starts with a second verb ('{word}')",
        "bracket": "a bracket is opened and not closed, or closed and not opened",
        "attribute": "its object ends in an attribute ('{word}') without the noun it qualifies",
        "misfit": "'{verb}' does not take people ('{head}') as its object",
        "lost_object": "no phrasing kept a word of the skill's own object",
        "skipped": "Could not turn '{skill}' into an outcome ({problems}); write it as a short skill (a verb and its object).",
        "general": "Outcome {numbers} is a general one about judging or sharing one's own work, added because a "
                   "credential of this size needs at least {low} outcomes: replace it with a skill of this credential.",
        "general_many": "Outcomes {numbers} are general ones about judging or sharing one's own work, added because "
                        "a credential of this size needs at least {low} outcomes: replace them with skills of this "
                        "credential.",
        "no_skills": "No skill need was read from the brief, so every outcome is a general one. Write the needs "
                     "as skills, one per line ('calculate transport emissions'), or as sentences such as "
                     "'They need to …'.",
    },
    "fi": {
        "copied": "kopioi kuvauksesta {n} sanaa peräkkäin",
        "finite": "kohteessa on finiittiverbi ({words})",
        "unknown": "Voikko ei tunne sanoja {words}",
        "case": "ei objektia sijassa, jota '{verb}' vaatii",
        "no_noun": "kohteessa ei ole substantiivia",
        "pronoun": "kohde on pronomini ('{word}'), jolle ei löytynyt viittauskohdetta",
        "second_verb": "kohde alkaa toisella verbillä ('{word}')",
        "bracket": "sulkumerkki jää parittomaksi",
        "attribute": "kohde päättyy määritteeseen ('{word}') ilman sen pääsanaa",
        "misfit": "'{verb}' ei sovi henkilöön kohdistuvaksi ('{head}')",
        "lost_object": "mikään muotoilu ei säilyttänyt sanaakaan taidon omasta kohteesta",
        "skipped": "Taidosta '{skill}' ei saatu osaamistavoitetta ({problems}); kirjoita se lyhyeksi taidoksi (verbi ja kohde).",
        "general": "Osaamistavoite {numbers} on yleinen, oman työn arviointia tai jakamista koskeva: se lisättiin, "
                   "koska tämän laajuinen kokonaisuus tarvitsee vähintään {low} tavoitetta. Korvaa se tämän "
                   "kokonaisuuden omalla taidolla.",
        "general_many": "Osaamistavoitteet {numbers} ovat yleisiä, oman työn arviointia tai jakamista koskevia: ne "
                        "lisättiin, koska tämän laajuinen kokonaisuus tarvitsee vähintään {low} tavoitetta. Korvaa "
                        "ne tämän kokonaisuuden omilla taidoilla.",
        "no_skills": "Kuvauksesta ei luettu yhtään osaamistarvetta, joten kaikki tavoitteet ovat yleisiä. Kirjoita "
                     "tarpeet taitoina, yksi riville ('laskea kuljetusten päästöt'), tai lauseina kuten "
                     "'Henkilöstön pitää osata …'.",
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
        last = obj.split()[-1].rstrip(",.") if obj.split() else ""
        if _plural_genitive(last):
            # 'kuvata allergeenien' (cut from 'allergeenien ristikontaminaation estäminen'): a
            # plural genitive is never an object, only the attribute of a noun that was cut.
            out.append(message("attribute", language, word=last))
        first = obj.split()[0] if obj.split() else ""
        if first.lower() in POINTING_PRONOUNS:
            out.append(message("pronoun", language, word=first))  # nothing found for it to point at
    else:
        tail = _tail(verb, obj)
        if not _has_noun(tail):
            out.append(message("no_noun", language))
        second = _second_verb(tail)
        if second:
            out.append(message("second_verb", language, word=second))
    if text.count("(") != text.count(")"):  # a cut inside '(e.g. sizing problems, ...)'
        out.append(message("bracket", language))
    return out


def _plural_genitive(word: str) -> bool:
    """Only a plural genitive in every reading: not 'huomioiden', also a verb form ('taking into account')."""
    readings = analyses(word)
    return bool(readings) and all(a.get("SIJAMUOTO") == "omanto" and a.get("NUMBER") == "plural" for a in readings)


def _tail(verb: str, obj: str) -> list:
    """The object's tokens, parsed where they stand in an outcome."""
    from assistant.nlp.english import parse

    prefix = f"The learner can {verb} "
    return [t for t in parse(prefix + obj) if t.idx >= len(prefix)]


def _has_noun(tail: list) -> bool:
    # 'drive smoothly', 'communicate clearly': a verb with its manner needs no object noun.
    manner = 0 < len(tail) <= 2 and all(t.pos_ == "ADV" and t.lower_.endswith("ly") for t in tail)
    # A wh-word is an object with its infinitive ('decide what to isolate'); alone it is a
    # clause cut short ('guide what').
    return manner or any(t.pos_ in {"NOUN", "PROPN"} or (t.pos_ == "PRON" and (
        not t.tag_.startswith("W") or (n + 1 < len(tail) and tail[n + 1].lower_ == "to"))) for n, t in enumerate(tail))


def _second_verb(tail: list) -> str:
    """A base-form verb the object starts with ('manage apply consumer protection rules': a
    lead-in's verb stacked on the need's), or ''."""
    return tail[0].text if tail and tail[0].tag_ == "VB" and tail[0].pos_ in {"VERB", "AUX"} else ""
