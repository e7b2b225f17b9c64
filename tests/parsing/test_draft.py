"""Drafts in every text shape parse into the same MicroCredential fields."""

from __future__ import annotations

import json

import pytest

from assistant.errors import OppiError
from assistant.parsing import parse_file, parse_text
from assistant.parsing.labels import field_for
from assistant.parsing.outcomes import pop_assessment, split_outcomes
from assistant.rules.messages import note_text

FIELDS = {
    "title": "Green Logistics",
    "awarding_body": "Example UAS",
    "country": "Finland",
    "participation": "Blended",
}
OUTCOMES = ["Calculate the carbon footprint of a route", "Propose measures to cut energy use"]


def _markdown() -> str:
    return (
        "# Green Logistics\n\n## Awarding body\nExample UAS\n\n## Country\nFinland\n\n"
        "## Learning outcomes\n- Calculate the carbon footprint of a route\n"
        "- Propose measures to cut energy use\n\n## Credits\n5 op\n\n## Level\nEQF 6\n\n"
        "## Mode of delivery\nBlended\n"
    )


def _fields() -> str:
    return (
        "Title: Green Logistics\nAwarding body: Example UAS\nCountry: Finland\n"
        "Learning objectives:\n1. Calculate the carbon footprint of a route\n"
        "2. Propose measures to cut energy use\nScope: 5 op\nLevel: EQF 6\n"
        "Form of participation: Blended\n"
    )


def _tabs() -> str:
    return (
        "Title\tGreen Logistics\nAwarding body\tExample UAS\nCountry\tFinland\n"
        "Learning outcomes\t- Calculate the carbon footprint of a route\n"
        "\t- Propose measures to cut energy use\nCredits\t5 op\nLevel\tEQF 6\n"
        "Mode of delivery\tBlended\n"
    )


def _pipes() -> str:
    return (
        "| Field | Value |\n|---|---|\n| Title | Green Logistics |\n| Awarding body | Example UAS |\n"
        "| Country | Finland |\n| Learning outcomes | - Calculate the carbon footprint of a route |\n"
        "| | - Propose measures to cut energy use |\n| Credits | 5 op |\n| Level | EQF 6 |\n"
        "| Mode of delivery | Blended |\n"
    )


def _two_columns() -> str:
    return (
        "Title              Green Logistics\nAwarding body      Example UAS\n"
        "Country            Finland\nLearning outcomes  - Calculate the carbon footprint of a route\n"
        "                   - Propose measures to cut energy use\nCredits            5 op\n"
        "Level              EQF 6\nMode of delivery   Blended\n"
    )


def _json() -> str:
    return json.dumps(
        {**FIELDS, "outcomes": OUTCOMES, "ects": 5, "level": 6, "level_framework": "EQF"}
    )


@pytest.mark.parametrize("make", [_markdown, _fields, _tabs, _pipes, _two_columns, _json])
def test_every_shape_gives_the_same_credential(make):
    parsed = parse_text(make())
    cred = parsed.credential
    assert {name: getattr(cred, name) for name in FIELDS} == FIELDS
    assert [o.text for o in cred.outcomes] == OUTCOMES
    assert (cred.ects, cred.level, cred.level_framework) == (5, 6, "EQF")
    assert parsed.notes == []


@pytest.mark.parametrize(
    "label,field",
    [
        ("Laajuus", "workload"),
        ("Osaamistavoitteet", "outcomes"),
        ("Arviointi", "assessment"),
        ("Toteutustapa", "participation"),
        ("Kohderyhmä", "target_group"),
        ("Taso", "level"),
        ("Järjestäjä", "awarding_body"),
        ("Laadunvarmistus", "quality_assurance"),
        ("Esitiedot", "prerequisites"),
        ("learning objectives", "outcomes"),
        ("Intended learning outcomes", "outcomes"),
        ("Credits", "workload"),
        ("Scope", "workload"),
        ("Mode of delivery", "participation"),
        ("**Laajuus (op)**", "workload"),
    ],
)
def test_labels_in_english_and_finnish(label, field):
    assert field_for(label) == field


