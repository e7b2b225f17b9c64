"""Reading Annex I elements out of prose: sentences placed into elements by cue words.

Used for text no label claims (a draft written as paragraphs, text under an unknown heading).
It fills only elements the labelled fields left empty, and each value keeps the line span of
the sentence it came from. Sentences it cannot place are reported, not guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from assistant.parsing.sections import cues
from assistant.parsing.units import level_mention, workload_mention

_MAX_SENTENCE = 2000  # characters; a longer "sentence" is a paste without punctuation
_MAX_ELEMENT = 20_000  # characters of prose one element takes at most
_MAX_SENTENCES = 2000  # sentences placed per draft; a draft has a few hundred, the rest is a paste
_MAX_AUDIENCE_PARSES = 8  # spaCy parses per draft for a 'for whom' phrase: a 1 MB paste stays fast
_ABBREVIATIONS = {"e.g", "i.e", "approx", "ca", "esim", "mm", "vrt", "etc", "dr", "prof", "n", "no", "p", "ks"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(A-ZÄÖÅ0-9])")
_LEADING_CONJ = re.compile(r"^(?:and|or|as well as|ja|sekä|tai|och|samt)\s+", re.IGNORECASE)
_CLAUSE_CUT = re.compile(r"\s*(?:[,;]\s*|\s+)(?:and|ja|sekä|och)\s+|\s*,\s*", re.IGNORECASE)


@dataclass
class Sentence:
    """One sentence of prose and the line it starts on."""

    text: str
    line: int


@dataclass
class ProseReading:
    """What the prose reader found: element -> (text, first line, last line); unread sentences."""

    values: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    outcomes: list[tuple[str, int]] = field(default_factory=list)
    unread: list[Sentence] = field(default_factory=list)

    def add(self, name: str, sentence: Sentence) -> None:
        if name in self.values:
            text, first, _ = self.values[name]
            if len(text) > _MAX_ELEMENT:  # no element runs this long; joining more is quadratic
                return
            self.values[name] = (f"{text} {sentence.text}", first, sentence.line)
        else:
            self.values[name] = (sentence.text, sentence.line, sentence.line)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = cues()
    names = ("participation_context", "assessment", "quality", "target_group", "skill_needs", "offer")
    compiled = {name: re.compile(data[name], re.IGNORECASE) for name in names}
    compiled["completion"] = re.compile(data["completion"], re.IGNORECASE)
    for kind in ("outcome_subject", "outcome_modal"):
        for lang, pattern in data[kind].items():
            compiled[f"{kind}_{lang}"] = re.compile(pattern, re.IGNORECASE)
    heads = "|".join(re.escape(h) for h in data["organisation_heads"])
    word = r"[A-ZÄÖÅ][\w'’.&-]*"
    tail = rf"(?:\s+(?:of|for)(?:\s+the)?(?:\s+{word})+)?"
    compiled["organisation"] = re.compile(
        rf"(?:{word}\s+){{1,4}}(?:{heads})\w{{0,4}}\b{tail}"
        rf"|\b(?:University|Universiteit|Academy)\s+(?:of|for)(?:\s+the)?(?:\s+{word})+"
        rf"|\b(?:Hochschule|Hogeschool|Politécnico|Universität|Université|Universidad|Högskolan)"
        rf"(?:\s+(?:do|de|van|der|für|für|i))?(?:\s+{word})+"
    )
    countries = sorted(data["countries"], key=len, reverse=True)
    compiled["country"] = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, countries)) + r")(?![\w-])")
    return compiled


def sentences(text: str, first_line: int) -> list[Sentence]:
    """Split a paragraph into sentences, keeping abbreviations ('e.g.', 'i.e.') inside.

    Linear in the text: lines are counted from the previous sentence on, and only the word
    before a cut is looked at (a 1 MB paste has tens of thousands of sentences)."""
    out: list[Sentence] = []
    start = 0
    line, counted = first_line, 0  # `line` is the line number at offset `counted`

    def line_at(offset: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, offset)
        counted = offset
        return line

    for cut in _SENTENCE_END.finditer(text):
        before = text[max(start, cut.start() - 40) : cut.start()].rsplit(None, 1)
        if before and before[-1].rstrip(".").lower() in _ABBREVIATIONS:
            continue
        out.append(Sentence(text[start : cut.start()].strip(), line_at(start)))
        start = cut.end()
    if text[start:].strip():
        out.append(Sentence(text[start:].strip(), line_at(start)))
    return out


def find_country(text: str) -> str | None:
    """A country named in the text ('Finland', 'Suomi'), or None; a city alone is no country."""
    match = _patterns()["country"].search(text)
    return match.group(0) if match else None


def find_organisation(text: str) -> str | None:
    """The first organisation name ('Revontuli University of Applied Sciences'), or None."""
    match = _patterns()["organisation"].search(text)
    return match.group(0).strip() if match else None


def _outcome_split(sentence: str, is_verb) -> list[str] | None:
    """The outcomes of 'After completing it, the learner can apply ...; calculate ...; and ...'."""
    p = _patterns()
    for lang in ("en", "fi", "sv"):
        modal = p[f"outcome_modal_{lang}"].search(sentence)
        if not modal or not p[f"outcome_subject_{lang}"].search(sentence[: modal.start()]):
            continue
        rest = sentence[modal.end() :].strip().rstrip(".")
        if ";" in rest:
            items = [_LEADING_CONJ.sub("", part.strip()) for part in rest.split(";")]
        else:
            items = _split_at_verbs(rest, is_verb)
        items = [i.strip(" ,.") for i in items if i.strip(" ,.")]
        if items and (len(items) >= 2 or p["completion"].search(sentence[: modal.start()])):
            return items
    return None


def _split_at_verbs(text: str, is_verb) -> list[str]:
    """Cut 'analyse X, design Y and evaluate Z' where a lexicon verb starts the next part.

    Only commas, and the list's last 'and'/'ja'/'sekä', cut, so 'identify and document Z'
    (two verbs on one object) stays one outcome, for C08 to see.
    """
    parts: list[str] = []
    last = 0
    cuts = [m for m in _CLAUSE_CUT.finditer(text) if _starts_with_verb(text[m.end() :], is_verb)]
    commas = [m for m in cuts if "," in m.group(0) or ";" in m.group(0)]
    keep = commas + ([cuts[-1]] if cuts and cuts[-1] not in commas and commas else [])
    for match in sorted(keep, key=lambda m: m.start()):
        parts.append(text[last : match.start()])
        last = match.end()
    parts.append(text[last:])
    return parts


def _starts_with_verb(text: str, is_verb) -> bool:
    word = re.match(r"\s*([\w-]+)", text)
    return bool(word) and is_verb(word.group(1))


def read_prose(
    blocks: list[tuple[int, str]], missing: set[str], is_verb, describe: bool
) -> ProseReading:
    """Place the sentences of unread text blocks into the `missing` elements.

    `is_verb(word)` says whether a word is an outcome verb; `describe` lets sentences nobody
    else claims form the description (only for drafts with no labelled description).
    """
    p = _patterns()
    reading = ProseReading()
    parses_left = _MAX_AUDIENCE_PARSES
    placed_so_far = 0
    for first_line, block in blocks:
        for sentence in sentences(block, first_line):
            text = sentence.text
            placed_so_far += 1
            if len(text) > _MAX_SENTENCE or placed_so_far > _MAX_SENTENCES:
                reading.unread.append(sentence)  # no sentence is this long: not read, not guessed
                continue
            placed = False
            if "outcomes" in missing and not reading.outcomes:
                items = _outcome_split(text, is_verb)
                if items:
                    reading.outcomes = [(item, sentence.line) for item in items]
                    continue
            if "workload" in missing and "workload" not in reading.values and workload_mention(text):
                reading.add("workload", sentence)
                placed = True
            if "level" in missing and "level" not in reading.values and level_mention(text):
                reading.add("level", sentence)
                placed = True
            for name in ("awarding_body", "country"):
                if name in missing and name not in reading.values:
                    value = find_organisation(text) if name == "awarding_body" else find_country(text)
                    if value and (name == "country" or p["offer"].search(text) or first_line <= 3):
                        reading.values[name] = (value, sentence.line, sentence.line)
                        placed = True
            if (
                "participation" in missing
                and p["participation_context"].search(text)
                and _names_participation(text)
            ):
                reading.add("participation", sentence)
                placed = True
            for name in ("assessment", "quality_assurance", "target_group", "skill_needs"):
                pattern = p["quality" if name == "quality_assurance" else name]
                found = name in missing and pattern.search(text)
                if not found and name == "target_group" and name in missing and parses_left and (
                    name not in reading.values and _offer_with_for(text)
                ):
                    parses_left -= 1
                    found = _names_audience(text)
                if found:
                    reading.add(name, sentence)
                    placed = name in ("assessment", "quality_assurance") or placed
            if not placed:
                if describe:
                    reading.add("description", sentence)
                else:
                    reading.unread.append(sentence)
    return reading


def _offer_with_for(text: str) -> bool:
    return bool(_patterns()["offer"].search(text) and re.search(r"\bfor\b", text))


def _names_audience(text: str) -> bool:
    """An offer sentence that names its audience after 'for' ('offers this micro-credential of
    3 ECTS ... for buyers and store managers'): the cue list cannot know every way the words in
    between run, so spaCy reads the 'for' phrase (English only; Finnish says it with -lle)."""
    from assistant.nlp.english import for_whom

    return for_whom(text) is not None


def _names_participation(text: str) -> bool:
    from assistant.rules.lexicon import load_lexicon

    return any(p.search(text) for p in load_lexicon().regexes("participation"))
