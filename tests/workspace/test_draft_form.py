"""The Draft tab's form: a wrong field is named in the workspace's language, and statuses,
Bloom levels and finding places read in it too."""

from __future__ import annotations

import gradio as gr
import pytest

from assistant.schemas import Bloom, Finding, LearningOutcome
from ui.tabs.check import where_label
from ui.tabs.draft import brief_from_form, table_rows


@pytest.mark.parametrize("ects", ["-1", "viisi"])
def test_a_wrong_size_is_named_in_finnish(ects):
    with pytest.raises(gr.Error, match=r"Kuvaus ei kelpaa: tarkista Laajuus \(op\)"):
        brief_from_form("Pilvipalvelut", "IT-tuki", 6, ects, "pilvipalvelun käyttöönotto", "", "fi", "fi")


def test_a_valid_form_gives_one_skill_a_line():
    brief = brief_from_form(" Pilvipalvelut ", "IT-tuki", 6, 5, "- käyttöönotto\n\n• seuranta\n", "", "fi", "fi")
    assert brief.title == "Pilvipalvelut" and brief.skill_needs == ["käyttöönotto", "seuranta"] and brief.ects == 5


def test_table_rows_speak_finnish_and_keep_the_outcome_text():
    outcome = LearningOutcome(text="Opiskelija ymmärtää pilvipalvelut.", status="rejected", bloom=[Bloom.understand])
    finding = Finding(id="C07", severity="E", where="outcome 1", message="Epämääräinen verbi.")
    row = table_rows([outcome], {1: [finding]}, "fi")[0]
    assert row[:4] == [1, "hylätty", outcome.text, "ymmärtää"] and row[5] == "C07 E: Epämääräinen verbi."
    assert where_label(finding, "fi") == "tavoite 1" and where_label(finding, "en") == "outcome 1"
    assert where_label(Finding(id="C01", severity="E", where="awarding body", message="-"), "fi") == "myöntäjä"


def test_history_translates_statuses_and_states_but_never_what_a_person_wrote():
    from assistant.store import HistoryEvent
    from ui.tabs.credentials import history_markdown

    at = "2026-12-03T10:00:00"
    events = [
        HistoryEvent(credential_id="c", outcome_index=0, action="status", old="suggested", new="accepted", timestamp=at),
        HistoryEvent(credential_id="c", field="state", action="submit", old="draft", new="in_review", timestamp=at),
        HistoryEvent(credential_id="c", field="description", action="field", old="", new="accepted", timestamp=at),
    ]
    lines = history_markdown(events, "fi").splitlines()
    assert lines[0].endswith(": hyväksytty")
    assert lines[1].endswith(": arvioitavana")
    assert lines[2].endswith(": accepted")  # a text the planner typed stays as typed
