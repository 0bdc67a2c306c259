"""The handout's key dates (pure): a table of the events, each row marked with
its group's marker, and above it a compact strip of the timeline to scale.

The strip is drawn on the shared time scale (`common/timescale.py`) across
the text measure: every event's marker at its true date in its group's shape
and colour (`common/look.py`, the same as on the slides and the poster),
eras as tinted bands, year ticks, a break mark over each long empty stretch,
and a one-line legend of the groups. Markers that would touch stack upwards,
never sideways, so each still stands at its date. No event labels: the table
below carries them.

Strip coordinates are points from the strip's top-left corner, y down.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from deckgen import fonts
from deckgen.color import mix
from deckgen.fonts.face import Face
from deckgen.layout.common.look import Look
from deckgen.layout.common.timescale import TimeScale, build_scale, end_ordinal, ticks
from deckgen.layout.handout.style import Palette, TextStyle
from deckgen.outline.model import Event, Timeline

__all__ = [
    "MARK_INDENT",
    "ROW_MARK",
    "Strip",
    "StripBand",
    "StripBar",
    "StripMark",
    "StripText",
    "key_dates_strip",
]

PAPER = "#FFFFFF"
GAP_THRESHOLD = 0.2  # an empty fifth of the span is drawn as a break
BREAK_WIDTH = 14.0  # points
MARK_SIZES = (7.0, 6.0, 5.0)  # tried in turn until the stacks are low enough
MAX_LEVELS = 4  # marker rows above the axis before a smaller marker is tried
# Rows at most: beyond, markers of a very crowded moment share the top row
# rather than the strip growing taller than the table it summarises.
MAX_STACK = 8
ROW_MARK = 0.62  # a table row's marker, as a fraction of the cell's text size
MARK_INDENT = 1.8  # a row's date indented by this many marker widths (the marker before it)
# How far a drawn marker reaches from its centre, in marker widths: a diamond's
# tip (0.575) and half its outline (pdfkit.draw_marker strokes a sixth).
REACH = 0.67


@dataclass(frozen=True)
class StripMark:
    """A marker centred on (x, y)."""

    x: float
    y: float
    size: float
    shape: str
    color: str
    background: str = PAPER


@dataclass(frozen=True)
class StripBar:
    """An event's span (date to end) as a thin bar behind its marker."""

    x0: float
    x1: float
    y: float  # centre line
    height: float
    color: str


@dataclass(frozen=True)
class StripBand:
    """An era: a tinted band from x0 to x1, the height of the plot."""

    x0: float
    x1: float
    top: float
    bottom: float
    color: str


@dataclass(frozen=True)
class StripText:
    """One line of text; `x` is its left end, `baseline` its baseline."""

    x: float
    baseline: float
    text: str
    size: float
    color: str
    role: str  # 'tick', 'era' or 'legend'


@dataclass(frozen=True)
class Strip:
    width: float
    height: float
    font: str  # family of every text in the strip (the body font)
    axis_y: float
    axis: tuple[tuple[float, float], ...]  # (x0, x1) pieces of the axis line, cut at breaks
    axis_color: str
    bands: tuple[StripBand, ...]
    bars: tuple[StripBar, ...]
    marks: tuple[StripMark, ...]  # the events', in date order
    legend: tuple[StripMark, ...]  # the groups', in the look's order (texts: role 'legend')
    texts: tuple[StripText, ...]
    ticks: tuple[tuple[float, bool], ...]  # (x, labelled), down from the axis
    tick_length: float
    breaks: tuple[tuple[tuple[float, float], tuple[float, float]], ...]  # slanted strokes
    scale: TimeScale


def _min_span(timeline: Timeline) -> float:
    """The least time the axis shows: a few units of the coarsest precision."""
    if any(ev.date.month is None for ev in timeline.events):
        return 3.0
    if any(ev.date.day is None for ev in timeline.events):
        return 0.5
    return 1 / 12


def _levels(extents: Sequence[tuple[float, float]], pad: float) -> list[int]:
    """Stack levels, lowest first: an extent takes the lowest level where it
    does not touch any extent already there (`extents` in date order)."""
    ends: list[float] = []  # right end of the last extent on each level
    out = []
    for x0, x1 in extents:
        for level, end in enumerate(ends):
            if x0 >= end + pad:
                ends[level] = x1
                out.append(level)
                break
        else:
            ends.append(x1)
            out.append(len(ends) - 1)
    return out


