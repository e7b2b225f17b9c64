"""The composer: deterministic outcomes from a brief, built to pass the outcome checks.

Skill needs become skill phrases; the count is fitted to the C11 band (merging the closest
phrases, or adding outcomes about the work context); Bloom levels are spread over the EQF
level's band (C12); each phrase gets the lexicon verb whose example objects are closest to it
(embedding similarity), and the outcome reads '<stem> <verb> <object> <context>'. Finnish
objects are put in the verb's case with voikko-checked forms. No randomness anywhere.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.drafting import fit, guard
from assistant.drafting.common import Guidance, count_band, outcome_findings, outcome_text
from assistant.drafting.coverage import content_words, same_word
from assistant.drafting.levels import assessment_for, assign_levels, fits_level, level_quotas
from assistant.drafting.needs import Need, prose_of, read_needs
from assistant.drafting.variants import is_code, object_variants
from assistant.drafting.verbs import composable_verbs, embed, government, ranked_at, verb_scores
from assistant.nlp import inflect
from assistant.nlp.english import en_plural
from assistant.nlp.finnish import COORDINATORS, PLACE_CASES
from assistant.nlp.inflect import minen_form
from assistant.nlp.types import pieces_between
from assistant.rules import finnish
from assistant.rules.checker import Checker
from assistant.rules.context import band_for_level
from assistant.rules.lexicon import load_lexicon
from assistant.schemas import Bloom, Citation, CredentialBrief, DraftResult, LearningOutcome

OVERLAP_BONUS = 0.15
# The verb that takes a planner's action whose own verb the lexicon lacks ('demonstrate taking
# blood cultures', 'toteuttaa lääkkeiden jakamisen'): it says the learner does the thing.
# The first is the skill's verb hint; the others serve a second such action in one draft
# ('practise reconciling bank accounts').
# English takes an action as a gerund after 'demonstrate' only: 'practise reconciling' names a
# learning activity and 'perform working out accruals' is no English (a probe's reader, stop 25).
ACTIVITY_VERBS = {"en": ("demonstrate",), "fi": ("toteuttaa", "suorittaa", "demonstroida")}
ACTIVITY_VERB = {lang: verbs[0] for lang, verbs in ACTIVITY_VERBS.items()}
# Verbs that fit almost any object at their level, as outcome builders offer first. The bundled
# embedding model reads English only, so in Finnish they weigh more against noisy similarity.
GENERAL_VERBS = {
    "en": {"identify", "describe", "explain", "apply", "implement", "use", "analyse", "examine",
           "evaluate", "assess", "design", "develop", "plan"},
    "fi": {"tunnistaa", "kuvata", "selittää", "soveltaa", "toteuttaa", "hyödyntää", "analysoida",
           "tarkastella", "arvioida", "perustella", "suunnitella", "kehittää", "laatia"},
}
# English: a rare verb ('critique', 'attribute') must beat a general one by a clear margin.
GENERAL_BONUS = {"en": 0.2, "fi": 0.2}
HINT_BONUS = 0.25  # the planner's own verb ("plan sustainable events") beats a similar one
_EN_PREPOSITIONS = {"in", "of", "for", "with", "on", "at", "to", "within", "across", "from", "by"}
_EN_DEVERBAL = (("ysis", "yse"), ("ment", ""), ("isation", "ise"), ("ization", "ize"), ("ation", "ate"),
                ("ation", ""), ("ing", ""), ("ing", "e"))
# Nouns that are their verb unchanged ('dashboard design' -> 'design dashboards'); most such
# nouns read wrongly as verbs ('business model', 'user guide'), so only these few.
_EN_ZERO_DEVERBAL = {"design", "review", "audit"}
# General verbs that take a thing, not an activity: 'use forecasting sales' reads wrongly.
_EN_TOOL_VERBS = {"use", "apply", "implement", "develop", "design"}
_EN_ACTION_ENDINGS = ("ing", "ment", "ation", "ysis", "ance", "ence", "sion", "tion")
# Verbs whose people-object takes 'with' ('customer communication' -> 'communicate with customers').
_EN_WITH = {"communicate", "interact", "cooperate", "collaborate", "negotiate"}
# 'python programming', 'cloud computing': the word before names a field, not a plain object.
_EN_LANGUAGE_VERBS = {"program", "code", "script", "compute"}
# 'reproducible reporting', 'pedagogical documentation': an adjective is no object.
_EN_ADJECTIVE_ENDINGS = ("ible", "able", "al", "ive", "ous", "ful", "less", "ary", "ic", "ed")

# Outcomes about the work context, for briefs with fewer skill phrases than the band needs.
# (verb, object and context with {ctx}); the verbs sit at one level each.
FILLERS: dict[str, dict[str, list[tuple[str, str]]]] = {
    "en": {
        "evaluate": [
            ("justify", "their own professional choices {ctx}"),
            ("evaluate", "the quality of their own work against agreed criteria {ctx}"),
            ("reflect", "on their own professional practice and its development {ctx}"),
            ("recommend", "improvements to everyday working practices {ctx}"),
        ],
        "apply": [
            ("document", "their own work clearly and accurately {ctx}"),
            ("present", "the results of their work to colleagues {ctx}"),
            ("follow", "the relevant safety and quality guidelines {ctx}"),
            ("communicate", "with customers and colleagues about their work {ctx}"),
        ],
    },
    "fi": {
        "evaluate": [
            ("perustella", "tekemänsä ammatilliset ratkaisut {ctx}"),
            ("arvioida", "oman työnsä laatua sovittujen kriteerien avulla {ctx}"),
            ("reflektoida", "omaa ammatillista toimintaansa ja sen kehittämistä {ctx}"),
            ("suositella", "parannuksia arkisiin työkäytäntöihin {ctx}"),
        ],
        "apply": [
            ("dokumentoida", "oman työnsä selkeästi ja täsmällisesti {ctx}"),
            ("esittää", "työnsä tulokset työyhteisölle {ctx}"),
            ("noudattaa", "alan turvallisuus- ja laatuohjeita {ctx}"),
            ("hyödyntää", "saamaansa palautetta oman työnsä kehittämisessä {ctx}"),
        ],
    },
}


@dataclass(frozen=True)
class Skill:
    """A skill phrase ready for an outcome: its object (Finnish: nominative) and any verb the
    planner already used."""

    phrase: str
    obj: str
    hint: str | None = None
    fixed: bool = False  # Finnish: the object stays as written, in the hint verb's own case
    noun: str = ""  # the phrase as a noun phrase, for merging: no verb of its own
    # English: names an action whose verb is not usable, 'gerund' ('forecasting sales') or
    # 'noun' ('data privacy compliance'), so a general verb takes the whole phrase.
    action: str = ""
    manner: str = ""  # Finnish: a phrase after the object that no verb's case changes
    parts: int = 1  # how many of the brief's skills were merged into this one

    @property
    def nominal(self) -> str:
        return self.noun or self.obj


class Composer:
    """Deterministic drafting strategy: no model, every outcome passes the outcome checks."""

    name = "composer"

    def __init__(self, settings: Settings, checker: Checker, embeddings: Embeddings | None = None) -> None:
        if embeddings is None:
            from assistant.index.embeddings import build_embeddings

            embeddings = build_embeddings(settings)  # the settings' model (multilingual e5 by default)
        self.settings = settings
        self.checker = checker
        self.embeddings = embeddings
        # Guard problems per outcome object (by id), read once a draft is assembled; per thread,
        # since one composer serves every browser session of the workspace.
        self._local = threading.local()

    @property
    def _problems(self) -> dict[int, list[str]]:
        if not hasattr(self._local, "problems"):
            self._local.problems = {}
        return self._local.problems

    @property
    def _general(self) -> list[LearningOutcome]:
        """The outcomes about judging and sharing one's work, made for no skill of the brief (the
        objects, not their ids: an outcome dropped in a repair frees its id for another)."""
        if not hasattr(self._local, "general"):
            self._local.general = []
        return self._local.general

    # --- the strategy ------------------------------------------------------------------
    def draft(self, brief: CredentialBrief, guidance: Guidance | None = None) -> DraftResult:
        """Outcomes for a brief, with the outcome-check findings that remain (none expected)."""
        outcomes, skipped = self.compose_guarded(brief, guidance or Guidance())
        findings = outcome_findings(self.checker, brief, outcomes)
        return DraftResult(brief=brief, outcomes=outcomes, findings=findings, strategy=self.name,
                           skills=[n.text for n in read_needs(brief)], skipped=skipped)

    def compose_guarded(self, brief: CredentialBrief, guidance: Guidance) -> tuple[list[LearningOutcome], list[str]]:
        """The composed outcomes that pass the grammar guard, and a note for each skill that
        could not be made into one (never shown as an outcome)."""
        outcomes = self.compose(brief, guidance)
        kept, skipped = [], []
        for outcome in outcomes:
            found = self._problems.pop(id(outcome), [])
            if found:
                skill = outcome.object or outcome.text
                skipped.append(guard.message("skipped", brief.language, skill=skill, problems="; ".join(found)))
            else:
                kept.append(outcome)
        low, _ = count_band(self.settings, brief.ects)
        if len(kept) < low:
            # Fewer outcomes than the band needs once the failing ones are out: outcomes about
            # the work context fill the gap, as they do for a brief with few skills.
            used = {o.verb or "" for o in kept}
            for plan in self._filler_plans(brief, low - len(kept), used):
                outcome = self._outcome(plan, brief.language, self._context(brief), guidance, brief)
                if not self._problems.pop(id(outcome), []):
                    kept.append(outcome)
        general = [number for number, o in enumerate(kept, start=1) if any(o is g for g in self._general)]
        self._problems.clear()
        self._general.clear()
        if general and len(general) == len(kept) and not skipped:  # none read, rather than none drafted
            skipped.append(guard.message("no_skills", brief.language))
        elif general:
            joiner = " ja " if brief.language == "fi" else " and "
            numbers = joiner.join(filter(None, (", ".join(map(str, general[:-1])), str(general[-1]))))
            key = "general" if len(general) == 1 else "general_many"
            skipped.append(guard.message(key, brief.language, numbers=numbers, low=low))
        return kept, skipped

    def compose(self, brief: CredentialBrief, guidance: Guidance) -> list[LearningOutcome]:
        """The outcome list (unchecked beyond the built-in repair of any failing outcome)."""
        lang = brief.language
        low, high = count_band(self.settings, brief.ects)
        skills = [self._need_skill(n, lang) for n in read_needs(brief)]
        vectors = embed(self.embeddings, [s.phrase for s in skills])
        skills, vectors = self._merge(skills, vectors, high, lang)
        fillers = max(0, low - len(skills))
        scores = [self._scores(skill, vector, lang) for skill, vector in zip(skills, vectors)]
        levels = self._levels(brief, skills, scores)
        context = self._context(brief)
        used: set[str] = set()
        plans: list[_Plan] = []
        for skill, score, level in zip(skills, scores, levels):
            options = self._verb_options(skill, score, level, lang, used)
            plans.append(_Plan(skill, level, options, 0))
            used.add(options[0])
        plans += self._filler_plans(brief, fillers, used)
        outcomes = [self._outcome(plan, lang, context, guidance, brief) for plan in plans]
        outcomes = self._repair(brief, plans, outcomes, context, guidance)
        return self._guard_retry(brief, plans, outcomes, context, guidance)

    def _guard_retry(self, brief: CredentialBrief, plans: list[_Plan], outcomes: list[LearningOutcome],
                     context: list[str], guidance: Guidance) -> list[LearningOutcome]:
        """An outcome that fails the grammar guard gets the plan's other verbs and contexts, and
        keeps the first that passes both the guard and the outcome checks."""
        for index, outcome in enumerate(list(outcomes)):
            if not self._problems.get(id(outcome)):
                continue
            for option in _alternatives(plans[index], len(context)):
                candidate = self._outcome(option, brief.language, context, guidance, brief)
                if self._problems.get(id(candidate)):
                    continue
                trial = outcomes[:index] + [candidate] + outcomes[index + 1:]
                where = f"outcome {index + 1}"
                if not any(f.where == where for f in outcome_findings(self.checker, brief, trial)):
                    plans[index], outcomes = option, trial
                    break
        return outcomes

    # --- skill phrases -------------------------------------------------------------------
    def _skill(self, phrase: str, lang: str) -> Skill:
        return _finnish_skill(phrase) if lang == "fi" else _english_skill(phrase)

    def _need_skill(self, need: Need, lang: str) -> Skill:
        """A list phrase is read as before; a verb-object pair read from prose keeps its verb
        where the lexicon has it, else gets a verb that fits its object."""
        if need.kind in {"phrase", "noun-phrase"}:
            return self._skill(need.text, lang)
        return _finnish_prose_skill(need) if lang == "fi" else _english_prose_skill(need)

    def _merge(self, skills: list[Skill], vectors: np.ndarray, most: int, lang: str) -> tuple[list[Skill], np.ndarray]:
        """Merge the two closest phrases until the count fits the band's maximum."""
        skills, vectors = list(skills), np.array(vectors)
        joiner = " ja " if lang == "fi" else " and "
        while len(skills) > most:
            sims = vectors @ vectors.T
            best: tuple[float, int, int] | None = None
            for i in range(len(skills)):
                for j in range(i + 1, len(skills)):
                    # A Finnish object kept in its own case cannot share another verb, nor can
                    # an English one that is a preposition's ('with the health authority').
                    if not (_mergeable(skills[i], lang) and _mergeable(skills[j], lang)):
                        continue
                    if best is None or sims[i, j] > best[0] + 1e-9:
                        best = (float(sims[i, j]), i, j)
            if best is None:
                best = (0.0, len(skills) - 2, len(skills) - 1)
            _, i, j = best
            a, b = skills[i], skills[j]
            hint = a.hint if a.hint == b.hint else None
            listed = a.parts > 1  # 'A and B' is a list of skills only if merged so
            obj = _join(a.obj, b.obj, joiner, listed) if hint else _join(a.nominal, b.nominal, joiner, listed)
            skills[i] = Skill(a.phrase + joiner + b.phrase, obj, hint, a.fixed and b.fixed, parts=a.parts + b.parts)
            merged = vectors[i] + vectors[j]
            vectors[i] = merged / max(float(np.linalg.norm(merged)), 1e-12)
            del skills[j]
            vectors = np.delete(vectors, j, axis=0)
        return skills, vectors

    # --- verbs and levels ----------------------------------------------------------------
    def _scores(self, skill: Skill, vector: np.ndarray, lang: str) -> dict[str, float]:
        scores = verb_scores(self.embeddings, vector, lang)
        words = content_words(skill.obj, lang)
        # English: a verb other than the phrase's own is written with the whole phrase.
        whole = content_words(skill.nominal, lang) if lang == "en" else words
        out = {}
        for verb, score in scores.items():
            # A verb that repeats the object's stem ("plan project planning") adds nothing.
            if any(same_word(w, verb.split()[0]) for w in (words if verb == skill.hint else whole)):
                continue
            # Shared words with the verb's examples back the (English-only) embedding model up.
            example_words = _example_words(verb, lang)
            shared = sum(1 for w in words if any(same_word(w, e) for e in example_words))
            general = GENERAL_BONUS[lang] if verb in GENERAL_VERBS[lang] else 0.0
            out[verb] = score + OVERLAP_BONUS * shared / max(len(words), 1) + general
        return out

    def _levels(self, brief: CredentialBrief, skills: list[Skill], scores: list[dict[str, float]]) -> list[Bloom]:
        """Planned Bloom levels: a planner's own verb keeps its level where C12 allows; the
        other phrases are spread over the EQF level's band."""
        lang = brief.language
        fixed: dict[int, Bloom] = {}
        for i, skill in enumerate(skills):
            entry = load_lexicon().verb(lang, skill.hint) if skill.hint else None
            if entry is not None and (skill.fixed or skill.hint in composable_verbs(lang)):
                # The verb's highest level in the EQF band, else its highest level.
                inband = [b for b in entry.bloom if b in band_for_level(brief.level)] if lang == "en" else []
                fixed[i] = max(inband or entry.bloom, key=lambda b: b.rank)
        while True:
            free = [i for i in range(len(skills)) if i not in fixed]
            taken = {skills[i].hint for i in fixed if skills[i].hint}  # verbs the fixed outcomes use
            quotas = level_quotas(len(free), brief.level, list(fixed.values()))
            chosen = assign_levels(
                len(free), quotas,
                lambda k, level, free=free, taken=taken: self._level_score(skills[free[k]], scores[free[k]], level, lang, taken),
            )
            levels = dict(fixed) | dict(zip(free, chosen))
            planned = [levels[i] for i in range(len(skills))]
            movable = [i for i in sorted(fixed) if not skills[i].fixed]
            if fits_level(planned, brief.level) or not movable:
                return planned
            del fixed[movable[-1]]  # the planner's verb gives way to a level that fits

    def _level_score(self, skill: Skill, scores: dict[str, float], level: Bloom, lang: str,
                     taken: set[str] = frozenset()) -> float:
        hint = load_lexicon().verb(lang, skill.hint) if skill.hint else None
        if hint is not None and level in hint.bloom:
            return HINT_BONUS + max(scores.values(), default=0.0)
        if skill.fixed:
            return -1.0
        ranked = ranked_at(scores, lang, level)
        if lang == "en" and (skill.action or hint is not None):
            # Scored as it will be written: with a general verb no other outcome already has.
            general = [v for v in _general_first(ranked, level) if v in GENERAL_VERBS[lang] and v not in taken
                       and not (skill.action == "gerund" and v in _EN_TOOL_VERBS)]
            if not general and ranked and skill.action == "gerund":
                return scores[ranked[0]] - 1.0  # a level with a general verb for it comes first
            ranked = general or ranked
        return scores[ranked[0]] if ranked else -1.0

    def _verb_options(self, skill: Skill, scores: dict[str, float], level: Bloom, lang: str, used: set[str]) -> list[str]:
        """Verbs for this skill at this level, best first; unused ones before used ones."""
        hint = load_lexicon().verb(lang, skill.hint) if skill.hint else None
        ranked = ranked_at(scores, lang, level)
        if skill.fixed and hint is not None:
            if lang != "fi":
                return [hint.verb]
            if government(hint.verb) is None:
                return [hint.verb]  # 'toimia ohjeiden mukaan': no other verb takes what follows it
            # Another verb may take a Finnish object as written if it governs the same case:
            # the way out when the planner's verb and object repeat the brief word for word.
            case = "osanto" if any("osanto" in inflect.case_of(w) for w in skill.obj.split()) else "akkusatiivi"
            return [hint.verb] + [v for v in ranked if v != hint.verb and government(v) == case][:5]
        if lang == "fi":
            ranked = [v for v in ranked if _finnish_object(skill.obj, v) is not None] or [
                v for v in ranked if government(v) == "osanto"
            ]
        if lang == "en" and (skill.action or hint is not None):
            # An action phrase without its own verb at this level reads best with a general verb
            # ('evaluate route planning'), not a rare one that happens to be close ('critique').
            ranked = _general_first(ranked, level)
            if skill.action == "gerund":
                # Only a general verb takes an action ('evaluate working out ...'): a specific one
                # that is merely near in meaning reads as nonsense ('disinfect working out ...').
                general = [v for v in ranked if v in GENERAL_VERBS["en"] | set(ACTIVITY_VERBS["en"])]
                ranked = [v for v in general if v not in _EN_TOOL_VERBS] + [v for v in general if v in _EN_TOOL_VERBS]
        if hint is not None and level in hint.bloom and hint.verb in composable_verbs(lang):
            ranked = [hint.verb] + [v for v in ranked if v != hint.verb]
        if skill.hint == ACTIVITY_VERB[lang]:
            # An action kept from the planner's own verb: the activity verbs take it; at another
            # level a general verb does ('evaluate packing objects'), never a rare near miss.
            activity = [v for v in ACTIVITY_VERBS[lang] if v in composable_verbs(lang) and level in composable_verbs(lang)[v].bloom]
            general = [v for v in ranked if v in GENERAL_VERBS[lang] and v not in activity
                       and not (lang == "en" and v in _EN_TOOL_VERBS)]
            if lang == "en" and activity:
                return activity  # used again rather than a general verb before a gerund ('apply working out')
            ranked = activity + general or ranked
        fresh = [v for v in ranked if v not in used]
        options = fresh + [v for v in ranked if v in used]
        return options or [_fallback_verb(lang, level)]

    # --- text ----------------------------------------------------------------------------
    def _context(self, brief: CredentialBrief) -> list[str]:
        """Context phrasings, preferred first: the work setting, else the target group's work."""
        return finnish_contexts(brief) if brief.language == "fi" else english_contexts(brief)

    def _outcome(self, plan: _Plan, lang: str, context: list[str], guidance: Guidance, brief: CredentialBrief) -> LearningOutcome:
        plan_problems: list[str] = []
        verb = plan.options[plan.choice % len(plan.options)]
        ctx = context[min(plan.context, len(context) - 1)]
        if plan.filler is not None:
            obj = plan.filler.format(ctx=ctx).strip()
            text, ctx_out, obj_out = outcome_text(lang, verb, obj), ctx, obj.replace(ctx, "").strip()
            plan_problems = guard.problems(text, verb, obj_out, lang, prose_of(brief))
        else:
            obj_out = plan.skill.obj if plan.skill.fixed else (
                _finnish_object(plan.skill.obj, verb) or f"aihepiiriä {plan.skill.obj}"
                if lang == "fi" else _english_object(plan.skill, verb)
            )
            if plan.skill.manner:
                obj_out = f"{obj_out} {plan.skill.manner}"
            ctx_out = ctx
            text, obj_out, ctx_out, failed = self._guarded(lang, verb, obj_out, ctx, brief, plan.skill.obj)
            if failed:
                plan_problems = failed
        entry = load_lexicon().verb(lang, verb)
        bloom = list(entry.bloom) if entry else [plan.level]
        outcome = LearningOutcome(
            text=text, verb=verb, bloom=bloom, object=obj_out, context=ctx_out,
            assessment=assessment_for(plan.level, lang),
            citations=self._citations(guidance, plan.skill.phrase if plan.skill else text),
            strategy=self.name,
        )
        self._problems[id(outcome)] = plan_problems
        if plan.filler is not None:
            self._general.append(outcome)
        return outcome

    def _guarded(self, lang: str, verb: str, obj: str, ctx: str, brief: CredentialBrief,
                 source: str = "") -> tuple[str, str, str, list[str]]:
        """The first phrasing of the object that passes the grammar guard, with the problems
        of the last one tried when none does. A phrasing must keep a content word of the
        skill's own object (`source`): a cut that leaves only the drafter's words ('aihepiiriä')
        says nothing the brief asked for."""
        prose = prose_of(brief)
        found: list[str] = []
        wanted = content_words(source, lang) if source else []
        for variant in object_variants(obj, lang, verb):
            if wanted and not any(same_word(w, h) for w in wanted for h in content_words(variant, lang)):
                found = found or [guard.message("lost_object", lang)]
                continue
            ctx_out = ctx
            if len((variant + " " + ctx).split()) < self.settings.outcome_min_words_after_verb:
                ctx_out = ("arjen työtilanteissa " if lang == "fi" else "as part of their work ") + ctx
            text = outcome_text(lang, verb, variant, ctx_out)
            found = guard.problems(text, verb, variant, lang, prose)
            if not found:
                return text, variant, ctx_out, []
        return text, variant, ctx_out, found

    def _citations(self, guidance: Guidance, phrase: str) -> list[Citation]:
        """The outcome-structure and level passages, and the past credential closest to it."""
        cites = list(guidance.structure) + list(guidance.level)
        if guidance.examples:
            texts = [f"{c.title} {c.quote}" for c in guidance.examples]
            vectors = embed(self.embeddings, [phrase] + texts)
            sims = vectors[1:] @ vectors[0]
            best = max(range(len(texts)), key=lambda i: (round(float(sims[i]), 6), -i))
            cites.append(guidance.examples[best])
        return cites

    def _filler_plans(self, brief: CredentialBrief, count: int, used: set[str]) -> list[_Plan]:
        """Outcomes about judging and sharing one's work in the context, at a level that fits."""
        lang = brief.language
        top = max(band_for_level(brief.level), key=lambda b: b.rank)
        group = "evaluate" if top.rank >= Bloom.analyse.rank else "apply"
        plans = []
        for verb, template in FILLERS[lang][group] + FILLERS[lang]["apply" if group == "evaluate" else "evaluate"]:
            if len(plans) == count:
                break
            if verb in used:
                continue
            used.add(verb)
            entry = load_lexicon().verb(lang, verb)
            level = entry.bloom[0] if entry else Bloom.apply
            plans.append(_Plan(None, level, [verb], 0, filler=template))
        return plans

    # --- repair --------------------------------------------------------------------------
    def _repair(self, brief: CredentialBrief, plans: list[_Plan], outcomes: list[LearningOutcome],
                context: list[str], guidance: Guidance) -> list[LearningOutcome]:
        """Rewrite any outcome the checker flags with its next verb or context, until clean."""
        lang = brief.language
        for _ in range(3 * len(plans)):
            findings = outcome_findings(self.checker, brief, outcomes)
            flagged = sorted({int(m.group(1)) for f in findings if (m := re.match(r"outcome (\d+)", f.where))})
            if not flagged:
                break
            changed = False
            for number in flagged:
                index = number - 1
                plan = plans[index]
                for option in _alternatives(plan, len(context)):
                    trial = outcomes[:index] + [self._outcome(option, lang, context, guidance, brief)] + outcomes[index + 1:]
                    mine = [f for f in outcome_findings(self.checker, brief, trial) if f.where == f"outcome {number}"]
                    if not mine:
                        plans[index], outcomes, changed = option, trial, True
                        break
            if not changed:
                break
        return outcomes


