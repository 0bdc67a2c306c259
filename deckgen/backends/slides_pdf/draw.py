"""Draw one laid-out slide (`deckgen.layout.deck.model.Slide`) on a reportlab canvas,
at any position and scale, as vector graphics.

Used by the `slides-pdf` backend (one slide a page, scale 1) and by the
handout's slides mode (thumbnails). Nothing is decided here: text boxes are
drawn line by line as the deck layout broke them, at its sizes and pitches;
shapes and pictures at its boxes. Slide coordinates have y growing down from
the top; the canvas is transformed once so each element converts with
`y_pdf = slide height - y`.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from deckgen import fonts as deckfonts
from deckgen.backends import pdfkit
from deckgen.backends.pdfblocks import block_fonts, draw_block
from deckgen.backends.tagging import Tagger, tagger_of
from deckgen.backends.tagging.roles import ParaTags, slide_structure
from deckgen.layout.common.blocks import ChartBlock, CodeBlock, MathBlock, TableBlock
from deckgen.layout.deck.model import Deck, Picture, Shape, Slide, TextBox

__all__ = ["deck_families", "draw_slide", "register_deck_fonts"]


def deck_families(deck: Deck) -> list[str]:
    """Every font family a deck's text uses, sorted (deterministic registration)."""
    names = {deck.heading_font, deck.body_font}
    for slide in deck.slides:
        for el in slide.elements:
            if isinstance(el, TextBox):
                names.update(p.font for p in el.paragraphs)
            names |= block_fonts(el)
    return sorted(names)


def register_deck_fonts(deck: Deck) -> dict[str, pdfkit.FontNames]:
    return {name: pdfkit.register_family(name) for name in deck_families(deck)}


def draw_slide(
    canvas: Canvas,
    slide: Slide,
    deck: Deck,
    fonts: dict[str, pdfkit.FontNames],
    x: float,
    y: float,
    scale: float = 1.0,
) -> None:
    """Draw `slide` with its bottom-left corner at (x, y) of the page, scaled.

    On a tagged canvas its structure goes in the tagger's current container
    (shapes and the background are artifacts)."""
    tagger = tagger_of(canvas)
    tags = slide_structure(tagger, slide) if tagger.enabled else {}
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(scale, scale)
    h = deck.height
    # Nothing drawn outside the slide (a crop, a bleeding shape) may reach the page.
    path = canvas.beginPath()
    path.rect(0, 0, deck.width, h)
    canvas.clipPath(path, stroke=0, fill=0)
    canvas.setFillColor(pdfkit.color(slide.background))
    canvas.rect(0, 0, deck.width, h, stroke=0, fill=1)
    for i, el in enumerate(slide.elements):
        if isinstance(el, Shape):
            _shape(canvas, el, h)
        elif isinstance(el, Picture):
            node = tags[i][0].body if i in tags else None
            tagger.place(node, el.box.x, h - el.box.bottom, el.box.w, el.box.h)
            with tagger.mark(node):
                _picture(canvas, el, h)
        elif isinstance(el, TextBox):
            _text_box(canvas, el, h, fonts, tags.get(i), tagger)
        elif isinstance(el, TableBlock | CodeBlock | ChartBlock | MathBlock):
            draw_block(canvas, el, h, fonts, tags[i][0].body if i in tags else None)
    canvas.restoreState()


