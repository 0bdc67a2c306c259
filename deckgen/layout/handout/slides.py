"""The handout's slides mode (pure): the deck's slides placed as thumbnails.

    layout_slide_pages(handout, deck, options) -> Handout (with slide_pages)

3 a page (default): PowerPoint's three-slide handout, each thumbnail with
ruled lines for notes beside it. 1 or 2 a page: big slides with ruled lines
(or the speaker notes) below. 4 or 6: a 2-column grid. Every count has lines
to write on beside or under each slide (`slide_grid`), unless
`writing_lines` is false. With `speaker_notes`
each slide's notes are set under it at the print floor, wrapped here with
real metrics; notes deeper than their share of the page take more of it
(fewer slides on that page), and only notes longer than a whole page are
cut, with a warning naming the outline's line. Without writing lines or
notes the thumbnails grow to fill the page (`slide_grid.filled`).

Coordinates are points with y growing down from the page's top (as in the
deck model); the backend converts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from deckgen.errors import Diagnostic
from deckgen.fonts.wrap import Line, wrap
from deckgen.layout.common.primitives import Box
from deckgen.layout.deck.model import Deck
from deckgen.layout.handout.furniture import footer_lines
from deckgen.layout.handout.glyphs import GlyphCheck
from deckgen.layout.handout.options import HandoutOptions
from deckgen.layout.handout.slide_grid import GUTTER, Cell, cells, filled, moved, rules_in
from deckgen.layout.handout.style import PRINT_FLOOR
from deckgen.outline.model import Run, Text

if TYPE_CHECKING:
    from deckgen.layout.handout.model import Handout

__all__ = ["NotesBlock", "SlidePage", "SlideSlot", "layout_slide_pages", "PER_PAGE"]

PER_PAGE = (1, 2, 3, 4, 6)
MARGIN = 54.0  # left/right page margin in slides mode
NOTES_SIZE = PRINT_FLOOR  # points: speaker notes, never smaller (nor shrunk to fit)
NOTES_LEADING = round(NOTES_SIZE * 1.25, 2)


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


def _notes_lines(paragraphs: tuple[Text, ...], font: str, width: float) -> list[Line]:
    """The notes wrapped at `NOTES_SIZE`, a blank line between paragraphs."""
    lines: list[Line] = []
    for i, para in enumerate(paragraphs):
        if i:
            lines.append(Line((), 0.0))
        lines.extend(wrap(para.runs, font, NOTES_SIZE, width))
    return lines


def _cut(lines: list[Line], capacity: int) -> list[Line]:
    """The first `capacity` lines, the last one ending in an ellipsis."""
    kept = lines[:capacity]
    if kept:
        last = kept[-1]
        kept[-1] = Line((*last.runs, Run(" …")), last.width)
    return kept


@dataclass
class _Row:
    cells: list[Cell]  # the page's grid row it takes the place of
    slides: list[int]  # deck indices, one a cell
    notes: list[list[Line] | None]
    height: float


class _Pager:
    """Slides in rows of the page's grid, rows onto pages: a row is as deep
    as its grid row unless the speaker notes of one of its slides need more
    (set at `NOTES_SIZE` whole, never shrunk); then fewer slides share the
    page. Notes longer than a whole page are cut, with a warning."""

    def __init__(self, handout: Handout, deck: Deck, grid: list[Cell], area: Box, speaker: bool):
        self.deck, self.area, self.speaker = deck, area, speaker
        self.font = handout.styles.speaker_notes.font
        self.pitch = handout.styles.notes_pitch
        self.rows: list[list[Cell]] = []
        for cell in grid:
            if self.rows and self.rows[-1][0].box.y == cell.box.y:
                self.rows[-1].append(cell)
            else:
                self.rows.append([cell])
        self.diagnostics: list[Diagnostic] = []
        self._notes: dict[int, list[Line] | None] = {}

    def _notes_depth(self, lines: list[Line] | None) -> float:
        return len(lines) * NOTES_LEADING + self.pitch * 0.3 if lines else 0.0

    def _row(self, template: list[Cell], first: int) -> _Row:
        indices = list(range(first, min(first + len(template), len(self.deck.slides))))
        notes: list[list[Line] | None] = []
        height = template[0].box.h
        for index, cell in zip(indices, template, strict=False):
            slide = self.deck.slides[index]
            lines = None
            if self.speaker and slide.notes:
                head = cell.below.y - cell.box.y
                if index not in self._notes:  # once: a row may be tried on two pages
                    lines = _notes_lines(slide.notes, self.font, cell.below.w)
                    if head + self._notes_depth(lines) > self.area.h:
                        lines = self._too_long(lines, head, index)
                    self._notes[index] = lines
                lines = self._notes[index]
                height = max(height, head + self._notes_depth(lines))
            notes.append(lines)
        return _Row(template, indices, notes, height)

    def _too_long(self, lines: list[Line], head: float, index: int) -> list[Line]:
        capacity = max(0, int((self.area.h - head - self.pitch * 0.3) // NOTES_LEADING))
        slide = self.deck.slides[index]
        self.diagnostics.append(
            Diagnostic(
                "warning",
                f"handout: the speaker notes of slide {index + 1} are longer than a page under "
                f"the slide; printed up to line {capacity} of {len(lines)} "
                "(use fewer slides_per_page, or shorten the notes)",
                slide.location,
            )
        )
        return _cut(lines, capacity)

    def pages(self) -> list[list[_Row]]:
        pages: list[list[_Row]] = []
        page: list[_Row] = []
        used = 0.0
        index = 0
        while index < len(self.deck.slides):
            row = self._row(self.rows[len(page)], index)
            need = row.height + (GUTTER if page else 0.0)
            if page and used + need > self.area.h + 0.01:
                pages.append(page)
                page, used = [], 0.0
                continue
            page.append(row)
            used += need
            index += len(row.slides)
            if len(page) == len(self.rows):
                pages.append(page)
                page, used = [], 0.0
        if page:
            pages.append(page)
        return pages

    def place(self, rows: list[_Row]) -> list[tuple[int, Cell, list[Line] | None]]:
        """The page's rows stacked from the area's top, the room left over
        shared out among them (more lines to write on, no blank band); rows
        of their grid row's depth stay where the grid put them."""
        if all(r.height <= r.cells[0].box.h for r in rows):
            return [
                (i, c, n) for r in rows for i, c, n in zip(r.slides, r.cells, r.notes, strict=False)
            ]
        spare = self.area.h - sum(r.height for r in rows) - GUTTER * (len(rows) - 1)
        extra = max(0.0, spare) / len(rows) if len(rows) < len(self.rows) else 0.0
        out = []
        y = self.area.y
        for row in rows:
            h = row.height + extra
            for index, cell, lines in zip(row.slides, row.cells, row.notes, strict=False):
                out.append((index, moved(cell, y, h), lines))
            y += h + GUTTER
        return out


