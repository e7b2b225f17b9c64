"""Runs on disk (runs/<id>/manifest.json, results.jsonl, summary.json) and committed baselines."""

from __future__ import annotations

import hashlib
import json
import secrets
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from assistant.config import PROJECT_ROOT
from assistant.errors import OppiError

EVALS_DIR = PROJECT_ROOT / "evals"
SUITES_DIR = EVALS_DIR / "suites"
BASELINES_DIR = EVALS_DIR / "baselines"


def new_run_dir(runs_dir: Path, suite: str) -> Path:
    """A fresh folder named by time, suite and a random tail, so parallel runs never collide."""
    now = datetime.now(UTC)
    # Milliseconds in the id: runs started within one second still sort newest first.
    stamp = now.strftime("%Y%m%d-%H%M%S") + f"{now.microsecond // 1000:03d}"
    path = runs_dir / f"{stamp}-{suite}-{secrets.token_hex(2)}"
    path.mkdir(parents=True)
    return path


def write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")


def read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise OppiError(f"cannot read {path}: {error}") from None


def find_run(ref: str, runs_dir: Path) -> Path:
    """A run by folder path, by id under the runs dir, or by a unique id prefix."""
    path = Path(ref)
    if (path / "summary.json").is_file():
        return path
    if (runs_dir / ref / "summary.json").is_file():
        return runs_dir / ref
    matches = sorted(p for p in runs_dir.glob(f"{ref}*") if (p / "summary.json").is_file()) if runs_dir.is_dir() else []
    if len(matches) == 1:
        return matches[0]
    hint = "several runs match; give more of the id" if matches else f"no finished run '{ref}' in {runs_dir}"
    raise OppiError(f"{hint} (`oppi eval run SUITE` makes one)")


def list_runs(runs_dir: Path) -> list[Path]:
    """Finished runs, newest first."""
    if not runs_dir.is_dir():
        return []
    return sorted((p for p in runs_dir.iterdir() if (p / "summary.json").is_file()), key=lambda p: p.name, reverse=True)


def baseline_path(baselines_dir: Path, suite: str) -> Path:
    return baselines_dir / f"{suite}.json"


def load_baseline(baselines_dir: Path, suite: str) -> dict | None:
    path = baseline_path(baselines_dir, suite)
    return read_json(path) if path.is_file() else None


def portable_path(path: Path) -> str:
    """A path as committed files may hold it: relative to the project when inside it, so a
    baseline made on one machine names no folder of that machine."""
    from assistant.config import PROJECT_ROOT

    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def bless(run_dir: Path, baselines_dir: Path) -> Path:
    """Make a run's summary the suite's baseline (committed; changes only by this command)."""
    summary = read_json(run_dir / "summary.json")
    totals = summary.get("totals", {})
    if totals.get("errors"):
        raise OppiError(f"run {run_dir.name} has {totals['errors']} failed cases; fix them before blessing it")
    baselines_dir.mkdir(parents=True, exist_ok=True)
    target = baseline_path(baselines_dir, summary["suite"])
    manifest = read_json(run_dir / "manifest.json")
    summary["blessed_from"] = {key: manifest.get(key) for key in ("run_id", "git", "prompts", "models", "index")}
    write_json(target, summary)
    return target


def git_state() -> dict:
    """The commit and whether the work tree differs from it (prompts may be edited, uncommitted)."""
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=10, check=False).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""
    return {"commit": git("rev-parse", "HEAD") or None, "dirty": bool(git("status", "--porcelain", "--untracked-files=no"))}


def index_fingerprint(library) -> dict:
    """What the library held: collection, embedding model, chunk count and a hash of the chunks."""
    if library is None or not library.is_built():
        return {"built": False}
    from assistant.index.store import recorded_model

    chunks = library.chunks()
    digest = hashlib.sha256("\n".join(f"{c.id}:{c.metadata.get('sha256', '')}" for c in chunks).encode()).hexdigest()
    return {"built": True, "collection": library.settings.collection, "chunks": len(chunks),
            "embedding_model": recorded_model(library.client, library.settings), "sha256": digest[:16]}


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
