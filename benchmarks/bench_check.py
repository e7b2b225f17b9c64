"""How many drafts per second `oppi check` handles over the golden set (one core, no model).

Run: .venv/bin/python benchmarks/bench_check.py [--seconds 3]
Text is extracted from each draft once (PDF/DOCX built first); the timed loop parses and checks.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fixtures.drafts.build import golden_drafts, materialise

from assistant.config import Settings
from assistant.ingest.loaders import read_pages
from assistant.rules.checker import Checker
from assistant.schemas import Citation
from assistant.services.checking import CheckingService


def load_texts(settings: Settings) -> list[tuple[str, str]]:
    """(text, format hint) of every golden draft, extracted once."""
    texts = []
    with tempfile.TemporaryDirectory() as folder:
        for _, source, expected in golden_drafts():
            path = materialise(source, expected, Path(folder))
            if path.suffix == ".json":
                texts.append((path.read_text(encoding="utf-8"), "json"))
            else:
                texts.append(("\n".join(t for _, t in read_pages(path, settings)), "txt"))
    return texts


def rate(checker: CheckingService, texts: list[tuple[str, str]], seconds: float) -> float:
    """Drafts checked per second, over whole passes of the golden set."""
    for text, hint in texts:  # warm-up: lexicon, voikko, citation cache
        checker.check_text(text, hint)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text, hint in texts:
            checker.check_text(text, hint)
        done += len(texts)
    return done / (time.perf_counter() - start)


def resolver(settings: Settings):
    """The library's resolver when an index exists, else a stand-in returning one passage."""
    from assistant.index.library import Library

    library = Library(settings)
    if library.is_built():
        return library.citation_for_check, "library (cached after first look-up)"
    passage = Citation(chunk_id="c", doc_id="guide", title="Stand-in passage")
    return (lambda check_id: passage), "stand-in (no index built; run `oppi index`)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0, help="Time per measurement.")
    args = parser.parse_args()
    settings = Settings()
    texts = load_texts(settings)
    plain = rate(CheckingService(settings), texts, args.seconds)
    cite, source = resolver(settings)
    cited = rate(CheckingService(settings, Checker(settings, cite)), texts, args.seconds)
    print(f"golden set: {len(texts)} drafts")
    print(f"without citation lookup: {plain:8.0f} drafts/s")
    print(f"with cached citations:   {cited:8.0f} drafts/s   [{source}]")


if __name__ == "__main__":
    main()
