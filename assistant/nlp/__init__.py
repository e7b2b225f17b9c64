"""The language tools behind one small API: sentences, noun phrases, verb-object pairs,
lemmas, cases and finite verbs. English is read with spaCy (en_core_web_sm), Finnish with
Voikko; callers pass the language and never touch either library."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.nlp.types import SkillPhrase, Span

__all__ = ["SkillPhrase", "Span", "cases", "finite_verbs", "has_finite_verb", "lemma", "noun_phrases", "sentences",
           "is_statement", "skill_phrases", "title_focus", "unknown_words"]


def _module(language: str):
    if language == "fi":
        from assistant.nlp import finnish

        return finnish
    from assistant.nlp import english

    return english


def sentences(text: str, language: str) -> list[Span]:
    return _module(language).sentences(text)


def noun_phrases(text: str, language: str) -> list[Span]:
    return _module(language).noun_phrases(text)


def skill_phrases(text: str, language: str) -> list[SkillPhrase]:
    """What the text says someone needs to be able to do, as verb-object pairs with spans;
    sentences about who needs it and why now give none. A bulleted list in the prose is read
    as the sentence's list (`bullets`); the spans still point into `text`."""
    from assistant.nlp.bullets import as_sentence

    rewritten, origin = as_sentence(text)
    # A line break inside a paragraph (an e-mail's hard wrap: 'be able to\ngive ...') is a space
    # to the reader; one for one, so every offset still holds.
    rewritten = _LINE_BREAK.sub(lambda m: " " * len(m.group()), rewritten)
    found = [_without_open_aside(p) for p in _module(language).skill_phrases(rewritten)]
    if rewritten == text:
        return found
    return [replace(p, start=origin[p.start], end=origin[p.end - 1] + 1) for p in found]


_LINE_BREAK = re.compile(r"(?<=\S)[ \t]*\n(?=[ \t]*[^\s\-–•*\d])")


def _without_open_aside(phrase: SkillPhrase) -> SkillPhrase:
    """The phrase without a bracketed aside its object ends inside: examples, not the skill
    ('spot patterns in returns (e.g. sizing problems, recurring defects' ends at 'returns')."""
    obj = phrase.object
    if obj.count("(") <= obj.count(")"):
        return phrase
    cut = obj[:obj.rindex("(")].rstrip(" ,;:")
    if not cut:
        return phrase  # nothing before the aside: the guard reports it
    core = phrase.core[:phrase.core.index("(")].rstrip(" ,;:") if "(" in phrase.core else phrase.core
    return replace(phrase, object=cut, core=core or cut, end=phrase.end - (len(obj) - len(cut)))


def title_focus(title: str, language: str) -> str:
    """The title without the phrase that names its setting or audience ('Incident response for
    municipal IT teams' -> 'Incident response'); the title itself when it has none."""
    return _module(language).title_focus(title)


def lemma(word: str, language: str) -> str:
    return _module(language).lemma(word)


def cases(word: str) -> set[str]:
    """Finnish cases Voikko reads a word in (voikko names: nimento, omanto, osanto, ...)."""
    from assistant.nlp import finnish

    return finnish.cases(word)


def finite_verbs(text: str, language: str, verb: str = "") -> list[str]:
    """The finite verbs in an outcome's object (it must have none); English reads the object
    after its verb."""
    if language == "fi":
        return _module(language).finite_verbs(text)
    return _module(language).finite_verbs(text, verb or "do")


def has_finite_verb(text: str, language: str) -> bool:
    """Whether the text has a finite verb anywhere: sentences, not a list of skill phrases."""
    if language == "fi":
        return bool(_module(language).finite_verbs(text))
    from assistant.nlp.english import FINITE_TAGS, parse

    return any(t.tag_ in FINITE_TAGS for t in parse(text))


def is_statement(text: str, language: str) -> bool:
    """Whether a short text states something ('the weather has been bad all year', 'hinnat
    nousivat') rather than naming a skill ('plan events', 'laskea päästöt'): English, a main
    verb that is finite and has its own subject ('monitor patients who have fallen' names a
    skill), in four tokens or more; Finnish, a word that can be a finite verb after the first, in
    three words or more that do not open with a verb."""
    if language == "fi":
        from assistant.nlp import finnish

        words = [t for kind, _, t in finnish.tokens(text) if kind == "word"]
        opens_with_verb = bool(words) and any(a.get("CLASS") == "teonsana" for a in finnish.analyses(words[0]))
        # Any finite reading: 'valittavat' is also a participle ('Asiakkaat valittavat viiveistä').
        finite = any(any(a.get("CLASS") == "teonsana" and a.get("MOOD") in finnish.FINITE_MOODS
                         for a in finnish.analyses(w)) for w in words[1:])
        return len(words) >= 3 and not opens_with_verb and finite
    from assistant.nlp.english import FINITE_TAGS, parse

    subjects = {"nsubj", "nsubjpass", "expl"}
    doc = parse(text)
    if len(doc) < 4:
        return False  # the small model reads 'presentation slides' as a subject and its verb
    return any(
        t.dep_ == "ROOT" and any(c.dep_ in subjects for c in t.children)
        and (t.tag_ in FINITE_TAGS or any(c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE_TAGS for c in t.children))
        for t in doc
    )


def unknown_words(text: str) -> list[str]:
    """Finnish words Voikko does not know; a capitalised word inside the text is a name
    ('Fimealle', 'Lifecare-järjestelmään'), which no dictionary need know."""
    from assistant.nlp import finnish

    words = [t for kind, _, t in finnish.tokens(text) if kind == "word"]
    return [t for i, t in enumerate(words) if not finnish.is_known(t) and not (i and t[:1].isupper())]
