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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from assistant.config import Settings  # noqa: E402
from assistant.errors import OppiError  # noqa: E402
from assistant.evals.realistic import load_expected, score_by_split  # noqa: E402
from assistant.services.checking import CheckingService  # noqa: E402

# A copy of ../shared/realistic (with its fixed split), so the test never skips on a fresh clone.
FOLDER = ROOT / "evals" / "realistic" / "drafts"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folder", type=Path, default=FOLDER)
    parser.add_argument("-v", "--verbose", action="store_true", help="List dev-split misses.")
    args = parser.parse_args()
    cases = load_expected(args.folder)
    checker = CheckingService(Settings())

    def findings_of(case: dict):
        try:
            return checker.check_file(args.folder / case["file"]).findings
        except OppiError as error:
            print(f"{case['file']}: unreadable ({error})")
            return []

    start = time.perf_counter()
    scores = score_by_split(cases, findings_of)
    elapsed = time.perf_counter() - start
    print(f"Realistic drafts: {len(cases)} files in {elapsed:.2f} s")
    for name, s in scores.items():
        print(
            f"  {name:4}: recall {s.hits}/{s.wanted} = {s.hits / max(s.wanted, 1):.3f} "
            f"(by ID only {s.by_id_hits}/{s.wanted}; {s.distinct_wanted} distinct file+ID), "
            f"false findings {s.false}"
        )
    total = scores["dev"] + scores["test"]
    print(
        f"  all : recall {total.hits}/{total.wanted} = {total.hits / max(total.wanted, 1):.3f}, "
        f"false findings {total.false}"
    )
    if args.verbose:
        print("\nDev split, missed:")
        print("\n".join(f"  {m}" for m in scores["dev"].misses) or "  none")
        print("Dev split, false findings:")
        print("\n".join(f"  {m}" for m in scores["dev"].falses) or "  none")


if __name__ == "__main__":
    main()
