"""Reading Annex I elements out of prose: sentences placed into elements by cue words.

Used for text no label claims (a draft written as paragraphs, text under an unknown heading).
It fills only elements the labelled fields left empty, and each value keeps the line span of
the sentence it came from. Sentences it cannot place are reported, not guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from assistant.parsing.mapping import covered
from assistant.parsing.sections import cues
from assistant.parsing.units import credit_mention, level_mention, workload_mention

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
    names = (
        "participation_context", "assessment", "quality", "target_group", "skill_needs", "offer", "credential",
        "outcome_continued",
    )
    compiled = {name: re.compile(data[name], re.IGNORECASE) for name in names}
    compiled["completion"] = re.compile(data["completion"], re.IGNORECASE)
    for kind in ("outcome_subject", "outcome_modal"):
        for lang, pattern in data[kind].items():
            compiled[f"{kind}_{lang}"] = re.compile(pattern, re.IGNORECASE)
    heads = "|".join(re.escape(h) for h in data["organisation_heads"])
    # Joined by a hyphen only a Finnish head in lower case: not 'Summer-School', 'Pre-University'.
    lower_heads = "|".join(re.escape(h) for h in data["organisation_heads"] if h[:1].islower())
    word = r"[A-ZÄÖÅ][\w'’.&-]*"
    tail = rf"(?:\s+(?:of|for)(?:\s+the)?(?:\s+{word})+)?"
    compiled["organisation"] = re.compile(
        rf"(?:{word}\s+){{1,4}}(?:{heads})\w{{0,4}}\b{tail}"
        rf"|\b(?:University|Universiteit|Academy)\s+(?:of|for)(?:\s+the)?(?:\s+{word})+"
        rf"|\b[A-ZÄÖÅ][\w'’.&]*-(?:{lower_heads})\w{{0,4}}\b"  # 'LAB-ammattikorkeakoulu'
        rf"|\b(?:Hochschule|Hogeschool|Politécnico|Universität|Université|Universidad|Högskolan|Yrkeshögskolan)"
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


def cues_match(name: str, text: str) -> bool:
    """Whether a sentence carries the cue words of an element ('skill_needs', 'quality', …)."""
    return _patterns()[name].search(text) is not None


def find_country(text: str) -> str | None:
    """A country named in the text ('Finland', 'Suomi'), or None; a city alone is no country."""
    match = _patterns()["country"].search(text)
    return match.group(0) if match else None


def find_organisation(text: str) -> str | None:
    """The first organisation name ('Revontuli University of Applied Sciences'), or None."""
    match = _patterns()["organisation"].search(text)
    return match.group(0).strip() if match else None


# Narrower than mapping's outcome nouns, which take 'goals' and 'objectives' too: in running
# prose ('The first goal of the region is ...') those are rarely the credential's outcomes.
_OUTCOME_WORD = re.compile(r"\b(?:outcomes?|osaamistavoit\w*|tavoitte\w*|lärandemål\w*)\b", re.IGNORECASE)
_INLINE_ENUM = re.compile(r"(?:(?<=\s)|^)\((?:\d{1,2}|[a-h]|i{1,3}|iv|v|vi)\)\s+")


def _outcome_split(sentence: str, is_verb) -> tuple[list[str], bool] | None:
    """(outcomes, lone) of a sentence: the list of 'After completing it, the learner can apply
    ...; calculate ...; and ...', or (lone) the one outcome of a sentence that says nothing else
    ('Opiskelija osaa säätää espressokoneen jauhatuksen.'), which the caller takes only when
    several follow in a row."""
    p = _patterns()
    lone = None
    for lang in ("en", "fi", "sv"):
        modal = p[f"outcome_modal_{lang}"].search(sentence)
        if not modal or not p[f"outcome_subject_{lang}"].search(sentence[: modal.start()]):
            continue
        # '(1) construct ..., (2) apply ..., and (3) create ...': the marks number the list.
        rest = _INLINE_ENUM.sub("", sentence[modal.end() :]).strip().rstrip(".")
        if ";" in rest:
            items = _cleaned(_LEADING_CONJ.sub("", part.strip()) for part in rest.split(";"))
        else:
            items = _cleaned(_split_at_verbs(rest, is_verb))
        if items and (len(items) >= 2 or p["completion"].search(sentence[: modal.start()])):
            return items, False
        # The subject and modal open the sentence ('The learner can', 'Opiskelija osaa'),
        # and a verb follows: an outcome, not a sentence that mentions learners.
        opens = len(sentence[: modal.start()].split()) <= 3
        if lone is None and opens and len(items) == 1 and _starts_with_any_verb(items[0], lang, is_verb):
            lone = items
    lone = lone or _subject_verb_outcome(sentence)
    return (lone, True) if lone else None


def _cleaned(items) -> list[str]:
    return [i.strip(" ,.") for i in items if i.strip(" ,.")]


def _subject_verb_outcome(sentence: str) -> list[str] | None:
    """'Opiskelija ymmärtää roudan vaikutuksen …': a Finnish outcome with no modal, the learner
    and a finite verb opening the sentence; the outcome is the text from the verb on."""
    first = re.match(r"\s*([\w-]+)\s+([\w-]+)\s+\S", sentence)
    if not first or not _patterns()["outcome_subject_fi"].fullmatch(first.group(1)):
        return None
    from assistant.nlp import finnish

    verb = first.group(2)
    if not any(a.get("CLASS") == "teonsana" and a.get("MOOD") == "indicative" for a in finnish.analyses(verb)):
        return None
    return [sentence[first.start(2) :].strip().rstrip(".")]


def _continued_outcomes(sentence: str, is_verb) -> list[str] | None:
    """The further outcomes of 'They can also calculate …, and instruct …', said right after
    the sentence that gave the first ones."""
    lead = _patterns()["outcome_continued"].match(sentence)
    if not lead:
        return None
    items = _cleaned(_split_at_verbs(sentence[lead.end() :].strip().rstrip("."), is_verb))
    return items if items and _starts_with_verb(items[0], is_verb) else None


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


def _starts_with_any_verb(text: str, language: str, is_verb) -> bool:
    """A lexicon verb, or in Finnish any verb in its A-infinitive ('valmistaa'), which C06 then
    reports when the lexicon lacks it."""
    if _starts_with_verb(text, is_verb):
        return True
    word = re.match(r"\s*([\w-]+)", text)
    if language != "fi" or not word:
        return False
    from assistant.nlp import finnish

    return any(a.get("MOOD") == "A-infinitive" for a in finnish.analyses(word.group(1)))


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
    reading = ProseReading()
    place = _Placer(reading, missing, describe)
    placed_so_far = 0
    # Outcomes written one per sentence, each 'Opiskelija osaa …': taken when two or more come
    # in a row; a lone one is an ordinary sentence.
    run: list[tuple[Sentence, int, str]] = []  # (sentence, its block's first line, its outcome)
    continues = False  # the sentence before gave the outcomes: 'They can also …' adds to them

    def end_run() -> None:
        if len(run) >= 2 and not reading.outcomes:
            reading.outcomes = [(outcome, held.line) for held, _, outcome in run]
        else:
            for held, line, _ in run:
                place(held, line)
        run.clear()

    for first_line, block in blocks:
        for sentence in sentences(block, first_line):
            placed_so_far += 1
            if len(sentence.text) > _MAX_SENTENCE or placed_so_far > _MAX_SENTENCES:
                reading.unread.append(sentence)  # no sentence is this long: not read, not guessed
                continue
            if continues and (more := _continued_outcomes(sentence.text, is_verb)):
                reading.outcomes += [(item, sentence.line) for item in more]
                continue
            continues = False
            found = _outcome_split(sentence.text, is_verb) if "outcomes" in missing and not reading.outcomes else None
            if found and not found[1]:
                end_run()
                reading.outcomes = [(item, sentence.line) for item in found[0]]
                continues = True
                continue
            if found:
                run.append((sentence, first_line, found[0][0]))
                continue
            end_run()
            place(sentence, first_line)
        end_run()
    return reading


class _Placer:
    """Places one sentence into the missing elements its cues name."""

    def __init__(self, reading: ProseReading, missing: set[str], describe: bool) -> None:
        self.reading, self.missing, self.describe = reading, missing, describe
        self.parses_left = _MAX_AUDIENCE_PARSES
        self.title_parses_left = _MAX_AUDIENCE_PARSES

    def __call__(self, sentence: Sentence, first_line: int) -> None:
        p, reading, missing, text = _patterns(), self.reading, self.missing, sentence.text
        placed = False
        wants_title = "title" in missing and "title" not in reading.values and self.title_parses_left > 0
        if wants_title and _title_before_size(text):
            self.title_parses_left -= 1  # the clause test parses: a paste of such lines stays fast
            title = _leading_title(text)
            if title:
                reading.values["title"] = (title, sentence.line, sentence.line)
        taken = reading.values.get("workload")
        if "workload" in missing and workload_mention(text) and (
                taken is None or credit_mention(text) and not credit_mention(taken[0])):
            # Credits outweigh hours said before them: 'lead the first 72 hours of an incident'
            # is no workload where '6 ECTS credits (162 hours)' follows.
            if taken is not None:
                reading.unread.append(Sentence(taken[0], taken[1]))
            reading.values["workload"] = (text, sentence.line, sentence.line)
            placed = True
        if "level" in missing and "level" not in reading.values and level_mention(text):
            reading.add("level", sentence)
            placed = True
        for name in ("awarding_body", "country"):
            if name in missing and name not in reading.values:
                value = find_organisation(text) if name == "awarding_body" else find_country(text)
                # An organisation counts as the issuer in an offer, near the top, or in the
                # line that gives the size ('… lajittelu, 2 op, EQF-taso 5, X ammattikorkeakoulu').
                near = p["offer"].search(text) or first_line <= 3 or credit_mention(text)
                if value and (name == "country" or near):
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
            if not found and name == "target_group" and name in missing:
                found = name not in reading.values and self._names_audience(text)
            if not found and name == "assessment" and name in reading.values:
                # 'The tabletop exercise report covers the first three outcomes.': the mapping
                # of the tasks just named, in the next sentence.
                found = (name in missing and reading.values[name][2] >= sentence.line - 1
                         and _OUTCOME_WORD.search(text) is not None and covered(text) is not None)
            if found:
                reading.add(name, sentence)
                placed = name in ("assessment", "quality_assurance") or placed
        if not placed:
            if self.describe:
                reading.add("description", sentence)
            else:
                reading.unread.append(sentence)

    def _names_audience(self, text: str) -> bool:
        """A sentence about the credential that names its audience where the cue list cannot
        know every way the words in between run: after 'for' ('offers this micro-credential of
        3 ECTS ... for buyers', 'This micro-credential (3 ECTS) is for brewers'), read by spaCy;
        in Finnish, a plural noun in the allative after an offer verb ('tarjoaa mikrotutkinnon
        kahviloiden työntekijöille'), read by Voikko."""
        p = _patterns()
        if not (p["offer"].search(text) or p["credential"].search(text)) or self.parses_left <= 0:
            return False
        self.parses_left -= 1
        if re.search(r"\bfor\b", text):
            from assistant.nlp.english import for_whom

            return for_whom(text) is not None
        return p["offer"].search(text) is not None and _allative_people(text)


def _leading_title(text: str) -> str | None:
    """The title a sentence opens with when the size follows it: 'Construction Waste Sorting
    on Small Sites, 2 ECTS, EQF level 5, offered by …', 'Rakennusjätteen lajittelu, 2 op, …'.
    A name, not a clause (no finite verb)."""
    title = _title_before_size(text)
    return title if title and not _is_clause(title) else None


def _title_before_size(text: str) -> str | None:
    """What stands before the size, when it could be a name: two to twelve words from a
    capital, no digit, no sentence end inside. Cheap; the clause test is not."""
    head, comma, rest = text.partition(",")
    size = rest.split(",", 1)[0]
    if not comma or not 2 <= len(head.split()) <= 12 or re.search(r"[.:;!?\d]", head) or not head[:1].isupper():
        return None
    return head.strip() if credit_mention(size) and len(size.split()) <= 4 else None


def _is_clause(text: str) -> bool:
    """A finite verb in it, by spaCy's tags (English) or Voikko's moods (Finnish):
    'The course is popular' is a clause, not a name."""
    from assistant.nlp import english, finnish

    words = text.split()
    if sum(finnish.is_known(w.strip("()")) for w in words) > len(words) / 2:
        return bool(finnish.finite_verbs(text))  # English 'on' is a Finnish verb: ask by language
    return any(t.tag_ in english.FINITE_TAGS for t in english.parse(text))


def _allative_people(text: str) -> bool:
    from assistant.nlp import finnish

    for kind, _, word in finnish.tokens(text):
        if kind != "word":
            continue
        for a in finnish.analyses(word):
            if a.get("CLASS") == "nimisana" and a.get("SIJAMUOTO") == "ulkotulento" and a.get("NUMBER") == "plural":
                return True
    return False


def _names_participation(text: str) -> bool:
    from assistant.rules.lexicon import load_lexicon

    return any(p.search(text) for p in load_lexicon().regexes("participation"))
