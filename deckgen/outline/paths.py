"""Files named by an outline: confined to the outline's folder tree, never fetched.

A path is relative to the outline file. Absolute paths, URLs (`https:`,
`file:`, `data:` ...), `../` out of the folder and symbolic links that lead
out of it are refused, so an outline shared between colleagues cannot make
deckgen read (and embed) files from elsewhere on their machine.
"""

from __future__ import annotations

import functools
import posixpath
import re
import warnings
from pathlib import Path

__all__ = ["MAX_PIXELS", "check_picture", "picture_warnings", "resolve_inside", "verify_picture"]

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]+:")  # two letters at least: C: is a drive
_DRIVE = re.compile(r"[A-Za-z]:[\\/]")

# Larger pictures gain nothing on a slide or a page and cost seconds and memory.
MAX_PIXELS = 50_000_000

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_OTHER_FORMATS = (
    (b"GIF8", "a GIF"),
    (b"RIFF", "a WebP (or other RIFF) file"),
    (b"BM", "a BMP"),
    (b"II*\x00", "a TIFF"),
    (b"MM\x00*", "a TIFF"),
    (b"%PDF", "a PDF"),
)


def resolve_inside(folder: Path, text: str) -> Path:
    """The absolute, resolved file `text` names; `ValueError` if it may not be used."""
    s = text.strip()
    if not s:
        raise ValueError("the path is empty")
    if s.startswith(("/", "\\", "~")) or _DRIVE.match(s):
        raise ValueError(f"{s!r} is an absolute path; give a path relative to the outline's folder")
    if _SCHEME.match(s) or s.startswith("//"):
        raise ValueError(
            f"{s!r} is a URL; deckgen never fetches anything from a network: save the file "
            "in the outline's folder and give its relative path"
        )
    root = folder.resolve()
    normal = posixpath.normpath(s.replace("\\", "/"))
    if normal == ".." or normal.startswith("../"):
        raise ValueError(f"{s!r} leaves the outline's folder")
    try:
        target = (root / normal).resolve()
    except (OSError, RuntimeError) as e:  # symlink loops, names too long
        raise ValueError(f"{s!r} cannot be resolved: {e}") from None
    if not target.is_relative_to(root):
        raise ValueError(
            f"{s!r} is a symbolic link that leads out of the outline's folder (to {target})"
        )
    return target


def check_picture(path: Path, written: str) -> str | None:
    """None when `path` is a whole, readable PNG or JPEG file; else what is wrong."""
    try:
        if not path.exists():
            return f"{written!r}: file not found (looked for {path})"
        if not path.is_file():
            return f"{written!r} is not a file"
        with path.open("rb") as f:
            head = f.read(16)
    except OSError as e:
        return f"{written!r} cannot be read: {e.strerror or e}"
    if head.startswith((_PNG, _JPEG)):
        return None
    stripped = head.lstrip()
    kind: str | None
    if stripped.startswith((b"<?xml", b"<svg")):
        kind = "an SVG"
    else:
        kind = next((name for magic, name in _OTHER_FORMATS if head.startswith(magic)), None)
    if kind:
        return f"{written!r} is {kind}; only PNG and JPEG pictures are supported (convert it)"
    return f"{written!r} is not a PNG or JPEG picture"


def verify_picture(path: Path, written: str) -> str | None:
    """`check_picture`, then decode it: refuse truncated, corrupt or huge pictures.

    A JPEG is decoded at 1/8 scale (it is still read to the end, which finds
    truncation, at a fraction of the cost). An outline often names one picture
    many times, so each file is decoded once per version (path, size, mtime).
    """
    problem = check_picture(path, written)
    if problem:
        return problem
    stat = path.stat()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # reported by picture_warnings, as diagnostics
        problem = _decode_problem(str(path), stat.st_size, stat.st_mtime_ns)
    return problem.format(written=repr(written)) if problem else None


@functools.lru_cache(maxsize=256)
def _decode_problem(path: str, size: int, mtime_ns: int) -> str | None:
    """The reason a picture cannot be used, with `{written}` for its name."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            width, height = img.size
            if width * height > MAX_PIXELS:
                return (
                    f"{{written}} is {width}x{height} pixels; pictures over "
                    f"{MAX_PIXELS // 1_000_000} megapixels are refused (scale it down)"
                )
            if img.format == "JPEG":
                img.draft("RGB", (max(1, width // 8), max(1, height // 8)))  # reads it all, fast
            img.load()
    except Image.DecompressionBombError:
        return "{written} is too large to decode safely (scale it down)"
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError) as e:
        reason = str(e).replace("{", "{{").replace("}", "}}")
        return f"{{written}} is damaged or truncated and cannot be read ({reason})"
    return None


def picture_warnings(path: Path, written: str) -> list[str]:
    """What is odd in a usable picture's metadata (EXIF), and the decoder's
    own warnings: it is drawn as stored, and the outline's author is told."""
    stat = path.stat()
    notes = _metadata_notes(str(path), stat.st_size, stat.st_mtime_ns)
    return [note.format(written=repr(written)) for note in notes]


@functools.lru_cache(maxsize=256)
def _metadata_notes(path: str, size: int, mtime_ns: int) -> tuple[str, ...]:
    from PIL import Image

    def braces(text: object) -> str:
        return str(text).replace("{", "{{").replace("}", "}}")

    notes = []
    orientation = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with Image.open(path) as img:
                orientation = img.getexif().get(0x0112)
        except Exception as e:  # EXIF parsing raises anything from struct to KeyError
            notes.append(
                f"{{written}}: its EXIF metadata cannot be read ({braces(e)}); "
                "the picture is drawn as stored"
            )
    if orientation is not None and (
        not isinstance(orientation, int)
        or isinstance(orientation, bool)
        or not 1 <= orientation <= 8
    ):
        notes.append(
            f"{{written}}: its EXIF orientation {braces(repr(orientation)[:40])} is not a number "
            "from 1 to 8; the picture is drawn as stored"
        )
    for w in caught:
        said = " ".join(str(w.message).split())
        notes.append(f"{{written}}: the picture decoder warns: {braces(said)}")
    return tuple(dict.fromkeys(notes))
