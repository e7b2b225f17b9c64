"""The prompt workbench: run prompt variants against the baseline, judge each one, adopt one.

A workbench run of a suite holds, for each suite variant that reads a changed prompt (e.g.
`llm` for draft_outcomes), that variant as it is and one copy per prompt variant
(`llm@my-edit`), each compared with the blessed baseline of the variant it copies. Adopting
needs a passing run on every suite that reads the changed prompts; the files then replace
the prompts with a version bump, the suites are run again and blessed, and the history says
who did it and when.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import OppiError
from assistant.evals import storage
from assistant.evals.compare import EXIT_INCOMPLETE, EXIT_PASS, EXIT_REGRESSION
from assistant.evals.suite import Suite, Variant, find_suite, load_suite
from assistant.prompt_variants import PromptVariant, VariantStore, now

Progress = Callable[[int, int, str], None]
ADOPTER_ROLES = {"reviewer", "admin"}
HISTORY = "history.jsonl"

# Which prompts a suite's cases read, by case type and drafting strategy. The checker's model
# review (review_draft) runs only with a configured model, as in the runner.
DRAFTING_PROMPTS = {"composer": set(), "llm": {"draft_outcomes"}, "hybrid": {"rewrite_outcome"}}


class AdoptionRefused(OppiError):
    """The variant may not be adopted (yet): the message says why and what to do."""


def may_adopt(role: str | None) -> bool:
    """Adopting changes everyone's prompts: a reviewer's or admin's action where accounts exist.
    None means accounts are off (a single-user install), where the one user may."""
    return role is None or role in ADOPTER_ROLES


def prompts_read(suite: Suite, variant: Variant, model: str) -> set[str]:
    """The prompt ids the suite's cases read under `variant` with `model` (fake or configured),
    minus those the variant pins with its own prompts folder."""
    read: set[str] = set()
    for case in suite.cases:
        if case.type == "drafting":
            strategy = variant.strategy
            read |= DRAFTING_PROMPTS[strategy] if strategy else DRAFTING_PROMPTS["llm"] | DRAFTING_PROMPTS["hybrid"]
        elif case.type == "chat":
            read.add("chat_answer")  # chat_rewrite needs a follow-up question; the suites ask single ones
        elif case.type == "checking" and model == "configured":
            read.add("review_draft")
    pinned = {p.stem for p in variant.prompts.glob("*.yaml")} if variant.prompts and variant.prompts.is_dir() else set()
    return read - pinned


def exercising(suite: Suite, changed: set[str], model: str) -> dict[str, set[str]]:
    """Suite variant name -> the changed prompts it reads (only variants that read some)."""
    found = {v.name: prompts_read(suite, v, model) & changed for v in suite.variants}
    return {name: ids for name, ids in found.items() if ids}


def suite_files(suites_dir: Path = storage.SUITES_DIR) -> list[Path]:
    return sorted(suites_dir.glob("*.yaml"))


def suites_reading(prompt_ids: set[str], model: str = "configured",
                   suites_dir: Path = storage.SUITES_DIR) -> dict[str, dict[str, set[str]]]:
    """Suite name -> {variant -> prompts read} for the suites that read any of `prompt_ids`."""
    out = {}
    for path in suite_files(suites_dir):
        found = exercising(load_suite(path), prompt_ids, model)
        if found:
            out[path.stem] = found
    return out


@dataclass(frozen=True)
class SuiteUse:
    """A suite that reads a prompt: the variants whose runs read it, and whether only a run on
    a configured model does (the fake model skips the prompt)."""

    suite: str
    variants: tuple[str, ...]
    configured_only: bool

    def label(self, configured_note: str = "configured model") -> str:
        text = f"{self.suite} ({', '.join(self.variants)})"
        return f"{text} ({configured_note})" if self.configured_only else text


def suites_by_prompt(prompt_ids: list[str], suites_dir: Path = storage.SUITES_DIR) -> dict[str, list[SuiteUse]]:
    """Prompt id -> the suites that read it, for the prompts list."""
    suites = [load_suite(path) for path in suite_files(suites_dir)]
    out: dict[str, list[SuiteUse]] = {}
    for pid in prompt_ids:
        uses = []
        for suite in suites:
            real = exercising(suite, {pid}, "configured")
            if real:
                uses.append(SuiteUse(suite.suite, tuple(real), not exercising(suite, {pid}, "fake")))
        out[pid] = uses
    return out


# The headings of a prompt's page; the workspace passes its own language's.
PROMPT_HEADINGS = {"variables": "Variables", "read_by": "Suites that read it", "none": "none",
                   "system": "System", "template": "Template", "examples": "Examples"}


def prompt_markdown(prompt, suites: list[str], headings: dict[str, str] = PROMPT_HEADINGS) -> str:
    """One prompt as Markdown, as `oppi prompts show` prints it and the Prompts tab shows it
    (the prompt's own text is the prompt file's, whatever the headings' language)."""
    none = headings["none"]
    examples = "\n".join(f"- input: {e.input}\n  output: {e.output}" for e in prompt.examples) or none
    return (f"## {prompt.id} {prompt.version}\n\n{prompt.description}\n\n**{headings['variables']}:** "
            f"{', '.join(prompt.variables)}\n\n**{headings['read_by']}:** {'; '.join(suites) or none}\n\n"
            f"### {headings['system']}\n\n```\n{prompt.system}```\n\n"
            f"### {headings['template']}\n\n```\n{prompt.user}```\n\n"
            f"### {headings['examples']}\n\n{examples}\n")


def baselines_dir(settings) -> Path:
    return settings.eval_baselines_dir or storage.BASELINES_DIR


def _prompt_hashes(store: VariantStore) -> dict[str, str]:
    return {pid: prompt.sha256 for pid, prompt in store.current().items()}


# --- judging a run ------------------------------------------------------------------------------

def verdict(summary: dict, comparison: dict | None, candidates: dict[str, str]) -> dict:
    """A prompt variant's gate on one run: its candidates (`llm@x` -> `llm`) against the baseline.

    0 pass, 1 regression, 2 incomplete (failed cases, undetermined scores over budget, no
    baseline for a variant it copies): incomplete wins, as in the suite gate.
    """
    cases = [case for name in candidates for case in summary["variants"][name]["cases"].values()]
    errors = sum(len(case["errors"]) for case in cases)
    undetermined = sum(case["undetermined"] for case in cases)
    scores = sum(len(case["metrics"]) for case in cases)
    budget = summary.get("gates", {}).get("max_undetermined", 0.05)
    mine = [c for c in (comparison or {}).get("changes", []) if c["variant"] in candidates and c["case"]]
    regressed = [c for c in (comparison or {}).get("regressions", []) if c["variant"] in candidates]
    improved = [c for c in mine if c["delta"] is not None and c["delta"] > 0]
    result = {"candidates": candidates, "errors": errors, "undetermined": undetermined,
              # Cases first, by name; "(mean)" (the variant's average) last.
              "regressed_cases": sorted({c["case"] or "(mean)" for c in regressed}, key=lambda n: (n == "(mean)", n)),
              "improved_cases": sorted({c["case"] for c in improved}),
              "regressions": regressed, "improvements": improved}
    unbased = [of for cand, of in candidates.items()
               if comparison is None or any(n["variant"] == cand and n["case"] is None for n in comparison["new"])]
    if (errors + undetermined) / max(1, scores + errors) > budget + 1e-9:
        return {**result, "exit_code": EXIT_INCOMPLETE,
                "reason": f"incomplete: {errors} failed cases, {undetermined} undetermined scores"}
    if unbased:
        return {**result, "exit_code": EXIT_INCOMPLETE,
                "reason": f"incomplete: no baseline for {', '.join(sorted(set(unbased)))}; bless a run of the suite first"}
    if regressed:
        return {**result, "exit_code": EXIT_REGRESSION,
                "reason": f"regression: {len(regressed)} scores dropped, in {', '.join(result['regressed_cases'])}"}
    better = f"; improved in {', '.join(result['improved_cases'])}" if improved else ""
    return {**result, "exit_code": EXIT_PASS, "reason": f"pass: no score dropped below the baseline{better}"}


# --- running --------------------------------------------------------------------------------------

@dataclass
class WorkbenchRun:
    suite: str
    run_dir: Path | None
    verdicts: dict[str, dict]  # prompt variant -> verdict
    skipped: str = ""


def _merged_prompts(sv: Variant, variant: PromptVariant, into: Path) -> Path:
    """The suite variant's own prompt files with the prompt variant's on top."""
    folder = Path(tempfile.mkdtemp(prefix=f"{sv.name}@{variant.name}-", dir=into))
    if sv.prompts and sv.prompts.is_dir():
        for path in sv.prompts.glob("*.yaml"):
            shutil.copy2(path, folder / path.name)
    for path in variant.folder.glob("*.yaml"):
        shutil.copy2(path, folder / path.name)
    return folder


def run_variants(settings, suites: list[str], names: list[str], model: str = "fake", cache: str = "rw",
                 progress: Progress | None = None, suites_dir: Path = storage.SUITES_DIR) -> list[WorkbenchRun]:
    """Run each suite on the baseline and the named prompt variants side by side."""
    from assistant.evals.runner import RunRequest, run_suite

    if not suites:
        raise OppiError("choose at least one suite")
    if not names:
        raise OppiError("choose at least one prompt variant (`oppi prompts variant list`)")
    store = VariantStore.from_settings(settings)
    variants = [store.get(name) for name in dict.fromkeys(names)]
    for variant in variants:
        stale = store.stale(variant)
        if stale:
            raise OppiError(f"variant {variant.name} was made from an older {', '.join(stale)}; "
                            "save it again from the current prompts")
    changed = {pid for variant in variants for pid in variant.prompts}
    runs = []
    for name in suites:
        suite = load_suite(find_suite(name, suites_dir))
        reading = exercising(suite, changed, model)
        if not reading:
            also = " (it does with --model configured)" if exercising(suite, changed, "configured") else ""
            runs.append(WorkbenchRun(suite.suite, None, {}, skipped=f"suite {suite.suite} does not read "
                                     f"{', '.join(sorted(changed))} with the {model} model{also}"))
            continue
        with tempfile.TemporaryDirectory(prefix="oppi-workbench-") as tmp:
            specs, candidates = [], {v.name: {} for v in variants}
            for sv in suite.variants:
                if sv.name not in reading:
                    continue
                specs.append(sv)
                for variant in variants:
                    if set(variant.prompts) & reading[sv.name]:
                        cand = f"{sv.name}@{variant.name}"
                        specs.append(sv.model_copy(update={"name": cand,
                                                           "prompts": _merged_prompts(sv, variant, Path(tmp))}))
                        candidates[variant.name][cand] = sv.name
            workbench = {"model": model, "prompts": _prompt_hashes(store), "variants": {
                v.name: {"sha256": v.sha256, "reads": sorted({p for c in candidates[v.name].values()
                                                               for p in reading[c] & set(v.prompts)})}
                for v in variants}}
            request = RunRequest(suite.path, model=model, cache=cache, runs_dir=settings.home / "runs",  # type: ignore[arg-type]
                                 baselines_dir=baselines_dir(settings), variant_specs=specs,
                                 baseline_of={c: of for cands in candidates.values() for c, of in cands.items()},
                                 extra={"workbench": workbench})
            step = (lambda done, total, what, s=suite.suite: progress(done, total, f"{s} · {what}")) if progress else None
            outcome = run_suite(request, settings, step)
        verdicts = {v.name: verdict(outcome.summary, outcome.comparison, candidates[v.name])
                    for v in variants if candidates[v.name]}
        for vname in verdicts:
            workbench["variants"][vname]["verdict"] = {k: verdicts[vname][k] for k in ("exit_code", "reason",
                                                        "regressed_cases", "improved_cases")}
        storage.write_json(outcome.run_dir / "workbench.json", {"suite": suite.suite, **workbench})
        from assistant.evals.report import write_reports

        write_reports(outcome.run_dir)  # again, now with each prompt variant's verdict
        runs.append(WorkbenchRun(suite.suite, outcome.run_dir, verdicts))
    return runs


def workbench_runs(runs_dir: Path) -> list[tuple[Path, dict]]:
    """Workbench runs, newest first, with their workbench.json."""
    out = []
    for run_dir in storage.list_runs(runs_dir):
        path = run_dir / "workbench.json"
        if path.is_file():
            out.append((run_dir, storage.read_json(path)))
    return out


# --- adopting -------------------------------------------------------------------------------------

def evidence(settings, variant: PromptVariant, store: VariantStore, suites_dir: Path = storage.SUITES_DIR) -> dict:
    """Suite -> the newest run of this variant's content on the current prompts; refuses with
    the reason when a suite has none or its newest one did not pass."""
    reading = suites_reading(set(variant.prompts), "configured", suites_dir)
    if not reading:
        raise AdoptionRefused(f"adoption refused: no suite reads {', '.join(variant.prompts)}, so nothing "
                              "measures the change; add cases that do (evals/README.md)")
    current = _prompt_hashes(store)
    runs = workbench_runs(settings.home / "runs")
    found = {}
    for suite_name, svs in reading.items():
        needed = sorted({p for ids in svs.values() for p in ids})
        match = next(((d, w) for d, w in runs if w["suite"] == suite_name and w["prompts"] == current
                      and w["variants"].get(variant.name, {}).get("sha256") == variant.sha256
                      and w["variants"][variant.name].get("reads") == needed), None)
        if match is None:
            how = "" if exercising(load_suite(suites_dir / f"{suite_name}.yaml"), set(needed), "fake") \
                else " with the configured model"
            raise AdoptionRefused(f"adoption refused: no run of variant {variant.name} on suite {suite_name}{how} "
                                  "on the current prompts; run it first")
        run_dir, data = match
        judged = data["variants"][variant.name]["verdict"]
        if judged["exit_code"] != EXIT_PASS:
            raise AdoptionRefused(f"adoption refused: the run {run_dir.name} of suite {suite_name} did not pass: "
                                  f"{judged['reason']}")
        found[suite_name] = {"run": run_dir.name, "model": data["model"]}
    return found


def adopt(settings, name: str, user: str, role: str | None = None, suites_dir: Path = storage.SUITES_DIR,
          progress: Progress | None = None) -> dict:
    """Replace the prompts with the variant's (version bumped), re-run and bless the suites that
    read them, record it in the history. Refused (AdoptionRefused) without passing runs; on a
    failed re-run the prompts are put back. One adoption at a time per home."""
    if not may_adopt(role):
        raise AdoptionRefused(f"adoption refused: adopting prompts is for reviewers and admins; {user} is a {role}")
    store = VariantStore.from_settings(settings)
    store.root.mkdir(parents=True, exist_ok=True)
    with (store.root / ".adopt.lock").open("w") as lock:
        # Two adoptions at once would each find the other's evidence stale halfway through.
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _adopt(settings, store, name, user, role, suites_dir, progress)


def _adopt(settings, store: VariantStore, name: str, user: str, role: str | None, suites_dir: Path,
           progress: Progress | None) -> dict:
    from assistant.evals.runner import RunRequest, run_suite
    from assistant.prompts import load_prompts

    variant = store.get(name)
    if variant.adopted:
        raise AdoptionRefused(f"variant {name} was already adopted on {variant.adopted['at']}")
    stale = store.stale(variant)
    if stale:
        raise AdoptionRefused(f"adoption refused: {', '.join(stale)} changed since variant {name} was made; "
                              "save it again and run the suites on it")
    proof = evidence(settings, variant, store, suites_dir)
    before = {pid: (store.prompts_dir / f"{pid}.yaml").read_text(encoding="utf-8") for pid in variant.prompts}
    versions = {pid: prompt.version for pid, prompt in store.current().items() if pid in variant.prompts}
    files = store.adopted_files(variant)
    for pid, text in files.items():
        (store.prompts_dir / f"{pid}.yaml").write_text(text, encoding="utf-8")
    load_prompts.cache_clear()
    blessed = {}
    try:
        reruns = {}
        for suite_name, seen in proof.items():
            request = RunRequest(suites_dir / f"{suite_name}.yaml", model=seen["model"],  # type: ignore[arg-type]
                                 runs_dir=settings.home / "runs", baselines_dir=baselines_dir(settings))
            step = (lambda d, t, w, s=suite_name: progress(d, t, f"{s} · {w}")) if progress else None
            outcome = run_suite(request, settings, step)
            if outcome.exit_code != EXIT_PASS:
                raise AdoptionRefused(f"adoption refused: with the new prompts, suite {suite_name} did not pass "
                                      f"({outcome.reason}); the prompts are unchanged")
            reruns[suite_name] = outcome.run_dir
        for suite_name, run_dir in reruns.items():
            blessed[suite_name] = {"run": run_dir.name, "baseline": str(storage.bless(run_dir, baselines_dir(settings)))}
    except Exception:
        for pid, text in before.items():
            (store.prompts_dir / f"{pid}.yaml").write_text(text, encoding="utf-8")
        load_prompts.cache_clear()
        raise
    new = {pid: prompt.version for pid, prompt in store.current().items() if pid in variant.prompts}
    record = {"at": now(), "by": user, "role": role, "variant": name, "variant_sha256": variant.sha256,
              "prompts": {pid: {"from": versions[pid], "to": new[pid]} for pid in sorted(new)},
              "evidence": proof, "blessed": blessed}
    with (store.root / HISTORY).open("a", encoding="utf-8") as out:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    store.mark_adopted(name, user, {"prompts": record["prompts"]})
    return record


def history(settings) -> list[dict]:
    """Adoptions, newest first."""
    path = VariantStore.from_settings(settings).root / HISTORY
    if not path.is_file():
        return []
    return [json.loads(line) for line in reversed(path.read_text(encoding="utf-8").splitlines()) if line.strip()]
