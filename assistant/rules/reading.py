"""Reading an outcome: strip the stem, find the verb (and any coordinated verbs), its level."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.errors import OppiError
from assistant.rules import finnish
from assistant.rules.lexicon import Lexicon
from assistant.schemas import Bloom

_TOKEN = re.compile(r"[\w][\w'’-]*|[,;/&]")
_FI_MARKERS = re.compile(
    r"[äöå]|\b(?:osaa|osaat|osaavat|opiskelija|osallistuja|pystyy|pystyt|kykenee|ja|sekä|tai)\b",
    re.IGNORECASE,
)
_EN_MARKERS = re.compile(r"\b(?:the|and|of|to|with|for|in|learner|student|can)\b", re.IGNORECASE)
_CONJ = {"en": {"and", "or", "&", "and/or", "as well as"}, "fi": {"ja", "sekä", "tai"}}
_EN_DETERMINERS = {
    "the",
    "a",
    "an",
    "their",
    "its",
    "his",
    "her",
    "them",
    "it",
    "these",
    "those",
    "new",
    "appropriate",
    "suitable",
    "relevant",
    "own",
    "how",
    "what",
    "whether",
    "key",
    "possible",
}
_EN_IRREGULAR = {"is": "be", "are": "be", "am": "be", "was": "be", "has": "have", "had": "have"}


@dataclass
class OutcomeReading:
    """What the checker reads in one outcome."""

    text: str
    language: str
    body: str = ""
    verb: str | None = None
    verb_text: str | None = None
    vague: bool = False
    in_lexicon: bool = False
    bloom: tuple[Bloom, ...] = ()
    verbs: list[str] = field(default_factory=list)
    words_after_verb: int = 0

    @property
    def top(self) -> Bloom | None:
        return max(self.bloom, key=lambda b: b.rank) if self.bloom else None

    @property
    def bottom(self) -> Bloom | None:
        return min(self.bloom, key=lambda b: b.rank) if self.bloom else None


def outcome_language(text: str, default: str, lexicon: Lexicon) -> str:
    """'en' or 'fi' for one outcome: its own markers first, then the draft's language."""
    tokens = _words(_strip_en_stem(text, lexicon))
    if tokens and _en_lemma(tokens[0], lexicon)[0] in lexicon.verbs["en"]:
        return "en"
    if tokens and _finnish_verb(tokens[0], lexicon):
        return "fi"  # 'ohjata omaisia ...' carries no ä/ö but starts with a Finnish verb
    swedish = _words(_strip_sv_stem(text, lexicon))
    if swedish and _sv_verb_at(swedish, 0, lexicon):
        return "sv"  # 'planera en kampanj ...': Swedish, from Finland's Swedish-speaking UAS
    fi, en = len(_FI_MARKERS.findall(text)), len(_EN_MARKERS.findall(text))
    if fi != en:
        return "fi" if fi > en else "en"
    return default


def is_outcome_verb(word: str, lexicon: Lexicon) -> bool:
    """Whether a word is a lexicon verb or a vague one, in English or in Finnish."""
    if _is_en_verb(word, lexicon) or _sv_verb_at([word], 0, lexicon):
        return True
    try:
        readings = _fi_verb_readings(word, lexicon)
    except OppiError:
        return False
    known = set(lexicon.verbs["fi"]) | lexicon.vague_heads("fi")
    return any(r.baseform in known for r in readings)


def _fi_verb_readings(word: str, lexicon: Lexicon) -> list[finnish.Reading]:
    """Voikko's verb readings of a word; for a word typed without ä/ö that Voikko does not
    know ('kayttaa'), the lexicon verb it folds to, read as an infinitive."""
    readings = finnish.verb_readings(word)
    if readings or not word.isascii():
        return readings
    lemma = lexicon.folded_verb(word)
    return [finnish.Reading(lemma, "teonsana", "A-infinitive")] if lemma else []


def _finnish_verb(word: str, lexicon: Lexicon) -> bool:
    if not word.isalpha() or not word.islower():
        return False
    try:
        readings = _fi_verb_readings(word, lexicon)
    except OppiError:
        return False
    return any(r.baseform in lexicon.verbs["fi"] for r in readings)


def read_outcome(text: str, language: str, lexicon: Lexicon) -> OutcomeReading:
    """Read one outcome in the given language."""
    reading = OutcomeReading(text=text, language=language)
    if language == "fi":
        _read_finnish(reading, lexicon)
    elif language == "sv":
        _read_swedish(reading, lexicon)
    else:
        _read_english(reading, lexicon)
    return reading


