"""The domain models every part of Oppi speaks: briefs, credentials, findings, citations."""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Kind = Literal["guideline", "quality", "credential", "other"]
Lang = Literal["en", "fi", "sv", "other"]
Severity = Literal["E", "W", "I"]
SEVERITY_ORDER: dict[str, int] = {"E": 0, "W": 1, "I": 2}


class Bloom(str, Enum):
    """Revised Bloom taxonomy (Anderson & Krathwohl 2001), lowest first."""

    remember = "remember"
    understand = "understand"
    apply = "apply"
    analyse = "analyse"
    evaluate = "evaluate"
    create = "create"

    @property
    def rank(self) -> int:
        return list(Bloom).index(self) + 1


class Citation(BaseModel):
    """A pointer to one indexed passage, with enough to show it as a source card."""

    chunk_id: str
    doc_id: str
    title: str
    kind: Kind = "other"
    source: str = ""
    section: str = ""
    page: int | None = None
    score: float = 0.0
    quote: str = Field("", description="The passage text (may be shortened for display).")

    @property
    def is_example(self) -> bool:
        """Past credentials illustrate; they are never rules."""
        return self.kind == "credential"

    def label(self) -> str:
        parts = [self.title]
        if self.section:
            parts.append(self.section)
        if self.page:
            parts.append(f"p. {self.page}")
        text = " › ".join(parts)
        return f"{text} (example, not a rule)" if self.is_example else text


class Passage(BaseModel):
    """A retrieved chunk: its text and the citation that points to it."""

    text: str
    citation: Citation


