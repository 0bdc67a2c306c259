"""Fitting the poster's timeline: which axis, which placement, which cards.

For one axis row, `fit_row` tries scales from nearly proportional to more
compressed and, on each, the placements in turn (staircases beside the
dates, `placement.place`; then tidy columns, `columns.place_columns`; then
balanced stacks on both sides, `stacks.place_stacks`),
keeping the first that places every card. When none does, `_spread` keeps
cards chosen evenly over the axis by priority instead of filling the first
decades and dropping the rest. `split` cuts the story into rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from deckgen.layout.common.timescale import TimeScale, build_scale
from deckgen.layout.poster import placement
from deckgen.layout.poster.columns import place_columns
from deckgen.layout.poster.stacks import place_stacks

# The poster's strength is a true time scale: one rate along the whole axis,
# cut only where a long stretch holds no event, and only when the cards do
# not all fit without the cut. Tried in turn: no break (None); then every
# empty stretch longer than a quarter of the span compressed to a break mark
# (one event decades away must not squeeze the rest); then an eighth. Never
# shorter ones, and at most `MAX_BREAKS`, the longest.
GAP_THRESHOLDS: tuple[float | None, ...] = (None, 0.25, 0.12)
# Cards given their description (`timeline._mixed`) are worth neither a
# crowded axis nor a cut over a shorter pause: only these are tried for them.
RICH_GAP_THRESHOLDS: tuple[float | None, ...] = (None, 0.25)
# Placement settings tried in turn when cards do not all fit: (how far right
# of its date a card may stand, in card widths; cost of a point further out
# from the axis, in points of shift). The greedy sweep cannot look ahead, so
# a second opinion often places the last few cards.
STRATEGIES: tuple[tuple[float, float], ...] = ((2.0, 0.35), (2.6, 0.15), (1.4, 0.8), (3.0, 0.05))
# Share of axis width given by event count, not time (see `build_scale`): 0,
# every stretch between breaks keeps the one rate (a rate changing at a
# break reads as a broken axis, each piece with its own scale).
BALANCES = (0.0,)
# Only when no true scale places every card (a dense timeline) is an event
# worth more than the scale: then more and shorter gaps are cut (up to
# `CROWDED_BREAKS`) and the stretches between them share the width partly by
# their events (a magnified crowded decade), before any card is left out.
CROWDED_THRESHOLDS: tuple[float | None, ...] = (0.25, 0.08, 0.04, 0.02)
CROWDED_BALANCES = (0.6, 0.85)
CROWDED_BREAKS = 6
MAX_DRIFT_SHARE = 0.08  # of the axis: how far a card's stem may stand from its date
MAX_BREAKS = 2  # more scale breaks than this read as a broken axis, not a timeline
# Columns (see `columns`): (lean, reach in card widths) tried in turn, and
# how far from its date a lane may stand, in card widths.
COLUMN_TRIES = ((0.5, 0.0), (0.5, 1.0), (0.3, 1.0), (0.5, 2.0))
COLUMN_DRIFT = 8
# Balanced stacks (see `stacks`), tried in turn: (how far after a stack's
# first date a date may join it, in multiples of the drift bound; cards of
# room each keeps).
STACK_TRIES = ((99.0, 0), (1.8, 0), (1.4, 0), (99.0, 1))
STACK_LANES = 7 / 9  # a stack's lanes stand a little closer than a column's
USE_COLUMNS = True
SPREAD_TRIES = 7  # rounds of choosing cards evenly over time when not all fit
SPREAD_MIN_SHARE = 0.7  # an even spread may hold fewer cards than the sweep


@dataclass
class Geometry:
    """Sizes shared by every axis row, in points."""

    era_size: float
    era_strip: float
    axis_h: float
    band: float
    span_h: float
    gap: float
    stem_inset: float
    break_w: float
    row_gap: float
    lane_gap: float


@dataclass
class Row:
    """One axis with its cards: the events `idx` (indexes into the timeline)."""

    idx: list[int]
    top: float  # the row's region, era names included
    bottom: float
    scale: TimeScale | None = None  # set by fit_row
    xs: list[float] = field(default_factory=list)  # per idx
    slots: list = field(default_factory=list)  # per idx
    missing: list[int] = field(default_factory=list)  # timeline indexes
    events: list = field(default_factory=list)  # per idx


def split(starts: list[float], n_rows: int) -> list[list[int]]:
    """Events in date order cut into `n_rows` runs of about equal count, each
    cut at the widest pause in time near its share (same-day events stay
    together), so each axis covers one stretch of the story."""
    n = len(starts)
    cuts = [0]
    for r in range(1, n_rows):
        share = n * r / n_rows
        lo, hi = max(cuts[-1] + 1, int(share - n * 0.1)), min(n - 1, int(share + n * 0.1) + 1)
        best = None
        for b in range(lo, hi + 1):
            if b <= cuts[-1] or b >= n or starts[b] <= starts[b - 1]:
                continue
            # The widest pause, slightly favouring the middle.
            score = (starts[b] - starts[b - 1]) / (1 + abs(b - share) / n * 4)
            if best is None or score > best[0]:
                best = (score, b)
        if best is None:
            return []
        cuts.append(best[1])
    cuts.append(n)
    return [list(range(a, b)) for a, b in zip(cuts, cuts[1:], strict=False)]


def _methods(big: bool):
    """The placements tried, in order: staircases first (cards beside their
    dates), then columns (tidier when dense)."""
    sweeps = STRATEGIES[:2] if big else STRATEGIES
    return (
        [("sweep", p) for p in sweeps]
        + ([("columns", p) for p in COLUMN_TRIES] if USE_COLUMNS else [])
        + [("stacks", p) for p in STACK_TRIES]
    )


def _place(method, params, items, geo, frame, side_h, k, w):
    # No card stands further from its date than this (a reader finds the card
    # near the date, and the date near the card).
    bound = MAX_DRIFT_SHARE * (frame.right - frame.left)
    if method == "sweep":
        shift, height_cost = params
        return placement.place(
            items,
            frame.left,
            frame.right,
            side_h,
            gap=geo.gap,
            stem_inset=geo.stem_inset,
            stem_gap=6 * k,
            max_shift=min(w * shift, bound),
            height_cost=height_cost,
        )
    if method == "stacks":
        return place_stacks(
            items,
            frame.left,
            frame.right,
            side_h,
            gap=geo.gap,
            lane_gap=geo.lane_gap * STACK_LANES,
            reach=bound * params[0],
            spare=params[1],
            max_drift=bound,
        )
    lean, reach = params
    return place_columns(
        items,
        frame.left,
        frame.right,
        side_h,
        gap=geo.gap,
        lane_gap=geo.lane_gap,
        lean=lean,
        reach=w * reach,
        max_drift=min(w * COLUMN_DRIFT, bound),
    )


def fit_row(
    row,
    starts,
    points_of,
    span_times_of,
    texts,
    level,
    geo,
    frame,
    side_h,
    k,
    big,
    last,
    min_span,
    true_only=False,
):
    """The best axis and placement for one row: the first try that places
    every card, else the one that places the most (`spread_row` may then
    prefer cards chosen evenly over the axis). `true_only`: only true time
    scales cut at the longest pauses (`RICH_GAP_THRESHOLDS`) are tried."""
    w = level.width * k
    x_min, x_max = frame.left, frame.right
    best = None
    scales = _scales(last and big)
    if true_only:
        scales = [(t, 0.0, MAX_BREAKS) for t in RICH_GAP_THRESHOLDS]
    for thr, balance, breaks in scales:
        # Dates run from half a card inside the left edge to half a card
        # before the right one, so end cards stand beside their dates.
        scale = build_scale(
            points_of(row.idx),
            x_min + w * 0.5,
            x_max - geo.stem_inset - w * 0.5,
            gap_threshold=thr,
            break_width=geo.break_w,
            max_breaks=breaks,
            balance=balance,
            spans=span_times_of(row.idx),
            min_span=min_span,
        )
        xs = [scale.to_x(starts[i]) for i in row.idx]
        items = [
            placement.Item(x, texts[i].width, texts[i].height)
            for x, i in zip(xs, row.idx, strict=True)
        ]
        for method, params in _methods(big):
            slots = _place(method, params, items, geo, frame, side_h, k, w)
            missing = [i for i, s in zip(row.idx, slots, strict=True) if s is None]
            if best is None or len(missing) < len(best[3]):
                best = (scale, xs, slots, missing)
            if not missing:
                return best
    return best


def _scales(few: bool) -> list[tuple[float | None, float, int]]:
    """(gap threshold, balance, most breaks) of the axes tried in turn: true
    time scales first, then the crowded ones; `few`: the last of each."""
    true = [(t, b, MAX_BREAKS) for b in BALANCES for t in GAP_THRESHOLDS]
    crowded = [(t, b, CROWDED_BREAKS) for b in CROWDED_BALANCES for t in CROWDED_THRESHOLDS]
    return [true[-1], crowded[-1]] if few else true + crowded


def true_scale(scale: TimeScale) -> bool:
    """Whether an axis is a true time scale: one rate along it, at most
    `MAX_BREAKS` breaks (not a crowded one, see `_scales`)."""
    rates = {
        round((s.x1 - s.x0) / (s.t1 - s.t0), 6)
        for s in scale.segments
        if not s.compressed and s.t1 > s.t0
    }
    return len(rates) <= 1 and len(scale.breaks) <= MAX_BREAKS


def _priority(ev) -> int:
    """Which events a crowded poster keeps first: those the talk points at
    (a section), then those in a group, then those with a story."""
    return 4 * (ev.section is not None) + 2 * (ev.group is not None) + (ev.text is not None)


def _evenly(xs: list[float], prios: list[int], m: int) -> list[int]:
    """Up to m positions, one from each of m equal stretches of the axis (so
    the kept cards cover the whole span, not just its crowded start): the
    event of highest priority in its stretch, ties to the stretch's middle."""
    x0, x1 = xs[0], xs[-1]
    step = max(x1 - x0, 1e-9) / m
    out = []
    p = 0
    n = len(xs)
    for j in range(m):
        hi = x0 + (j + 1) * step
        a = p
        while p < n and (xs[p] < hi or j == m - 1):
            p += 1
        if p > a:
            mid = hi - step / 2
            out.append(max(range(a, p), key=lambda q: (prios[q], -abs(xs[q] - mid), -q)))
    return out


