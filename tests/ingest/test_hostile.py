"""Hostile input: every file ends within 5 s, under 1 GB, with a result or a one-line error.

Each input runs in its own process so its time and peak memory are measured alone; the
builders recreate what probing found (a long run of "(" in a table cell, a 5,000-digit
number, 100,000-deep JSON, a DOCX that expands to 145 MB, unclosed XML that expands 1000-fold).
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.ingest.loaders import read_pages
from assistant.parsing import parse_file, parse_text
from assistant.rules.messages import note_text

ROOT = Path(__file__).resolve().parents[2]
_PROBE = """
import sys, time
from pathlib import Path
from assistant.config import Settings
from assistant.errors import OppiError
from assistant.services.checking import CheckingService
checker = CheckingService(Settings(_env_file=None))
start = time.perf_counter()
try:
    report = checker.check_file(Path(sys.argv[1]))
    outcome = f"report {len(report.findings)}"
except OppiError as error:
    outcome = "error " + str(error)
elapsed = time.perf_counter() - start
# The peak of this process's own memory (VmHWM): ru_maxrss would carry over the parent's peak,
# which Linux keeps across fork and exec.
rss = next(int(line.split()[1]) * 1024 for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(outcome.replace(chr(10), " / "))
print(f"{elapsed:.3f} {rss}")
"""


def _docx_with_body(path: Path, repeat: int, chunk: bytes = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>") -> Path:
    """A valid DOCX whose document.xml holds `repeat` copies of `chunk` (compresses to little)."""
    import docx

    base = path.with_suffix(".base.docx")
    docx.Document().save(str(base))
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                head, tail = data.split(b"<w:body>")
                data = head + b"<w:body>" + chunk * repeat + tail
            target.writestr(item, data)
    base.unlink()
    return path


def _bomb_140mb(path: Path) -> Path:
    return _docx_with_body(path, 140_000_000 // 33)


def _bomb_unclosed(path: Path) -> Path:
    """30 MB of unclosed XML in a few KB (under the size cap, over the expansion ratio)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:p>" * 6_000_000)
    return path


HOSTILE = {
    "parens.md": lambda p: p.write_text("| Title | " + "(" * 80_000 + " |\n| Credits | 5 op |\n", encoding="utf-8"),
    "bignumber.json": lambda p: p.write_text('{"ects": ' + "9" * 5000 + "}", encoding="utf-8"),
    "deep.json": lambda p: p.write_text('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8"),
    "deepform.json": lambda p: p.write_text('{"nimi": "x", "b": ' + '{"c": ' * 5000 + "1" + "}" * 5000 + "}", encoding="utf-8"),
    "paste.txt": lambda p: p.write_text(("Learning outcomes: Analyse (the data, and; the | results: " * 20_000)[:1_000_000], encoding="utf-8"),
    "oneline.txt": lambda p: p.write_text("Assessment: outcomes 1" + ", 1" * 300_000, encoding="utf-8"),
    "bomb.docx": _bomb_140mb,
    # Exports read since stop 24: a flow-nested YAML, an HTML page of unclosed tags, a CSV of
    # 100,000 quoted rows.
    "flow.txt": lambda p: p.write_text("title: x\nlevel:\n  value: " + "[" * 20_000 + "\n", encoding="utf-8"),
    "tags.txt": lambda p: p.write_text("<!DOCTYPE html><p>" + "<a" * 200_000, encoding="utf-8"),
    "rows.txt": lambda p: p.write_text('"field","value"\n' + '"outcome_1","Plan a route, then drive it"\n' * 100_000,
                                       encoding="utf-8"),
}  # fmt: skip


def _probe(path: Path) -> tuple[list[str], float, int]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(path.parent)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    *lines, figures = result.stdout.strip().splitlines()
    elapsed, rss = figures.split()
    return lines, float(elapsed), int(rss)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_ends_in_time_and_memory_with_one_line(tmp_path, name):
    path = tmp_path / name
    HOSTILE[name](path)
    lines, elapsed, rss = _probe(path)
    assert len(lines) == 1 and lines[0].startswith(("report ", "error ")), lines
    assert elapsed < 5.0, f"{name} took {elapsed:.1f} s"
    assert rss < 1_000_000_000, f"{name} peaked at {rss / 1e6:.0f} MB"


def test_docx_that_expands_past_the_cap_is_refused_before_parsing(tmp_path, settings):
    from assistant.errors import OppiError

    with pytest.raises(OppiError, match="expands to"):
        read_pages(_bomb_140mb(tmp_path / "bomb.docx"), settings)
    with pytest.raises(OppiError, match="zip bomb"):
        read_pages(_bomb_unclosed(tmp_path / "broken.docx"), settings)


def test_json_limits_are_one_line_errors(tmp_path, settings):
    from assistant.errors import OppiError

    for name, text, reason in [
        ("number.json", '{"ects": ' + "9" * 5000 + "}", "too long"),
        ("deep.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("nan.json", '{"ects": NaN}', "not a JSON value"),
    ]:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(OppiError, match=reason) as caught:
            parse_file(path, settings)
        assert "\n" not in str(caught.value)


def test_undecodable_pdf_characters_are_kept_visible_and_noted(tmp_path, settings, monkeypatch):
    from fixtures.make_files import make_pdf
    from pypdf import PageObject

    pdf = make_pdf(tmp_path / "fonts.pdf", ["Title: Artificial", "Credits: 5 op"])
    texts = iter(["Title: Arti\x00cial Intelligence\nCode: ISYS\x00\x00\x00\x00", "Credits: 5 op"])
    # The font without a Unicode map is simulated at pypdf's seam: it returns NUL per glyph.
    monkeypatch.setattr(PageObject, "extract_text", lambda self, *a, **k: next(texts))
    pages = read_pages(pdf, settings)
    assert pages[0][1].count("\ufffd") == 5 and "\x00" not in pages[0][1]
    parsed = parse_text("\f".join(text for _, text in pages))
    assert parsed.credential.title == "Arti\ufffdcial Intelligence"
    assert "page 1: 5 characters could not be decoded" in " ".join(english(parsed.notes))


def test_index_keeps_the_good_files_and_lists_the_hostile_ones(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.md").write_text("## Workload\n\nOne credit is 27 hours in Finland.\n", encoding="utf-8")
    HOSTILE["bignumber.json"](docs / "bignumber.json")
    HOSTILE["deep.json"](docs / "deep.json")
    _bomb_140mb(docs / "bomb.docx")
    result = CliRunner().invoke(app, ["index", str(docs)], env={"OPPI_HOME": str(tmp_path / "home")})
    assert result.exit_code == 0, result.output
    failed = [line for line in result.output.splitlines() if line.startswith("✗")]
    for name, reason in [("bignumber.json", "too long"), ("deep.json", "nested too deeply"), ("bomb.docx", "expands")]:
        assert any(name in line and reason in line for line in failed), (name, result.output)
    assert len(failed) == 3 and "Traceback" not in result.output
    assert "4 files" in result.output and "3 errors" in result.output


def english(notes) -> list[str]:
    """Parse notes as the English report says them."""
    return [note_text(note, "en") for note in notes]
