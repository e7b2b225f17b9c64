"""Bloom levels for a draft: how many outcomes per level (C12), and how each level is assessed."""

from __future__ import annotations

from collections.abc import Callable

from assistant.rules.context import band_for_level
from assistant.schemas import Bloom

# Constructive alignment: a task that lets the learner show the verb's level.
ASSESSMENT: dict[str, dict[Bloom, str]] = {
    "en": {
        Bloom.remember: "quiz on the key facts and terms",
        Bloom.understand: "short written explanation",
        Bloom.apply: "practical task",
        Bloom.analyse: "case analysis report",
        Bloom.evaluate: "justified recommendation or peer review",
        Bloom.create: "project or design assignment",
    },
    "fi": {
        Bloom.remember: "tietovisa keskeisistä käsitteistä",
        Bloom.understand: "lyhyt kirjallinen selitys",
        Bloom.apply: "käytännön tehtävä",
        Bloom.analyse: "tapausanalyysiraportti",
        Bloom.evaluate: "perusteltu suositus tai vertaisarviointi",
        Bloom.create: "projekti- tai suunnittelutehtävä",
    },
}


def assessment_for(bloom: Bloom, language: str) -> str:
    """A suggested assessment method for an outcome at `bloom`, in the brief's language."""
    return ASSESSMENT["fi" if language == "fi" else "en"][bloom]


def level_quotas(count: int, eqf: int | None, taken: list[Bloom] | None = None) -> dict[Bloom, int]:
    """How many outcomes go to each Bloom level of the EQF level's band, spread evenly
    around the levels already `taken` (outcomes whose level is set by the planner's verb).

    Every band level satisfies C12 (Apply or above from EQF 6, Analyse or above from EQF 7, no
    Create at EQF 4 or below), so any split of the band passes; ties go to the band's first
    (most typical) levels.
    """
    band = band_for_level(eqf)
    have = {level: sum(1 for t in taken or [] if t == level) for level in band}
    quotas = {level: 0 for level in band}
    for _ in range(count):
        level = min(band, key=lambda b: (have[b] + quotas[b], band.index(b)))
        quotas[level] += 1
    return quotas


def assign_levels(
    items: int, quotas: dict[Bloom, int], score: Callable[[int, Bloom], float]
) -> list[Bloom]:
    """Give each item a level within the quotas, best-scoring pairs first (ties by position)."""
    pairs = sorted(
        ((score(i, level), i, level) for i in range(items) for level in quotas if quotas[level]),
        key=lambda p: (-round(p[0], 6), p[1], p[2].rank),
    )
    left = dict(quotas)
    chosen: dict[int, Bloom] = {}
    for _, item, level in pairs:
        if item not in chosen and left[level] > 0:
            chosen[item] = level
            left[level] -= 1
    return [chosen[i] for i in range(items)]


def fits_level(levels: list[Bloom], eqf: int | None) -> bool:
    """Whether planned levels meet C12 for the EQF level (a verb's range always contains its
    planned level, so the checker's top/bottom reading agrees)."""
    if eqf is None or not levels:
        return True
    ranks = [b.rank for b in levels]
    if eqf >= 6 and (max(ranks) < Bloom.apply.rank or sum(r <= Bloom.understand.rank for r in ranks) > len(ranks) / 2):
        return False
    if eqf >= 7 and max(ranks) < Bloom.analyse.rank:
        return False
    return not (eqf <= 4 and sum(r == Bloom.create.rank for r in ranks) > len(ranks) / 2)