def _shape(canvas: Canvas, s: Shape, h: float) -> None:
    b = s.box
    fill = s.fill is not None
    stroke = s.line is not None and s.line_width > 0
    if s.fill is not None:
        canvas.setFillColor(pdfkit.color(s.fill))
    if s.line is not None:
        canvas.setStrokeColor(pdfkit.color(s.line))
        canvas.setLineWidth(s.line_width)
    if s.kind == "line":
        if stroke:
            canvas.line(b.x, h - b.y, b.x + b.w, h - (b.y + b.h))
        return
    if not (fill or stroke):
        return
    if s.kind == "rect":
        canvas.rect(b.x, h - b.bottom, b.w, b.h, stroke=int(stroke), fill=int(fill))
    elif s.kind == "roundrect":
        # PowerPoint's default corner: 1/6 of the shorter side
        radius = min(b.w, b.h) / 6
        canvas.roundRect(b.x, h - b.bottom, b.w, b.h, radius, stroke=int(stroke), fill=int(fill))
    elif s.kind == "ellipse":
        canvas.ellipse(b.x, h - b.bottom, b.right, h - b.y, stroke=int(stroke), fill=int(fill))
    elif s.kind in ("triangle", "diamond"):
        _polygon(canvas, s, h, stroke, fill)


def _polygon(canvas: Canvas, s: Shape, h: float, stroke: bool, fill: bool) -> None:
    """PowerPoint's presets: an isosceles triangle, apex at the top middle;
    a diamond through the middles of the box's sides."""
    b = s.box
    cx, top, bottom = b.x + b.w / 2, h - b.y, h - b.bottom
    if s.kind == "triangle":
        corners = [(cx, top), (b.right, bottom), (b.x, bottom)]
    else:
        cy = h - (b.y + b.h / 2)
        corners = [(cx, top), (b.right, cy), (cx, bottom), (b.x, cy)]
    path = canvas.beginPath()
    path.moveTo(*corners[0])
    for corner in corners[1:]:
        path.lineTo(*corner)
    path.close()
    canvas.drawPath(path, stroke=int(stroke), fill=int(fill))


def _picture(canvas: Canvas, p: Picture, h: float) -> None:
    b = p.box
    # named by content: embedded once however often drawn, the same from any folder
    pdfkit.draw_picture(canvas, p.src, b.x, h - b.bottom, b.w, b.h, crop=p.crop, grey=p.grey)


_faces: dict[tuple[str, bool, bool], object] = {}


def _face(family: str, bold: bool, italic: bool):
    key = (family, bold, italic)
    if key not in _faces:
        _faces[key] = deckfonts.family(family).face(bold=bold, italic=italic)
    return _faces[key]


def _text_box(
    canvas: Canvas,
    tb: TextBox,
    h: float,
    fonts: dict[str, pdfkit.FontNames],
    tags: list[ParaTags] | None,
    tagger: Tagger,
) -> None:
    b = tb.box
    if tb.fill:
        canvas.setFillColor(pdfkit.color(tb.fill))
        canvas.rect(b.x, h - b.bottom, b.w, b.h, stroke=0, fill=1)
    inner = tb.inner
    inner_x, inner_w = inner.x, inner.w
    for k, (para, top) in enumerate(zip(tb.paragraphs, tb.paragraph_tops(), strict=True)):
        tag = tags[k] if tags else ParaTags(None)
        names = fonts[para.font]
        face = _face(para.font, para.bold, para.italic)
        # The em box (ascent + descent) centred in the exact line pitch.
        em = (face.ascent + face.descent) * para.size
        to_baseline = (para.line_height - em) / 2 + face.ascent * para.size
        left = inner_x + para.indent
        avail = inner_w - para.indent
        if para.bullet and para.lines:
            with tagger.mark(tag.label):
                canvas.setFillColor(pdfkit.color(para.color))
                canvas.setFont(names.face(para.bold, False), para.size)
                canvas.drawString(left - para.hanging, h - (top + to_baseline), para.bullet)
        # one marked sequence a paragraph (its lines read as one)
        with tagger.mark(tag.body):
            for line in para.lines:
                baseline = top + to_baseline
                if para.align == "center":
                    lx = left + (avail - line.width) / 2
                elif para.align == "right":
                    lx = left + avail - line.width
                else:
                    lx = left
                pdfkit.draw_runs(
                    canvas,
                    lx,
                    h - baseline,
                    line.runs,
                    names,
                    para.size,
                    para.color,
                    bold=para.bold,
                    italic=para.italic,
                )
                top += para.line_height
