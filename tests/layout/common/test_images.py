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
