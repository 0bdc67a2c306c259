"""A platypus flowable that draws prose already broken into lines by the layout
(`deckgen.layout.handout.text`): justified by stretching the spaces, split
across pages without widows or orphans (at least two lines on each side).
With `bar`, an accent bar beside the lines sets the text apart (quotes,
statements)."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from deckgen.backends import pdfkit
from deckgen.backends.tagging import TaggedCanvas
from deckgen.layout.handout.text import SetLine, SetParagraph
from deckgen.outline.mathtex import SCRIPT_SIZE

__all__ = ["SetText"]

MIN_LINES = 2  # lines a paragraph keeps on each side of a page break


class SetText(Flowable):
    def __init__(
        self,
        para: SetParagraph,
        names: pdfkit.FontNames,
        link_color: str,
        lines: tuple[SetLine, ...] | None = None,
        first: bool = True,
        last: bool = True,
        bar: str | None = None,
    ) -> None:
        super().__init__()
        self.para = para
        self.names = names
        self.link_color = link_color
        self.lines = para.lines if lines is None else lines
        self.first, self.last = first, last  # holds the paragraph's start / end
        self.bar = bar  # colour of the bar beside the text, None: no bar
        # tagged PDF: an item of a list, or a paragraph (all its parts one element)
        self.tag_role = "LI" if para.bullet else "P"
        self.tag_key = ("set", id(para))
        st = para.style
        self.spaceBefore = st.space_before if first else 0.0
        self.spaceAfter = st.space_after if last else 0.0

    def wrap(self, aw, ah):
        self.width = self.para.measure
        self.height = len(self.lines) * self.para.style.leading
        return self.width, self.height

    def split(self, aw, ah):
        n = len(self.lines)
        fit = int((ah + 0.01) // self.para.style.leading)
        if fit >= n:
            return [self]
        fit = min(fit, n - MIN_LINES)  # no widow: the last lines go over together
        if fit < MIN_LINES:  # no orphan: never one line alone at the foot
            return []
        para, names, ink, bar = self.para, self.names, self.link_color, self.bar
        parts = [
            SetText(para, names, ink, self.lines[:fit], self.first, False, bar),
            SetText(para, names, ink, self.lines[fit:], False, self.last, bar),
        ]
        for part in parts:
            part.tag_role = self.tag_role
        return parts

    def _segments(self, line: SetLine):
        """Runs of one font and colour along the line, spaces included (a
        space takes the style of the word before it), with their widths."""
        st = self.para.style
        size = st.size
        segs: list[list] = []  # [font, ink, text, link, rise]
        for i, word in enumerate(line.words):
            for j, piece in enumerate(word):
                font = self.names.face(st.bold or piece.bold, st.italic or piece.italic)
                ink = self.link_color if piece.link else st.color
                text = piece.text
                if j == len(word) - 1 and i < len(line.words) - 1:
                    text += " "
                if (
                    segs
                    and segs[-1][0] == font
                    and segs[-1][1] == ink
                    and segs[-1][3] == piece.link
                    and segs[-1][4] == piece.rise
                ):
                    segs[-1][2] += text
                else:
                    segs.append([font, ink, text, piece.link, piece.rise])
        return [
            (f, ink, t, link, pdfmetrics.stringWidth(t, f, size * SCRIPT_SIZE if r else size), r)
            for f, ink, t, link, r in segs
        ]

    def draw(self):  # noqa: C901 - one loop over lines and styled segments, kept whole
        canv = self.canv
        st = self.para.style
        size, leading = st.size, st.leading
        # baseline: the font's body centred in the line pitch, as reportlab does
        baseline = self.height - (leading - size) / 2 - size * 0.8
        measure = self.para.measure - st.right_indent
        links: list[tuple[str, float, float, float, str]] = []  # (url, x, width, baseline, text)
        tx = canv.beginText()
        font_now, ink_now = None, None
        for line in self.lines:
            segs = self._segments(line)
            spaces = len(line.words) - 1
            extra = 0.0
            if line.justify and spaces > 0:
                natural = sum(seg[4] for seg in segs)
                extra = max(0.0, (measure - line.indent - natural) / spaces)
            # PDF word spacing (Tw) stretches exactly the spaces: reportlab
            # keeps code 32 for the space in every TrueType subset.
            tx.setTextOrigin(line.indent, baseline)
            tx.setWordSpace(extra)
            x = line.indent
            for font, ink, text, link, w, rise in segs:
                if rise:  # inline math's scripts: smaller, raised or lowered
                    tx.setFont(font, size * SCRIPT_SIZE)
                    tx.setRise(rise * size)
                    font_now = None
                elif font != font_now:
                    tx.setFont(font, size)
                    tx.setRise(0)
                    font_now = font
                if ink != ink_now:
                    tx.setFillColor(pdfkit.color(ink))
                    ink_now = ink
                tx.textOut(text)
                n_sp = text.count(" ")
                if link:
                    trailing = 1 if text.endswith(" ") else 0
                    lw = (
                        w
                        - trailing * pdfmetrics.stringWidth(" ", font, size)
                        + (n_sp - trailing) * extra
                    )
                    links.append((link, x, lw, baseline, text.strip()))
                x += w + extra * n_sp
            baseline -= leading
        tx.setWordSpace(0)
        if self.first and self.para.bullet:
            first_baseline = self.height - (leading - size) / 2 - size * 0.8
            tx.setFillColor(pdfkit.color(st.color))
            tx.setFont(self.names.regular, size)
            tx.setTextOrigin(self.para.bullet_x, first_baseline)
            tx.textOut(self.para.bullet)
        canv.drawText(tx)
        if self.bar:
            # in the indent, a little inside the lines' height
            canv.setFillColor(pdfkit.color(self.bar))
            canv.rect(st.left_indent * 0.45, 2, 2.2, self.height - 4, stroke=0, fill=1)
        for url, x, w, y, text in links:
            canv.setStrokeColor(pdfkit.color(self.link_color))
            canv.setLineWidth(max(size / 18, 0.3))
            canv.line(x, y - size * 0.12, x + w, y - size * 0.12)
            kw = {"text": text} if isinstance(canv, TaggedCanvas) else {}
            canv.linkURL(
                url, (x, y - size * 0.25, x + w, y + size * 0.8), relative=1, thickness=0, **kw
            )
