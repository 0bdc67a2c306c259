"""What every medium's layout places: boxes, and measured lines and paragraphs.

Units are points; the origin is the page's (or slide's) top-left corner, y grows down.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from deckgen.outline.model import Run

__all__ = ["Align", "Box", "Paragraph", "TextLine"]


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def overlaps(self, other: Box) -> bool:
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def contains(self, other: Box, tolerance: float = 0.01) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )


@dataclass(frozen=True)
class TextLine:
    """One line as the layout broke it (runs carry their styles); `hard`: the
    break after it is written as an explicit line break in a .pptx, where a
    renderer could otherwise break elsewhere (`deckgen.fonts.wrap`)."""

    runs: tuple[Run, ...]
    width: float
    hard: bool = False


Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph with its final style; `lines` is how it was measured to break.

    PDF drawers draw `lines` exactly; the .pptx writer writes the runs and
    PowerPoint breaks them itself, except at the lines' `hard` breaks, which
    it writes as explicit breaks (the layout measured as PowerPoint sets
    text, and sets line spacing in exact points so the height cannot drift).
    """

    runs: tuple[Run, ...]
    lines: tuple[TextLine, ...]
    font: str  # family name (deckgen.fonts)
    size: float  # points
    color: str  # '#RRGGBB'
    line_height: float  # exact line pitch in points
    level: int = 0  # 0 top-level, 1 nested (bullets)
    bullet: str | None = None  # the bullet character, None for none
    indent: float = 0.0  # left edge of the text, from the box's inner left
    hanging: float = 0.0  # the bullet sits `hanging` points left of the text
    space_before: float = 0.0  # points
    bold: bool = False  # base style under the runs' own
    italic: bool = False
    align: Align = "left"
    # the lines are broken on purpose (a balanced title): the .pptx writes
    # them with explicit line breaks, so every renderer breaks them here
    hard_breaks: bool = False

    @property
    def height(self) -> float:
        return self.space_before + self.line_height * len(self.lines)
