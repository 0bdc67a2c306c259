"""The article handout as a PDF: bookmarks, metadata, text order, fonts, links,
page count, determinism."""

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from deckgen.backends.base import Job
from deckgen.backends.handout import HandoutBackend

sys.path.insert(0, str(Path(__file__).parent))
import sample  # noqa: E402


def build(outline, theme="default", **options) -> bytes:
    backend = HandoutBackend()
    job = Job(outline, sample.theme(theme), options)
    (out,) = backend.render(backend.layout(job), job)
    assert out.name == "talk-handout.pdf"
    return out.data


@pytest.fixture(scope="module")
def five() -> bytes:
    return build(sample.outline(5))


def outline_titles(reader: PdfReader) -> list[str]:
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def test_bookmark_for_every_section_and_back_matter(five):
    reader = PdfReader(io.BytesIO(five))
    titles = outline_titles(reader)
    outline = sample.outline(5)
    expected = [f"{i}  {s.title.plain}" for i, s in enumerate(outline.sections, 1)]
    assert titles == [*expected, "Key dates", "Further reading"]
    # each bookmark points at the page where its heading is printed
    for item in reader.outline:
        page = reader.get_destination_page_number(item)
        text = reader.pages[page].extract_text()
        assert item.title.split("  ")[-1] in text


def test_metadata(five):
    reader = PdfReader(io.BytesIO(five))
    meta = reader.metadata
    assert meta.title == "The Space Race: from rivalry to cooperation"
    assert meta.author == "A. Lecturer"
    assert meta.subject.startswith("From Cold War rivalry")
    assert meta.creator == "deckgen"
    assert "Section 1: the story goes on" in meta["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_fonts_embedded_and_subset(five):
    reader = PdfReader(io.BytesIO(five))
    fonts = {}
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            f = f.get_object()
            fonts[str(f["/BaseFont"])] = f
    assert fonts
    for name, font in fonts.items():
        assert re.match(r"^/[A-Z]{6}\+", name), name  # subset tag
        desc = font.get("/FontDescriptor")
        assert desc is not None and "/FontFile2" in desc.get_object(), name


def test_links_are_clickable(five):
    reader = PdfReader(io.BytesIO(five))
    uris = set()
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                uris.add(action["/URI"])
    assert {
        "https://www.nasa.gov/",
        "https://history.nasa.gov/",
        "https://example.org/space-race",
    } <= uris


def test_deterministic_bytes():
    outline = sample.outline(3)
    assert build(outline) == build(outline)


def test_page_count_grows_linearly_with_sections():
    pages = {
        n: len(PdfReader(io.BytesIO(build(sample.outline(n, images=False)))).pages)
        for n in (10, 20, 40)
    }
    step1 = pages[20] - pages[10]
    step2 = pages[40] - pages[20]
    assert step1 > 0
    assert step2 == pytest.approx(2 * step1, rel=0.25), pages


@pytest.mark.parametrize("paper,size", [("A4", (595, 842)), ("Letter", (612, 792))])
def test_paper(paper, size):
    reader = PdfReader(io.BytesIO(build(sample.outline(1), paper=paper)))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def pdftotext(data: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = tmp_path / "h.pdf"
    pdf.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    )
    return out.stdout


def _squash(s: str) -> str:
    # undo hyphenation at line ends and layout spacing
    s = re.sub(r"-\n\s*", "", s)
    return re.sub(r"\s+", " ", s)


@pytest.mark.render
@pytest.mark.parametrize("theme", ["default", "print", "midnight"])
def test_pdftotext_gives_every_section_in_reading_order(theme, tmp_path):
    outline = sample.outline(6)
    text = _squash(pdftotext(build(outline, theme, notes_lines=True), tmp_path))
    cursor = 0
    for section in outline.sections:
        for piece in [
            section.title.plain,
            section.summary[0].plain[:60],
            section.summary[1].plain[-40:],
            section.quote.text.plain[:30],
            section.points[0].text.plain,
            section.points[1].points[1].plain,
        ]:
            found = text.find(piece, cursor)
            assert found >= 0, (piece, text[cursor : cursor + 300])
            cursor = found
    for tail in ("Key dates", "Event 12 (Союз)", "Further reading", "Roscosmos (Роскосмос)"):
        found = text.find(tail, cursor)
        assert found >= 0, tail
        cursor = found
    total = len(PdfReader(io.BytesIO(build(outline, theme, notes_lines=True))).pages)
    assert f"page 1 of {total}" in text and f"page {total} of {total}" in text
    assert "Юрий Гагарин" in text


def test_speaker_notes_option_prints_each_sections_notes():
    outline = sample.outline(2)
    plain = PdfReader(io.BytesIO(build(outline))).pages
    with_notes = PdfReader(io.BytesIO(build(outline, speaker_notes=True))).pages
    text = " ".join(p.extract_text() for p in with_notes)
    assert "SPEAKER NOTES" in text
    assert text.count("Speaker notes for this section") == 2
    assert "Speaker notes for this section" not in " ".join(p.extract_text() for p in plain)
