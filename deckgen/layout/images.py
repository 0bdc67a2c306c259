"""Picture sizes and fitting, without an imaging library at run time.

Only the file header is read: PNG's IHDR chunk, JPEG's first start-of-frame
marker. A picture is never distorted: it is cropped to fill its box when the
shapes are close (little is lost), else letterboxed (shrunk to fit, centred).
"""

from __future__ import annotations

import struct
from functools import lru_cache
from pathlib import Path

from deckgen.errors import Location, RenderError
from deckgen.layout.model import Box

__all__ = ["fit_picture", "pixel_size"]

# Crop to fill when no more than this fraction of the picture would be cut
# away; beyond it, letterbox instead so nothing important is lost.
MAX_CROP = 0.18

_JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


@lru_cache(maxsize=256)
def pixel_size(path: Path, location: Location | None = None) -> tuple[int, int]:
    """(width, height) in pixels of a PNG or JPEG file, from its header."""
    try:
        with open(path, "rb") as f:
            head = f.read(32)
            if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
                w, h = struct.unpack(">II", head[16:24])
                return _checked(w, h, path, location)
            if head.startswith(b"\xff\xd8"):
                f.seek(2)
                return _jpeg_size(f, path, location)
    except OSError as err:
        raise RenderError(f"cannot read picture {path.name}: {err.strerror}", location) from None
    raise RenderError(f"{path.name} is neither a PNG nor a JPEG file", location)


def _jpeg_size(f, path: Path, location: Location | None) -> tuple[int, int]:
    while True:
        byte = f.read(1)
        if not byte:
            break
        if byte != b"\xff":
            continue
        marker = f.read(1)
        while marker == b"\xff":  # fill bytes
            marker = f.read(1)
        if not marker:
            break
        m = marker[0]
        if m in (0xD8, 0x01) or 0xD0 <= m <= 0xD7:  # markers without a length
            continue
        length_bytes = f.read(2)
        if len(length_bytes) < 2:
            break
        (length,) = struct.unpack(">H", length_bytes)
        if m in _JPEG_SOF:
            data = f.read(5)
            if len(data) < 5:
                break
            h, w = struct.unpack(">HH", data[1:5])
            return _checked(w, h, path, location)
        f.seek(length - 2, 1)
    raise RenderError(f"{path.name}: no image size found in the JPEG header", location)


def _checked(w: int, h: int, path: Path, location: Location | None) -> tuple[int, int]:
    if w <= 0 or h <= 0:
        raise RenderError(f"{path.name}: the header gives an empty picture ({w}x{h})", location)
    return w, h


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
