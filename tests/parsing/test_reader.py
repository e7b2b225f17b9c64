"""The reader finds fields in any form: labels in any spelling, prose, mappings in words."""

from __future__ import annotations

import time

import pytest

from assistant.parsing import parse_text
from assistant.parsing.labels import fields_for, normalise
from assistant.parsing.mapping import ALL, covered
from assistant.rules.messages import note_text


@pytest.mark.parametrize(
    "label,fields",
    [
        ("Myontaja", ("awarding_body",)),  # ASCII-folded Finnish
        ("tyomaara_tunteina", ("workload",)),  # snake_case key with a unit word
        ("modeOfParticipation", ("participation",)),  # camelCase key
        ("Osaamistavoitteita", ("outcomes",)),  # Voikko base form
        ("Toteutustapa", ("participation",)),
        ("Responsible organisation", ("awarding_body",)),
        ("Nimi / Title", ("title",)),  # bilingual alternatives
        ("Size and level", ("workload", "level")),  # one label naming two fields
        ("Laajuus ja taso", ("workload", "level")),
        ("Kvalitetssäkring", ("quality_assurance",)),  # Swedish
        ("Colour", ()),
    ],
)
def test_labels_by_normalised_form(label, fields):
    assert fields_for(label, prefix=True) == fields


def test_label_normalising_is_linear_on_hostile_cells():
    start = time.perf_counter()
    assert normalise("(" * 80_000) == "" and fields_for("(" * 80_000) == ()
    assert time.perf_counter() - start < 0.1


def test_prose_draft_gives_every_element_with_its_span():
    text = (
        "Cold chain basics\n\n"
        "Merikaupunki University of Applied Sciences (Kotka, Finland) offers a micro-credential "
        "for warehouse team leaders. Partner companies report gaps in temperature control.\n\n"
        "The credential is worth 3 ECTS credits, about 81 hours of work, and is placed at EQF "
        "level 6. Learners who complete it can analyse the handover points of a medicine supply "
        "chain; calculate the thermal buffer of a shipping container; and recommend a release "
        "decision for a deviating consignment.\n\n"
        "Participation is blended, with two contact days. Each learner writes a case report that "
        "covers all three outcomes, assessed pass/fail.\n\n"
        "Quality assurance follows the university's quality system, audited by FINEEC.\n"
    )
    parsed = parse_text(text)
    cred = parsed.credential
    assert cred.title == "Cold chain basics"
    assert cred.awarding_body == "Merikaupunki University of Applied Sciences"
    assert cred.country == "Finland" and (cred.ects, cred.hours, cred.level) == (3, 81, 6)
    assert [o.text.split()[0] for o in cred.outcomes] == ["analyse", "calculate", "recommend"]
    assert cred.outcome_assessment and sorted(cred.outcome_assessment) == [1, 2, 3]
    lines = text.splitlines()
    for name, fragment in [("outcomes", "Learners who complete"), ("quality_assurance", "audited by"),
                           ("participation", "blended"), ("workload", "3 ECTS")]:  # fmt: skip
        span = parsed.spans[name]
        assert fragment in "\n".join(lines[span.start : span.end + 1]) and span.how == "prose"
    assert parsed.spans["title"].how == "first line"


def test_finnish_outcome_sentence_splits_at_verbs_not_at_coordinated_objects():
    parsed = parse_text(
        "Opintojen jälkeen opiskelija osaa arvioida lääkityksen vaikutuksia ja haittavaikutuksia, "
        "laatia kirjallisen ohjeen omaiselle sekä raportoida poikkeamat järjestelmään.\n"
    )
    assert [o.text.split()[0] for o in parsed.credential.outcomes] == ["arvioida", "laatia", "raportoida"]


