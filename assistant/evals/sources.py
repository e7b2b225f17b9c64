"""Cases imported from the test fixtures: labelled retrieval questions and golden drafts."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from assistant.rules.catalogue import CATALOGUE


def slug(text: str, words: int = 6) -> str:
    """A short readable id from the first words of a text."""
    parts = re.findall(r"\w+", text.lower())[:words]
    return "-".join(parts)


def retrieval_questions(path: Path) -> list[dict]:
    """One retrieval case per labelled question; ids from the question's first words."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        {"id": f"ret-{item['lang']}-{slug(item['question'])}", "type": "retrieval", "query": item["question"],
         "lang": item["lang"], "relevant": item["relevant"]}
        for item in items
    ]


def sidecar_drafts(folder: Path) -> list[tuple[str, Path, dict]]:
    """(name, draft file, expectations) for every draft with a NAME.expected.yaml sidecar."""
    drafts = []
    for sidecar in sorted(folder.glob("*.expected.yaml")):
        name = sidecar.name.removesuffix(".expected.yaml")
        sources = [p for p in folder.glob(f"{name}.*") if not p.name.endswith(".expected.yaml")]
        if len(sources) != 1:
            raise OSError(f"{sidecar.name}: expected one draft named {name}.*, found {len(sources)}")
        drafts.append((name, sources[0], yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}))
    return drafts


def golden_drafts(folder: Path, suite_dir: Path) -> list[dict]:
    """One checking case per golden draft: each catalogue check fails if a finding names it."""
    cases = []
    for name, source, expected in sidecar_drafts(folder):
        failing = {str(item).split()[0] for item in expected.get("findings") or []}
        verdicts = {check.id: ("fail" if check.id in failing else "pass") for check in CATALOGUE}
        # PDF/DOCX goldens are checked from their text source: file parsing has its own tests,
        # and the eval measures the checker's verdicts.
        cases.append({
            "id": f"chk-{name.replace('_', '-')}", "type": "checking",
            "draft": os.path.relpath(source, suite_dir), "expect": verdicts, "lang": name.split("_")[0],
        })
    return cases
