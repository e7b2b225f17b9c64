"""Checks on the outcomes: verbs, specificity, learner focus, count, level fit, duplicates."""

from __future__ import annotations

import re

from assistant.rules.context import Draft, finding, outcome_band, suggest_verbs
from assistant.rules.messages import phrase
from assistant.schemas import Bloom, Finding

_WORD = re.compile(r"\w+")
_EQF_LIKE = {"EQF", "NQF", "FiNQF"}  # frameworks whose levels 1-8 C12's Bloom bands describe
_MAX_COMPARED = 100  # C21 compares pairs; a longer list is no micro-credential
_SAME_VERB_FACTOR = 0.85


def _verb_list(d: Draft, language: str) -> str:
    return ", ".join(suggest_verbs(d, language))


def c06_outcome_verb(d: Draft) -> list[Finding]:
    """C06: each outcome starts, after the stem, with an observable verb from the lexicon."""
    out = []
    for number, r in d.outcomes:
        if r.in_lexicon or r.vague:
            continue
        start = f"'{r.verb_text}'" if r.verb_text else phrase("C06.nothing", d.lang)
        out.append(
            finding(
                d, "C06", "E", f"outcome {number}", "C06.not_verb",
                number=number, start=start, verbs=_verb_list(d, r.language),
            )
        )  # fmt: skip
    return out


def c07_vague_verb(d: Draft) -> list[Finding]:
    """C07: no outcome rests on an unobservable verb (know, understand, ymmärtää ...)."""
    out = []
    for number, r in d.outcomes:
        if not r.vague:
            continue
        found = finding(
            d, "C07", "E", f"outcome {number}", "C07.vague",
            verb=r.verb_text, verbs=_verb_list(d, r.language),
        )  # fmt: skip
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
                    d, "C08", "W", f"outcome {number}", "C08.several",
                    number=number, count=len(verbs), verbs=", ".join(verbs),
                )
            )  # fmt: skip
    return out


def c09_specific(d: Draft) -> list[Finding]:
    """C09: an outcome names an object and a context: enough words after the verb.

    checks.md: four words in English, three in Finnish (one Finnish word carries more).
    """
    s = d.settings
    return [
        finding(d, "C09", "W", f"outcome {number}", "C09.short", number=number, count=r.words_after_verb)
        for number, r in d.outcomes
        if (r.in_lexicon or r.vague)
        and r.words_after_verb
        < (s.outcome_min_words_after_verb_fi if r.language == "fi" else s.outcome_min_words_after_verb)
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
            out.append(finding(d, "C10", "E", where, "C10.course", phrase=match.group(0)))
    return out


def c11_outcome_count(d: Draft) -> list[Finding]:
    """C11: the number of outcomes fits the size in ECTS (or in hours, converted)."""
    c, s, count = d.cred, d.settings, len(d.outcomes)
    if count == 0:
        return []
    if c.ects and c.ects > 0:
        low, high = outcome_band(s, c.ects)
        if low <= count <= high:
            return []
        advice = phrase("C11.more" if count > high else "C11.fewer", d.lang)
        return [
            finding(
                d, "C11", "W", "learning outcomes", "C11.count",
                count=count, ects=f"{c.ects:g}", low=low, high=high, advice=advice,
            )
        ]  # fmt: skip
    if not c.hours or c.hours <= 0:
        return []
    # checks.md: hours only -> 27 h per credit, and any band the 25-30 h range allows is fine.
    sizes = (c.hours / s.hours_per_credit_max, c.hours / s.hours_per_credit_min)
    bands = {outcome_band(s, size) for size in sizes}
    if any(low <= count <= high for low, high in bands):
        return []
    low, high = outcome_band(s, c.hours / 27)
    advice = phrase("C11.more" if count > high else "C11.fewer", d.lang)
    return [
        finding(
            d, "C11", "W", "learning outcomes", "C11.hours",
            count=count, hours=f"{c.hours:g}", ects=f"{c.hours / 27:.1f}", low=low, high=high, advice=advice,
        )
    ]  # fmt: skip


def c12_level_alignment(d: Draft) -> list[Finding]:
    """C12: verb levels fit the stated EQF/NQF level (heuristic).

    checks.md: a multi-level verb counts at its highest level for the floors and at its lowest
    for the ceilings; "at most half" is inclusive; a vague verb (C07) counts as Understand.
    """
    level = d.cred.level
    rated = [r for _, r in d.outcomes if r.bloom or r.vague]
    if level is None or not 1 <= level <= 8 or not rated or d.cred.level_framework not in _EQF_LIKE:
        return []
    understand = Bloom.understand.rank
    tops = [understand if r.vague else r.top.rank for r in rated if r.vague or r.top]
    bottoms = [understand if r.vague else r.bottom.rank for r in rated if r.vague or r.bottom]
    lang, problems = d.lang, []
    if level >= 6:
        if max(tops) < Bloom.apply.rank:
            problems.append(phrase("C12.no_apply", lang))
        low = sum(1 for t in tops if t <= understand)
        if low > len(tops) / 2:
            problems.append(phrase("C12.low_half", lang, low=low, total=len(tops)))
    if level >= 7 and max(tops) < Bloom.analyse.rank:
        problems.append(phrase("C12.no_analyse", lang))
    if level <= 4:
        create = sum(1 for b in bottoms if b == Bloom.create.rank)
        if create > len(bottoms) / 2:
            problems.append(phrase("C12.create_most", lang, create=create, total=len(bottoms)))
    if not problems:
        return []
    verbs = _verb_list(d, rated[0].language)
    return [
        finding(d, "C12", "W", "learning outcomes", "C12.misfit", level=level, problems="; ".join(problems), verbs=verbs)
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
            short = " ".join(task.split())[:120]
            out.append(
                finding(d, "C14", "W", f"outcome {number}", "C14.quiz", number=number, verb=r.verb, task=short)
            )
    return out


def _content(text: str, stopwords: set[str]) -> set[str]:
    # Five-letter prefixes stand in for stems, so inflected forms (EN and FI) still match.
    return {w[:5] for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in stopwords}


def c21_duplicates(d: Draft) -> list[Finding]:
    """C21: no two outcomes say nearly the same thing."""
    words = d.lexicon.phrases["stopwords"]  # type: ignore[index]
    stop = set(words["en"]) | set(words["fi"])
    bags = [(n, r, _content(r.body or r.text, stop)) for n, r in d.outcomes[:_MAX_COMPARED]]
    threshold = d.settings.duplicate_outcome_similarity
    out = []
    for i, (first, r1, a) in enumerate(bags):
        for second, r2, b in bags[i + 1 :]:
            # checks.md: the same outcome once in each language is not a duplicate.
            if not a or not b or r1.language != r2.language:
                continue
            overlap = len(a & b) / max(len(a), len(b))
            # The same action on mostly the same object says the same thing in other words.
            same_verb = r1.verb is not None and r1.verb == r2.verb
            if overlap >= threshold or (same_verb and overlap >= threshold * _SAME_VERB_FACTOR):
                out.append(
                    finding(
                        d, "C21", "W", f"outcome {second}", "C21.duplicate",
                        second=second, first=first, share=f"{overlap:.0%}",
                    )
                )  # fmt: skip
                break
    return out
