"""Where the thumbnails of the handout's slides mode go (pure).

The page's text block is cut into equal cells (1 or 2 a page: rows; 3: rows,
lines beside; 4 or 6: a two-column grid), each cell holding one slide as large
as the cell allows once a few lines of room for notes are kept, the rest of the
cell ruled to write on: beside the thumbnail and under it, so no band of the
page is left blank. Rows are spread over the whole text block.

Without lines to write on (and no speaker notes) the cells are `filled`:
the arrangement giving the largest thumbnails (4 a page: two columns or one),
no room kept beside or under them, the rows spread evenly down the page.
With speaker notes a row may be deeper than its share (`moved`): the
caller stacks rows of different heights.

Boxes: points, y growing down from the page's top.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from deckgen.layout.common.primitives import Box

__all__ = ["Cell", "GUTTER", "LABEL_W", "cells", "filled", "moved", "rules_in"]

GUTTER = 22.0  # between cells, and between a thumbnail and its lines beside it
LABEL_W = 16.0  # room for the slide number left of a thumbnail
MIN_LINES = 3  # ruled lines kept under a thumbnail, at least
BESIDE_SHARE = 0.62  # 3 a page: the thumbnail's share of the width, lines beside


@dataclass(frozen=True)
class Cell:
    box: Box  # the whole cell
    thumb: Box  # the slide
    beside: Box | None  # room right of the thumbnail (3 a page), else None
    below: Box  # room under the thumbnail, the cell's full width (may be empty)


def _grid(area: Box, cols: int, rows: int) -> list[Box]:
    w = (area.w - GUTTER * (cols - 1)) / cols
    h = (area.h - GUTTER * (rows - 1)) / rows
    return [
        Box(area.x + c * (w + GUTTER), area.y + r * (h + GUTTER), w, h)
        for r in range(rows)
        for c in range(cols)
    ]


def cells(per_page: int, area: Box, aspect: float, pitch: float, notes_share: float) -> list[Cell]:
    """The cells of one page. `aspect`: slide height / width; `pitch`: ruled
    line spacing; `notes_share`: the share of a cell's height kept under its
    thumbnail for speaker notes (0: none)."""
    layout = {1: (1, 1), 2: (1, 2), 3: (1, 3), 4: (2, 2), 6: (2, 3)}[per_page]
    out = []
    for box in _grid(area, *layout):
        room_w = box.w - LABEL_W
        notes_h = box.h * notes_share
        keep = max(notes_h, MIN_LINES * pitch) + pitch * 0.5
        if per_page == 3:
            # lines beside; the thumbnail as high as the row allows
            w = min(room_w * BESIDE_SHARE, (box.h - notes_h) / aspect)
        else:
            w = min(room_w, (box.h - keep) / aspect)
        h = w * aspect
        x = box.x + LABEL_W + (0.0 if per_page in (3, 4, 6) else (room_w - w) / 2)
        thumb = Box(x, box.y, w, h)
        beside = None
        if per_page == 3:
            bx = thumb.right + GUTTER
            beside = Box(bx, box.y, box.right - bx, h)
        below = Box(
            box.x + LABEL_W, thumb.bottom + 6, room_w, max(0.0, box.bottom - thumb.bottom - 6)
        )
        out.append(Cell(box, thumb, beside, below))
    return out


ARRANGEMENTS = {1: ((1, 1),), 2: ((1, 2),), 3: ((1, 3),), 4: ((2, 2), (1, 4)), 6: ((2, 3),)}


def filled(per_page: int, area: Box, aspect: float) -> list[Cell]:
    """Cells of a page with nothing but slides: each thumbnail as large as the
    area allows in the best arrangement, centred in its column, the rows
    spaced evenly from the area's top to its foot. The slide number sits left
    of its thumbnail, in the margin or the gutter (no room kept for it)."""

    def size(cols: int, rows: int) -> float:
        col_w = (area.w - GUTTER * (cols - 1)) / cols
        return min(col_w, (area.h - GUTTER * (rows - 1)) / rows / aspect)

    cols, rows = max(ARRANGEMENTS[per_page], key=lambda a: size(*a))
    w = size(cols, rows)
    h = w * aspect
    col_w = (area.w - GUTTER * (cols - 1)) / cols
    gap = (area.h - rows * h) / (rows + 1)
    out = []
    for r in range(rows):
        y = area.y + gap + r * (h + gap)
        for c in range(cols):
            cx = area.x + c * (col_w + GUTTER)
            thumb = Box(cx + (col_w - w) / 2, y, w, h)
            out.append(Cell(Box(cx, y, col_w, h), thumb, None, Box(thumb.x, thumb.bottom, w, 0.0)))
    return out


def moved(cell: Cell, y: float, h: float) -> Cell:
    """`cell` moved down to `y` and made `h` deep: its thumbnail and the room
    beside it move along, the room under it takes the new depth."""
    dy = y - cell.box.y
    thumb = replace(cell.thumb, y=cell.thumb.y + dy)
    beside = None if cell.beside is None else replace(cell.beside, y=cell.beside.y + dy)
    below = replace(cell.below, y=cell.below.y + dy, h=max(0.0, y + h - cell.below.y - dy))
    return Cell(replace(cell.box, y=y, h=h), thumb, beside, below)


def rules_in(
    box: Box | None, pitch: float, start: float = 0.0
) -> tuple[tuple[float, float, float], ...]:
    """Ruled lines (x1, x2, y) across `box`, `pitch` apart, the first one
    `pitch` below `box.y + start`; none when the box is too shallow."""
    if box is None:
        return ()
    out = []
    y = box.y + start + pitch
    while y <= box.bottom + 0.01:
        out.append((box.x, box.right, round(y, 2)))
        y += pitch
    return tuple(out)
