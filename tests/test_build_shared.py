"""One build, one plan: the deck laid out once for every output that shows it,
options typed once, each picture decoded once (issue 9, items 4 and 6)."""

from __future__ import annotations

import io
import shutil
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image, ImageFile
from pptx import Presentation
from pypdf import PdfReader

import deckgen.backends.handout as handout_backend
import deckgen.layout.deck.layout as deck_layout
import deckgen.outline.paths
from deckgen import images
from deckgen.build import build
from deckgen.layout.handout.options import HandoutOptions

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "space_race.yaml"
PICTURES = sorted(p.name for p in (ROOT / "content" / "images").glob("*.png"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The sample built as pptx, slides-pdf and a slides-mode handout, counting
    deck layouts, picture decodes and what the handout's layout was given."""
    out = tmp_path_factory.mktemp("out")
    seen: dict = {"layouts": 0, "decoded": Counter(), "handout options": []}
    real_layout, real_load = deck_layout.layout_deck, ImageFile.ImageFile.load
    real_handout = handout_backend.layout_handout

    def layout_deck(*args, **kwargs):
        seen["layouts"] += 1
        return real_layout(*args, **kwargs)

    def load(self):
        seen["decoded"][Path(getattr(self, "filename", "") or "<memory>").name] += 1
        return real_load(self)

    def layout_handout(outline, theme, options, *rest):
        seen["handout options"].append(options)
        return real_handout(outline, theme, options, *rest)

    # Decoded pictures are cached per process: start this build cold.
    for cached in (deckgen.outline.paths._decode_problem, images._normalise, images._reader):
        cached.cache_clear()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(deck_layout, "layout_deck", layout_deck)
        mp.setattr(ImageFile.ImageFile, "load", load)
        mp.setattr(handout_backend, "layout_handout", layout_handout)
        report = build(
            [SAMPLE],
            formats="pptx,slides-pdf,handout",
            out_dir=out,
            sets=["outputs.handout.mode=slides", "outputs.handout.slides_per_page=6"],
        )
    assert report.ok, [str(d) for d in report.diagnostics]
    return out, report, seen


def test_the_deck_is_laid_out_once_for_every_output_that_shows_it(built):
    out, _, seen = built
    assert seen["layouts"] == 1
    slides = len(Presentation(out / "space_race.pptx").slides)
    assert len(PdfReader(out / "space_race-slides.pdf").pages) == slides
    # six thumbnails a page: every slide of the same deck in the handout
    assert len(PdfReader(out / "space_race-handout.pdf").pages) == -(-slides // 6)


def test_the_decks_diagnostics_are_reported_once(built):
    _, report, _ = built
    shrunk = [d for d in report.diagnostics if "talk title shrunk" in d.message]
    assert len(shrunk) == 1
    assert len({str(d) for d in report.diagnostics}) == len(report.diagnostics)


def test_the_handout_is_given_its_options_typed(built):
    _, _, seen = built
    [options] = seen["handout options"]
    assert options == HandoutOptions(paper="A4", mode="slides", slides_per_page=6)


def test_each_picture_is_decoded_once_per_build(built):
    _, _, seen = built
    # the loader's check decodes each picture; no output decodes one again
    assert seen["decoded"] == Counter({name: 1 for name in PICTURES})


@pytest.mark.parametrize("name", ["space_race-slides.pdf", "space_race-handout.pdf"])
def test_pngs_embedded_undecoded_keep_every_pixel(built, name):
    out, _, _ = built
    originals = {
        Image.open(ROOT / "content" / "images" / p).convert("RGB").tobytes(): p for p in PICTURES
    }
    found = set()
    for page in PdfReader(out / name).pages:
        for picture in page.images:
            pixels = Image.open(io.BytesIO(picture.data)).convert("RGB").tobytes()
            found.add(originals.get(pixels, "changed"))
    assert found and "changed" not in found
    assert found <= set(PICTURES)


def test_a_picture_reportlab_must_decode_still_draws(tmp_path):
    """A PNG with transparency is not embedded as it is: reportlab decodes it
    (and keeps its transparency as a soft mask)."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "outlines", tmp_path / "talk")
    picture = tmp_path / "talk" / "clear.png"
    Image.new("RGBA", (40, 20), (200, 16, 46, 128)).save(picture)
    assert images.png_pixels(picture) is None
    outline = tmp_path / "talk" / "minimal.yaml"
    outline.write_text(
        outline.read_text(encoding="utf-8")
        + "    image:\n      src: clear.png\n      alt: A red block\n",
        encoding="utf-8",
    )
    report = build([outline], formats="handout", out_dir=tmp_path / "out")
    assert report.ok, [str(d) for d in report.diagnostics]
    pages = PdfReader(tmp_path / "out" / "minimal-handout.pdf").pages
    [picture] = [p for page in pages for p in page.images]
    assert Image.open(io.BytesIO(picture.data)).size == (40, 20)


def _talk(folder: Path, outputs: str) -> Path:
    path = folder / "talk.yaml"
    path.write_text(
        f"title: A talk\nsections:\n  - title: One\n    points: [A point]\noutputs:\n{outputs}",
        encoding="utf-8",
    )
    return path


def test_a_templates_geometry_is_read_once_and_shapes_every_deck_output(tmp_path, monkeypatch):
    from pptx.util import Pt

    import deckgen.backends.pptx.template as template

    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(800), Pt(600)
    prs.save(tmp_path / "brand.pptx")
    reads = []
    real = template.read_template_frame  # geometry and theme, read together

    def counting(*args):
        reads.append(args)
        return real(*args)

    monkeypatch.setattr(template, "read_template_frame", counting)
    talk = _talk(tmp_path, "  pptx:\n    template: brand.pptx\n")
    report = build([talk], formats="pptx,slides-pdf", out_dir=tmp_path / "out")
    assert report.ok, [str(d) for d in report.diagnostics]
    assert len(reads) == 1
    pptx = Presentation(tmp_path / "out" / "talk.pptx")
    assert (pptx.slide_width, pptx.slide_height) == (Pt(800), Pt(600))
    page = PdfReader(tmp_path / "out" / "talk-slides.pdf").pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (800.0, 600.0)


def test_a_bad_deck_option_stops_slides_pdf_once_at_its_line(tmp_path):
    talk = _talk(tmp_path, "  pptx:\n    aspect: 5:4\n")
    report = build([talk], formats="slides-pdf,handout", out_dir=tmp_path / "out")
    [error] = report.diagnostics
    assert (error.location.line, error.location.column) == (7, 13)
    assert error.message.startswith("outputs.pptx.aspect: '5:4' is not one of 16:9, 4:3")
    assert report.written == []
