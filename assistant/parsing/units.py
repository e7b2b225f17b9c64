"""Reading workload (ECTS, hours) and level (EQF, NQF, "taso") from the words a draft uses."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.schemas import ParseNote

_NUMBER = r"(\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![.,]?\d)|\d{1,4}(?:[.,]\d{1,2})?)"  # "1 620", "2,5"
# checks.md C02: ECTS, credits, cr, op, opintopiste(ttä), EC, hp, sp all count as ECTS credits.
_CREDIT_UNITS = (
    r"(?:ects(?:[\s-]*(?:credits?|op|points?|pistettä|poäng))?|ec|op|opintopiste\w*|"
    r"(?:study\s+)?credits?|cr|credit\s+points?|hp|högskolepoäng|sp|studiepoäng)"
)
_HOUR_UNITS = r"(?:h|hrs?|hours?|tuntia|tunnin|tunnit|tuntina|tunti|t|timmar|tim)"
# Units that are workload but not credits: C02 asks to convert them.
_OTHER_UNITS = re.compile(
    r"\d\s*(?:days?|weeks?|päivää|päivän|viikkoa|viikon|ov|opintoviikkoa?|dagar|veckor)\b",
    re.IGNORECASE,
)
_CREDITS_AFTER = re.compile(rf"{_NUMBER}\s*{_CREDIT_UNITS}(?![\w-])", re.IGNORECASE)
_CREDITS_BEFORE = re.compile(
    rf"\b(?:ects|op)[ \t]*:?[ \t]*{_NUMBER}\b(?!\s*{_HOUR_UNITS}\b)", re.IGNORECASE
)
# "28 hours per EC" is a rate, not the workload.
_HOURS = re.compile(
    rf"{_NUMBER}\s*{_HOUR_UNITS}\b(?!\s*(?:per|/|a|each|kohden|opintopistettä\s+kohden)\b)",
    re.IGNORECASE,
)
_RANGE = re.compile(rf"{_NUMBER}\s*(?:-|–|—|to|\.\.)\s*{_NUMBER}\s*{_CREDIT_UNITS}?")
_ASIDE = re.compile(r"\([^()]{0,300}\)|\[[^\[\]]{0,300}\]")
# Hours in running text count as workload only as hours spelled out ("80 hours", "80 tuntia").
_HOURS_OF_WORK = re.compile(rf"{_NUMBER}\s*(?:hours?|tuntia|tunnin|timmar)\b", re.IGNORECASE)
# "5 (135 hours)" under a credits label: the number before the bracket is the label's unit.
_LEADING_NUMBER = re.compile(rf"^\s*{_NUMBER}\s*(?=[(,/])")
_BARE_NUMBER = re.compile(rf"^\s*{_NUMBER}\s*$")
_HOUR_LABEL = re.compile(r"hour|tunti|tunnit|tunte|tuntimäärä|timmar|\(h\)|\(hrs?\)|\(tuntia\)", re.IGNORECASE)
_CREDIT_LABEL = re.compile(r"credit|ects|opintopiste|\bop\b|poäng", re.IGNORECASE)

# A framework name ("EQF", "NQF", national ones such as NLQF, DQR, SCQF) or its written-out name.
_FRAMEWORK_TOKEN = r"(?:fi|nl|est|se|lv|lt)?(?:eqf|nqf)|nfq|scqf|dqr|qf-ehea"
_FRAMEWORKS = (
    (re.compile(r"(?<![a-z])finqf(?![a-z])", re.IGNORECASE), "FiNQF"),
    (
        re.compile(
            r"(?<![a-z])eqf(?![a-z])|eurooppalai\w* tutkintojen viitekehy\w*|"
            r"european qualifications? framework|europeiska referensramen",
            re.IGNORECASE,
        ),
        "EQF",
    ),
    (
        re.compile(
            r"(?<![a-z])nqf(?![a-z])|kansallinen viitekehys|kansallisen viitekehyksen|\bkvk\b|"
            r"national qualifications? framework|kansallinen tutkintojen",
            re.IGNORECASE,
        ),
        "NQF",
    ),
    (re.compile(r"(?<![a-z])(?:nlqf|estqf|dqr|seqf|lvqf|ltqf)(?![a-z])", re.IGNORECASE), "NQF"),
    (re.compile(r"(?<![a-z])nfq(?![a-z])", re.IGNORECASE), "NFQ"),
    (re.compile(r"(?<![a-z])scqf(?![a-z])", re.IGNORECASE), "SCQF"),
)
_NOT_APPLICABLE = re.compile(
    r"^\s*(?:not applicable|n/?a|none|no level|ei sovellu|ei sovelleta|ei tasoa|ei määritelty|"
    r"ej tillämplig)\s*\.?\s*$",
    re.IGNORECASE,
)
_LEVEL_NUMBER = re.compile(
    rf"\b(?:{_FRAMEWORK_TOKEN})[\s-]*(?:taso\w{{0,3}}|level|nivå)?\s*:?\s*(\d{{1,2}})\b"
    r"|(?:taso\w{0,3}|(?<![a-z])level|nivå)\s*:?\s*(\d{1,2})\b"
    rf"|\b(\d{{1,2}})\s*\(?\s*(?:{_FRAMEWORK_TOKEN})\b|^\s*(\d{{1,2}})\s*\.?\s*$",
    re.IGNORECASE,
)

# 'EQF level 6' first; '6 (EQF)' only where no EQF is followed by its number, for in
# 'NFQ level 7 (EQF 6)' the 7 stands before 'EQF' too.
_EQF_THEN_NUMBER = re.compile(r"(?<![a-z])eqf[\s-]*(?:taso\w{0,3}|level|nivå)?\s*:?\s*(\d{1,2})\b", re.IGNORECASE)
_NUMBER_THEN_EQF = re.compile(r"\b(\d{1,2})\s*\(?\s*eqf(?![a-z])", re.IGNORECASE)


def credit_mention(text: str) -> bool:
    """Whether a sentence states credits ('worth 3 ECTS credits', '5 op')."""
    return bool(_CREDITS_AFTER.search(text))


def workload_mention(text: str) -> bool:
    """Whether a sentence states credits or hours of work ('takes about 80 hours of work')."""
    return credit_mention(text) or bool(_HOURS_OF_WORK.search(text))


def level_mention(text: str) -> bool:
    """Whether a sentence states a level with its framework ('placed at EQF level 6')."""
    if not any(pattern.search(text) for pattern, _ in _FRAMEWORKS):
        return False
    return any(g for m in _LEVEL_NUMBER.finditer(text) for g in m.groups())


@dataclass(frozen=True)
class Workload:
    """ECTS and hours read from a workload text; `problem` says what could not be read."""

    ects: float | None = None
    hours: float | None = None
    problem: ParseNote | None = None


@dataclass(frozen=True)
class Level:
    """A level read from a level text; `problem` says what could not be read."""

    level: int | None = None
    framework: str | None = None
    problem: ParseNote | None = None


def _note(key: str, **params: str | int) -> ParseNote:
    return ParseNote(key=key, params=params)


def _number(text: str) -> float:
    return float(re.sub(r"[ \u00a0\u202f]", "", text).replace(",", "."))


_MAX_VALUE = 400  # a workload or level longer than this is prose, not a value


def parse_workload(text: str, label: str = "") -> Workload:
    """Read ECTS credits and hours from e.g. '5 op', '5 ECTS (135 h)', '135 hours'."""
    if len(text) > _MAX_VALUE:
        return Workload(problem=_note("workload_too_long", length=len(text)))
    credit_range = _RANGE.search(text)
    if credit_range and credit_range.group(0)[-1].isalpha() and not _HOURS.search(text):
        return Workload(problem=_note("workload_range", value=text.strip()))
    credits = [_number(m.group(1)) for m in _CREDITS_AFTER.finditer(text)]
    credits += [_number(m.group(1)) for m in _CREDITS_BEFORE.finditer(text)]
    hours = [_number(m.group(1)) for m in _HOURS.finditer(text)]
    lead = _LEADING_NUMBER.match(text)
    if lead:
        # The figure before the bracket takes the unit its label names ("Hours: 135 (5 op)").
        if _HOUR_LABEL.search(label) and not hours:
            hours = [_number(lead.group(1))]
        elif _CREDIT_LABEL.search(label) and not credits:
            credits = [_number(lead.group(1))]
    bare = _BARE_NUMBER.match(text)
    if bare and not credits and not hours:
        # A number without a unit is read only when the label itself names the unit.
        if _HOUR_LABEL.search(label):
            hours = [_number(bare.group(1))]
        elif _CREDIT_LABEL.search(label):
            credits = [_number(bare.group(1))]
        else:
            return Workload(problem=_note("workload_no_unit", value=text.strip()))
    if len(set(credits)) > 1 or len(set(hours)) > 1:
        # A breakdown in brackets ("135 h (lectures 20 h, exercises 30 h)") is not the total.
        outside = _ASIDE.sub(" ", text)
        if outside != text and (_CREDITS_AFTER.search(outside) or _HOURS.search(outside)):
            return parse_workload(outside, label)
        return Workload(problem=_note("workload_several", value=text.strip()))
    if not credits and not hours:
        if _OTHER_UNITS.search(text):
            return Workload(problem=_note("workload_other_unit", value=text.strip()))
        return Workload(problem=_note("workload_none", value=text.strip()))
    return Workload(ects=credits[0] if credits else None, hours=hours[0] if hours else None)


def parse_level(text: str, label: str = "") -> Level:
    """Read a level and its framework from e.g. 'EQF 6', 'EQF6', 'taso 6', 'NQF 7', 'n/a'."""
    if len(text) > _MAX_VALUE:
        return Level(problem=_note("level_too_long", length=len(text)))
    if _NOT_APPLICABLE.match(re.sub(r"\([^()]{0,120}\)", " ", text)):
        return Level(framework="not applicable")
    both = f"{label} {text}"
    framework = next((name for pattern, name in _FRAMEWORKS if pattern.search(both)), None)
    numbers = {int(g) for m in _LEVEL_NUMBER.finditer(text) for g in m.groups() if g}
    if not numbers:
        return Level(framework=framework, problem=_note("level_no_number", value=text.strip()))
    if len(numbers) > 1:
        # 'NFQ Level 7 (Ireland), EQF level 6': a national level beside its EQF one; the EQF
        # level is the one the checks read.
        eqf = {int(m.group(1)) for m in _EQF_THEN_NUMBER.finditer(text)} or {
            int(m.group(1)) for m in _NUMBER_THEN_EQF.finditer(text)}
        if len(eqf) == 1:
            return Level(level=eqf.pop(), framework="EQF")
        return Level(framework=framework, problem=_note("level_several", value=text.strip()))
    return Level(level=numbers.pop(), framework=framework)