def _words(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text) if t[0].isalnum() or t[0] == "_"]


def _strip(text: str, patterns: list[str]) -> str:
    for pattern in patterns:
        match = re.match(pattern, text, re.IGNORECASE)
        if match and match.end() > 0:
            return text[match.end() :]
    return text


def _strip_en_stem(text: str, lexicon: Lexicon) -> str:
    stems = lexicon.phrases["stems"]  # type: ignore[index]
    body = _strip(text.strip(), stems["en"])
    body = _strip(body.lstrip(" ,:"), stems["en_subject"]).strip()
    return _strip_en_named_subject(body, lexicon)


# A subject the stem list does not name, before a modal: "The doctoral researcher can",
# "Each team member will be able to". Up to six words, none of them a clause word, so a
# noun phrase with a relative clause ("Plans that nurses can use") keeps its text.
_EN_NAMED_SUBJECT = re.compile(
    r"(?P<subject>(?:(?!(?:that|which|who|whom|whose|how|what|when|where|if|we|you)\b)"
    r"[A-Za-z][\w'’-]*\s+){1,6}?)"
    r"(?:will\s+be\s+able\s+to|should\s+be\s+able\s+to|(?:is|are)\s+able\s+to|can|will|should|must)\s+",
    re.IGNORECASE,
)

_COURSE_SUBJECT = re.compile(r"\b(?:course|module|training|programme|program|teacher|lecturer)\s*$", re.I)


def _strip_en_named_subject(body: str, lexicon: Lexicon) -> str:
    words = _words(body)
    if not words or _is_en_verb(words[0], lexicon):
        return body  # "Explain how staff can report incidents": the verb comes first
    match = _EN_NAMED_SUBJECT.match(body)
    if match is None or _COURSE_SUBJECT.search(match["subject"]):
        return body  # "The course will cover ..." is C10's to report, not a stem
    return body[match.end() :]


def _is_en_verb(word: str, lexicon: Lexicon) -> bool:
    """An English lexicon verb or the head of a vague one, in any inflection."""
    lemma = _en_lemma(word, lexicon)[0]
    return lemma in lexicon.verbs["en"] or lemma in lexicon.vague_heads("en")


def _en_lemma(token: str, lexicon: Lexicon) -> tuple[str, str]:
    """(lemma, inflection) of an English word, looked up against the lexicon and vague list."""
    word = token.lower().replace("’", "'")
    if word in _EN_IRREGULAR:
        return _EN_IRREGULAR[word], "s"
    known = lexicon.verbs["en"]
    vague = lexicon.vague_heads("en")
    if word in known or word in vague:
        return word, "base"
    candidates = (
        ("ies", "y", "s"),
        ("es", "", "s"),
        ("s", "", "s"),
        ("ied", "y", "ed"),
        ("ed", "", "ed"),
        ("ed", "e", "ed"),
        ("ing", "", "ing"),
        ("ing", "e", "ing"),
        ("d", "", "ed"),
    )
    for suffix, repl, kind in candidates:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)] + repl
            if stem in known or stem in vague:
                return stem, kind
            doubled = kind in ("ed", "ing") and len(stem) > 2 and stem[-1] == stem[-2]
            if doubled and stem[:-1] in known:  # planned -> plan
                return stem[:-1], kind
    irregular_past = {
        "knew": "know",
        "known": "know",
        "understood": "understand",
        "learnt": "learn",
        "built": "build",
        "wrote": "write",
        "led": "lead",
        "chose": "choose",
        "ran": "run",
        "gained": "gain",
        "got": "get",
    }
    if word in irregular_past:
        return irregular_past[word], "ed"
    return word, "base"


