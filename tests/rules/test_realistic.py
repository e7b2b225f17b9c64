"""The realistic drafts (../shared/realistic): recall of must_flag and false findings per split.

The dev split is held to the targets; the test split (file numbers divisible by 3) is only
reported, never tuned on (see /work/shared/realistic/README.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from assistant.services.checking import CheckingService

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from realistic_drafts import FOLDER, Score, score_file, split_of  # noqa: E402


def test_realistic_drafts_recall_and_false_findings(settings, capsys):
    cases = yaml.safe_load((FOLDER / "expected.yaml").read_text(encoding="utf-8"))
    checker = CheckingService(settings)
    scores = {"dev": Score(), "test": Score()}
    for case in cases:
        score_file(case, checker.check_file(FOLDER / case["file"]).findings, scores[split_of(case)])
    with capsys.disabled():
        for name, s in scores.items():
            print(f"\nrealistic {name}: recall {s.hits}/{s.wanted}, false findings {s.false}")
    dev = scores["dev"]
    assert dev.hits / dev.wanted >= 0.95, dev.misses
    assert dev.false <= 1, dev.falses