@dataclass(frozen=True)
class _Plan:
    """How one outcome is built: skill (None for a context outcome), level, verb options, which
    verb option and which context phrasing are in use."""

    skill: Skill | None
    level: Bloom
    options: list[str]
    choice: int
    context: int = 0
    filler: str | None = None


def _alternatives(plan: _Plan, contexts: int) -> list[_Plan]:
    """Other phrasings of a plan: its own verb in the other contexts first, then the other
    verbs. A near-duplicate (C21) is most often two outcomes sharing a long context, and
    swapping the verb there would drop the planner's own verb ('tunnistaa' -> 'selittää')."""
    out = [replace(plan, context=context) for context in range(contexts) if context != plan.context]
    for context in range(contexts):
        for choice in range(min(len(plan.options), 6)):
            if choice != plan.choice:
                out.append(replace(plan, choice=choice, context=context))
    return out


def _general_first(ranked: list[str], level: Bloom) -> list[str]:
    """English verbs with the general ones first: those at this level only ('analyse', not
    'identify', whose first level is Remember), then the others, then the rest as ranked."""
    verbs = composable_verbs("en")
    general = [v for v in ranked if v in GENERAL_VERBS["en"]]
    own = [v for v in general if set(verbs[v].bloom) == {level}]
    return own + [v for v in general if v not in own] + [v for v in ranked if v not in general]


