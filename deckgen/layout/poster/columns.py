"""Placing event cards in tidy columns, for timelines too dense for a staircase.

`placement.place` hangs each card from a straight stem, so a cluster of
close dates climbs as a staircase, one card width per few cards. Here the
cards of a cluster stand in a *column*, one above the other, and each joins
the axis by an elbow: a vertical *lane* in a gutter left of the column, then
a short horizontal jog into the card's left edge.

Per side and column, with k cards in date order: the earliest stands
furthest out and has the leftmost lane, the latest stands nearest the axis
with the lane next to the column. So a jog only passes lanes that end
nearer the axis than itself (no crossing), every lane is left of its
column's cards and right of the previous column (no lane through a card),
and per side lanes increase with the dates, so the leaders across the band
beside the axis never cross either.

One pass over the cards in date order, each joining the current column of
a side or opening the next one: O(n).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from deckgen.layout.poster.placement import ABOVE, BELOW, Item, Slot

__all__ = ["place_columns"]


@dataclass
class _Column:
    floor: float  # the least x of its first lane (clear of the previous column)
    lane0: float = 0.0  # x of the first (leftmost) lane
    members: list[int] = field(default_factory=list)
    height: float = 0.0  # cards and the gaps between them
    width: float = 0.0  # the widest card
    sum_x: float = 0.0  # of its dates

    def left(self, lane_gap: float) -> float:
        """The cards' left edge."""
        return self.lane0 + len(self.members) * lane_gap

    def right(self, lane_gap: float) -> float:
        return self.left(lane_gap) + self.width


def _lane0(floor, sum_x, k, width, lane_gap, lean, x_max) -> float | None:
    """Where a column of k cards stands: its lanes and cards around the mean
    of its dates (`lean`: the share of its width left of that mean), moved
    left to stay on the page, never left of `floor`."""
    span = k * lane_gap + width
    lane0 = min(max(sum_x / k - lean * span, floor), x_max - span)
    return lane0 if lane0 >= floor - 1e-9 else None


def place_columns(
    items: Sequence[Item],
    x_min: float,
    x_max: float,
    height: float,
    *,
    gap: float,
    lane_gap: float,
    lean: float = 0.5,
    reach: float = 0.0,
    max_drift: float = float("inf"),
) -> list[Slot | None]:
    """Place `items` (sorted by x) in columns on two sides, each `height` deep.

    `gap`: clearance between cards and between a column and the next one's
    lanes; `lane_gap`: distance between lanes; `lean`: the share of a
    column's width left of the mean of its dates (0.5: centred on them);
    `reach`: how far right of a column a date may be and still join it
    (fuller columns where room is short); `max_drift`: how far from its
    date a lane may stand.
    Slots have `jog=True`: their `anchor` is the lane's x.
    """
    cols: list[list[_Column]] = [[], []]
    count = [0, 0]
    for index, item in enumerate(items):
        best: tuple[float, int, bool, float] | None = None
        for side in (ABOVE, BELOW):
            cur = cols[side][-1] if cols[side] else None
            joined = (
                _join(cur, item, height, gap, lane_gap, lean, reach, max_drift, x_max)
                if cur is not None
                else None
            )
            if joined is not None:
                drift, join_lane0 = joined
                cost = drift + count[side] * 1e-6
                if best is None or cost < best[0]:
                    best = (cost, side, False, join_lane0)
            floor = cur.right(lane_gap) + gap if cur is not None else x_min
            new_lane0 = _lane0(floor, item.x, 1, item.w, lane_gap, lean, x_max)
            if item.h <= height and new_lane0 is not None and abs(new_lane0 - item.x) <= max_drift:
                # Opening a column ends the current one, and the room left in
                # it is lost: that is part of the cost.
                waste = (height - cur.height) / height * item.w if cur is not None else 0.0
                cost = abs(new_lane0 - item.x) + lane_gap * 2 + waste + count[side] * 1e-6
                if best is None or cost < best[0]:
                    best = (cost, side, True, new_lane0)
        if best is None:
            continue
        _, side, new, lane0 = best
        if new:
            cur = cols[side][-1] if cols[side] else None
            cols[side].append(_Column(cur.right(lane_gap) + gap if cur is not None else x_min))
        col = cols[side][-1]
        col.lane0 = lane0
        col.height += (gap if col.members else 0.0) + item.h
        col.width = max(col.width, item.w)
        col.sum_x += item.x
        col.members.append(index)
        count[side] += 1

    return _slots(cols, items, gap, lane_gap)


def _join(
    cur: _Column,
    item: Item,
    height: float,
    gap: float,
    lane_gap: float,
    lean: float,
    reach: float,
    max_drift: float,
    x_max: float,
) -> tuple[float, float] | None:
    """(distance of its lane from its date, the column's new first lane) when
    `item` may join the column `cur`; None when it must not."""
    if cur.height + gap + item.h > height:
        return None
    k = len(cur.members) + 1
    lane0 = _lane0(cur.floor, cur.sum_x + item.x, k, max(cur.width, item.w), lane_gap, lean, x_max)
    # Only a date near the column joins it; a later one opens the next.
    if lane0 is None or item.x > cur.right(lane_gap) + reach:
        return None
    drift = abs(lane0 + (k - 1) * lane_gap - item.x)
    return (drift, lane0) if drift <= max_drift else None


def _slots(
    cols: list[list[_Column]], items: Sequence[Item], gap: float, lane_gap: float
) -> list[Slot | None]:
    """Each item's slot in its column (None: left out)."""
    out: list[Slot | None] = [None] * len(items)
    for side in (ABOVE, BELOW):
        for col in cols[side]:
            left = col.left(lane_gap)
            y = 0.0
            # The latest date nearest the axis, its lane next to the column.
            for j in range(len(col.members) - 1, -1, -1):
                i = col.members[j]
                out[i] = Slot(side, y, left, col.lane0 + j * lane_gap, jog=True)
                y += items[i].h + gap
    return out
