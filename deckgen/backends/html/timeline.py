"""The page's timeline: the outline's events on the shared time scale, as SVG.

One lane per group (in the look's order, with its colour and marker shape),
eras as shaded bands, ticks from `timescale.ticks`. Zooming must keep text
legible, so the view is drawn once per zoom level (each level a wider axis,
its labels placed again); the page shows one level at a time and scrolls it.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from deckgen.fonts.wrap import text_width
from deckgen.layout.common.look import GroupStyle
from deckgen.layout.common.plan import Talk
from deckgen.layout.common.timescale import TimeScale, build_scale, end_ordinal, ticks
from deckgen.outline.model import Event, Run, Timeline

from .svg import css_family, num

__all__ = ["ZOOMS", "timeline_svg"]

ZOOMS = (1, 2, 4, 8)  # axis widths, in multiples of the base width
BASE_WIDTH = 1100.0
_MARGIN = 40.0
_LABEL = 13.0  # label size, px
_ROW = 18.0  # one row of labels in a lane
_MARKER = 6.0  # marker half-size


def timeline_svg(talk: Talk, timeline: Timeline, zoom: int) -> str:
    """The timeline at one zoom level, as an <svg> element."""
    events = timeline.events
    width = BASE_WIDTH * zoom
    scale = _scale(events, _MARGIN, width - _MARGIN)
    font = talk.theme.fonts.body
    colors = talk.theme.colors
    lanes = _lanes(talk, events)
    rows = {gid: _rows(talk, evs, scale, font) for gid, (_, evs) in lanes.items()}
    lane_tops: dict[str | None, float] = {}
    y = 44.0
    for gid in lanes:
        lane_tops[gid] = y
        y += (len(rows[gid].ends) or 1) * _ROW + 2 * _ROW
    axis_y, height = y, y + 34
    # labels of the last events run past the axis: the view widens to show them
    width = max([width] + [end + 8 for r in rows.values() for end in r.ends])
    parts = [
        f'<svg class="timeline-svg" width="{num(width)}" height="{num(height)}" '
        f'viewBox="0 0 {num(width)} {num(height)}" font-family="{css_family(font)}" '
        f'font-size="{num(_LABEL)}" fill="{colors.text}" role="img" '
        f'aria-label="{escape(_title(talk, timeline))}">'
    ]
    parts += _eras(talk, timeline, scale, axis_y)
    for gid, (style, evs) in lanes.items():
        parts += _lane(talk, style, evs, scale, rows[gid], lane_tops[gid], axis_y)
    parts += _axis(talk, scale, axis_y, font, width)
    parts.append("</svg>")
    return "".join(parts)


def _title(talk: Talk, timeline: Timeline) -> str:
    return timeline.title.plain if timeline.title else talk.words.timeline


def _scale(events: Sequence[Event], x0: float, x1: float) -> TimeScale:
    points = [e.date.ordinal for e in events]
    spans = [(e.date.ordinal, end_ordinal(e.end)) for e in events if e.end is not None]
    return build_scale(
        points,
        x0,
        x1,
        gap_threshold=0.4,
        break_width=40.0,
        max_breaks=2,
        spans=spans,
        min_span=1.0 if len(set(points)) == 1 else 1 / 12,
        min_gap=10.0,
        extent=(min(points), max([b for _, b in spans] + points)),
    )


def _lanes(talk: Talk, events: Sequence[Event]) -> dict[str | None, tuple[GroupStyle, list[Event]]]:
    lanes: dict[str | None, tuple[GroupStyle, list[Event]]] = {}
    for style in talk.look.legend:
        lanes[style.id] = (style, [])
    for ev in events:
        style = talk.look.group(ev.group)
        lanes.setdefault(style.id, (style, []))[1].append(ev)
    return {gid: lane for gid, lane in lanes.items() if lane[1]}


def _label(talk: Talk, ev: Event) -> str:
    return f"{talk.span(ev.date, ev.end)}: {ev.title.plain}"


class _Rows(dict[int, int]):
    """Each event's row of its lane; `ends`: where each row's last label ends."""

    ends: list[float]


def _rows(talk: Talk, events: Sequence[Event], scale: TimeScale, font: str) -> _Rows:
    """Each event's row of its lane: the first whose last label ends before it."""
    ends: list[float] = []
    out = _Rows()
    out.ends = ends
    for i, ev in enumerate(events):
        x = scale.to_x(ev.date.ordinal)
        w = text_width((Run(_label(talk, ev)),), font, _LABEL) + 10
        row = next((r for r, end in enumerate(ends) if end < x), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = x + w
        out[i] = row
    return out


def _marker(style: GroupStyle, x: float, y: float) -> str:
    m, color = _MARKER, style.color
    solid = f'fill="{color}"'
    hollow = f'fill="none" stroke="{color}" stroke-width="2"'
    if style.shape in ("square", "square-open"):
        paint = hollow if style.shape.endswith("open") else solid
        side = num(2 * m)
        return f'<rect x="{num(x - m)}" y="{num(y - m)}" width="{side}" height="{side}" {paint}/>'
    if style.shape == "triangle":
        pts = f"{num(x)},{num(y - m)} {num(x + m)},{num(y + m)} {num(x - m)},{num(y + m)}"
        return f'<polygon points="{pts}" {solid}/>'
    if style.shape == "diamond":
        pts = " ".join(
            f"{num(px)},{num(py)}" for px, py in ((x, y - m), (x + m, y), (x, y + m), (x - m, y))
        )
        return f'<polygon points="{pts}" {solid}/>'
    paint = hollow if style.shape == "circle-open" else solid
    return f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(m)}" {paint}/>'


