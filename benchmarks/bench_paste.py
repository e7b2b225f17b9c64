"""How long `check` takes on 1 MB pastes of hostile shapes (issue 12: under 2 s each wanted).

Run: .venv/bin/python benchmarks/bench_paste.py [--size 1000000]
Each paste goes through CheckingService.check_text, as the Check tab's text box does.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from assistant.config import Settings  # noqa: E402
from assistant.services.checking import CheckingService  # noqa: E402

TARGET_SECONDS = 2.0
WORDS = ["alpha", "beta", "gamma", "delta", "omega", "sigma", "kappa", "theta"]


def pastes(size: int) -> dict[str, str]:
    """Deterministic pastes of `size` characters: one label repeated, varied labels, prose."""
    rng = random.Random(1)
    varied = "".join(f"{rng.choice(WORDS).title()} {rng.choice(WORDS)}: {' '.join(rng.choices(WORDS, k=6))}.\n"
                     for _ in range(size // 20))
    prose = "".join(" ".join(rng.choices(WORDS, k=12)).capitalize() + ". " for _ in range(size // 60))
    return {
        "one unknown label repeated": ("Foo bar: baz.\n" * (size // 14 + 1))[:size],
        "varied unknown labels": varied[:size],
        "unlabelled prose": prose[:size],
        "e.g. lines": ("Learning outcomes: e.g. plan e.g. routes.\n" * (size // 42 + 1))[:size],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters per paste")
    args = parser.parse_args()
    service = CheckingService(Settings(_env_file=None, home=Path(tempfile.mkdtemp(prefix="oppi-bench-"))))
    service.check_text("Title: Warm-up\nLearning outcomes: analyse data", "txt")  # lexicon, Voikko
    print(f"{'paste':30} {'seconds':>8} {'x target':>8}")
    for name, text in pastes(args.size).items():
        started = time.perf_counter()
        service.check_text(text, "txt")
        seconds = time.perf_counter() - started
        print(f"{name:30} {seconds:8.2f} {seconds / TARGET_SECONDS:8.2f}")


if __name__ == "__main__":
    main()
