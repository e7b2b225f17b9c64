"""Reading workload (ECTS, hours) and level (EQF, NQF, "taso") from the words a draft uses."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_CREDIT_UNITS = (
    r"(?:ects(?:[\s-]*(?:credits?|op|points?))?|op|opintopistettä|opintopistettä|opintopisteen|"
    r"opintopiste(?:ttä)?|credits?|cr|study\s+credits?|sp)"
)
_HOUR_UNITS = r"(?:h|hrs?|hours?|tuntia|tunnin|tunti|t)"
_CREDITS_AFTER = re.compile(rf"{_NUMBER}\s*{_CREDIT_UNITS}\b", re.IGNORECASE)
_CREDITS_BEFORE = re.compile(
    rf"\b(?:ects|op)\s*:?\s*{_NUMBER}\b(?!\s*{_HOUR_UNITS}\b)", re.IGNORECASE
)
_HOURS = re.compile(rf"{_NUMBER}\s*{_HOUR_UNITS}\b", re.IGNORECASE)
_RANGE = re.compile(rf"{_NUMBER}\s*(?:-|–|—|to|\.\.)\s*{_NUMBER}")
_BARE_NUMBER = re.compile(rf"^\s*{_NUMBER}\s*$")
_HOUR_LABEL = re.compile(r"hour|tunti|tunnit|tuntimäärä", re.IGNORECASE)
_CREDIT_LABEL = re.compile(r"credit|ects|opintopiste|\bop\b", re.IGNORECASE)

_FRAMEWORKS = (
    (re.compile(r"(?<![a-z])finqf(?![a-z])", re.IGNORECASE), "FiNQF"),
    (re.compile(r"(?<![a-z])eqf(?![a-z])|eurooppalai", re.IGNORECASE), "EQF"),
    (
        re.compile(
            r"(?<![a-z])nqf(?![a-z])|kansallinen viitekehys|kansallisen viitekehyksen|\bkvk\b",
            re.IGNORECASE,
        ),
        "NQF",
    ),
)
_NOT_APPLICABLE = re.compile(
    r"^\s*(?:not applicable|n/?a|none|no level|ei sovellu|ei sovelleta|ei tasoa|ei määritelty)"
    r"\s*\.?\s*$",
    re.IGNORECASE,
)
_LEVEL_NUMBER = re.compile(
    r"(?:\b(?:fi)?(?:eqf|nqf)[\s-]*(?:taso|level)?\s*:?\s*|\b(?:taso|level|tasolla)\s*:?\s*)"
    r"(\d{1,2})\b|\b(\d{1,2})\s*\(?\s*(?:fi)?(?:eqf|nqf)\b|^\s*(\d{1,2})\s*\.?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Workload:
    """ECTS and hours read from a workload text; `problem` says what could not be read."""

    ects: float | None = None
    hours: float | None = None
    problem: str | None = None


@dataclass(frozen=True)
class Level:
    """A level read from a level text; `problem` says what could not be read."""

    level: int | None = None
    framework: str | None = None
    problem: str | None = None


def _number(text: str) -> float:
    return float(text.replace(",", "."))


_MAX_VALUE = 300  # a workload or level longer than this is prose, not a value


def parse_workload(text: str, label: str = "") -> Workload:
    """Read ECTS credits and hours from e.g. '5 op', '5 ECTS (135 h)', '135 hours'."""
    if len(text) > _MAX_VALUE:
        return Workload(problem=f"workload text is too long to read ({len(text)} characters)")
    if _RANGE.search(text) and not (_CREDITS_AFTER.search(text) and _HOURS.search(text)):
        return Workload(problem=f"workload '{text.strip()}' is a range, not one number")
    credits = [_number(m.group(1)) for m in _CREDITS_AFTER.finditer(text)]
    credits += [_number(m.group(1)) for m in _CREDITS_BEFORE.finditer(text)]
    hours = [_number(m.group(1)) for m in _HOURS.finditer(text)]
    bare = _BARE_NUMBER.match(text)
    if bare and not credits and not hours:
        # A number without a unit is read only when the label itself names the unit.
        if _HOUR_LABEL.search(label):
            hours = [_number(bare.group(1))]
        elif _CREDIT_LABEL.search(label):
            credits = [_number(bare.group(1))]
        else:
            return Workload(problem=f"workload '{text.strip()}' has no unit (op, ECTS or hours)")
    if len(set(credits)) > 1 or len(set(hours)) > 1:
        return Workload(problem=f"workload '{text.strip()}' gives more than one figure")
    if not credits and not hours:
        return Workload(problem=f"no credits or hours found in workload '{text.strip()}'")
    return Workload(ects=credits[0] if credits else None, hours=hours[0] if hours else None)


def parse_level(text: str, label: str = "") -> Level:
    """Read a level and its framework from e.g. 'EQF 6', 'EQF6', 'taso 6', 'NQF 7', 'n/a'."""
    if len(text) > _MAX_VALUE:
        return Level(problem=f"level text is too long to read ({len(text)} characters)")
    if _NOT_APPLICABLE.match(text):
        return Level(framework="not applicable")
    both = f"{label} {text}"
    framework = next((name for pattern, name in _FRAMEWORKS if pattern.search(both)), None)
    numbers = {int(g) for m in _LEVEL_NUMBER.finditer(text) for g in m.groups() if g}
    if not numbers:
        return Level(framework=framework, problem=f"no level number found in '{text.strip()}'")
    if len(numbers) > 1:
        return Level(framework=framework, problem=f"level '{text.strip()}' gives several numbers")
    return Level(level=numbers.pop(), framework=framework)