def _join(first: str, second: str, joiner: str, listed: bool) -> str:
    """'A and B' + 'C' -> 'A, B and C' when the first is a list of merged skills; an 'and'
    of the skill's own ('frame-rate and load-time budgets') stays."""
    head, sep, tail = first.rpartition(joiner)
    return f"{head}, {tail}{joiner}{second}" if sep and listed else f"{first}{joiner}{second}"


@cache
def _example_words(verb: str, lang: str) -> tuple[str, ...]:
    entry = load_lexicon().verb(lang, verb)
    return tuple(content_words(" ".join(entry.examples), lang)) if entry else ()


def _fallback_verb(lang: str, level: Bloom) -> str:
    verbs = sorted(v for v, e in composable_verbs(lang).items() if level in e.bloom)
    return verbs[0] if verbs else ("apply" if lang == "en" else "soveltaa")


# --- English ---------------------------------------------------------------------------
def _english_skill(phrase: str) -> Skill:
    """Read an English skill phrase: a leading verb ('plan events') or an action-noun head
    ('customer data analysis') becomes the verb hint; the rest is the object."""
    lexicon = load_lexicon()
    words = phrase.split()
    for size in (2, 1):
        head = " ".join(words[:size]).lower()
        lemma = _en_verb(head) if size == 1 else (head if head in lexicon.verbs["en"] else None)
        # 'code review', 'test automation': a noun before an action noun, not a leading verb.
        if size == 1 and head == words[0] and len(words) == 2 and _en_action_noun(words[-1].lower()):
            continue
        if lemma and len(words) > size:
            # 'use of equipment', 'prototyping of services': the verb's noun, then its object.
            tail = words[size + 1:] if words[size].lower() == "of" else words[size:]
            if not tail:
                continue
            # 'calculate their carbon footprint': 'their' pointed into the planner's sentence.
            rest = re.sub(r"^(?:their|its|his|her)\s+", "the ", " ".join(tail), flags=re.IGNORECASE)
            return Skill(phrase, rest, lemma, noun=rest)
    # The head noun is the word before the first preposition (or the last word).
    cut = next((i for i, w in enumerate(words) if w.lower() in _EN_PREPOSITIONS and i > 0), len(words))
    head_index = cut - 1
    head = words[head_index].lower()
    verb = _en_verb(head, nouns=True) or (head if head in _EN_ZERO_DEVERBAL and head in composable_verbs("en") else None)
    if verb:
        if head_index == 0 and cut < len(words) and words[cut].lower() == "of":
            rest = words[cut + 1:]
        else:
            rest = words[:head_index] + words[cut:]
        if len(rest) >= 2:
            if head_index > 0 and cut == len(words):
                # 'supply chain risk assessment' -> 'assess supply chain risks'
                rest = rest[:-1] + [en_plural(rest[-1])]
            return Skill(phrase, " ".join(rest), verb, noun=phrase)
        if (len(rest) == 1 and head_index == 1 and cut == len(words) and rest[0].isalpha() and verb not in _EN_LANGUAGE_VERBS
                and not rest[0].lower().endswith(_EN_ADJECTIVE_ENDINGS)):
            # 'route planning' -> 'plan routes', 'customer communication' -> 'communicate with customers'
            obj = en_plural(rest[0])
            if verb in _EN_WITH and not fit.is_person(obj, "en"):
                return Skill(phrase, phrase, noun=phrase, action="noun")  # 'crisis communication'
            return Skill(phrase, f"with {obj}" if verb in _EN_WITH else obj, verb, noun=phrase)
    # 'forecasting sales', 'data privacy compliance': an action whose verb the lexicon lacks.
    action = ""
    if len(words) >= 2 and words[0].lower().endswith("ing") and len(words[0]) > 5 and cut == len(words):
        action = "gerund"
    elif len(words) >= 2 and _en_action_noun(words[head_index].lower()):
        action = "noun"
    return Skill(phrase, phrase, action=action)


