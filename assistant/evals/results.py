"""What one case run yields: scores (None = undetermined), a short output and any error."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class CaseResult:
    case: str
    type: str
    variant: str
    repeat: int
    metrics: dict[str, float | None] = field(default_factory=dict)
    output: dict = field(default_factory=dict)
    error: str | None = None
    latency_s: float = 0.0

    def as_dict(self) -> dict:
        return asdict(self)