def _widest_gap(xs: list[float], slots) -> float:
    """The longest stretch of the axis without a card's date."""
    placed = [x for x, s in zip(xs, slots, strict=True) if s is not None]
    if not placed:
        return xs[-1] - xs[0]
    edges = [xs[0], *placed, xs[-1]]
    return max(b - a for a, b in zip(edges, edges[1:], strict=False))


def spread_row(row, texts, level, geo, frame, side_h, k, big) -> None:
    """The chosen placement of a row that leaves cards out, replaced by an
    even choice over the axis when that reads better (see `_spread`)."""
    if not row.missing:
        return
    best = (row.scale, row.xs, row.slots, row.missing)
    w = level.width * k
    _, _, row.slots, row.missing = _spread(best, row, texts, geo, frame, side_h, k, w, big)


def _best_method(sub, sub_xs, bin_w, big, geo, frame, side_h, k, w):
    """(cards placed, slots) of the placement method that serves the kept
    cards `sub` best: the first to place them all, else the best score."""
    top = None
    for method, params in _methods(big):
        got = _place(method, params, sub, geo, frame, side_h, k, w)
        count = sum(s is not None for s in got)
        # A card fewer is worth it when it closes a hole of a few stretches.
        score = count - 0.5 * _widest_gap(sub_xs, got) / bin_w
        if top is None or score > top[0]:
            top = (score, count, got)
        if count == len(sub):
            break
    assert top is not None  # _methods() yields at least one method
    return top[1], top[2]


