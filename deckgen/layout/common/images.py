"""Picture sizes and fitting, decided here for every output.

A picture is never distorted: it is cropped to fill its box when the
shapes are close (little is lost), else letterboxed (shrunk to fit, centred).
A crop keeps the picture's `focus` in view, never cutting through it.

A picture in running text (the handout's figures and cover, the web page's
figures) has no frame of its own: its frame follows the picture's shape
within `FIGURE_ASPECTS`. With `fit: cover` a picture taller or wider than
that is cropped to the nearest bound around its focus (`figure_crop`); with
`fit: contain` it is always shown whole.
"""

from __future__ import annotations

from pathlib import Path

from deckgen import images
from deckgen.errors import Location
from deckgen.layout.common.primitives import Box

__all__ = [
    "FIGURE_ASPECTS",
    "NO_CROP",
    "Crop",
    "cover_frame",
    "figure_crop",
    "fit_picture",
    "pixel_size",
]

# Crop to fill when no more than this fraction of the picture would be cut
# away; beyond it, letterbox instead so nothing important is lost.
MAX_CROP = 0.18

# The shapes (width / height) a figure in running text is shown at, at most:
# from a portrait 3:4 to a wide 21:9.
FIGURE_ASPECTS = (0.75, 21 / 9)

# A cover frame (`cover_frame`) keeps at least this fraction of its picture.
MIN_KEPT = 0.5

# Fractions cut from the picture's (left, top, right, bottom).
Crop = tuple[float, float, float, float]
NO_CROP: Crop = (0.0, 0.0, 0.0, 0.0)


def pixel_size(path: Path, location: Location | None = None) -> tuple[int, int]:
    """(width, height) in pixels of a PNG or JPEG file, as drawn: after the
    EXIF rotation a camera records (deckgen.images turns such photos upright)."""
    return images.pixel_size(path, location)


def fit_picture(
    area: Box,
    px_w: int,
    px_h: int,
    *,
    mode: str = "auto",
    align: str = "center",
    focus: tuple[float, float] = (0.5, 0.5),
) -> tuple[Box, Crop]:
    """Place a px_w x px_h picture in `area` without distortion.

    Returns (box, crop) with crop = fractions cut from (left, top, right, bottom).
    mode 'fill' crops to fill the area, 'fit' letterboxes, 'auto' crops only
    when at most MAX_CROP of the picture would be lost. `align` ('center',
    'left', 'top') places a letterboxed picture inside the area. A crop
    keeps `focus` (fractions of the picture's width and height) in view: the
    window it leaves is centred on it, moved only as far as the edges need.
    """
    pic = px_w / px_h
    box_ratio = area.w / area.h
    lost = 1 - min(pic, box_ratio) / max(pic, box_ratio)
    if mode == "fill" or (mode == "auto" and lost <= MAX_CROP):
        if pic > box_ratio:  # wider than the box: cut the sides
            left, right = _around(1 - box_ratio / pic, focus[0])
            return area, (left, 0.0, right, 0.0)
        top, bottom = _around(1 - pic / box_ratio, focus[1])
        return area, (0.0, top, 0.0, bottom)
    if pic > box_ratio:
        w, h = area.w, area.w / pic
    else:
        w, h = area.h * pic, area.h
    x = {"left": area.x, "right": area.right - w}.get(align, area.x + (area.w - w) / 2)
    y = area.y if align == "top" else area.y + (area.h - h) / 2
    return Box(x, y, w, h), NO_CROP


def cover_frame(area: Box, px_w: int, px_h: int, align: str = "right") -> Box:
    """The frame a `fit: cover` picture fills in `area`: the whole area, or,
    where filling it would keep less than `MIN_KEPT` of the picture (a tall
    picture in a thin band), the area narrowed (placed by `align`: 'left',
    'right' or centred) or shortened (kept at its top) until it keeps that."""
    pic = px_w / px_h
    shape = area.w / area.h
    if shape > pic and pic / shape < MIN_KEPT:  # a band too wide: narrower
        w = area.h * pic / MIN_KEPT
        x = {"left": area.x, "right": area.right - w}.get(align, area.x + (area.w - w) / 2)
        return Box(x, area.y, w, area.h)
    if shape < pic and shape / pic < MIN_KEPT:  # a column too tall: shorter
        return Box(area.x, area.y, area.w, area.w / (pic * MIN_KEPT))
    return area


def figure_crop(
    px_w: int,
    px_h: int,
    fit: str = "cover",
    focus: tuple[float, float] = (0.5, 0.5),
    aspects: tuple[float, float] = FIGURE_ASPECTS,
) -> tuple[float, Crop]:
    """(aspect, crop) of a px_w x px_h picture set in running text: the shape
    (width / height) its frame has and what is cut from it to fill that frame.

    `fit` 'contain' shows it whole; 'cover' crops a picture beyond `aspects`
    (the narrowest and widest shapes) to the nearest, keeping `focus` in view."""
    own = px_w / px_h
    low, high = aspects
    aspect = own if fit == "contain" else min(max(own, low), high)
    if aspect == own:
        return own, NO_CROP
    _, crop = fit_picture(Box(0.0, 0.0, aspect, 1.0), px_w, px_h, mode="fill", focus=focus)
    return aspect, crop


def _around(cut: float, focus: float) -> tuple[float, float]:
    """(before, after): `cut` (a fraction) taken from both ends so that the
    window kept is centred on `focus` as far as the picture's edges allow."""
    before = min(max(focus - (1 - cut) / 2, 0.0), cut)
    return round(before, 6), round(cut - before, 6)
