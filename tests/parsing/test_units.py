"""Workload and level texts as planners write them."""

from __future__ import annotations

import pytest

from assistant.parsing.units import parse_level, parse_workload


@pytest.mark.parametrize(
    "text,ects,hours",
    [
        ("5 op", 5, None),
        ("5 ECTS", 5, None),
        ("5 credits", 5, None),
        ("135 h", None, 135),
        ("135 hours", None, 135),
        ("5 op / 135 h", 5, 135),
        ("5 ECTS (135 hours)", 5, 135),
        ("3 opintopistettä (81 tuntia)", 3, 81),
        ("2,5 op", 2.5, None),
        ("ECTS 4", 4, None),
    ],
)
def test_workload_units(text, ects, hours):
    workload = parse_workload(text)
    assert (workload.ects, workload.hours, workload.problem) == (ects, hours, None)


def test_bare_number_is_read_only_when_the_label_names_the_unit():
    assert parse_workload("5", "Credits").ects == 5
    assert parse_workload("135", "Hours").hours == 135
    unlabelled = parse_workload("5", "Laajuus")
    assert unlabelled.ects is None and unlabelled.problem.key == "workload_no_unit"


@pytest.mark.parametrize("text", ["3-5 op", "lots of work", "5 op or 6 op"])
def test_unreadable_workload_is_reported_not_guessed(text):
    workload = parse_workload(text)
    assert workload.ects is None and workload.hours is None and workload.problem


@pytest.mark.parametrize(
    "text,label,level,framework",
    [
        ("EQF 6", "Level", 6, "EQF"),
        ("EQF6", "Level", 6, "EQF"),
        ("taso 6", "Taso", 6, None),
        ("6", "EQF level", 6, "EQF"),
        ("NQF 7", "Level", 7, "NQF"),
        ("FiNQF 7", "Level", 7, "FiNQF"),
        ("EQF-taso 6", "Taso", 6, "EQF"),
        ("6 (EQF)", "Level", 6, "EQF"),
        ("not applicable", "Level", None, "not applicable"),
        ("ei sovellu", "Taso", None, "not applicable"),
    ],
)
def test_levels(text, label, level, framework):
    parsed = parse_level(text, label)
    assert (parsed.level, parsed.framework, parsed.problem) == (level, framework, None)


def test_level_without_a_number_is_reported():
    parsed = parse_level("advanced", "Level")
    assert parsed.level is None and parsed.problem.key == "level_no_number"


def test_a_breakdown_in_brackets_is_not_a_second_figure():
    workload = parse_workload("5 cr = 135 h (lectures 20 h, exercises 30 h, independent work 85 h)")
    assert (workload.ects, workload.hours, workload.problem) == (5, 135, None)
    assert parse_workload("20 h or 30 h").problem.key == "workload_several"


@pytest.mark.parametrize("label,text,ects,hours", [
    ("Study credits", "5 (135 hours)", 5, 135),
    ("Hours", "135 (5 op)", 5, 135),
    ("Credits", "5, 135 hours", 5, 135),
    ("Työmäärä (h)", "135", None, 135),
])
def test_a_leading_figure_takes_the_unit_its_label_names(label, text, ects, hours):
    workload = parse_workload(text, label)
    assert (workload.ects, workload.hours, workload.problem) == (ects, hours, None)
