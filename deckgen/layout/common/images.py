"""Picture sizes and fitting.

A picture is never distorted: it is cropped to fill its box when the
shapes are close (little is lost), else letterboxed (shrunk to fit, centred).
"""

from __future__ import annotations

from pathlib import Path

from deckgen import images
from deckgen.errors import Location
from deckgen.layout.common.primitives import Box

__all__ = ["fit_picture", "pixel_size"]

# Crop to fill when no more than this fraction of the picture would be cut
# away; beyond it, letterbox instead so nothing important is lost.
MAX_CROP = 0.18


def pixel_size(path: Path, location: Location | None = None) -> tuple[int, int]:
    """(width, height) in pixels of a PNG or JPEG file, as drawn: after the
    EXIF rotation a camera records (deckgen.images turns such photos upright)."""
    return images.pixel_size(path, location)


def fit_picture(
    area: Box, px_w: int, px_h: int, *, mode: str = "auto", align: str = "center"
) -> tuple[Box, tuple[float, float, float, float]]:
    """Place a px_w x px_h picture in `area` without distortion.

    Returns (box, crop) with crop = fractions cut from (left, top, right, bottom).
    mode 'fill' crops to fill the area, 'fit' letterboxes, 'auto' crops only
    when at most MAX_CROP of the picture would be lost. `align` ('center',
    'left', 'top') places a letterboxed picture inside the area.
    """
    pic = px_w / px_h
    box_ratio = area.w / area.h
    lost = 1 - min(pic, box_ratio) / max(pic, box_ratio)
    if mode == "fill" or (mode == "auto" and lost <= MAX_CROP):
        if pic > box_ratio:  # wider than the box: cut the sides
            cut = (1 - box_ratio / pic) / 2
            return area, (cut, 0.0, cut, 0.0)
        cut = (1 - pic / box_ratio) / 2
        return area, (0.0, cut, 0.0, cut)
    if pic > box_ratio:
        w, h = area.w, area.w / pic
    else:
        w, h = area.h * pic, area.h
    x = area.x if align == "left" else area.x + (area.w - w) / 2
    y = area.y if align == "top" else area.y + (area.h - h) / 2
    return Box(x, y, w, h), (0.0, 0.0, 0.0, 0.0)
