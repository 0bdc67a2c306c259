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

Each picture is read once per build, whichever outputs and layouts ask (the
cache is keyed by the file, its size and time, not by who asks), and a PNG's
pixels are not decoded just to learn that it carries no EXIF orientation.
An ordinary PNG (8-bit grey or RGB, no transparency) goes into a PDF with its
own compressed pixels (`png_pixels`): neither decoded nor compressed again.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from functools import lru_cache
from hashlib import sha1
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.errors import Location, RenderError
from deckgen.safeio import read_file

if TYPE_CHECKING:
    from PIL import Image

__all__ = [
    "MAX_PIXELS",
    "Normalised",
    "PngPixels",
    "data",
    "for_reportlab",
    "grey",
    "grey_reader",
    "normalise",
    "pixel_size",
    "png_pixels",
]

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
    try:
        return _normalise(Path(path), stat.st_mtime_ns, stat.st_size)
    except _Unusable as problem:
        raise RenderError(str(problem), location) from None


def pixel_size(path: Path, location: Location | None = None) -> tuple[int, int]:
    """(width, height) in pixels as drawn, i.e. after the EXIF rotation."""
    n = normalise(path, location)
    return n.width, n.height


def data(path: Path, location: Location | None = None) -> bytes:
    """The bytes to embed (the file itself when it needs no change)."""
    return normalise(path, location).data


def grey(path: Path, location: Location | None = None) -> bytes:
    """The picture in greyscale, as a PNG (the `print` theme saves colour ink);
    transparency kept."""
    n = normalise(path, location)
    return _grey(n.data)


@lru_cache(maxsize=64)
def _grey(data: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        alpha = img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info)
        out = io.BytesIO()
        img.convert("LA" if alpha else "L").save(out, "PNG", optimize=False)
        return out.getvalue()


def grey_reader(path: Path, location: Location | None = None):
    """`for_reportlab` of the greyscale picture."""
    return _reader(grey(path, location))


def for_reportlab(path: Path, location: Location | None = None):
    """What reportlab's drawImage takes: a reader of the bytes to embed.

    Never the file name: reportlab names an image in the PDF after the name it
    is given, so the same outline built from another folder would give other
    bytes. A reader is named after its pixels instead, and is decoded once
    however often it is drawn (a JPEG is still embedded as it is)."""
    n = normalise(path, location)
    return _reader(n.data)


@dataclass(frozen=True)
class PngPixels:
    """A PNG's pixels as a PDF embeds them without decoding: the zlib stream of
    its IDAT chunks, whose PNG row filters PDF's FlateDecode undoes itself
    (/DecodeParms /Predictor 15)."""

    width: int
    height: int
    colors: int  # 1: grey, 3: RGB; 8 bits each
    stream: bytes
    digest: str  # names the picture by its content (the same from any folder)


def png_pixels(
    path: Path, location: Location | None = None, *, greyscale: bool = False
) -> PngPixels | None:
    """The picture's PNG pixels when a PDF can take them as they are (an upright,
    non-interlaced, 8-bit grey or RGB PNG without transparency), else None.
    `greyscale`: those of its greyscale version (`grey`), made once."""
    if greyscale:
        return _png_pixels(grey(path, location))
    n = normalise(path, location)
    return None if n.changed else _png_pixels(n.data)


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@lru_cache(maxsize=16)
def _png_pixels(data: bytes) -> PngPixels | None:
    if not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    depth, kind, interlace = data[24], data[25], data[28]
    if depth != 8 or kind not in (0, 2) or interlace != 0:
        return None  # palette, alpha, 16-bit or interlaced: drawn decoded
    idat: list[bytes] = []
    at = 8
    while at + 8 <= len(data):
        length, chunk = int.from_bytes(data[at : at + 4], "big"), data[at + 4 : at + 8]
        if chunk == b"tRNS":
            return None  # a transparent colour: reportlab masks it
        if chunk == b"IDAT":
            idat.append(data[at + 8 : at + 8 + length])
        if chunk == b"IEND":
            break
        at += 12 + length
    if not idat:
        return None
    return PngPixels(width, height, 3 if kind == 2 else 1, b"".join(idat), sha1(data).hexdigest())


@lru_cache(maxsize=8)  # a reader keeps its decoded pixels: a few pictures at most
def _reader(data: bytes):
    from reportlab.lib.utils import ImageReader

    return ImageReader(io.BytesIO(data))


class _Unusable(Exception):
    """What is wrong with a picture; the caller adds its location."""


@lru_cache(maxsize=64)
def _normalise(path: Path, mtime_ns: int, size: int) -> Normalised:
    from PIL import Image, ImageOps, UnidentifiedImageError

    name = path.name
    try:
        raw = read_file(path)  # once, and not through a link out of the folder
    except OSError as err:
        raise _Unusable(f"cannot read picture {name}: {err.strerror or err}") from None
    try:
        # the decoder's warnings are diagnostics when the outline is loaded
        with warnings.catch_warnings(action="ignore"), Image.open(io.BytesIO(raw)) as img:
            if img.format not in _FORMATS:
                raise _Unusable(f"{name} is not a PNG, JPEG, GIF or BMP picture")
            w, h = img.size
            if w <= 0 or h <= 0 or w * h > MAX_PIXELS:
                raise _Unusable(f"{name} is {w}x{h} pixels: empty or too large")
            upright = _orientation(img, raw) == 1
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
    except _Unusable:
        raise
    except Image.DecompressionBombError:
        raise _Unusable(f"{name} is too large to decode safely") from None
    except UnidentifiedImageError:
        raise _Unusable(f"{name} is not a PNG, JPEG, GIF or BMP picture") from None
    except (OSError, SyntaxError, ValueError) as err:
        raise _Unusable(f"{name} is damaged or truncated and cannot be read ({err})") from None


# PNG chunks Pillow reads EXIF from; after the pixels (IDAT) it finds them only
# by decoding the whole picture.
_PNG_EXIF_CHUNKS = {b"eXIf", b"tEXt", b"zTXt", b"iTXt"}


def _exif(img: Image.Image, raw: bytes) -> Image.Exif:
    """The picture's EXIF. A PNG's is read without decoding its pixels when no
    metadata chunk follows them (the usual case), which Pillow cannot tell."""
    from PIL import Image as PIL_Image

    if img.format == "PNG" and not _png_metadata_after_pixels(raw):
        return PIL_Image.Image.getexif(img)  # what was read up to the first IDAT
    return img.getexif()


def _png_metadata_after_pixels(raw: bytes) -> bool:
    """Whether an EXIF or text chunk follows the PNG's first IDAT chunk (or the
    file cannot be walked, when Pillow is left to find out)."""
    at = 8  # after the signature
    seen_pixels = False
    while True:
        head = raw[at : at + 8]
        if len(head) < 8:
            return True  # truncated: let Pillow decide
        length, kind = int.from_bytes(head[:4], "big"), head[4:]
        if kind == b"IEND":
            return False
        seen_pixels = seen_pixels or kind == b"IDAT"
        if seen_pixels and kind in _PNG_EXIF_CHUNKS:
            return True
        at += 8 + length + 4  # the head, the data and its CRC


def _orientation(img: Image.Image, raw: bytes) -> int:
    """EXIF orientation 1-8; 1 (as stored) when missing, malformed or not a number."""
    try:
        value = _exif(img, raw).get(_EXIF_ORIENTATION, 1)
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
