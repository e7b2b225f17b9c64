"""Suite files: YAML under evals/suites, validated into typed cases, variants and gates."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assistant.errors import OppiError, describe_validation_error
from assistant.schemas import CredentialBrief

Verdict = Literal["pass", "fail"]


class SuiteError(OppiError):
    """The suite file cannot be used: bad YAML or a field that breaks the schema (exit 3)."""

    exit_code = 3  # EXIT_BAD_SUITE; any other OppiError in an eval run is incomplete (2)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Label(Strict):
    """A relevant passage, by stable keys: document id and a substring of its section heading."""

    doc: str
    section: str = ""


class RetrievalCase(Strict):
    id: str
    type: Literal["retrieval"] = "retrieval"
    query: str
    lang: str = "en"
    relevant: list[Label] = Field(min_length=1)
    k: int | None = Field(None, ge=1, le=50)
    tags: list[str] = Field(default_factory=list)


class DraftingCase(Strict):
    id: str
    type: Literal["drafting"] = "drafting"
    brief: CredentialBrief
    tags: list[str] = Field(default_factory=list)


class CheckingCase(Strict):
    id: str
    type: Literal["checking"] = "checking"
    draft: Path = Field(description="Draft file, relative to the suite file.")
    expect: dict[str, Verdict] = Field(description="Check id (C01.., L01..) -> expected verdict.")
    lang: str = "en"
    tags: list[str] = Field(default_factory=list)


class ExpectedFinding(Strict):
    id: str
    where: str


class RealisticCase(Strict):
    """A draft written the way planners write (evals/realistic), with the set's expectations."""

    id: str
    type: Literal["realistic"] = "realistic"
    draft: Path = Field(description="Draft file, relative to the suite file.")
    lang: str = "en"
    split: Literal["dev", "test"]
    clean: bool = False
    must_flag: list[ExpectedFinding] = Field(default_factory=list)
    must_not_flag: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)


class ChatCase(Strict):
    id: str
    type: Literal["chat"] = "chat"
    question: str
    lang: str = "en"
    covered: bool = Field(True, description="False: the library does not cover it; expect an abstention.")
    relevant_docs: list[str] = Field(default_factory=list, description="Documents a good answer cites.")
    facts: list[str] = Field(default_factory=list, description="Text each good answer states ('a | b': either).")
    poison: str | None = Field(None, description="Instructions planted in the top passage's text and title.")
    tags: list[str] = Field(default_factory=list)


Case = Annotated[RetrievalCase | DraftingCase | CheckingCase | RealisticCase | ChatCase, Field(discriminator="type")]


class Variant(Strict):
    """A prompt version: a folder of changed prompt files and/or a drafting strategy or settings."""

    name: str = Field(pattern=r"^[A-Za-z0-9_.@-]+$")  # '@': the workbench's "llm@my-edit"
    prompts: Path | None = Field(None, description="Folder of changed prompt files, overlaid on prompts/.")
    strategy: Literal["composer", "llm", "hybrid"] | None = None
    mode: Literal["hybrid", "dense", "bm25"] = Field("hybrid", description="Retrieval mode.")
    settings: dict[str, object] = Field(default_factory=dict, description="Settings overrides.")


class Gates(Strict):
    """When a run counts as a regression (exit 1) or as incomplete (exit 2)."""

    tolerance: float = Field(0.0, ge=0, description="Allowed drop of any metric, per case and on average.")
    tolerances: dict[str, float] = Field(default_factory=dict, description="Per-metric tolerance.")
    max_undetermined: float = Field(0.05, ge=0, le=1, description="Share of undetermined scores allowed.")


class Import(Strict):
    """Cases kept elsewhere, read at load time so they never drift from their source."""

    kind: Literal["retrieval_questions", "golden_drafts", "realistic_drafts"]
    path: Path


class Suite(Strict):
    suite: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    description: str = ""
    k: int = Field(5, ge=1, le=50, description="Retrieval depth for retrieval cases.")
    variants: list[Variant] = Field(default_factory=lambda: [Variant(name="default")])
    gates: Gates = Field(default_factory=Gates)
    imports: list[Import] = Field(default_factory=list)
    cases: list[Case] = Field(default_factory=list)
    path: Path | None = Field(None, exclude=True)

    @model_validator(mode="after")
    def _unique_names(self) -> Suite:
        for what, names in (("case id", [c.id for c in self.cases]), ("variant", [v.name for v in self.variants])):
            dupes = sorted({n for n in names if names.count(n) > 1})
            if dupes:
                raise ValueError(f"duplicate {what}s: {', '.join(dupes)}")
        return self

    def variant(self, name: str) -> Variant:
        for variant in self.variants:
            if variant.name == name:
                return variant
        raise SuiteError(f"suite {self.suite} has no variant '{name}'; it has {', '.join(v.name for v in self.variants)}")


def _imported(item: Import, base: Path) -> list[dict]:
    path = (base / item.path).resolve()
    if item.kind == "retrieval_questions":
        from assistant.evals.sources import retrieval_questions

        return retrieval_questions(path)
    if item.kind == "realistic_drafts":
        from assistant.evals.realistic import realistic_drafts

        return realistic_drafts(path, base)
    from assistant.evals.sources import golden_drafts

    return golden_drafts(path, base)


def load_suite(path: Path) -> Suite:
    """Read and validate a suite file; every problem becomes a SuiteError with a clear message."""
    path = Path(path)
    if not path.is_file():
        raise SuiteError(f"no suite file {path}; suites live in evals/suites/<name>.yaml")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise SuiteError(f"{path} is not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise SuiteError(f"{path} must hold a mapping with 'suite', 'variants' and 'cases'")
    try:
        imports = [Import.model_validate(i) for i in data.get("imports") or []]
        extra = [case for item in imports for case in _imported(item, path.parent)]
        data = {**data, "cases": (data.get("cases") or []) + extra}
        suite = Suite.model_validate(data)
    except ValidationError as error:
        problems = describe_validation_error(error, "\n  ")
        raise SuiteError(f"{path} does not match the suite schema:\n  {problems}") from None
    except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
        raise SuiteError(f"{path}: an import could not be read: {error}") from None
    if not suite.cases:
        raise SuiteError(f"{path} has no cases")
    suite.path = path.resolve()
    for case in suite.cases:
        if isinstance(case, CheckingCase | RealisticCase):
            case.draft = (path.parent / case.draft).resolve()
            if not case.draft.is_file():
                raise SuiteError(f"{path}: case {case.id}: no draft file {case.draft}")
    for variant in suite.variants:
        if variant.prompts is not None:
            variant.prompts = (path.parent / variant.prompts).resolve()
    return suite


def find_suite(name: str, suites_dir: Path) -> Path:
    """A suite by path or by name under evals/suites."""
    candidate = Path(name)
    if candidate.suffix in (".yaml", ".yml") or candidate.is_file():
        return candidate
    return suites_dir / f"{name}.yaml"
