"""Small reportlab helpers shared by the PDF backends (handout, poster, slides-pdf).

- `register_family` / `register_theme_fonts`: a theme's families as reportlab
  TrueType fonts (static files from `deckgen.fonts`, embedded and subset by
  reportlab), registered as families so `<b>`/`<i>` work in Paragraphs.
- `new_canvas` / `doc_kwargs` / `apply_metadata`: byte-identical PDFs
  (`invariant=1`; reportlab itself honours SOURCE_DATE_EPOCH for the dates,
  else uses a fixed date) with title, author, subject, keywords, /Lang and
  creator 'deckgen'.
- `markup` / `draw_runs` / `runs_width`: styled `Run`s as Paragraph markup or
  drawn directly on a canvas, links clickable either way.
- `color`, `mix`, `luminance`: colour helpers for '#RRGGBB' strings.
- `draw_marker`: a timeline group's marker shape, the one drawing of it every
  PDF output uses (so a group's mark is the same shape on paper and wall).
- `draw_picture`: a picture, embedded once per PDF; an ordinary PNG with its
  own compressed pixels (neither decoded nor compressed again).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as _xml_escape

from reportlab import rl_config
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.utils import _digester
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFImageXObject, PDFName, PDFStream
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from deckgen import images
from deckgen.backends.tagging import Node, TaggedCanvas, Tagger, foreign_language, tagger_of
from deckgen.outline.mathtex import SCRIPT_SIZE
from deckgen.outline.model import Run

__all__ = [
    "FontNames",
    "Metadata",
    "ThemeFonts",
    "apply_metadata",
    "color",
    "doc_kwargs",
    "draw_marker",
    "draw_picture",
    "draw_runs",
    "escape",
    "finish",
    "markup",
    "new_canvas",
    "register_family",
    "register_theme_fonts",
    "run_font",
    "runs_width",
]

CREATOR = "deckgen"

# Binary (Flate only) streams instead of ASCII85 on top: files ~20 % smaller
# and much faster to write (A85 is pure Python). Every PDF reader handles it.
rl_config.useA85 = 0


# ---------------------------------------------------------------- fonts


@dataclass(frozen=True)
class FontNames:
    """The reportlab names of one family's four faces."""

    family: str  # the deckgen family name, e.g. 'PT Serif'
    regular: str
    bold: str
    italic: str
    bold_italic: str

    def face(self, bold: bool = False, italic: bool = False) -> str:
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        if italic:
            return self.italic
        return self.regular


@dataclass(frozen=True)
class ThemeFonts:
    heading: FontNames
    body: FontNames


_STYLES = (
    ("Regular", False, False),
    ("Bold", True, False),
    ("Italic", False, True),
    ("BoldItalic", True, True),
)


def _base_name(family: str) -> str:
    # Deterministic and free of spaces: 'PT Serif' -> 'dg-PTSerif'. The prefix
    # keeps us clear of reportlab's standard-14 names.
    return "dg-" + "".join(ch for ch in family if ch.isalnum())


def register_family(name: str) -> FontNames:
    """Register a deckgen font family's four static faces with reportlab, once.

    Raises `FontError` (from `deckgen.fonts.family`) when the family is unknown.
    """
    from deckgen import fonts

    base = _base_name(name)
    names = {style: f"{base}-{style}" for style, _, _ in _STYLES}
    known = set(pdfmetrics.getRegisteredFontNames())
    if not all(n in known for n in names.values()):
        fam = fonts.family(name)
        for style, bold, italic in _STYLES:
            if names[style] not in known:
                face = fam.face(bold=bold, italic=italic)
                pdfmetrics.registerFont(TTFont(names[style], str(face.path)))
    pdfmetrics.registerFontFamily(
        names["Regular"],
        normal=names["Regular"],
        bold=names["Bold"],
        italic=names["Italic"],
        boldItalic=names["BoldItalic"],
    )
    return FontNames(name, names["Regular"], names["Bold"], names["Italic"], names["BoldItalic"])


def register_theme_fonts(theme) -> ThemeFonts:
    """Register `theme.fonts.heading` and `theme.fonts.body`."""
    return ThemeFonts(register_family(theme.fonts.heading), register_family(theme.fonts.body))


def run_font(run: Run, names: FontNames, bold: bool = False, italic: bool = False) -> str:
    """The reportlab font name for a run (its own style added to the base style)."""
    return names.face(bold or run.bold, italic or run.italic)


# ---------------------------------------------------------------- documents


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()
    language: str = "en"


def doc_kwargs(meta: Metadata, initial_font: str) -> dict:
    """Keyword arguments for a platypus `BaseDocTemplate`/`SimpleDocTemplate`.

    `initial_font` (a registered name) replaces reportlab's default Helvetica,
    which would otherwise appear in the file as a font that is not embedded.
    """
    return {
        "initialFontName": initial_font,
        "invariant": 1,
        "title": meta.title,
        "author": meta.author,
        "subject": meta.subject,
        "keywords": list(meta.keywords),
        "creator": CREATOR,
        "lang": meta.language,
    }


