"""Placing event cards above and below a time axis without any overlap.

Cards stand on both sides of the axis, at a distance `y` from it (0 = right
beside the leader band). Each card hangs from a *stem*: a vertical line at
its `anchor` (a little inside its right edge) running from the card to the
leader band beside the axis; across that band a straight leader joins the
stem to the event's true date. So a card may shift right of its date, within
a window, when the space at its date is taken, and still point at it.

One sweep over the cards in date order decides everything. Per side it keeps
the *active* cards (those a later card could still touch; a heap drops the
rest as the sweep moves right), so each card is checked against a handful of
neighbours, not all: O(n log n) overall. The rules that make it clean:

- a card overlaps no other card (with a gap on every side);
- a card never covers an earlier stem: a card whose width spans an earlier
  card's stem must stand beyond (further out than) that card;
- a stem never crosses a card: a card may only stand where the column of its
  own stem, from the axis out to it, is clear;
- leaders never cross: per side, dates and anchors both increase in sweep
  order, so the straight leaders across the band are ordered too.

Why the stem sits at the card's *right* edge: cards shift right (later) of
their dates, and a card covers the stems of earlier neighbours only, so a
cluster climbs as a staircase, each card one step later and further out.
With the stem on the left, a later card's stem would have to pass through
the earlier card standing on it, and same-day events could not be placed.

A card that finds no place within its window and the side's height is left
out (None): the caller then tries smaller cards or a more compressed axis,
and reports what still does not fit.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["ABOVE", "BELOW", "Item", "Slot", "place"]

ABOVE, BELOW = 0, 1


@dataclass(frozen=True)
class Item:
    x: float  # the event's date on the axis
    w: float  # card width
    h: float  # card height


@dataclass(frozen=True)
class Slot:
    side: int  # ABOVE or BELOW
    y: float  # distance of the card's near edge from the axis side (0 = nearest)
    left: float  # the card's left edge
    anchor: float  # where its stem stands
    jog: bool = False  # the stem is a lane left of the card, joined by a jog (columns)


@dataclass
class _Placed:
    left: float
    right: float
    y0: float
    y1: float
    anchor: float


def _lowest(lo: float, hi: float, h: float, busy: list[tuple[float, float]]) -> float | None:
    """The lowest y >= lo with [y, y+h] inside [lo, hi] and clear of `busy`."""
    y = lo
    for b0, b1 in sorted(busy):
        if b1 <= y:
            continue
        if y + h <= b0:
            break
        y = max(y, b1)
    return y if y + h <= hi + 1e-9 else None


def _spans(anchors, item, x_min, x_max, stem_inset, stem_gap, max_shift, next_x):
    """(anchor, left edge) pairs worth trying, nearest first.

    Normally a card hangs left of its stem. It may stand right of it where
    no later date lies under it (a lone event, the last one), which keeps
    it beside its date instead of pushed away; and at the left end of the
    axis it must.
    """
    for anchor in anchors:
        if anchor - item.x > max_shift + 1e-9:
            return
        right = anchor + stem_inset
        if right <= x_max + 1e-9:
            left = right - item.w
            if left >= x_min:
                yield anchor, left
            elif x_min + item.w <= x_max:
                yield anchor, x_min
        left = anchor - stem_inset
        if left + item.w <= min(x_max, next_x - stem_gap) + 1e-9 and left + item.w > right:
            yield anchor, left


def place(  # noqa: C901 - the sweep's hot loop: helper calls here cost it ~20% more time
    items: Sequence[Item],
    x_min: float,
    x_max: float,
    height: float,
    *,
    gap: float,
    stem_inset: float,
    stem_gap: float,
    max_shift: float,
    height_cost: float,
) -> list[Slot | None]:
    """Place `items` (sorted by x) on two sides, each `height` points deep.

    `gap`: clearance between cards; `stem_inset`: stem distance from a card's
    right edge; `stem_gap`: clearance between a stem and a card or another
    stem; `max_shift`: how far right of its date a card may stand;
    `height_cost`: cost, in points of shift, of one point further out.
    """
    active: list[list[_Placed]] = [[], []]
    expiry: list[list[tuple[float, int]]] = [[], []]  # (right, id) heaps
    alive: list[dict[int, _Placed]] = [{}, {}]
    last_anchor = [-float("inf"), -float("inf")]
    count = [0, 0]
    w_max = max((it.w for it in items), default=0.0)
    out: list[Slot | None] = []
    serial = 0
    for index, item in enumerate(items):
        next_x = items[index + 1].x if index + 1 < len(items) else float("inf")
        # Nothing ending left of where any later card could start matters again.
        horizon = max(x_min, item.x + stem_inset - w_max) - gap - stem_gap
        for side in (ABOVE, BELOW):
            heap = expiry[side]
            while heap and heap[0][0] < horizon:
                _, sid = heapq.heappop(heap)
                alive[side].pop(sid, None)
            active[side] = list(alive[side].values())
        best: tuple[float, Slot] | None = None
        for side in (ABOVE, BELOW):
            cards = active[side]
            first = max(item.x, last_anchor[side] + stem_gap)
            # Anchors worth trying: at the date, or just clear of a neighbour.
            cands = {first}
            for p in cards:
                for a in (
                    p.right + gap + item.w - stem_inset,
                    p.anchor + stem_gap,
                    p.right + stem_gap + 1e-6,
                ):
                    if first < a <= item.x + max_shift:
                        cands.add(a)
            for anchor, left in _spans(
                sorted(cands), item, x_min, x_max, stem_inset, stem_gap, max_shift, next_x
            ):
                right = left + item.w
                lo, hi = 0.0, height
                busy = []
                for p in cards:
                    if p.right + gap <= left or right + gap <= p.left:
                        # Apart in x; only its stem could matter, and it is
                        # inside p's span, so it is apart too.
                        continue
                    if p.left - stem_gap < anchor < p.right + stem_gap:
                        # p covers our stem's column: we must stand nearer.
                        hi = min(hi, p.y0 - gap)
                    if left - stem_gap < p.anchor < right + stem_gap:
                        # We would cover p's stem: stand beyond p.
                        lo = max(lo, p.y1 + gap)
                    busy.append((p.y0 - gap, p.y1 + gap))
                y = _lowest(lo, hi, item.h, busy)
                if y is None:
                    continue
                # Ties go to the emptier side, so cards alternate above/below.
                cost = (anchor - item.x) + y * height_cost + count[side] * 1e-6
                if best is None or cost < best[0]:
                    best = (cost, Slot(side, y, left, anchor))
        if best is None:
            out.append(None)
            continue
        slot = best[1]
        s = slot.side
        placed = _Placed(slot.left, slot.left + item.w, slot.y, slot.y + item.h, slot.anchor)
        serial += 1
        alive[s][serial] = placed
        heapq.heappush(expiry[s], (placed.right, serial))
        last_anchor[s] = slot.anchor
        count[s] += 1
        out.append(slot)
    return out
