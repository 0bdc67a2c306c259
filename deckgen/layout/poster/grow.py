"""Cards given their event's description where the poster has room for it.

The card style (`cards.LEVELS`) is chosen for the densest stretch of the
axis, so a dense timeline drops every description even where the sheet is
empty. After placement, each card without its description (or with it cut)
tries the card with the whole description at the same width, grown outwards
from the axis: it is kept when the taller card stays clear of every other
card and of every stem on its side, within the side's depth. A description
is shown whole or not at all: never cut beside empty space.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from deckgen.layout.poster.placement import Slot

__all__ = ["Placed", "grow_cards"]


@dataclass
class Placed:
    """One placed card in its side's coordinates: x along the axis, y the
    distance of its near edge from the axis band."""

    index: int  # the event's index in the timeline
    slot: Slot
    w: float
    h: float


def _clear(me: Placed, h: float, others: Sequence[Placed], gap: float, stem_gap: float) -> bool:
    left, right = me.slot.left, me.slot.left + me.w
    y0, y1 = me.slot.y, me.slot.y + h
    for o in others:
        if o is me or o.slot.side != me.slot.side:
            continue
        o_left, o_right = o.slot.left, o.slot.left + o.w
        o_y0, o_y1 = o.slot.y, o.slot.y + o.h
        apart_x = o_right + gap <= left or right + gap <= o_left
        apart_y = o_y1 + gap <= y0 or y1 + gap <= o_y0
        if not (apart_x or apart_y):
            return False
        # o's stem runs from the band out to o (a lane beside it, to its middle)
        stem_top = o_y0 + (o.h / 2 if o.slot.jog else 0.0)
        if left - stem_gap < o.slot.anchor < right + stem_gap and stem_top > y0 and y1 > 0:
            return False
    return True


def grow_cards(
    placed: list[Placed],
    richer: Callable[[int, float], tuple[float, bool] | None],
    depth: float,
    gap: float,
    stem_gap: float,
) -> dict[int, float]:
    """The events whose card grows to hold its whole description, with the
    new height. `richer(index, width)`: (height, cut) of the event's card with
    its description at that width, None when it has none; `depth`: how far
    from the axis a card may reach. Cards nearest the axis first (a card
    further out has its stem to keep clear)."""
    grown: dict[int, float] = {}
    for me in sorted(placed, key=lambda p: (p.slot.y, p.slot.left)):
        got = richer(me.index, me.w)
        if got is None:
            continue
        h, cut = got
        if cut or h <= me.h + 0.5 or me.slot.y + h > depth:
            continue
        if _clear(me, h, placed, gap, stem_gap):
            me.h = h
            grown[me.index] = h
    return grown
