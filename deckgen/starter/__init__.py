"""`deckgen new`: a starter talk that shows every feature of the outline format.

`starter_files()` gives the files (an outline with each feature commented in
one line, a picture drawn here, a README); `write_starter(folder)` writes
them, never over an existing file: if any exists it writes nothing and raises
a DeckgenError naming each one.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

from deckgen.errors import DeckgenError, Diagnostic, Location

from .outline import OUTLINE, README

__all__ = ["OUTLINE_NAME", "picture", "starter_files", "write_starter"]

OUTLINE_NAME = "talk.yaml"
PICTURE_NAME = "images/picture.png"


def picture(width: int = 960, height: int = 540) -> bytes:
    """A night sky over a planet's curve with an orbit and a satellite: drawn,
    so the same bytes every time (no file shipped, no network)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(img)
    for y in range(height):  # dark blue sky, lighter towards the horizon
        t = y / height
        draw.line([(0, y), (width, y)], fill=(int(10 + 30 * t), int(20 + 50 * t), int(60 + 90 * t)))
    stars = random.Random(1957)  # a fixed seed: the same sky every time
    for i in range(120):
        x, y = int(stars.random() * width), int(stars.random() * height * 0.7)
        r = 1 + (i % 4 == 0)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(235, 240, 255))
    cx, cy, radius = width // 2, height * 2, int(height * 1.55)
    draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=(30, 90, 170))
    draw.arc(
        [cx - radius - 60, cy - radius - 60, cx + radius + 60, cy + radius + 60],
        200,
        340,
        fill=(255, 255, 255),
        width=3,
    )
    sx, sy = int(width * 0.58), int(height * 0.3)
    draw.rectangle([sx - 14, sy - 9, sx + 14, sy + 9], fill=(220, 220, 230))
    draw.rectangle([sx - 50, sy - 5, sx - 18, sy + 5], fill=(70, 120, 200))
    draw.rectangle([sx + 18, sy - 5, sx + 50, sy + 5], fill=(70, 120, 200))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def starter_files() -> dict[str, bytes]:
    """Relative path -> bytes of every file of a new talk."""
    return {
        OUTLINE_NAME: OUTLINE.encode("utf-8"),
        PICTURE_NAME: picture(),
        "README.md": README.encode("utf-8"),
    }


def write_starter(folder: Path) -> list[Path]:
    """Write the starter talk into `folder` (created when missing); the paths written.

    Raises DeckgenError, writing nothing, when any of the files exists."""
    files = starter_files()
    existing = [folder / name for name in files if (folder / name).exists()]
    if existing:
        raise DeckgenError(
            diagnostics=[
                Diagnostic(
                    "error",
                    "exists already; `deckgen new` writes nothing over existing files "
                    "(choose another folder: deckgen new FOLDER)",
                    Location(str(path)),
                )
                for path in existing
            ]
        )
    written = []
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("xb") as f:  # never over a file made meanwhile
                f.write(data)
        except OSError as exc:
            raise DeckgenError(f"cannot write: {exc.strerror}", Location(str(path))) from None
        written.append(path)
    return written