def _english_prose_skill(need: Need) -> Skill:
    lexicon = load_lexicon()
    verb, obj = need.verb, need.object
    if verb in composable_verbs("en"):
        return Skill(need.text, obj, verb, noun=obj)
    if verb in lexicon.verbs["en"] and verb not in lexicon.vague("en"):
        # 'respond to a leak', 'decide what to isolate': the object is written for this verb.
        return Skill(need.text, obj, verb, fixed=True)
    substituted = _substituted(verb, obj)
    if substituted is not None:
        return Skill(need.text, substituted[1], substituted[0], fixed=True)
    # The action as a gerund phrase, for another verb to take: 'talking with a guest'.
    action = f"{_en_gerund(verb.split()[0])} {' '.join(verb.split()[1:] + [obj])}".replace("  ", " ")
    if obj.split()[0].lower() in _EN_PREPOSITIONS | {"what", "when", "how", "which", "whether", "about"}:
        return Skill(need.text, action, action="gerund")  # 'talk with a guest'
    # 'take blood cultures', 'pack objects for transport': a verb the lexicon lacks is not
    # dropped, leaving its object to a verb that does something else with it ('analyse blood
    # cultures', 'apply guests'); the action stays, as a gerund an activity verb takes.
    return Skill(need.text, action, ACTIVITY_VERB["en"], noun=action, action="gerund")


