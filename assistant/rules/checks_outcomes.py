"""Checks on the outcomes: verbs, specificity, learner focus, count, level fit, duplicates."""

from __future__ import annotations

import re

from assistant.rules.context import Draft, finding, outcome_band, suggest_verbs
from assistant.schemas import Bloom, Finding

_WORD = re.compile(r"\w+")


def _verb_list(d: Draft, language: str) -> str:
    return ", ".join(suggest_verbs(d, language))


def c06_outcome_verb(d: Draft) -> list[Finding]:
    """C06: each outcome starts, after the stem, with an observable verb from the lexicon."""
    out = []
    for number, r in d.outcomes:
        if r.in_lexicon or r.vague:
            continue
        start = f"'{r.verb_text}'" if r.verb_text else "nothing"
        out.append(
            finding(
                "C06",
                "E",
                f"outcome {number}",
                f"Outcome {number} starts with {start}, not an observable action verb.",
                f"Start with what the learner does, e.g. {_verb_list(d, r.language)}.",
            )
        )
    return out


def c07_vague_verb(d: Draft) -> list[Finding]:
    """C07: no outcome rests on an unobservable verb (know, understand, ymmärtää ...)."""
    out = []
    for number, r in d.outcomes:
        if not r.vague:
            continue
        found = finding(
            "C07",
            "E",
            f"outcome {number}",
            f"'{r.verb_text}' names an inner state that cannot be observed or assessed.",
            f"Say what the learner does to show it, e.g. {_verb_list(d, r.language)}.",
        )
        found.fix = _verb_fix(d, r)
        out.append(found)
    return out


def _verb_fix(d: Draft, r) -> dict[str, str] | None:
    """Swap the vague verb for the first level-fitting one, within the outcome's own text."""
    choices = suggest_verbs(d, r.language)
    if not choices or not r.verb_text or r.verb_text not in r.text:
        return None
    replacement = choices[0]
    if r.language == "fi":
        before = r.text.split(r.verb_text, 1)[0].split()
        previous = before[-1].lower() if before else ""
        if previous in ("pystyy", "kykenee", "pystyt", "kykenet"):
            return None  # these take the MA-infinitive; a planner rewrites it better by hand
        if previous not in ("osaa", "osaat"):
            replacement = f"osaa {replacement}"  # a finite verb becomes osaa + A-infinitive
    return {"old": r.text, "new": r.text.replace(r.verb_text, replacement, 1)}


def c08_single_verb(d: Draft) -> list[Finding]:
    """C08: one action verb per outcome."""
    out = []
    for number, r in d.outcomes:
        verbs = list(dict.fromkeys(r.verbs))
        if len(verbs) > 1:
            out.append(
                finding(
                    "C08",
                    "W",
                    f"outcome {number}",
                    f"Outcome {number} has {len(verbs)} action verbs ({', '.join(verbs)}); each is "
                    "assessed separately.",
                    "Split it into one outcome per verb, or keep the verb that matters most.",
                )
            )
    return out


def c09_specific(d: Draft) -> list[Finding]:
    """C09: an outcome names an object and a context: enough words after the verb."""
    need = d.settings.outcome_min_words_after_verb
    return [
        finding(
            "C09",
            "W",
            f"outcome {number}",
            f"Outcome {number} has {r.words_after_verb} word(s) after its verb; it does not say "
            "what, and in which context or to which standard.",
            "Add the object and the context, e.g. '... customer data in a CRM to segment buyers'.",
        )
        for number, r in d.outcomes
        if (r.in_lexicon or r.vague) and r.words_after_verb < need
    ]


def c10_learner_centred(d: Draft) -> list[Finding]:
    """C10: outcomes and description speak of the learner, not of the course."""
    patterns = d.lexicon.regexes("course_centred")
    texts = [("description", d.cred.description or "")]
    texts += [(f"outcome {number}", r.text) for number, r in d.outcomes]
    out = []
    for where, text in texts:
        match = next((m for p in patterns if (m := p.search(text))), None)
        if match:
            out.append(
                finding(
                    "C10",
                    "E",
                    where,
                    f"'{match.group(0)}' describes the course, not what the learner can do.",
                    "Rewrite from the learner's side: 'The learner can ...' / 'Opiskelija osaa ...'.",
                )
            )
    return out


