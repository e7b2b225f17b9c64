"""Turning a draft (text, JSON or a file) into a MicroCredential, noting what could not be read.

Labels come first (any shape, any spelling: see labels.py and sections.py); elements no label
gives are then looked for in the prose (prose.py). Every value keeps its source span, and text
the reader could not place is reported as a parse note instead of being guessed at.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from assistant.config import Settings
from assistant.errors import OppiError, describe_validation_error
from assistant.parsing.comments import blank_comments
from assistant.parsing.csv_rows import csv_as_rows
from assistant.parsing.html_text import html_as_text, is_html
from assistant.parsing.json_form import json_sections
from assistant.parsing.labels import IGNORED, normalise
from assistant.parsing.linebreaks import join_hyphenated
from assistant.parsing.mapping import ALL, covered
from assistant.parsing.outcomes import pop_assessment, split_outcomes, trailing_paragraphs
from assistant.parsing.prose import (
    cues_match,
    find_country,
    find_organisation,
    read_prose,
    sentences,
)
from assistant.parsing.quoting import unquote
from assistant.parsing.sections import (
    BULLET,
    Section,
    Sections,
    field_label_at,
    is_greeting,
    split_sections,
)
from assistant.parsing.units import credit_mention, parse_level, parse_workload, workload_mention
from assistant.parsing.yaml_form import yaml_form
from assistant.schemas import LearningOutcome, MicroCredential, ParseNote

FormatHint = Literal["auto", "md", "txt", "table", "json"]

_TEXT_FIELDS = (
    "title",
    "description",
    "awarding_body",
    "country",
    "assessment",
    "assessment_criteria",
    "participation",
    "quality_assurance",
    "prerequisites",
    "supervision",
    "grade",
    "stackability",
    "further_information",
    "target_group",
    "skill_needs",
)
# The Annex I elements (and C19's parts) the prose reader looks for when no label gives them.
_SOUGHT = (
    "title",
    "awarding_body",
    "country",
    "outcomes",
    "workload",
    "level",
    "assessment",
    "participation",
    "quality_assurance",
    "target_group",
    "skill_needs",
)
_MAPPING_LINE = re.compile(
    r"^\s*(?:[-*•]\s*)?(?:outcome|lo|ilo|ot|tavoite|osaamistavoite)?\s*#?(\d{1,2})\s*[.):–—-]?"
    r"\s*[:–—-]?\s*(.+)$",
    re.IGNORECASE,
)
_TITLE_CREDITS = re.compile(r"\s*(?:\(([^()]{1,30})\)|[,–—-]\s*([^,()]{1,30}))\s*$")
_BULLET = re.compile(rf"^\s*{BULLET}\s+")
# A first line that names the document, not the credential ('Course Description Form', 'Draft 2').
_DOCUMENT_WORDS = re.compile(r"\b(?:form|draft|notes|minutes|version|template|lomake|luonnos|muistio|versio|pohja)\b",
                             re.IGNORECASE)
_ESCO_SPLIT = re.compile(r"[\s,;|<>]+")
_URL = re.compile(r"https?://\S+")
_COURSE_CODE = re.compile(r"^\s*[A-ZÄÖÅ]{2,}[-\s]?[A-Z]{0,3}\d{2,5}[A-Z]?\b\s+(\S.*)$")
_LANGUAGES = {
    "en": ("english", "englanti", "en", "eng"),
    "fi": ("finnish", "suomi", "fi", "fin", "suomen kieli"),
    "sv": ("swedish", "ruotsi", "svenska", "sv"),
}
_MAX_FIELD = 20_000  # characters; no Annex I element is longer (a paste gone wrong is)
_MAX_OUTCOMES = 200  # more is not a micro-credential; the rest is reported, not read
# Lines of text read at most (a long draft has a few hundred): the rest is reported, not read,
# so that a 100,000-row export is checked in about a second, not five.
_MAX_LINES = 10_000


@dataclass(frozen=True)
class Span:
    """Where a value came from: 0-based first and last line, and how it was found."""

    start: int
    end: int
    how: str


@dataclass
class ParsedDraft:
    """A parsed draft, the notes on what could not be read, and where each value came from."""

    credential: MicroCredential
    notes: list[ParseNote] = field(default_factory=list)
    spans: dict[str, Span] = field(default_factory=dict)


def _note(key: str, **params: str | int) -> ParseNote:
    """A parse note by message key (its texts, EN and FI: rules/data/messages.yaml `notes`)."""
    return ParseNote(key=key, params=params)


def parse_text(text: str, fmt_hint: FormatHint = "auto") -> ParsedDraft:
    """Parse draft text; JSON when hinted or when the text is a JSON object."""
    if fmt_hint == "json" or (fmt_hint == "auto" and text.lstrip().startswith("{")):
        return parse_json(text)
    form = yaml_form(text) if fmt_hint in {"auto", "txt"} else None
    if form is not None:
        parsed = _read(json_sections(form, _MAX_OUTCOMES), "")
        parsed.notes.insert(0, _note("yaml_form"))
        _note_undecodable(parsed, text)
        return parsed
    page = is_html(text)
    if page:
        text = html_as_text(text)
    text, lines = _first_lines(text, _MAX_LINES)
    uncommented, comments = blank_comments(join_hyphenated(csv_as_rows(text)))
    read, dropped = unquote(uncommented, field_label_at)
    parsed = _read(split_sections(read), read)
    if page:
        parsed.notes.insert(0, _note("html_page"))
        parsed.spans.clear()  # lines of the plain text, not of the page: no span rather than a wrong one
    if lines > _MAX_LINES:
        parsed.notes.append(_note("too_many_lines", limit=_MAX_LINES, count=lines))
    if comments:
        parsed.notes.append(_note("reviewer_comments", count=comments))
    if dropped:
        parsed.notes.append(_note("mail_quoted", count=dropped))
    _note_undecodable(parsed, text)
    return parsed


def _first_lines(text: str, most: int) -> tuple[str, int]:
    """The text cut after its first `most` lines, and how many lines it had; lines as the
    readers split them (str.splitlines: '\r' and U+2028 end a line too)."""
    lines = text.splitlines(keepends=True)
    return ("".join(lines[:most]) if len(lines) > most else text), len(lines)


def parse_json(text: str) -> ParsedDraft:
    """Parse a JSON draft: Oppi's MicroCredential schema, or any form with known keys."""
    from assistant.ingest.loaders import load_json

    data = load_json(text, "The draft")
    if not isinstance(data, dict):
        raise OppiError("The JSON draft must be one object with MicroCredential fields.")
    if set(data) <= set(MicroCredential.model_fields):
        return _parse_schema(data)
    parsed = _read(json_sections(data, _MAX_OUTCOMES), "")
    parsed.notes.insert(0, _note("json_form"))
    return parsed


