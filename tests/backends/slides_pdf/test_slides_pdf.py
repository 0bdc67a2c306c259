"""The slides-pdf backend: the deck as a PDF, one slide a page."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from deckgen.backends.base import Job
from deckgen.backends.slides_pdf import SlidesPdfBackend
from deckgen.outline import load
from deckgen.theme import resolve

OUTLINE = Path(__file__).resolve().parents[3] / "content" / "space_race.yaml"


@pytest.fixture(scope="module")
def built():
    outline = load(OUTLINE)
    backend = SlidesPdfBackend()
    job = Job(outline, resolve(outline), {})
    deck = backend.layout(job)
    (out,) = backend.render(deck, job)
    return outline, deck, out


def test_one_page_per_slide_at_the_slide_size(built):
    outline, deck, out = built
    assert out.name == "space_race-slides.pdf"
    reader = PdfReader(io.BytesIO(out.data))
    assert len(reader.pages) == len(deck.slides)
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (
            deck.width,
            deck.height,
        )


def test_bookmark_per_slide_on_its_page(built):
    _, deck, out = built
    reader = PdfReader(io.BytesIO(out.data))
    assert len(reader.outline) == len(deck.slides)
    for i, item in enumerate(reader.outline):
        assert reader.get_destination_page_number(item) == i
        assert item.title.startswith(f"{i + 1}. ")


def test_metadata_and_fonts(built):
    outline, _, out = built
    reader = PdfReader(io.BytesIO(out.data))
    assert reader.metadata.title == outline.title.plain
    assert reader.metadata.creator == "deckgen"
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            desc = font.get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in desc


def test_deterministic(built):
    outline, deck, out = built
    again = SlidesPdfBackend().render(deck, Job(outline, resolve(outline), {}))[0]
    assert again.data == out.data


def test_aspect_follows_the_pptx_output():
    from deckgen.outline.model import Option

    outline = load(OUTLINE)
    outline = type(outline)(**{**outline.__dict__, "outputs": {"pptx": {"aspect": Option("4:3")}}})
    deck = SlidesPdfBackend().layout(Job(outline, resolve(outline), {}))
    assert (deck.width, deck.height) == (720.0, 540.0)


@pytest.mark.render
def test_each_page_shows_its_slide_text(built, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    _, deck, out = built
    pdf = tmp_path / "s.pdf"
    pdf.write_bytes(out.data)
    for i, slide in enumerate(deck.slides):
        text = subprocess.run(
            ["pdftotext", "-f", str(i + 1), "-l", str(i + 1), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        words = " ".join(text.split())
        boxes = [el for el in slide.elements if hasattr(el, "paragraphs")]
        first_line = " ".join("".join(r.text for r in boxes[0].paragraphs[0].lines[0].runs).split())
        assert first_line in words, (i, first_line, words[:200])


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["1. Quote", "2. Slide", "3. Moon (cont.)"]),
        ("ru", ["1. Цитата", "2. Слайд", "3. Moon (продолжение)"]),
        ("ja", ["1. Quote", "2. Slide", "3. Moon (cont.)"]),
    ],
)
def test_bookmarks_speak_the_outline_language(language, labels):
    from deckgen.backends.slides_pdf import slide_label
    from deckgen.layout.deck.model import Deck, Slide

    slides = (
        Slide("quote", "", (), "#FFFFFF"),
        Slide("bullets", "", (), "#FFFFFF"),
        Slide("bullets", "Moon", (), "#FFFFFF", continued=True),
    )
    deck = Deck(960, 540, slides, "Arimo", "Arimo", language=language)
    assert [slide_label(deck, i) for i in range(3)] == labels


def test_no_word_joiner_in_the_pdfs_text(built):
    # U+2060 only steers a renderer's breaks (the .pptx needs it); copied
    # from the PDF it would travel along invisibly ('nasa.gov/international-⁠space')
    _, deck, out = built
    assert any("\u2060" in tb.text for s in deck.slides for tb in s.elements if hasattr(tb, "text"))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(out.data)).pages)
    assert "\u2060" not in text
    assert "international-space-station" in text.replace("\n", "")
