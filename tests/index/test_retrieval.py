"""Retrieval quality on the built-in corpus with the real bundled embedding model."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import BUILTIN_CORPUS, Settings
from assistant.index.indexer import Indexer
from assistant.index.library import Library

QUESTIONS = Path(__file__).resolve().parents[1] / "fixtures" / "retrieval_questions.yaml"
# Held-out questions for tuning (evals/dev/retrieval.yaml); QUESTIONS is the yardstick.
DEV_QUESTIONS = QUESTIONS.with_name("retrieval_questions_dev.yaml")


@pytest.fixture(scope="module")
def corpus_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("corpus-index")
    settings = Settings(_env_file=None, home=home)
    summary = Indexer(settings).index_paths([BUILTIN_CORPUS])
    assert summary.errors == [] and summary.added > 50
    return home


@pytest.fixture(scope="module")
def library(corpus_home) -> Library:
    return Library(Settings(_env_file=None, home=corpus_home))


def is_relevant(passage, label: dict) -> bool:
    citation = passage.citation
    return citation.doc_id == label["doc"] and label["section"].lower() in citation.section.lower()


def recall_at(library: Library, mode: str, k: int = 5, lang: str | None = None) -> tuple[float, list[str]]:
    cases = [c for c in yaml.safe_load(QUESTIONS.read_text(encoding="utf-8")) if lang in (None, c["lang"])]
    total, misses = 0.0, []
    for case in cases:
        found = library.search(case["question"], k=k, mode=mode)
        hits = [label for label in case["relevant"] if any(is_relevant(p, label) for p in found)]
        total += len(hits) / len(case["relevant"])
        if len(hits) < len(case["relevant"]):
            misses.append(case["question"])
    return total / len(cases), misses


def test_question_set_is_big_enough_and_bilingual():
    cases = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    assert len(cases) >= 25
    assert {case["lang"] for case in cases} == {"en", "fi"}


@pytest.mark.parametrize("questions", [QUESTIONS, DEV_QUESTIONS], ids=["yardstick", "dev"])
def test_every_label_points_to_a_real_section(library, questions):
    cases = yaml.safe_load(questions.read_text(encoding="utf-8"))
    sections = {(c.metadata["doc_id"], c.metadata["section"].lower()) for c in library.chunks()}
    for case in cases:
        for label in case["relevant"]:
            assert any(doc == label["doc"] and label["section"].lower() in section for doc, section in sections), label


def test_recall_at_5_with_the_multilingual_model(library):
    """Measured with multilingual-e5-small and score fusion with the term list: hybrid 0.953
    (Finnish 0.977, English 0.935), dense 0.903, BM25 0.907, at the dense weight 0.7 chosen on
    the held-out dev questions (at 1.0: hybrid 0.943). Rank fusion without the term list gave
    hybrid 0.923; the English-only MiniLM 0.903 / 0.543 / 0.897."""
    figures = {mode: recall_at(library, mode) for mode in ("hybrid", "dense", "bm25")}
    for mode, (recall, misses) in figures.items():
        print(f"recall@5 {mode:6s} = {recall:.3f}  misses: {misses}")
    assert figures["hybrid"][0] >= 0.95
    assert figures["dense"][0] >= 0.88
    assert recall_at(library, "hybrid", lang="fi")[0] >= 0.95


def test_cli_search_puts_the_workload_passage_in_the_top_3(corpus_home):
    result = CliRunner().invoke(
        app, ["search", "how many hours is one credit in Finland", "-k", "3"],
        env={"OPPI_HOME": str(corpus_home)},
    )
    assert result.exit_code == 0, result.output
    assert "guidelines/ects-workload" in result.output


def test_cli_second_index_run_embeds_nothing(corpus_home):
    result = CliRunner().invoke(app, ["index"], env={"OPPI_HOME": str(corpus_home)})
    assert result.exit_code == 0, result.output
    assert "0 chunks added" in result.output and "0 embedded" in result.output


@pytest.mark.parametrize("level", [4, 5, 6, 7, 8])
def test_draft_guidance_cites_the_briefs_own_eqf_level(library, level):
    from assistant.drafting.common import gather_guidance
    from assistant.schemas import CredentialBrief

    guidance = gather_guidance(library, CredentialBrief(title="Green logistics", level=level, ects=5,
                                                        skill_needs=["route planning"]))
    assert [c.section for c in guidance.level] == [f"EQF level {level}"]
    assert guidance.structure and all(c.kind == "credential" for c in guidance.examples)
