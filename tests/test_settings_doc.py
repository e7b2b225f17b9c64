"""The README's settings table is made from `Settings`; when they drift apart, this fails."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.settings_doc import END, README, START, main, settings_table, with_table


def test_readme_table_matches_settings():
    text = README.read_text(encoding="utf-8")
    assert with_table(text) == text, "README.md is out of date: run python -m assistant.settings_doc"


def test_every_setting_has_a_row():
    table = settings_table()
    assert len(table.splitlines()) == 2 + len(Settings.model_fields)
    assert "| `OPPI_MAX_FILE_MB` | `50` |" in table
    assert "| `OPENAI_API_KEY` or `OPPI_OPENAI_API_KEY` | unset |" in table


def test_check_fails_on_a_stale_table_and_writing_mends_it(tmp_path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text(f"# X\n\n{START}\n| variable | default | what it does |\n| `OPPI_OLD` | 1 | gone |\n{END}\n\nAfter.\n",
                      encoding="utf-8")
    assert main(["--check", "--readme", str(readme)]) == 1
    assert "out of date" in capsys.readouterr().out
    assert main(["--readme", str(readme)]) == 0
    assert main(["--check", "--readme", str(readme)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert "OPPI_OLD" not in text and text.endswith(f"{END}\n\nAfter.\n") and "`OPPI_TOP_K`" in text


def test_missing_markers_are_named():
    with pytest.raises(ValueError, match="settings-table:start"):
        with_table("# README without markers\n")
