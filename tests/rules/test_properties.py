"""Property tests: any text or bytes gives a report or a clear OppiError, quickly."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from assistant.config import Settings
from assistant.errors import OppiError
from assistant.schemas import CheckReport
from assistant.services.checking import CheckingService

CHECKER = CheckingService(Settings(_env_file=None))
LABELS = st.sampled_from(
    [
        "Title",
        "Laajuus",
        "Credits",
        "Level",
        "Taso",
        "Learning outcomes",
        "Osaamistavoitteet",
        "Assessment",
        "ESCO",
        "Toteutustapa",
        "# ",
        "## Outcomes",
        "| Title |",
        "- ",
        "1.",
        "\t",
    ]
)
WORDS = st.sampled_from(
    [
        "5 op",
        "135 h",
        "EQF 6",
        "taso",
        "osaa",
        "analysoida",
        "understand",
        "and",
        "ja",
        ",",
        ":",
        "The learner can",
        "Opiskelija osaa",
        "TBD",
        "-",
        "|",
        "\n",
        "{",
        "}",
        "3-5",
        "EQF9",
        "ä",
    ]
)
DRAFTLIKE = st.lists(st.one_of(LABELS, WORDS, st.text(max_size=20)), max_size=60).map(" ".join)
FAST = hypothesis_settings(
    max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow]
)


def _check(run) -> None:
    try:
        report = run()
    except OppiError as error:
        assert str(error)
    else:
        assert isinstance(report, CheckReport)


@FAST
@given(st.text(max_size=3000))
def test_any_text_gives_a_report_or_oppi_error(text):
    _check(lambda: CHECKER.check_text(text))


@FAST
@given(DRAFTLIKE, st.sampled_from(["auto", "md", "txt", "table", "json"]))
def test_draft_like_text_gives_a_report_or_oppi_error(text, hint):
    _check(lambda: CHECKER.check_text(text.replace(" \n ", "\n"), hint))


@FAST
@given(st.binary(max_size=2000), st.sampled_from([".md", ".txt", ".json", ".pdf", ".docx"]))
def test_any_bytes_in_a_file_give_a_report_or_oppi_error(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"draft{suffix}"
        path.write_bytes(data)
        _check(lambda: CHECKER.check_file(path))


# Hostile shapes found by probing: long runs of one character in a cell, huge numbers, deep
# nesting. Each example must end with a report or an OppiError well within the 5 s budget.
RUNS = st.lists(
    st.tuples(
        st.sampled_from(["(", ")", "|", "\t", "[", ":", "-", "1", "a, ", "outcomes 1, ", "EQF ", "op ",
                         "Title: ", "\n", "ab-\n", "> ", "; and ", "ä", "<br>", "http://", " / ", "=" ]),
        st.integers(1, 20_000),
    ),
    min_size=1, max_size=12,
).map(lambda runs: "".join(piece * count for piece, count in runs))  # fmt: skip
HOSTILE = hypothesis_settings(
    max_examples=40, deadline=5000, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@HOSTILE
@given(RUNS, st.sampled_from(["| Title | {} |", "Credits: {}", "Assessment: {}", "{}", "Learning outcomes:\n- {}"]))
def test_long_runs_of_one_character_end_quickly(text, frame):
    _check(lambda: CHECKER.check_text(frame.format(text)))


@HOSTILE
@given(st.integers(1, 120_000), st.integers(1, 6000), st.sampled_from(["[", '{"a": ']))
def test_deep_or_huge_json_gives_a_report_or_oppi_error(depth, digits, opener):
    closer = "]" if opener == "[" else "}"
    nested = opener * depth + "1" + closer * depth
    _check(lambda: CHECKER.check_text('{"ects": ' + "7" * digits + ', "x": ' + nested + "}", "json"))