def new_canvas(
    buf: io.BytesIO, pagesize: tuple[float, float], meta: Metadata, initial_font: str
) -> Canvas:
    """A canvas writing a deterministic PDF with `meta` into `buf`.

    `initial_font`: see `doc_kwargs`.
    """
    canvas = TaggedCanvas(
        buf,
        pagesize=pagesize,
        invariant=1,
        lang=meta.language,
        pageCompression=1,
        initialFontName=initial_font,
        language=meta.language,
    )
    apply_metadata(canvas, meta)
    return canvas


def finish(canvas: Canvas, buf: io.BytesIO, saved: bool = False) -> bytes:
    """Save the canvas (unless `saved`): the PDF's bytes (a TaggedCanvas adds
    its structure tree as it saves)."""
    if not saved:
        canvas.save()
    return buf.getvalue()


def apply_metadata(canvas: Canvas, meta: Metadata) -> None:
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(meta.subject)
    canvas.setKeywords(", ".join(meta.keywords))
    canvas.setCreator(CREATOR)


# ---------------------------------------------------------------- text


def escape(text: str) -> str:
    """Text made safe for Paragraph markup."""
    return _xml_escape(text)


def _attr(value: str) -> str:
    return _xml_escape(value, {'"': "&quot;"})


def markup(runs: Iterable[Run], link_color: str | None = None) -> str:
    """Paragraph markup for styled runs: <b>, <i>, and clickable <a href>."""
    out = []
    for run in runs:
        s = escape(run.text)
        if run.italic:
            s = f"<i>{s}</i>"
        if run.bold:
            s = f"<b>{s}</b>"
        if run.link:
            colour = f' color="{link_color}"' if link_color else ""
            s = f'<a href="{_attr(run.link)}"{colour} underline="1">{s}</a>'
        out.append(s)
    return "".join(out)


def runs_width(
    runs: Sequence[Run], names: FontNames, size: float, bold: bool = False, italic: bool = False
) -> float:
    return sum(
        pdfmetrics.stringWidth(
            r.text, run_font(r, names, bold, italic), size * SCRIPT_SIZE if r.rise else size
        )
        for r in runs
    )


def draw_runs(
    canvas: Canvas,
    x: float,
    y: float,
    runs: Sequence[Run],
    names: FontNames,
    size: float,
    fill: str,
    *,
    bold: bool = False,
    italic: bool = False,
    link_color: str | None = None,
) -> float:
    """Draw one line of runs with its baseline at (x, y); return its width.

    Works under any canvas transform: link rectangles are given in the current
    coordinate system (`relative=1`), so thumbnails keep clickable links.
    On a tagged canvas, a link is a Link and text in another script a Span
    with its /Lang, inside the element being drawn.
    """
    cursor = x
    tagger = tagger_of(canvas)
    for run in runs:
        node = None
        if tagger.enabled and (run.link or not run.text.isascii()):
            node = _run_node(tagger, run)
        if node is None:
            cursor += _draw_run(canvas, cursor, y, run, names, size, fill, bold, italic, link_color)
            continue
        with tagger.mark(node):
            cursor += _draw_run(canvas, cursor, y, run, names, size, fill, bold, italic, link_color)
    return cursor - x


def _run_node(tagger: Tagger, run: Run) -> Node | None:
    """A link's Link, or a Span with the language of text in another script."""
    lang = foreign_language(run.text, tagger.language)
    if run.link:
        node = tagger.inner("Link")
    elif lang:
        node = tagger.inner("Span")
    else:
        return None
    if node is not None and lang:
        node.lang = lang
    return node


def _draw_run(
    canvas: Canvas,
    x: float,
    y: float,
    run: Run,
    names: FontNames,
    size: float,
    fill: str,
    bold: bool,
    italic: bool,
    link_color: str | None,
) -> float:
    font = run_font(run, names, bold, italic)
    # inline math's scripts: smaller, raised or lowered
    run_size = size * SCRIPT_SIZE if run.rise else size
    width = pdfmetrics.stringWidth(run.text, font, run_size)
    ink = link_color if (run.link and link_color) else fill
    canvas.setFillColor(color(ink))
    canvas.setFont(font, run_size)
    canvas.drawString(x, y + run.rise * size, run.text)
    if run.link:
        canvas.saveState()
        canvas.setStrokeColor(color(ink))
        canvas.setLineWidth(max(size / 18, 0.3))
        canvas.line(x, y - size * 0.12, x + width, y - size * 0.12)
        canvas.restoreState()
        kw = {"text": run.text} if isinstance(canvas, TaggedCanvas) else {}
        canvas.linkURL(
            run.link,
            (x, y - size * 0.25, x + width, y + size * 0.8),
            relative=1,
            thickness=0,
            **kw,
        )
    return width


# ---------------------------------------------------------------- colours


def color(hex_rgb: str) -> Color:
    """'#RRGGBB' -> a reportlab colour."""
    return HexColor(hex_rgb)


