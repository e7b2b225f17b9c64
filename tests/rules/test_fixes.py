"""C07 findings carry a replacement the draft text can take, grammatical in both languages."""

from __future__ import annotations

from assistant.services.checking import CheckingService


def fixes(settings, outcome: str, heading: str = "Learning outcomes") -> list[dict]:
    report = CheckingService(settings).check_text(f"{heading}:\n- {outcome}\n")
    return [f.fix for f in report.findings if f.id == "C07" and f.fix]


def test_english_vague_verb_is_swapped_in_place(settings):
    (fix,) = fixes(settings, "The learner will understand cloud computing concepts in practice.")
    assert fix["old"] == "The learner will understand cloud computing concepts in practice."
    assert "understand" not in fix["new"] and fix["new"].endswith("cloud computing concepts in practice.")
    assert CheckingService(settings).check_text(f"Learning outcomes:\n- {fix['new']}\n").findings[0].id != "C07"


def test_finnish_finite_vague_verb_becomes_osaa_plus_infinitive(settings):
    (fix,) = fixes(settings, "Opiskelija ymmärtää pilvipalvelujen perusteet.", "Osaamistavoitteet")
    assert fix["new"].startswith("Opiskelija osaa ") and "ymmärtää" not in fix["new"]
    (kept,) = fixes(settings, "Opiskelija osaa ymmärtää pilvipalvelujen perusteet.", "Osaamistavoitteet")
    assert kept["new"].count("osaa") == 1


def test_no_fix_where_the_construction_would_break(settings):
    assert fixes(settings, "Opiskelija pystyy ymmärtämään pilvipalvelujen perusteet.", "Osaamistavoitteet") == []