def _read_english(reading: OutcomeReading, lexicon: Lexicon) -> None:
    body = _strip_en_stem(reading.text, lexicon)
    reading.body = body
    tokens = _TOKEN.findall(body)
    words = [t for t in tokens if t[0].isalnum()]
    if not words:
        return
    lemmas = [_en_lemma(w, lexicon)[0] for w in words[:5]]
    for phrase in sorted(lexicon.vague("en"), key=lambda p: -len(p.split())):
        parts = phrase.split()
        if lemmas[: len(parts)] == parts:
            reading.verb, reading.vague = phrase, True
            reading.verb_text = " ".join(words[: len(parts)])
            reading.verbs = [phrase]
            reading.words_after_verb = len(words) - len(parts)
            return
    size = 1
    two = " ".join(lemmas[:2])
    if len(lemmas) > 1 and two in lexicon.verbs["en"]:
        size, lemma = 2, two
    else:
        lemma = lemmas[0]
    entry = lexicon.verb("en", lemma)
    if entry is None:
        reading.verb_text = words[0]
        return
    reading.verb, reading.verb_text, reading.in_lexicon = lemma, " ".join(words[:size]), True
    reading.bloom = entry.bloom
    reading.words_after_verb = len(words) - size
    reading.verbs = [lemma] + _en_coordinated(
        tokens, size, _en_lemma(words[0], lexicon)[1], lexicon
    )


def _en_coordinated(tokens: list[str], start: int, inflection: str, lexicon: Lexicon) -> list[str]:
    """Further verbs joined to the first: 'identify, assess and mitigate', '... and present the'."""
    found: list[str] = []
    lowered = [t.lower() for t in tokens]
    vague = {p for p in lexicon.vague("en") if " " not in p}

    def verb_at(i: int) -> str | None:
        if i >= len(lowered) or not lowered[i][0].isalpha():
            return None
        lemma, kind = _en_lemma(lowered[i], lexicon)
        ok = lemma in lexicon.verbs["en"] or lemma in vague
        return lemma if ok and kind == inflection else None

    # A chain right after the first verb: "V1, V2 and V3 object".
    i = start
    while i < len(lowered) and lowered[i] in {",", "/"} | _CONJ["en"]:
        lemma = verb_at(i + 1)
        if lemma is None:
            break
        found.append(lemma)
        i += 2
    # A later "and V the ...": a verb with its own object.
    for j in range(i, len(lowered) - 2):
        if lowered[j] in _CONJ["en"]:
            lemma = verb_at(j + 1)
            if lemma and lowered[j + 2] in _EN_DETERMINERS:
                found.append(lemma)
    return found


def _read_finnish(reading: OutcomeReading, lexicon: Lexicon) -> None:
    stems = lexicon.phrases["stems"]  # type: ignore[index]
    body = _strip(reading.text.strip(), stems["fi"]).lstrip(" ,:")
    body = _strip(body, stems["fi_subject"]).strip()
    modals = set(stems["fi_modal_baseforms"])
    body = _strip_fi_named_subject(body, modals, lexicon)
    words = _words(body)
    # "osaa", "osaat", "pystyy" are part of the stem; skip them by their base form.
    while words and any(r.baseform in modals for r in _fi_verb_readings(words[0], lexicon)):
        words, body = words[1:], body.split(None, 1)[1] if len(body.split(None, 1)) > 1 else ""
    reading.body = body
    if not words:
        return
    readings = _fi_verb_readings(words[0], lexicon)
    reading.verb_text = words[0]
    if not readings:
        return
    lemma_options = [r.baseform for r in readings]
    second = [r.baseform for r in finnish.analyse(words[1])] if len(words) > 1 else []
    for phrase in lexicon.vague("fi"):
        head, _, tail = phrase.partition(" ")
        if head in lemma_options and (not tail or tail in second):
            size = 2 if tail else 1
            reading.verb, reading.vague, reading.verbs = phrase, True, [phrase]
            reading.verb_text = " ".join(words[:size])
            reading.words_after_verb = len(words) - size
            return
    chosen = next((r for r in readings if r.baseform in lexicon.verbs["fi"]), None)
    if chosen is None:
        reading.verb = readings[0].baseform
        return
    entry = lexicon.verbs["fi"][chosen.baseform]
    reading.verb, reading.in_lexicon, reading.bloom = chosen.baseform, True, entry.bloom
    reading.words_after_verb = len(words) - 1
    moods = {r.mood for r in readings if r.baseform == chosen.baseform}
    reading.verbs = [chosen.baseform] + _fi_coordinated(_TOKEN.findall(body), moods, lexicon)


def _strip_sv_stem(text: str, lexicon: Lexicon) -> str:
    stems = lexicon.phrases["stems"]  # type: ignore[index]
    body = _strip(text.strip(), stems["sv"]).lstrip(" ,:")
    return _strip(body, stems["sv_subject"]).strip()


