"""Splitting a poster over small sheets (A4 or Letter) for home printing.

Each sheet prints one window of the poster inside the printer's safe margin.
Neighbouring windows overlap by `OVERLAP`, so the sheets can be trimmed on
one side and glued: the cut marks show where to cut (the right and bottom
edge of a sheet's own share), the registration marks (printed at the same
poster position on both neighbours) show how to align, and a label such as
"B3" (row B, column 3) says where the sheet goes. A sheet with nothing on
it but the background is not printed (`blank_tiles`); every printed sheet
carries a small map of the grid marking it and the sheets left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from deckgen.layout.common.primitives import Box

__all__ = ["OVERLAP", "SAFE_MARGIN", "SHEETS", "Tile", "Tiling", "blank_tiles", "tile_poster"]

MM = 72 / 25.4
SHEETS = {"A4": (210 * MM, 297 * MM), "LETTER": (612.0, 792.0)}
SAFE_MARGIN = 12 * MM  # most printers cannot print closer to the edge
OVERLAP = 12 * MM  # glue strip shared by neighbouring sheets


@dataclass(frozen=True)
class Tile:
    label: str  # 'B3': row letter, column number
    row: int
    col: int
    window: Box  # the part of the poster (trim coordinates, y down) on this sheet
    cut: Box  # the sheet's own share, in sheet coordinates (y down): cut here
    registration: tuple[tuple[float, float], ...]  # mark centres, sheet coordinates


@dataclass(frozen=True)
class Tiling:
    paper: str  # 'A4' or 'Letter'
    sheet_w: float
    sheet_h: float
    rows: int
    cols: int
    margin: float
    overlap: float
    tiles: tuple[Tile, ...]
    skipped: tuple[str, ...] = ()  # labels of sheets with nothing on them: not printed

    @property
    def printed(self) -> tuple[Tile, ...]:
        return tuple(t for t in self.tiles if t.label not in self.skipped)


def _row_name(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def _count(length: float, window: float, overlap: float) -> int:
    return max(1, math.ceil((length - overlap) / (window - overlap) - 1e-9))


def _registration(
    r: int, c: int, rows: int, cols: int, ww: float, wh: float
) -> tuple[tuple[float, float], ...]:
    """Marks in the middle of every overlap strip sheet (r, c) shares with a
    neighbour, in sheet coordinates (`ww` x `wh`: the printable window)."""
    marks = []
    for fy in (0.25, 0.75):
        if c < cols - 1:
            marks.append((SAFE_MARGIN + ww - OVERLAP / 2, SAFE_MARGIN + wh * fy))
        if c > 0:
            marks.append((SAFE_MARGIN + OVERLAP / 2, SAFE_MARGIN + wh * fy))
    for fx in (0.25, 0.75):
        if r < rows - 1:
            marks.append((SAFE_MARGIN + ww * fx, SAFE_MARGIN + wh - OVERLAP / 2))
        if r > 0:
            marks.append((SAFE_MARGIN + ww * fx, SAFE_MARGIN + OVERLAP / 2))
    return tuple(marks)


def tile_poster(width: float, height: float, paper: str) -> Tiling:
    """Tiles covering a `width` x `height` poster; sheets portrait or landscape,
    whichever needs fewer (portrait on a tie)."""
    key = paper.upper()
    pw, ph = SHEETS[key]

    def grid(sheet: tuple[float, float]) -> tuple[int, int]:
        """(columns, rows) of sheets of this size and orientation."""
        sw, sh = sheet
        return (
            _count(width, sw - 2 * SAFE_MARGIN, OVERLAP),
            _count(height, sh - 2 * SAFE_MARGIN, OVERLAP),
        )

    # min() keeps the first of equals: portrait on a tie
    sw, sh = min(((pw, ph), (ph, pw)), key=lambda sheet: math.prod(grid(sheet)))
    cols, rows = grid((sw, sh))
    ww, wh = sw - 2 * SAFE_MARGIN, sh - 2 * SAFE_MARGIN
    step_x, step_y = ww - OVERLAP, wh - OVERLAP
    tiles = []
    for r in range(rows):
        for c in range(cols):
            window = Box(c * step_x, r * step_y, ww, wh)
            # The sheet's own share: all of the window but the overlap strips
            # it shares with its right and lower neighbours.
            cut_w = ww - (OVERLAP if c < cols - 1 else 0)
            cut_h = wh - (OVERLAP if r < rows - 1 else 0)
            cut = Box(SAFE_MARGIN, SAFE_MARGIN, cut_w, cut_h)
            marks = _registration(r, c, rows, cols, ww, wh)
            tiles.append(Tile(f"{_row_name(r)}{c + 1}", r, c, window, cut, marks))
    label = "Letter" if key == "LETTER" else "A4"
    return Tiling(label, sw, sh, rows, cols, SAFE_MARGIN, OVERLAP, tuple(tiles))


def blank_tiles(tiling: Tiling, content: list[Box]) -> tuple[str, ...]:
    """Labels of the sheets whose own share shows none of the `content`
    boxes (only the background, or the edge of an era band): printing them
    wastes paper. The sheet notes say which they are, so the wall still
    gets assembled in the right places."""
    out = []
    for t in tiling.tiles:
        share = Box(t.window.x, t.window.y, t.cut.w, t.cut.h)
        if not any(share.overlaps(b) for b in content):
            out.append(t.label)
    return tuple(out)