# ---------------------------------------------------------------- markers


def draw_marker(
    canvas: Canvas, x: float, y: float, size: float, shape: str, fill: str, background: str
) -> None:
    """A group's marker (one of `look.SHAPES`) centred on (x, y), `size` wide.

    '-open' shapes are outlined in `fill` around `background`; the outline is
    a sixth of the size, so a small mark in a table row still reads.
    """
    r = size / 2
    base = shape.removesuffix("-open")
    is_open = shape.endswith("-open")
    canvas.saveState()
    canvas.setStrokeColor(color(fill))
    canvas.setFillColor(color(background if is_open else fill))
    canvas.setLineWidth(max(size / 6, 0.5))
    canvas.setLineJoin(1)
    path = canvas.beginPath()
    if base == "square":
        path.rect(x - r * 0.88, y - r * 0.88, r * 1.76, r * 1.76)
    elif base == "triangle":
        path.moveTo(x, y + r * 1.1)
        path.lineTo(x + r * 1.05, y - r * 0.75)
        path.lineTo(x - r * 1.05, y - r * 0.75)
        path.close()
    elif base == "diamond":
        path.moveTo(x, y + r * 1.15)
        path.lineTo(x + r * 1.15, y)
        path.lineTo(x, y - r * 1.15)
        path.lineTo(x - r * 1.15, y)
        path.close()
    else:
        path.circle(x, y, r)
    canvas.drawPath(path, stroke=1, fill=1)
    canvas.restoreState()


# ---------------------------------------------------------------- pictures


def draw_picture(
    canvas: Canvas,
    src: Path,
    x: float,
    y: float,
    w: float,
    h: float,
    *,
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0),
    grey: bool = False,
) -> None:
    """The picture at `src` (upright, 8-bit) in the box with its lower left at (x, y).

    `crop`: the fractions of the picture cut from its (left, top, right,
    bottom), as the layout decided; the box shows the rest (the whole picture
    is drawn, clipped to the box). `grey`: drawn in greyscale (the print
    theme), as a DeviceGray image.

    Embedded once per PDF however often drawn, named by its content. A PNG a
    PDF can take as it is (`images.png_pixels`) keeps its compressed pixels;
    any other picture is decoded by reportlab (its transparency kept).
    """
    left, top, right, bottom = crop
    if left or top or right or bottom:
        full_w = w / max(1e-6, 1 - left - right)
        full_h = h / max(1e-6, 1 - top - bottom)
        canvas.saveState()
        path = canvas.beginPath()
        path.rect(x, y, w, h)
        canvas.clipPath(path, stroke=0, fill=0)
        _draw_whole(canvas, src, x - left * full_w, y - bottom * full_h, full_w, full_h, grey)
        canvas.restoreState()
    else:
        _draw_whole(canvas, src, x, y, w, h, grey)


def _draw_whole(
    canvas: Canvas, src: Path, x: float, y: float, w: float, h: float, grey: bool
) -> None:
    png = images.png_pixels(src, greyscale=grey)
    if png is None:
        reader = images.grey_reader(src) if grey else images.for_reportlab(src)
        canvas.drawImage(reader, x, y, w, h, mask="auto")
        return
    # drawImage names a picture given by name after that name and its mask;
    # registered here under the same name, it is drawn and never looked up.
    key = f"deckgen-png-{png.digest}"
    name = _digester(f"{key}None")
    doc = canvas._doc
    ref = doc.getXObjectName(name)
    if doc.idToObject.get(ref) is None:
        xobject = _PngXObject(name, png)
        canvas._setXObjects(xobject)
        doc.Reference(xobject, ref)
        doc.addForm(name, xobject)
    canvas.drawImage(key, x, y, w, h)


class _PngXObject(PDFImageXObject):
    """An image XObject holding a PNG's own zlib stream: PDF's FlateDecode with
    the PNG predictors (/Predictor 15) undoes the row filters itself."""

    def __init__(self, name: str, png: images.PngPixels) -> None:
        super().__init__(name)
        self.width, self.height = png.width, png.height
        self.bitsPerComponent = 8
        self.colorSpace = "DeviceRGB" if png.colors == 3 else "DeviceGray"
        self._filters = ("FlateDecode",)
        self.streamContent = png.stream
        self._colors = png.colors

    def format(self, document):
        stream = PDFStream(content=self.streamContent)
        d = stream.dictionary
        d["Type"] = PDFName("XObject")
        d["Subtype"] = PDFName("Image")
        d["Width"] = self.width
        d["Height"] = self.height
        d["BitsPerComponent"] = 8
        d["ColorSpace"] = PDFName(self.colorSpace)
        d["Filter"] = PDFName("FlateDecode")
        d["DecodeParms"] = PDFDictionary(
            {"Predictor": 15, "Colors": self._colors, "BitsPerComponent": 8, "Columns": self.width}
        )
        d["Length"] = len(self.streamContent)
        return stream.format(document)
