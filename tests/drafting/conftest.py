"""Fixtures for the drafting tests: one checker and one composer (real bundled embeddings)."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.drafting.composer import Composer
from assistant.rules.checker import Checker


@pytest.fixture(scope="session")
def drafting_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(_env_file=None, home=tmp_path_factory.mktemp("oppi-drafting"), chat_provider="fake")


@pytest.fixture(scope="session")
def checker(drafting_settings: Settings) -> Checker:
    return Checker(drafting_settings)


@pytest.fixture(scope="session")
def composer(drafting_settings: Settings, checker: Checker) -> Composer:
    """The composer with the default embedding model (multilingual e5), as a planner without a key gets it."""
    return Composer(drafting_settings, checker)
