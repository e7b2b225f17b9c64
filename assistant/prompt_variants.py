"""Named prompt variants under OPPI_HOME: copies of the changed prompt files, validated on save.

A variant is a folder `OPPI_HOME/prompt-variants/<name>/` holding only the changed prompt files
(the same schema as prompts/, so the evals overlay it like `evals/variants/<name>/`) and
`variant.json` (who made it, when, and the version and hash of each prompt it started from).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import yaml
from pydantic import ValidationError

from assistant.errors import OppiError, describe_validation_error
from assistant.prompts import (
    Prompt,
    bump_version,
    dump_prompt,
    load_prompts,
    prompts_folder,
    template_variables,
)

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$")
RECORD = "variant.json"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def validate_prompt(data: dict, base: Prompt) -> Prompt:
    """The prompt schema of prompts/, plus what the code can fill: a variant may use only the
    variables the code supplies to its base prompt (the same id)."""
    if not isinstance(data, dict):
        raise OppiError(f"{base.id}: a prompt file holds a mapping (id, version, description, system, user, variables)")
    try:
        prompt = Prompt.model_validate(data)
    except ValidationError as error:
        raise OppiError(f"{base.id}: {describe_validation_error(error)}") from None
    if prompt.id != base.id:
        raise OppiError(f"{base.id}: the variant's file declares id '{prompt.id}'; a variant changes an existing prompt")
    undefined = [name for name in prompt.variables if name not in base.variables]
    if undefined:
        names = ", ".join("{" + name + "}" for name in undefined)
        raise OppiError(f"{base.id}: the template uses {names}, which Oppi does not supply to this prompt "
                        f"(it supplies {', '.join(base.variables)})")
    return prompt


def edited_prompt(base: Prompt, system: str, user: str, description: str | None = None) -> dict:
    """A prompt's data with new system text and template; its variables are the template's
    placeholders, so only an unknown placeholder can make it invalid."""
    try:
        variables = template_variables(user)
    except ValueError as error:
        raise OppiError(f"{base.id}: user: the template cannot be read: {error} "
                        "(write a literal brace as {{ or }})") from None
    order = {name: index for index, name in enumerate(base.variables)}
    variables.sort(key=lambda name: order.get(name, len(order)))
    data = base.model_dump()
    data.update(system=system.replace("\r\n", "\n"), user=user.replace("\r\n", "\n"), variables=variables)
    if description is not None:
        data["description"] = description
    return data


@dataclass
class PromptVariant:
    name: str
    folder: Path
    made_by: str
    made_at: str
    updated_at: str
    note: str
    base: dict[str, dict]  # prompt id -> {"version", "sha256"} of the prompt it was made from
    prompts: dict[str, Prompt] = field(default_factory=dict)
    adopted: dict | None = None

    @property
    def sha256(self) -> str:
        """The variant's content: what a run measured and an adoption must still find."""
        joined = "\n".join(f"{pid}:{p.sha256}" for pid, p in sorted(self.prompts.items()))
        return hashlib.sha256(joined.encode()).hexdigest()[:16]

    def record(self) -> dict:
        return {"name": self.name, "made_by": self.made_by, "made_at": self.made_at, "updated_at": self.updated_at,
                "note": self.note, "base": self.base, "adopted": self.adopted}