def _parse_schema(data: dict[str, Any]) -> ParsedDraft:
    outcomes = data.get("outcomes")
    if isinstance(outcomes, list):
        data["outcomes"] = [{"text": o} if isinstance(o, str) else o for o in outcomes]
    try:
        credential = MicroCredential.model_validate(data)
    except ValidationError as error:
        raise OppiError(
            "The JSON draft does not fit the MicroCredential schema:\n" + describe_validation_error(error, "\n")
        ) from None
    notes: list[ParseNote] = []
    if credential.ects is None and credential.hours is None and credential.workload_text:
        _apply_workload(credential, [("workload", credential.workload_text)], notes)
    if credential.level is None and credential.level_framework is None and credential.level_text:
        _apply_level(credential, "level", credential.level_text, notes)
    for outcome in credential.outcomes:
        outcome.text, inline = pop_assessment(outcome.text)
        outcome.assessment = outcome.assessment or inline
    _collect_outcome_mapping(credential)
    return ParsedDraft(credential, notes)


def _read(sections: Sections, text: str) -> ParsedDraft:
    """Labelled sections first, then the prose for whatever they did not give."""
    parsed = ParsedDraft(MicroCredential())
    cred, notes = parsed.credential, parsed.notes
    workloads: list[tuple[str, str]] = []
    blocks: list[tuple[int, str]] = []
    unknown: dict[int, Section] = {}
    labelled = [s for s in sections.items if s.fields and s.fields != (IGNORED,)]
    for section in sections.items:
        if section.fields == (IGNORED,):
            continue
        if not section.fields:
            blocks.append((section.start, f"{section.label}: {section.text}".strip(" :")))
            unknown[section.start] = section
            continue
        if "outcomes" in section.fields:
            # Prose after the listed outcomes ("Outcomes 1 and 2 are assessed …") is the draft's.
            blocks += [(section.line_of(index), text) for index, text in trailing_paragraphs(section.lines)]
        if section.fields == ("title",):
            section, more = _title_bullets(section)
            blocks += more
            issuer = next(((n, o) for n, line in more if (o := find_organisation(line))), None)
            if issuer and not any("awarding_body" in other.fields for other in labelled):
                # '• Micro-credential, X University of Applied Sciences, Vaasa' under the title.
                cred.awarding_body = issuer[1]
                parsed.spans["awarding_body"] = Span(issuer[0], issuer[0], "line under the title")
        for name in section.fields:
            if name == "outcomes" and len(section.fields) > 1 and cred.outcomes:
                continue  # 'Assessment and outcomes' after the outcomes list: its text maps them
            _apply_section(cred, name, section, workloads, notes)
            parsed.spans.setdefault(name, Span(section.start, section.end, f"label '{section.label}'"))
    if workloads:
        _apply_workload(cred, workloads, notes)
    _need_in_audience(parsed)
    preamble = _paragraphs(sections.preamble)
    # A title-like line standing alone near the top (followed by a blank line, as a heading
    # would be) is the title; a line run straight into the first label is not guessed at.
    lines = text.splitlines()
    heads = [
        p for p in preamble[:3]
        if _looks_like_title(p[1]) and (p[0] + 1 >= len(lines) or not lines[p[0] + 1].strip())
    ]  # fmt: skip
    if not heads and not cred.title and sections.preamble and not sections.mail:
        # Text from a PDF has no blank lines: its first line, short and no sentence, is the
        # heading even with the subtitle run straight into it.
        number, first = sections.preamble[0]
        # Not a line run straight into the first label ('Sustainable Packaging\nAwarding body:
        # ...'): that one is not guessed at.
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if number == next(i for i, line in enumerate(lines) if line.strip()) and _looks_like_title(first) and (
                2 <= len(first.split()) <= 12 and first[:1].isupper() and not is_greeting(first)
                and not field_label_at(following) and not find_organisation(first) and not _DOCUMENT_WORDS.search(first)):
            heads = [(number, first)]
            preamble = [(number, first), *_paragraphs(sections.preamble[1:])]
    coded = [(n, line) for n, line in sections.preamble[:6] if _COURSE_CODE.match(line)]
    if not cred.title and not heads and coded:
        # A study guide's course-code line ("ENER-MC301 Energy Audits ..., 3 ECTS") is its title.
        number, line = coded[0]
        cred.title = _COURSE_CODE.match(line).group(1)
        parsed.spans["title"] = Span(number, number, "course-code line")
        preamble = _paragraphs([(n, t) for n, t in sections.preamble if n != number])
    if not cred.title and heads:
        if sections.mail and not labelled:
            # In an e-mail written as prose, the draft starts at its title; before it is mail.
            mail = preamble[: preamble.index(heads[0])]
            preamble = preamble[len(mail) :]
            if mail:
                notes.append(_note("mail_before_title"))
        preamble.remove(heads[0])
        line, title = heads[0]
        code = _COURSE_CODE.match(title)
        cred.title = code.group(1) if code else title
        parsed.spans["title"] = Span(line, line, "first line")
    _credits_from_title(parsed, workloads)
    if sections.mail and labelled:
        if preamble:
            notes.append(_note("mail_around"))
    else:
        blocks = preamble + blocks
    # A prose draft under its title heading ('# Incident Response ...') is still prose: what no
    # element takes describes it. A 'Title:' label or any other label makes it a form.
    only_heading = all(s.heading_title for s in labelled) and not unknown
    _read_prose(parsed, blocks, unknown, describe=only_heading and not cred.description)
    if not _has(cred, "workload"):
        _workload_from_description(parsed)
    if not cred.country:
        _country_from_text(parsed, sections, text)
    if sections.trailer:
        notes.append(_note("trailer", text=sections.trailer[0][:40]))
    if len(cred.outcomes) > _MAX_OUTCOMES:
        notes.append(_note("too_many_outcomes", limit=_MAX_OUTCOMES, count=len(cred.outcomes)))
        cred.outcomes = cred.outcomes[:_MAX_OUTCOMES]
    _collect_outcome_mapping(cred)
    if not cred.assessment and any(o.assessment for o in cred.outcomes):
        # An outcomes table with an "Assessed by" column states the assessment.
        cred.assessment = "; ".join(dict.fromkeys(o.assessment for o in cred.outcomes if o.assessment))
    return parsed