def _stretch_years(
    scale: TimeScale,
    events: Sequence[Event],
    labels: Sequence[tuple[float, str]],
    width_of: Callable[[str], float],
    gap: float,
) -> list[tuple[float, str]]:
    """A year under the first event of each stretch between breaks that got
    no tick label (too short for a round year), where it touches no label:
    else a lone event beyond a break would stand on an axis without a year."""
    out: list[tuple[float, str]] = []
    taken = [(x - width_of(t) / 2, x + width_of(t) / 2) for x, t in labels]
    for seg in scale.segments:
        if seg.compressed or any(seg.x0 <= x <= seg.x1 for x, _ in labels):
            continue
        first = next((ev for ev in events if seg.t0 <= ev.date.ordinal <= seg.t1), None)
        if first is None:
            continue
        text = str(first.date.year)
        x = seg.to_x(first.date.ordinal)
        w = width_of(text)
        if all(x + w / 2 + gap <= a or b + gap <= x - w / 2 for a, b in taken):
            out.append((x, text))
            taken.append((x - w / 2, x + w / 2))
    return out


def _legend(
    look: Look, width: float, size: float, face: Face, muted: str
) -> tuple[list[StripMark], list[StripText], float]:
    """The groups' markers and labels left to right, on as few lines as the
    measure needs (one for any usual outline); returns them and their height."""
    marks: list[StripMark] = []
    texts: list[StripText] = []
    line_h = size * 1.45
    mark = size * 0.8
    x, line = 0.0, 0
    for st in look.legend:
        label = st.label.plain if st.label is not None else (st.id or "")
        w = mark * 2 * REACH + size * 0.4 + face.width(label, size)
        if x > 0 and x + w > width:
            x, line = 0.0, line + 1
        baseline = line * line_h + face.ascent * size
        cy = baseline - face.cap_height * size / 2
        marks.append(StripMark(x + mark * REACH, cy, mark, st.shape, st.color))
        texts.append(
            StripText(x + mark * 2 * REACH + size * 0.4, baseline, label, size, muted, "legend")
        )
        x += w + size * 1.6
    height = (line + 1) * line_h if marks else 0.0
    return marks, texts, height


@dataclass(frozen=True)
class _Type:
    """The strip's small type: one face and size for ticks, eras and legend."""

    face: Face
    size: float
    color: str

    def width(self, text: str) -> float:
        return self.face.width(text, self.size)

    @property
    def ascent(self) -> float:
        return self.face.ascent * self.size


def _stack(xs: Sequence[float], x_ends: Sequence[float]) -> tuple[float, list[int]]:
    """The largest marker size whose stacks stay low, and each event's level."""
    for mark in MARK_SIZES:
        extents = [
            (x - mark * REACH, max(xe, x + mark * REACH)) for x, xe in zip(xs, x_ends, strict=True)
        ]
        levels = _levels(extents, mark * 0.1)
        if max(levels) < MAX_LEVELS:
            break
    return mark, [min(level, MAX_STACK - 1) for level in levels]


def _era_span(era, scale: TimeScale) -> tuple[float, float] | None:
    t0, t1 = max(era.start.ordinal, scale.t0), min(end_ordinal(era.end), scale.t1)
    return (scale.to_x(t0), scale.to_x(t1)) if t1 > t0 else None


def _era_names(timeline: Timeline, scale: TimeScale, small: _Type) -> list[list[str]]:
    """Each era's name as it fits its band: one line, else two broken
    between words ('Building / the ISS'), else none."""
    out: list[list[str]] = []
    for era in timeline.eras:
        span = _era_span(era, scale)
        label = era.label.plain
        room = (span[1] - span[0]) - small.size if span else 0.0
        words = label.split()
        splits = [(" ".join(words[:k]), " ".join(words[k:])) for k in range(1, len(words))]
        two = [s for s in splits if max(small.width(s[0]), small.width(s[1])) <= room]
        if small.width(label) <= room:
            out.append([label])
        elif two:  # the most even of the splits that fit
            head, tail = min(two, key=lambda s: abs(small.width(s[0]) - small.width(s[1])))
            out.append([head, tail])
        else:
            out.append([])
    return out


def _eras(
    timeline: Timeline,
    scale: TimeScale,
    top: float,
    axis_y: float,
    palette: Palette,
    small: _Type,
    names: list[list[str]],
) -> tuple[list[StripBand], list[StripText]]:
    """Tinted bands behind the markers, each named where its name fits."""
    bands: list[StripBand] = []
    texts: list[StripText] = []
    for i, (era, lines) in enumerate(zip(timeline.eras, names, strict=True)):
        span = _era_span(era, scale)
        if span is None:
            continue
        x0, x1 = span
        base = era.color or (palette.accent if i % 2 == 0 else palette.muted)
        tint = mix(PAPER, base, 0.08 if i % 2 == 0 else 0.14)
        # A hairline of paper between eras that meet: in grey they would merge.
        bands.append(StripBand(x0 + 0.4, x1 - 0.4, top, axis_y, tint))
        for k, line in enumerate(lines):
            baseline = top + small.size * 0.3 + small.ascent + k * small.size * ERA_LEADING
            texts.append(
                StripText(x0 + small.size * 0.5, baseline, line, small.size, small.color, "era")
            )
    return bands, texts


