"""The realistic set's scoring follows its README (../shared/realistic/README.md) line by line."""

from __future__ import annotations

from assistant.evals.realistic import places, score_findings
from assistant.schemas import Finding


def _finding(check_id: str, where: str, severity: str = "E") -> Finding:
    return Finding(id=check_id, severity=severity, where=where, message="m")


def test_each_must_flag_entry_counts_even_when_an_id_repeats():
    expected = {"must_flag": [{"id": "C06", "where": "outcome 1"}, {"id": "C06", "where": "outcome 4"}]}
    score = score_findings(expected, [_finding("C06", "outcome 1", "W")])
    assert (score.hits, score.wanted, score.distinct_wanted) == (1, 2, 1)
    assert score.misses == ["C06 outcome 4"]


def test_a_must_not_flag_id_raised_at_several_places_is_one_false_finding():
    expected = {"must_flag": [], "must_not_flag": ["C01", "C13"]}
    raised = [_finding("C01", "country"), _finding("C01", "awarding body"), _finding("C13", "outcome 2", "W")]
    assert [f.id for f in score_findings(expected, raised).falses] == ["C01", "C13"]


def test_on_a_clean_file_each_distinct_error_or_warning_counts_and_information_does_not():
    expected = {"clean": True, "must_flag": [], "must_not_flag": ["C01"]}
    raised = [
        _finding("C18", "optional elements", "I"), _finding("C07", "outcome 1", "W"),
        _finding("C07", "outcome 2", "W"), _finding("C07", "outcome 2", "W"), _finding("C01", "title"),
    ]
    falses = score_findings(expected, raised).falses
    assert sorted((f.id, f.where) for f in falses) == [("C01", "title"), ("C07", "outcome 1"), ("C07", "outcome 2")]


def test_places_of_pairs_and_esco_references():
    assert places("outcomes 1,4") == {"outcome 1", "outcome 4"}
    assert places("esco 2") == {"ESCO reference 2"}
    assert places("quality_assurance") == {"quality assurance"}
