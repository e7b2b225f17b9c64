"""Drafting cases: structure, the outcome checks, the C11 band, the Bloom floor for the EQF
level, vague verbs, citations that exist, skill coverage, and a judge's rubric when configured."""

from __future__ import annotations

from assistant.drafting.common import STEMS, count_band, gather_guidance, outcome_findings
from assistant.drafting.coverage import skill_coverage
from assistant.evals.suite import DraftingCase
from assistant.rules.context import band_for_level
from assistant.rules.lexicon import load_lexicon
from assistant.rules.reading import read_outcome
from assistant.schemas import Bloom, LearningOutcome


def bloom_of(outcome: LearningOutcome, language: str) -> list[str]:
    """The Bloom levels of the verb as the checker reads it; none for a vague or unknown verb
    (the drafter's own label is not trusted: a model can call any verb 'apply')."""
    reading = read_outcome(outcome.text, language, load_lexicon())
    return [level.value for level in reading.bloom] if reading.in_lexicon and not reading.vague else []


def score(case: DraftingCase, world, context) -> tuple[dict, dict]:
    brief = case.brief
    services = world.services
    # What DraftingService.draft does, with the drafter kept across the suite's briefs.
    result = world.drafter(world.variant.strategy).draft(brief, gather_guidance(services.library, brief))
    outcomes = result.outcomes
    n = len(outcomes) or 1
    findings = [f for f in outcome_findings(services.checker, brief, outcomes) if f.severity in ("E", "W")]
    failing = {f.where for f in findings if f.where.startswith("outcome ")}
    vague = {f.where for f in findings if f.id == "C07"}
    low, high = count_band(world.settings, brief.ects)
    floor = min(level.rank for level in band_for_level(brief.level))
    blooms = [bloom_of(o, brief.language) for o in outcomes]
    chunk_ids = {c.id for c in services.library.chunks()} if services.library.is_built() else set()
    citations = [c for o in outcomes for c in o.citations]
    metrics: dict[str, float | None] = {
        "structure": float(bool(outcomes) and not result.errors and all(
            o.text.startswith(STEMS[brief.language]) and o.verb for o in outcomes)),
        "checker_pass": float(bool(outcomes) and not findings),
        "outcomes_passing": sum(f"outcome {i}" not in failing for i in range(1, len(outcomes) + 1)) / n,
        "count_in_band": float(low <= len(outcomes) <= high),
        "bloom_floor_met": sum(bool(b) and max(Bloom(x).rank for x in b) >= floor for b in blooms) / n,
        "no_vague_verbs": 1 - len(vague) / n if outcomes else 0.0,
        "citations_exist": sum(c.chunk_id in chunk_ids for c in citations) / len(citations) if citations else 1.0,
        "skill_coverage": skill_coverage(brief, outcomes),
    }
    output = {
        "outcomes": [o.text for o in outcomes], "bloom": blooms,
        "findings": [f"{f.id} {f.where}" for f in findings], "errors": result.errors,
    }
    if context.judge is not None:
        brief_text = brief.model_dump_json(exclude_defaults=True)
        value, reason = context.judge.rubric(brief_text, "\n".join(f"- {o.text}" for o in outcomes))
        metrics["rubric"] = value
        output["judge"] = reason
    return metrics, output
