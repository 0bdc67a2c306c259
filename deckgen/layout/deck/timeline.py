"""Timeline slides drawn with native shapes, continued over several slides.

One slide shows a stretch of time on a horizontal axis: an era strip under
the axis (tinted spans with their labels), a dot per event in its group's
colour (a bar along the axis for events with an `end`), and a card per event
(date in bold, title) on a pole in its group's colour joined to the axis by a
leader, like a flag: the card starts at its date and runs right (near the
right edge it runs left instead).

Legible from the back of the room: card titles from the theme's
`min_body_size` down to 2 pt less (never under 16 pt), dates 4 pt under it
(never under 14 pt) -- see `label_sizes`; era labels and the legend 14-16 pt.

Cards stand in levels above and below the axis, and the levels a slide uses
spread over its whole height. Events are taken in date order and each goes to
the first free slot, alternating sides; a slot is free when the card,
measured, keeps a gap to every card in its level and no leader line crosses a
card (events of one day share a pole). When an event finds no free slot the
slide is full: the next slide continues, titled "Title (2/4)". Slides are then
evened out (no one-event stub), and a day's events never straddle two slides.
So labels never overlap, whatever the density: a dense stretch just takes
more slides. A legend (groups; eras too narrow to label in the strip) sits
at the foot.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, replace

from deckgen.color import mix, readable_on
from deckgen.errors import Location, RenderError
from deckgen.layout.common.dates import format_span
from deckgen.layout.common.primitives import Box, Paragraph
from deckgen.layout.common.text import TextStyle, paragraph, single_line_width
from deckgen.layout.deck.fit import breaks_words, sizes_down
from deckgen.layout.deck.model import Element, Shape, TextBox
from deckgen.outline.model import Event, Text, Timeline

__all__ = ["timeline_slides"]

_GAP = 12.0  # between cards in a level
_LEVEL_GAP = 6.0  # between levels
_MARK = 14.0  # marker diameter
_STRIP = 26.0  # era strip height
_CARD_PAD = 10.0  # text starts this far from its leader (the group-coloured flag pole)
_POLE = 3.0  # width of the coloured bar along a card, at its date


def label_sizes(min_body_size: float) -> tuple[float, float, float]:
    """(title start, title floor, date size) for event cards.

    Cards are read from the back of the room like body text, so their floor
    derives from the theme's `min_body_size` (18 pt in the built-in themes):
    titles start there and may shrink 2 pt, never below 16 pt; dates, short
    and bold, sit 4 pt under it, never below 14 pt."""
    floor = max(16.0, min_body_size - 2)
    return max(floor, min_body_size), floor, max(14.0, min_body_size - 4)


@dataclass(frozen=True)
class _Card:
    event: Event
    date_p: Paragraph
    title_p: Paragraph
    width: float

    @property
    def height(self) -> float:
        return self.date_p.height + self.title_p.height


@dataclass
class _Placed:
    card: _Card
    x: float  # marker x
    side: int  # -1 above, +1 below
    level: int
    x0: float  # card's horizontal extent
    x1: float


def _cards(maker, events: Sequence[Event], width: float) -> list[_Card]:
    st = maker.style
    lang = maker.language
    cards = []
    _, _, date_size = label_sizes(st.min_body_size)
    for ev in events:
        date_text = format_span(ev.date, ev.end, lang)
        date_style = TextStyle(st.body_font, date_size, st.muted, 1.15, bold=True)
        date_p = paragraph(date_text, date_style, width - _CARD_PAD)
        title_p, w = _card_title(ev, st, width)
        if w != width:
            date_p = paragraph(date_text, date_style, w - _CARD_PAD)
        cards.append(_Card(ev, date_p, title_p, w))
    return cards


def _card_title(ev: Event, st, width: float) -> tuple[Paragraph, float]:
    """Up to 2 lines down to the floor, else 3; a long title may take 4 lines at
    the floor in a card half as wide again, then 5. Returns (title, card width)."""
    start, floor, _ = label_sizes(st.min_body_size)
    wide = round(width * 1.5, 2)
    for w, max_lines, sizes in (
        (width, 2, sizes_down(start, floor, 0.5)),  # short cards leave room for 2 levels
        (width, 3, sizes_down(start, floor, 0.5)),
        (wide, 3, [floor]),
        (wide, 5, [floor]),
    ):
        for size in sizes:
            style = TextStyle(st.body_font, size, st.text, 1.15)
            p = paragraph(ev.title, style, w - _CARD_PAD)
            # "(«Спутник-" / "1»)" reads badly: at the card's own width, a
            # smaller size or a line more rather than a break inside a word
            # or at its hyphen; the wider card takes what it must.
            if w == width and _poor_breaks(p):
                continue
            if len(p.lines) <= max_lines:
                return p, w
    raise RenderError(
        "timeline.events: "
        f"timeline event title too long for its label (5 lines at {floor:g} pt): "
        f"{ev.title.plain!r}; "
        "shorten it",
        ev.location,
    )


def _poor_breaks(p: Paragraph) -> bool:
    """A break inside a word or at a hyphen, or a line starting with a hyphenated
    word: LibreOffice and PowerPoint may break that word at its hyphen where we
    did not ("Sputnik 1 («Спутник-" / "1»)")."""
    if breaks_words(p):
        return True
    texts = ["".join(r.text for r in line.runs) for line in p.lines]
    if any(t.endswith("-") for t in texts[:-1]):
        return True
    return any("-" in (t.split() or [""])[0].rstrip("-") for t in texts[1:])


@dataclass(frozen=True)
class _Frame:
    left: float  # axis start x
    right: float  # axis end x
    area: Box  # where cards, axis and strip go
    usable: float  # height left for cards on both sides of axis and strip


# How much of an event's x comes from its date (the rest from its rank among
# the slide's dates): pure proportion crowds the 1960s and leaves decades
# empty; pure rank hides the gaps. A blend keeps "long gap" visible and
# every event legible.
_TIME_WEIGHT = 0.25


class _Axis:
    """Date -> x on one slide: piecewise linear between the slide's event dates."""

    def __init__(self, dates: Sequence[float], left: float, right: float) -> None:
        uniq = sorted(set(dates))
        lo, hi = uniq[0], uniq[-1]
        span = right - left
        if len(uniq) == 1:
            self.knots = [(lo - 1.0, left), (lo, (left + right) / 2), (lo + 1.0, right)]
        else:
            n = len(uniq) - 1
            self.knots = [
                (
                    t,
                    left
                    + span * (_TIME_WEIGHT * (t - lo) / (hi - lo) + (1 - _TIME_WEIGHT) * i / n),
                )
                for i, t in enumerate(uniq)
            ]
        self.lo, self.hi = self.knots[0][0], self.knots[-1][0]

    def x(self, t: float) -> float:
        knots = self.knots
        if t <= knots[0][0]:
            return knots[0][1]
        if t >= knots[-1][0]:
            return knots[-1][1]
        lo, hi = 0, len(knots) - 1
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if knots[mid][0] <= t:
                lo = mid
            else:
                hi = mid
        (t0, x0), (t1, x1) = knots[lo], knots[hi]
        return x0 + (t - t0) / (t1 - t0) * (x1 - x0)


