"""The language tools behind one small API: sentences, noun phrases, verb-object pairs,
lemmas, cases and finite verbs. English is read with spaCy (en_core_web_sm), Finnish with
Voikko; callers pass the language and never touch either library."""

from __future__ import annotations

from assistant.nlp.types import SkillPhrase, Span

__all__ = ["SkillPhrase", "Span", "cases", "finite_verbs", "has_finite_verb", "lemma", "noun_phrases", "sentences",
           "skill_phrases", "title_focus", "unknown_words"]


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
    sentences about who needs it and why now give none."""
    return _module(language).skill_phrases(text)


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


def unknown_words(text: str) -> list[str]:
    """Finnish words Voikko does not know."""
    from assistant.nlp import finnish

    return [t for kind, _, t in finnish.tokens(text) if kind == "word" and not finnish.is_known(t)]
