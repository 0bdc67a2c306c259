"""Drawing a laid-out `Poster` with reportlab: no decisions, only ink.

The poster model is y-down from the trim's top-left corner; reportlab is
y-up from the page's bottom-left, so every coordinate goes through a
`_Pen`, which knows where the trim sits on the current page.

Tiles: the poster is drawn once into a Form XObject; every sheet places that
form, clipped to its window, so the tiled PDF stays vector and small.
"""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from deckgen.backends import pdfkit
from deckgen.backends.tagging import tagger_of
from deckgen.backends.tagging.roles import poster_structure
from deckgen.layout.common.words import words
from deckgen.layout.poster.model import (
    CROP_MARGIN,
    Marker,
    Picture,
    Poster,
    Rect,
    Stroke,
    TextBlock,
)

__all__ = ["draw_poster", "draw_tiles"]

MM = 72 / 25.4
_FORM = "deckgenPoster"


class _Pen:
    """Maps poster coordinates (y down, trim origin) onto the canvas."""

    def __init__(self, canvas: Canvas, poster: Poster, ox: float, oy: float, links: bool) -> None:
        self.c = canvas
        self.p = poster
        self.ox = ox  # page x of the trim's left edge
        self.oy = oy  # page y of the trim's bottom edge
        self.links = links
        self.fonts = {
            poster.heading_font: pdfkit.register_family(poster.heading_font),
            poster.body_font: pdfkit.register_family(poster.body_font),
        }

    def x(self, x: float) -> float:
        return self.ox + x

    def y(self, y: float) -> float:
        return self.oy + self.p.height - y

    # -- elements

    def rect(self, r: Rect) -> None:
        c = self.c
        b = r.box
        x, y = self.x(b.x), self.y(b.bottom)
        c.saveState()
        if r.fill:
            c.setFillColor(pdfkit.color(r.fill))
        if r.stroke:
            c.setStrokeColor(pdfkit.color(r.stroke))
            c.setLineWidth(r.stroke_width)
        fill, stroke = int(bool(r.fill)), int(bool(r.stroke))
        if r.radius > 0:
            c.roundRect(x, y, b.w, b.h, min(r.radius, b.w / 2, b.h / 2), stroke=stroke, fill=fill)
        else:
            c.rect(x, y, b.w, b.h, stroke=stroke, fill=fill)
        if r.hatch:
            # Diagonal hatching: a second cue for a group besides its grey.
            path = c.beginPath()
            path.rect(x, y, b.w, b.h)
            c.clipPath(path, stroke=0, fill=0)
            c.setStrokeColor(pdfkit.color(r.hatch))
            c.setLineWidth(max(b.w / 6, 0.5))
            step = max(b.w * 1.2, 3)
            t = -b.w
            while t < b.h + b.w:
                c.line(x, y + t, x + b.w, y + t + b.w)
                t += step
        c.restoreState()

    def stroke(self, s: Stroke) -> None:
        c = self.c
        c.saveState()
        c.setStrokeColor(pdfkit.color(s.color))
        c.setLineWidth(s.width)
        c.setLineCap(1)
        c.setLineJoin(1)
        if s.dash:
            c.setDash(list(s.dash))
        path = c.beginPath()
        (x0, y0), *rest = s.points
        path.moveTo(self.x(x0), self.y(y0))
        for px, py in rest:
            path.lineTo(self.x(px), self.y(py))
        c.drawPath(path, stroke=1, fill=0)
        c.restoreState()

    def marker(self, m: Marker) -> None:
        pdfkit.draw_marker(self.c, self.x(m.x), self.y(m.y), m.size, m.shape, m.color, m.background)

    def picture(self, pic: Picture) -> None:
        b = pic.box
        pdfkit.draw_picture(
            self.c, pic.src, self.x(b.x), self.y(b.bottom), b.w, b.h, crop=pic.crop, grey=pic.grey
        )

    def text(self, tb: TextBlock) -> None:
        names = self.fonts[tb.font]
        b = tb.box
        for i, line in enumerate(tb.lines):
            if tb.align == "center":
                lx = b.x + (b.w - line.width) / 2
            elif tb.align == "right":
                lx = b.x + b.w - line.width
            else:
                lx = b.x
            base = b.y + tb.ascent + i * tb.line_height
            runs = (
                line.runs
                if self.links
                else tuple(r.__class__(r.text, r.bold, r.italic) for r in line.runs)
            )
            pdfkit.draw_runs(
                self.c,
                self.x(lx),
                self.y(base),
                runs,
                names,
                tb.size,
                tb.color,
                bold=tb.bold,
                italic=tb.italic,
            )

    def draw(self) -> None:
        tagger = tagger_of(self.c)
        nodes = poster_structure(tagger, self.p) if tagger.enabled else {}
        for i, e in enumerate(self.p.elements):
            with tagger.mark(nodes.get(i)):
                if isinstance(e, TextBlock):
                    self.text(e)
                elif isinstance(e, Rect):
                    self.rect(e)
                elif isinstance(e, Stroke):
                    self.stroke(e)
                elif isinstance(e, Marker):
                    self.marker(e)
                elif isinstance(e, Picture):
                    b = e.box
                    tagger.place(nodes.get(i), self.x(b.x), self.y(b.bottom), b.w, b.h)
                    self.picture(e)


