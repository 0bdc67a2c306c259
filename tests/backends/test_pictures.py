"""Pictures in the handout, the poster and the web page: `focus` and `fit`
honoured (a crop keeps the focus in view, `contain` shows the whole picture)
and the print theme's pictures in greyscale (issue 10, item 4).

The PDFs are read back: which part of each picture the page shows is worked
out from the content stream (the transform an image is drawn with and the
clipping rectangle around it), not from the layout's own numbers.
"""

from __future__ import annotations

import base64
import io
import re
import textwrap
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageDraw

from deckgen.build import build

TALL = (300, 1200)  # a 1:4 picture: beyond any frame's shape, so `cover` crops it
FOCUS = (0.5, 0.8)  # its subject: a red disc low down


def _tall_picture(path: Path) -> None:
    img = Image.new("RGB", TALL, (20, 30, 80))
    draw = ImageDraw.Draw(img)
    cx, cy = TALL[0] * FOCUS[0], TALL[1] * FOCUS[1]
    draw.ellipse((cx - 60, cy - 60, cx + 60, cy + 60), fill=(220, 30, 30))
    img.save(path, "PNG")


def _outline(folder: Path, fit: str) -> Path:
    (folder / "images").mkdir(parents=True, exist_ok=True)
    _tall_picture(folder / "images" / "tall.png")
    path = folder / "talk.yaml"
    path.write_text(
        textwrap.dedent(
            f"""
            title: Pictures
            cover:
              src: images/tall.png
              alt: A red disc low on a dark blue ground
              focus: [{FOCUS[0]}, {FOCUS[1]}]
              fit: {fit}
            sections:
              - id: one
                title: One
                summary: A paragraph of text before the picture.
                image:
                  src: images/tall.png
                  alt: A red disc low on a dark blue ground
                  focus: [{FOCUS[0]}, {FOCUS[1]}]
                  fit: {fit}
                points: [a point]
            timeline:
              events:
                - {{date: 1957, title: First}}
                - {{date: 1969, title: Second}}
            """
        ).lstrip(),
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """{(fit, theme): output folder} with the handout, poster and web page."""
    out = {}
    for fit in ("cover", "contain"):
        folder = tmp_path_factory.mktemp(fit)
        path = _outline(folder, fit)
        for theme in ("default", "print"):
            report = build(
                [path], formats="handout,poster,html", theme=theme, out_dir=folder / theme
            )
            assert report.ok, [d.message for d in report.diagnostics]
            out[fit, theme] = folder / theme
    return out


# ------------------------------------------------------------ reading PDFs back

Matrix = tuple[float, float, float, float, float, float]
Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in page space (y up)
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _times(m: Matrix, ctm: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    A, B, C, D, E, F = ctm
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _box(ctm: Matrix, x: float, y: float, w: float, h: float) -> Rect:
    a, b, c, d, e, f = ctm
    xs = [a * px + c * py + e for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h))]
    ys = [b * px + d * py + f for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h))]
    return min(xs), min(ys), max(xs), max(ys)


def _meet(r: Rect | None, s: Rect) -> Rect:
    if r is None:
        return s
    return max(r[0], s[0]), max(r[1], s[1]), min(r[2], s[2]), min(r[3], s[3])


