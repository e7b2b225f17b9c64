"""Briefs are validated strictly: an unknown key names the nearest known one."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assistant.schemas import CredentialBrief


@pytest.mark.parametrize("key, nearest", [("eqf_level", "level"), ("skills", "skill_needs"), ("ECTS", "ects"),
                                          ("lang", "language")])
def test_unknown_key_names_the_nearest(key: str, nearest: str) -> None:
    with pytest.raises(ValidationError, match=f"{key}: did you mean {nearest}\\?"):
        CredentialBrief.model_validate({"title": "t", key: 6})


def test_known_keys_pass() -> None:
    assert CredentialBrief.model_validate({"title": "t", "level": 6}).level == 6