def _substituted(verb: str, obj: str) -> tuple[str, str] | None:
    """(lexicon verb, object written for it) for a listed everyday verb the lexicon lacks:
    'take a full set of vital signs' -> 'measure', 'call the doctor' -> 'communicate with
    the doctor', 'tell the family what to watch for' -> 'guide the family on what to ...',
    'keep an eye on patients' -> 'monitor patients'."""
    from assistant.nlp.english import parse
    from assistant.nlp.substitutes import WH_NOUN_PHRASES, english_substitute

    doc = parse(obj)
    chunks = list(doc.noun_chunks)
    if not chunks:
        return None
    # The object's head ('doctor' in 'the on-call doctor with a report'); in 'a full set of
    # vital signs' what is measured is the signs, so the next chunk's head counts too.
    roots = [t.lemma_ for t in doc if t.dep_ == "ROOT"]
    heads = roots + [chunks[0].root.lemma_] + ([chunks[1].root.lemma_] if len(chunks) > 1 else [])
    found = next((f for h in heads if (f := english_substitute(verb, h, obj)) is not None), None)
    if found is None or found.verb not in composable_verbs("en"):
        return None
    text = obj[len(found.lead):].strip() if found.lead and obj.lower().startswith(found.lead) else obj
    wh = next((t for t in doc if t.i >= chunks[0].end and t.tag_ in {"WP", "WRB"}), None)
    if found.wh_preposition and wh is not None and doc[wh.i - 1].pos_ != "ADP":
        question = doc[wh.i:].text
        for asked, named in WH_NOUN_PHRASES.items():
            if question.lower().startswith(asked):
                question = named + question[len(asked):]
        text = f"{doc[:wh.i].text} {found.wh_preposition} {question}"
    if found.person_preposition:
        if found.person_preposition == "with":
            # 'communicate with the doctor with a report' -> '... using a report'
            text = "".join(("using" if t.lower_ == "with" and t.dep_ == "prep" else t.text) + t.whitespace_
                           for t in parse(text))
        text = f"{found.person_preposition} {text}"
    return found.verb, text


