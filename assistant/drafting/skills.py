"""Skill needs as short skill phrases: split lists and sentences, drop filler, keep the nouns."""

from __future__ import annotations

import re

from assistant.nlp import inflect

_BULLET = re.compile(r"^\s*(?:[-*•–·▪>]+|\(?\d+[.)]|[a-z][.)])\s+", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[^\s.])\.(?:\s+|$)|[;\n]+|\s+[–—]\s+")
_CONJ = {"en": r"and|as well as|&", "fi": r"ja|sekä"}

# Lead-ins that say who needs the skill, not what it is ("Our staff need to ...").
_LEAD_IN = {
    "en": re.compile(
        r"^(?:[\w'’-]+\s+){0,6}?(?:needs?|must|should|has|have|are|is|want|wants)\s+"
        r"(?:to\s+)?(?:be\s+able\s+to|know\s+how\s+to|learn\s+(?:how\s+)?to|to)\s+",
        re.IGNORECASE,
    ),
    "fi": re.compile(
        r"^(?:\w+\s+){0,5}?(?:(?:täytyy|pitää|tulee|tarvitsee|tarvitsevat|on\s+osattava)\s+)?"
        r"(?:osata|osaavat|osaa|kyetä|pystyä|kykenevät|pystyvät)\s+",
        re.IGNORECASE,
    ),
}
_FILLER_START = {
    "en": re.compile(
        r"^(?:(?:the|an?|basic|good|strong|solid|practical|better|improved|deeper|more|"
        r"some|general|advanced)\s+)*"
        r"(?:(?:ability|abilities|capacity|capability|competence|competences|competencies|"
        r"skills?|knowledge|understanding|awareness|expertise|know-how|basics|fundamentals|"
        r"grasp|command|proficiency|familiarity|experience)\s+(?:to|of|in|on|with|for|about)\s+)+"
        r"|^(?:how\s+to\s+|to\s+|be\s+able\s+to\s+|being\s+able\s+to\s+|can\s+)"
        r"|^(?:understand|understanding|know|knowing|learn|learning|be\s+aware\s+of|"
        r"be\s+familiar\s+with|appreciate|grasp)\s+(?:of\s+|how\s+to\s+|about\s+)?",
        re.IGNORECASE,
    ),
    "fi": re.compile(
        r"^(?:(?:hyvä|vahva|käytännön|perus|syvempi|parempi)\s+)*"
        r"(?:osaaminen|osaamista|taito|taitoa|taidot|taitoja|kyky|kykyä|valmius|valmiudet|"
        r"valmiuksia|tiedot|tietoja|perustiedot|tuntemus|ymmärrys|ymmärrystä|perusteet)\s+"
        r"|^(?:ymmärtää|ymmärtämään|tuntea|tietää|tiedostaa|oppia|omaksua|perehtyä|osata)\s+",
        re.IGNORECASE,
    ),
}
_FILLER_END = {
    "en": re.compile(r"\s+(?:skills?|knowledge|competences?|competencies|expertise|know-how|basics)$", re.IGNORECASE),
    "fi": re.compile(r"\s+(?:osaaminen|osaamista|taito|taidot|taitoja|tuntemus|valmiudet|perusteet)$", re.IGNORECASE),
}


def skill_phrases(source: str | list[str], language: str) -> list[str]:
    """The skill phrases in skill-need text (one string, or a list of them), in order, deduplicated."""
    items = [source] if isinstance(source, str) else list(source)
    lang = "fi" if language == "fi" else "en"
    phrases: list[str] = []
    for item in items:
        for line in item.splitlines():
            line = _BULLET.sub("", line)
            for sentence in _SENTENCE.split(line):
                phrases += _split_sentence(sentence, lang)
    seen: set[str] = set()
    out = []
    for phrase in phrases:
        key = phrase.lower()
        if key not in seen:
            seen.add(key)
            out.append(phrase)
    return out


def _split_sentence(sentence: str, lang: str) -> list[str]:
    sentence = _label_removed(sentence.strip())
    sentence = _LEAD_IN[lang].sub("", sentence, count=1)
    parts = [p for p in re.split(r",\s*", sentence) if p.strip()]
    listed = len(parts) > 1
    out: list[str] = []
    for index, part in enumerate(parts):
        for piece in _split_conjunction(part, lang, last_of_list=listed and index == len(parts) - 1):
            cleaned = clean_phrase(piece, lang)
            if cleaned:
                out.append(cleaned)
    return out


def _label_removed(sentence: str) -> str:
    # "Skill needs: a, b" -> "a, b"; a short label before a colon is not a skill.
    head, colon, tail = sentence.partition(":")
    if colon and tail.strip() and len(head.split()) <= 4:
        return tail
    return sentence


def _split_conjunction(part: str, lang: str, last_of_list: bool) -> list[str]:
    """Split 'A and B' when both sides are phrases of their own, not a compound like
    'health and safety' or 'sosiaali- ja terveysala'."""
    pieces = re.split(rf"\s+(?:{_CONJ[lang]})\s+", part.strip(), maxsplit=1)
    if len(pieces) < 2:
        return [part]
    left, right = pieces
    if left.endswith("-") or (lang == "fi" and _attribute(left.split()[-1]) and not _verb(right.split()[0])):
        return [part]
    if last_of_list or (len(left.split()) >= 2 and len(right.split()) >= 2):
        return [left] + _split_conjunction(right, lang, last_of_list)
    return [part]


def _attribute(word: str) -> bool:
    """A Finnish word Voikko reads only as an adjective or participle: 'oikeudellisen ja teknisen
    mallin' joins two attributes of one noun, not two skills."""
    from assistant.nlp import inflect

    found = inflect.analyses(word.rstrip(","))
    return bool(found) and all(a.get("CLASS") == "laatusana" for a in found)


def _verb(word: str) -> bool:
    """'tukea heidän omaisiaan': the other side opens with a verb, so it is a skill of its own
    ('auttaa iäkkäitä ja tukea ...', where the adjective stands for people)."""
    from assistant.nlp import inflect

    return any(a.get("CLASS") == "teonsana" for a in inflect.analyses(word.rstrip(",")))


def clean_phrase(text: str, language: str) -> str:
    """One skill phrase without lead-in filler, trailing filler, and punctuation."""
    lang = "fi" if language == "fi" else "en"
    phrase = " ".join(text.split()).strip(" .,:;!?\"'()[]")
    stripped = False
    while True:
        shorter = _FILLER_START[lang].sub("", phrase, count=1).strip()
        if shorter == phrase or not shorter:
            break
        phrase, stripped = shorter, True
    shorter = _FILLER_END[lang].sub("", phrase).strip()
    if shorter and shorter != phrase:
        phrase, stripped = shorter, True
    phrase = re.sub(rf"^(?:{_CONJ[lang]}|or|tai)\s+", "", phrase, flags=re.IGNORECASE).strip()
    if not any(ch.isalpha() for ch in phrase):
        return ""
    if lang == "fi" and stripped:
        # "asiakasdatan analysoinnin osaaminen" -> "asiakasdatan analysointi"
        phrase = " ".join(inflect.to_nominative(phrase.split()))
    return _lower_first(phrase)


def _lower_first(phrase: str) -> str:
    first = phrase.split()[0]
    # Keep acronyms and names ("GDPR", "Excel", "SAP") as written.
    if first[1:] != first[1:].lower() or (len(phrase) > 1 and first.isupper()):
        return phrase
    return phrase[0].lower() + phrase[1:]