@pytest.mark.parametrize(
    "text,numbers",
    [
        ("an audit (outcomes 1 and 4), a page (outcome 2) and a document (outcome 3)", {1, 2, 3, 4}),
        ("covering outcomes 1-5", {1, 2, 3, 4, 5}),
        ("tavoitteet 1–2 / 3–5", {1, 2, 3, 4, 5}),
        ("Simulator exercise (outcomes i, ii and iv)", {1, 2, 4}),
        ("Feeding plan (assesses LO1)", {1}),
        ("Case report (assesses LO1–LO3)", {1, 2, 3}),
        ("a quiz on ILO2 to ILO4 and a plan for LO 6", {2, 3, 4, 6}),
        ("a practice safari, which covers the second and fourth outcomes", {2, 4}),
        ("Harjoitustyö ja oppimispäiväkirja.", None),
    ],
)
def test_mappings_in_words(text, numbers):
    found = covered(text)
    assert (set(found) if found else None) == numbers


@pytest.mark.parametrize(
    "text", ["All five outcomes are demonstrated", "kattaa kaikki osaamistavoitteet", "jossa osoitetaan kaikki kolme osaamistavoitetta"]
)
def test_mapping_of_every_outcome(text):
    assert covered(text) == ALL


def test_email_signature_and_mail_text_are_not_read():
    parsed = parse_text(
        "Hi all,\n\nHere is the draft; we will discuss it on Monday.\n\nTitle: Data literacy\n"
        "Awarding body: Example UAS, Finland\nPrerequisites: none\n\nKind regards,\nAnna\nExample UAS\n"
    )
    cred = parsed.credential
    assert cred.prerequisites == "none" and cred.description is None
    assert any("sign-off" in note for note in english(parsed.notes))
    assert any("e-mail text" in note for note in english(parsed.notes))


def test_outcome_table_with_a_task_column_maps_each_outcome():
    parsed = parse_text(
        "| # | Learning outcome | Assessed by |\n|---|---|---|\n"
        "| 1 | Plan a route for a delivery van | Route plan |\n| 2 | Load a van safely with a load plan | |\n"
    )
    cred = parsed.credential
    assert [o.text for o in cred.outcomes] == ["Plan a route for a delivery van", "Load a van safely with a load plan"]
    assert cred.outcome_assessment == {1: "Route plan"} and cred.assessment == "Route plan"


def english(notes) -> list[str]:
    """Parse notes as the English report says them."""
    return [note_text(note, "en") for note in notes]


def test_unbulleted_outcome_lines_are_one_outcome_each():
    rows = "Osaamistavoitteet\tOpiskelija osaa tunnistaa riskit\n\tOpiskelija osaa laatia suunnitelman\n"
    assert [o.text for o in parse_text(rows).credential.outcomes] == [
        "Opiskelija osaa tunnistaa riskit", "Opiskelija osaa laatia suunnitelman",
    ]
    stem = "Learning outcomes\nUpon completion, the learner is able to\nApply the rules to a case\nEvaluate tenders with costing\n"
    assert [o.text for o in parse_text(stem).credential.outcomes] == [
        "Apply the rules to a case", "Evaluate tenders with costing",
    ]


def test_a_wrapped_paragraph_stays_one_outcome_list():
    wrapped = "Learning outcomes:\nThe learner can plan a survey of the\nBaltic Sea coast and report it.\n"
    assert [o.text for o in parse_text(wrapped).credential.outcomes] == [
        "The learner can plan a survey of the Baltic Sea coast and report it.",
    ]


def test_lo_numbers_without_punctuation_are_item_marks():
    text = "Learning outcomes\nLO1 Apply a framework for team norms\nLO2 Facilitate a virtual meeting\n"
    assert [o.text for o in parse_text(text).credential.outcomes] == [
        "Apply a framework for team norms", "Facilitate a virtual meeting",
    ]


def test_a_catalogue_title_line_gives_the_size_when_no_field_does():
    cred = parse_text("KEMA-2045 Vesihuollon riskienhallinta (3 op)\n\nTaso: EQF 6\n").credential
    assert (cred.title, cred.ects) == ("Vesihuollon riskienhallinta", 3)
    labelled = parse_text("ENG-E4120 Hydrogen Safety, 5 cr\n\nWorkload: 4 ECTS\n").credential
    assert labelled.ects == 4  # the field wins over the title line


def test_prose_after_a_listed_outcomes_field_is_read_not_dropped():
    text = (
        "Title: Welding inspection\n\nLearning outcomes. The learner can:\n1. Inspect a welded joint visually\n"
        "2. Measure weld dimensions with gauges\n\nOutcome 1 is assessed in a practical test. "
        "The credential is studied on-site in the welding hall.\n"
    )
    cred = parse_text(text).credential
    assert len(cred.outcomes) == 2 and "practical test" not in cred.outcomes[1].text
    assert cred.participation and "on-site" in cred.participation


