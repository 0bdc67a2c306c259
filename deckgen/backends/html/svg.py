"""One laid-out slide (`deckgen.layout.deck.model.Slide`) as inline SVG.

Nothing is decided here: text is drawn line by line as the deck layout broke
it, at its sizes and pitches (the page embeds the very font files the layout
measured), shapes and pictures at their boxes. Pictures are drawn by `<use>`
of one `<image>` each in the page's shared definitions, so a picture shown on
three slides is inlined once. An element kind this module does not know (a
block added to the deck model later) is skipped: the rest of the slide is
still drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from deckgen import fonts as deckfonts
from deckgen.layout.common.blocks import ChartBlock, CodeBlock, MathBlock, TableBlock
from deckgen.layout.deck.model import Deck, Paragraph, Picture, Shape, Slide, TextBox
from deckgen.outline.mathtex import SCRIPT_SIZE
from deckgen.outline.model import Run

__all__ = ["css_family", "num", "runs_tspans", "slide_svg"]

# The id of a picture's <image> in the page's shared <defs>, by its path.
PictureIds = Callable[[Picture], str]


def num(value: float) -> str:
    """A coordinate, short and the same on every machine."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def css_family(family: str) -> str:
    """The name a family is embedded under (never a system font's)."""
    return "dg-" + "".join(c if c.isalnum() else "-" for c in family)


def slide_svg(slide: Slide, deck: Deck, index: int, picture_id: PictureIds) -> str:
    """The slide as an <svg> element (its own coordinates: points)."""
    w, h = num(deck.width), num(deck.height)
    parts = [
        f'<svg class="slide-svg" viewBox="0 0 {w} {h}" role="group" '
        f'aria-label="{escape(slide.title or "")}">',
        f'<rect width="{w}" height="{h}" fill="{slide.background}" aria-hidden="true"/>',
    ]
    for n, el in enumerate(slide.elements):
        if isinstance(el, Shape):
            parts.append(_shape(el))
        elif isinstance(el, Picture):
            parts.append(_picture(el, f"clip-{index}-{n}", picture_id(el)))
        elif isinstance(el, TextBox):
            parts.append(_text_box(el))
        elif isinstance(el, TableBlock | CodeBlock | ChartBlock | MathBlock):
            from .blocks import block_svg  # only decks with blocks need their libraries

            parts.append(block_svg(el))
        # anything else: a kind drawn by a later version; left out, never broken
    parts.append("</svg>")
    return "".join(parts)


def _paint(fill: str | None, line: str | None, width: float) -> str:
    stroke = f' stroke="{line}" stroke-width="{num(width)}"' if line and width > 0 else ""
    return f' fill="{fill or "none"}"{stroke}'


def _shape(s: Shape) -> str:
    b = s.box
    paint = _paint(s.fill, s.line, s.line_width)
    hidden = ' aria-hidden="true"'
    if s.kind == "line":
        if not s.line or s.line_width <= 0:
            return ""
        return (
            f'<line x1="{num(b.x)}" y1="{num(b.y)}" x2="{num(b.right)}" y2="{num(b.bottom)}" '
            f'stroke="{s.line}" stroke-width="{num(s.line_width)}"{hidden}/>'
        )
    if s.kind in ("rect", "roundrect"):
        radius = f' rx="{num(min(b.w, b.h) / 6)}"' if s.kind == "roundrect" else ""
        return (
            f'<rect x="{num(b.x)}" y="{num(b.y)}" width="{num(b.w)}" height="{num(b.h)}"'
            f"{radius}{paint}{hidden}/>"
        )
    if s.kind == "ellipse":
        return (
            f'<ellipse cx="{num(b.x + b.w / 2)}" cy="{num(b.y + b.h / 2)}" '
            f'rx="{num(b.w / 2)}" ry="{num(b.h / 2)}"{paint}{hidden}/>'
        )
    cx, cy = b.x + b.w / 2, b.y + b.h / 2
    if s.kind == "triangle":
        corners = [(cx, b.y), (b.right, b.bottom), (b.x, b.bottom)]
    elif s.kind == "diamond":
        corners = [(cx, b.y), (b.right, cy), (cx, b.bottom), (b.x, cy)]
    else:
        return ""  # a shape kind of a later version
    points = " ".join(f"{num(x)},{num(y)}" for x, y in corners)
    return f'<polygon points="{points}"{paint}{hidden}/>'