def test_outcomes_from_numbered_list_bullets_and_sentences():
    assert split_outcomes(["1. Plan a route", "2) Load a van"]) == ["Plan a route", "Load a van"]
    assert split_outcomes(
        ["The learner can:", "* plan a route", "  across two lines", "* load"]
    ) == [
        "plan a route across two lines",
        "load",
    ]
    assert split_outcomes(
        ["Opiskelija osaa laatia suunnitelman. Opiskelija osaa arvioida sen."]
    ) == [
        "Opiskelija osaa laatia suunnitelman.",
        "Opiskelija osaa arvioida sen.",
    ]


def test_inline_assessment_is_split_from_the_outcome():
    assert pop_assessment("Plan a route (assessment: route plan)") == ("Plan a route", "route plan")
    assert pop_assessment("Plan a route") == ("Plan a route", None)


def test_unknown_labels_and_unlabelled_text_are_noted_not_guessed():
    parsed = parse_text("Our best course\nTitle: Logistics\nColour: blue\n")
    assert parsed.credential.title == "Logistics"
    assert parsed.credential.unparsed["Colour"] == "blue"
    assert any("Colour" in note for note in english(parsed.notes))
    assert any("Our best course" in note for note in english(parsed.notes))


def test_a_repeated_unknown_label_is_noted_once_and_keeps_every_text():
    parsed = parse_text("Title: Logistics\nColour: blue\nColour: green\nColour: red\n")
    assert [n for n in english(parsed.notes) if "Colour" in n] == ["Label 'Colour' is not one Oppi knows; its text was not read."]
    assert parsed.credential.unparsed["Colour"].split() == ["blue", "green", "red"]


def test_workload_without_unit_is_noted_and_left_empty():
    parsed = parse_text("Laajuus: 5\n")
    assert parsed.credential.ects is None
    assert parsed.credential.workload_text == "5"
    assert any("no unit" in note for note in english(parsed.notes))


def test_conflicting_credits_are_not_used():
    parsed = parse_text("Credits: 5 op\nLaajuus: 4 op\n")
    assert parsed.credential.ects is None
    assert parsed.notes


def test_mapping_lines_fill_outcome_assessment():
    parsed = parse_text("Assessment mapping:\nOutcome 1: report\n2: demo\n")
    assert parsed.credential.outcome_assessment == {1: "report", 2: "demo"}


def test_invalid_json_is_a_clear_error():
    with pytest.raises(OppiError, match="not valid JSON"):
        parse_text("{not json", "json")
    with pytest.raises(OppiError, match="ects"):
        parse_text('{"ects": "five"}')
    with pytest.raises(OppiError, match="one object"):
        parse_text("[1, 2]", "json")


def test_files_go_through_the_loaders(tmp_path, settings):
    draft = tmp_path / "draft.md"
    draft.write_text(_markdown(), encoding="utf-8")
    assert parse_file(draft, settings).credential.title == "Green Logistics"
    data = tmp_path / "draft.json"
    data.write_text(_json(), encoding="utf-8")
    assert parse_file(data, settings).credential.ects == 5


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("binary.md", b"\x00\x01\x02abc", "binary"),
        ("latin.txt", "Laajuus: 5 op äö".encode("latin-1"), "UTF-8"),
        ("empty.md", b"   ", "empty"),
        ("binary.json", b"\x00{}", "binary"),
        ("draft.xlsx", b"PK", "unsupported"),
    ],
)
def test_unreadable_files_raise_oppi_error(tmp_path, settings, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(OppiError, match=message):
        parse_file(path, settings)


def test_missing_and_oversized_files(tmp_path, settings):
    with pytest.raises(OppiError, match="no such file"):
        parse_file(tmp_path / "nope.json", settings)
    big = tmp_path / "big.json"
    big.write_text("{}" + " " * 2000, encoding="utf-8")
    small = settings.model_copy(update={"max_file_mb": 0.001})
    with pytest.raises(OppiError, match="size limit"):
        parse_file(big, small)


def english(notes) -> list[str]:
    """Parse notes as the English report says them."""
    return [note_text(note, "en") for note in notes]