@dataclass(frozen=True)
class _Layout:
    placed: tuple[_Placed, ...]
    axis: _Axis
    levels: int
    slot_h: float


def _levels(cards: Sequence[_Card], frame: _Frame) -> tuple[int, float]:
    slot_h = max(c.height for c in cards)
    return max(1, int((frame.usable / 2 + _LEVEL_GAP) // (slot_h + _LEVEL_GAP))), slot_h


def _place(cards: Sequence[_Card], frame: _Frame) -> _Layout | None:
    """Place every card, or None when some card finds no slot."""
    levels, slot_h = _levels(cards, frame)
    if levels * (slot_h + _LEVEL_GAP) - _LEVEL_GAP > frame.usable / 2 + 1e-6:
        return None
    axis = _Axis([c.event.date.ordinal for c in cards], frame.left, frame.right)
    placed: list[_Placed] = []
    prefer = -1
    for card in cards:
        x = axis.x(card.event.date.ordinal)
        x0, x1 = x, x + card.width
        if x1 > frame.area.right:
            x0, x1 = x - card.width, x
        slots = [(prefer, 0), (-prefer, 0)]
        for lv in range(1, levels):
            slots += [(prefer, lv), (-prefer, lv)]
        spot = None
        for side, level in slots:
            if _free(placed, side, level, x0, x1, x):
                spot = (side, level)
                break
        if spot is None:
            return None
        placed.append(_Placed(card, x, spot[0], spot[1], x0, x1))
        prefer = -spot[0]
    return _Layout(tuple(placed), axis, levels, slot_h)


def _free(placed: list[_Placed], side: int, level: int, x0: float, x1: float, x: float) -> bool:
    for p in placed:
        if p.side != side:
            continue
        if p.level == level and x0 < p.x1 + _GAP and p.x0 < x1 + _GAP:
            return False
        # A leader runs from the axis out to its card: it must not cross a
        # card nearer the axis, and no new nearer card may cover an old leader.
        # Events of one day share a pole: a leader running up another card's
        # coloured bar (its text starts beside it) crosses nothing.
        if abs(p.x - x) < 0.5:
            if p.level == level:
                return False
            continue
        if p.level < level and p.x0 - 2 <= x <= p.x1 + 2:
            return False
        if p.level > level and x0 - 2 <= p.x <= x1 + 2:
            return False
    return True


def _chunks(cards: Sequence[_Card], frame: _Frame, location: Location) -> list[_Layout]:
    """Fewest slides (greedy), then the events spread evenly over them."""
    bounds: list[int] = [0]
    i = 0
    while i < len(cards):
        if _place(cards[i : i + 1], frame) is None:
            raise RenderError(
                f"timeline label too tall for the slide: {cards[i].event.title.plain!r}; "
                "shorten it",
                cards[i].event.location,
            )
        n = 1
        while i + n < len(cards) and _place(cards[i : i + n + 1], frame) is not None:
            n += 1
        n = _whole_days(cards, frame, i, n)
        i += n
        bounds.append(i)
    count = len(bounds) - 1
    if count > 1:
        # Even shares look calmer than full slides and a stub at the end: the
        # smallest cap on events per slide that still needs no more slides.
        longest = max(b - a for a, b in zip(bounds, bounds[1:], strict=False))
        for cap in range(-(-len(cards) // count), longest):
            layouts = _greedy(cards, frame, cap, count)
            if layouts is not None:
                return _even_out(cards, frame, layouts)
    layouts = [_place(cards[a:b], frame) for a, b in zip(bounds, bounds[1:], strict=False)]
    return _even_out(cards, frame, layouts)


def _even_out(cards: Sequence[_Card], frame: _Frame, layouts: list[_Layout]) -> list[_Layout]:
    """Greedy slides fill from the front and may leave a stub at the end (31
    events as 5+5+5+5+5+5+1): move events back while a slide holds two more
    than the next, each move re-placed and kept only if both slides place and
    no day is cut."""
    sizes = [len(lay.placed) for lay in layouts]
    moved = True
    while moved:
        moved = False
        for j in range(len(sizes) - 1, 0, -1):
            if sizes[j - 1] <= sizes[j] + 1:
                continue
            a = sum(sizes[: j - 1])
            cut = a + sizes[j - 1] - 1  # the event that would move
            end = cut + 1 + sizes[j]
            if cards[cut].event.date.ordinal == cards[cut - 1].event.date.ordinal:
                continue
            prev, nxt = _place(cards[a:cut], frame), _place(cards[cut:end], frame)
            if prev is None or nxt is None:
                continue
            layouts[j - 1], layouts[j] = prev, nxt
            sizes[j - 1] -= 1
            sizes[j] += 1
            moved = True
    return layouts


def _whole_days(cards: Sequence[_Card], frame: _Frame, i: int, n: int) -> int:
    """`n` cut back so that events of one day stay on one slide (a launch and
    its docking the same day read as one story), unless the day alone fills
    the slide or the shorter slide would not place."""
    end = i + n
    if end >= len(cards):
        return n
    day = cards[end].event.date.ordinal
    k = end
    while k > i and cards[k - 1].event.date.ordinal == day:
        k -= 1
    if k in (end, i) or _place(cards[i:k], frame) is None:
        return n
    return k - i


def _greedy(cards: Sequence[_Card], frame: _Frame, cap: int, count: int) -> list[_Layout] | None:
    """Greedy slides of at most `cap` events; None if that takes more than `count`."""
    layouts: list[_Layout] = []
    i = 0
    while i < len(cards):
        if len(layouts) == count:
            return None
        n = min(cap, len(cards) - i)
        lay = _place(cards[i : i + n], frame)
        while lay is None and n > 1:
            n -= 1
            lay = _place(cards[i : i + n], frame)
        kept = _whole_days(cards, frame, i, n)
        if kept != n:
            n, lay = kept, _place(cards[i : i + kept], frame)
        layouts.append(lay)
        i += n
    return layouts


def timeline_slides(
    maker, timeline: Timeline, events: Sequence[Event], title: Text, location: Location
):
    from deckgen.layout.deck.slides import Draft, plain

    st = maker.style
    kind = "timeline"
    events = sorted(events, key=lambda e: e.date)  # stable: same-day order kept
    if not events:
        return []
    body = st.body_box_for(kind)

    # Group colours, in the order the timeline lists its groups.
    colors = st.group_colors(timeline.groups)

    legend_groups = [g for g in timeline.groups if any(e.group == g.id for e in events)]
    legend_h = _legend_height(st, legend_groups, colors, timeline.eras, body.w)
    area = Box(body.x, body.y, body.w, body.h - legend_h - (8 if legend_h else 0))
    usable = area.h - (_MARK + 8) - (_STRIP + 8)  # marker above and below the axis, strip
    frame = _Frame(area.x + 6, area.right - 6, area, usable)
    # Narrow cards pack more events per slide; wider ones keep titles short and
    # large. Take the widest card that needs no more slides than the narrow.
    chunks = None
    for divisor in (4.5, 3.6):
        width = round(min(190.0 * 4.5 / divisor, body.w / divisor), 2)
        try:
            trial = _chunks(_cards(maker, events, width), frame, location)
        except RenderError:
            if chunks is None:
                raise
            break
        if chunks is None or len(trial) <= len(chunks):
            chunks = trial

    era_tints = [mix(st.background, st.accent, 0.16), mix(st.background, st.text, 0.09)]
    drafts = []
    heads = maker.titles(kind, title, location, len(chunks))
    for k, chunk in enumerate(chunks):
        chunk = _same_size(chunk)
        cont = k > 0
        t = heads[k].text
        els: list[Element] = []
        if st.decorated(kind):
            els.append(maker.rule())
        els.append(heads[k])
        slot_h = chunk.slot_h
        half = usable / 2
        axis_y = area.y + half + _MARK / 2 + 4
        # The levels each side uses spread over its whole half of the slide:
        # the nearest a short lead from the axis, the farthest at the edge.
        offsets = {
            side: _tiers(
                max((p.level for p in chunk.placed if p.side == side), default=0) + 1, slot_h, half
            )
            for side in (-1, 1)
        }
        x_of = chunk.axis.x
        lo, hi = chunk.axis.lo, chunk.axis.hi

        strip_y = axis_y + _MARK / 2 + 4
        unlabelled: list[tuple[str, Text]] = []
        for j, era in enumerate(timeline.eras):
            a, b = era.start.ordinal, _end_ordinal(era.end)
            if b < lo or a > hi:
                continue
            xa, xb = x_of(a), x_of(b)
            if xb - xa < 2:
                continue
            fill = era.color or era_tints[j % 2]
            els.append(
                Shape(
                    "rect",
                    Box(xa, strip_y, xb - xa, _STRIP),
                    fill=fill,
                    name=f"Era: {era.label.plain}",
                )
            )
            label_color = readable_on(fill, st.text, minimum=4.5)
            label = _strip_label(era.label, st, xb - xa - 8, label_color)
            if label is None:
                unlabelled.append((fill, era.label))
            else:
                els.append(
                    TextBox(
                        Box(
                            xa + 4,
                            strip_y + (_STRIP - label.line_height) / 2,
                            xb - xa - 8,
                            label.line_height,
                        ),
                        (label,),
                        role="label",
                        name=f"Era label: {era.label.plain}",
                    )
                )
        els.append(
            Shape(
                "line",
                Box(area.x, axis_y, area.w, 0),
                line=st.muted,
                line_width=1.5,
                name="Timeline axis",
            )
        )
        for p in chunk.placed:
            ev = p.card.event
            color = colors.get(ev.group, st.accent)
            if ev.end is not None:
                xe = x_of(_end_ordinal(ev.end))
                if xe - p.x > 2:
                    els.append(
                        Shape(
                            "roundrect",
                            Box(p.x, axis_y - 3, xe - p.x, 6),
                            fill=color,
                            name=f"Span: {ev.title.plain}",
                        )
                    )
            # card position
            off = offsets[p.side][p.level]
            if p.side < 0:
                bottom = axis_y - _MARK / 2 - 4 - off
                cy = bottom - p.card.height
                ly0, ly1 = cy + p.card.height, axis_y - _MARK / 2
            else:
                top = strip_y + _STRIP + 8 + off
                cy = top
                ly0, ly1 = axis_y + _MARK / 2, cy
            els.append(
                Shape(
                    "line",
                    Box(p.x, min(ly0, ly1), 0, abs(ly1 - ly0)),
                    line=color,
                    line_width=1.5,
                    name=f"Leader: {ev.title.plain}",
                )
            )
            # the card's flag pole, in its group's colour
            els.append(
                Shape(
                    "rect",
                    Box(p.x - _POLE / 2, cy, _POLE, p.card.height),
                    fill=color,
                    name=f"Card bar: {ev.title.plain}",
                )
            )
            els.append(
                Shape(
                    "ellipse",
                    Box(p.x - _MARK / 2, axis_y - _MARK / 2, _MARK, _MARK),
                    fill=color,
                    line=st.background,
                    line_width=1.5,
                    name=f"Marker: {ev.title.plain}",
                )
            )
            right_run = p.x1 <= p.x + 1e-6  # card runs left of its date
            align = "right" if right_run else "left"
            date_p = _aligned(p.card.date_p, align, readable_on(st.background, color, st.muted))
            title_p = _aligned(p.card.title_p, align, None)
            if right_run:
                box = Box(p.x - p.card.width, cy, p.card.width - _CARD_PAD / 2, p.card.height)
            else:
                box = Box(p.x + _CARD_PAD / 2, cy, p.card.width - _CARD_PAD / 2, p.card.height)
            els.append(
                TextBox(box, (date_p, title_p), role="label", name=f"Event: {ev.title.plain}")
            )
        els += _legend(maker, legend_groups, colors, unlabelled, body, legend_h)
        d = Draft(kind, t, els, location, continued=cont)
        drafts.append(d)
    n_total = len(chunks)
    if n_total > 1:
        maker.warn(
            f"timeline {plain(title)!r}: {len(events)} events need {n_total} slides "
            f"so that no labels overlap (titled {maker.words['cont']!r} with their number)",
            location,
        )
    return drafts


def _tiers(levels: int, slot_h: float, half: float) -> list[float]:
    """Distance from the axis band to each level's card, the levels spread over
    `half`: a lead of up to 28 pt for the nearest, the farthest at the edge."""
    room = half - levels * slot_h - (levels - 1) * _LEVEL_GAP
    lead = max(0.0, min(28.0, room))
    if levels == 1:
        return [lead]
    pitch = (half - lead - slot_h) / (levels - 1)
    return [lead + k * pitch for k in range(levels)]


def _same_size(chunk: _Layout) -> _Layout:
    """Every card title on a slide at one size (the smallest any card needed):
    a smaller size only ever takes fewer lines, so the placement still holds."""
    size = min(p.card.title_p.size for p in chunk.placed)
    placed = []
    for p in chunk.placed:
        tp = p.card.title_p
        if tp.size != size:
            style = TextStyle(tp.font, size, tp.color, tp.line_height / tp.size)
            tp = paragraph(p.card.event.title, style, p.card.width - _CARD_PAD)
            p = replace(p, card=replace(p.card, title_p=tp))
        placed.append(p)
    return replace(chunk, placed=tuple(placed))


def _end_ordinal(date) -> float:
    """The end of a date's last day on the axis (an era to 1975 runs to its end)."""
    d = date.last_day
    days = 366 if calendar.isleap(d.year) else 365  # no date(year + 1): 9999 is valid
    return d.year + d.timetuple().tm_yday / days


def _aligned(p: Paragraph, align: str, color: str | None) -> Paragraph:
    return replace(p, align=align, color=color or p.color)


def _strip_label(label: Text, st, width: float, color: str) -> Paragraph | None:
    for size in (16.0, 15.0, 14.0):
        style = TextStyle(st.body_font, size, color, 1.15, bold=True)
        if single_line_width(label, style) <= width * 0.96 - 1:
            return paragraph(label, style, width)
    return None


_LEGEND_ROW = 24.0
_LEGEND_SIZE = 15.0


def _legend_items(groups, colors, eras) -> list[tuple[str, str, Text, str]]:
    items = [("ellipse", colors[g.id], g.label, f"Legend: {g.label.plain}") for g in groups]
    items += [("rect", fill, label, f"Legend: {label.plain}") for fill, label in eras]
    return items


def _legend_rows(st, items, width: float) -> list[list[tuple[tuple, float]]]:
    """Items flowed into rows of `width` (a long legend takes several rows)."""
    style = TextStyle(st.body_font, _LEGEND_SIZE, st.muted, 1.15)
    rows: list[list[tuple[tuple, float]]] = [[]]
    x = 0.0
    for item in items:
        w = min(single_line_width(item[2], style) / 0.96 + 2, width - 16)
        need = 18 + w
        if rows[-1] and x + need > width:
            rows.append([])
            x = 0.0
        rows[-1].append((item, w))
        x += need + 22
    return [r for r in rows if r]


def _legend_height(st, groups, colors, eras: Sequence, width: float) -> float:
    """Room for the legend: every group and every era (the most it can show)."""
    worst = [(colors.get(None, st.accent), e.label) for e in eras]
    items = _legend_items(groups, colors, worst)
    return len(_legend_rows(st, items, width)) * _LEGEND_ROW if items else 0.0


def _legend(maker, groups, colors, eras: list[tuple[str, Text]], body: Box, legend_h: float):
    st = maker.style
    items = _legend_items(groups, colors, eras)
    if legend_h <= 0 or not items:
        return []
    style = TextStyle(st.body_font, _LEGEND_SIZE, st.muted, 1.15)
    line_h = style.line_height
    els: list[Element] = []
    y = body.bottom - legend_h
    for row in _legend_rows(st, items, body.w):
        x = body.x
        for (shape, color, label, name), w in row:
            els.append(
                Shape(
                    shape,
                    Box(x, y + (_LEGEND_ROW - 12) / 2, 12, 12),
                    fill=color,
                    name=name + " swatch",
                )
            )
            x += 18
            p = paragraph(label, style, w)
            box_h = max(line_h, p.height)
            els.append(
                TextBox(
                    Box(x, y + (_LEGEND_ROW - line_h) / 2, w, box_h), (p,), role="label", name=name
                )
            )
            x += w + 22
        y += _LEGEND_ROW
    return els
