"""One run: every selected variant over every case, repeated; results stored, compared with the
baseline, gated and reported."""

from __future__ import annotations

import json
import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from assistant.config import Settings
from assistant.errors import OppiError
from assistant.evals import storage
from assistant.evals.cache import CachedChatModel, CacheMode, ReplyStore
from assistant.evals.compare import compare, gate
from assistant.evals.judge import Judge, build_judge
from assistant.evals.memo import MemoEmbeddings
from assistant.evals.results import CaseResult
from assistant.evals.scorers import SCORERS
from assistant.evals.suite import Suite, SuiteError, Variant, load_suite
from assistant.evals.summary import summarise
from assistant.evals.variants import build_world, parse_variant_option

Progress = Callable[[int, int, str], None]  # (done, total, what)
log = logging.getLogger("oppi.eval")
ModelChoice = Literal["fake", "configured"]


@dataclass
class RunRequest:
    """What `oppi eval run` and the UI ask for."""

    suite_path: Path
    variants: list[str] = field(default_factory=list)
    repeats: int = 1
    cache: CacheMode = "rw"
    model: ModelChoice = "fake"
    judge: str | None = None
    runs_dir: Path | None = None
    baselines_dir: Path = storage.BASELINES_DIR


@dataclass
class RunContext:
    """What scorers share across variants."""

    suite: Suite
    judge: Judge | None
    review: bool


@dataclass
class RunOutcome:
    run_dir: Path
    summary: dict
    comparison: dict | None
    exit_code: int
    reason: str


def select_variants(suite: Suite, options: list[str]) -> list[Variant]:
    """The suite's variants, or those named; NAME=FOLDER points a variant at other prompts."""
    if not options:
        return list(suite.variants)
    chosen = []
    for option in options:
        name, folder = parse_variant_option(option)
        known = next((v for v in suite.variants if v.name == name), None)
        if known is None and folder is None:
            raise SuiteError(f"suite {suite.suite} has no variant '{name}' (it has "
                             f"{', '.join(v.name for v in suite.variants)}); use NAME=FOLDER for a new one")
        base = known or Variant(name=name)
        chosen.append(base.model_copy(update={"prompts": folder}) if folder else base)
    return chosen


def chat_model(request: RunRequest, settings: Settings):
    """The fake eval model, or the configured one behind the reply cache."""
    if request.model == "fake":
        from assistant.evals.fake import eval_fake_model

        return eval_fake_model(), "fake (eval responder: follows only the rules a prompt states)"
    from assistant.llm import build_chat_model, describe_chat_model

    store = ReplyStore(settings.ensure_home() / "eval-cache.sqlite")
    return CachedChatModel(inner=build_chat_model(settings), store=store, mode=request.cache), describe_chat_model(settings)


def run_suite(request: RunRequest, settings: Settings, progress: Progress | None = None) -> RunOutcome:
    """Run, store, compare and gate. Raises SuiteError for a bad suite, OppiError for setup problems."""
    suite = load_suite(request.suite_path)
    if request.repeats < 1:
        raise SuiteError("--repeats must be at least 1")
    variants = select_variants(suite, request.variants)
    types = {case.type for case in suite.cases}
    from assistant.index.library import Library

    library = Library(settings)
    if types & {"retrieval", "chat", "drafting"} and not library.is_built():
        raise OppiError(f"The library under {settings.home} is empty. Run `oppi index` first (the suite needs it).")
    llm, model_name = chat_model(request, settings)
    context = RunContext(suite, build_judge(request.judge, settings), review=request.model == "configured")
    runs_dir = request.runs_dir or settings.home / "runs"
    run_dir = storage.new_run_dir(runs_dir, suite.suite)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="oppi-eval-") as workdir:
        shared = library if library.is_built() else None
        memo = MemoEmbeddings(library.embeddings) if "drafting" in types and settings.embedding_provider == "local" else None
        worlds = [build_world(v, settings, llm, Path(workdir), shared, memo) for v in variants]
        total = len(worlds) * len(suite.cases) * request.repeats
        with (run_dir / "results.jsonl").open("w", encoding="utf-8") as out:
            for world in worlds:
                for case in suite.cases:
                    for repeat in range(request.repeats):
                        result = run_case(case, world, context, repeat)
                        rows.append(result.as_dict())
                        out.write(json.dumps(result.as_dict(), ensure_ascii=False, default=str) + "\n")
                        if progress:
                            progress(len(rows), total, f"{world.variant.name} · {case.id}")
    summary = summarise(suite, run_dir.name, rows, [w.variant.name for w in worlds])
    manifest = {
        "run_id": run_dir.name, "suite": suite.suite, "suite_file": str(suite.path),
        "suite_sha256": storage.file_sha256(suite.path), "started": started,
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "git": storage.git_state(), "repeats": request.repeats, "model_choice": request.model,
        "cache": {"mode": request.cache if request.model == "configured" else "off (fake model)",
                  "hits": getattr(llm, "hits", 0), "misses": getattr(llm, "misses", 0)},
        "models": {"chat": model_name, "judge": context.judge.name if context.judge else None},
        "variants": {w.variant.name: {"prompts_folder": str(w.variant.prompts) if w.variant.prompts else None,
                                      "strategy": w.variant.strategy, "mode": w.variant.mode,
                                      "settings": w.variant.settings} for w in worlds},
        "prompts": {w.variant.name: w.prompt_hashes for w in worlds},
        "index": storage.index_fingerprint(library),
    }
    baseline = storage.load_baseline(request.baselines_dir, suite.suite)
    comparison = compare(baseline, summary) if baseline else None
    code, reason = gate(summary, comparison)
    summary["gate"] = {"exit_code": code, "reason": reason,
                       "baseline": str(storage.baseline_path(request.baselines_dir, suite.suite)) if baseline else None}
    storage.write_json(run_dir / "manifest.json", manifest)
    storage.write_json(run_dir / "summary.json", summary)
    if comparison is not None:
        storage.write_json(run_dir / "comparison.json", comparison)
    from assistant.evals.report import write_reports

    write_reports(run_dir)
    log.info("eval run %s: %d results, exit %d (%s)", run_dir, len(rows), code, reason)
    return RunOutcome(run_dir, summary, comparison, code, reason)


def run_case(case, world, context: RunContext, repeat: int) -> CaseResult:
    """One case under one variant; any failure is recorded as an error, never as a score."""
    result = CaseResult(case=case.id, type=case.type, variant=world.variant.name, repeat=repeat)
    start = time.perf_counter()
    try:
        result.metrics, result.output = SCORERS[case.type](case, world, context)
    except Exception as error:  # noqa: BLE001 - a failed case makes the run incomplete, not broken
        result.error = f"{type(error).__name__}: {error}"
    result.latency_s = round(time.perf_counter() - start, 3)
    return result