def c11_outcome_count(d: Draft) -> list[Finding]:
    """C11: the number of outcomes fits the size in ECTS."""
    ects, count = d.cred.ects, len(d.outcomes)
    if not ects or ects <= 0 or count == 0:
        return []
    low, high = outcome_band(d.settings, ects)
    if low <= count <= high:
        return []
    return [
        finding(
            "C11",
            "W",
            "learning outcomes",
            f"{count} outcome(s) for {ects:g} ECTS; {low}-{high} is usual at this size.",
            "Merge narrow outcomes."
            if count > high
            else "Add outcomes for what the workload covers.",
        )
    ]


def c12_level_alignment(d: Draft) -> list[Finding]:
    """C12: verb levels fit the stated EQF/NQF level (heuristic)."""
    level = d.cred.level
    rated = [r for _, r in d.outcomes if r.bloom and not r.vague]
    if level is None or not 1 <= level <= 8 or not rated:
        return []
    tops = [r.top.rank for r in rated if r.top]
    problems = []
    if level >= 6:
        if max(tops) < Bloom.apply.rank:
            problems.append("no outcome is at Apply or above")
        low = sum(1 for t in tops if t <= Bloom.understand.rank)
        if low > len(tops) / 2:
            problems.append(f"{low} of {len(tops)} outcomes are at Remember/Understand")
    if level >= 7 and max(tops) < Bloom.analyse.rank:
        problems.append("no outcome is at Analyse, Evaluate or Create")
    if level <= 4:
        create = sum(1 for r in rated if r.bottom == Bloom.create)
        if create > len(rated) / 2:
            problems.append(f"{create} of {len(rated)} outcomes are at Create")
    if not problems:
        return []
    language = rated[0].language
    return [
        finding(
            "C12",
            "W",
            "learning outcomes",
            f"The verbs do not fit level {level}: " + "; ".join(problems) + ".",
            f"Use verbs that fit level {level}, e.g. {_verb_list(d, language)}.",
        )
    ]


def c14_assessment_fit(d: Draft) -> list[Finding]:
    """C14: Evaluate/Create outcomes are not assessed only by quiz or multiple choice."""
    mapping = d.cred.outcome_assessment or {}
    quiz = d.lexicon.regexes("quiz_only")
    rich = d.lexicon.starts("rich_assessment")
    out = []
    for number, r in d.outcomes:
        if r.bottom is None or r.bottom.rank < Bloom.evaluate.rank:
            continue
        task = mapping.get(number) or d.cred.assessment or ""
        if any(p.search(task) for p in quiz) and not any(p.search(task) for p in rich):
            out.append(
                finding(
                    "C14",
                    "W",
                    f"outcome {number}",
                    f"Outcome {number} asks the learner to {r.verb}, but is assessed only by "
                    f"'{task}', which tests recall.",
                    "Assess it with a task that shows the judgement or product: a case report, "
                    "a plan, a prototype, a presentation.",
                )
            )
    return out


def _content(text: str, stopwords: set[str]) -> set[str]:
    # Five-letter prefixes stand in for stems, so inflected forms (EN and FI) still match.
    return {w[:5] for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in stopwords}


def c21_duplicates(d: Draft) -> list[Finding]:
    """C21: no two outcomes say nearly the same thing."""
    words = d.lexicon.phrases["stopwords"]  # type: ignore[index]
    stop = set(words["en"]) | set(words["fi"])
    bags = [(number, _content(r.body or r.text, stop)) for number, r in d.outcomes]
    out = []
    for i, (first, a) in enumerate(bags):
        for second, b in bags[i + 1 :]:
            if not a or not b:
                continue
            overlap = len(a & b) / max(len(a), len(b))
            if overlap >= d.settings.duplicate_outcome_similarity:
                out.append(
                    finding(
                        "C21",
                        "W",
                        f"outcome {second}",
                        f"Outcome {second} nearly repeats outcome {first} ({overlap:.0%} of words shared).",
                        "Merge the two, or make each name a different object or context.",
                    )
                )
                break
    return out
