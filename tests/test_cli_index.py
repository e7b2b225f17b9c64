"""`oppi index` names each bad file with its reason, keeps going, and fails only with --strict."""

from __future__ import annotations

from fixtures.make_files import make_pdf, make_scanned_pdf
from typer.testing import CliRunner

from assistant.cli import app


def test_bad_inputs_get_one_line_each_and_the_rest_index(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.md").write_text("## Workload\n\nOne credit is 27 hours in Finland.\n", encoding="utf-8")
    make_pdf(docs / "locked.pdf", ["secret"], encrypt="pw")
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    make_scanned_pdf(docs / "scan.pdf")
    (docs / "empty.txt").write_bytes(b"")
    (docs / "photo.md").write_bytes(b"\x00\x01\x02binary")
    (docs / "latin.txt").write_bytes("työ".encode("latin-1"))
    (docs / "big.md").write_text("x" * 20_000, encoding="utf-8")
    env = {"OPPI_HOME": str(tmp_path / "home"), "OPPI_MAX_FILE_MB": "0.01"}

    result = CliRunner().invoke(app, ["index", str(docs)], env=env)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("✗")]
    expected = {"locked.pdf": "encrypted", "broken.pdf": "corrupt PDF", "scan.pdf": "no text layer",
                "empty.txt": "empty", "photo.md": "binary", "latin.txt": "not UTF-8", "big.md": "size limit"}
    assert len(lines) == len(expected)
    for name, reason in expected.items():
        assert any(name in line and reason in line for line in lines), (name, result.output)
    assert "8 files: 1 chunks added" in result.output and "7 errors" in result.output

    strict = CliRunner().invoke(app, ["index", str(docs), "--strict"], env=env)
    assert strict.exit_code == 1


def test_search_before_indexing_says_what_to_do(tmp_path):
    result = CliRunner().invoke(app, ["search", "credits"], env={"OPPI_HOME": str(tmp_path / "h")})
    assert result.exit_code == 2
    assert "Run `oppi index` first" in result.output and "Traceback" not in result.output


def test_a_wrong_setting_is_named_without_a_traceback(tmp_path):
    env = {"OPPI_HOME": str(tmp_path / "h"), "OPPI_EMBEDDING_PROVIDER": "bogus", "OPPI_TOP_K": "abc"}
    result = CliRunner().invoke(app, ["search", "credits"], env=env)
    assert result.exit_code == 2
    assert "OPPI_EMBEDDING_PROVIDER='bogus'" in result.output and "OPPI_TOP_K='abc'" in result.output
    assert "Traceback" not in result.output