def _picture(p: Picture, clip: str, image_id: str) -> str:
    b = p.box
    left, top, right, bottom = p.crop
    full_w = b.w / max(1e-6, 1 - left - right)
    full_h = b.h / max(1e-6, 1 - top - bottom)
    x, y = b.x - left * full_w, b.y - top * full_h
    return (
        f'<clipPath id="{clip}"><rect x="{num(b.x)}" y="{num(b.y)}" '
        f'width="{num(b.w)}" height="{num(b.h)}"/></clipPath>'
        f'<g clip-path="url(#{clip})" role="img" aria-label="{escape(p.alt)}">'
        f"<title>{escape(p.alt)}</title>"
        f'<use href="#{image_id}" transform="translate({num(x)} {num(y)}) '
        f'scale({num(full_w)} {num(full_h)})"/></g>'
    )


_faces: dict[tuple[str, bool, bool], deckfonts.Face] = {}


def _face(family: str, bold: bool, italic: bool) -> deckfonts.Face:
    key = (family, bold, italic)
    if key not in _faces:
        _faces[key] = deckfonts.family(family).face(bold=bold, italic=italic)
    return _faces[key]


def runs_tspans(runs: tuple[Run, ...], bold: bool, italic: bool) -> str:
    """Runs as <tspan>s, their own bold/italic over the paragraph's."""
    out = []
    for run in runs:
        style = []
        if run.bold or bold:
            style.append('font-weight="bold"')
        if run.italic or italic:
            style.append('font-style="italic"')
        if run.rise:  # a script: smaller and raised or lowered, as the PDFs draw it
            shift = run.rise / SCRIPT_SIZE  # rise is of the base size; em is the script's
            style.append(f'font-size="{num(SCRIPT_SIZE * 100)}%" baseline-shift="{num(shift)}em"')
        attrs = (" " + " ".join(style)) if style else ""
        text = escape(run.text)
        if run.link:
            out.append(
                f'<a href="{escape(run.link)}"><tspan{attrs} text-decoration="underline">'
                f"{text}</tspan></a>"
            )
        else:
            out.append(f"<tspan{attrs}>{text}</tspan>")
    return "".join(out)


def _text_box(tb: TextBox) -> str:
    b = tb.box
    out = []
    if tb.fill:
        out.append(
            f'<rect x="{num(b.x)}" y="{num(b.y)}" width="{num(b.w)}" height="{num(b.h)}" '
            f'fill="{tb.fill}" aria-hidden="true"/>'
        )
    inner = tb.inner
    for para, top in zip(tb.paragraphs, tb.paragraph_tops(), strict=True):
        out.append(_paragraph(para, inner.x, inner.w, top))
    return "".join(out)


def _paragraph(para: Paragraph, inner_x: float, inner_w: float, top: float) -> str:
    face = _face(para.font, para.bold, para.italic)
    em = (face.ascent + face.descent) * para.size
    to_baseline = (para.line_height - em) / 2 + face.ascent * para.size
    left, avail = inner_x + para.indent, inner_w - para.indent
    common = (
        f'font-family="{css_family(para.font)}" font-size="{num(para.size)}" '
        f'fill="{para.color}" xml:space="preserve"'
    )
    out = []
    for i, line in enumerate(para.lines):
        baseline = top + i * para.line_height + to_baseline
        if para.align == "center":
            lx = left + (avail - line.width) / 2
        elif para.align == "right":
            lx = left + avail - line.width
        else:
            lx = left
        if i == 0 and para.bullet:
            weight = ' font-weight="bold"' if para.bold else ""
            out.append(
                f'<text x="{num(left - para.hanging)}" y="{num(baseline)}" {common}{weight} '
                f'aria-hidden="true">{escape(para.bullet)}</text>'
            )
        tspans = runs_tspans(line.runs, para.bold, para.italic)
        out.append(f'<text x="{num(lx)}" y="{num(baseline)}" {common}>{tspans}</text>')
    return "".join(out)
