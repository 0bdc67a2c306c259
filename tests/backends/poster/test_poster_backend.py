"""The poster backend: PDF page sizes, bleed and crop marks, tiles, fonts,
metadata and byte-identical output."""

from __future__ import annotations

import io
import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "layout" / "poster"))

from poster_helpers import DEFAULT, PRINT, space_race  # noqa: E402

from deckgen.backends.base import Backend, Job  # noqa: E402
from deckgen.backends.poster import PosterBackend  # noqa: E402
from deckgen.layout.poster.layout import PAGE_SIZES, page_size  # noqa: E402
from deckgen.layout.poster.tiling import OVERLAP, SAFE_MARGIN, SHEETS, tile_poster  # noqa: E402

pypdf = pytest.importorskip("pypdf", reason="pypdf (the test extra) reads the PDFs back")

MM = 72 / 25.4


def build(theme=DEFAULT, **options):
    backend = PosterBackend()
    job = Job(space_race(), theme, options)
    plan = backend.layout(job)
    return plan, {o.name: o.data for o in backend.render(plan, job)}


def box(page, name="/MediaBox"):
    b = [float(v) for v in page[name]]
    return b[2] - b[0], b[3] - b[1]


def test_is_a_backend_with_documented_options():
    b = PosterBackend()
    assert isinstance(b, Backend)
    assert b.name == "poster"
    names = {o.name: o for o in b.options}
    assert set(names) == {"size", "orientation", "tile", "bleed", "crop_marks"}
    assert names["size"].default == "A2"
    assert names["size"].aliases["24x36in"] == "ARCH-D"
    assert names["orientation"].default == "landscape"


@pytest.mark.parametrize("size", ["A3", "A2", "ARCH-D"])
def test_poster_pdf_has_the_page_size(size):
    plan, files = build(size=size)
    assert list(files) == ["talk-poster.pdf"]
    reader = pypdf.PdfReader(io.BytesIO(files["talk-poster.pdf"]))
    assert len(reader.pages) == 1
    assert box(reader.pages[0]) == pytest.approx(page_size(size), abs=0.01)


def test_portrait():
    _, files = build(size="A1", orientation="portrait")
    page = pypdf.PdfReader(io.BytesIO(files["talk-poster.pdf"])).pages[0]
    assert box(page) == pytest.approx((594 * MM, 841 * MM), abs=0.01)


def test_bleed_and_crop_marks_enlarge_the_sheet_and_set_trim_box():
    _, files = build(bleed=True, crop_marks=True)
    page = pypdf.PdfReader(io.BytesIO(files["talk-poster.pdf"])).pages[0]
    w, h = page_size("A2")
    mw, mh = box(page)
    assert mw > w + 6 * MM and mh > h + 6 * MM
    assert box(page, "/TrimBox") == pytest.approx((w, h), abs=0.01)
    assert box(page, "/BleedBox") == pytest.approx((w + 6 * MM, h + 6 * MM), abs=0.01)


def test_fonts_embedded_and_metadata():
    _, files = build()
    reader = pypdf.PdfReader(io.BytesIO(files["talk-poster.pdf"]))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        desc = (
            font.get("/FontDescriptor")
            or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        )
        assert "/FontFile2" in desc.get_object(), f"{font['/BaseFont']} is not embedded"
    meta = reader.metadata
    assert meta.title == space_race().title.plain
    assert meta.author == "A lecturer"
    assert "poster" in meta.subject
    text = reader.pages[0].extract_text()
    assert "Спутник" in text, "Cyrillic drawn as text"


def test_byte_identical():
    assert build()[1] == build()[1]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_tiled_pdf_pages_are_sheets_with_the_vector_poster(paper):
    plan, files = build(size="A2", tile=paper)
    name = f"talk-poster-tiled-{paper.lower()}.pdf"
    assert set(files) == {"talk-poster.pdf", name}
    reader = pypdf.PdfReader(io.BytesIO(files[name]))
    t = plan.tiling
    assert len(reader.pages) == len(t.tiles) == t.rows * t.cols
    sw, sh = SHEETS[paper.upper()]
    for page in reader.pages:
        assert sorted(box(page)) == pytest.approx(sorted((sw, sh)), abs=0.01)
        xobjects = page["/Resources"]["/XObject"]
        kinds = {x.get_object()["/Subtype"] for x in xobjects.values()}
        assert kinds == {"/Form"}, "tiles place the poster as a vector form, not a picture"
    # One form, shared by every sheet.
    ids = {next(iter(p["/Resources"]["/XObject"].values())).idnum for p in reader.pages}
    assert len(ids) == 1
    assert "A1" in reader.pages[0].extract_text()


