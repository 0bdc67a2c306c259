"""Measured paragraphs: runs + style + width -> a `Paragraph` with its lines.

Widths: text is broken with `deckgen.fonts.wrap` (real advance widths, the
way PowerPoint breaks lines) against the box's own inner width (its insets
are written to the .pptx and subtracted by the layout; no safety margin).
What we cannot measure exactly is how another renderer sets a line: it may
kern (LibreOffice always does, PowerPoint from the master's 12 pt up) and
rounds to its own units (LibreOffice 1/100 mm, PowerPoint EMU). `RENDERERS`
bounds that, measured: the sample's lines (3 themes x 2 aspects, 923 lines
of 60 pt or more) as LibreOffice 7.4 set them (pdftotext word boxes of its
PDF) against our widths were at most 0.42 % narrower than their kerned
width and at most 0.19 % wider than their unkerned width; the bounds round
those up. A line fits only if it fits 0.25 % wider, and a break where the
next word would fit as a kerning renderer sets it is written as an explicit
break (`TextLine.hard`), so the .pptx and slides-pdf break alike
(tests/backends/test_line_breaks.py). A web address wider than its line
breaks at its seams only (`breaks.url_breaks`), explicitly.

Heights: every paragraph carries an exact line pitch in points (`BODY_PITCH`
x size for body text, `TITLE_PITCH` x size for titles), which the backends
write as exact line spacing, so a paragraph's height is lines x pitch plus
its space before, with nothing left to the renderer.

Quote marks stay with their words: a space after an opening mark or before
a closing one becomes a no-break space in the runs that are measured and
drawn (`joined_quotes`), so no renderer strands a mark at a line's end.

Measurements are cached: a deck repeats the same texts at the same sizes
(titles on "(cont.)" slides, the same point tried at several sizes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from deckgen import fonts
from deckgen.fonts.wrap import Renderers, wrap
from deckgen.layout.common.breaks import url_breaks
from deckgen.layout.common.primitives import Align, Paragraph, TextLine
from deckgen.outline.model import Run, Text

__all__ = [
    "BODY_PITCH",
    "RENDERERS",
    "TITLE_PITCH",
    "TextStyle",
    "one_line_width",
    "joined_quotes",
    "paragraph",
    "paragraphs_height",
    "runs_of",
    "single_line_width",
]

RENDERERS = Renderers(narrower=0.005, wider=0.0025)
BODY_PITCH = 1.15
TITLE_PITCH = 1.1


@dataclass(frozen=True)
class TextStyle:
    font: str  # a family name known to deckgen.fonts
    size: float
    color: str
    pitch: float = BODY_PITCH  # line pitch as a multiple of the size
    bold: bool = False
    italic: bool = False
    align: Align = "left"

    def at(self, size: float) -> TextStyle:
        return replace(self, size=size)

    @property
    def line_height(self) -> float:
        # 1/100 pt: the unit of PowerPoint's a:spcPts, so the file states
        # exactly the pitch the layout measured with.
        return round(self.size * self.pitch, 2)


def runs_of(text: Text | str | tuple[Run, ...]) -> tuple[Run, ...]:
    if isinstance(text, Text):
        return text.runs
    if isinstance(text, str):
        return (Run(text),)
    return text


# A space after an opening quote mark or before a closing one (typed
# '« text »' or '“ text ”'); straight quotes and ’ (an apostrophe too) are
# ambiguous and left alone.
_QUOTE_SPACE = re.compile(r"(?<=[“„«‹]) | (?=[”»›])")


def joined_quotes(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """`runs` with the spaces between a quote mark and its word made no-break
    (across run boundaries too); the same runs when there are none."""
    text = "".join(r.text for r in runs)
    if not _QUOTE_SPACE.search(text):
        return runs
    text = _QUOTE_SPACE.sub("\u00a0", text)  # one character for one: runs keep their lengths
    out, at = [], 0
    for r in runs:
        out.append(replace(r, text=text[at : at + len(r.text)]))
        at += len(r.text)
    return tuple(out)


@lru_cache(maxsize=64)
def _family(name: str):
    return fonts.family(name)


@lru_cache(maxsize=65536)
def _lines(runs: tuple[Run, ...], font: str, size: float, max_width: float) -> tuple[TextLine, ...]:
    family = _family(font)
    # Most paragraphs are one line: measure the whole first, and wrap only
    # what is wider (the same result as wrap's, far cheaper).
    text = "".join(r.text for r in runs)
    if "\n" not in text and not text.endswith(" "):
        width = sum(family.face(r.bold, r.italic).width(r.text, size) for r in runs)
        if width * (1 + RENDERERS.wider) <= max_width:
            return (TextLine(tuple(r for r in runs if r.text), width),)
    lines = wrap(runs, family, size, max_width, renderers=RENDERERS, word_breaks=url_breaks)
    return tuple(TextLine(line.runs, line.width, line.hard) for line in lines)


def _styled(runs: tuple[Run, ...], bold: bool, italic: bool) -> tuple[Run, ...]:
    # The paragraph's base style counts for measuring: a bold title is
    # measured in the bold face.
    if not bold and not italic:
        return runs
    return tuple(replace(r, bold=r.bold or bold, italic=r.italic or italic) for r in runs)


def paragraph(
    text: Text | str | tuple[Run, ...],
    style: TextStyle,
    width: float,
    *,
    level: int = 0,
    bullet: str | None = None,
    indent: float = 0.0,
    hanging: float = 0.0,
    space_before: float = 0.0,
) -> Paragraph:
    """A paragraph broken to fit `width` points (the box's inner width)."""
    runs = joined_quotes(_styled(runs_of(text), style.bold, style.italic))
    avail = max(1.0, width - indent)
    lines = _lines(runs, style.font, style.size, round(avail, 3))
    return Paragraph(
        runs=runs,
        lines=lines,
        font=style.font,
        size=style.size,
        color=style.color,
        line_height=style.line_height,
        level=level,
        bullet=bullet,
        indent=indent,
        hanging=hanging,
        space_before=space_before,
        bold=style.bold,
        italic=style.italic,
        align=style.align,
    )


def paragraphs_height(paragraphs) -> float:
    return sum(p.height for p in paragraphs)


@lru_cache(maxsize=16384)
def _width(runs: tuple[Run, ...], font: str, size: float) -> float:
    family = _family(font)
    return sum(family.face(r.bold, r.italic).width(r.text, size) for r in runs)


def single_line_width(text: Text | str | tuple[Run, ...], style: TextStyle) -> float:
    """Width of the text set on one line (no wrapping), in points."""
    return _width(_styled(runs_of(text), style.bold, style.italic), style.font, style.size)


def one_line_width(text: Text | str | tuple[Run, ...], style: TextStyle) -> float:
    """The narrowest inner width that sets the text on one line in every
    renderer (`RENDERERS`), in points: for sizing a box to its text."""
    return single_line_width(text, style) * (1 + RENDERERS.wider) + 0.01
