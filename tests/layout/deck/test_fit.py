"""Fitting text: measured lines, shrink to a floor, split, errors; picture
sizes from file headers; contrast arithmetic."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image as PILImage

from deckgen import fonts
from deckgen.color import contrast, readable_on
from deckgen.errors import Location, RenderError
from deckgen.layout.common.images import fit_picture, pixel_size
from deckgen.layout.common.primitives import Box
from deckgen.layout.common.text import RENDERERS, TextStyle, paragraph
from deckgen.layout.deck.fit import Item, breaks_words, fit_body, fit_title, sizes_down
from deckgen.layout.deck.slides import split_sentences
from deckgen.outline.model import Run

BODY = TextStyle("Arimo", 24.0, "#000000")
HERE = Location("talk.yaml", 7, 5)


def setter(item, size, width, first):
    return paragraph(
        item.text, BODY.at(size), width, space_before=0.0 if first else round(size * 0.5, 2)
    )


def units(*texts, line=1):
    return [(Item(t, "point", Location("talk.yaml", line + i, 5)),) for i, t in enumerate(texts)]


def test_sizes_down_ends_at_the_floor():
    assert sizes_down(28, 18) == (28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18)
    assert sizes_down(18, 18) == (18,)
    assert sizes_down(20.5, 18)[-1] == 18


def test_paragraph_lines_fit_the_inner_width_and_height_is_exact():
    text = "The quick brown fox jumps over the lazy dog " * 6
    p = paragraph(text, BODY, 400)
    assert len(p.lines) > 1
    # the box's whole width (no safety margin), as the widest renderer sets it
    assert all(line.width * (1 + RENDERERS.wider) <= 400 for line in p.lines)
    assert max(line.width for line in p.lines) > 400 * 0.96
    assert p.line_height == round(24 * 1.15, 2)
    assert p.height == p.line_height * len(p.lines)
    # the lines give back the text
    assert "".join(r.text for line in p.lines for r in line.runs) == text
    # and are those fonts.wrap finds at the same width
    fam = fonts.family("Arimo")
    assert [ln.width for ln in p.lines] == [
        ln.width for ln in fonts.wrap.wrap(text, fam, 24.0, 400, renderers=RENDERERS)
    ]


def test_bold_runs_are_measured_in_the_bold_face():
    plain = paragraph("Wide words " * 8, BODY, 2000)
    bold = paragraph("Wide words " * 8, TextStyle("Arimo", 24.0, "#000", bold=True), 2000)
    assert bold.lines[0].width > plain.lines[0].width


def test_fits_at_full_size_when_it_can():
    result = fit_body([units("one", "two")], [600], 300, setter, sizes_down(28, 18))
    assert result.size == 28 and not result.shrunk and not result.split
    assert len(result.pages) == 1


def test_shrinks_before_splitting_and_shares_one_size():
    text = "a point that is long enough to wrap onto a second line of this box"
    regions = [units(*[text] * 5)]
    result = fit_body(regions, [500], 330, setter, sizes_down(28, 18))
    assert result.shrunk and not result.split
    sizes = {p.size for p in result.pages[0][0]}
    assert sizes == {result.size} and 18 <= result.size < 28
    assert sum(p.height for p in result.pages[0][0]) <= 330


def test_splits_evenly_at_the_largest_size_that_needs_no_more_slides():
    text = "a point that is long enough to wrap onto a second line of this box"
    regions = [units(*[f"{text} {i}" for i in range(12)])]
    result = fit_body(regions, [500], 300, setter, sizes_down(28, 18))
    assert result.split and len(result.pages) >= 2
    counts = [len(page[0]) for page in result.pages]
    assert max(counts) - min(counts) <= 1  # balanced, no stub slide
    for page in result.pages:
        assert sum(p.height for p in page[0]) <= 300 + 1e-6
        assert page[0][0].space_before == 0  # each slide starts flush
    flat = ["".join(r.text for r in p.runs) for page in result.pages for p in page[0]]
    assert flat == [f"{text} {i}" for i in range(12)]


def test_a_unit_too_tall_breaks_after_its_heading_and_first_item():
    sub = "a sub-point long enough to take two lines of this narrow box"
    unit = (
        Item("heading point", "point", HERE),
        *(Item(f"{sub} {i}", "point", HERE) for i in range(10)),
    )
    result = fit_body([[unit]], [400], 250, setter, sizes_down(20, 18))
    assert result.split
    first = ["".join(r.text for r in p.runs) for p in result.pages[0][0]]
    assert first[:2] == ["heading point", f"{sub} 0"]


def test_an_item_too_tall_alone_is_an_error_with_its_line():
    huge = "word " * 400
    with pytest.raises(RenderError) as err:
        fit_body([units("short", huge, line=10)], [500], 300, setter, sizes_down(28, 18))
    assert err.value.location == Location("talk.yaml", 11, 5)
    assert "18 pt" in str(err.value)


def test_two_regions_share_a_size():
    left = units("short")
    right = units(*["a longer point that wraps to two lines in this column"] * 5)
    result = fit_body([left, right], [300, 300], 330, setter, sizes_down(28, 18))
    sizes = {p.size for region in result.pages[0] for p in region}
    assert len(sizes) == 1


def test_title_shrinks_to_two_lines_then_errors():
    style = TextStyle("Arimo", 40.0, "#000", 1.1, bold=True)
    short = fit_title("A short title", style, 800, 100, 24, HERE)
    assert short.size == 40 and len(short.lines) == 1
    longer = fit_title("A much longer title " * 5, style, 800, 100, 24, HERE)
    assert len(longer.lines) <= 2 and 24 <= longer.size < 40
    with pytest.raises(RenderError) as err:
        fit_title("An impossible title " * 12, style, 800, 100, 24, HERE)
    assert err.value.location == HERE


def test_split_sentences_keeps_styles_and_text():
    runs = (Run("One. Two "), Run("bold! Three", bold=True), Run("? Four"))
    parts = split_sentences(runs)
    assert ["".join(r.text for r in p) for p in parts] == ["One. ", "Two bold! ", "Three? ", "Four"]
    assert parts[1][1].bold


def _png(w, h) -> bytes:
    raw = b"".join(b"\x00" + b"\x00\x00\x00" * w for _ in range(h))
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_pixel_size_from_png_and_jpeg_headers(tmp_path):
    png = tmp_path / "a.png"
    png.write_bytes(_png(37, 21))
    assert pixel_size(png) == (37, 21)
    for progressive in (False, True):
        buf = io.BytesIO()
        PILImage.new("RGB", (123, 45)).save(buf, "JPEG", progressive=progressive)
        jpg = tmp_path / f"b{progressive}.jpg"
        jpg.write_bytes(buf.getvalue())
        assert pixel_size(jpg) == (123, 45)
    bad = tmp_path / "c.png"
    bad.write_bytes(b"GIF89a...")
    with pytest.raises(RenderError):
        pixel_size(bad, HERE)


def test_fit_picture_never_distorts():
    area = Box(0, 0, 400, 300)
    # close shapes: cropped to fill, the visible part keeps the picture's ratio
    box, crop = fit_picture(area, 1000, 700)
    assert box == area
    visible_w = 1000 * (1 - crop[0] - crop[2])
    visible_h = 700 * (1 - crop[1] - crop[3])
    assert visible_w / visible_h == pytest.approx(box.w / box.h)
    # very different shapes: letterboxed inside the area, uncropped
    box, crop = fit_picture(area, 2000, 400)
    assert crop == (0, 0, 0, 0)
    assert box.w / box.h == pytest.approx(5.0)
    assert area.contains(box)


def test_contrast_and_readable_on():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert readable_on("#FFFFFF", "#EEEEEE", "#333333") == "#333333"
    assert contrast(readable_on("#777777", "#808080"), "#777777") >= 4.5


def test_titles_shrink_rather_than_break_a_word():
    style = TextStyle("Arimo", 54.0, "#000", 1.1, bold=True)
    word = "Photosynthesis:"
    p = fit_title(f"{word} How Plants Turn Light into Food", style, 300, 300, 28, HERE, max_lines=4)
    assert not breaks_words(p)
    assert any(line.runs[0].text.startswith(word) for line in p.lines)