# Counted by hand: 12 mm printer margin and 12 mm overlap on each sheet.
# A4 window 186 x 273 mm (step 174 x 261), or 273 x 186 mm on a landscape sheet.
EXPECTED_A4 = {
    # size: (sheets, sheet orientation) for a landscape poster
    "A3": (4, "landscape"),  # 420x297: 2 x 2 landscape sheets
    "A2": (8, "portrait"),  # 594x420: 4 columns x 2 rows of portrait sheets
    "A0": (25, "landscape"),  # 1189x841: 5 x 5 landscape sheets
}


@pytest.mark.parametrize("size", sorted(EXPECTED_A4))
def test_tile_counts_counted_by_hand(size):
    t = tile_poster(*page_size(size), "A4")
    n, orientation = EXPECTED_A4[size]
    assert len(t.tiles) == n
    assert (t.sheet_w < t.sheet_h) == (orientation == "portrait")


@pytest.mark.parametrize("size", sorted(PAGE_SIZES))
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_tiles_cover_the_poster_with_overlap(size, orientation, paper):
    W, H = page_size(size, orientation)
    t = tile_poster(W, H, paper)
    assert {(t.sheet_w, t.sheet_h), (t.sheet_h, t.sheet_w)} & {SHEETS[paper.upper()]}
    win = t.tiles[0].window
    assert win.w == pytest.approx(t.sheet_w - 2 * SAFE_MARGIN)
    assert win.h == pytest.approx(t.sheet_h - 2 * SAFE_MARGIN)
    # Enough sheets, and not one column or row more than needed.
    step_x, step_y = win.w - OVERLAP, win.h - OVERLAP
    assert t.cols == math.ceil((W - OVERLAP) / step_x - 1e-9)
    assert t.rows == math.ceil((H - OVERLAP) / step_y - 1e-9)
    last = t.tiles[-1]
    assert last.window.right >= W - 1e-6 and last.window.bottom >= H - 1e-6
    labels = [tile.label for tile in t.tiles]
    assert len(set(labels)) == len(labels)
    assert labels[0] == "A1" and labels[-1] == f"{chr(64 + t.rows)}{t.cols}"
    for tile in t.tiles:
        if tile.col > 0:  # shares an overlap strip with its left neighbour
            left = t.tiles[tile.row * t.cols + tile.col - 1]
            assert left.window.right - tile.window.x == pytest.approx(OVERLAP)
        assert tile.registration, "every sheet has registration marks"


def test_print_theme_renders(tmp_path):
    _, files = build(theme=PRINT, size="A3")
    reader = pypdf.PdfReader(io.BytesIO(files["talk-poster.pdf"]))
    assert len(reader.pages) == 1


@pytest.mark.render
def test_poppler_and_qpdf_accept_poster_and_tiles(tmp_path):
    import shutil
    import subprocess

    if shutil.which("pdftoppm") is None or shutil.which("qpdf") is None:
        pytest.skip("poppler-utils and qpdf are needed (apt-get install poppler-utils qpdf)")
    _, files = build(tile="A4")
    for name, data in files.items():
        pdf = tmp_path / name
        pdf.write_bytes(data)
        subprocess.run(["qpdf", "--check", str(pdf)], check=True, capture_output=True)
        fonts = subprocess.run(
            ["pdffonts", str(pdf)], check=True, capture_output=True, text=True
        ).stdout.splitlines()[2:]
        assert fonts and all(f.split()[-5] == "yes" for f in fonts), fonts  # emb column
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "10",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                str(pdf),
                str(tmp_path / "page"),
            ],
            check=True,
            capture_output=True,
        )
    assert list(tmp_path.glob("page*.png"))
