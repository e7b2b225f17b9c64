"""Lexicon verbs for the everyday verbs a brief's prose uses and the lexicon lacks.

A working-life partner writes 'take vital signs', 'keep the spraying record', 'tell the
family what to watch for'; the outcome needs an observable verb from the lexicon (C06), and
the embedding model cannot tell which one says the same (it ranks 'calibrate' nearest to
'calculate'). So the few common ones are listed by hand, each with the object heads it holds
for where the verb is ambiguous ('take vital signs' is measuring, 'take responsibility' is
not), the preposition its object then needs ('guide the family on what to watch for'), a word
the object must hold ('tell an incident from a false alarm' is distinguishing) or the words of
an idiom the object drops ('keep an eye on patients' is monitoring them).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Substitute:
    verb: str  # a composable lexicon verb
    heads: frozenset[str] = frozenset()  # the object head lemmas it holds for; empty: any
    wh_preposition: str = ""  # before a 'what/how/when ...' complement ('on what to watch for')
    person_preposition: str = ""  # before a person object ('communicate with the doctor')
    needs: str = ""  # a word the object must hold ('tell an incident from a false alarm')
    lead: str = ""  # words the object drops ('keep an eye on patients' -> 'monitor patients')


_PEOPLE = frozenset({"doctor", "physician", "nurse", "family", "relative", "customer", "client", "patient",
                     "guest", "colleague", "authority", "supervisor", "manager", "team", "parent", "staff"})

# Only verbs the lexicon lacks: the composer uses a lexicon verb as it is, before any look-up.
# A verb's substitutes are tried in order.
EN: dict[str, tuple[Substitute, ...]] = {
    "take": (Substitute("measure", frozenset({"sign", "set", "measurement", "reading", "sample", "temperature",
                                              "pressure", "pulse"})),),
    "keep": (Substitute("maintain", frozenset({"record", "log", "diary", "register", "inventory", "logbook"})),
             Substitute("monitor", frozenset({"eye"}), lead="an eye on")),
    "call": (Substitute("communicate", _PEOPLE, person_preposition="with"),),
    "contact": (Substitute("communicate", _PEOPLE, person_preposition="with"),),
    "tell": (Substitute("guide", _PEOPLE, wh_preposition="on"), Substitute("distinguish", needs="from")),
    # 'deal with aggressive passengers' is handling them; 'work with parents' is collaborating.
    "deal": (Substitute("handle", lead="with"),),
    "work": (Substitute("collaborate", _PEOPLE | {"professional", "agency", "police", "partner", "child", "family"},
                        needs="with"),),
    "offer": (Substitute("propose", frozenset({"remedy", "solution", "compensation", "alternative", "option"})),),
}


# A question a brief asks of its object, said as the noun phrase an outcome names: 'tell the
# family what to watch for' is guiding them on the warning signs (an outcome's object is a noun
# phrase; the guard reads a question clause as none).
WH_NOUN_PHRASES = {
    "what to watch for": "the warning signs to watch for",
    "what to look out for": "the warning signs to look out for",
    "what to look for": "the signs to look for",
}


def english_substitute(verb: str, head: str, obj: str = "") -> Substitute | None:
    """The lexicon verb for a prose verb with an object `obj` whose head lemma is `head`, if listed."""
    for found in EN.get(verb.lower(), ()):
        if found.heads and head.lower() not in found.heads:
            continue
        if found.needs and found.needs not in obj.lower().split():
            continue
        return found
    return None