def _title_bullets(section: Section) -> tuple[Section, list[tuple[int, str]]]:
    """A title given as bullets ('Slide 1: Title' / '• OT Cybersecurity ...' / '• Micro-credential,
    X University, Finland'): the first is the title, the others are prose for the reader."""
    lines = [(index, line) for index, line in enumerate(section.lines) if line.strip()]
    if len(lines) < 2 or not all(_BULLET.match(line) for _, line in lines):
        return section, []
    first = _BULLET.sub("", lines[0][1]).strip()
    rest = [(section.line_of(index), _BULLET.sub("", line).strip()) for index, line in lines[1:]]
    line = section.line_of(lines[0][0])
    return Section(section.label, section.fields, [first], line, line, True, inline=True), rest


def _workload_from_description(parsed: ParsedDraft) -> None:
    """A labelled description that states the size ('The credential takes about 80 hours of
    work') gives the workload when no field and no other prose does."""
    span = parsed.spans.get("description")
    for sentence in sentences(parsed.credential.description or "", span.start if span else 0):
        if workload_mention(sentence.text):
            _apply_workload(parsed.credential, [("workload", sentence.text)], parsed.notes)
            parsed.spans["workload"] = Span(sentence.line, sentence.line, "description")
            return


def _credits_from_title(parsed: ParsedDraft, workloads: list[tuple[str, str]]) -> None:
    """A catalogue title line that carries the size ('KEMA-2045 Water Safety (3 op)',
    'ENG-E4120 Hydrogen Safety, 5 cr') gives the workload when no field does."""
    cred = parsed.credential
    match = _TITLE_CREDITS.search(cred.title or "")
    size = match and (match.group(1) or match.group(2))
    if not size or not credit_mention(size) or not cred.title[: match.start()].strip():
        return
    cred.title = cred.title[: match.start()].strip()
    if not workloads and cred.ects is None and cred.hours is None:
        _apply_workload(cred, [("workload", size)], parsed.notes)
        parsed.spans.setdefault("workload", parsed.spans["title"])