def _spread(best, row, texts, geo, frame, side_h, k, w, big):
    """When not every card fits, the sweep fills the page in date order and
    the last decades get nothing. Instead keep about as many cards, chosen
    evenly over time by priority (`_evenly`), and place only those; the
    others' dates stay marked on the axis."""
    scale, xs, _slots, missing = best
    n = len(row.idx)
    placed = n - len(missing)
    if placed == 0:
        return best
    events = row.events
    prios = [_priority(ev) for ev in events]
    items = [
        placement.Item(x, texts[i].width, texts[i].height) for x, i in zip(xs, row.idx, strict=True)
    ]
    chosen_best = None
    span = max(xs[-1] - xs[0], 1e-9)
    m = placed
    tried = set()
    for _ in range(SPREAD_TRIES):
        if m in tried or m < 1 or m > 4 * n:
            break
        tried.add(m)
        keep = _evenly(xs, prios, m)
        if not keep:
            break
        sub = [items[j] for j in keep]
        sub_xs = [xs[j] for j in keep]
        bin_w = max(xs[-1] - xs[0], 1e-9) / m
        count, got = _best_method(sub, sub_xs, bin_w, big, geo, frame, side_h, k, w)
        slots = [None] * n
        for j, s in zip(keep, got, strict=True):
            slots[j] = s
        # Many cards, but no long stretch of the story without one.
        score = count - 0.5 * _widest_gap(xs, slots) / (span / max(count, 1))
        if chosen_best is None or score > chosen_best[0]:
            chosen_best = (score, count, slots)
        # All kept cards placed: try finer stretches; else coarser.
        m = m + max(1, m // 8) if count == len(keep) else max(1, m * count // len(keep))
    assert chosen_best is not None  # the first try (m = placed >= 1) always runs
    _, count, slots = chosen_best
    # The even choice wins when it holds as many cards, or nearly as many
    # and the sweep left a long stretch of the story without any card.
    if count < placed and (
        count < placed * SPREAD_MIN_SHARE or _widest_gap(xs, best[2]) < 1.5 * _widest_gap(xs, slots)
    ):
        return best
    return (scale, xs, slots, [i for i, s in zip(row.idx, slots, strict=True) if s is None])


def rows_geometry(frame, geo, n_rows):
    """The rows' regions and the depth each side of an axis gets for cards."""
    total = frame.plot_bottom - frame.plot_top
    row_h = (total - geo.row_gap * (n_rows - 1)) / n_rows
    tops = [frame.plot_top + r * (row_h + geo.row_gap) for r in range(n_rows)]
    side_h = (row_h - geo.era_strip - geo.axis_h) / 2 - geo.band
    return tops, row_h, side_h