def test_lettered_items_on_one_line_after_a_bold_label_are_outcomes():
    text = "**Learning outcomes.** Students will be able to: a) explain the two kinds; b) train a model on data; c) deploy it as a service.\n"
    assert [o.text for o in parse_text(text).credential.outcomes] == [
        "explain the two kinds", "train a model on data", "deploy it as a service.",
    ]


def test_nested_json_groups_and_unit_keys():
    data = '{"perustiedot": {"nimi": "Logistiikka"}, "laajuus": {"op": 5, "tunnit": 135}}'
    parsed = parse_text(data)
    assert (parsed.credential.title, parsed.credential.ects, parsed.credential.hours) == ("Logistiikka", 5, 135)
    assert not any(note.key == "unknown_label" for note in parsed.notes)


def test_a_labelled_description_that_states_hours_gives_the_workload():
    text = "Title: Lean basics\nDescription: We will teach lean. The credential takes about 80 hours of work.\n"
    cred = parse_text(text).credential
    assert (cred.ects, cred.hours) == (None, 80)
    assert parse_text("Title: Lean\nDescription: Lean in hospitals.\n").credential.hours is None


def test_an_organisation_named_example_is_no_assessment_cue():
    text = (
        "Fashion Supply Chains\n\nOrganised by Example University in Helsinki, Finland, this credential is "
        "designed for buyers.\n\nParticipants demonstrate their skills in a portfolio, evaluated pass/fail.\n"
    )
    assert parse_text(text).credential.assessment.startswith("Participants demonstrate")


@pytest.mark.parametrize("stem", ["The learner can:", "Opiskelija osaa:", "After the course, students are able to"])
def test_a_stem_line_over_a_list_stands_in_for_the_outcomes_label(stem):
    parsed = parse_text(f"Title: X\n\n{stem}\n- plan a survey of the coast\n- report the results to the city\n")
    assert [o.text for o in parsed.credential.outcomes] == ["plan a survey of the coast", "report the results to the city"]
    assert not parsed.notes


def test_an_outcomes_table_may_start_with_the_outcome_column():
    text = (
        "Title: Coastal survey\n\n| Learning outcome | Assessment task | Weight |\n|---|---|---|\n"
        "| Plan a survey of the coast | Survey plan | 40 % |\n| Report the results to the city | Report | 60 % |\n"
    )
    parsed = parse_text(text)
    assert [(o.text, o.assessment) for o in parsed.credential.outcomes] == [
        ("Plan a survey of the coast", "Survey plan"), ("Report the results to the city", "Report"),
    ]
    assert not parsed.notes


_REPLY_OVER_OLD_VERSION = """Hi Pekka,

here is the corrected version.

Title: Drone Surveying
Level: EQF 5
Form of participation: on-site

Best regards,
Anna

> Title: Drone Surveying
> Level: level 5
>> Form of participation: flexible
"""

_FORWARDED_DRAFT = """Hi Sanna, below is Mikko's draft as he sent it.

Thanks,
Laura

On Wed, 6 May 2026 at 14:05, Mikko wrote:
> Title: Hydrogen Safety
> Level: EQF 6
> Delivery: flexible
"""


def test_quoted_old_versions_under_a_reply_are_not_read():
    parsed = parse_text(_REPLY_OVER_OLD_VERSION.replace("Best regards,\nAnna\n", ""))
    assert parsed.credential.level == 5 and parsed.credential.level_framework
    assert parsed.credential.participation == "on-site"
    assert any(note.key == "mail_quoted" for note in parsed.notes)


def test_a_draft_forwarded_as_a_quote_is_read_with_its_line_numbers():
    parsed = parse_text(_FORWARDED_DRAFT)
    assert parsed.credential.title == "Hydrogen Safety"
    assert parsed.credential.participation == "flexible"
    assert parsed.spans["title"].start == _FORWARDED_DRAFT.splitlines().index("> Title: Hydrogen Safety")