class CredentialBrief(BaseModel):
    """What a planner knows before outcomes exist. Unknown keys are an error that names the
    nearest known key ('eqf_level: did you mean level?'): a key dropped silently is a level
    floor or a skill need that is never applied."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _known_keys(cls, data):
        if isinstance(data, dict):
            unknown = [key for key in data if key not in cls.model_fields]
            if unknown:
                raise ValueError("; ".join(_unknown_key(str(key), list(cls.model_fields)) for key in unknown))
        return data

    title: str
    target_group: str = ""
    level: int | None = Field(None, ge=1, le=8, description="EQF level.")
    ects: float | None = Field(None, gt=0)
    skill_needs: list[str] = Field(default_factory=list)
    work_context: str = ""
    language: Literal["en", "fi"] = "en"


class EscoSuggestion(BaseModel):
    """An ESCO skill suggested for a skill need or a draft, with its match score."""

    uri: str
    label: str
    score: float = 0.0


def _unknown_key(key: str, known: list[str]) -> str:
    """'eqf_level: did you mean level?' (closest spelling, or a known key inside the word)."""
    import difflib

    words = key.lower().replace("-", "_").split("_")
    inside = [k for k in known if k in words or k == "_".join(words[-2:])]
    close = inside or difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.5)
    hint = f"did you mean {close[0]}?" if close else f"unknown key (known: {', '.join(known)})"
    return f"{key}: {hint}"


class LearningOutcome(BaseModel):
    """One intended learning outcome: verb + object + context (ECTS Users' Guide)."""

    text: str
    verb: str | None = None
    bloom: list[Bloom] = Field(default_factory=list, description="Level or range of the verb.")
    object: str | None = None
    context: str | None = None
    assessment: str | None = None
    citations: list[Citation] = Field(default_factory=list)
    status: Literal["suggested", "accepted", "edited", "rejected"] = "suggested"
    strategy: str | None = Field(None, description="What produced it: composer, llm, hybrid.")
    esco: list[EscoSuggestion] = Field(default_factory=list, description="ESCO skills suggested for it.")


class MicroCredential(BaseModel):
    """A micro-credential design: the Annex I design-time elements plus planning context.

    Fields hold what the draft says; `None` means the draft does not say it. The raw text of
    fields the parser could not interpret is kept in `unparsed` so nothing is guessed.
    """

    title: str | None = None
    description: str | None = None
    awarding_body: str | None = None
    country: str | None = None
    outcomes: list[LearningOutcome] = Field(default_factory=list)
    ects: float | None = None
    hours: float | None = None
    workload_text: str | None = None
    level: int | None = None
    level_framework: str | None = Field(
        None, description="'EQF', 'NQF', 'FiNQF' or 'not applicable'."
    )
    level_text: str | None = None
    assessment: str | None = None
    assessment_criteria: str | None = None
    outcome_assessment: dict[int, str] | None = Field(
        None, description="Outcome number (1-based) -> assessment task, when the draft maps them."
    )
    participation: str | None = None
    quality_assurance: str | None = None
    prerequisites: str | None = None
    supervision: str | None = None
    grade: str | None = None
    stackability: str | None = None
    further_information: str | None = None
    target_group: str | None = None
    skill_needs: str | None = None
    esco_refs: list[str] = Field(default_factory=list)
    language: Lang | None = None
    unparsed: dict[str, str] = Field(default_factory=dict)


class Finding(BaseModel):
    """One problem in a draft, with where, why, what to do and the passage behind it."""

    id: str = Field(description="Check ID, e.g. C07; model judgements use the prefix L.")
    severity: Severity
    where: str = Field(description="The field, or 'outcome N'.")
    message: str
    suggestion: str = ""
    citation: Citation | None = None
    model_judgement: bool = False
    fix: dict[str, str] | None = Field(
        None, description="A replacement the draft text can take: {'old': ..., 'new': ...}."
    )
    outcome: int | None = Field(
        None, description="The outcome's number (1-based) when the finding is about one outcome."
    )

    @model_validator(mode="after")
    def _outcome_from_where(self) -> Finding:
        # Every producer names an outcome as 'outcome N'; the number is kept as a field so
        # callers (the Draft tab, regeneration) never read it back out of the text.
        kind, _, number = self.where.partition(" ")
        if self.outcome is None and kind == "outcome" and number.isdigit():
            self.outcome = int(number)
        return self


class ParseNote(BaseModel):
    """What the reader could not read, as a message key and its values, so that a report can
    say it in the planner's language (the texts: rules/data/messages.yaml, `notes`)."""

    key: str = Field(description="The note's message key, e.g. 'unread_prose'.")
    params: dict[str, str | int] = Field(default_factory=dict, description="Values for the message.")


class CheckReport(BaseModel):
    """The checker's verdict on one draft."""

    findings: list[Finding] = Field(default_factory=list)
    parse_notes: list[str] = Field(
        default_factory=list, description="What could not be parsed (never guessed), in `lang`."
    )
    lang: str = Field("en", description="The language of messages, suggestions and notes (en or fi).")

    @property
    def ready(self) -> bool:
        return not any(f.severity == "E" for f in self.findings)

    @property
    def counts(self) -> dict[str, int]:
        counts = {"E": 0, "W": 0, "I": 0}
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts


class DraftResult(BaseModel):
    """Drafted outcomes for a brief, with the findings that remain after repair."""

    brief: CredentialBrief
    outcomes: list[LearningOutcome] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    strategy: str = ""
    prompt_id: str | None = None
    prompt_version: str | None = None
    repair_rounds: int = 0
    errors: list[str] = Field(default_factory=list)
    # Issue 13: the skills read from the brief, and those no good outcome could be made of.
    skills: list[str] = Field(default_factory=list, description="The skill needs read from the brief.")
    skipped: list[str] = Field(default_factory=list, description="Skills not made into an outcome, and why.")
    esco: list[EscoSuggestion] = Field(default_factory=list, description="ESCO skills suggested for the draft.")


class AnswerSentence(BaseModel):
    """One sentence of an answer, the passages it cites ([n], 1-based) and whether they support it."""

    text: str
    cites: list[int] = Field(default_factory=list)
    supported: bool = True
    reason: str = Field("", description="Why the sources do not support it.")


class Answer(BaseModel):
    """A chat answer with numbered citations; `covered` is False when the library is silent."""

    text: str
    citations: list[Citation] = Field(default_factory=list)
    covered: bool = True
    prompt_id: str | None = None
    prompt_version: str | None = None
    mode: Literal["extractive", "generative"] | None = Field(
        None, description="How the answer was made: quoted from the passages, or generated and verified."
    )
    lead: str = Field("", description="The uncited lead-in line of an extractive answer.")
    sentences: list[AnswerSentence] = Field(default_factory=list)
    unsupported: int = Field(0, description="Generated sentences the cited passages do not support.")
    dropped: int = Field(0, description="Unsupported sentences left out (OPPI_CHAT_UNSUPPORTED=drop).")
