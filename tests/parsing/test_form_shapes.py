"""Shapes found by drafts the team did not write: numbered form items, slide outlines, reviewers'
comments, replies that complete a quoted draft, bare mapping references, two frameworks."""

from __future__ import annotations

from assistant.parsing.comments import blank_comments
from assistant.parsing.draft import parse_text
from assistant.parsing.mapping import covered
from assistant.parsing.prose import find_organisation
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


def test_an_older_quote_with_a_field_or_two_is_a_comment_not_the_draft() -> None:
    text = ("Title: Drone Mapping\nCredits: 4 ECTS\nOutcomes:\n- Plan a mapping flight over a field\n\n"
            "> Level: level 5 would be too low, think again\n> Assessment: we still need to agree on this\n")
    parsed = parse_text(text)
    assert parsed.credential.level is None and parsed.credential.assessment is None
    assert any(n.key == "mail_quoted" for n in parsed.notes)


def test_commas_in_label_lines_are_no_csv() -> None:
    text = ("Title: Data analytics, basic level\nAwarding body: Example University of Applied Sciences, Finland\n"
            "Assessment: a report, graded pass/fail\nLevel: EQF 5, FiNQF 5\nParticipation: online, self-paced\n")
    cred = parse_text(text).credential
    assert (cred.title, cred.assessment) == ("Data analytics, basic level", "a report, graded pass/fail")


def test_a_national_level_before_its_bracketed_eqf_level() -> None:
    for text in ("NFQ level 7 (EQF 6)", "Level 7 (EQF level 6)"):
        assert parse_level(text).level == 6, text


def test_answers_under_a_heading_end_where_its_own_text_begins() -> None:
    text = "## Assessment\nA practical test in the workshop, graded 1-5.\n\nVenue: Vaasa campus, hall B\n"
    parsed = parse_text(text)
    assert parsed.credential.assessment == "A practical test in the workshop, graded 1-5."
    answers = parse_text("## How you study\nBlended: two days on campus, the rest online\n").credential
    assert answers.participation == "Blended: two days on campus, the rest online"


def test_a_tag_or_a_link_in_brackets_is_no_reviewers_comment() -> None:
    text = "ESCO: analyse big data [ESCO: http://data.europa.eu/esco/skill/x] [EQF: 6] [AK: TBD]"
    blanked, count = blank_comments(text)
    assert count == 1 and "[ESCO: http" in blanked and "[EQF: 6]" in blanked and "TBD" not in blanked


def test_an_export_key_names_its_field_only_where_the_rest_qualifies_it() -> None:
    from assistant.parsing.labels import key_fields

    assert key_fields("outcome_1") == ("outcomes",) and key_fields("credits_ects") == ("workload",)
    assert key_fields("outcome_1_assessment") == ("assessment",)
    assert key_fields("level_of_difficulty") == ()


def test_a_weight_is_no_outcome_and_a_bare_number_needs_a_reference_in_its_sentence() -> None:
    text = "Title: X\nOutcomes:\n- Plan a flight over a field with the drone\n- Map a field from the images taken\n" \
           "Assessment: Outcome 1 is assessed by an exam (40) and a report (60). A second report (2) is optional.\n"
    assert set(parse_text(text).credential.outcome_assessment) == {1}


def test_a_span_points_at_the_line_under_the_title() -> None:
    parsed = parse_text("Slide 1: Title\n• OT Cybersecurity for Utilities\n"
                        "• Micro-credential, Example University of Applied Sciences, Vaasa\n")
    assert parsed.credential.title == "OT Cybersecurity for Utilities"
    assert parsed.spans["awarding_body"].start == 2


def test_an_and_that_ends_a_wrapped_list_line_stays_in_the_outcome() -> None:
    from assistant.parsing.outcomes import split_outcomes

    items = split_outcomes(["- identify the hazards of the kitchen and", "  assess the severity of each hazard;",
                            "- write a report"])
    assert items == ["identify the hazards of the kitchen and assess the severity of each hazard", "write a report"]


