"""Prompts as data: versioned YAML files in `prompts/`, validated when loaded."""

from __future__ import annotations

import hashlib
import string
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, ValidationError, model_validator

from assistant.config import PROJECT_ROOT
from assistant.errors import OppiError, describe_validation_error

PROMPTS_DIR = PROJECT_ROOT / "prompts"


class PromptExample(BaseModel):
    input: str
    output: str


class Prompt(BaseModel):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    version: str
    description: str
    system: str
    user: str
    variables: list[str]
    examples: list[PromptExample] = Field(default_factory=list)

    @model_validator(mode="after")
    def _template_uses_declared_variables(self) -> Prompt:
        used = {name for _, name, _, _ in string.Formatter().parse(self.user) if name}
        declared = set(self.variables)
        if used - declared:
            raise ValueError(f"user template uses undeclared variables {sorted(used - declared)}")
        if declared - used:
            raise ValueError(f"declared variables not used in the template: {sorted(declared - used)}")
        return self

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]

    def render(self, **values: object) -> str:
        missing = set(self.variables) - values.keys()
        if missing:
            raise OppiError(f"prompt {self.id} is missing values for {sorted(missing)}")
        return self.user.format(**{name: values[name] for name in self.variables})

    def messages(self, **values: object) -> list[tuple[str, str]]:
        """System and user messages, with any examples as a prior exchange."""
        result = [("system", self.system)]
        for example in self.examples:
            result += [("human", example.input), ("ai", example.output)]
        return result + [("human", self.render(**values))]


def load_prompt_file(path: Path) -> Prompt:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Prompt.model_validate(data)
    except ValidationError as error:
        raise OppiError(f"prompt file {path.name} is invalid: {describe_validation_error(error)}") from None
    except (yaml.YAMLError, OSError) as error:
        raise OppiError(f"prompt file {path.name} is invalid: {error}") from None


@lru_cache(maxsize=8)
def load_prompts(folder: Path = PROMPTS_DIR) -> dict[str, Prompt]:
    """Every prompt in `folder`, keyed by id; raises OppiError on the first invalid file."""
    prompts: dict[str, Prompt] = {}
    for path in sorted(folder.glob("*.yaml")):
        prompt = load_prompt_file(path)
        if prompt.id != path.stem:
            raise OppiError(f"prompt file {path.name} declares id '{prompt.id}'; name it {prompt.id}.yaml")
        prompts[prompt.id] = prompt
    return prompts


def get_prompt(prompt_id: str, folder: Path | None = None) -> Prompt:
    folder = folder or PROMPTS_DIR
    prompts = load_prompts(folder)
    if prompt_id not in prompts:
        raise OppiError(f"no prompt '{prompt_id}' in {folder}")
    return prompts[prompt_id]