def _metadata(p: Poster) -> pdfkit.Metadata:
    return pdfkit.Metadata(
        title=p.title,
        author=p.author,
        subject=p.subject,
        keywords=(words(p.language).timeline, words(p.language).poster),
        language=p.language,
    )


def _crop_marks(c: Canvas, ox: float, oy: float, w: float, h: float, bleed: float) -> None:
    c.saveState()
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(0.25)
    near, far = bleed + 2 * MM, bleed + CROP_MARGIN - 2 * MM
    for cx, sx in ((ox, -1), (ox + w, 1)):
        for cy, sy in ((oy, -1), (oy + h, 1)):
            c.line(cx + sx * near, cy, cx + sx * far, cy)
            c.line(cx, cy + sy * near, cx, cy + sy * far)
    c.restoreState()


def draw_poster(p: Poster) -> bytes:
    """The poster as a one-page PDF (bleed and crop marks as the options say)."""
    m = p.media_margin
    page = (p.width + 2 * m, p.height + 2 * m)
    buf = io.BytesIO()
    pen_font = pdfkit.register_family(p.body_font).regular
    c = pdfkit.new_canvas(buf, page, _metadata(p), pen_font)
    if p.bleed or p.crop_marks:
        c.setTrimBox((m, m, m + p.width, m + p.height))
        c.setBleedBox((m - p.bleed, m - p.bleed, m + p.width + p.bleed, m + p.height + p.bleed))
    _Pen(c, p, m, m, links=True).draw()
    if p.crop_marks:
        _crop_marks(c, m, m, p.width, p.height, p.bleed)
    c.showPage()
    return pdfkit.finish(c, buf)


def _registration(c: Canvas, x: float, y: float, r: float) -> None:
    c.circle(x, y, r, stroke=1, fill=0)
    c.line(x - r * 1.6, y, x + r * 1.6, y)
    c.line(x, y - r * 1.6, x, y + r * 1.6)