def _en_gerund(verb: str) -> str:
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    if len(verb) <= 4 and len(verb) >= 3 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
        return verb + verb[-1] + "ing"
    return verb + "ing"


def _en_action_noun(word: str) -> bool:
    return word in _EN_ZERO_DEVERBAL or word.endswith(_EN_ACTION_ENDINGS)


def _english_object(skill: Skill, verb: str) -> str:
    """The object for a verb: the phrase's own verb takes the words it governs ('plan routes'),
    another verb the whole phrase ('evaluate route planning')."""
    if skill.hint is None or verb == skill.hint or not skill.noun:
        return skill.obj
    return skill.noun



def _en_verb(word: str, nouns: bool = False) -> str | None:
    """The composable lexicon verb a word is, or (with nouns) the verb an action noun comes from."""
    verbs = composable_verbs("en")
    if not nouns and word in verbs:
        return word
    endings = _EN_DEVERBAL if nouns else (("ing", ""), ("ing", "e"))
    for suffix, repl in endings:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + repl
            for candidate in (stem, stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
                if candidate in verbs:
                    return candidate
    return None


def english_contexts(brief: CredentialBrief) -> list[str]:
    """'in <work context>' (or 'in the work of <target group>'), then shorter fallbacks."""
    out = []
    if brief.work_context.strip():
        ctx = " ".join(brief.work_context.split()).rstrip(".")
        first = ctx.split()[0].lower()
        out.append(ctx if first in _EN_PREPOSITIONS | {"as", "when", "during"} else f"in {_lower(ctx)}")
    if brief.target_group.strip():
        group = re.sub(r"^the\s+", "", " ".join(brief.target_group.split()).rstrip("."), flags=re.IGNORECASE)
        out.append(f"in the work of {_lower(group)}")
    out.append("in their own professional work")
    return out


def _lower(text: str) -> str:
    first = text.split()[0]
    return text if first[1:] != first[1:].lower() or first.isupper() else text[0].lower() + text[1:]


# --- Finnish ---------------------------------------------------------------------------
def _finnish_skill(phrase: str) -> Skill:
    """Read a Finnish skill phrase: a leading lexicon verb is the hint (its object kept as
    written when it is not a plain partitive/accusative); an action-noun head
    ('asiakasdatan analysointi') becomes the verb, its genitive the object."""
    words = phrase.split()
    first = words[0]
    readings = [r.baseform for r in finnish.verb_readings(first) if r.baseform == first.lower()]
    if readings and len(words) > 1:
        verb = readings[0]
        # 'laskea niiden hiilijalanjälki': the pronoun pointed into the planner's sentence.
        rest = [w for i, w in enumerate(words[1:]) if i or w.lower() not in {"niiden", "sen", "heidän", "näiden", "tämän"}]
        head_cases = inflect.case_of(rest[-1]) if rest else set()
        if verb in composable_verbs("fi") and head_cases & {"osanto", "omanto", "nimento"}:
            nominal = " ".join(inflect.to_nominative(rest))
            return Skill(phrase, nominal, verb, noun=nominal)
        if _own_verb(verb):
            return Skill(phrase, " ".join(rest), verb, fixed=True)
        return Skill(phrase, " ".join(inflect.to_nominative(rest)))
    # The action noun, last or before its complement ('infektioiden torjunta toimenpidehuoneessa').
    for at in range(len(words) - 1, 0, -1):
        if any("nimento" in inflect.case_of(w) for w in words[at + 1:]):
            break  # a complement holds no nominative: before one, the noun is another's attribute
        if "nimento" not in inflect.case_of(words[at]) or "omanto" not in inflect.case_of(words[at - 1]):
            continue
        verb = inflect.derived_verb(words[at])
        if verb and verb in composable_verbs("fi"):
            obj = " ".join(_nominative_conjuncts(words[:at]))
            if _finnish_object(obj, verb):
                return Skill(phrase, " ".join([obj, *words[at + 1:]]), verb, noun=phrase)
        elif verb:
            # 'potilaan hoito heräämövaiheessa': an action whose verb the lexicon lacks is done,
            # by an activity verb; left to any verb it read 'hyödyntää potilaan hoitoa'.
            return Skill(phrase, phrase, ACTIVITY_VERB["fi"], noun=phrase)
    return Skill(phrase, phrase)


_OBJECT_CASES = {"nimento", "omanto", "osanto"}


def _nominative_conjuncts(words: list[str]) -> list[str]:
    """The action's genitives as its object, in the nominative: each of parallel conjuncts
    ('keräilyn ja täydennysten' -> 'keräily ja täydennykset'), else the last phrase's head (in
    'trukkiliikenteen ja jalankulkijoiden turvallisuuden' the first two are the third's attributes)."""
    pieces = pieces_between(words, lambda w: w.lower() in COORDINATORS)
    joiners = [w for w in words if w.lower() in COORDINATORS]
    if len(pieces) < 2 or len({len(p) for p in pieces}) > 1 or len(joiners) != len(pieces) - 1:
        return inflect.to_nominative(words)
    out = inflect.to_nominative(pieces[0])
    for joiner, piece in zip(joiners, pieces[1:], strict=True):
        out += [joiner, *inflect.to_nominative(piece)]
    return out


def _finnish_prose_skill(need: Need) -> Skill:
    """A Finnish verb-object pair: a lexicon verb keeps its object as written, and one that
    takes no plain object its complement ('toimia suunnitelman mukaisesti'); another verb's
    accusative or partitive object goes to the verb the composer picks; an object in another
    case ('jakaa lääkkeistä') stays with its verb, made a noun."""
    verb, words = _single_verb(need.verb, need.object.split())
    written = " ".join(words)  # the object as the brief has it (a phrasal verb's particle out)
    composable = verb in composable_verbs("fi")
    # A verb that takes no plain object ('toimia', 'neuvotella') has an object only in the
    # nominative or partitive; a genitive there is an attribute ('asiakkaan kanssa').
    cases = _OBJECT_CASES if composable else {"nimento", "osanto"}
    has_object = any(inflect.case_of(w.rstrip(",")) & cases for w in words if not is_code(w))
    if need.kind == "clause-subject":
        nominal = " ".join(inflect.to_nominative(words))
        return Skill(need.text, nominal, verb if composable else None, noun=nominal)
    if composable and has_object:
        # 'IT-vastaavien on osattava laatia suunnitelma' -> 'Opiskelija osaa laatia suunnitelman'
        return Skill(need.text, total_object(written), verb, fixed=True, manner=need.manner)
    if not composable and _own_verb(verb) and _rephrasable(verb, written, need.manner):
        # A lexicon verb that takes no plain object keeps what follows it as written ('toimia
        # poikkeaman ensimmäisinä tunteina', 'neuvotella hinnoista'); made an action noun under
        # another verb, it read 'tarkastella ... toimimista'.
        return Skill(need.text, written, verb, fixed=True, manner=need.manner)
    if has_object and not composable:
        # 'jakaa lääkkeet turvallisesti': the verb the lexicon lacks stays as its action noun
        # ('lääkkeiden jakaminen'), which an activity verb takes; what follows the object
        # ('turvallisesti ...') stays after it. Left to any verb, the object alone would change
        # the skill ('analysoida lääkkeitä').
        action = _finnish_action(verb, words)
        if action is not None:
            nominal, rest = action
            manner = " ".join(filter(None, (rest, need.manner)))
            return Skill(need.text, nominal, ACTIVITY_VERB["fi"], noun=nominal, manner=manner)
    if has_object:
        return Skill(need.text, written, noun=written, manner=need.manner)
    noun = minen_form(verb)
    obj = f"{written} {noun}" if noun else written
    return Skill(need.text, obj, noun=obj, manner=need.manner)


# A verb and its particle that one lexicon verb says ('käydä tulokset läpi' -> 'käsitellä
# tulokset'): made an action noun, the particle was read as a noun ('tuloksien läven käymisen').
_PHRASAL = {("käydä", "läpi"): "käsitellä", ("ottaa", "huomioon"): "huomioida"}


def _single_verb(verb: str, words: list[str]) -> tuple[str, list[str]]:
    for (phrasal, particle), single in _PHRASAL.items():
        if verb == phrasal and particle in words:
            return single, [w for w in words if w != particle]
    return verb, words


def _rephrasable(verb: str, written: str, manner: str) -> bool:
    """Whether an outcome with the need's own verb can avoid copying the brief: the verb and
    what follows are too short to copy, or there is another phrasing (an adverbial moved first,
    the first complement alone). If not, the verb becomes an action noun under another verb,
    as before ('toteuttaa ... markkinoimisen')."""
    words = f"{written} {manner}".split()
    return 1 + len(words) < guard.COPY_LIMIT or bool(object_variants(" ".join(words), "fi", verb)[1:])


def _own_verb(verb: str) -> bool:
    """A Finnish lexicon verb that is not vague: it may stand in an outcome with its own complement."""
    lexicon = load_lexicon()
    return bool(lexicon.verb("fi", verb)) and verb not in lexicon.vague("fi")


def _finnish_action(verb: str, words: list[str]) -> tuple[str, str] | None:
    """('lääkkeiden jakaminen', 'turvallisesti ...') for 'jakaa' + 'lääkkeet turvallisesti ...':
    the object's leading words up to its last nominative or partitive word, in the genitive,
    before the verb's action noun; None when Voikko cannot form either."""
    noun = minen_form(verb)
    head = None
    for index, word in enumerate(words):
        found = inflect.case_of(word.rstrip(","))
        if not found & _OBJECT_CASES or is_code(word):
            break
        if found & {"nimento", "osanto"}:
            head = index
    if noun is None or head is None:
        return None
    core = inflect.to_nominative([w.rstrip(",") for w in words[:head + 1]])
    genitive = inflect.inflect_phrase(" ".join(core), "omanto")
    if genitive is None:
        return None
    return f"{genitive} {noun}", " ".join(words[head + 1:])


def total_object(phrase: str) -> str:
    """A nominative singular object ('suunnitelma') as the total object after a personal
    subject ('suunnitelman'); plurals, partitives and other words stay, as does any word
    Voikko cannot form."""
    out = []
    for token in phrase.split():
        word = token.rstrip(",")
        readings = inflect.analyses(word)
        singular_nominative = readings and all(a.get("SIJAMUOTO") == "nimento" and a.get("NUMBER") == "singular"
                                               for a in readings if a.get("SIJAMUOTO"))
        head, dash, tail = word.rpartition("-")
        if dash and head and is_code(head) and tail:
            # 'CII-arvo' -> 'CII-arvon'; a plural ('TR-mittaukset') stays as it is.
            singular = {a.get("NUMBER") for a in inflect.analyses(tail) if a.get("SIJAMUOTO") == "nimento"} == {"singular"}
            form = inflect.inflect_word(tail, "omanto", "singular") if singular else None
            out.append(f"{head}-{form or tail}" + token[len(word):])  # 'CII-arvo' -> 'CII-arvon'
            continue
        if is_code(word) or word.endswith("-") or not singular_nominative or not inflect.case_of(word):
            out.append(token)
            continue
        form = inflect.inflect_word(word, "omanto", "singular")
        out.append((form or word) + token[len(word):])
    return " ".join(out)


def _finnish_object(obj: str, verb: str) -> str | None:
    """A nominative object in the case the verb governs, or None if voikko cannot confirm it."""
    case = government(verb)
    if case is None:
        return None
    if case == "osanto":
        return inflect.inflect_phrase(obj, "osanto")
    return _accusative(obj)


def _accusative(phrase: str) -> str | None:
    # Total object: genitive form in the singular, nominative in the plural.
    out = []
    for token in phrase.split():
        word = token.rstrip(",")
        readings = inflect.analyses(word)
        numbers = {a.get("NUMBER") for a in readings if a.get("SIJAMUOTO") == "nimento"}
        # 'asemassa' is also an inessive ('haavoittuvassa asemassa olevien ...'): a complement.
        place = any(a.get("SIJAMUOTO") in PLACE_CASES for a in readings)
        if word.lower() in COORDINATORS or word.endswith("-") or not numbers or place:
            out.append(token)
        elif "singular" in numbers:
            form = inflect.inflect_word(word, "omanto", "singular")
            if form is None:
                return None
            out.append(form + token[len(word):])
        else:
            out.append(token)
    # Nothing voikko reads as a nominative means nothing was put in the accusative.
    return " ".join(out) if any("nimento" in inflect.case_of(w.rstrip(",")) for w in phrase.split()) else None


def finnish_contexts(brief: CredentialBrief) -> list[str]:
    """The work setting in the inessive ('pienissä matkailuyrityksissä'), else the target
    group's work ('matkailuyrittäjien työssä'), then phrasings that need no inflection."""
    out = []
    ctx = " ".join(brief.work_context.split()).rstrip(".")
    if ctx:
        words = ctx.split()
        if inflect.case_of(words[-1]) & {"sisaolento", "ulkoolento"}:
            out.append(_lower(ctx))
        elif (form := inflect.inflect_phrase(_lower(ctx), "sisaolento")) is not None:
            out.append(form)
        else:
            out.append(f"työssä, jonka toimintaympäristö on {_lower(ctx)}")
    group = " ".join(brief.target_group.split()).rstrip(".")
    # 'Pienet matkailuyritykset Pohjois-Suomessa': the place trails the people, and 'työssä'
    # goes between them ('pienten matkailuyritysten työssä Pohjois-Suomessa').
    words = group.split()
    place = next((i for i in range(1, len(words)) if all(inflect.case_of(w) & PLACE_CASES
                                                         and not inflect.case_of(w) & _OBJECT_CASES
                                                         for w in words[i:])), None)
    people, where = (" ".join(words[:place]), " " + " ".join(words[place:])) if place else (group, "")
    if people and (form := inflect.inflect_phrase(_lower(people), "omanto")) is not None:
        out.append(f"{form} työssä{where}")
    out.append("omassa ammatillisessa työssään")
    return out


def _mergeable(skill: Skill, lang: str) -> bool:
    """Whether a skill's object may be joined with another's under one verb."""
    if skill.fixed:
        return False
    words = (skill.nominal or skill.obj).split()
    return lang == "fi" or not words or words[0].lower() not in _EN_PREPOSITIONS
