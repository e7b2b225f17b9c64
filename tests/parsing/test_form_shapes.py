"""Shapes found by drafts the team did not write: numbered form items, slide outlines, reviewers'
comments, replies that complete a quoted draft, bare mapping references, two frameworks."""

from __future__ import annotations

from assistant.parsing.comments import blank_comments
from assistant.parsing.draft import parse_text
from assistant.parsing.mapping import covered
from assistant.parsing.units import parse_level


def test_a_form_question_number_and_a_slide_number_are_no_part_of_the_label() -> None:
    cred = parse_text("1.1 Name of the awarding institution: Example UAS\n1.2 Country: Ireland\n\n"
                      "Slide 4: Learning outcomes\n• Map the network zones of a plant's control system\n"
                      "• Analyse the attack surface of a SCADA system from its inventory\n").credential
    assert (cred.awarding_body, cred.country) == ("Example UAS", "Ireland")
    assert len(cred.outcomes) == 2


def test_a_reviewers_comment_is_blanked_in_place() -> None:
    text = "Level: EQF 6 [MK: taso 7?]\nQuality assurance: audited quality system [AK: TBD with partners]\n"
    blanked, count = blank_comments(text)
    assert count == 2 and len(blanked) == len(text)  # offsets stay true
    cred = parse_text(text).credential
    assert cred.level == 6 and "TBD" not in cred.quality_assurance


def test_a_reply_adding_fields_completes_the_quoted_draft_but_an_old_version_is_not_read() -> None:
    reply = ("Hi, I add what Laura's version missed:\nAssessment: a mapping project, pass/fail\n\n"
             "> Title: Drone Mapping on Farms\n> Level: EQF 6\n> Credits: 4 ECTS\n")
    cred = parse_text(reply).credential
    assert cred.title == "Drone Mapping on Farms" and cred.assessment.startswith("a mapping project")
    older = "Title: Drone Mapping on Farms\nLevel: EQF 6\nCredits: 4 ECTS\n\n> Level: EQF 5\n> Credits: 3 ECTS\n"
    assert parse_text(older).credential.level == 6


def test_bare_references_count_only_after_an_outcome_reference() -> None:
    assert covered("a test (outcome i); a simulator task (ii and iii); a report (iv)") == frozenset({1, 2, 3, 4})
    assert covered("a report (2) on the 2024 season") is None


def test_the_eqf_level_is_read_beside_a_national_one() -> None:
    level = parse_level("NFQ Level 7 (National Framework of Qualifications, Ireland), EQF level 6")
    assert (level.level, level.framework, level.problem) == (6, "EQF", None)
    assert parse_level("NQF 5 and NQF 6").problem is not None