def test_the_first_line_of_a_pdf_is_its_title_unless_a_label_follows() -> None:
    text = ("HACCP-based Food Safety for Kitchens\nMicro-credential | Example University of Applied Sciences, Kokkola\n"
            "Kitchens must run a self-monitoring plan.\nLevel: EQF 5\n")
    assert parse_text(text).credential.title == "HACCP-based Food Safety for Kitchens"
    assert parse_text("Sustainable Packaging Design\nAwarding body: Example UAS\nLevel: EQF 6\n").credential.title is None


def test_a_mapping_sentence_after_the_assessment_in_prose_is_read() -> None:
    text = ("# Incident Response\n\nThe micro-credential is awarded by Tampere University, Finland. Assessment is by a "
            "tabletop exercise report and an oral examination. The report covers the first three outcomes.\n")
    assert covered("covers the first three outcomes") == frozenset({1, 2, 3})
    assert "first three outcomes" in parse_text(text).credential.assessment


def test_a_task_table_maps_by_its_outcomes_column() -> None:
    assert covered("Task | Outcomes | Weight\nNotebook | 1 | 20 %\nPortfolio | 2, 4 | 50 %") == frozenset({1, 2, 4})
    assert covered("| Tehtävä | Tavoitteet |\n|---|---|\n| Raportti | 1–3 |\n| Tentti | 4 |") == frozenset({1, 2, 3, 4})
    assert covered("| Week | Topic |\n| 1 | Introduction |") is None  # no outcomes column
    text = ("## Learning outcomes\n- Plan a survey of a park\n- Map the trees of a park\n- Report the results\n\n"
            "## Assessment\n| Task | Outcomes | Weight |\n|---|---|---|\n| Field plan | 1, 2 | 40 % |\n")
    assert set(parse_text(text).credential.outcome_assessment) == {1, 2}


def test_second_review_cases_read_as_before() -> None:
    # A Markdown draft that mentions block tags is no HTML page.
    text = "# Wound Care Basics\nAwarding body: Example UAS\nLevel: EQF 5\n\nTags used: <div>, <p>, <table>, <tr>, " \
           "<td>, <ul>, <li>, <h2>, <ol>.\n"
    parsed = parse_text(text)
    assert parsed.credential.level == 5 and "html_page" not in [n.key for n in parsed.notes]
    # A form's later rows stay rows of their own, not the assessment's.
    form = parse_text("Title\tX\nAssessment\tA practical test, graded 1-5\nVenue\tVaasa campus\n")
    assert form.credential.assessment == "A practical test, graded 1-5" and "Venue" in form.credential.unparsed
    # '| Outcome 1 | task |' rows under 'Assessment' map the outcomes; they add none.
    mapped = parse_text("## Learning outcomes\n- Plan a survey of a park\n- Map the trees of a park\n\n"
                        "## Assessment\n| Outcome 1 | Written exam |\n| Outcome 2 | Practical demonstration |\n")
    assert len(mapped.credential.outcomes) == 2 and set(mapped.credential.outcome_assessment) == {1, 2}
    # A hyphenated word is no institution; the first line naming the issuer or the document is no title.
    assert find_organisation("This Summer-School module is awarded by Revontuli University of Applied Sciences") \
        == "Revontuli University of Applied Sciences"
    assert parse_text("Course Description Form\nWound care for nurses in home care.\n").credential.title is None


def test_html_cells_keep_their_paragraphs_and_left_out_end_tags() -> None:
    from assistant.parsing.html_text import html_as_text

    page = ("<html><head><title>x</title><body><table><tr><th><p>Awarding body</p></th><td><p>Häme UAS</p></td>"
            "<tr><td>Level<td>EQF 6<br>(NQF 6)</table></body>")
    assert html_as_text(page).strip().split("\n\n")[:2] == ["Awarding body\tHäme UAS", "Level\tEQF 6 (NQF 6)"]


def test_a_decimal_that_opens_a_wrapped_line_is_no_item() -> None:
    from assistant.parsing.outcomes import split_outcomes

    assert split_outcomes(["- keep the pool water pH between", "  7.2 and 7.6 during opening hours"]) == [
        "keep the pool water pH between 7.2 and 7.6 during opening hours"]
