"""`oppi ask` offline, as a new user runs it: no key, the built-in library, extractive answers
(the bundled model is never started)."""

from __future__ import annotations

from typer.testing import CliRunner

from assistant.cli import app


def ask(eval_home, question: str):
    env = {"OPPI_HOME": str(eval_home), "OPPI_CHAT_PROVIDER": "auto", "OPPI_CHAT_MODE": "auto", "OPENAI_API_KEY": ""}
    result = CliRunner().invoke(app, ["ask", question], env=env)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_hours_per_credit_in_finnish_with_its_citation(eval_home):
    output = ask(eval_home, "Kuinka monta tuntia yksi opintopiste on?")
    assert output.startswith("Kirjaston mukaan:")
    assert "1 op on noin 27 tuntia opiskelijan työtä. [1]" in output
    assert "[1] Mikrotutkinnot Suomessa" in output
    assert "extractive" in output


def test_verbs_to_avoid_are_listed_from_the_source(eval_home):
    output = ask(eval_home, "Which verbs should learning outcomes avoid?")
    assert "know, understand, learn; appreciate, be aware of, be familiar with" in output
    assert "Writing learning outcomes for micro-credentials › Verbs to avoid" in output