class VariantStore:
    """Variants of the prompts in `prompts_dir`, kept in `root` (OPPI_HOME/prompt-variants)."""

    def __init__(self, root: Path, prompts_dir: Path | None = None) -> None:
        self.root = Path(root)
        self.prompts_dir = prompts_folder(prompts_dir)

    @classmethod
    def from_settings(cls, settings) -> VariantStore:
        return cls(settings.home / "prompt-variants", settings.prompts_dir)

    def current(self) -> dict[str, Prompt]:
        """The prompts in use, read afresh (an adoption may just have changed them)."""
        load_prompts.cache_clear()
        return load_prompts(self.prompts_dir)

    def names(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if (p / RECORD).is_file())

    def list(self) -> list[PromptVariant]:
        return [self.get(name) for name in self.names()]

    def get(self, name: str) -> PromptVariant:
        folder = self.root / name
        if not NAME.match(name) or not (folder / RECORD).is_file():
            known = ", ".join(self.names()) or "none yet"
            raise OppiError(f"no prompt variant '{name}' (variants: {known}); `oppi prompts variant save` makes one")
        record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        prompts = {}
        for path in sorted(folder.glob("*.yaml")):
            prompts[path.stem] = Prompt.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        return PromptVariant(name=name, folder=folder, made_by=record["made_by"], made_at=record["made_at"],
                             updated_at=record.get("updated_at", record["made_at"]), note=record.get("note", ""),
                             base=record["base"], prompts=prompts, adopted=record.get("adopted"))

    def save(self, name: str, changed: dict[str, dict], made_by: str, note: str = "") -> PromptVariant:
        """Save changed prompts (id -> prompt data) into variant `name`, added to its other files.

        Everything is validated before anything is written, and the folder is replaced in one
        rename, so a refused or failed save leaves the variant as it was.
        """
        if not NAME.match(name or ""):
            raise OppiError(f"variant name '{name}' is not allowed: use letters, digits, '.', '_' or '-' (at most 60)")
        if not changed:
            raise OppiError("nothing to save: change a prompt first")
        current = self.current()
        existing = self.get(name) if (self.root / name / RECORD).is_file() else None
        if existing and existing.adopted:
            raise OppiError(f"variant {name} was adopted on {existing.adopted['at']}; make a new variant")
        prompts = dict(existing.prompts) if existing else {}
        base = dict(existing.base) if existing else {}
        for prompt_id, data in changed.items():
            if prompt_id not in current:
                raise OppiError(f"no prompt '{prompt_id}' in {self.prompts_dir} (prompts: {', '.join(current)})")
            original = current[prompt_id]
            prompt = validate_prompt(data, original)
            if prompt.model_copy(update={"version": original.version}) == original:
                raise OppiError(f"{prompt_id}: the text is the same as in {self.prompts_dir.name}/; nothing to save")
            # The variant's own version says what it is when a run records it.
            prompts[prompt_id] = prompt.model_copy(update={"version": f"{original.version}+{name}"})
            if prompt_id not in base:
                base[prompt_id] = {"version": original.version, "sha256": original.sha256}
        stamp = now()
        variant = PromptVariant(name=name, folder=self.root / name, made_by=existing.made_by if existing else made_by,
                                made_at=existing.made_at if existing else stamp, updated_at=stamp,
                                note=note or (existing.note if existing else ""), base=base, prompts=prompts)
        self._write(variant)
        return self.get(name)

    def _write(self, variant: PromptVariant) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{variant.name}-", dir=self.root))
        try:
            for prompt_id, prompt in variant.prompts.items():
                (staging / f"{prompt_id}.yaml").write_text(dump_prompt(prompt), encoding="utf-8")
            (staging / RECORD).write_text(json.dumps(variant.record(), indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
            target = self.root / variant.name
            if target.exists():
                retired = self.root / f".{variant.name}-old-{os.getpid()}"
                target.rename(retired)
                staging.rename(target)
                shutil.rmtree(retired)
            else:
                staging.rename(target)
        finally:
            if staging.exists():
                shutil.rmtree(staging)

    def mark_adopted(self, name: str, by: str, record: dict) -> None:
        variant = self.get(name)
        variant.adopted = {"at": now(), "by": by, **record}
        self._write(variant)

    def delete(self, name: str) -> None:
        shutil.rmtree(self.get(name).folder)

    def stale(self, variant: PromptVariant) -> list[str]:
        """Prompts that changed in prompts/ since the variant was made from them."""
        current = self.current()
        return [pid for pid, base in variant.base.items()
                if pid not in current or current[pid].sha256 != base["sha256"]]

    def adopted_files(self, variant: PromptVariant) -> dict[str, str]:
        """What adopting writes: each changed file with the next version of the one in prompts/."""
        current = self.current()
        return {pid: dump_prompt(prompt.model_copy(update={"version": bump_version(current[pid].version)}))
                for pid, prompt in variant.prompts.items()}

    def patch(self, name: str) -> str:
        """A unified diff of prompts/ to what adopting the variant would write (`git apply` takes it)."""
        variant = self.get(name)
        stale = self.stale(variant)
        if stale:
            raise OppiError(f"variant {name}: {', '.join(stale)} changed in prompts/ since the variant was made; "
                            "save the variant again from the current prompts")
        parts = []
        for pid, text in self.adopted_files(variant).items():
            old = (self.prompts_dir / f"{pid}.yaml").read_text(encoding="utf-8")
            parts += difflib.unified_diff(old.splitlines(keepends=True), text.splitlines(keepends=True),
                                          f"a/prompts/{pid}.yaml", f"b/prompts/{pid}.yaml")
        return "".join(parts)
