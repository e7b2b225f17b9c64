"""Drafts exported from planning tools as CSV or YAML, read with the csv module and PyYAML."""

from __future__ import annotations

from assistant.parsing.csv_rows import csv_as_rows
from assistant.parsing.draft import parse_text
from assistant.parsing.yaml_form import yaml_form

CSV = '''"field","value","notes"
"title","Programming Welding Robots",""
"awarding_body","Example College, Finland",""
"credits_ects","3",""
"hours","81","27 h/ECTS"
"outcome_1","Program a welding path for a fillet weld with the teach pendant",""
"outcome_2","Adjust welding parameters for different plate thicknesses",""
"assessment","Practical test on the robot cell","covers outcomes 1-2"
'''


def test_a_csv_export_is_read_as_label_rows_with_its_notes() -> None:
    cred = parse_text(CSV).credential
    assert cred.title == "Programming Welding Robots"
    assert (cred.ects, cred.hours) == (3.0, 81.0)
    assert [o.text for o in cred.outcomes][:1] == ["Program a welding path for a fillet weld with the teach pendant"]
    assert "covers outcomes 1-2" in cred.assessment  # the notes column is read with its value


def test_a_csv_header_drops_columns_about_the_edit() -> None:
    rows = csv_as_rows('"kentta";"arvo";"muokattu";"muokkaaja"\n"nimi";"Metsäkoneiden etädiagnostiikka";"2.10.2025";"hk"\n'
                       '"laajuus";"3,5 op";"9.10.2025";"hk"\n"taso";"EQF 6";"2.10.2025";"hk"\n')
    assert rows.splitlines()[1] == "nimi\tMetsäkoneiden etädiagnostiikka"


def test_prose_with_commas_is_no_csv() -> None:
    text = "The course, which runs in spring, is for nurses.\nIt is 5 ECTS, at EQF 6, online.\nAssessed by a report, graded 1-5.\n"
    assert csv_as_rows(text) == text


def test_a_nested_yaml_export_is_read_by_its_keys() -> None:
    text = ("title: Lime Mortars for Heritage Buildings\nawarding_body:\n  name: Example School\n  country: Finland\n"
            "level:\n  framework: EQF\n  value: 4\nlearning_outcomes:\n  items:\n"
            "    - text: Prepare hydraulic lime mortars in the correct proportions for a masonry type\n"
            "participation: on-site\n")
    parsed = parse_text(text)
    cred = parsed.credential
    assert (cred.awarding_body, cred.country, cred.level) == ("Example School", "Finland", 4)
    assert [o.text for o in cred.outcomes] == ["Prepare hydraulic lime mortars in the correct proportions for a masonry type"]
    assert any(n.key == "yaml_form" for n in parsed.notes)


def test_a_flat_label_text_stays_with_the_section_reader() -> None:
    # Valid YAML too, but 'Outcomes:' with '- ...' lines is how a text form lists.
    text = "Title: X\nCountry: Finland\nLevel: EQF 5\nOutcomes:\n- Apply the GDPR to customer data in a CRM\n"
    assert yaml_form(text) is None


def test_yaml_anchors_are_refused_so_a_small_file_cannot_expand() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))
    assert yaml_form(bomb) is None


def test_an_html_page_is_read_by_its_headings_lists_and_tables() -> None:
    page = ("<!DOCTYPE html><html><head><title>Menu</title><script>var x = '<p>';</script></head><body>"
            "<h1>Urban Tree Risk Assessment</h1><table><tr><th>Awarding body</th><td>H&auml;me UAS, Finland</td></tr>"
            "<tr><th>Level</th><td>EQF&nbsp;6</td></tr></table><h2>Learning outcomes</h2><p>The learner can</p>"
            "<ol><li>inspect a mature urban tree with the Visual Tree Assessment method</li>"
            "<li>measure decay in a stem with a resistance drill</li></ol></body></html>")
    parsed = parse_text(page)
    cred = parsed.credential
    assert (cred.title, cred.awarding_body, cred.level) == ("Urban Tree Risk Assessment", "Häme UAS, Finland", 6)
    assert len(cred.outcomes) == 2
    assert parsed.notes[0].key == "html_page"
    # A draft that only mentions a tag is no page.
    assert parse_text("Title: Writing <p> tags for accessible web pages\nLevel: EQF 5\n").notes[:1] != parsed.notes[:1]


def test_an_export_of_more_lines_than_any_draft_is_read_up_to_the_limit_and_says_so() -> None:
    rows = "".join(f"Note {n}: nothing to read here.\n" for n in range(1, 12_001))
    for end in ("\n", "\r", "\u2028"):  # every line end the readers split at
        text = ("Title: Route planning\nCredits: 3 ECTS\n" + rows + "Level: EQF 6\n").replace("\n", end)
        parsed = parse_text(text)
        assert parsed.credential.title == "Route planning" and parsed.credential.ects == 3
        assert parsed.credential.level is None  # after line 10,000: not read
        assert [n.params for n in parsed.notes if n.key == "too_many_lines"] == [{"limit": 10_000, "count": 12_003}]
    exactly = "Title: Route planning\n" + "".join(f"Note {n}: nothing.\n" for n in range(1, 10_000))
    assert not [n for n in parse_text(exactly).notes if n.key == "too_many_lines"]  # 10,000 lines, none cut
