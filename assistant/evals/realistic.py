"""The realistic drafts (evals/realistic/drafts, written the way planners write): cases and
their scoring, shared by the checking suite and benchmarks/realistic_drafts.py.

Scored as the set's README says, read line by line:
- every `must_flag` entry is one `{id, where}` finding and counts once, also when a file lists
  the same ID at two places (C06 at outcome 1 and at outcome 4 are two findings to make);
- `must_not_flag` lists "check IDs that would be false findings anywhere in the file": the unit
  is the ID, so a must_not_flag ID raised at three places is one false finding, not three;
- on a clean file "any E/W finding is a false positive": each distinct E/W (id, place) the
  checker raises there counts once, beside the must_not_flag IDs; C18 (severity I) never counts.
The split (test = file numbers divisible by 3) is kept on each case: the gate runs both, and
nothing is tuned on the test split.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.schemas import Finding

# The set's `where` names -> the places the checker's findings name.
_PLACES = {
    "awarding_body": ("awarding body",),
    "outcomes": ("learning outcomes",),
    "participation": ("form of participation",),
    "quality_assurance": ("quality assurance",),
    "assessment": ("assessment", "assessment criteria"),
    "relevance": ("target group", "skill needs"),
}


def places(where: str) -> set[str]:
    """The checker's place names a `where` of expected.yaml stands for."""
    head, _, rest = where.partition(" ")
    if head == "esco":
        return {f"ESCO reference {rest}"}
    if head == "outcomes" and rest:  # "outcomes 1,4": a pair; either one may carry it
        return {f"outcome {n.strip()}" for n in rest.split(",")}
    if head == "outcome":
        return {where}
    return set(_PLACES.get(where, (where.replace("_", " "),)))


def split_of(file_name: str) -> str:
    return "test" if int(file_name.split("_", 1)[0]) % 3 == 0 else "dev"


@dataclass
class FileScore:
    """One draft's must_flag hits and false findings."""

    hits: int = 0
    wanted: int = 0
    by_id_hits: int = 0
    distinct_wanted: int = 0  # (file, ID) pairs: what a scorer keyed by ID alone would count
    misses: list[str] = field(default_factory=list)
    falses: list[Finding] = field(default_factory=list)


def score_findings(expected: dict, findings: list[Finding]) -> FileScore:
    score = FileScore()
    raised = {(f.id, f.where) for f in findings}
    ids = {f.id for f in findings}
    for want in expected.get("must_flag") or []:
        score.wanted += 1
        score.by_id_hits += want["id"] in ids
        if any((want["id"], place) in raised for place in places(str(want["where"]))):
            score.hits += 1
        else:
            score.misses.append(f"{want['id']} {want['where']}")
    score.distinct_wanted = len({want["id"] for want in expected.get("must_flag") or []})
    forbidden = set(expected.get("must_not_flag") or [])
    first_of: dict[tuple[str, str], Finding] = {}
    for f in findings:
        if f.id in forbidden:
            first_of.setdefault((f.id, ""), f)  # one false finding per forbidden ID
        elif expected.get("clean") and f.severity in ("E", "W"):
            first_of.setdefault((f.id, f.where), f)
    score.falses = list(first_of.values())
    return score


@dataclass
class SplitScore:
    """File scores summed over one split, misses and false findings named by their file."""

    hits: int = 0
    wanted: int = 0
    by_id_hits: int = 0
    distinct_wanted: int = 0
    misses: list[str] = field(default_factory=list)
    falses: list[str] = field(default_factory=list)

    @property
    def false(self) -> int:
        return len(self.falses)

    def add(self, file_name: str, score: FileScore) -> None:
        self.hits += score.hits
        self.wanted += score.wanted
        self.by_id_hits += score.by_id_hits
        self.distinct_wanted += score.distinct_wanted
        self.misses += [f"{file_name}: {miss}" for miss in score.misses]
        self.falses += [f"{file_name}: {f.id} ({f.where}) {f.message}" for f in score.falses]

    def __add__(self, other: SplitScore) -> SplitScore:
        return SplitScore(self.hits + other.hits, self.wanted + other.wanted, self.by_id_hits + other.by_id_hits,
                          self.distinct_wanted + other.distinct_wanted, self.misses + other.misses,
                          self.falses + other.falses)


def score_by_split(cases: list[dict], findings_of) -> dict[str, SplitScore]:
    """{'dev': ..., 'test': ...}: each case's findings (`findings_of(case)`) scored into its split."""
    scores = {"dev": SplitScore(), "test": SplitScore()}
    for case in cases:
        scores[split_of(case["file"])].add(case["file"], score_findings(case, findings_of(case)))
    return scores


def load_expected(folder: Path) -> list[dict]:
    return yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))


def realistic_drafts(folder: Path, suite_dir: Path) -> list[dict]:
    """One case per realistic draft, with its expectations."""
    return [
        {
            "id": f"real-{Path(item['file']).stem.replace('_', '-')}", "type": "realistic",
            "draft": os.path.relpath(folder / item["file"], suite_dir), "lang": item.get("language", "en"),
            "split": split_of(item["file"]), "clean": bool(item.get("clean")),
            "must_flag": [{"id": m["id"], "where": str(m["where"])} for m in item.get("must_flag") or []],
            "must_not_flag": list(item.get("must_not_flag") or []),
        }
        for item in load_expected(folder)
    ]
