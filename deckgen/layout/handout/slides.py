"""The handout's slides mode (pure): the deck's slides placed as thumbnails.

    layout_slide_pages(handout, deck, options) -> Handout (with slide_pages)

3 a page (default): PowerPoint's three-slide handout, each thumbnail with
ruled lines for notes beside it. 1 or 2 a page: big slides with ruled lines
(or the speaker notes) below. 4 or 6: a 2-column grid. With `speaker_notes`
each slide's notes are set under it, wrapped here with real metrics; notes
too long for their space shrink to a floor, then are cut with a warning
naming the outline's line.

Coordinates are points with y growing down from the page's top (as in the
deck model); the backend converts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from deckgen.errors import Diagnostic, Location
from deckgen.fonts.wrap import Line, wrap
from deckgen.layout.common.primitives import Box
from deckgen.layout.deck.model import Deck
from deckgen.layout.handout.glyphs import GlyphCheck
from deckgen.layout.handout.options import HandoutOptions
from deckgen.outline.model import Run, Text

if TYPE_CHECKING:
    from deckgen.layout.handout.model import Handout

__all__ = ["NotesBlock", "SlidePage", "SlideSlot", "layout_slide_pages", "PER_PAGE"]

PER_PAGE = (1, 2, 3, 4, 6)
MARGIN = 54.0  # left/right page margin in slides mode
GUTTER = 22.0
NOTES_MAX = 8.5  # points: speaker notes start at this size ...
NOTES_MIN = 6.5  # ... and shrink no further (then are cut, with a warning)


@dataclass(frozen=True)
class NotesBlock:
    box: Box
    lines: tuple[Line, ...]
    font: str
    size: float
    leading: float
    color: str


@dataclass(frozen=True)
class SlideSlot:
    index: int  # the slide's index in the deck
    box: Box  # the thumbnail on the page
    label: str  # slide number, printed beside the thumbnail
    notes: NotesBlock | None = None
    rules: tuple[tuple[float, float, float], ...] = ()  # ruled note lines (x1, x2, y)


@dataclass(frozen=True)
class SlidePage:
    slots: tuple[SlideSlot, ...]
    first: int  # slide numbers on this page, for the running header
    last: int


def _fit_notes(
    paragraphs: tuple[Text, ...],
    font: str,
    box: Box,
    color: str,
    location: Location,
    number: int,
    diagnostics: list[Diagnostic],
) -> NotesBlock:
    runs_per_para = [p.runs for p in paragraphs]
    size = NOTES_MAX
    while True:
        leading = round(size * 1.25, 2)
        lines: list[Line] = []
        for i, runs in enumerate(runs_per_para):
            if i:
                lines.append(Line((), 0.0))  # a blank line between paragraphs
            lines.extend(wrap(runs, font, size, box.w))
        fits = len(lines) * leading <= box.h + 0.01
        if fits or size <= NOTES_MIN:
            break
        size = max(NOTES_MIN, round(size - 0.5, 2))
    capacity = max(0, int((box.h + 0.01) // leading))
    if len(lines) > capacity:
        diagnostics.append(
            Diagnostic(
                "warning",
                f"handout: the speaker notes of slide {number} are too long for the space under "
                f"the slide at {NOTES_MIN:g} pt; printed up to line {capacity} of {len(lines)} "
                "(use fewer slides_per_page, or shorten the notes)",
                location,
            )
        )
        lines = lines[:capacity]
        if lines:
            last = lines[-1]
            lines[-1] = Line((*last.runs, Run(" …")), last.width)
    return NotesBlock(box, tuple(lines), font, size, leading, color)


Rule = tuple[float, float, float]  # a ruled note line: x1, x2, y
# One slot of a page: the thumbnail, the space that goes with it (for lines or
# speaker notes, None without), and where that space is: 'beside' or 'below'.
Cell = tuple[Box, Box | None, str]
LABEL_W = 16.0  # room for the slide number left of a thumbnail


def _rules(x1: float, x2: float, top: float, bottom: float, pitch: float) -> tuple[Rule, ...]:
    out = []
    y = top + pitch
    while y <= bottom + 0.01:
        out.append((x1, x2, round(y, 2)))
        y += pitch
    return tuple(out)


def layout_slide_pages(handout: Handout, deck: Deck, options: HandoutOptions) -> Handout:
    """Return `handout` with its slides-mode pages decided (see module docstring)."""
    per_page, speaker = options.slides_per_page, options.speaker_notes
    g = handout.geometry
    st = handout.styles
    font = st.speaker_notes.font
    pal_text = handout.palette.text
    left, right = MARGIN, g.width - MARGIN
    top, bottom = g.height - g.top, g.height - g.bottom  # y down from the page top
    diagnostics: list[Diagnostic] = []

    check = GlyphCheck()
    if speaker:
        for i, slide in enumerate(deck.slides):
            for j, para in enumerate(slide.notes):
                check.text(para, font, f"slide {i + 1} notes[{j}]")
    check.raise_if_missing()

    aspect = deck.height / deck.width
    cells = _cells(per_page, speaker, aspect, left, top, right - left, bottom - top)
    pages: list[SlidePage] = []
    n = len(deck.slides)
    for start in range(0, n, per_page):
        slots = []
        for k, index in enumerate(range(start, min(start + per_page, n))):
            slide = deck.slides[index]
            thumb, extra, _ = cells[k]
            notes = None
            if speaker and slide.notes and extra is not None:
                notes = _fit_notes(
                    slide.notes, font, extra, pal_text, slide.location, index + 1, diagnostics
                )
            rules = _slot_rules(cells[k], notes, per_page, right, st.notes_pitch)
            slots.append(SlideSlot(index, thumb, str(index + 1), notes, rules))
        pages.append(SlidePage(tuple(slots), start + 1, start + len(slots)))

    return replace(
        handout,
        slide_pages=tuple(pages),
        deck=deck,
        diagnostics=[*handout.diagnostics, *diagnostics],
    )


def _cells(
    per_page: int,
    speaker: bool,
    aspect: float,
    left: float,
    top: float,
    content_w: float,
    content_h: float,
) -> list[Cell]:
    """One cell per slot of a page, by the number of slides a page."""
    if per_page == 3:
        return _three_cells(speaker, aspect, left, top, content_w, content_h)
    if per_page in (1, 2):
        return _big_cells(per_page, aspect, left, top, content_w, content_h)
    return _grid_cells(per_page, speaker, aspect, left, top, content_w, content_h)


def _three_cells(
    speaker: bool, aspect: float, left: float, top: float, content_w: float, content_h: float
) -> list[Cell]:
    """PowerPoint's three-slide handout: slide left, lines right, rows spread
    evenly down the page."""
    row_h = content_h / 3
    thumb_w = min((content_w - LABEL_W) * 0.6, (row_h - GUTTER) / aspect)
    thumb_h = thumb_w * aspect
    extra_h = 0.0
    if speaker:
        thumb_w = min(thumb_w, (row_h - GUTTER) * 0.62 / aspect)
        thumb_h = thumb_w * aspect
        extra_h = row_h - GUTTER - thumb_h - 6
    gap = (content_h - 3 * (thumb_h + extra_h + (6 if speaker else 0))) / 2
    cells: list[Cell] = []
    for r in range(3):
        y = top + r * (thumb_h + extra_h + (6 if speaker else 0) + gap)
        thumb = Box(left + LABEL_W, y, thumb_w, thumb_h)
        extra = Box(thumb.x, y + thumb_h + 6, thumb_w, extra_h) if speaker else None
        cells.append((thumb, extra, "beside"))
    return cells


def _big_cells(
    per_page: int, aspect: float, left: float, top: float, content_w: float, content_h: float
) -> list[Cell]:
    """One or two big slides a page, each with its space below."""
    share = content_h / per_page
    thumb_w = min(content_w - LABEL_W, (share * (0.62 if per_page == 1 else 0.66)) / aspect)
    thumb_h = thumb_w * aspect
    x = left + LABEL_W + (content_w - LABEL_W - thumb_w) / 2
    cells: list[Cell] = []
    for r in range(per_page):
        y = top + r * share
        below = Box(x, y + thumb_h + 10, thumb_w, share - thumb_h - 10 - GUTTER)
        cells.append((Box(x, y, thumb_w, thumb_h), below, "below"))
    return cells


def _grid_cells(
    per_page: int,
    speaker: bool,
    aspect: float,
    left: float,
    top: float,
    content_w: float,
    content_h: float,
) -> list[Cell]:
    """4 or 6 a page: two columns, the speaker notes (if any) below each slide."""
    rows = per_page // 2
    share = content_h / rows
    col_w = (content_w - GUTTER) / 2
    notes_h = share * (0.42 if speaker else 0.0)
    thumb_w = min(col_w - LABEL_W, (share - GUTTER - notes_h) / aspect)
    thumb_h = thumb_w * aspect
    cells: list[Cell] = []
    for r in range(rows):
        for c in range(2):
            x = left + c * (col_w + GUTTER) + LABEL_W
            y = top + r * share
            below = Box(x, y + thumb_h + 6, thumb_w, share - thumb_h - 6 - GUTTER)
            cells.append((Box(x, y, thumb_w, thumb_h), below if speaker else None, "below"))
    return cells


def _slot_rules(
    cell: Cell, notes: NotesBlock | None, per_page: int, right: float, pitch: float
) -> tuple[Rule, ...]:
    """The ruled note lines of a slot: beside the thumbnail down to the end of
    its cell (3 a page), or in the space below it (1 or 2 a page), under the
    speaker notes if there are any; none in the 2-column grid."""
    thumb, extra, where = cell
    if where == "beside":
        bottom_of_cell = extra.bottom if extra is not None else thumb.bottom
        return _rules(thumb.right + GUTTER, right, thumb.y + 4, bottom_of_cell, pitch)
    if extra is None or per_page not in (1, 2):
        return ()
    if notes is not None:
        used = len(notes.lines) * notes.leading
        return _rules(extra.x, extra.right, extra.y + used + pitch * 0.5, extra.bottom, pitch)
    return _rules(extra.x, extra.right, extra.y, extra.bottom, pitch)