def _lane(
    talk: Talk,
    style: GroupStyle,
    events: Sequence[Event],
    scale: TimeScale,
    rows: _Rows,
    top: float,
    axis_y: float,
) -> list[str]:
    c = talk.theme.colors
    name = style.label.plain if style.label else ""
    parts = []
    if name:
        parts.append(
            f'<text x="{num(_MARGIN)}" y="{num(top - 6)}" font-weight="bold" '
            f'fill="{style.color}">{escape(name)}</text>'
        )
    y = top + _ROW / 2
    parts.append(
        f'<line x1="{num(scale.x0)}" y1="{num(y)}" x2="{num(scale.x1)}" y2="{num(y)}" '
        f'stroke="{c.muted}" stroke-width="0.5" stroke-dasharray="2 4"/>'
    )
    for i, ev in enumerate(events):
        x = scale.to_x(ev.date.ordinal)
        if ev.end is not None:
            x_end = scale.to_x(end_ordinal(ev.end))
            parts.append(
                f'<rect x="{num(x)}" y="{num(y - 3)}" width="{num(max(x_end - x, 1))}" '
                f'height="6" fill="{style.color}" opacity="0.45"/>'
            )
        label_y = y + _ROW * (rows[i] + 1)
        parts.append(
            f'<line x1="{num(x)}" y1="{num(y)}" x2="{num(x)}" y2="{num(label_y - _LABEL + 2)}" '
            f'stroke="{style.color}" stroke-width="0.8"/>'
        )
        parts.append(_marker(style, x, y))
        parts.append(
            f'<text x="{num(x + 3)}" y="{num(label_y)}" xml:space="preserve" '
            f'stroke="{c.background}" stroke-width="4" stroke-linejoin="round" '
            'paint-order="stroke">'
            f"<title>{escape(_label(talk, ev))}</title>"
            f'<tspan font-weight="bold">{escape(talk.span(ev.date, ev.end))}</tspan>'
            f"<tspan>: {escape(ev.title.plain)}</tspan></text>"
        )
    return parts


def _eras(talk: Talk, timeline: Timeline, scale: TimeScale, axis_y: float) -> list[str]:
    c = talk.theme.colors
    parts = []
    for n, era in enumerate(timeline.eras):
        x0 = scale.to_x(era.start.ordinal)
        x1 = scale.to_x(end_ordinal(era.end))
        color = era.color or c.muted
        # neighbouring eras told apart by shade, not only by their labels
        parts.append(
            f'<rect x="{num(x0)}" y="20" width="{num(max(x1 - x0, 1))}" '
            f'height="{num(axis_y - 20)}" fill="{color}" opacity="{0.1 if n % 2 else 0.2}"/>'
            f'<text x="{num(x0 + 4)}" y="14" fill="{c.muted}" font-style="italic">'
            f"{escape(era.label.plain)}</text>"
        )
    return parts


def _axis(talk: Talk, scale: TimeScale, axis_y: float, font: str, width: float) -> list[str]:
    c = talk.theme.colors
    parts = [
        f'<line x1="{num(scale.x0)}" y1="{num(axis_y)}" x2="{num(scale.x1)}" '
        f'y2="{num(axis_y)}" stroke="{c.text}" stroke-width="1.5"/>'
    ]
    for seg in scale.breaks:
        mid = (seg.x0 + seg.x1) / 2
        parts.append(
            f'<rect x="{num(seg.x0)}" y="{num(axis_y - 4)}" width="{num(seg.x1 - seg.x0)}" '
            f'height="8" fill="{c.background}"/>'
            f'<path d="M{num(mid - 6)} {num(axis_y + 6)} l6 -12 M{num(mid)} {num(axis_y + 6)} '
            f'l6 -12" stroke="{c.text}" stroke-width="1.5" fill="none"/>'
        )

    def label_width(s: str) -> float:
        return text_width((Run(s),), font, _LABEL)

    for tk in ticks(scale, label_width, 18.0, talk.language):
        tall = 7 if tk.label else 4
        parts.append(
            f'<line x1="{num(tk.x)}" y1="{num(axis_y)}" x2="{num(tk.x)}" '
            f'y2="{num(axis_y + tall)}" stroke="{c.text}" stroke-width="1"/>'
        )
        if tk.label:
            parts.append(
                f'<text x="{num(tk.x)}" y="{num(axis_y + 22)}" text-anchor="middle" '
                f'fill="{c.muted}">{escape(tk.label)}</text>'
            )
    return parts
