"""The deck's page geometry: slide size and, from a user's template, its boxes.

The pptx backend fills a `DeckGeometry` before calling the layout: from the
`aspect` option alone (`DeckGeometry.for_aspect`), or from a user's template
read with python-pptx (slide size plus the title/body/subtitle placeholder
boxes of the layouts it will use for each slide kind). The layout is pure and
never opens the template itself; it only honours these numbers, so that the
text it fits is the text that lands in the template's own placeholders.

Units are points (1/72 in); the origin is the slide's top-left corner.
"""

from __future__ import annotations

from dataclasses import dataclass

from deckgen.layout.common.primitives import Box
from deckgen.layout.deck.model import SlideKind
from deckgen.theme.office import TemplateLook

__all__ = ["ASPECTS", "TEMPLATE_LAYOUT_NAMES", "DeckGeometry", "PlaceholderBoxes"]

# aspect option -> (width, height) in points; PowerPoint's own default sizes
# (13.333 x 7.5 in and 10 x 7.5 in).
ASPECTS: dict[str, tuple[float, float]] = {
    "16:9": (960.0, 540.0),
    "4:3": (720.0, 540.0),
}

# Which layout of a template each slide kind uses, by the names PowerPoint's
# stock masters give them (matched case-insensitively, first found wins). The
# backend falls back to placeholder types when a template renames its layouts.
# Kept here so the backend and the layout agree on one table.
TEMPLATE_LAYOUT_NAMES: dict[SlideKind, tuple[str, ...]] = {
    "title": ("Title Slide",),
    "agenda": ("Title and Content",),
    "section": ("Section Header",),
    "bullets": ("Title and Content",),
    "two-column": ("Two Content", "Comparison", "Title and Content"),
    "image": ("Title Only", "Title and Content"),
    "quote": ("Title Only",),
    "statement": ("Title Only",),
    "timeline": ("Title Only",),
    "closing": ("Title and Content",),
    "table": ("Title Only", "Title and Content"),
    "code": ("Title Only", "Title and Content"),
    "chart": ("Title Only", "Title and Content"),
    "equation": ("Title Only", "Title and Content"),
}


@dataclass(frozen=True)
class PlaceholderBoxes:
    """Where a template's slide layout puts its title, body and subtitle.

    Each is the placeholder's box in points, or None when the layout has no
    such placeholder (the layout then places that text on its own grid).
    """

    title: Box | None = None
    body: Box | None = None
    subtitle: Box | None = None
    # the layout's footer and slide-number placeholders (the deck fills them
    # instead of drawing its own) and its picture placeholder (a cover goes in)
    footer: Box | None = None
    number: Box | None = None
    picture: Box | None = None


@dataclass(frozen=True)
class DeckGeometry:
    """Slide size and optional template placeholder boxes per slide kind.

    `placeholders` pairs a slide kind (see `deckgen.layout.deck.model.SlideKind`)
    with the boxes of the template layout used for it; a tuple of pairs, not
    a dict, so a geometry is hashable and its order fixed.
    """

    width: float = 960.0
    height: float = 540.0
    placeholders: tuple[tuple[SlideKind, PlaceholderBoxes], ...] = ()
    # `outputs.pptx.look: template`: the template's fonts and colours, which
    # the deck is laid out in instead of the theme's (None: the theme's)
    look: TemplateLook | None = None

    @classmethod
    def for_aspect(cls, aspect: str = "16:9") -> DeckGeometry:
        """16:9 -> 960 x 540 pt, 4:3 -> 720 x 540 pt; an unknown aspect is a ValueError
        (option values are validated by the backend before this is called)."""
        try:
            width, height = ASPECTS[aspect]
        except KeyError:
            known = ", ".join(ASPECTS)
            raise ValueError(f"unknown aspect {aspect!r}; expected one of {known}") from None
        return cls(width, height)

    @property
    def aspect(self) -> float:
        return self.width / self.height

    def boxes(self, kind: SlideKind) -> PlaceholderBoxes:
        """The template's boxes for this kind of slide (all None without a template)."""
        for k, boxes in self.placeholders:
            if k == kind:
                return boxes
        return PlaceholderBoxes()

    @property
    def from_template(self) -> bool:
        return bool(self.placeholders)
