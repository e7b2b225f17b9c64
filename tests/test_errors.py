"""One formatter for pydantic's validation errors: the field's path, then the message."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from assistant.config import load_settings
from assistant.errors import OppiError, describe_validation_error


class Outcome(BaseModel):
    verb: str
    level: int


class Draft(BaseModel):
    title: str
    outcomes: list[Outcome]


def _error(data: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        Draft.model_validate(data)
    return caught.value


def test_each_problem_is_named_by_its_path():
    error = _error({"outcomes": [{"verb": "apply", "level": 3}, {"verb": "x", "level": "high"}]})
    assert describe_validation_error(error) == (
        "title: Field required; outcomes.1.level: Input should be a valid integer, unable to parse string as an integer"
    )


def test_separator_and_limit():
    error = _error({"outcomes": [{"level": "high"}]})
    lines = describe_validation_error(error, "\n").splitlines()
    assert [line.split(":")[0] for line in lines] == ["title", "outcomes.0.verb", "outcomes.0.level"]
    assert describe_validation_error(error, limit=1) == "title: Field required"


def test_a_whole_object_problem_names_the_root():
    assert describe_validation_error(_error(["not", "a", "mapping"])).startswith("(root): ")


def test_a_model_validators_own_message_is_given_as_it_is():
    from assistant.schemas import CredentialBrief

    with pytest.raises(ValidationError) as caught:
        CredentialBrief.model_validate({"title": "Heat pumps", "eqf_level": 6})
    assert describe_validation_error(caught.value) == "eqf_level: did you mean level?"


def test_settings_are_named_as_the_variables_a_user_sets(monkeypatch, tmp_path):
    monkeypatch.setenv("OPPI_HOME", str(tmp_path))
    monkeypatch.setenv("OPPI_MAX_FILE_MB", "lots")
    with pytest.raises(OppiError, match=r"^Invalid setting: OPPI_MAX_FILE_MB='lots': Input should be a valid number"):
        load_settings(_env_file=None)