def _walk(stream, resources, ctm: Matrix, clip: Rect | None, found: list) -> None:
    """Follow the graphics state through `stream`, noting every image drawn."""
    stack: list[tuple[Matrix, Rect | None]] = []
    path: list[Rect | str] = []  # the rectangles and clip marks since the last `n`
    for operands, op in pikepdf.parse_content_stream(stream):
        op = str(op)
        if op == "q":
            stack.append((ctm, clip))
        elif op == "Q":
            ctm, clip = stack.pop()
        elif op == "cm":
            ctm = _times(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
        elif op == "re":
            path.append(_box(ctm, *(float(v) for v in operands)))
        elif op in ("W", "W*"):
            path.append("clip")
        elif op == "n":
            rects = [r for r in path if not isinstance(r, str)]
            if "clip" in path and rects:
                clip = _meet(clip, rects[-1])
            path = []
        elif op == "Do":
            _draw(resources.XObject[operands[0]], resources, ctm, clip, found)


def _draw(xobject, resources, ctm: Matrix, clip: Rect | None, found: list) -> None:
    if xobject.Subtype == "/Image":
        found.append((xobject, _box(ctm, 0, 0, 1, 1), clip))
    elif xobject.Subtype == "/Form":
        matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
        inner = xobject.get("/Resources", resources)
        _walk(xobject, inner, _times(matrix, ctm), clip, found)  # type: ignore[arg-type]


def drawn_pictures(pdf_path: Path, size: tuple[int, int] = TALL) -> list[tuple[Rect, Rect, str]]:
    """Every drawing of a `size` picture: (the whole picture's rectangle, the
    part of it the page shows, its colour space), page by page."""
    out = []
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            found: list = []
            _walk(page.obj, page.Resources, IDENTITY, None, found)
            for xobject, whole, clip in found:
                if (int(xobject.Width), int(xobject.Height)) == size:
                    shown = _meet(clip, whole)
                    out.append((whole, shown, str(xobject.ColorSpace)))
    return out


def _focus_at(whole: Rect) -> tuple[float, float]:
    x0, y0, x1, y1 = whole
    return x0 + FOCUS[0] * (x1 - x0), y1 - FOCUS[1] * (y1 - y0)  # focus y: from the top


def _shown_fraction(whole: Rect, shown: Rect) -> float:
    return ((shown[2] - shown[0]) * (shown[3] - shown[1])) / (
        (whole[2] - whole[0]) * (whole[3] - whole[1])
    )


# ------------------------------------------------------------------------ tests


@pytest.mark.parametrize("name", ["talk-handout.pdf", "talk-poster.pdf"])
def test_cover_crops_around_the_focus(built, name):
    drawn = drawn_pictures(built["cover", "default"] / name)
    assert drawn, "the picture is drawn"
    for whole, shown, _ in drawn:
        assert _shown_fraction(whole, shown) < 0.7  # a 1:4 picture is cropped
        fx, fy = _focus_at(whole)
        x0, y0, x1, y1 = shown
        margin = 0.1 * (y1 - y0)
        # the red disc well inside what shows, not at its edge
        assert x0 <= fx <= x1 and y0 + margin <= fy <= y1 - margin, (whole, shown)
        # ...where a crop around the middle would have lost it
        middle_top = (whole[1] + whole[3]) / 2 + (y1 - y0) / 2
        middle_bottom = middle_top - (y1 - y0)
        assert not middle_bottom <= fy <= middle_top


@pytest.mark.parametrize("name", ["talk-handout.pdf", "talk-poster.pdf"])
def test_contain_shows_the_whole_picture(built, name):
    drawn = drawn_pictures(built["contain", "default"] / name)
    assert drawn
    for whole, shown, _ in drawn:
        assert _shown_fraction(whole, shown) == pytest.approx(1.0, abs=1e-3)
        width, height = whole[2] - whole[0], whole[3] - whole[1]
        assert width / height == pytest.approx(TALL[0] / TALL[1], rel=1e-3)  # not distorted


@pytest.mark.parametrize("fit", ["cover", "contain"])
@pytest.mark.parametrize("name", ["talk-handout.pdf", "talk-poster.pdf"])
def test_print_pictures_are_greyscale_and_other_themes_keep_colour(built, fit, name):
    grey = {space for *_, space in drawn_pictures(built[fit, "print"] / name)}
    colour = {space for *_, space in drawn_pictures(built[fit, "default"] / name)}
    assert grey == {"/DeviceGray"}
    assert colour == {"/DeviceRGB"}


def test_a_print_pictures_pixels_are_grey(built):
    """The embedded picture itself, decoded: every pixel R = G = B."""
    with pikepdf.open(built["cover", "print"] / "talk-handout.pdf") as pdf:
        images = [
            pikepdf.PdfImage(x)
            for page in pdf.pages
            for _, x in page.images.items()
            if (int(x.Width), int(x.Height)) == TALL
        ]
        assert images
        pil = images[0].as_pil_image()
    assert pil.mode == "L"
    assert pil.getextrema()[1] > pil.getextrema()[0]  # the disc still stands out


def _img_tags(html: str) -> list[str]:
    return re.findall(r"<img [^>]*>", html)


def test_the_web_page_crops_as_the_handout_and_greys_for_print(built):
    page = (built["cover", "default"] / "talk.html").read_text(encoding="utf-8")
    tags = _img_tags(page)
    assert len(tags) == 2  # the cover and the section's picture
    for tag in tags:
        assert "object-fit:cover" in tag and "aspect-ratio:0.7500" in tag
        # the window kept is centred on the focus as far as the edges allow
        (x, y) = re.search(r"object-position:([\d.]+)% ([\d.]+)%", tag).groups()
        assert float(x) == 50 and 75 < float(y) < 100
    whole = (built["contain", "default"] / "talk.html").read_text(encoding="utf-8")
    assert not [t for t in _img_tags(whole) if "object-fit" in t]
    printed = (built["cover", "print"] / "talk.html").read_text(encoding="utf-8")
    for tag in _img_tags(printed):
        data = re.search(r'src="data:image/png;base64,([^"]+)"', tag).group(1)
        with Image.open(io.BytesIO(base64.b64decode(data))) as img:
            assert img.mode == "L"
    for tag in tags:
        data = re.search(r'src="data:image/png;base64,([^"]+)"', tag).group(1)
        with Image.open(io.BytesIO(base64.b64decode(data))) as img:
            assert img.mode == "RGB"
