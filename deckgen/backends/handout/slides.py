"""Draw the handout's slides mode: thumbnails (vector, by the same drawer as the
slides-pdf backend), ruled note lines, speaker notes, header and footer."""

from __future__ import annotations

import io

from reportlab.pdfbase import pdfmetrics

from deckgen.backends import pdfkit
from deckgen.backends.handout.article import draw_logo, fit_words, footer_text
from deckgen.backends.slides_pdf import slide_label
from deckgen.backends.slides_pdf.draw import draw_slide, register_deck_fonts
from deckgen.backends.tagging import tagger_of
from deckgen.layout.handout.layout import Handout

__all__ = ["render_slides_handout"]


def render_slides_handout(handout: Handout) -> bytes:
    deck = handout.deck
    if deck is None:  # the layout puts the deck in every slides-mode handout
        raise ValueError("a slides-mode handout without its deck")
    g = handout.geometry
    st = handout.styles
    pal = handout.palette
    fonts = register_deck_fonts(deck)
    for family in sorted({st.header.font, st.footer.font, st.speaker_notes.font}):
        fonts.setdefault(family, pdfkit.register_family(family))
    hnames, fnames = fonts[st.header.font], fonts[st.footer.font]
    meta = pdfkit.Metadata(
        handout.title, handout.author, handout.subject, handout.keywords, handout.language
    )
    buf = io.BytesIO()
    canvas = pdfkit.new_canvas(buf, (g.width, g.height), meta, fonts[deck.body_font].regular)
    H = g.height
    tagger = tagger_of(canvas)
    total = len(handout.slide_pages)
    left, right = 54.0, g.width - 54.0
    for number, page in enumerate(handout.slide_pages, start=1):
        for slot in page.slots:
            b = slot.box
            key = f"slide-{slot.index + 1}"
            canvas.bookmarkHorizontal(key, 0, H - b.y + 8)
            canvas.addOutlineEntry(slide_label(deck, slot.index), key, level=0)
            sect = tagger.add("Sect", title=slide_label(deck, slot.index))
            with tagger.group(sect):
                draw_slide(
                    canvas,
                    deck.slides[slot.index],
                    deck,
                    fonts,
                    b.x,
                    H - b.bottom,
                    b.w / deck.width,
                )
            canvas.setStrokeColor(pdfkit.color(pal.rule))
            canvas.setLineWidth(0.6)
            canvas.rect(b.x, H - b.bottom, b.w, b.h, stroke=1, fill=0)
            canvas.setFillColor(pdfkit.color(pal.muted))
            canvas.setFont(hnames.bold, st.header.size)
            canvas.drawRightString(b.x - 5, H - b.y - st.header.size, slot.label)
            if slot.rules:
                canvas.setStrokeColor(pdfkit.color(pal.rule))
                canvas.setLineWidth(0.5)
                for x1, x2, y in slot.rules:
                    canvas.line(x1, H - y, x2, H - y)
            if slot.notes is not None:
                nb = slot.notes
                names = fonts[nb.font]
                y = nb.box.y
                notes = sect.add("P")
                for line in nb.lines:
                    y += nb.leading
                    with tagger.mark(notes):
                        pdfkit.draw_runs(
                            canvas,
                            nb.box.x,
                            H - y + nb.leading * 0.22,
                            line.runs,
                            names,
                            nb.size,
                            nb.color,
                            link_color=pal.accent,
                        )
        # running header and footer, as in the article
        canvas.setFillColor(pdfkit.color(st.header.color))
        span = handout.words.slides(page.first, page.last, len(deck.slides))
        sw = pdfmetrics.stringWidth(span, hnames.bold, st.header.size)
        canvas.setFont(hnames.bold, st.header.size)
        canvas.drawRightString(right, g.header_y, span)
        logo_w = draw_logo(canvas, handout, left, g.header_y)
        canvas.setFillColor(pdfkit.color(st.header.color))
        canvas.setFont(hnames.regular, st.header.size)
        canvas.drawString(
            left + logo_w,
            g.header_y,
            fit_words(
                handout.header, hnames.regular, st.header.size, right - left - sw - 18 - logo_w
            ),
        )
        canvas.setStrokeColor(pdfkit.color(pal.rule))
        canvas.setLineWidth(0.5)
        canvas.line(left, g.header_y - 5, right, g.header_y - 5)
        page_text = handout.words.page(number, total)
        pw = pdfmetrics.stringWidth(page_text, fnames.regular, st.footer.size)
        canvas.setFillColor(pdfkit.color(st.footer.color))
        canvas.setFont(fnames.regular, st.footer.size)
        canvas.drawRightString(right, g.footer_y, page_text)
        credit = footer_text(handout, fnames.regular, right - left - pw - 18)
        for i, text in enumerate(credit):
            canvas.drawString(left, g.footer_y - i * st.footer.leading, text)
        canvas.showPage()
    canvas.showOutline()
    return pdfkit.finish(canvas, buf)