def _need_in_audience(parsed: ParsedDraft) -> None:
    """'For: event coordinators at venues. Venues report that clients now ask for …': a target
    group field whose later sentences, or an aside in brackets, state the need gives the skill
    need too."""
    cred = parsed.credential
    if cred.skill_needs or not cred.target_group or "target_group" not in parsed.spans:
        return
    later = [s.text for s in sentences(cred.target_group, 0)[1:]]
    asides = re.findall(r"\(([^()]{12,400})\)", cred.target_group)  # '… (HR asked for it after …)'
    need = [text for text in later + asides if cues_match("skill_needs", text)]
    if need:
        cred.skill_needs = " ".join(need)
        span = parsed.spans["target_group"]
        parsed.spans["skill_needs"] = Span(span.start, span.end, f"{span.how}, a later sentence")


def _paragraphs(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Consecutive preamble lines joined into paragraphs (first line number, text).

    Lines are gathered per paragraph and joined once: re-joining and re-counting the growing
    paragraph for every line was quadratic on a long paste."""
    groups: list[tuple[int, list[str]]] = []
    last = None
    for number, line in lines:
        if groups and number == last + 1:
            groups[-1][1].append(line)
        else:
            groups.append((number, [line]))
        last = number
    return [(first, "\n".join(group)) for first, group in groups]


def _looks_like_title(text: str) -> bool:
    """A short first line that is not a sentence: the draft's title."""
    if "\n" in text or len(text) > 140 or ">" in text:
        return False
    return bool(_COURSE_CODE.match(text)) or not text.rstrip().endswith((".", ":", ",", "!", "?"))


def _read_prose(
    parsed: ParsedDraft, blocks: list[tuple[int, str]], unknown: dict[int, Section], describe: bool
) -> None:
    """Fill the elements no label gave from the unlabelled text; note what stays unread."""
    cred = parsed.credential
    missing = {name for name in _SOUGHT if not _has(cred, name)}
    if not blocks:
        return
    reading = read_prose(blocks, missing, _is_outcome_verb, describe)
    for text, line in reading.outcomes:
        body, task = pop_assessment(text)
        cred.outcomes.append(LearningOutcome(text=body, assessment=task))
        parsed.spans.setdefault("outcomes", Span(line, line, "prose"))
    for name, (value, first, last) in reading.values.items():
        parsed.spans.setdefault(name, Span(first, last, "prose"))
        if name == "workload":
            _apply_workload(cred, [("workload", value)], parsed.notes)
        elif name == "level":
            _apply_level(cred, "level", value, parsed.notes)
        elif not getattr(cred, name):
            setattr(cred, name, value)
    unread = list(reading.unread)
    # Each unread sentence to the unknown section it lies in, in one pass (a paste can hold
    # tens of thousands of both: comparing every pair took minutes).
    starts = sorted(unknown)
    by_section: dict[int, list] = {}
    for sentence in unread:
        index = bisect_right(starts, sentence.line) - 1
        if index >= 0 and sentence.line <= max(unknown[starts[index]].end, starts[index]):
            by_section.setdefault(starts[index], []).append(sentence)
    taken: set[int] = set()
    for start, section in unknown.items():
        mine = by_section.get(start, [])
        if mine and len(mine) == len(_sentence_lines(section)):
            # One note per label, its texts kept together: a paste repeating a label 70,000
            # times made as many identical notes, and each repeat overwrote the text before.
            unparsed = parsed.credential.unparsed
            if section.label not in unparsed:
                parsed.notes.append(_note("unknown_label", label=section.label))
                unparsed[section.label] = section.text
            else:
                unparsed[section.label] += "\n" + section.text
            taken.update(id(s) for s in mine)
    unread = [s for s in unread if id(s) not in taken]
    if unread:
        first, last = unread[0].line + 1, unread[-1].line + 1
        where = f"line {first}" if first == last else f"lines {first}-{last}"
        preview = " ".join(unread[0].text.split())[:80]
        parsed.notes.append(_note(
            "unread_prose", count=len(unread), where="line" if first == last else "lines",
            first=first, last=last, preview=preview,
        ))
        cred.unparsed[where] = " ".join(s.text for s in unread)


def _sentence_lines(section: Section) -> list:
    return sentences(f"{section.label}: {section.text}".strip(" :"), section.start)


def _is_outcome_verb(word: str) -> bool:
    from assistant.rules.lexicon import load_lexicon
    from assistant.rules.reading import is_outcome_verb  # the checker's own verb reading

    return is_outcome_verb(word, load_lexicon())


def _has(cred: MicroCredential, name: str) -> bool:
    if name == "outcomes":
        return bool(cred.outcomes)
    if name == "workload":
        return bool(cred.workload_text) or cred.ects is not None or cred.hours is not None
    if name == "level":
        return bool(cred.level_text) or cred.level is not None
    return bool(getattr(cred, name))


def _country_from_text(parsed: ParsedDraft, sections: Sections, text: str) -> None:
    """checks.md: the country may be stated anywhere ('University of Turku, Finland')."""
    cred = parsed.credential
    found = find_country(cred.awarding_body or "")
    if found is None:
        body = "\n".join(line for section in sections.items for line in [section.label, section.text])
        if not sections.mail:
            body += "\n" + "\n".join(line for _, line in sections.preamble)
        found = find_country(body)
    if found:
        cred.country = found
        parsed.spans.setdefault("country", Span(0, 0, "named in the text"))


def _apply_section(
    cred: MicroCredential, name: str, section: Section, workloads: list[tuple[str, str]], notes: list[ParseNote]
) -> None:
    """Store one section's text in the field `name`."""
    value = section.text
    if len(value) > _MAX_FIELD:
        notes.append(_note("field_too_long", label=section.label[:40], length=len(value)))
        cred.unparsed[section.label[:40]] = value[:200]
        return
    if name == "outcomes":
        for item in split_outcomes(section.lines):
            text, task = pop_assessment(item)
            if text:
                cred.outcomes.append(LearningOutcome(text=text, assessment=task))
    elif name == "workload":
        if value:
            workloads.append((f"{section.label} {normalise(section.label)}", value))
    elif name == "level":
        if value:
            _apply_level(cred, section.label, value, notes)
    elif name == "outcome_assessment":
        _apply_mapping(cred, section, notes)
    elif name == "esco_refs":
        for line in section.lines:
            # Each line names one or more references: its links, or else its last word
            # ("- operate heating systems: esco:skill/x" -> "esco:skill/x").
            body = line.strip().lstrip("-*• ").strip()
            if not body:
                continue
            refs = _URL.findall(body) or [
                t for t in _ESCO_SPLIT.split(body.rsplit(": ", 1)[-1]) if t and t not in "-*•"
            ]
            cred.esco_refs += [r.rstrip(".,;)") for r in refs]
    elif name == "language":
        cred.language = _language(value)
    elif name in _TEXT_FIELDS and value:
        previous = getattr(cred, name)
        setattr(cred, name, f"{previous}\n{value}" if previous else value)


def _apply_workload(cred: MicroCredential, parts: list[tuple[str, str]], notes: list[ParseNote]) -> None:
    """Merge the workload parts ('Credits: 5', 'Hours: 135') into ects and hours."""
    text = "; ".join(value for _, value in parts)
    cred.workload_text = f"{cred.workload_text}; {text}" if cred.workload_text else text
    for label, value in parts:
        workload = parse_workload(value, label)
        if workload.problem:
            notes.append(workload.problem)
            cred.unparsed[label] = value
            continue
        for name, number in (("ects", workload.ects), ("hours", workload.hours)):
            if number is None:
                continue
            previous = getattr(cred, name)
            if previous is not None and previous != number:
                notes.append(_note("workload_conflict", figure=name))
                setattr(cred, name, None)
                cred.unparsed[label] = value
            else:
                setattr(cred, name, number)


def _apply_level(cred: MicroCredential, label: str, value: str, notes: list[ParseNote]) -> None:
    """Read the level number and framework; keep the raw text either way."""
    cred.level_text = value
    level = parse_level(value, label)
    cred.level, cred.level_framework = level.level, level.framework
    if level.problem:
        notes.append(level.problem)


def _apply_mapping(cred: MicroCredential, section: Section, notes: list[ParseNote]) -> None:
    """Read 'Outcome N: task' lines into outcome_assessment."""
    mapping = dict(cred.outcome_assessment or {})
    for line in section.lines:
        if not line.strip():
            continue
        match = _MAPPING_LINE.match(line.strip())
        if match:
            mapping[int(match.group(1))] = match.group(2).strip()
        else:
            notes.append(_note("mapping_line", line=line.strip()[:60]))
    cred.outcome_assessment = mapping or None


def _collect_outcome_mapping(cred: MicroCredential) -> None:
    """Fold inline outcome assessments and mappings in words into outcome_assessment."""
    mapping = dict(cred.outcome_assessment or {})
    for number, outcome in enumerate(cred.outcomes, 1):
        if outcome.assessment:
            mapping.setdefault(number, outcome.assessment)
    for text in (cred.assessment, cred.assessment_criteria):
        numbers = covered(text or "")
        if numbers is None:
            continue
        # A number past the last outcome is no outcome ('a report (60)', a weight in per cent).
        targets = range(1, len(cred.outcomes) + 1) if numbers == ALL else [
            n for n in sorted(numbers) if not cred.outcomes or n <= len(cred.outcomes)]
        for number in targets:
            mapping.setdefault(number, " ".join((text or "").split())[:200])
    cred.outcome_assessment = mapping or None


def _language(value: str) -> str:
    text = value.strip().lower()
    for code, names in _LANGUAGES.items():
        if text in names or text.split(" ")[0] in names:
            return code
    return "other"


def _note_undecodable(parsed: ParsedDraft, text: str) -> None:
    """Text with characters a PDF font could not map: say so, per page, and never guess them."""
    if "\ufffd" not in text:
        return
    pages = text.split("\f")
    for number, page in enumerate(pages, 1):
        count = page.count("\ufffd")
        if count:
            if len(pages) > 1:
                parsed.notes.append(_note("undecodable_page", page=number, count=count))
            else:
                parsed.notes.append(_note("undecodable", count=count))


def parse_file(path: Path, settings: Settings) -> ParsedDraft:
    """Parse a draft file: .json as a JSON draft; .md, .txt, .pdf, .docx through the loaders."""
    from assistant.ingest.loaders import check_file, decode_text, read_pages  # own the file checks

    path = Path(path)
    if path.suffix.lower() == ".json":
        check_file(path, settings)
        return parse_json(decode_text(path.name, path.read_bytes()))
    pages = read_pages(path, settings)
    return parse_text("\f".join(text for _, text in pages), "txt")