ERA_LEADING = 1.15  # an era name's second line, in sizes below its first


def _tick_labels(
    scale: TimeScale,
    events: Sequence[Event],
    width: float,
    baseline: float,
    small: _Type,
    language: str,
) -> tuple[list[tuple[float, bool]], list[StripText]]:
    """Ticks down from the axis (x, labelled) and their labels; none in a break."""
    tick_list = ticks(scale, small.width, small.size * 1.2, language)
    labels = [(tk.x, tk.label) for tk in tick_list if tk.label is not None]
    labels += _stretch_years(scale, events, labels, small.width, small.size * 1.2)
    texts = []
    for x, label in sorted(labels):
        lw = small.width(label)
        lx = min(max(x - lw / 2, 0.0), width - lw)
        texts.append(StripText(lx, baseline, label, small.size, small.color, "tick"))
    return [(tk.x, tk.label is not None) for tk in tick_list], texts


def _axis(
    scale: TimeScale, width: float, axis_y: float
) -> tuple[list[tuple[float, float]], list[tuple[tuple[float, float], tuple[float, float]]]]:
    """The axis line cut at each break, and two slanted strokes marking each cut."""
    axis: list[tuple[float, float]] = []
    strokes: list[tuple[tuple[float, float], tuple[float, float]]] = []
    x = 0.0
    for seg in scale.breaks:
        cx = (seg.x0 + seg.x1) / 2
        axis.append((x, cx - 2.5))
        x = cx + 2.5
        for dx in (-2.5, 2.5):
            strokes.append(((cx + dx - 2.0, axis_y + 3.5), (cx + dx + 2.0, axis_y - 3.5)))
    axis.append((x, width))
    return axis, strokes


def key_dates_strip(
    timeline: Timeline,
    look: Look,
    width: float,
    body: TextStyle,
    palette: Palette,
    language: str,
) -> Strip:
    """The strip for `timeline` across `width` points, its small type a little
    smaller than the `body` text."""
    small = _Type(fonts.family(body.font).face(), round(body.size * 0.78, 2), palette.muted)
    events = sorted(timeline.events, key=lambda ev: ev.date.ordinal)
    starts = [ev.date.ordinal for ev in events]
    ends = [end_ordinal(ev.end) if ev.end else None for ev in events]
    spans = [(s, e) for s, e in zip(starts, ends, strict=True) if e is not None]
    scale = build_scale(
        starts + [e for _, e in spans],
        0.0,
        width,
        gap_threshold=GAP_THRESHOLD,
        break_width=BREAK_WIDTH,
        spans=spans,
        min_span=_min_span(timeline),
    )
    xs = [scale.to_x(t) for t in starts]
    x_ends = [scale.to_x(e) if e is not None else x for x, e in zip(xs, ends, strict=True)]
    mark, levels = _stack(xs, x_ends)
    pitch = mark * 1.35

    # Top to bottom: legend, era names, the stacks of markers, axis, years.
    legend_marks, legend_texts, legend_h = _legend(look, width, small.size, small.face, small.color)
    plot_top = legend_h + (small.size * 0.5 if legend_h else 0.0)
    era_names = _era_names(timeline, scale, small)
    era_lines = max((len(n) for n in era_names), default=0)
    era_h = small.size * (1.8 + ERA_LEADING * max(era_lines - 1, 0)) if timeline.eras else 0.0
    axis_y = plot_top + era_h + (max(levels) + 1) * pitch + mark * 0.4
    tick_len = 3.0
    tick_baseline = axis_y + tick_len + 1.5 + small.ascent
    height = tick_baseline + small.face.descent * small.size + 2.0

    bands, era_texts = _eras(timeline, scale, plot_top, axis_y, palette, small, era_names)
    # Events: spans as bars, markers stacked up from the axis.
    bars: list[StripBar] = []
    marks: list[StripMark] = []
    for ev, x, xe, level in zip(events, xs, x_ends, levels, strict=True):
        st = look.group(ev.group)
        y = axis_y - mark * 0.4 - pitch * (level + 0.5)
        if xe > x:
            bars.append(StripBar(x, xe, y, mark * 0.4, st.color))
        marks.append(StripMark(x, y, mark, st.shape, st.color))
    tick_marks, tick_texts = _tick_labels(scale, events, width, tick_baseline, small, language)
    axis, strokes = _axis(scale, width, axis_y)
    return Strip(
        width=width,
        height=height,
        font=body.font,
        axis_y=axis_y,
        axis=tuple(axis),
        axis_color=palette.text,
        bands=tuple(bands),
        bars=tuple(bars),
        marks=tuple(marks),
        legend=tuple(legend_marks),
        texts=tuple(legend_texts + era_texts + tick_texts),
        ticks=tuple(tick_marks),
        tick_length=tick_len,
        breaks=tuple(strokes),
        scale=scale,
    )
