"""Whether a verb takes the kind of object it is given: people, or things and activities.

The lexicon's example objects say what each verb takes ('guide new employees', 'apply lean
principles'). A verb none of whose examples has a person as its head does not take people:
'apply guests with different disabilities' reads wrongly, 'guide guests ...' does not. The
object's head is read with spaCy (English) or Voikko (Finnish base form); which heads name
people is a word list, since neither tool has word senses (the bundled embedding model ranks
verbs by their example objects too loosely to tell this apart: tried, see the report of
issue 13).
"""

from __future__ import annotations

from functools import cache

from assistant.rules.lexicon import load_lexicon

PEOPLE = {
    "en": frozenset({
        "guest", "customer", "client", "patient", "family", "relative", "parent", "child", "pupil", "student",
        "learner", "colleague", "employee", "worker", "staff", "team", "tenant", "resident", "visitor", "traveller",
        "passenger", "user", "volunteer", "doctor", "nurse", "physician", "manager", "supervisor", "partner",
        "supplier", "stakeholder", "authority", "member", "people", "person", "newcomer", "driver", "owner",
        "buyer", "seller", "audience", "participant", "citizen", "farmer", "trainee", "apprentice", "crew",
    }),
    "fi": frozenset({
        "asiakas", "potilas", "omainen", "vanhempi", "lapsi", "oppilas", "opiskelija", "kollega", "työntekijä",
        "henkilöstö", "tiimi", "vuokralainen", "asukas", "vierailija", "matkailija", "matkustaja", "käyttäjä",
        "vapaaehtoinen", "lääkäri", "hoitaja", "esihenkilö", "kumppani", "toimittaja", "sidosryhmä",
        "viranomainen", "jäsen", "ihminen", "henkilö", "kuljettaja", "omistaja", "ostaja", "myyjä", "yleisö",
        "osallistuja", "kansalainen", "viljelijä", "harjoittelija", "miehistö", "vieras", "perhe", "työyhteisö",
    }),
}


def head_lemma(obj: str, language: str) -> str:
    """The object's head noun as a lemma ('guests with different disabilities' -> 'guest')."""
    words = obj.split()
    if not words:
        return ""
    if language == "fi":
        from assistant.nlp import finnish

        # The first word in the nominative or partitive heads a Finnish object; a genitive one
        # may be an attribute ('asiakkaan laskuttamisen'), so an object of genitives is not read.
        for word in words:
            bare = word.strip(",.")
            found = finnish.cases(bare)
            if found & {"nimento", "osanto"}:
                return finnish.lemma(bare).lower()
            if not found & {"omanto"}:
                break
        return ""
    from assistant.nlp.english import parse

    doc = parse(obj)
    chunks = list(doc.noun_chunks)
    if chunks and chunks[0].start == 0:
        return chunks[0].root.lemma_.lower()
    roots = [t for t in doc if t.dep_ == "ROOT"]
    return roots[0].lemma_.lower() if roots else ""


def is_person(obj: str, language: str) -> bool:
    return head_lemma(obj, language) in PEOPLE["fi" if language == "fi" else "en"]


@cache
def takes_people(verb: str, language: str) -> bool:
    """Whether any of the verb's example objects has a person as its head."""
    entry = load_lexicon().verb(language, verb)
    if entry is None:
        return True  # unknown verbs are C06's business
    return any(is_person(example, language) for example in entry.examples)


# The general verbs the composer gives an object whose own verb it could not use. A verb of the
# planner's ('manage suppliers', 'select staff') is theirs to choose and is not second-guessed.
FALLBACK_VERBS = {
    "en": frozenset({"apply", "implement", "use", "design", "plan", "explain", "analyse", "describe"}),
    "fi": frozenset({"soveltaa", "toteuttaa", "hyödyntää", "käyttää", "suunnitella", "selittää", "laatia",
                     "analysoida", "kuvata"}),
}


def misfit(verb: str, obj: str, language: str) -> bool:
    """A people object for a fallback verb that takes none ('apply guests', 'analysoida
    asiakkaita')."""
    if verb not in FALLBACK_VERBS["fi" if language == "fi" else "en"]:
        return False
    first = obj.split()[0].lower() if obj.split() else ""
    if first in {"with", "to", "for", "on", "kanssa"}:
        return False  # a prepositional complement, not the direct object
    return is_person(obj, language) and not takes_people(verb, language)
