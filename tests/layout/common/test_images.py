"""Cropping a picture around its focus, never through it."""

from __future__ import annotations

import pytest

from deckgen.layout.common.images import fit_picture
from deckgen.layout.common.primitives import Box


def kept(crop: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    left, top, right, bottom = crop
    return left, top, 1 - right, 1 - bottom


@pytest.mark.parametrize("fx", [0.0, 0.1, 0.3, 0.5, 0.71, 0.9, 1.0])
def test_a_wide_picture_in_a_tall_frame_keeps_its_focus(fx):
    """1600 x 900 into the title slide's right 40 % (384 x 540): 60 % is cut."""
    box, crop = fit_picture(Box(576, 0, 384, 540), 1600, 900, mode="fill", focus=(fx, 0.5))
    x0, y0, x1, y1 = kept(crop)
    assert box == Box(576, 0, 384, 540)
    assert (y0, y1) == (0.0, 1.0)
    assert x1 - x0 == pytest.approx(384 / 540 / (1600 / 900))  # no distortion
    assert x0 - 1e-9 <= fx <= x1 + 1e-9
    if 0.3 <= fx <= 0.7:  # far from the edges: centred on the focus
        assert (x0 + x1) / 2 == pytest.approx(fx)


def test_the_sample_cover_keeps_its_satellite():
    _, crop = fit_picture(Box(576, 0, 384, 540), 1600, 900, mode="fill", focus=(0.71, 0.3))
    x0, _, x1, _ = kept(crop)
    assert x0 + 0.05 < 0.71 < x1 - 0.05  # the satellite whole, not at the edge
    _, centred = fit_picture(Box(576, 0, 384, 540), 1600, 900, mode="fill")
    assert kept(centred)[2] < 0.72  # the old centred crop cut it through


def test_a_tall_picture_is_cut_top_and_bottom_around_its_focus():
    _, crop = fit_picture(Box(0, 0, 400, 100), 400, 400, mode="fill", focus=(0.5, 0.1))
    x0, y0, x1, y1 = kept(crop)
    assert (x0, x1) == (0.0, 1.0) and y0 == 0.0 and y1 == pytest.approx(0.25)


def test_a_figure_in_running_text_keeps_its_own_shape_within_bounds():
    """The handout's and web page's figures: a 16:9 or 3:4 picture is shown
    whole, `cover` or not."""
    from deckgen.layout.common.images import NO_CROP, figure_crop

    assert figure_crop(1600, 900) == (1600 / 900, NO_CROP)
    assert figure_crop(600, 800, "cover", (0.1, 0.9)) == (0.75, NO_CROP)


@pytest.mark.parametrize("fx", [0.0, 0.15, 0.5, 0.9])
def test_a_panorama_in_running_text_is_cut_to_21_9_around_its_focus(fx):
    from deckgen.layout.common.images import FIGURE_ASPECTS, figure_crop

    aspect, crop = figure_crop(4000, 1000, "cover", (fx, 0.5))
    x0, y0, x1, y1 = kept(crop)
    assert aspect == FIGURE_ASPECTS[1]
    assert (y0, y1) == (0.0, 1.0)
    assert (x1 - x0) * 4 == pytest.approx(aspect, abs=1e-5)  # no distortion
    assert x0 <= fx <= x1


def test_contain_never_crops_a_figure():
    from deckgen.layout.common.images import NO_CROP, figure_crop

    assert figure_crop(300, 1200, "contain", (0.5, 0.8)) == (0.25, NO_CROP)
    assert figure_crop(4000, 1000, "contain") == (4.0, NO_CROP)


def test_a_letterboxed_picture_aligns_right():
    box, crop = fit_picture(Box(0, 0, 400, 100), 100, 100, mode="fit", align="right")
    assert box == Box(300, 0, 100, 100) and crop == (0.0, 0.0, 0.0, 0.0)


def test_a_cover_frame_keeps_at_least_half_its_picture():
    from deckgen.layout.common.images import MIN_KEPT, cover_frame

    assert cover_frame(Box(100, 0, 440, 200), 1600, 900) == Box(100, 0, 440, 200)  # 81 % kept
    band = Box(100, 0, 440, 90)
    assert cover_frame(band, 1600, 900).w == pytest.approx(90 * 16 / 9 / MIN_KEPT)  # not 36 %
    # 1:4 in a thin band: narrowed at the right to keep half of it
    narrow = cover_frame(band, 300, 1200, align="right")
    assert narrow.h == 90 and narrow.right == band.right
    assert (narrow.w / narrow.h) / (300 / 1200) == pytest.approx(1 / MIN_KEPT)
    # a panorama in a tall column: shortened, kept at the top
    short = cover_frame(Box(0, 0, 100, 400), 4000, 1000)
    assert short.y == 0 and short.w == 100 and short.h == pytest.approx(100 / (4 * MIN_KEPT))