def _row_letter(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def _sheet_map(c, t, tile, x: float, y: float) -> None:
    """The assembly guide: the grid of sheets in miniature, this one filled,
    the blank ones (not printed) crossed out."""
    cell_h = min(5.0, t.margin * 0.6 / t.rows)  # within the sheet's lower margin
    cell_w = cell_h * 1.4
    c.saveState()
    c.setLineWidth(0.4)
    for other in t.tiles:
        cx = x + other.col * cell_w
        cy = y + (t.rows - 1 - other.row) * cell_h
        c.setStrokeColorRGB(0.35, 0.35, 0.35)
        c.setFillColorRGB(0, 0, 0)
        c.rect(cx, cy, cell_w, cell_h, stroke=1, fill=1 if other is tile else 0)
        if other.label in t.skipped:
            c.line(cx, cy, cx + cell_w, cy + cell_h)
            c.line(cx, cy + cell_h, cx + cell_w, cy)
    c.restoreState()


def draw_tiles(p: Poster) -> bytes:
    """The poster over small sheets: each shows its window of the poster
    (the same vector form), cut marks, registration marks and its label."""
    t = p.tiling
    assert t is not None
    buf = io.BytesIO()
    body = pdfkit.register_family(p.body_font)
    c = pdfkit.new_canvas(buf, (t.sheet_w, t.sheet_h), _metadata(p), body.regular)
    c.beginForm(_FORM, 0, 0, p.width, p.height)
    _Pen(c, p, 0, 0, links=False).draw()
    c.endForm()
    printed = t.printed
    n = len(printed)
    for i, tile in enumerate(printed):
        win = tile.window
        m = t.margin
        c.saveState()
        path = c.beginPath()
        # The window, clipped to the poster itself.
        vis_w = max(0.0, min(win.w, p.width - win.x))
        vis_h = max(0.0, min(win.h, p.height - win.y))
        path.rect(m, t.sheet_h - m - vis_h, vis_w, vis_h)
        c.clipPath(path, stroke=0, fill=0)
        c.translate(m - win.x, t.sheet_h - m + win.y - p.height)
        # the sheet's share of the poster, read as a picture: its text is
        # tagged in the poster's own PDF
        tagger = tagger_of(c)
        sheet = tagger.add("Figure", alt=f"{p.title}: {tile.label} ({i + 1}/{n})")
        tagger.place(sheet, win.x, p.height - win.y - vis_h, vis_w, vis_h)
        with tagger.mark(sheet):
            c.doForm(_FORM)
        c.restoreState()

        # Cut marks at the corners of this sheet's own share.
        cut = tile.cut
        x0, x1 = cut.x, cut.x + cut.w
        y_top, y_bot = t.sheet_h - cut.y, t.sheet_h - cut.y - cut.h
        c.saveState()
        c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(0.4)
        L = m * 0.7
        for cx, sx in ((x0, -1), (x1, 1)):
            for cy, sy in ((y_bot, -1), (y_top, 1)):
                c.line(cx + sx * 1.5, cy, cx + sx * L, cy)
                c.line(cx, cy + sy * 1.5, cx, cy + sy * L)
        # The overlap strips, dashed, where the next sheet is glued on.
        c.setDash([3, 3])
        c.setLineWidth(0.3)
        c.setStrokeColorRGB(0.45, 0.45, 0.45)
        if x1 < m + win.w - 0.5:
            c.line(x1, t.sheet_h - m, x1, t.sheet_h - m - win.h)
        if y_bot > m + 0.5:
            c.line(m, y_bot, m + win.w, y_bot)
        c.setDash([])
        c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(0.5)
        for rx, ry in tile.registration:
            _registration(c, rx, t.sheet_h - ry, 2.2 * MM)
        c.setFillColorRGB(0, 0, 0)
        with tagger.leaf("P"):
            c.setFont(body.bold, 14)
            c.drawString(m, m * 0.3, tile.label)
        w = words(p.language)
        note = w.sheet_note.format(
            label=tile.label,
            n=i + 1,
            total=n,
            rows=t.rows,
            last_row=_row_letter(t.rows - 1),
            cols=t.cols,
        )
        if t.skipped:
            note += " " + w.sheets_blank.format(labels=", ".join(t.skipped))
        with tagger.leaf("P"):
            c.setFont(body.regular, 7.5)
            c.drawRightString(t.sheet_w - m, m * 0.3, note)
        _sheet_map(c, t, tile, m + 30, m * 0.3 - 1)
        c.restoreState()
        c.showPage()
    return pdfkit.finish(c, buf)