def layout_slide_pages(handout: Handout, deck: Deck, options: HandoutOptions) -> Handout:
    """Return `handout` with its slides-mode pages decided (see module docstring)."""
    per_page, speaker = options.slides_per_page, options.speaker_notes
    g = handout.geometry
    st = handout.styles
    font = st.speaker_notes.font
    aspect = deck.height / deck.width
    top, bottom = g.height - g.top, g.height - g.bottom  # y down from the page top
    area = Box(MARGIN, top, g.width - 2 * MARGIN, bottom - top)
    pitch = st.notes_pitch

    check = GlyphCheck()
    if speaker:
        for i, slide in enumerate(deck.slides):
            for j, para in enumerate(slide.notes):
                check.text(para, font, f"slide {i + 1} notes[{j}]")
    check.raise_if_missing()

    lines = options.writing_lines
    if not lines and not speaker:
        grid = filled(per_page, area, aspect)
    else:
        notes_share = (0.3 if per_page == 3 else 0.38) if speaker else 0.0
        grid = cells(per_page, area, aspect, pitch, notes_share)
    pager = _Pager(handout, deck, grid, area, speaker)
    pages: list[SlidePage] = []
    for rows in pager.pages():
        slots = []
        for index, cell, notes_lines in pager.place(rows):
            notes = None
            used = 0.0
            if notes_lines:
                used = len(notes_lines) * NOTES_LEADING + pitch * 0.3
                box = replace(cell.below, h=len(notes_lines) * NOTES_LEADING)
                notes = NotesBlock(
                    box, tuple(notes_lines), font, NOTES_SIZE, NOTES_LEADING, handout.palette.text
                )
            rules = (
                (*rules_in(cell.beside, pitch, 4.0 - pitch), *rules_in(cell.below, pitch, used))
                if lines
                else ()
            )
            slots.append(SlideSlot(index, cell.thumb, str(index + 1), notes, rules))
        pages.append(SlidePage(tuple(slots), slots[0].index + 1, slots[-1].index + 1))

    return replace(
        handout,
        footer_lines=footer_lines(handout.footer, st.footer, area.w, handout.words),
        slide_pages=tuple(pages),
        deck=deck,
        diagnostics=[*handout.diagnostics, *pager.diagnostics],
    )
