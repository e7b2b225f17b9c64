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


def test_a_stopped_chroma_server_is_named_not_an_empty_library(tmp_path):
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    result = CliRunner().invoke(app, ["search", "x"], env={"OPPI_HOME": str(tmp_path / "h"), "OPPI_CHROMA_URL": url})
    assert result.exit_code == 2
    assert "Cannot reach the Chroma server" in result.output and url in result.output
    assert "empty" not in result.output


def test_a_store_that_fails_after_connecting_is_an_error_not_emptiness(settings):
    """The server went away between two calls: the error names the cause; only a missing
    collection reads as 'nothing indexed yet'."""
    import httpx
    import pytest
    from chromadb.errors import NotFoundError

    from assistant.errors import OppiError
    from assistant.index.store import existing_collection, recorded_model

    class Client:
        def __init__(self, error):
            self.error = error

        def get_collection(self, name):
            raise self.error

    assert existing_collection(Client(NotFoundError("no such collection")), settings) is None
    with pytest.raises(OppiError, match="Cannot read the library .*Connection refused"):
        recorded_model(Client(httpx.ConnectError("[Errno 111] Connection refused")), settings)
