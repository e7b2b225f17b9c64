"""Each loader reads its format; every kind of bad input gets a one-line reason."""

from __future__ import annotations

import json

import pytest
from fixtures.make_files import make_docx, make_pdf, make_scanned_pdf

from assistant.errors import OppiError
from assistant.ingest.chunking import load_file
from assistant.ingest.loaders import read_pages


def test_pdf_text_is_read_per_page_with_page_numbers(tmp_path, settings):
    path = make_pdf(tmp_path / "guide.pdf", ["Workload is stated in ECTS.", "One credit is 27 hours."])
    pages = read_pages(path, settings)
    assert [number for number, _ in pages] == [1, 2]
    assert "27 hours" in pages[1][1]
    chunks = load_file(path, settings).chunks
    assert {c.metadata["page"] for c in chunks} == {1, 2}


def test_markdown_keeps_front_matter_and_section_path(tmp_path, settings):
    path = tmp_path / "guidelines" / "outcomes.md"
    path.parent.mkdir()
    path.write_text(
        "---\ntitle: Writing outcomes\nversion: '2.1'\n---\n# Writing outcomes\n\n"
        "## Verbs\n\n### Verbs to avoid\n\nDo not use know or understand.\n\nChecks: C07\n\n"
        "## Structure\n\nVerb, object and context.\n",
        encoding="utf-8",
    )
    loaded = load_file(path, settings, root=tmp_path)
    sections = [c.metadata["section"] for c in loaded.chunks]
    assert sections == ["Verbs > Verbs to avoid", "Structure"]
    first = loaded.chunks[0].metadata
    assert (first["doc_id"], first["title"], first["kind"], first["version"]) == (
        "guidelines/outcomes", "Writing outcomes", "guideline", "2.1"
    )
    assert first["checks"] == "C07" and loaded.chunks[1].metadata["checks"] == ""
    assert len(first["sha256"]) == 64 and first["lang"] == "en"


def test_plain_text_language_is_detected(tmp_path, settings):
    path = tmp_path / "muistio.txt"
    path.write_text(
        "Opiskelija osaa analysoida logistiikan prosesseja ja arvioida niiden kehittämistarpeita "
        "työelämän kanssa yhdessä.",
        encoding="utf-8",
    )
    loaded = load_file(path, settings)
    assert loaded.lang == "fi" and loaded.kind == "other"
    assert loaded.chunks[0].metadata["page"] == 0


def test_docx_headings_become_sections(tmp_path, settings):
    path = make_docx(
        tmp_path / "handbook.docx",
        [("h1", "QA handbook"), ("h2", "Assessment"), ("p", "Criteria are published in advance."),
         ("h2", "Feedback"), ("li", "Learners give feedback after every credential.")],
    )
    loaded = load_file(path, settings)
    assert loaded.title == "QA handbook"
    assert [c.metadata["section"] for c in loaded.chunks] == ["Assessment", "Feedback"]


def test_json_credential_is_rendered_and_kept_whole(tmp_path, settings):
    path = tmp_path / "credentials" / "logistics.json"
    path.parent.mkdir()
    path.write_text(json.dumps({
        "title": "Green logistics", "awarding_body": "Example UAS", "ects": 5, "hours": 135,
        "language": "en", "outcomes": [{"text": "The learner can calculate the carbon footprint of a delivery route."}],
    }), encoding="utf-8")
    loaded = load_file(path, settings, root=tmp_path)
    assert loaded.kind == "credential" and loaded.title == "Green logistics"
    # A past credential is one chunk: its field sections mean little alone.
    assert len(loaded.chunks) == 1 and loaded.chunks[0].metadata["section"] == ""
    text = loaded.chunks[0].page_content
    for heading in ("## Awarding body", "## Workload", "5 ECTS (135 hours)", "## Learning outcomes", "carbon footprint"):
        assert heading in text


@pytest.mark.parametrize(
    ("name", "build", "reason"),
    [
        ("locked.pdf", lambda p: make_pdf(p, ["secret"], encrypt="pw"), "encrypted"),
        ("broken.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj <<\n garbage"), "corrupt PDF"),
        ("scan.pdf", make_scanned_pdf, "no text layer"),
        ("empty.md", lambda p: p.write_bytes(b""), "empty"),
        ("blank.txt", lambda p: p.write_bytes(b"   \n\n"), "empty"),
        ("image.md", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary"),
        ("latin1.txt", lambda p: p.write_bytes("Kohderyhmä: työelämä".encode("latin-1")), "not UTF-8"),
        ("broken.docx", lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "not a DOCX"),
        ("bad.json", lambda p: p.write_text("{not json", encoding="utf-8"), "not valid JSON"),
        ("other.json", lambda p: p.write_text('{"outcomes": 5}', encoding="utf-8"), "not an Oppi credential"),
        ("slides.pptx", lambda p: p.write_bytes(b"PK"), "unsupported file type"),
    ],
)
def test_bad_input_gets_a_one_line_reason(tmp_path, settings, name, build, reason):
    path = tmp_path / name
    build(path)
    with pytest.raises(OppiError) as caught:
        read_pages(path, settings)
    message = str(caught.value)
    assert name in message and reason in message and "\n" not in message


def test_file_over_the_size_limit_is_refused(tmp_path, settings):
    path = tmp_path / "huge.txt"
    path.write_text("x" * 3_000, encoding="utf-8")
    small_limit = settings.model_copy(update={"max_file_mb": 0.001})
    with pytest.raises(OppiError, match="over the size limit of 0.001 MB"):
        read_pages(path, small_limit)


def test_a_docx_table_is_read_where_it_stands(tmp_path, settings):
    import docx

    document = docx.Document()
    document.add_heading("Learning outcomes", level=2)
    document.add_paragraph("The learner can")
    table = document.add_table(rows=0, cols=2)
    for number, text in (("1", "plan a blade inspection flight"), ("2", "classify blade damage")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = number, text
    document.add_heading("Quality assurance", level=2)
    document.add_paragraph("The university's audited quality system.")
    path = tmp_path / "draft.docx"
    document.save(str(path))
    text = read_pages(path, settings)[0][1]
    assert text.index("1\tplan a blade") < text.index("## Quality assurance")
