"""The handout's slides mode (pure): the deck's slides placed as thumbnails.

    layout_slide_pages(handout, deck, options) -> Handout (with slide_pages)

3 a page (default): PowerPoint's three-slide handout, each thumbnail with
ruled lines for notes beside it. 1 or 2 a page: big slides with ruled lines
(or the speaker notes) below. 4 or 6: a 2-column grid. Every count has lines
to write on beside or under each slide (`slide_grid`), unless
`writing_lines` is false. With `speaker_notes`
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
from deckgen.layout.handout.slide_grid import cells, rules_in
from deckgen.outline.model import Run, Text

if TYPE_CHECKING:
    from deckgen.layout.handout.model import Handout

__all__ = ["NotesBlock", "SlidePage", "SlideSlot", "layout_slide_pages", "PER_PAGE"]

PER_PAGE = (1, 2, 3, 4, 6)
MARGIN = 54.0  # left/right page margin in slides mode
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


def layout_slide_pages(handout: Handout, deck: Deck, options: HandoutOptions) -> Handout:
    """Return `handout` with its slides-mode pages decided (see module docstring)."""
    per_page, speaker = options.slides_per_page, options.speaker_notes
    g = handout.geometry
    st = handout.styles
    font = st.speaker_notes.font
    pal_text = handout.palette.text
    aspect = deck.height / deck.width
    top, bottom = g.height - g.top, g.height - g.bottom  # y down from the page top
    content_w, content_h = g.width - 2 * MARGIN, bottom - top
    pitch = st.notes_pitch
    diagnostics: list[Diagnostic] = []

    check = GlyphCheck()
    if speaker:
        for i, slide in enumerate(deck.slides):
            for j, para in enumerate(slide.notes):
                check.text(para, font, f"slide {i + 1} notes[{j}]")
    check.raise_if_missing()

    area = Box(MARGIN, top, content_w, content_h)
    notes_share = (0.3 if per_page == 3 else 0.38) if speaker else 0.0
    grid = cells(per_page, area, aspect, pitch, notes_share)
    lines = options.writing_lines
    pages: list[SlidePage] = []
    n = len(deck.slides)
    for start in range(0, n, per_page):
        slots = []
        for k, index in enumerate(range(start, min(start + per_page, n))):
            cell = grid[k]
            slide = deck.slides[index]
            notes = None
            used = 0.0
            if speaker and slide.notes:
                box = replace(cell.below, h=cell.box.h * notes_share)
                notes = _fit_notes(
                    slide.notes, font, box, pal_text, slide.location, index + 1, diagnostics
                )
                used = len(notes.lines) * notes.leading + pitch * 0.3
            rules = (
                (*rules_in(cell.beside, pitch, 4.0 - pitch), *rules_in(cell.below, pitch, used))
                if lines
                else ()
            )
            slots.append(SlideSlot(index, cell.thumb, str(index + 1), notes, rules))
        pages.append(SlidePage(tuple(slots), start + 1, start + len(slots)))

    return replace(
        handout,
        slide_pages=tuple(pages),
        deck=deck,
        diagnostics=[*handout.diagnostics, *diagnostics],
    )
