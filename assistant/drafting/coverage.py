"""How well outcomes cover a brief's skill needs: shared content words, Finnish by lemma."""

from __future__ import annotations

import re

from assistant.drafting.skills import skill_phrases
from assistant.nlp import inflect
from assistant.rules.lexicon import load_lexicon
from assistant.schemas import CredentialBrief, LearningOutcome

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Share of a phrase's content words an outcome must carry to count as addressing it: two of
# three words lets a rewrite change a verb ("plan" -> "design") but not drop the object.
DEFAULT_SHARE = 2 / 3


def content_words(text: str, language: str) -> list[str]:
    """Lower-cased content words; Finnish words as voikko base forms, so cases still match."""
    stop = set(load_lexicon().phrases["stopwords"]["en"]) | set(load_lexicon().phrases["stopwords"]["fi"])  # type: ignore[index]
    out = []
    for raw in _WORD.findall(text):
        word = raw.lower().strip("-'’")
        if len(word) <= 2 or word in stop:
            continue
        if language == "fi":
            bases = [a.get("BASEFORM", "").lower() for a in inflect.analyses(raw)]
            word = next((b for b in bases if b), word)
        out.append(word)
    return out


def same_word(a: str, b: str) -> bool:
    """Whether two words share a stem: a common prefix of five letters, or all of a short word
    ('plan'/'planning', 'analyse'/'analysis', 'suunnittelu'/'suunnitella')."""
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= min(5, len(a), len(b)) and common >= 3


def compound_head(word: str) -> str:
    """The last part of a Finnish compound as Voikko splits it ('häiriöilmoitus' -> 'ilmoitus');
    the word itself when it is no compound. The head names what the thing is, so a skill
    about a 'häiriöilmoitus' is carried by an outcome about an 'ilmoitus' of the same kind."""
    for analysis in inflect.analyses(word):
        structure, base = analysis.get("STRUCTURE", ""), analysis.get("BASEFORM", "")
        cut = structure.rfind("=")
        if cut > 0 and base:
            # STRUCTURE marks each part with '='; its letters line up with the base form's.
            letters = sum(1 for ch in structure[:cut] if ch != "=")
            head = base[letters:]
            if len(head) >= 3:
                return head.lower()
    return word


def phrase_addressed(phrase: str, text: str, language: str, share: float = DEFAULT_SHARE) -> bool:
    """Whether `text` carries at least `share` of the phrase's content words (Finnish: a
    compound also by its head, in either direction)."""
    wanted = content_words(phrase, language)
    if not wanted:
        return True
    have = content_words(text, language)
    if language != "fi":
        # 'taking blood cultures' carries 'take blood cultures': English words by their
        # lemmas too (spaCy), which a shared prefix misses for short irregular stems.
        wanted, have = _with_lemmas(phrase, wanted), have + _lemmas(text)
    if language == "fi":
        have = have + [compound_head(h) for h in have]
        found = sum(1 for w in wanted if any(same_word(w, h) or same_word(compound_head(w), h) for h in have))
    else:
        found = sum(1 for w in wanted if any(same_word(w, h) for h in have))
    return found / len(wanted) >= share - 1e-9


def _lemmas(text: str) -> list[str]:
    from assistant.nlp.english import parse

    return [t.lemma_.lower() for t in parse(text) if t.is_alpha and len(t.text) > 2]


def _with_lemmas(phrase: str, wanted: list[str]) -> list[str]:
    """The phrase's content words, each replaced by its lemma where spaCy gives a different one."""
    from assistant.nlp.english import parse

    lemmas = {t.lower_: t.lemma_.lower() for t in parse(phrase)}
    return [lemmas.get(w, w) for w in wanted]


def skill_coverage(brief: CredentialBrief, outcomes: list[LearningOutcome], share: float = DEFAULT_SHARE) -> float:
    """Share of the brief's skill phrases that some outcome addresses (1.0 when there are none)."""
    phrases = skill_phrases(brief.skill_needs, brief.language)
    if not phrases:
        return 1.0
    texts = [o.text for o in outcomes]
    covered = sum(1 for p in phrases if any(phrase_addressed(p, t, brief.language, share) for t in texts))
    return covered / len(phrases)
