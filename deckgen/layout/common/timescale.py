"""A proportional time axis with compressed gaps (scale breaks) and ticks.

Time is a float in years (`Date.ordinal`: 1969-07-20 -> 1969.55). The axis is
piecewise linear: every stretch of time that holds events keeps one common
rate (points per year), so distances between events stay comparable; an
empty stretch longer than a threshold is *compressed* to a fixed width and
drawn with a break mark, so that one event decades away does not squeeze
everything else into a heap.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from deckgen.layout.common.dates import tick_label
from deckgen.outline.model import Date

__all__ = [
    "Segment",
    "Tick",
    "TimeScale",
    "build_scale",
    "end_ordinal",
    "ordinal",
    "ticks",
]


def ordinal(day: _dt.date) -> float:
    """A calendar day as years on a continuous axis."""
    days = 366 if calendar.isleap(day.year) else 365  # no date(year + 1): 9999 is valid
    return day.year + (day.timetuple().tm_yday - 1) / days


def end_ordinal(date: Date) -> float:
    """The end of the last day a date of any precision covers ('1975' -> 1976.0)."""
    last = date.last_day
    return ordinal(last) + 1 / 366


@dataclass(frozen=True)
class Segment:
    t0: float
    t1: float
    x0: float
    x1: float
    compressed: bool = False  # an empty stretch drawn narrower, with a break mark

    def to_x(self, t: float) -> float:
        if self.t1 == self.t0:
            return self.x0
        return self.x0 + (t - self.t0) * (self.x1 - self.x0) / (self.t1 - self.t0)


@dataclass(frozen=True)
class TimeScale:
    segments: tuple[Segment, ...]

    @property
    def t0(self) -> float:
        return self.segments[0].t0

    @property
    def t1(self) -> float:
        return self.segments[-1].t1

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def breaks(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.compressed)

    @property
    def rate(self) -> float:
        """Points per year in the proportional (uncompressed) stretches."""
        for s in self.segments:
            if not s.compressed and s.t1 > s.t0:
                return (s.x1 - s.x0) / (s.t1 - s.t0)
        return 0.0

    def to_x(self, t: float) -> float:
        t = min(max(t, self.t0), self.t1)
        i = bisect_right([s.t0 for s in self.segments], t) - 1
        return self.segments[max(i, 0)].to_x(t)


def build_scale(
    points: Sequence[float],
    x0: float,
    x1: float,
    *,
    gap_threshold: float | None,
    break_width: float,
    max_breaks: int = 6,
    balance: float = 0.0,
    spans: Sequence[tuple[float, float]] = (),
    min_span: float = 1 / 12,
    extent: tuple[float, float] | None = None,
    min_gap: float = 0.0,
) -> TimeScale:
    """A scale placing `points` (event times, sorted or not) between x0 and x1.

    `gap_threshold`: an empty stretch between consecutive points longer than
    this fraction of the whole span is compressed to `break_width` points
    (None: never compress). The ends get a small margin of time so that the
    first and last events do not sit on the very end of the axis.

    `balance` (0..1): between breaks the stretches share the width in
    proportion to their time (0) or partly to the number of events they hold
    (e.g. 0.5: half and half), so a crowded decade gets more room than a
    quiet one. Each stretch stays proportional in itself, and every change
    of rate happens at a break mark, where the axis visibly restarts.

    `spans`: (start, end) stretches that events cover (their bars); never
    compressed. `min_span`: the least time the axis shows (a single date of
    year precision should not get an axis of days).

    `extent`: (start, end) the axis must show besides the points (a slide
    shows the whole of its events' spans); None: the points alone decide.
    `min_gap`: the least time (years) a compressed stretch leaves out.

    `max_breaks`: the most breaks (the longest gaps win), so the axis reads
    as one time scale with a few marked cuts, not as pieces.
    """
    pts = sorted(set(points))
    lo, hi = pts[0], pts[-1]
    if extent is not None:
        lo, hi = min(lo, extent[0]), max(hi, extent[1])
    span = max(hi - lo, 1e-9)
    gaps = _gaps(pts, spans, span, gap_threshold, min_gap, max_breaks)
    # A margin of time at both ends, from the time actually drawn to scale,
    # so the first and last events do not sit on the very ends of the axis;
    # and at least `min_span` around a single date.
    kept_span = span - sum(b - a for a, b in gaps)
    pad = max((min_span - span) / 2, min_span / 2) if span < min_span else kept_span * 0.02
    lo, hi = lo - pad, hi + pad
    total = hi - lo
    width = x1 - x0

    # Keep a margin of ordinary scale on both sides of each break, so the
    # events beside a break are not drawn on the break mark itself.
    def layout(gs):
        kept = total - sum(b - a for a, b in gs)
        free = width - break_width * len(gs)
        return free / kept if kept > 0 else 0.0

    # Only compress what gains space: a gap drawn to scale must be wider than
    # the break replacing it, else it is left as it is.
    while gaps:
        rate = layout(gaps)
        keep = [(a, b) for a, b in gaps if (b - a) * rate > 2 * break_width]
        if keep == gaps:
            break
        gaps = keep
    rate = layout(gaps)
    if not gaps or rate <= 0:
        return TimeScale((Segment(lo, hi, x0, x1),))

    margin = min(break_width / rate, min(b - a for a, b in gaps) / 4) if rate else 0.0
    segments: list[Segment] = []
    t, x = lo, x0
    for a, b in gaps:
        a2, b2 = a + margin, b - margin
        x_a = x + (a2 - t) * rate
        segments.append(Segment(t, a2, x, x_a))
        # The break keeps its width; the margins come back out of the kept span.
        segments.append(Segment(a2, b2, x_a, x_a + break_width, compressed=True))
        t, x = b2, x_a + break_width
    segments.append(Segment(t, hi, x, x1))
    # Margins moved time from the gaps into the proportional stretches:
    # rescale those so the axis ends exactly at x1.
    return _normalise(segments, x0, x1, break_width, points if balance > 0 else (), balance)


def _gaps(
    pts: Sequence[float],
    spans: Sequence[tuple[float, float]],
    span: float,
    gap_threshold: float | None,
    min_gap: float,
    max_breaks: int,
) -> list[tuple[float, float]]:
    """The empty stretches worth compressing: the `max_breaks` longest, in
    time order."""
    # Occupied time: the dates, and every span from start to end.
    occupied = sorted([(p, p) for p in pts] + [(a, b) for a, b in spans if b > a])
    merged: list[list[float]] = []
    for a, b in occupied:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    if gap_threshold is None or len(merged) < 2:
        return []
    gaps = [
        (a, b)
        for (_, a), (b, _) in zip(merged, merged[1:], strict=False)
        if b - a > gap_threshold * span and b - a > min_gap
    ]
    # The longest gaps gain the most; keep them in time order.
    return sorted(sorted(gaps, key=lambda g: g[0] - g[1])[:max_breaks])


def _normalise(
    segments: list[Segment],
    x0: float,
    x1: float,
    break_width: float,
    points: Sequence[float] = (),
    balance: float = 0.0,
) -> TimeScale:
    kept = sum(s.t1 - s.t0 for s in segments if not s.compressed)
    n_breaks = sum(1 for s in segments if s.compressed)
    free = x1 - x0 - n_breaks * break_width
    counts = [0] * len(segments)
    if points and balance > 0:
        starts = [s.t0 for s in segments]
        for t in points:
            counts[max(0, bisect_right(starts, t) - 1)] += 1
    n = sum(counts)
    out = []
    x = x0
    for i, s in enumerate(segments):
        if s.compressed:
            w = break_width
        else:
            share = (s.t1 - s.t0) / kept
            if n:
                share = (1 - balance) * share + balance * counts[i] / n
            w = share * free
        out.append(Segment(s.t0, s.t1, x, x + w, s.compressed))
        x += w
    return TimeScale(tuple(out))


# ---------------------------------------------------------------- ticks


@dataclass(frozen=True)
class Tick:
    t: float
    x: float
    label: str | None  # None: a minor tick, unlabelled
    kind: str = "year"  # the step's unit: 'year', 'month', 'week' or 'day'


# Steps in years, with how a labelled tick reads.
_STEPS: tuple[tuple[float, str], ...] = (
    (1 / 365.25, "day"),
    (7 / 365.25, "week"),
    (1 / 12, "month"),
    (3 / 12, "month"),
    (6 / 12, "month"),
    (1, "year"),
    (2, "year"),
    (5, "year"),
    (10, "year"),
    (20, "year"),
    (25, "year"),
    (50, "year"),
    (100, "year"),
    (200, "year"),
    (250, "year"),
    (500, "year"),
    (1000, "year"),
)


def _tick_days(t0: float, t1: float, step: float, kind: str) -> Iterator[_dt.date]:
    """Calendar days at a round `step` between t0 and t1."""
    if kind == "year":
        return _year_days(t0, t1, round(step))
    if kind == "month":
        return _month_days(t0, t1, round(step * 12))
    return _days(t0, t1, max(1, round(step * 365.25)))


def _year_days(t0: float, t1: float, n: int) -> Iterator[_dt.date]:
    y = math.ceil(t0 / n) * n if t0 > 0 else -((-math.ceil(t0)) // n) * n
    while y <= t1:
        if y >= t0 and 1 <= y <= 9999:
            yield _dt.date(y, 1, 1)
        y += n


def _month_days(t0: float, t1: float, months: int) -> Iterator[_dt.date]:
    y, m = math.floor(t0), 1
    while y + (m - 1) / 12 <= t1 + 1:
        if (m - 1) % months == 0 and 1 <= y <= 9999:
            d = _dt.date(y, m, 1)
            if t0 <= ordinal(d) <= t1:
                yield d
        m += 1
        if m > 12:
            y, m = y + 1, 1


def _days(t0: float, t1: float, days: int) -> Iterator[_dt.date]:
    """Every day (`days` 1), or every Monday, between t0 and t1."""
    d = _dt.date(max(1, math.floor(t0)), 1, 1)
    end = _dt.date(min(9999, math.floor(t1)), 12, 31)
    while d <= end:
        o = ordinal(d)
        if o > t1:
            break
        if o >= t0 and (days == 1 or d.weekday() == 0):
            yield d
        if d == _dt.date.max:  # 9999-12-31: no day after it
            break
        d += _dt.timedelta(days=1)


def _step_for(rate: float, label_width, min_gap: float, min_step: float = 0.0):
    sample = {"day": "28 Sep", "week": "28 Sep", "month": "Sep 2000", "year": "2000"}
    chosen = _STEPS[-1]
    for step, kind in _STEPS:
        if step >= min_step and step * rate >= label_width(sample[kind]) + min_gap:
            chosen = (step, kind)
            break
    step, _ = chosen
    idx = _STEPS.index(chosen)
    minor = None
    for s, k in reversed(_STEPS[:idx]):
        if s * rate >= 6 and step / s == round(step / s):
            minor = (s, k)
            break
    return chosen, minor


def ticks(
    scale: TimeScale,
    label_width: Callable[[str], float],
    min_gap: float,
    language: str = "en",
    min_step: float = 0.0,
) -> list[Tick]:
    """Labelled ticks at the finest round step whose labels do not collide,
    plus minor ticks at a finer step; none inside a compressed stretch. Each
    stretch between breaks chooses its own step (it may have its own rate).
    `min_step` (years): no labelled step finer (1: the years only)."""
    out: list[Tick] = []
    for seg in scale.segments:
        if seg.compressed or seg.t1 <= seg.t0:
            continue
        rate = (seg.x1 - seg.x0) / (seg.t1 - seg.t0)
        if rate <= 0:
            continue
        (step, kind), minor = _step_for(rate, label_width, min_gap, min_step)
        labelled = set()
        year = None
        for day in _tick_days(seg.t0, seg.t1, step, kind):
            o = ordinal(day)
            labelled.add(day)
            # The first tick of a stretch, and of each new year, says the year.
            with_year = kind in ("day", "week", "month") and day.year != year
            label = tick_label(day, kind, language, with_year=with_year)
            year = day.year
            out.append(Tick(o, seg.to_x(o), label, kind))
        if minor:
            for day in _tick_days(seg.t0, seg.t1, *minor):
                if day not in labelled:
                    o = ordinal(day)
                    out.append(Tick(o, seg.to_x(o), None, minor[1]))
    out.sort(key=lambda k: (k.x, k.label is None))
    return _unclashed(out, label_width, min_gap)


def _unclashed(out: list[Tick], label_width: Callable[[str], float], min_gap: float) -> list[Tick]:
    """Labels centred on ticks beside a break may still touch the next
    segment's first label: the later one loses its label (its tick stays)."""
    kept: list[Tick] = []
    last_right = -math.inf
    for tk in out:
        if tk.label is None:
            kept.append(tk)
            continue
        w = label_width(tk.label)
        if tk.x - w / 2 < last_right + min_gap:
            kept.append(Tick(tk.t, tk.x, None, tk.kind))
            continue
        kept.append(tk)
        last_right = tk.x + w / 2
    return kept
