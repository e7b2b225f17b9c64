"""A variant's world: prompts overlaid on prompts/ in a temp dir, settings, model and services."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from langchain_core.language_models import BaseChatModel
from pydantic import TypeAdapter

from assistant.config import Settings
from assistant.evals.suite import SuiteError, Variant
from assistant.prompts import load_prompts, prompts_folder
from assistant.services.factory import Services


def overlay_prompts(changed: Path | None, into: Path, base: Path | None = None) -> Path:
    """The prompts in use (`base`, default prompts/) with the variant's changed files on top;
    the folder the services will read."""
    into.mkdir(parents=True, exist_ok=True)
    for path in prompts_folder(base).glob("*.yaml"):
        shutil.copy2(path, into / path.name)
    if changed is not None:
        if not changed.is_dir():
            raise SuiteError(f"variant prompts folder {changed} does not exist")
        for path in changed.glob("*.yaml"):
            shutil.copy2(path, into / path.name)
    return into


def parse_variant_option(option: str) -> tuple[str, Path | None]:
    """'NAME' selects a suite variant; 'NAME=FOLDER' also points it at another prompts folder."""
    name, sep, folder = option.partition("=")
    return name.strip(), (Path(folder).expanduser().resolve() if sep else None)


@dataclass
class VariantWorld:
    """Everything a case needs to run under one variant."""

    variant: Variant
    settings: Settings
    services: Services
    prompt_hashes: dict[str, str] = field(default_factory=dict)
    embeddings: object | None = None

    def drafter(self, strategy: str | None):
        """The strategy's drafter (the service builds each once), with the run's shared
        embeddings so the variants embed each text once between them."""
        name = self.services.drafting.resolve(strategy)
        drafter = self.services.drafting.drafter(name)
        composer = drafter if name == "composer" else getattr(drafter, "composer", None)
        if composer is not None and self.embeddings is not None:
            composer.embeddings = self.embeddings
        return drafter


def build_world(variant: Variant, base: Settings, llm: BaseChatModel, workdir: Path, shared_library=None,
                embeddings=None) -> VariantWorld:
    """Settings with the variant's prompts and overrides, and services built on them."""
    unknown = sorted(set(variant.settings) - set(Settings.model_fields))
    if unknown:
        raise SuiteError(f"variant {variant.name}: unknown settings {', '.join(unknown)}")
    folder = overlay_prompts(variant.prompts, Path(tempfile.mkdtemp(prefix=f"{variant.name}-", dir=workdir)),
                             base.prompts_dir)
    overrides = {}
    for name, value in variant.settings.items():
        try:
            overrides[name] = TypeAdapter(Settings.model_fields[name].annotation).validate_python(value)
        except ValueError as error:
            raise SuiteError(f"variant {variant.name}: settings.{name}: {error}") from None
    # model_copy keeps the key and URLs, which a re-validation through their aliases would drop.
    settings = base.model_copy(update={**overrides, "prompts_dir": folder})
    services = Services(settings, llm)
    if shared_library is not None:
        from assistant.index.library import Library

        # One embedding model for all variants: loading it is the slow part.
        same = not variant.settings
        services.__dict__["library"] = shared_library if same else Library(settings, shared_library.embeddings)
    hashes = {pid: prompt.sha256 for pid, prompt in load_prompts(folder).items()}
    return VariantWorld(variant, settings, services, hashes, embeddings=embeddings)
