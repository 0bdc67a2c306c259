"""The shared reportlab helpers: markup, colours, deterministic metadata."""

import io

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from deckgen import fonts
from deckgen.backends import pdfkit
from deckgen.outline.model import Run

needs_fonts = pytest.mark.skipif(not hasattr(fonts, "family"), reason="deckgen.fonts not built yet")


def test_markup_escapes_and_styles():
    runs = (
        Run("a < b & c"),
        Run("bold", bold=True),
        Run("it", italic=True),
        Run("both", bold=True, italic=True),
        Run("link", link='https://x.org/?a=1&b="2"'),
    )
    m = pdfkit.markup(runs, link_color="#123456")
    assert m.startswith("a &lt; b &amp; c<b>bold</b><i>it</i><b><i>both</i></b>")
    assert '<a href="https://x.org/?a=1&amp;b=&quot;2&quot;" color="#123456"' in m


@needs_fonts
def test_paragraph_pdf_is_deterministic_with_metadata_and_embedded_fonts():
    from pypdf import PdfReader

    def render() -> bytes:
        names = pdfkit.register_family("PT Serif")
        buf = io.BytesIO()
        meta = pdfkit.Metadata("Космос & co", "A. Lecturer", "Subject", ("k1", "k2"), "ru")
        doc = SimpleDocTemplate(buf, **pdfkit.doc_kwargs(meta, names.regular))
        runs = (Run("Юрий "), Run("Гагарин", bold=True), Run(" go", link="https://e.org"))
        doc.build([Paragraph(pdfkit.markup(runs), ParagraphStyle("b", fontName=names.regular))])
        return buf.getvalue()

    a, b = render(), render()
    assert a == b
    reader = PdfReader(io.BytesIO(a))
    assert reader.metadata.title == "Космос & co"
    assert reader.metadata.author == "A. Lecturer"
    assert reader.metadata.creator == "deckgen"
    assert reader.trailer["/Root"]["/Lang"] == "ru"
    page = reader.pages[0]
    fonts_used = {str(f["/BaseFont"]) for f in page["/Resources"]["/Font"].values()}
    assert all("PTSerif" in f for f in fonts_used), fonts_used  # no stray Helvetica
    annots = [x.get_object() for x in page["/Annots"]]
    assert any(a["/A"]["/URI"] == "https://e.org" for a in annots)
    assert "Гагарин" in page.extract_text()
