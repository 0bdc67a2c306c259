"""The sample deck as PowerPoint reads it: what a lecturer editing it
afterwards and a screen-reader user meet (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from deckgen.build import build

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "content" / "space_race.yaml"
NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}
DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"


@pytest.fixture(scope="module")
def prs(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    report = build([SAMPLE], formats="pptx", out_dir=out)
    assert report.ok, [d.message for d in report.diagnostics]
    return Presentation(str(out / "space_race.pptx"))


def test_the_title_slide_carries_the_outlines_notes(prs):
    slide = prs.slides[0]
    assert slide.has_notes_slide
    assert slide.notes_slide.notes_text_frame.text.startswith("Welcome everyone.")


def test_body_placeholders_shrink_on_overflow_other_text_does_not(prs):
    bodies = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            body_pr = shape._element.find("./p:txBody/a:bodyPr", NS)
            if body_pr is None:
                continue
            ph = shape._element.find(".//p:ph", NS)
            if ph is not None and ph.get("type", "body") == "body":
                bodies += 1
                fit = body_pr.find("a:normAutofit", NS)
                # shrink on edit, nothing shrunk now: deckgen's text fits at 100 %
                assert fit is not None and fit.get("fontScale") is None, slide.slide_id
            else:
                assert body_pr.find("a:noAutofit", NS) is not None
    assert bodies > 10


def test_the_accent_rule_is_marked_decorative(prs):
    rules = [s for slide in prs.slides for s in slide.shapes if s.name == "Accent rule"]
    assert rules
    for rule in rules:
        ext = rule._element.find("./p:nvSpPr/p:cNvPr/a:extLst/a:ext", NS)
        assert ext is not None and ext.get("uri") == DECORATIVE


@pytest.mark.parametrize("theme", ["print", "default"])
def test_print_pictures_are_greyscale_in_pptx_and_slides_pdf(tmp_path, theme):
    import io

    from PIL import Image
    from pypdf import PdfReader

    report = build([SAMPLE], formats="pptx,slides-pdf", theme=theme, out_dir=tmp_path)
    assert report.ok
    deck = Presentation(str(tmp_path / "space_race.pptx"))
    modes = set()
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.shape_type == 13:  # a picture
                with Image.open(io.BytesIO(shape.image.blob)) as img:
                    modes.add(img.mode)
    spaces = set()
    for page in PdfReader(tmp_path / "space_race-slides.pdf").pages:
        for image in page.images:
            spaces.add(image.image.mode)
    assert modes and spaces
    if theme == "print":
        assert modes <= {"L", "LA"} and spaces <= {"L", "LA"}, (modes, spaces)
    else:
        assert modes - {"L", "LA"}  # the other themes keep their colours


def test_the_cover_is_cropped_around_its_focus(prs):
    """The sample's cover names its satellite as focus ([0.71, 0.3]): the
    crop keeps it well inside the title slide's picture."""
    (pic,) = [s for s in prs.slides[0].shapes if s.name == "Cover picture"]
    left, right = pic.crop_left, pic.crop_right
    assert left + 0.05 < 0.71 < 1 - right - 0.05


def test_a_quotes_attribution_is_in_the_quotes_own_text_frame(prs):
    quotes = [s for slide in prs.slides for s in slide.shapes if s.name == "Quote"]
    assert quotes
    for q in quotes:
        paragraphs = q.text_frame.paragraphs
        assert len(paragraphs) == 2 and paragraphs[1].text.startswith("— ")
    assert not [s for slide in prs.slides for s in slide.shapes if s.name == "Attribution"]


PANDOC = ROOT / "tests" / "fixtures" / "templates" / "pandoc-reference.pptx"


def test_pandocs_reference_template_keeps_its_size_and_the_layout_scales(tmp_path):
    """Pandoc's reference.pptx (`pandoc -o ref.pptx --print-default-data-file
    reference.pptx`, committed): 720 x 405 pt, Google Slides' 16:9 too. The
    sample builds on it, timeline included, every shape on the slide."""
    import shutil

    for item in (ROOT / "content").iterdir():
        target = tmp_path / item.name
        shutil.copytree(item, target) if item.is_dir() else shutil.copy(item, target)
    shutil.copy(PANDOC, tmp_path / "ref.pptx")
    out = tmp_path / "out"
    report = build(
        [tmp_path / "space_race.yaml"],
        formats="pptx",
        out_dir=out,
        sets=["outputs.pptx.template=ref.pptx"],
    )
    assert report.ok, [d.message for d in report.diagnostics]
    deck = Presentation(str(out / "space_race.pptx"))
    template = Presentation(str(PANDOC))
    assert (deck.slide_width, deck.slide_height) == (template.slide_width, template.slide_height)
    assert (deck.slide_width / 12700, deck.slide_height / 12700) == (720, 405)
    timeline = 0
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, shape.name
            assert shape.left + shape.width <= deck.slide_width + 12700, shape.name
            assert shape.top + shape.height <= deck.slide_height + 12700, shape.name
            timeline += shape.name.startswith("Timeline")
    assert timeline >= 2


def test_titles_break_the_same_in_pptx_and_slides_pdf(tmp_path):
    """A title of several lines is balanced (no single word left on its last
    line) and written with explicit breaks: PowerPoint and LibreOffice break it
    where slides-pdf draws its lines (the layout's, drawn as they are)."""
    import deckgen
    import deckgen.outline
    from deckgen.backends import registry
    from deckgen.backends.base import Job
    from deckgen.layout.deck.model import TextBox

    report = build([SAMPLE], formats="pptx", out_dir=tmp_path)
    assert report.ok
    prs = Presentation(str(tmp_path / "space_race.pptx"))
    outline = deckgen.outline.load(SAMPLE)
    drawn = registry.load("slides-pdf").layout(Job(outline, deckgen.resolve_theme(outline), {}))
    broken = 0
    for slide, planned in zip(prs.slides, drawn.slides, strict=True):
        title = slide.shapes.title
        (box,) = [e for e in planned.elements if isinstance(e, TextBox) and e.role == "title"][:1]
        pdf_lines = [
            "".join(r.text for r in line.runs).rstrip(" ")
            for p in box.paragraphs
            for line in p.lines
        ]
        if title is None or "\v" not in title.text:
            continue
        broken += 1
        lines = title.text.replace("\n", "\v").split("\v")
        assert lines == pdf_lines
        assert len(lines[-1].split()) >= 2, lines  # no single word alone
    assert broken >= 3


def test_an_address_wider_than_its_column_breaks_after_a_seam_explicitly(prs):
    # the references' long Wikipedia address: cut after '/', written as a:br
    found = []
    for slide in prs.slides:
        for shape in slide.shapes:
            for p in shape._element.iterfind(".//a:p", NS):
                parts = [
                    "\n" if el.tag.endswith("}br") else (el.findtext("a:t", "", NS))
                    for el in p
                    if el.tag.endswith(("}r", "}br"))
                ]
                text = "".join(parts)
                if "Lists_of_human_spaceflights" in text:
                    found.append(text)
    assert found, "the long address is on no slide"
    for text in found:
        head, _, tail = text.rpartition("\n")
        assert head.endswith("/") and tail == "Lists_of_human_spaceflights", text


def test_runs_say_bold_and_italic_rather_than_inherit_them(prs):
    # the divider's kicker 'Section 1 / 5' is a plain run in a (bold) title placeholder
    runs = [r for s in prs.slides for r in s._element.iterfind(".//a:r/a:rPr", NS)]
    assert runs and all(r.get("b") in ("0", "1") and r.get("i") in ("0", "1") for r in runs)
