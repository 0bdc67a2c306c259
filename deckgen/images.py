"""Pictures as every backend should draw them: upright and in the right colours.

A PNG or JPEG the loader accepted (deckgen.outline.paths.verify_picture) may
still be drawn wrongly by a backend that copies its bytes: PowerPoint and
reportlab ignore a camera's EXIF orientation (the photo lies on its side),
a CMYK JPEG comes out with inverted or dull colours in some viewers, and a
16-bit grey PNG turns white when reportlab reduces it to 8 bits by clipping.
Such pictures are decoded once (with Pillow) and re-encoded upright as 8-bit
RGB/grey; every other picture is used byte for byte, as before.

`pixel_size` is the size as drawn (after the EXIF rotation), which is what the
layout must fit.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from deckgen.errors import Location, RenderError
from deckgen.safeio import read_file

__all__ = ["MAX_PIXELS", "Normalised", "data", "for_reportlab", "normalise", "pixel_size"]

# The same bound as the loader's: larger pictures gain nothing on a page.
MAX_PIXELS = 50_000_000

_EXIF_ORIENTATION = 0x0112
# The loader lets only PNG and JPEG through (the contract); backends have
# always drawn GIF and BMP too, e.g. a theme's logo.
_FORMATS = ("PNG", "JPEG", "GIF", "BMP")
_DRAWN_AS_IS = {"RGB", "RGBA", "L", "LA", "P", "1"}


@dataclass(frozen=True)
class Normalised:
    width: int  # pixels, as drawn
    height: int
    data: bytes  # a PNG or JPEG file
    changed: bool  # False: `data` is the file itself


def normalise(path: Path, location: Location | None = None) -> Normalised:
    """The picture at `path` ready to embed; RenderError if it cannot be read."""
    try:
        stat = Path(path).stat()
    except OSError as err:
        raise RenderError(
            f"cannot read picture {Path(path).name}: {err.strerror}", location
        ) from None
    return _normalise(Path(path), stat.st_mtime_ns, stat.st_size, location)


def pixel_size(path: Path, location: Location | None = None) -> tuple[int, int]:
    """(width, height) in pixels as drawn, i.e. after the EXIF rotation."""
    n = normalise(path, location)
    return n.width, n.height


def data(path: Path, location: Location | None = None) -> bytes:
    """The bytes to embed (the file itself when it needs no change)."""
    return normalise(path, location).data


def for_reportlab(path: Path, location: Location | None = None):
    """What reportlab's drawImage takes: a reader of the bytes to embed.

    Never the file name: reportlab names an image in the PDF after the name it
    is given, so the same outline built from another folder would give other
    bytes. A reader is named after its pixels instead, and is decoded once
    however often it is drawn (a JPEG is still embedded as it is)."""
    n = normalise(path, location)
    return _reader(n.data)


@lru_cache(maxsize=8)  # a reader keeps its decoded pixels: a few pictures at most
def _reader(data: bytes):
    from reportlab.lib.utils import ImageReader

    return ImageReader(io.BytesIO(data))


@lru_cache(maxsize=64)
def _normalise(path: Path, mtime_ns: int, size: int, location: Location | None) -> Normalised:
    from PIL import Image, ImageOps, UnidentifiedImageError

    name = path.name
    try:
        raw = read_file(path)  # once, and not through a link out of the folder
    except OSError as err:
        raise RenderError(f"cannot read picture {name}: {err.strerror or err}", location) from None
    try:
        # the decoder's warnings are diagnostics when the outline is loaded
        with warnings.catch_warnings(action="ignore"), Image.open(io.BytesIO(raw)) as img:
            if img.format not in _FORMATS:
                raise RenderError(f"{name} is not a PNG, JPEG, GIF or BMP picture", location)
            w, h = img.size
            if w <= 0 or h <= 0 or w * h > MAX_PIXELS:
                raise RenderError(f"{name} is {w}x{h} pixels: empty or too large", location)
            upright = _orientation(img) == 1
            if upright and img.mode in _DRAWN_AS_IS:
                return Normalised(w, h, raw, changed=False)
            img.load()
            fixed = ImageOps.exif_transpose(img) if not upright else img
            fixed = _eight_bit(fixed)
            out = io.BytesIO()
            if img.format == "JPEG" and fixed.mode in ("RGB", "L"):
                # no EXIF written back: the pixels are upright now
                fixed.save(out, "JPEG", quality=92, optimize=False, progressive=False)
            else:
                fixed.save(out, "PNG", optimize=False)
            return Normalised(fixed.width, fixed.height, out.getvalue(), changed=True)
    except RenderError:
        raise
    except Image.DecompressionBombError:
        raise RenderError(f"{name} is too large to decode safely", location) from None
    except UnidentifiedImageError:
        raise RenderError(f"{name} is not a PNG, JPEG, GIF or BMP picture", location) from None
    except (OSError, SyntaxError, ValueError) as err:
        raise RenderError(
            f"{name} is damaged or truncated and cannot be read ({err})", location
        ) from None


def _orientation(img) -> int:
    """EXIF orientation 1-8; 1 (as stored) when missing, malformed or not a number."""
    try:
        value = img.getexif().get(_EXIF_ORIENTATION, 1)
    except Exception:  # EXIF parsing raises anything from struct.error to KeyError
        return 1
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 8:
        return 1
    return value


def _eight_bit(img):
    """8-bit RGB, RGBA or grey, scaling 16-bit values instead of clipping them."""
    if img.mode in _DRAWN_AS_IS:
        return img
    if img.mode.startswith("I;16") or img.mode == "I":
        peak = 65535 if img.mode.startswith("I;16") else max(1, img.getextrema()[1])
        return img.convert("I").point(lambda v: v * (255 / peak)).convert("L")
    if img.mode == "F":
        low, high = img.getextrema()
        scale = 255 / (high - low) if high > low else 0
        return img.point(lambda v: (v - low) * scale).convert("L")
    if img.mode in ("CMYK", "YCbCr", "LAB", "HSV"):
        return img.convert("RGB")
    if "A" in img.mode or "transparency" in img.info:
        return img.convert("RGBA")
    return img.convert("RGB")
