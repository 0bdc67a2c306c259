"""Splitting a poster over small sheets (A4 or Letter) for home printing.

Each sheet prints one window of the poster inside the printer's safe margin.
Neighbouring windows overlap by `OVERLAP`, so the sheets can be trimmed on
one side and glued: the cut marks show where to cut (the right and bottom
edge of a sheet's own share), the registration marks (printed at the same
poster position on both neighbours) show how to align, and a label such as
"B3" (row B, column 3) says where the sheet goes. A sheet with nothing on
it but the background, or only a sliver that its neighbour's overlap strip
already shows, is not printed (`blank_tiles`); its neighbours then keep
that strip, without registration marks in it. Sheets are portrait or
landscape, whichever leaves fewer to print. Every printed sheet carries a
small map of the grid marking it and the sheets left out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
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
    r: int, c: int, ww: float, wh: float, has: Callable[[int, int], bool]
) -> tuple[tuple[float, float], ...]:
    """Marks in the middle of every overlap strip sheet (r, c) shares with a
    printed neighbour (`has(row, col)`), in sheet coordinates (`ww` x `wh`:
    the printable window)."""
    marks = []
    for fy in (0.25, 0.75):
        if has(r, c + 1):
            marks.append((SAFE_MARGIN + ww - OVERLAP / 2, SAFE_MARGIN + wh * fy))
        if has(r, c - 1):
            marks.append((SAFE_MARGIN + OVERLAP / 2, SAFE_MARGIN + wh * fy))
    for fx in (0.25, 0.75):
        if has(r + 1, c):
            marks.append((SAFE_MARGIN + ww * fx, SAFE_MARGIN + wh - OVERLAP / 2))
        if has(r - 1, c):
            marks.append((SAFE_MARGIN + ww * fx, SAFE_MARGIN + OVERLAP / 2))
    return tuple(marks)


def tile_poster(
    width: float, height: float, paper: str, content: Sequence[Box] | None = None
) -> Tiling:
    """Tiles covering a `width` x `height` poster; sheets portrait or landscape,
    whichever prints fewer: with the poster's `content` boxes given, the
    sheets left to print once the blank ones are skipped (`blank_tiles`),
    else the whole grid; then the smaller grid; portrait on a tie."""
    key = paper.upper()
    pw, ph = SHEETS[key]
    grids = [_grid(width, height, key, *sheet) for sheet in ((pw, ph), (ph, pw))]
    if content is None:
        return min(grids, key=lambda t: len(t.tiles))
    skipping = [
        _grid(width, height, key, t.sheet_w, t.sheet_h, blank_tiles(t, content)) for t in grids
    ]
    # min() keeps the first of equals: portrait on a tie
    return min(skipping, key=lambda t: (len(t.printed), len(t.tiles)))


def _grid(
    width: float, height: float, key: str, sw: float, sh: float, skipped: tuple[str, ...] = ()
) -> Tiling:
    """The grid of `sw` x `sh` sheets covering the poster, the `skipped`
    ones not printed: a sheet beside one of those keeps its overlap strip
    (nothing covers it) and has no registration marks on that side."""
    ww, wh = sw - 2 * SAFE_MARGIN, sh - 2 * SAFE_MARGIN
    cols, rows = _count(width, ww, OVERLAP), _count(height, wh, OVERLAP)
    step_x, step_y = ww - OVERLAP, wh - OVERLAP
    left_out = set(skipped)

    def has(r: int, c: int) -> bool:
        return 0 <= r < rows and 0 <= c < cols and f"{_row_name(r)}{c + 1}" not in left_out

    tiles = []
    for r in range(rows):
        for c in range(cols):
            window = Box(c * step_x, r * step_y, ww, wh)
            # The sheet's own share: all of the window but the overlap strips
            # its right and lower neighbours cover.
            cut_w = ww - (OVERLAP if has(r, c + 1) else 0)
            cut_h = wh - (OVERLAP if has(r + 1, c) else 0)
            cut = Box(SAFE_MARGIN, SAFE_MARGIN, cut_w, cut_h)
            marks = _registration(r, c, ww, wh, has)
            tiles.append(Tile(f"{_row_name(r)}{c + 1}", r, c, window, cut, marks))
    label = "Letter" if key == "LETTER" else "A4"
    return Tiling(label, sw, sh, rows, cols, SAFE_MARGIN, OVERLAP, tuple(tiles), skipped)


def blank_tiles(tiling: Tiling, content: Sequence[Box]) -> tuple[str, ...]:
    """Labels of the sheets that would add nothing to the wall: their own
    share shows none of the `content` boxes (only the background, or the
    edge of an era band), or only a sliver that lies in the overlap strip of
    a printed neighbour above or to the left (the glue strip left on that
    sheet shows it). Printing them wastes paper; the sheet notes and the map
    say which they are, so the wall still gets assembled in the right places."""
    skipped: set[tuple[int, int]] = set()
    for t in tiling.tiles:  # row by row: the neighbours above and left are decided
        share = Box(t.window.x, t.window.y, t.cut.w, t.cut.h)
        # A printed neighbour's glue strip shows this sheet's first OVERLAP.
        left = OVERLAP if t.col > 0 and (t.row, t.col - 1) not in skipped else 0.0
        top = OVERLAP if t.row > 0 and (t.row - 1, t.col) not in skipped else 0.0
        own = Box(share.x + left, share.y + top, share.w - left, share.h - top)
        if not any(own.overlaps(b) for b in content):
            skipped.add((t.row, t.col))
    return tuple(t.label for t in tiling.tiles if (t.row, t.col) in skipped)
