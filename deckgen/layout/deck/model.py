"""The deck's presentation model: every slide decided, every element placed.

Like Pandoc's PowerPoint writer, the layout turns an Outline into this small
typed model with all decisions made (which slides, where a slide splits, each
text box's font size and line breaks, each shape's position) and returns
warnings as data. Backends (pptx, slides-pdf, the handout's slides mode) only
draw it.

Units are points; the origin is the slide's top-left corner, y grows down.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from deckgen.errors import Diagnostic, Location
from deckgen.layout.common.blocks import ChartBlock, CodeBlock, MathBlock, TableBlock
from deckgen.layout.common.primitives import Box, Paragraph, TextLine
from deckgen.outline.model import Text

__all__ = [
    "Box",
    "Deck",
    "Element",
    "Paragraph",
    "Picture",
    "Shape",
    "ShapeGroup",
    "ShapeKind",
    "Slide",
    "TextBox",
    "TextLine",
]

_NOWHERE = Location("<none>")


Role = Literal[
    "title",
    "subtitle",
    "body",
    "column-heading",
    "quote",
    "attribution",
    "statement",
    "caption",
    "credit",
    "label",
    "footer",
    "slide-number",
]


@dataclass(frozen=True)
class TextBox:
    box: Box
    paragraphs: tuple[Paragraph, ...]
    role: Role = "body"
    # 'title' / 'body' / 'subtitle': drawn into the slide layout's placeholder
    # of that type in .pptx (outline view and screen readers rely on it).
    # 'footer' / 'slide-number': the template layout's own placeholder of that type
    placeholder: Literal["title", "body", "subtitle", "footer", "slide-number"] | None = None
    valign: Literal["top", "middle", "bottom"] = "top"
    inset: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # l, t, r, b
    fill: str | None = None
    name: str = ""  # shape name shown in PowerPoint's selection pane

    @property
    def text(self) -> str:
        return "\n".join("".join(r.text for r in p.runs) for p in self.paragraphs)

    @property
    def inner(self) -> Box:
        """The box less its insets: where the lines are set."""
        il, it, ir, ib = self.inset
        b = self.box
        return Box(b.x + il, b.y + it, b.w - il - ir, b.h - it - ib)

    def paragraph_tops(self) -> tuple[float, ...]:
        """The top of each paragraph's first line (after its space before), as
        `valign` places the text in `inner`: decided here once for every
        drawer that sets the lines itself (slides-pdf, the web page)."""
        inner = self.inner
        total = sum(p.height for p in self.paragraphs)
        if self.valign == "middle":
            top = inner.y + (inner.h - total) / 2
        elif self.valign == "bottom":
            top = inner.y + inner.h - total
        else:
            top = inner.y
        tops = []
        for para in self.paragraphs:
            top += para.space_before
            tops.append(top)
            top += para.line_height * len(para.lines)
        return tuple(tops)


@dataclass(frozen=True)
class Picture:
    box: Box
    src: Path
    alt: str
    # fractions cut from each side (l, t, r, b), to fill the box without distortion
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    name: str = ""
    grey: bool = False  # drawn in greyscale (the ink-saving print theme)
    placeholder: bool = False  # into the slide layout's picture placeholder (.pptx)


ShapeKind = Literal["rect", "roundrect", "ellipse", "triangle", "diamond", "line"]


@dataclass(frozen=True)
class Shape:
    """A native shape. For `line`, the segment runs from (x, y) to (x+w, y+h);
    `triangle` is isosceles, apex up; `diamond` touches the box's side middles."""

    kind: ShapeKind
    box: Box
    fill: str | None = None
    line: str | None = None
    line_width: float = 0.0
    name: str = ""
    # an ornament (the accent rule): screen readers skip it (PowerPoint's
    # "Mark as decorative")
    decorative: bool = False


@dataclass(frozen=True)
class ShapeGroup:
    """Elements `start`..`stop - 1` of a slide drawn as one group, described
    by `alt` (a timeline: one object listing its events, not 60 loose shapes)."""

    name: str
    alt: str
    start: int
    stop: int


Element = TextBox | Picture | Shape | TableBlock | CodeBlock | ChartBlock | MathBlock

SlideKind = Literal[
    "title",
    "agenda",
    "section",
    "bullets",
    "two-column",
    "image",
    "quote",
    "statement",
    "timeline",
    "closing",
    "table",
    "code",
    "chart",
    "equation",
]


@dataclass(frozen=True)
class Slide:
    kind: SlideKind
    title: str  # plain title, also for accessibility and the outline view
    elements: tuple[Element, ...]  # in drawing order (back to front)
    background: str  # '#RRGGBB'
    notes: tuple[Text, ...] = ()  # speaker notes, paragraphs
    continued: bool = False  # a "(cont.)" slide made by splitting
    location: Location = _NOWHERE  # where in the outline it comes from
    groups: tuple[ShapeGroup, ...] = ()  # element runs drawn as one described group
    reveal: bool = False  # the body's paragraphs appear one at a time when presented


@dataclass(frozen=True)
class Deck:
    width: float  # 960 x 540 for 16:9, 720 x 540 for 4:3
    height: float
    slides: tuple[Slide, ...]
    heading_font: str
    body_font: str
    language: str = "en"
    diagnostics: tuple[Diagnostic, ...] = ()
    # the ordinary slide background ('' unknown): slides on it inherit the
    # master's in a .pptx
    background: str = ""
    # the fonts are a template's theme fonts (`outputs.pptx.look: template`):
    # a .pptx refers to them (+mj-lt / +mn-lt) rather than naming them
    template_fonts: bool = False
    # (slot, '#RRGGBB') of the template's colour scheme the deck is coloured
    # from (look: template): a .pptx refers to the slot (`a:schemeClr`) where a
    # colour is exactly one of these, so it follows a change of the theme
    scheme_colors: tuple[tuple[str, str], ...] = ()
