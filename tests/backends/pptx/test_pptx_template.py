"""A user's .pptx/.potx template: its masters and layouts used, its own slides gone."""

from __future__ import annotations

import copy
import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Pt
from pptx_support import assert_clean_package, audit, make_theme, open_pptx, png_file, sample_deck

import deckgen.layout.deck.layout as deck_layout
from deckgen.backends.base import Job
from deckgen.backends.pptx import PptxBackend
from deckgen.backends.pptx.template import LayoutPicker, user_presentation
from deckgen.backends.pptx.writer import DocumentInfo, write_deck
from deckgen.errors import BackendError, Location
from deckgen.layout.deck.model import Deck
from deckgen.outline.model import Option, Outline, Section, Text

SECRET = "Template sample slide text"


def make_template(folder: Path, *, rename: bool = False, potx: bool = False) -> Path:
    """A template unlike python-pptx's default: a logo shape on the master, its
    "Title and Content" title moved and shrunk, its layouts reordered (so that
    choosing by index would pick the wrong one), and two slides of its own with
    notes and a picture, which must not survive."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(800), Pt(600)
    master = prs.slide_masters[0]
    content = master.slide_layouts.get_by_name("Title and Content")
    content.placeholders[0].left, content.placeholders[0].top = Pt(100), Pt(40)
    content.placeholders[0].width, content.placeholders[0].height = Pt(600), Pt(70)
    layouts = master.slide_layouts._sldLayoutIdLst
    layouts.insert(0, layouts[-1])  # "Vertical Title and Text" first, the rest shifted
    if rename:
        for layout in master.slide_layouts:
            layout.name = "Diseño " + layout.name.replace(" ", "-")
    picture = png_file(folder / "template-picture.png", color=(0, 128, 0))
    for i in range(2):
        slide = prs.slides.add_slide(content)
        if i == 0:  # master shapes have no add_shape(): draw it on a slide, copy it over
            logo = slide.shapes.add_shape(1, Pt(700), Pt(20), Pt(80), Pt(30))
            logo.name = "Template logo"
            element = copy.deepcopy(logo._element)
            element.nvSpPr.cNvPr.id = 900
            master.shapes._spTree.append(element)
        slide.shapes.title.text = f"{SECRET} {i}"
        slide.shapes.add_picture(str(picture), Pt(50), Pt(200))
        slide.notes_slide.notes_text_frame.text = f"{SECRET} notes {i}"
    path = folder / ("corporate.potx" if potx else "corporate.pptx")
    prs.save(path)
    if potx:
        data = path.read_bytes()
        zin = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zout:
            for info in zin.infolist():
                blob = zin.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    blob = blob.replace(b"presentation.main+xml", b"template.main+xml")
                zout.writestr(info, blob)
        path.write_bytes(out.getvalue())
    return path


def render_with(template: Path, deck: Deck) -> bytes:
    theme = make_theme()
    return write_deck(
        deck,
        user_presentation(template),
        DocumentInfo("Talk"),
        template_background=theme.colors.background,
    )


@pytest.mark.parametrize("potx", [False, True])
def test_user_template_is_honoured_and_its_slides_removed(tmp_path, image, potx):
    template = make_template(tmp_path, potx=potx)
    deck = sample_deck(image, width=800.0)
    data = render_with(template, deck)
    prs = open_pptx(data)
    assert (prs.slide_width, prs.slide_height) == (Pt(800), Pt(600))
    assert len(prs.slides) == len(deck.slides)
    assert [s.shapes.title.text for s in prs.slides] == [s.title for s in deck.slides]
    # chosen by name although the template reordered its layouts
    assert [s.slide_layout.name for s in prs.slides] == [
        "Title Slide",
        "Title and Content",
        "Two Content",
        "Title Only",
        "Section Header",
        "Title Only",
    ]
    assert "Template logo" in [s.name for s in prs.slides[0].slide_layout.slide_master.shapes]
    # nothing of the template's own slides is left: no text, no notes, no picture
    z = zipfile.ZipFile(io.BytesIO(data))
    assert not [n for n in z.namelist() if SECRET.encode() in z.read(n)]
    assert len([n for n in z.namelist() if n.startswith("ppt/media/")]) == 1
    assert b"template.main+xml" not in z.read("[Content_Types].xml")
    assert_clean_package(data)
    assert audit(data, tmp_path) == ""


def test_template_geometry_reports_its_placeholder_boxes(tmp_path):
    prs = user_presentation(make_template(tmp_path))
    geometry = LayoutPicker(prs).geometry(800.0, 600.0)
    assert geometry.from_template and (geometry.width, geometry.height) == (800.0, 600.0)
    bullets = geometry.boxes("bullets")
    assert (bullets.title.x, bullets.title.y, bullets.title.w, bullets.title.h) == (
        100.0,
        40.0,
        600.0,
        70.0,
    )
    assert bullets.body is not None and bullets.subtitle is None
    title = geometry.boxes("title")
    assert title.title is not None and title.subtitle is not None
    assert geometry.boxes("timeline").body is None  # "Title Only"


def test_layouts_found_by_placeholder_type_when_names_are_unknown(tmp_path):
    picker = LayoutPicker(user_presentation(make_template(tmp_path, rename=True)))
    assert picker.for_kind("title").name == "Diseño Title-Slide"
    assert picker.for_kind("bullets").name == "Diseño Title-and-Content"
    assert picker.for_kind("two-column").name == "Diseño Two-Content"
    assert picker.for_kind("timeline").name == "Diseño Title-Only"


def test_a_broken_template_is_an_error_at_the_option_line(tmp_path):
    bad = tmp_path / "broken.pptx"
    bad.write_bytes(b"not a zip")
    where = Location(str(tmp_path / "talk.yaml"), 7, 15)
    job = _job(tmp_path, bad, where)
    with pytest.raises(BackendError) as err:
        PptxBackend().layout(job)
    assert err.value.location == where
    assert "broken.pptx" in str(err.value)


def test_backend_layout_passes_the_template_geometry(tmp_path, monkeypatch):
    seen = {}

    def fake_layout(outline, theme, geometry, talk=None):
        seen["geometry"] = geometry
        return Deck(geometry.width, geometry.height, (), "Arimo", "Arimo")

    monkeypatch.setattr(deck_layout, "layout_deck", fake_layout)
    template = make_template(tmp_path)
    PptxBackend().layout(_job(tmp_path, template, Location("talk.yaml", 3, 5)))
    assert seen["geometry"].from_template and seen["geometry"].width == 800.0
    PptxBackend().layout(_job(tmp_path, None, Location("talk.yaml", 3, 5), aspect="4:3"))
    assert (seen["geometry"].width, seen["geometry"].from_template) == (720.0, False)


def _job(folder: Path, template: Path | None, where: Location, aspect: str | None = None) -> Job:
    """A job whose outline gives `outputs.pptx:` (the deck's options) at `where`."""
    pptx = {}
    if template is not None:
        pptx["template"] = Option(str(template.relative_to(folder)), where)
    if aspect is not None:
        pptx["aspect"] = Option(aspect, where)
    outline = Outline(
        path=folder / "talk.yaml",
        title=Text.of("Talk"),
        sections=(Section("one", Text.of("One"), summary=(Text.of("x"),)),),
        outputs={"pptx": pptx} if pptx else {},
    )
    return Job(outline, make_theme(), {})


def test_an_aspect_the_template_cannot_honour_is_a_warning(tmp_path, monkeypatch):
    def fake_layout(outline, theme, geometry, talk=None):
        return Deck(geometry.width, geometry.height, (), "Arimo", "Arimo")

    monkeypatch.setattr(deck_layout, "layout_deck", fake_layout)
    job = _job(tmp_path, make_template(tmp_path), Location("talk.yaml", 3, 5))
    where = Location("talk.yaml", 4, 13)
    pptx = {**job.outline.outputs["pptx"], "aspect": Option("16:9", where)}
    outline = replace(job.outline, outputs={"pptx": pptx})
    deck = PptxBackend().layout(Job(outline, job.theme, {}))
    [warning] = deck.diagnostics
    assert warning.severity == "warning" and warning.location == where
    assert "800 x 600 pt" in warning.message


def test_fonts_powerpoint_may_lack_are_a_warning(tmp_path, monkeypatch):
    def fake_layout(outline, theme, geometry, talk=None):
        return Deck(geometry.width, geometry.height, (), "Arimo", "PT Serif")

    monkeypatch.setattr(deck_layout, "layout_deck", fake_layout)
    deck = PptxBackend().layout(_job(tmp_path, None, Location("talk.yaml", 1, 1)))
    [warning] = deck.diagnostics
    assert warning.severity == "warning" and "'PT Serif'" in warning.message
