"""How well the checker reads drafts nobody on the team wrote: ../shared/realistic/drafts.

Run: .venv/bin/python benchmarks/realistic_drafts.py [--folder DIR] [--split dev|test|all] [-v]
Scores as the set's README says (assistant/evals/realistic.py, shared with the checking suite):
each must_flag entry is hit when the checker reports that ID at that place; a false finding is
a must_not_flag ID raised anywhere in its file (once per ID), or a distinct E/W finding on a
clean file. Figures are printed per split (test = file numbers divisible by 3). `-v` lists the
misses and false findings, for the dev split only: the test split is never tuned on.
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
from assistant.evals.realistic import score_findings  # noqa: E402
from assistant.evals.realistic import split_of as realistic_split  # noqa: E402
from assistant.schemas import Finding  # noqa: E402
from assistant.services.checking import CheckingService  # noqa: E402

# A copy of ../shared/realistic (with its fixed split), so the test never skips on a fresh clone.
FOLDER = ROOT / "evals" / "realistic" / "drafts"


@dataclass
class Score:
    """Hits and misses of must_flag, and false findings, over one split."""

    hits: int = 0
    wanted: int = 0
    false: int = 0
    by_id_hits: int = 0
    distinct_wanted: int = 0
    misses: list[str] = field(default_factory=list)
    falses: list[str] = field(default_factory=list)


def split_of(case: dict) -> str:
    return realistic_split(case["file"])


def score_file(case: dict, findings: list[Finding], score: Score) -> None:
    result = score_findings(case, findings)
    score.hits += result.hits
    score.wanted += result.wanted
    score.by_id_hits += result.by_id_hits
    score.distinct_wanted += result.distinct_wanted
    score.misses += [f"{case['file']}: {miss}" for miss in result.misses]
    score.false += len(result.falses)
    score.falses += [f"{case['file']}: {f.id} ({f.where}) {f.message}" for f in result.falses]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folder", type=Path, default=FOLDER)
    parser.add_argument("-v", "--verbose", action="store_true", help="List dev-split misses.")
    args = parser.parse_args()
    cases = yaml.safe_load((args.folder / "expected.yaml").read_text(encoding="utf-8"))
    checker = CheckingService(Settings())
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
        total.distinct_wanted += s.distinct_wanted
        print(
            f"  {name:4}: recall {s.hits}/{s.wanted} = {s.hits / max(s.wanted, 1):.2f} "
            f"(by ID only {s.by_id_hits}/{s.wanted}; {s.distinct_wanted} distinct file+ID), "
            f"false findings {s.false}"
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
