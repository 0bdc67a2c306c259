"""Balanced stacks of cards on both sides of the axis, for the densest timelines.

`columns.place_columns` builds columns greedily from the left and each new
column stands right of the last: a dense start fills one side and pushes
the rest out of reach. Here the events, in date order, are cut into runs
(each as many cards as a side's depth holds, or fewer when the next date is
far), the runs alternate above and below the axis, and each side's stacks
are then placed all at once: each as near the mean of its dates as the
stacks beside it allow, the overlaps shared out evenly (isotonic
regression, pool-adjacent-violators: the least squared shift from the
wished places, in linear time).

A stack's leaders are lanes in a gutter left of its cards (as in `columns`):
the earliest card stands furthest out and has the leftmost lane, so lanes
never cross a card or each other, and per side lanes increase with the
dates, so the leaders across the band beside the axis never cross either.
A card whose lane would stand further than `max_drift` from its date is
left out of its stack (None), and the stack closes up.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from deckgen.layout.poster.placement import ABOVE, BELOW, Item, Slot

__all__ = ["place_stacks"]


@dataclass
class _Stack:
    side: int
    members: list[int] = field(default_factory=list)
    height: float = 0.0
    first_x: float = 0.0
    mirror: bool = False  # cards left of their lanes (the right half of the axis)
    left: float = 0.0  # where it stands (its first lane, or a mirrored one's cards)

    def span(self, items: Sequence[Item], lane_gap: float) -> float:
        """Its lanes and its widest card."""
        return len(self.members) * lane_gap + max(items[i].w for i in self.members)

    def wish(self, items: Sequence[Item], lane_gap: float, lean: float) -> float:
        """The first lane's x that centres its lanes on the mean of its dates,
        moved left by `lean` of its widest card (0: the cards stand right of
        their dates; 0.5: centred on them)."""
        mean = sum(items[i].x for i in self.members) / len(self.members)
        lanes = len(self.members) * lane_gap
        w = max(items[i].w for i in self.members)
        if self.mirror:
            return mean - lanes / 2 - (1 - lean) * w
        return mean - lanes / 2 - lean * w

    def lanes(self, left: float, k: int, w: float, lane_gap: float) -> list[float]:
        """The x of each of k lanes (in date order) of the stack at `left`."""
        if self.mirror:
            return [left + w + (j + 1) * lane_gap for j in range(k)]
        return [left + j * lane_gap for j in range(k)]


def _runs(
    items: Sequence[Item], height: float, gap: float, reach: float, spare: int
) -> list[_Stack]:
    """Events in date order cut into stacks: a stack takes the next card
    while the side's depth holds it with room for `spare` more cards of the
    same height, and its date is within `reach` of the stack's first;
    stacks alternate sides."""
    stacks: list[_Stack] = []
    for i, it in enumerate(items):
        cur = stacks[-1] if stacks else None
        if (
            cur is not None
            and cur.height + (gap + it.h) * (1 + spare) <= height
            and it.x - cur.first_x <= reach
        ):
            cur.members.append(i)
            cur.height += gap + it.h
            continue
        if it.h > height:
            continue
        side = ABOVE if cur is None or cur.side == BELOW else BELOW
        stacks.append(_Stack(side, [i], it.h, it.x))
    return stacks


def _isotonic(values: list[float]) -> list[float]:
    """The non-decreasing sequence nearest `values` (least squares): pool
    adjacent violators."""
    blocks: list[list[float]] = []  # [sum, count]
    for v in values:
        blocks.append([v, 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, c = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += c
    out: list[float] = []
    for s, c in blocks:
        out.extend([s / c] * int(c))
    return out


def _positions(
    stacks: list[_Stack],
    items: Sequence[Item],
    x_min: float,
    x_max: float,
    gap: float,
    lane_gap: float,
    lean: float,
) -> list[float] | None:
    """Each stack's left edge on one side: in order, `gap` apart, inside
    [x_min, x_max], as near their wishes as that allows; None when they do
    not all fit the width."""
    spans = [s.span(items, lane_gap) for s in stacks]
    offsets = []
    acc = 0.0
    for sp in spans:
        offsets.append(acc)
        acc += sp + gap
    if acc - gap > x_max - x_min + 1e-6:
        return None
    # left_j = y_j + offset_j with y non-decreasing keeps every stack clear
    # of the one before; the first within x_min, the last within x_max.
    ys = _isotonic(
        [s.wish(items, lane_gap, lean) - o for s, o in zip(stacks, offsets, strict=True)]
    )
    lo, hi = x_min, x_max - spans[-1] - offsets[-1]
    return [min(max(y, lo), hi) + o for y, o in zip(ys, offsets, strict=True)]


def place_stacks(
    items: Sequence[Item],
    x_min: float,
    x_max: float,
    height: float,
    *,
    gap: float,
    lane_gap: float,
    reach: float,
    spare: int = 0,
    lean: float = 0.0,
    max_drift: float = float("inf"),
) -> list[Slot | None]:
    """Place `items` (sorted by x) in stacks alternating above and below,
    each side `height` deep. `reach`: how far after a stack's first date a
    date may still join it; `spare`: cards of room each stack keeps (more,
    lower stacks, each nearer its dates); `lean`: how far the cards stand over their
    dates, in card widths (0: the lanes centred on the dates, the cards
    beside them). Slots have `jog=True`: their `anchor` is the lane."""
    stacks = _runs(items, height, gap, reach, spare)
    middle = (x_min + x_max) / 2
    for s in stacks:
        s.mirror = sum(items[i].x for i in s.members) / len(s.members) > middle
    placed: list[_Stack] = []
    dropped: list[int] = []
    for side in (ABOVE, BELOW):
        mine = [s for s in stacks if s.side == side]
        lefts = _positions(mine, items, x_min, x_max, gap, lane_gap, lean) if mine else None
        if lefts is None:
            # Too many stacks for the width: this side stays empty (the
            # caller keeps another placement, or an even choice of events).
            dropped.extend(i for s in mine for i in s.members)
            continue
        for stack, left in zip(mine, lefts, strict=True):
            stack.left = left
        # Each stack then moves, within the room its neighbours leave, to
        # where its lanes stand nearest their dates (the least worst drift).
        lo = x_min
        for n, stack in enumerate(mine):
            hi = mine[n + 1].left - gap if n + 1 < len(mine) else x_max
            dropped.extend(_fit(stack, items, lane_gap, max_drift, lo, hi))
            if stack.members:
                placed.append(stack)
                lo = stack.left + stack.span(items, lane_gap) + gap
    placed.sort(key=lambda s: s.left)
    if len(dropped) * 8 <= len(items):  # a few left out: worth a second look
        for i in sorted(dropped):
            _rejoin(i, placed, items, x_min, x_max, height, gap, lane_gap, max_drift)
    out: list[Slot | None] = [None] * len(items)
    for stack in placed:
        _slots(stack, items, gap, lane_gap, out)
    return out


def _best_left(
    stack: _Stack, members: list[int], items: Sequence[Item], lane_gap: float, lo: float, hi: float
) -> float:
    """The left edge in [lo, hi - span] where the stack's worst lane-to-date
    distance is least (midway between its extremes); its own left edge when
    there is no room to move."""
    w = max(items[i].w for i in members)
    span = len(members) * lane_gap + w
    offsets = [a - stack.left for a in stack.lanes(stack.left, len(members), w, lane_gap)]
    wants = [items[i].x - c for i, c in zip(members, offsets, strict=True)]
    ideal = (min(wants) + max(wants)) / 2
    if hi - span < lo:
        return stack.left
    return min(max(ideal, lo), hi - span)


def _fit(
    stack: _Stack, items: Sequence[Item], lane_gap: float, max_drift: float, lo: float, hi: float
) -> list[int]:
    """Move the stack within [lo, hi] to where its lanes stand nearest their
    dates, then drop the card whose lane is furthest beyond `max_drift`
    from its date, and again, until none is. Returns the dropped."""
    dropped = []
    while stack.members:
        members = stack.members
        stack.left = _best_left(stack, members, items, lane_gap, lo, hi)
        w = max(items[i].w for i in members)
        lanes = stack.lanes(stack.left, len(members), w, lane_gap)
        far = [j for j, i in enumerate(members) if abs(lanes[j] - items[i].x) > max_drift + 1e-9]
        if not far:
            break
        j = max(far, key=lambda j: abs(lanes[j] - items[members[j]].x))
        dropped.append(members.pop(j))
    return dropped


def _height(members: list[int], items: Sequence[Item], gap: float) -> float:
    return sum(items[i].h for i in members) + gap * max(0, len(members) - 1)


def _rejoin(
    i: int,
    placed: list[_Stack],
    items: Sequence[Item],
    x_min: float,
    x_max: float,
    height: float,
    gap: float,
    lane_gap: float,
    max_drift: float,
) -> None:
    """A card left out of its stack joins another with room (either side),
    where its date keeps the lanes of that side in date order and every
    lane stays near its date; the nearest such lane wins."""
    best: tuple[float, _Stack, list[int], float] | None = None
    for side in (ABOVE, BELOW):
        mine = [s for s in placed if s.side == side]  # left to right: date order
        firsts = [s.members[0] for s in mine]
        at = bisect_right(firsts, i)
        # The stack before i's date and the one after: the only ones it may
        # join without its leader crossing another.
        for n in (at - 1, at):
            if not 0 <= n < len(mine):
                continue
            stack = mine[n]
            if (n > 0 and mine[n - 1].members[-1] > i) or (
                n + 1 < len(mine) and mine[n + 1].members[0] < i
            ):
                continue
            members = sorted([*stack.members, i])
            if _height(members, items, gap) > height:
                continue
            # One lane more: the stack may move within the room it has.
            lo = mine[n - 1].left + mine[n - 1].span(items, lane_gap) + gap if n else x_min
            hi = mine[n + 1].left - gap if n + 1 < len(mine) else x_max
            w = max(items[j].w for j in members)
            left = _best_left(stack, members, items, lane_gap, lo, hi)
            if left + len(members) * lane_gap + w > hi + 1e-9 or left < lo - 1e-9:
                continue
            lanes = stack.lanes(left, len(members), w, lane_gap)
            if any(
                abs(a - items[j].x) > max_drift + 1e-9 for a, j in zip(lanes, members, strict=True)
            ):
                continue
            d = abs(lanes[members.index(i)] - items[i].x)
            if best is None or d < best[0]:
                best = (d, stack, members, left)
    if best is not None:
        best[1].members, best[1].left = best[2], best[3]


def _slots(
    stack: _Stack, items: Sequence[Item], gap: float, lane_gap: float, out: list[Slot | None]
) -> None:
    """The slots of one stack. Lanes increase with the dates; the card whose
    lane is next to the cards stands nearest the axis (the latest date in a
    stack left of its cards, the earliest in a mirrored one), so a jog never
    crosses a lane."""
    members = stack.members
    w = max(items[i].w for i in members)
    lanes = stack.lanes(stack.left, len(members), w, lane_gap)
    card_left = stack.left if stack.mirror else stack.left + len(members) * lane_gap
    order = range(len(members)) if stack.mirror else range(len(members) - 1, -1, -1)
    y = 0.0
    for j in order:
        i = members[j]
        # A mirrored stack's cards share its widest card's right edge.
        x = card_left + (w - items[i].w if stack.mirror else 0.0)
        out[i] = Slot(stack.side, y, x, lanes[j], jog=True)
        y += items[i].h + gap
