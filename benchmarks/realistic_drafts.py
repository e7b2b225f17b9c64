"""How well the checker reads drafts nobody on the team wrote: ../shared/realistic/drafts.

Run: .venv/bin/python benchmarks/realistic_drafts.py [--folder DIR] [--split dev|test|all] [-v]
Scores as the set's README says: a must_flag is hit when the checker reports that ID at that
place; a false finding is a must_not_flag ID raised anywhere in its file, or any E/W finding
on a clean file. Figures are printed per split (test = file numbers divisible by 3). `-v` lists
the misses and false findings, for the dev split only: the test split is never tuned on.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from assistant.config import Settings  # noqa: E402
from assistant.errors import OppiError  # noqa: E402
from assistant.schemas import Finding  # noqa: E402
from assistant.services.checking import Checker  # noqa: E402

# A copy of ../shared/realistic (with its fixed split), so the test never skips on a fresh clone.
FOLDER = ROOT / "evals" / "realistic" / "drafts"
# The set's `where` names -> the places the checker's findings name.
_PLACES = {
    "awarding_body": ("awarding body",),
    "outcomes": ("learning outcomes",),
    "participation": ("form of participation",),
    "quality_assurance": ("quality assurance",),
    "assessment": ("assessment", "assessment criteria"),
    "relevance": ("target group", "skill needs"),
}


@dataclass
class Score:
    """Hits and misses of must_flag, and false findings, over one split."""

    hits: int = 0
    wanted: int = 0
    false: int = 0
    by_id_hits: int = 0
    misses: list[str] = field(default_factory=list)
    falses: list[str] = field(default_factory=list)


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


def split_of(case: dict) -> str:
    number = int(case["file"].split("_", 1)[0])
    return "test" if number % 3 == 0 else "dev"


def score_file(case: dict, findings: list[Finding], score: Score) -> None:
    raised = {(f.id, f.where) for f in findings}
    ids = {f.id for f in findings}
    for want in case.get("must_flag") or []:
        score.wanted += 1
        score.by_id_hits += want["id"] in ids
        if any((want["id"], p) in raised for p in places(str(want["where"]))):
            score.hits += 1
        else:
            score.misses.append(f"{case['file']}: {want['id']} {want['where']}")
    false = [f for f in findings if f.id in set(case.get("must_not_flag") or [])]
    if case.get("clean"):
        false += [f for f in findings if f.severity in ("E", "W") and f not in false]
    score.false += len(false)
    score.falses += [f"{case['file']}: {f.id} ({f.where}) {f.message}" for f in false]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folder", type=Path, default=FOLDER)
    parser.add_argument("-v", "--verbose", action="store_true", help="List dev-split misses.")
    args = parser.parse_args()
    cases = yaml.safe_load((args.folder / "expected.yaml").read_text(encoding="utf-8"))
    checker = Checker(Settings())
    scores = {"dev": Score(), "test": Score()}
    start = time.perf_counter()
    for case in cases:
        try:
            findings = checker.check_file(args.folder / case["file"]).findings
        except OppiError as error:
            print(f"{case['file']}: unreadable ({error})")
            findings = []
        score_file(case, findings, scores[split_of(case)])
    elapsed = time.perf_counter() - start
    print(f"Realistic drafts: {len(cases)} files in {elapsed:.2f} s")
    total = Score()
    for name, s in scores.items():
        total.hits, total.wanted, total.false = (
            total.hits + s.hits, total.wanted + s.wanted, total.false + s.false
        )
        total.by_id_hits += s.by_id_hits
        print(
            f"  {name:4}: recall {s.hits}/{s.wanted} = {s.hits / max(s.wanted, 1):.2f} "
            f"(by ID only {s.by_id_hits}/{s.wanted}), false findings {s.false}"
        )
    print(
        f"  all : recall {total.hits}/{total.wanted} = {total.hits / max(total.wanted, 1):.2f}, "
        f"false findings {total.false}"
    )
    if args.verbose:
        print("\nDev split, missed:")
        print("\n".join(f"  {m}" for m in scores["dev"].misses) or "  none")
        print("Dev split, false findings:")
        print("\n".join(f"  {m}" for m in scores["dev"].falses) or "  none")


if __name__ == "__main__":
    main()
