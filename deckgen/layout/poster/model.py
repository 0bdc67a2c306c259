"""The poster's model: a page of positioned elements, in points.

Made by `deckgen.layout.poster.layout.layout_poster`, drawn by the poster backend.
Coordinates: points, origin at the top-left corner of the *trim* (the
finished poster), y growing down; bleed lies outside.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from deckgen.errors import Diagnostic, Location, RenderError
from deckgen.layout.common.images import NO_CROP, Crop
from deckgen.layout.common.primitives import Box, TextLine
from deckgen.layout.common.timescale import TimeScale
from deckgen.layout.poster.tiling import Tiling

__all__ = [
    "A2_AREA",
    "BLEED",
    "CROP_MARGIN",
    "PAGE_SIZES",
    "TITLE_FLOOR",
    "card_scale",
    "Card",
    "Element",
    "Label",
    "Marker",
    "Picture",
    "Poster",
    "PosterOptions",
    "Rect",
    "Stroke",
    "TextBlock",
    "page_size",
    "type_scale",
]

MM = 72 / 25.4
PAGE_SIZES: dict[str, tuple[float, float]] = {  # portrait width, height in points
    "A3": (297 * MM, 420 * MM),
    "A2": (420 * MM, 594 * MM),
    "A1": (594 * MM, 841 * MM),
    "A0": (841 * MM, 1189 * MM),
    "ARCH-D": (24 * 72.0, 36 * 72.0),
}
A2_AREA = PAGE_SIZES["A2"][0] * PAGE_SIZES["A2"][1]
TITLE_FLOOR = 20.0  # event titles at A2, points; x `card_scale` on other sheets
# Cards grow slower than the sheet: one A size up (twice the area) is x1.2,
# not x1.414, so a bigger sheet holds more cards, not the same ones larger.
CARD_GROWTH = 0.263  # exponent of the area ratio: 2 ** 0.263 = 1.2
BLEED = 3 * MM
CROP_MARGIN = 10 * MM  # room outside the bleed for the crop marks

_NOWHERE = Location("<poster>")

# ---------------------------------------------------------------- the model

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class TextBlock:
    """Lines drawn exactly as measured; baseline i at y + ascent + i * line_height."""

    box: Box
    lines: tuple[TextLine, ...]
    font: str  # deckgen family name
    size: float
    line_height: float
    ascent: float  # from the box top to the first baseline, points
    color: str
    bold: bool = False
    italic: bool = False
    align: Align = "left"
    role: str = "text"


@dataclass(frozen=True)
class Rect:
    box: Box
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.0
    radius: float = 0.0
    role: str = "rect"
    hatch: str | None = None  # colour of diagonal hatching (print: groups by pattern)


@dataclass(frozen=True)
class Stroke:
    points: tuple[tuple[float, float], ...]
    color: str
    width: float
    dash: tuple[float, ...] = ()
    role: str = "line"


@dataclass(frozen=True)
class Marker:
    """A group's mark: filled or open circle/square/triangle/diamond."""

    x: float
    y: float
    size: float  # width of the mark
    shape: str
    color: str
    background: str  # inside of an open mark
    role: str = "marker"


@dataclass(frozen=True)
class Picture:
    box: Box  # what shows of the picture
    src: Path
    alt: str
    role: str = "picture"
    crop: Crop = NO_CROP  # fractions cut from the picture's sides (`fit: cover`)
    grey: bool = False  # drawn in greyscale (the ink-saving print theme)


Element = TextBlock | Rect | Stroke | Marker | Picture


@dataclass(frozen=True)
class Card:
    """One event's card; `box` holds all of its text."""

    index: int  # the event's index in outline.timeline.events
    title: str
    box: Box
    side: int  # 0 above the axis, 1 below
    anchor: float  # x of its stem
    date_x: float  # x of its true date on the axis
    location: Location = _NOWHERE


@dataclass(frozen=True)
class Label:
    """A text box other than a card (title, era label, legend, footer, tick)."""

    role: str
    box: Box


@dataclass(frozen=True)
class PosterOptions:
    size: str = "A2"
    orientation: str = "landscape"
    tile: str | None = None  # 'A4', 'Letter' or None
    bleed: bool = False
    crop_marks: bool = False

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> PosterOptions:
        """From `outputs.poster:` as validated against the backend's OptionSpecs
        (a key left out keeps its default)."""
        tile = values.get("tile", "none")
        return cls(
            size=values.get("size", cls.size),
            orientation=values.get("orientation", cls.orientation),
            tile=None if tile == "none" else tile,
            bleed=values.get("bleed", cls.bleed),
            crop_marks=values.get("crop_marks", cls.crop_marks),
        )


@dataclass(frozen=True)
class Poster:
    width: float  # trim size, points
    height: float
    bleed: float  # 0 or 3 mm
    crop_marks: bool
    background: str
    elements: tuple[Element, ...]  # back to front
    cards: tuple[Card, ...]
    labels: tuple[Label, ...]
    scale: TimeScale | None
    k: float  # type scale factor against A2
    title_size: float  # event title size used, points
    level: int  # index into LEVELS
    heading_font: str
    body_font: str
    title: str
    author: str
    subject: str
    language: str
    options: PosterOptions
    tiling: Tiling | None = None
    scales: tuple[TimeScale, ...] = ()  # one per axis row, top to bottom (scale: the first)
    unplaced: tuple[int, ...] = ()  # event indexes without a card
    diagnostics: tuple[Diagnostic, ...] = field(default_factory=tuple)

    @property
    def media_margin(self) -> float:
        """Paper around the trim on every side: bleed, plus room for crop marks."""
        return self.bleed + (CROP_MARGIN if self.crop_marks else 0.0)

    @property
    def page_box(self) -> Box:
        return Box(0, 0, self.width, self.height)


def page_size(size: str, orientation: str = "landscape") -> tuple[float, float]:
    """Trim width and height in points; raises RenderError for an unknown size."""
    key = size.upper()
    if key in ("24X36IN", "24X36"):
        key = "ARCH-D"
    if key not in PAGE_SIZES:
        raise RenderError(f"unknown poster size {size!r}; choose one of {', '.join(PAGE_SIZES)}")
    w, h = PAGE_SIZES[key]
    return (h, w) if orientation == "landscape" else (w, h)


def card_scale(width: float, height: float) -> float:
    """The factor applied to every A2 size of the timeline (cards, axis,
    leaders): 1.2 per A size up (`CARD_GROWTH`); titles 20 pt at A2, 24 pt
    at A1, 28.8 pt at A0."""
    ratio = width * height / A2_AREA
    # below A2 (read from closer) the cards shrink with the sheet, as all type does
    return float(ratio**CARD_GROWTH if ratio >= 1 else math.sqrt(ratio))


def type_scale(width: float, height: float) -> float:
    """The factor applied to every A2 type size: sqrt of the area ratio."""
    return math.sqrt(width * height / A2_AREA)