def test_an_offer_sentence_names_its_audience_after_for():
    text = (
        "Hogeschool Waddenkust in Groningen, the Netherlands, offers this micro-credential of "
        "3 ECTS (84 hours of study) at EQF level 6 for buyers and store managers in fashion retail."
    )
    assert "buyers" in (parse_text(text).credential.target_group or "")
    weeks = "Aurajoki University of Applied Sciences, Finland, offers it in English for 20 hours a week."
    assert not parse_text(weeks).credential.target_group


def test_a_prose_reply_outweighs_quoted_label_comments_under_it():
    reply = (
        "Hi Marja,\n\nAurajoki University of Applied Sciences, Finland, offers this micro-credential "
        "of 2 ECTS (54 hours) at EQF level 5 for care assistants. It is studied online and assessed "
        "through a case exam, graded pass/fail. Quality is assured by the Aurajoki quality system.\n\n"
        "On Monday, Marja wrote:\n> Level: level 6 is not enough.\n> Form of participation: flexible?\n"
    )
    parsed = parse_text(reply)
    assert parsed.credential.level == 5
    assert parsed.credential.participation != "flexible?"


def test_a_gerund_misparse_still_names_the_audience():
    from assistant.nlp.english import for_whom

    text = "Merikaupunki UAS offers this micro-credential at EQF level 6 for welding supervisors and quality inspectors."
    assert "supervisors" in (for_whom(text) or "")
    assert for_whom("Aurajoki UAS offers it for several weeks in spring.") is None


def test_words_hyphenated_across_lines_are_joined_on_their_first_line():
    from assistant.parsing.linebreaks import join_hyphenated

    text = "Laajuus 3 opin-\ntopisteen (81 h)\nrakennusfysikaaliset raja-\narvot ja Sci-\nences, Finland"
    joined = join_hyphenated(text)
    assert joined.count("\n") == text.count("\n")  # spans keep their line numbers
    assert "opintopisteen" in joined and "raja-arvot" in joined and "Sciences," in joined


def test_json_outcomes_keyed_by_their_labels_are_read_in_order():
    parsed = parse_text('{"title": "X", "learningOutcomes": {"LO1": "Monitor a network.", "LO2": "Know ports."}}')
    assert [o.text.rstrip(".") for o in parsed.credential.outcomes] == ["Monitor a network", "Know ports"]


@pytest.mark.parametrize(
    "sentence,title",
    [
        ("Construction Waste Sorting on Small Sites, 2 ECTS, EQF level 5, offered by X.",
         "Construction Waste Sorting on Small Sites"),
        ("Rakennusjätteen lajittelu pienillä työmailla, 2 op, EQF-taso 5.", "Rakennusjätteen lajittelu pienillä työmailla"),
        ("In 2024, 5 credits were awarded to the pilot group.", None),  # a digit: no name
        ("However, 5 credits are needed.", None),  # one word: no name
        ("The course is popular, 5 credits and more.", None),  # the size is not right after it
        ("the pilot ran well, 3 ECTS.", None),  # no capital
    ],
)
def test_a_title_is_read_where_the_size_follows_it(sentence, title):
    from assistant.parsing.prose import _leading_title

    assert _leading_title(sentence) == title


def test_outcomes_go_on_in_the_next_sentence_and_one_per_sentence_runs_are_read():
    text = (
        "Title: Night Counselling\n\n"
        "Participants who finish will be able to assess a minor injury at the counter. "
        "They can also document the case in the pharmacy system, and instruct the customer on self-care.\n"
    )
    assert [o.text for o in parse_text(text).credential.outcomes] == [
        "assess a minor injury at the counter",
        "document the case in the pharmacy system",
        "instruct the customer on self-care",
    ]
    lone = "Title: X\n\nOpiskelija osaa laatia suunnitelman. Sää oli hyvä.\n"
    assert parse_text(lone).credential.outcomes == []  # one such sentence alone is no list


def test_a_second_known_label_on_a_line_starts_its_own_field():
    cred = parse_text("Title: X\nLevel: EQF 6. Format: online. Note: bring a laptop.\n").credential
    assert (cred.level, cred.participation) == (6, "online. Note: bring a laptop.")
