"""Local-model latency: chat time to first token and total, drafting time with repair rounds.

    .venv/bin/python benchmarks/bench_llm.py [--runs 3]

Runs on the bundled SmolLM2-135M through llama.cpp's OpenAI-compatible server, against a library
built from the built-in corpus (indexed first if needed, under a temporary OPPI_HOME).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.config import BUILTIN_CORPUS, Settings
from assistant.index.indexer import Indexer
from assistant.schemas import Answer, CredentialBrief
from assistant.services.factory import Services

QUESTIONS = ["How many hours is one credit in Finland?", "Which verbs should learning outcomes avoid?",
             "Mitä laadunvarmistus-kohtaan pitää kirjoittaa?"]
BRIEF = CredentialBrief(title="Green last-mile logistics", target_group="logistics planners", level=6, ects=5,
                        skill_needs=["route planning", "emissions reporting", "customer communication"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(_env_file=None, home=Path(home), chat_provider="local")
        Indexer(settings).index_paths([BUILTIN_CORPUS])
        services = Services(settings)
        start = time.perf_counter()
        _ = services.llm  # starts the local server
        print(f"local server start: {time.perf_counter() - start:.1f} s")
        services.chat.answer("warm up")
        ttft, total = [], []
        for n in range(args.runs):
            start, first = time.perf_counter(), None
            for item in services.chat.stream(QUESTIONS[n % len(QUESTIONS)]):
                if first is None and isinstance(item, str) and item.strip():
                    first = time.perf_counter() - start
                if isinstance(item, Answer):
                    total.append(time.perf_counter() - start)
            ttft.append(first or total[-1])
        print(f"chat: time to first token median {statistics.median(ttft):.2f} s, total median {statistics.median(total):.2f} s"
              f" over {args.runs} questions")
        for strategy in ("composer", "llm"):
            times, rounds = [], []
            for _ in range(args.runs):
                start = time.perf_counter()
                result = services.drafting.draft(BRIEF, strategy)
                times.append(time.perf_counter() - start)
                rounds.append(result.repair_rounds)
            print(f"draft ({strategy}): median {statistics.median(times):.2f} s, repair rounds {rounds}, "
                  f"outcomes {len(result.outcomes)}, findings left {len(result.findings)}, errors {len(result.errors)}")


if __name__ == "__main__":
    main()
