"""The realistic drafts (../shared/realistic): recall of must_flag and false findings per split.

The dev split is held to the targets; the test split (file numbers divisible by 3) is only
reported, never tuned on (see /work/shared/realistic/README.md).
"""

from __future__ import annotations

from assistant.evals.realistic import load_expected, score_by_split
from assistant.evals.storage import EVALS_DIR
from assistant.services.checking import CheckingService

# A copy of ../shared/realistic (with its fixed split), so the test never skips on a fresh clone.
FOLDER = EVALS_DIR / "realistic" / "drafts"


def test_realistic_drafts_recall_and_false_findings(settings, capsys):
    checker = CheckingService(settings)
    scores = score_by_split(load_expected(FOLDER), lambda case: checker.check_file(FOLDER / case["file"]).findings)
    with capsys.disabled():
        for name, s in scores.items():
            print(f"\nrealistic {name}: recall {s.hits}/{s.wanted}, false findings {s.false}")
    dev = scores["dev"]
    assert dev.hits / dev.wanted >= 0.95, dev.misses
    assert dev.false <= 1, dev.falses
