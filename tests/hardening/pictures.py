"""Awkward picture files, made in the test (no binary fixtures).

Every "good" picture shows, when drawn upright and in the right colours, a
40x20 landscape with its left half red and its right half white.
"""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

W, H = 40, 20


def upright() -> Image.Image:
    img = Image.new("RGB", (W, H), "white")
    img.paste((255, 0, 0), (0, 0, W // 2, H))
    return img


def _save(img: Image.Image, fmt: str, **kw) -> bytes:
    out = io.BytesIO()
    img.save(out, fmt, **kw)
    return out.getvalue()


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _raw_png(width: int, height: int, depth: int, color: int, rows: list[bytes]) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, 0)
    idat = zlib.compress(b"".join(b"\x00" + r for r in rows))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def rgb48_png() -> bytes:
    """16 bits a channel: red left, white right."""
    red, white = struct.pack(">HHH", 65535, 0, 0), struct.pack(">HHH", 65535, 65535, 65535)
    row = red * (W // 2) + white * (W - W // 2)
    return _raw_png(W, H, 16, 2, [row] * H)


def grey16_png() -> bytes:
    """16-bit grey: black left, white right (drawn: dark left, light right)."""
    row = struct.pack(">H", 0) * (W // 2) + struct.pack(">H", 65535) * (W - W // 2)
    return _raw_png(W, H, 16, 0, [row] * H)


def grey16_mid_png() -> bytes:
    """16-bit mid grey everywhere (clipping it to 8 bits would give white)."""
    return _raw_png(W, H, 16, 0, [struct.pack(">H", 0x6000) * W] * H)


def cmyk_jpeg() -> bytes:
    return _save(upright().convert("CMYK"), "JPEG", quality=95)


def exif_rotated_jpeg(orientation: int = 6) -> bytes:
    """Stored on its side; EXIF orientation says how to turn it upright."""
    turn = {
        6: Image.Transpose.ROTATE_90,
        8: Image.Transpose.ROTATE_270,
        3: Image.Transpose.ROTATE_180,
    }[orientation]
    exif = Image.Exif()
    exif[0x0112] = orientation
    return _save(upright().transpose(turn), "JPEG", quality=95, exif=exif.tobytes())


def palette_alpha_png() -> bytes:
    img = upright().convert("P")
    return _save(img, "PNG", transparency=img.getpixel((W - 1, 0)))


def grey_alpha_png() -> bytes:
    return _save(upright().convert("LA"), "PNG")


def rgba_png() -> bytes:
    return _save(upright().convert("RGBA"), "PNG")


def plain_jpeg() -> bytes:
    return _save(upright(), "JPEG", quality=95)


def animated_gif() -> bytes:
    frames = [upright().convert("P"), Image.new("P", (W, H))]
    return _save(frames[0], "GIF", save_all=True, append_images=frames[1:])


def webp() -> bytes:
    return _save(upright(), "WEBP")


def svg() -> bytes:
    return b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"/>'


def bmp() -> bytes:
    return _save(upright(), "BMP")


def truncated_png() -> bytes:
    data = _save(upright(), "PNG")
    return data[: len(data) // 2]


def truncated_jpeg() -> bytes:
    data = plain_jpeg()
    return data[: len(data) // 2]


def bomb_png() -> bytes:
    """A 1-bit 100,000 x 100,000 picture: 10 gigapixels in a few kilobytes."""
    width = height = 100_000
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * (width // 8)
    z = zlib.compressobj(9)
    idat = z.compress(row * 2000) + z.flush()  # the first rows only: the header lies
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def header_only_png() -> bytes:
    """A valid header and nothing else."""
    return _raw_png(W, H, 8, 2, [b"\x00" * 3 * W] * H)[:33]


ACCEPTED = {
    "rgb48.png": rgb48_png,
    "grey16.png": grey16_png,
    "grey16-mid.png": grey16_mid_png,
    "cmyk.jpg": cmyk_jpeg,
    "exif6.jpg": lambda: exif_rotated_jpeg(6),
    "exif8.jpg": lambda: exif_rotated_jpeg(8),
    "exif3.jpg": lambda: exif_rotated_jpeg(3),
    "palette-alpha.png": palette_alpha_png,
    "grey-alpha.png": grey_alpha_png,
    "rgba.png": rgba_png,
    "plain.jpg": plain_jpeg,
}

REFUSED = {
    "animated.gif": (animated_gif, "GIF"),
    "picture.webp": (webp, "WebP"),
    "drawing.svg": (svg, "SVG"),
    "picture.bmp": (bmp, "BMP"),
    "truncated.png": (truncated_png, "truncated"),
    "truncated.jpg": (truncated_jpeg, "truncated"),
    "bomb.png": (bomb_png, "too large"),
    "header-only.png": (header_only_png, "truncated"),
    "named-like-a.png": (webp, "WebP"),  # the name lies: the content decides
}
