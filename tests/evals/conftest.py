"""Fixtures for the eval tests: the built-in corpus indexed once per session into a tmp home."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import BUILTIN_CORPUS, Settings
from assistant.index.indexer import Indexer


@pytest.fixture(scope="session")
def eval_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """OPPI_HOME with the built-in corpus and the bundled embedding model (~25 s, once)."""
    home = tmp_path_factory.mktemp("eval-home")
    summary = Indexer(Settings(_env_file=None, home=home)).index_paths([BUILTIN_CORPUS])
    assert summary.errors == []
    return home


@pytest.fixture
def oppi_eval(eval_home: Path, tmp_path: Path):
    """Run `oppi eval ...` through the real CLI with the session's home and a tmp runs dir."""

    def invoke(*args: str, home: Path | None = None):
        env = {"OPPI_HOME": str(home or eval_home), "OPPI_CHAT_PROVIDER": "fake", "OPENAI_API_KEY": ""}
        return CliRunner().invoke(app, ["eval", *args], env=env)

    invoke.runs_dir = tmp_path / "runs"
    invoke.home = eval_home
    return invoke