def _sv_lemmas(word: str) -> list[str]:
    """Base-form candidates of a Swedish verb: the infinitive as written, or the present tense
    ('planerar' -> 'planera', 'beskriver' -> 'beskriva', 'förstår' -> 'förstå')."""
    w = word.lower()
    out = [w]
    if w.endswith("er") and len(w) > 4:
        out.append(w[:-2] + "a")
    if w.endswith("r") and len(w) > 3:
        out.append(w[:-1])
    return out


def _sv_verb_at(words: list[str], i: int, lexicon: Lexicon) -> tuple[str, int, bool] | None:
    """(lemma, words taken, vague) of a Swedish lexicon or vague verb starting at words[i]:
    the longest phrase first ('redogöra för', 'vara medveten om')."""
    known, vague = lexicon.verbs.get("sv", {}), lexicon.vague_set("sv")
    for lemma in _sv_lemmas(words[i]):
        for size in range(min(4, len(words) - i), 0, -1):
            phrase = " ".join([lemma, *(w.lower() for w in words[i + 1 : i + size])])
            if phrase in vague:
                return phrase, size, True
            if phrase in known:
                return phrase, size, False
    return None


def _read_swedish(reading: OutcomeReading, lexicon: Lexicon) -> None:
    body = _strip_sv_stem(reading.text, lexicon)
    reading.body = body
    words = _words(body)
    if not words:
        return
    reading.verb_text = words[0]
    found = _sv_verb_at(words, 0, lexicon)
    if found is None:
        return
    lemma, size, vague = found
    reading.verb, reading.vague, reading.verbs = lemma, vague, [lemma]
    reading.verb_text = " ".join(words[:size])
    reading.words_after_verb = len(words) - size
    if vague:
        return
    entry = lexicon.verbs["sv"][lemma]
    reading.in_lexicon, reading.bloom = True, entry.bloom
    infinitive = words[0].lower() == lemma.split()[0]
    # Further verbs in the same form after 'och', 'samt' or a comma: 'analysera … och föreslå'.
    tokens = _TOKEN.findall(body)
    for j in range(1, len(tokens) - 1):
        if tokens[j].lower() in {",", "och", "samt", "eller"} and tokens[j + 1][0].isalpha():
            more = _sv_verb_at(tokens, j + 1, lexicon)
            if more and (tokens[j + 1].lower() == more[0].split()[0]) == infinitive:
                reading.verbs.append(more[0])


_FI_CLAUSE_WORDS = {"joka", "jotka", "jota", "joita", "mikä", "mitkä", "kun", "jos", "että", "miten", "kuinka"}


def _strip_fi_named_subject(body: str, modals: set[str], lexicon: Lexicon) -> str:
    """Drop a subject the stem list does not name, up to its modal: 'Tohtorikoulutettava osaa
    …', 'Täydennyskoulutukseen osallistuva hoitaja osaa …'. The modal itself stays, for the
    caller skips it by its base form."""
    parts = body.split()
    first = _words(parts[0]) if parts else []
    if not first or _finnish_verb(first[0].lower(), lexicon):
        return body  # 'Laatia suunnitelma, jota tiimi voi käyttää': the verb comes first
    for i, part in enumerate(parts[1:7], start=1):
        word = part.strip(".,;:!?()")
        before = [p.strip(".,;:!?()").lower() for p in parts[:i]]
        if "," in " ".join(parts[:i]) or _FI_CLAUSE_WORDS & set(before):
            return body
        indicative = any(
            r.baseform in modals and r.mood == "indicative" for r in finnish.verb_readings(word)
        )
        if indicative:
            return " ".join(parts[i:])
    return body


def _fi_coordinated(tokens: list[str], moods: set[str | None], lexicon: Lexicon) -> list[str]:
    """Further verbs in the same infinitive: 'tunnistaa, arvioida ja lieventää riskejä'."""
    found: list[str] = []
    known = set(lexicon.verbs["fi"]) | {p for p in lexicon.vague("fi") if " " not in p}
    for j in range(1, len(tokens) - 1):
        if tokens[j].lower() not in {","} | _CONJ["fi"]:
            continue
        word = tokens[j + 1]
        if not word[0].isalpha():
            continue
        # Only a lexicon verb in the first verb's infinitive counts, so coordinated objects
        # ("pakkauksia tai palautuksia") never do.
        for r in _fi_verb_readings(word, lexicon):
            if r.baseform in known and r.mood in moods:
                found.append(r.baseform)
                break
    return found
