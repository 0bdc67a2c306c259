"""Timeline slides drawn with native shapes on the shared time scale: one
slide when every card fits on it, else an overview and detail slides by period.

The overview shows the whole timeline on one scale: the eras, a marker for
every event, the years, the labels of up to eight events spread over the span
and the full legend. Detail slides follow, each a period titled with its era
and years ("Space Race, 1957–1963"), its legend the groups.

One slide shows one period on a horizontal time band: x is linear in time
(`deckgen.layout.common.timescale`, the poster's scale too), and an empty
stretch may be compressed, drawn as a cut through the band. The band carries
the years and is tinted by era. Every event has a marker at its true date, on
the band's edge on the side of its card, in its group's colour and shape (the
talk's look); its card (date in bold, title) stands above or below on a pole
in the group's colour, joined to the marker by a leader, like a flag.

Legible from the back of a hall: card titles and the legend >= 18 pt, the
years 18 pt, dates >= 16 pt bold (`label_sizes`): no slide text under 18 pt
but bold text of 14 pt and more (WCAG's large text; `deckgen check --a11y`
reports titles shrunk under 18 pt). Cards stand in levels above and below the
band; each event goes to the first free slot, nearest the band first; when an
event finds no slot the slide is full and the next period begins. Slides are
then evened out (no stub), and a day's events never straddle two slides.
Every slide's timeline is one described group (its alt text lists the events).

Its sizes and distances are designed on a 960 x 540 slide and scaled with a
smaller one (`DeckStyle.scale`, 0.75 on Pandoc's 720 x 405), so the same
timeline takes the same slides on any 16:9 slide (`_body`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from deckgen.color import mix, readable_on
from deckgen.errors import Location, RenderError
from deckgen.layout.common.breaks import whole_dates
from deckgen.layout.common.look import GroupStyle, is_grey
from deckgen.layout.common.plan import Talk
from deckgen.layout.common.primitives import Align, Box, Paragraph
from deckgen.layout.common.text import TextStyle, one_line_width, paragraph, single_line_width
from deckgen.layout.common.timescale import (
    Segment,
    Tick,
    TimeScale,
    build_scale,
    end_ordinal,
    ticks,
)
from deckgen.layout.deck.fit import balanced_lines, breaks_words, sizes_down
from deckgen.layout.deck.model import (
    Element,
    Shape,
    ShapeGroup,
    ShapeKind,
    SlideKind,
    TextBox,
)
from deckgen.outline.model import Era, Event, Group, Run, Text, Timeline

if TYPE_CHECKING:
    from deckgen.layout.deck.slides import Draft, SlideMaker
    from deckgen.layout.deck.style import DeckStyle

__all__ = ["label_sizes", "marker", "spanned_title", "timeline_slides"]

_GAP = 12.0  # between cards in a level
_LEVEL_GAP = 6.0  # between levels
_MARK = 14.0  # marker size
_BAND = 22.0  # the time band holding the years
_LEAD = 2.0  # between a marker and the nearest card level
_YEAR_SIZE = 18.0
_CARD_PAD = 10.0  # text starts this far from its leader (the group-coloured flag pole)
_POLE = 3.0  # width of the coloured bar along a card, at its date
_BREAK_W = 40.0  # a compressed empty stretch on the band (the cut is drawn in its middle)
# An empty stretch over this share of a slide's span, and this many years,
# may be compressed: a lone early event does not squeeze the rest.
_GAP_THRESHOLD = 0.4
_MIN_BREAK_YEARS = 10.0
_MAX_BREAKS = 2
_SEARCH_BUDGET = 400  # slots tried per slide before it counts as full

# The look's marker shapes as native shapes; '-open' ones are the same
# geometry filled with the slide's background, outlined in the group colour.
_KINDS: dict[str, ShapeKind] = {
    "circle": "ellipse",
    "square": "rect",
    "triangle": "triangle",
    "diamond": "diamond",
}


def label_sizes(min_body_size: float, scale: float = 1.0) -> tuple[float, float, float]:
    """(title start, title floor, date size) for event cards.

    Cards are read from the back of the room like body text, so their floor
    derives from the theme's `min_body_size` (18 pt in the built-in themes):
    titles start there and may shrink 2 pt, never below 18 pt; dates, short
    and bold, sit 4 pt under it, never below 16 pt (large text, bold)."""
    floor = max(18.0 * scale, min_body_size - 2 * scale)
    return max(floor, min_body_size), floor, max(16.0 * scale, min_body_size - 4 * scale)


def marker(group: GroupStyle, box: Box, background: str, name: str) -> Shape:
    """A group's marker shape in `box`: filled in its colour, or, for an open
    shape, the slide's background inside a 2 pt outline in its colour."""
    base = group.shape.removesuffix("-open")
    kind = _KINDS.get(base, "ellipse")
    if kind == "rect":  # a square looks bigger than a circle of its width
        box = Box(box.x + box.w * 0.07, box.y + box.h * 0.07, box.w * 0.86, box.h * 0.86)
    if group.shape.endswith("-open"):
        return Shape(kind, box, fill=background, line=group.color, line_width=2.0, name=name)
    return Shape(kind, box, fill=group.color, line=background, line_width=1.0, name=name)


def spanned_title(title: Text, events: Sequence[Event]) -> Text:
    """A section's timeline title saying the years its events span
    ('The race, 1957–1969'), unless it already names both years."""
    first = min(e.date.year for e in events)
    last = max((e.end or e.date).year for e in events)
    if str(first) in title.plain and str(last) in title.plain:
        return title
    years = str(first) if first == last else f"{first}\u2013{last}"
    return Text((*title.runs, Run(f", {years}")), title.location)


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
    x: float  # marker x: the event's date on the slide's scale
    side: int  # -1 above, +1 below
    level: int
    x0: float  # card's horizontal extent
    x1: float


def _start(ev: Event) -> float:
    return ev.date.ordinal


def _cards(maker: SlideMaker, talk: Talk, events: Sequence[Event], width: float) -> list[_Card]:
    st = maker.style
    cards = []
    _, _, date_size = label_sizes(st.min_body_size, st.scale)
    date_style = TextStyle(st.body_font, date_size, st.muted, 1.05, bold=True)
    for ev in events:
        # a date never breaks inside itself; a span only after its dash
        date_text = whole_dates(talk.span(ev.date, ev.end))
        title_p, w = _card_title(ev, st, width)
        date_p = paragraph(date_text, date_style, w - _CARD_PAD * st.scale)
        cards.append(_Card(ev, date_p, title_p, w))
    return cards


def _card_title(ev: Event, st: DeckStyle, width: float) -> tuple[Paragraph, float]:
    """Up to 2 lines down to the floor, else 3; a long title may take 4 lines at
    the floor in a card half as wide again, then 5. Returns (title, card width)."""
    start, floor, _ = label_sizes(st.min_body_size, st.scale)
    wide = round(width * 1.5, 2)
    # a card wide enough for the title's longest word: never a break inside one
    style = TextStyle(st.body_font, floor, st.text, 1.1)
    word_w = max(
        (one_line_width(w, style) for w in ev.title.plain.split()),
        default=0.0,
    )
    pad = _CARD_PAD * st.scale
    widest = max(wide, round(word_w + pad + 2 * st.scale, 2))
    for w, max_lines, sizes in (
        (width, 2, sizes_down(start, floor, 0.5)),  # short cards leave room for 2 levels
        (width, 3, sizes_down(start, floor, 0.5)),
        (wide, 3, [floor]),
        (wide, 5, [floor]),
        (widest, 5, [floor]),
    ):
        for size in sizes:
            style = TextStyle(st.body_font, size, st.text, 1.1)
            p = paragraph(ev.title, style, w - pad)
            # "(«Спутник-" / "1»)" reads badly: at the card's own width, a
            # smaller size or a line more rather than a break inside a word
            # or at its hyphen; a wider card never breaks inside a word.
            if breaks_words(p) or (w == width and _poor_breaks(p)):
                continue
            if len(p.lines) <= max_lines:
                # lines of even length: no word alone on the last line
                poor = _poor_breaks(p)
                ok = None if poor else (lambda q: not _poor_breaks(q))
                return balanced_lines(p, ev.title, style, w - pad, ok), w
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
    left: float  # the scale's x range (marker centres)
    right: float
    area: Box  # where cards, markers and the band go
    usable: float  # height left for cards on both sides of the band
    k: float = 1.0  # the slide's scale (`DeckStyle.scale`): every distance here is k times


@dataclass(frozen=True)
class _Layout:
    placed: tuple[_Placed, ...]
    scale: TimeScale
    levels: int
    slot_h: float


def _scale(events: Sequence[Event], frame: _Frame) -> TimeScale:
    """The slide's time scale: its events' dates and the whole of their spans,
    x linear in time; long empty stretches compressed to a marked break."""
    points = [_start(e) for e in events]
    spans = [(_start(e), end_ordinal(e.end)) for e in events if e.end is not None]
    return build_scale(
        points,
        frame.left,
        frame.right,
        gap_threshold=_GAP_THRESHOLD,
        break_width=_BREAK_W * frame.k,
        max_breaks=_MAX_BREAKS,
        spans=spans,
        # one day alone: a year around it, not an axis of days
        min_span=1.0 if len(set(points)) == 1 else 1 / 12,
        min_gap=_MIN_BREAK_YEARS,
        extent=(min(points), max([b for _, b in spans] + points)),
    )


def _levels(cards: Sequence[_Card], frame: _Frame) -> tuple[int, float]:
    slot_h = max(c.height for c in cards)
    gap = _LEVEL_GAP * frame.k
    return max(1, int((frame.usable / 2 + gap) // (slot_h + gap))), slot_h


def _place(cards: Sequence[_Card], frame: _Frame, scale: TimeScale | None = None) -> _Layout | None:
    """Place every card, or None when they do not all find a slot. A card
    takes the nearest free level, sides alternating, running right of its
    pole or else left of it; its marker stays at its date. When a card finds
    no slot, the cards before it try their other slots (a bounded search:
    a crowded year is often placed by sending one card a level further)."""
    levels, slot_h = _levels(cards, frame)
    if levels * (slot_h + _LEVEL_GAP * frame.k) - _LEVEL_GAP * frame.k > frame.usable / 2 + 1e-6:
        return None
    scale = scale or _scale([c.event for c in cards], frame)
    left, right = frame.area.x - 1e-6, frame.area.right + 1e-6
    xs = [scale.to_x(_start(c.event)) for c in cards]
    runs = [
        [(a, b) for a, b in ((x, x + c.width), (x - c.width, x)) if a >= left and b <= right]
        for x, c in zip(xs, cards, strict=True)
    ]
    placed = _search(cards, xs, runs, levels, frame.k)
    return None if placed is None else _Layout(tuple(placed), scale, levels, slot_h)


def _search(
    cards: Sequence[_Card],
    xs: Sequence[float],
    runs: Sequence[Sequence[tuple[float, float]]],
    levels: int,
    k: float = 1.0,
) -> list[_Placed] | None:
    """A slot for every card (depth first, nearest levels first, sides
    alternating), or None when none is found within the budget."""
    placed: list[_Placed] = []
    budget = _SEARCH_BUDGET

    def place_from(i: int, prefer: int) -> bool:
        nonlocal budget
        if i == len(cards):
            return True
        for level in range(levels):
            for side in (prefer, -prefer):
                for x0, x1 in runs[i]:
                    if not _free(placed, side, level, (x0, x1), xs[i], k):
                        continue
                    budget -= 1
                    if budget < 0:
                        return False
                    placed.append(_Placed(cards[i], xs[i], side, level, x0, x1))
                    if place_from(i + 1, -side):
                        return True
                    placed.pop()
        return False

    return placed if place_from(0, -1) else None


def _free(
    placed: list[_Placed], side: int, level: int, run: tuple[float, float], x: float, k: float
) -> bool:
    x0, x1 = run
    gap, near = _GAP * k, 2 * k
    for p in placed:
        if p.side != side:
            continue
        if p.level == level and x0 < p.x1 + gap and p.x0 < x1 + gap:
            return False
        # A leader runs from the band out to its card: it must not cross a
        # card nearer the band, and no new nearer card may cover an old leader.
        # Events of one day share a pole: a leader running up another card's
        # coloured bar (its text starts beside it) crosses nothing.
        if abs(p.x - x) < 0.5:
            if p.level == level:
                return False
            continue
        if p.level < level and p.x0 - near <= x <= p.x1 + near:
            return False
        if p.level > level and x0 - near <= p.x <= x1 + near:
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
        even = _even_bounds(cards, frame, count)
        if even is not None:
            return even
        # Even shares look calmer than full slides and a stub at the end: the
        # smallest cap on events per slide that still needs no more slides.
        longest = max(b - a for a, b in zip(bounds, bounds[1:], strict=False))
        for cap in range(-(-len(cards) // count), longest):
            layouts = _greedy(cards, frame, cap, count)
            if layouts is not None:
                return _even_out(cards, frame, layouts)
    layouts = [_placed(cards[a:b], frame) for a, b in zip(bounds, bounds[1:], strict=False)]
    return _even_out(cards, frame, layouts)


def _even_bounds(cards: Sequence[_Card], frame: _Frame, count: int) -> list[_Layout] | None:
    """`count` slides whose event counts are as even as placing allows: the
    largest smallest slide, then the smallest largest (no sparse slide of 4
    beside one of 9 when 6 + 7 would place), cut only between days. None
    when no such cut places (the greedy cuts then stand)."""
    n = len(cards)
    reach = _reach(cards, frame)
    cuts = {0, n} | {k for k in range(1, n) if _start(cards[k].event) != _start(cards[k - 1].event)}
    # best[c][p]: (smallest, -largest) slide over cards[:p] cut into c slides
    best: list[dict[int, tuple[int, int]]] = [{0: (n, 0)}]
    back: list[dict[int, int]] = [{}]
    for c in range(1, count + 1):
        best.append({})
        back.append({})
        for q, (lo, neg_hi) in best[c - 1].items():
            for p in range(q + 1, min(reach[q], n) + 1) if q < n else ():
                if p not in cuts:
                    continue
                score = (min(lo, p - q), min(neg_hi, -(p - q)))
                if p not in best[c] or score > best[c][p]:
                    best[c][p], back[c][p] = score, q
    if n not in best[count]:
        return None
    bounds = [n]
    for c in range(count, 0, -1):
        bounds.append(back[c][bounds[-1]])
    bounds.reverse()
    layouts = [_place(cards[a:b], frame) for a, b in zip(bounds, bounds[1:], strict=False)]
    if any(lay is None for lay in layouts):
        return None
    return [lay for lay in layouts if lay is not None]


def _reach(cards: Sequence[_Card], frame: _Frame) -> list[int]:
    """reach[i]: the end of the longest run of cards from i that places on
    one slide (a run that places, less its first card, places too)."""
    n = len(cards)
    reach: list[int] = []
    for i in range(n):
        j = max(reach[-1] if reach else i + 1, i + 1)
        while j < n and _place(cards[i : j + 1], frame) is not None:
            j += 1
        reach.append(j)
    return reach


def _placed(cards: Sequence[_Card], frame: _Frame) -> _Layout:
    """`_place` for cards already known to fit together."""
    layout = _place(cards, frame)
    if layout is None:  # the chunking only asks for runs it has placed
        raise AssertionError("a timeline slide that placed before no longer places")
    return layout


def _even_out(cards: Sequence[_Card], frame: _Frame, layouts: list[_Layout]) -> list[_Layout]:
    """Greedy slides fill from the front and may leave a stub at the end (31
    events as 5+5+5+5+5+5+1): move an event across a boundary while one side
    holds two more than the other, each move re-placed and kept only if both
    slides place and no day is cut."""
    sizes = [len(lay.placed) for lay in layouts]
    moved = True
    while moved:
        moved = False
        for j in range(len(sizes) - 1, 0, -1):
            a = sum(sizes[: j - 1])
            end = a + sizes[j - 1] + sizes[j]
            if sizes[j - 1] > sizes[j] + 1:
                cut = a + sizes[j - 1] - 1  # the last event of j - 1 goes on
            elif sizes[j] > sizes[j - 1] + 1:
                cut = a + sizes[j - 1] + 1  # the first event of j comes back
            else:
                continue
            if cards[cut].event.date.ordinal == cards[cut - 1].event.date.ordinal:
                continue
            prev, nxt = _place(cards[a:cut], frame), _place(cards[cut:end], frame)
            if prev is None or nxt is None:
                continue
            layouts[j - 1], layouts[j] = prev, nxt
            sizes[j - 1], sizes[j] = cut - a, end - cut
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
        if lay is None:  # not even one card: the chunking before said it fits
            return None
        layouts.append(lay)
        i += n
    return layouts


@dataclass(frozen=True)
class _Band:
    """Where the time band and the marker rows sit on a slide."""

    top: float  # the band's top edge; markers above sit on it
    bottom: float  # its bottom edge; markers below hang from it
    left: float
    right: float


def timeline_slides(
    maker: SlideMaker,
    talk: Talk,
    timeline: Timeline,
    events: Sequence[Event],
    title: Text,
    location: Location,
) -> list[Draft]:
    """One slide when every card fits on one; else an overview of the whole
    timeline (eras, every marker, the years, the labels that fit, the full
    legend) and detail slides by period, titled with their era and years."""
    from deckgen.layout.deck.slides import Draft

    st = maker.style
    kind: SlideKind = "timeline"
    events = sorted(events, key=lambda e: e.date)  # stable: same-day order kept
    if not events:
        return []
    body = _body(st)
    groups = [g for g in timeline.groups if any(e.group == g.id for e in events)]
    others = talk.look.others
    ungrouped = any(timeline.group(e.group) is None for e in events)
    if others is not None and others.label is not None and ungrouped:
        # the events without a group: their own legend entry (the look's)
        groups.append(Group("", others.label))
    full = _frame(body, _legend_height(st, talk, groups, timeline.eras, body.w), st.scale)
    # detail slides name their era in the title; their legend shows the groups
    detail = _frame(body, _legend_height(st, talk, groups, (), body.w), st.scale)
    cards = _card_width(maker, talk, events, detail)
    if _place(cards, full) is not None:
        head = maker.title_box(kind, title, location)
        single = _Layout_slide(maker, talk, timeline, _placed(cards, full), body, groups, head)
        return [Draft(kind, head.text, single.elements, location, groups=single.groups)]
    chunks = _chunks(cards, detail, location)
    overview = _overview(cards, full)
    head = maker.title_box(kind, title, location)
    drafts = [_draft(maker, talk, timeline, overview, body, groups, head, location, cards)]
    for chunk in chunks:
        head = _period_head(maker, timeline, [p.card.event for p in chunk.placed], location)
        lay = _Layout_slide(
            maker,
            talk,
            timeline,
            chunk,
            body,
            groups,
            head,
            with_eras=False,
            role="Timeline period",
        )
        drafts.append(
            Draft(kind, head.text, lay.elements, location, continued=True, groups=lay.groups)
        )
    maker.warn(
        f"timeline {plain(title)!r}: {len(events)} events shown on an overview and "
        f"{len(chunks)} slides by period, so that no labels overlap",
        location,
    )
    return drafts


def _body(st: DeckStyle) -> Box:
    """The timeline's box. Its distances are a 960 x 540 slide's times
    `st.scale`, so a smaller 16:9 slide shows the periods the full-size one
    does; the grid's body there is shorter than its scaled height, as the
    footer band (16 pt, for 11 pt text) and the rule (4 pt) keep their sizes.
    The timeline takes that room back from the gap above the footer band;
    a template's own body box is kept as it is."""
    body = st.body_box_for("timeline")
    if body != st.body_box or st.scale >= 1.0:
        return body
    fixed = (st.footer_h + st.rule.h) * (1.0 - st.scale)
    return replace(body, h=body.h + fixed)


def plain(text: Text | str) -> str:
    return text if isinstance(text, str) else text.plain


def _frame(body: Box, legend_h: float, k: float = 1.0) -> _Frame:
    area = Box(body.x, body.y, body.w, body.h - legend_h - (8 * k if legend_h else 0))
    usable = area.h - 2 * (_MARK + _LEAD) * k - _BAND * k
    inset = (_MARK / 2 + 2) * k  # markers at the ends stay on the band
    return _Frame(area.x + inset, area.right - inset, area, usable, k)


def _card_width(
    maker: SlideMaker, talk: Talk, events: Sequence[Event], frame: _Frame
) -> list[_Card]:
    """Narrow cards pack more events per slide; wider ones keep titles short
    and large. The widest card that needs no more slides than the narrow."""
    best: tuple[int, list[_Card]] | None = None
    for divisor in (4.5, 4.2, 4.0, 3.8, 3.6):
        width = round(frame.area.w / divisor, 2)
        try:
            cards = _cards(maker, talk, events, width)
            count = len(_chunks(cards, frame, events[0].location))
        except RenderError:
            if best is None:
                raise
            break
        if best is None or count <= best[0]:
            best = (count, cards)
    assert best is not None
    return best[1]


def _period_head(
    maker: SlideMaker, timeline: Timeline, events: Sequence[Event], location: Location
) -> TextBox:
    """A detail slide's title on one line: 'Space Race, 1957–1963' (the era most
    of its events fall in, else the timeline's title, and the years they
    span), else the years alone."""
    first = min(e.date.year for e in events)
    last = max((e.end or e.date).year for e in events)
    years = str(first) if first == last else f"{first}\u2013{last}"

    def count(era: Era) -> int:
        return sum(1 for e in events if era.start.ordinal <= e.date.ordinal <= end_ordinal(era.end))

    eras = [era for era in timeline.eras if count(era)]
    name = max(eras, key=count).label.plain if eras else plain(timeline.title or "")
    if name:
        try:
            return maker.title_box("timeline", f"{name}, {years}", location, max_lines=1)
        except RenderError:
            pass
    return maker.title_box("timeline", years, location, max_lines=1)


@dataclass(frozen=True)
class _SlideParts:
    elements: list[Element]
    groups: tuple[ShapeGroup, ...]


def _Layout_slide(  # noqa: N802 - reads as the thing it makes
    maker: SlideMaker,
    talk: Talk,
    timeline: Timeline,
    chunk: _Layout,
    body: Box,
    groups: Sequence[Group],
    head: TextBox,
    *,
    with_eras: bool = True,
    extra: Sequence[Event] = (),
    role: str = "Timeline",
) -> _SlideParts:
    """A timeline slide's elements: rule, title, then one described group of
    the band, events and legend."""
    st = maker.style
    k = st.scale
    legend_eras = timeline.eras if with_eras else ()
    legend_h = _legend_height(st, talk, groups, legend_eras, body.w)
    frame = _frame(body, legend_h, k)
    half = frame.usable / 2
    top = frame.area.y + half + (_LEAD + _MARK) * k
    band = _Band(top, top + _BAND * k, frame.area.x, frame.area.right)
    chunk = _same_size(chunk, k)
    els: list[Element] = []
    if st.decorated("timeline"):
        els.append(maker.rule())
    els.append(head)
    start = len(els)
    eras = _eras_on(st, timeline.eras, chunk.scale)
    els += _band_elements(st, talk, chunk.scale, band, eras)
    els += _event_elements(st, talk, chunk, band, half)
    els += _bare_markers(st, talk, chunk.scale, band, extra, chunk.placed)
    shown = eras if with_eras else []
    els += _legend(st, talk, groups, shown, body, legend_h)
    described = [p.card.event for p in chunk.placed] + list(extra)
    group = ShapeGroup(f"{role}: {head.text}", _alt(talk, described), start, len(els))
    return _SlideParts(els, (group,))


def _alt(talk: Talk, events: Sequence[Event]) -> str:
    """The group's description, read by a screen reader: every event in date order."""
    lines = [f"{talk.span(e.date, e.end)}: {e.title.plain}" for e in sorted(events, key=_start)]
    return f"Timeline of {len(lines)} events. " + "; ".join(lines) + "."


def _bare_markers(
    st: DeckStyle,
    talk: Talk,
    scale: TimeScale,
    band: _Band,
    events: Sequence[Event],
    placed: Sequence[_Placed] = (),
) -> list[Element]:
    """The overview's unlabelled events: a marker each, on the band's edge
    above or below it, whichever has more room beside the markers already
    there (a cluster of dates spreads over both edges rather than piling
    into one blur)."""
    taken = {side: sorted(p.x for p in placed if p.side == side) for side in (-1, 1)}
    out: list[Element] = []
    for e in sorted(events, key=_start):
        x = scale.to_x(_start(e))

        def room(side: int, x: float = x) -> float:
            return min((abs(x - t) for t in taken[side]), default=1e9)

        mark = _MARK * st.scale
        side = -1 if room(-1) >= min(room(1), mark) else 1
        taken[side].append(x)
        y = band.top - mark if side < 0 else band.bottom
        out.append(
            marker(
                talk.look.group(e.group),
                Box(x - mark / 2, y, mark, mark),
                st.background,
                f"Marker: {e.title.plain}",
            )
        )
    return out


def _draft(
    maker: SlideMaker,
    talk: Talk,
    timeline: Timeline,
    overview: tuple[_Layout, list[Event]],
    body: Box,
    groups: Sequence[Group],
    head: TextBox,
    location: Location,
    cards: Sequence[_Card],
) -> Draft:
    from deckgen.layout.deck.slides import Draft

    chunk, bare = overview
    lay = _Layout_slide(
        maker, talk, timeline, chunk, body, groups, head, extra=bare, role="Timeline overview"
    )
    return Draft("timeline", head.text, lay.elements, location, groups=lay.groups)


_OVERVIEW_LABELS = 8  # the most labels an overview carries


def _overview(cards: Sequence[_Card], frame: _Frame) -> tuple[_Layout, list[Event]]:
    """The whole timeline on one scale: labels for up to `_OVERVIEW_LABELS`
    events spread over its span (first and last, then each time the event
    farthest from those chosen; titles of at most two lines, no word broken),
    the rest as bare markers."""
    scale = _scale([c.event for c in cards], frame)
    chosen: list[int] = []
    best: _Layout | None = None
    order = _spread_order([_start(c.event) for c in cards])
    # the overview labels what reads at a glance, if any card does
    glance = [i for i in order if len(cards[i].title_p.lines) <= 2]
    glance = [i for i in glance if not breaks_words(cards[i].title_p)] or order
    for i in glance:
        if len(chosen) == _OVERVIEW_LABELS:
            break
        trial = sorted([*chosen, i])
        lay = _place([cards[k] for k in trial], frame, scale)
        if lay is not None:
            chosen, best = trial, lay
    if best is None:
        raise RenderError(
            f"timeline label too tall for the slide: {cards[0].event.title.plain!r}; shorten it",
            cards[0].event.location,
        )
    bare = [c.event for k, c in enumerate(cards) if k not in chosen]
    return best, bare


def _spread_order(times: Sequence[float]) -> list[int]:
    """Indexes in the order that spreads them over time: first, last, then the
    one farthest from every one taken (ties: the earliest)."""
    n = len(times)
    order = [0] if n == 1 else [0, n - 1]
    rest = list(range(1, n - 1))
    while rest:
        far = max(rest, key=lambda i: (min(abs(times[i] - times[j]) for j in order), -i))
        order.append(far)
        rest.remove(far)
    return order


def _era_tints(st: DeckStyle) -> tuple[str, ...]:
    """Era fills on the band, taken in turn: three tints that differ from one
    another and from the band's own neutral strip (`_band_base`). In a black
    and white theme (print) tints of one grey differ too little (1.1-1.3:1):
    there, three clearly stepped greys, dark, light and middle in turn, so
    that neighbouring eras differ most (the year labels on them take black
    or white, whichever reads)."""
    if all(is_grey(c) for c in (st.background, st.text, st.accent)):
        return (
            mix(st.background, st.text, 0.5),
            mix(st.background, st.text, 0.1),
            mix(st.background, st.text, 0.3),
        )
    return (
        mix(st.background, st.accent, 0.24),
        mix(st.background, st.text, 0.16),
        mix(st.background, st.accent, 0.12),
    )


def _band_base(st: DeckStyle) -> str:
    return mix(st.background, st.text, 0.06)


def _eras_on(st: DeckStyle, eras: Sequence[Era], scale: TimeScale) -> list[tuple[Era, str]]:
    """The eras a slide's period meets, each with its fill: its own colour,
    else the tints taken in turn over the timeline's eras (so an era keeps
    its tint from slide to slide)."""
    tints = _era_tints(st)
    return [
        (era, era.color or tints[j % len(tints)])
        for j, era in enumerate(eras)
        if era.start.ordinal <= scale.t1 and end_ordinal(era.end) >= scale.t0
    ]


def _band_elements(
    st: DeckStyle, talk: Talk, scale: TimeScale, band: _Band, eras: list[tuple[Era, str]]
) -> list[Element]:
    """The time band: a neutral strip tinted by era, cut at each break, with
    tick marks at both edges and the years (or months, on a short period)."""
    base = _band_base(st)
    h = band.bottom - band.top
    els: list[Element] = [
        Shape(
            "rect",
            Box(band.left, band.top, band.right - band.left, h),
            fill=base,
            name="Timeline axis",
        )
    ]
    fills: list[tuple[float, float, str]] = []
    for era, fill in eras:
        a, b = era.start.ordinal, end_ordinal(era.end)
        xa = band.left if a <= scale.t0 else scale.to_x(a)
        xb = band.right if b >= scale.t1 else scale.to_x(b)
        if xb - xa < 1:
            continue
        fills.append((xa, xb, fill))
        els.append(
            Shape("rect", Box(xa, band.top, xb - xa, h), fill=fill, name=f"Era: {era.label.plain}")
        )
    for seg in scale.breaks:
        cx = (seg.x0 + seg.x1) / 2
        els.append(
            Shape(
                "rect",
                Box(cx - 4, band.top - 2, 8, h + 4),
                fill=st.background,
                name="Axis break",
            )
        )
        for dx in (-4, 4):
            els.append(
                Shape(
                    "line",
                    Box(cx + dx - 3, band.top - 3, 6, h + 6),
                    line=st.muted,
                    line_width=1.5,
                    name="Axis break mark",
                )
            )
    return els + _axis_labels(st, scale, band, fills, base, talk.language)


def _axis_labels(
    st: DeckStyle,
    scale: TimeScale,
    band: _Band,
    fills: list[tuple[float, float, str]],
    base: str,
    language: str,
) -> list[Element]:
    """Tick marks at both edges of the band and the labels between them: the
    years (`Year: 1961`), or months on a period too short for two years
    (`Date: Oct 1957`); a stretch without any gets its year at its middle."""
    style = TextStyle(st.body_font, _YEAR_SIZE * st.scale, st.text, 1.15, align="center")
    stretches = [s for s in scale.segments if not s.compressed]
    labels: list[TextBox] = []

    def add(text: str, at: float, name: str) -> None:
        # A label stays within its stretch of the band, never on a break. Cut
        # by an end, it moves inside a little; one that would move far (but
        # the first of its stretch, which may carry the year) or touch
        # another label is left out; its tick stays.
        seg = next((s for s in stretches if s.x0 - 0.5 <= at <= s.x1 + 0.5), stretches[-1])
        lo, hi = _room(seg, scale, band)
        w = one_line_width(text, style) + 2
        x = min(max(at - w / 2, lo), hi - w)
        first = not any(lo - 0.5 <= tb.box.x <= hi for tb in labels)
        if x < lo - 0.01 or (not first and abs(x - (at - w / 2)) > w / 4):
            return
        if any(x < tb.box.right + 6 and tb.box.x < x + w + 6 for tb in labels):
            return
        under = next((f for a, b, f in fills if a <= at <= b), base)
        p = paragraph(text, replace(style, color=readable_on(under, st.text, minimum=4.5)), w)
        box = Box(x, (band.top + band.bottom - p.line_height) / 2, w, p.line_height)
        labels.append(TextBox(box, (p,), role="label", name=name))

    all_ticks = _ticks(scale, style, language)
    for tk in all_ticks:
        if tk.label is not None:
            add(tk.label, tk.x, f"{'Year' if tk.kind == 'year' else 'Date'}: {tk.label}")
    for seg in stretches:
        if not any(seg.x0 - 0.5 <= tb.box.x + tb.box.w / 2 <= seg.x1 + 0.5 for tb in labels):
            year = str(int((seg.t0 + seg.t1) / 2))
            add(year, (seg.x0 + seg.x1) / 2, f"Year: {year}")
    marks = _tick_marks(st, band, all_ticks, labels)
    return marks + sorted(labels, key=lambda tb: tb.box.x)


def _tick_marks(
    st: DeckStyle, band: _Band, all_ticks: Sequence[Tick], labels: Sequence[TextBox]
) -> list[Element]:
    """Tick marks at both edges of the band. The labels fill the band's
    height: a tick under one would strike through its digits, so ticks stand
    only where no label is."""
    marks: list[Element] = []
    for tk in all_ticks:
        if any(tb.box.x - 2 <= tk.x <= tb.box.right + 2 for tb in labels):
            continue
        length, width = (3.0, 0.75) if tk.label is None else (5.0, 1.0)
        for y in (band.top, band.bottom - length):
            marks.append(
                Shape(
                    "line",
                    Box(tk.x, y, 0, length),
                    line=st.muted,
                    line_width=width,
                    name=f"Tick: {tk.label}" if tk.label else "Tick",
                )
            )
    return marks


def _room(seg: Segment, scale: TimeScale, band: _Band) -> tuple[float, float]:
    """Where labels of an unbroken stretch may go: the stretch, and beside a
    break up to a little before its cut; at the slide's ends, the band's end."""
    lo, hi = seg.x0, seg.x1
    i = scale.segments.index(seg)
    if i == 0:
        lo = band.left
    elif scale.segments[i - 1].compressed:
        lo = (scale.segments[i - 1].x0 + scale.segments[i - 1].x1) / 2 + 8
    if i == len(scale.segments) - 1:
        hi = band.right
    elif scale.segments[i + 1].compressed:
        hi = (scale.segments[i + 1].x0 + scale.segments[i + 1].x1) / 2 - 8
    return lo, hi


def _ticks(scale: TimeScale, style: TextStyle, language: str) -> list[Tick]:
    """Years as the labelled ticks (months between them unlabelled); months or
    days only on a period too short to show two years."""

    def width(label: str) -> float:
        return single_line_width(label, style)

    years = ticks(scale, width, 18.0, language, min_step=1.0)
    if sum(1 for t in years if t.label) >= 2:
        return years
    return ticks(scale, width, 18.0, language)


def _event_elements(
    st: DeckStyle, talk: Talk, chunk: _Layout, band: _Band, half: float
) -> list[Element]:
    """Span bars, leaders, poles, markers and cards, back to front."""
    slot_h = chunk.slot_h
    k = st.scale
    mark, lead, pad = _MARK * k, _LEAD * k, _CARD_PAD * k
    # The levels each side uses spread over its whole half of the slide:
    # the nearest a short lead from the markers, the farthest at the edge.
    offsets = {
        side: _tiers(
            max((p.level for p in chunk.placed if p.side == side), default=0) + 1, slot_h, half, k
        )
        for side in (-1, 1)
    }
    els: list[Element] = []
    marks: list[Element] = []
    for p in chunk.placed:
        ev = p.card.event
        look = talk.look.group(ev.group)
        color = look.color
        title = ev.title.plain
        row_y = band.top - mark if p.side < 0 else band.bottom  # the marker's box
        if ev.end is not None:
            xe = chunk.scale.to_x(end_ordinal(ev.end))
            if xe - p.x > 2:
                els.append(
                    Shape(
                        "roundrect",
                        Box(p.x, row_y + mark / 2 - 3 * k, xe - p.x, 6 * k),
                        fill=color,
                        name=f"Span: {title}",
                    )
                )
        off = offsets[p.side][p.level]
        h = p.card.height
        if p.side < 0:
            cy = band.top - mark - lead - off - h
            ly0, ly1 = cy + h, row_y
        else:
            cy = band.bottom + mark + lead + off
            ly0, ly1 = row_y + mark, cy
        els.append(
            Shape(
                "line",
                Box(p.x, min(ly0, ly1), 0, abs(ly1 - ly0)),
                line=color,
                line_width=1.5,
                name=f"Leader: {title}",
            )
        )
        # the card's flag pole, in its group's colour
        els.append(
            Shape(
                "rect",
                Box(p.x - _POLE * k / 2, cy, _POLE * k, h),
                fill=color,
                name=f"Card bar: {title}",
            )
        )
        box = Box(p.x - mark / 2, row_y, mark, mark)
        marks.append(marker(look, box, st.background, f"Marker: {title}"))
        runs_left = p.x1 <= p.x + 1e-6  # the card runs left of its date
        align: Align = "right" if runs_left else "left"
        date_p = _aligned(p.card.date_p, align, readable_on(st.background, color, st.muted))
        title_p = _aligned(p.card.title_p, align, None)
        w = p.card.width - pad / 2
        x = p.x - p.card.width if runs_left else p.x + pad / 2
        # the text was measured PAD narrower than the card, and the box is
        # PAD/2 narrower: the other half is its inset on the far side
        inset = (pad / 2, 0.0, 0.0, 0.0) if runs_left else (0.0, 0.0, pad / 2, 0.0)
        els.append(
            TextBox(
                Box(x, cy, w, h),
                (date_p, title_p),
                role="label",
                inset=inset,
                name=f"Event: {title}",
            )
        )
    return els + marks  # markers on top of the span bars


def _tiers(levels: int, slot_h: float, half: float, k: float = 1.0) -> list[float]:
    """Distance from the marker row to each level's card, the levels spread over
    `half`: a lead of up to 28 pt for the nearest, the farthest at the edge."""
    room = half - levels * slot_h - (levels - 1) * _LEVEL_GAP * k
    lead = max(0.0, min(28.0 * k, room))
    if levels == 1:
        return [lead]
    pitch = (half - lead - slot_h) / (levels - 1)
    return [lead + k * pitch for k in range(levels)]


def _same_size(chunk: _Layout, k: float = 1.0) -> _Layout:
    """Every card title on a slide at one size (the smallest any card needed):
    a smaller size only ever takes fewer lines, so the placement still holds."""
    size = min(p.card.title_p.size for p in chunk.placed)
    placed = []
    for p in chunk.placed:
        tp = p.card.title_p
        if tp.size != size:
            style = TextStyle(tp.font, size, tp.color, tp.line_height / tp.size)
            tp = paragraph(p.card.event.title, style, p.card.width - _CARD_PAD * k)
            p = replace(p, card=replace(p.card, title_p=tp))
        placed.append(p)
    return replace(chunk, placed=tuple(placed))


def _aligned(p: Paragraph, align: Align, color: str | None) -> Paragraph:
    return replace(p, align=align, color=color or p.color)


# ---------------------------------------------------------------- legend

_LEGEND_ROW = 28.0
_LEGEND_SIZE = 18.0  # large text (WCAG) at its regular weight
_SWATCH = 14.0

# A legend item: its group (a marker) or era fill (a swatch), and its label.
_Item = tuple[GroupStyle | str, Text]


def _legend_items(
    talk: Talk, groups: Sequence[Group], eras: Sequence[tuple[str, Text]]
) -> list[_Item]:
    items: list[_Item] = [(talk.look.group(g.id), g.label) for g in groups]
    return items + [(fill, label) for fill, label in eras]


def _legend_rows(
    st: DeckStyle, items: list[_Item], width: float
) -> list[list[tuple[_Item, float]]]:
    """Items flowed into rows of `width`; a legend that takes several rows
    has them even: the groups on one row and the eras on the next when each
    fits one, else rows as even as the fewest rows allow (never an item
    alone on the last row when it can be helped)."""
    rows = _flowed(st, items, width)
    if len(rows) != 2:
        return rows if len(rows) < 2 else _evened(st, items, width, len(rows))
    groups = [it for it in items if isinstance(it[0], GroupStyle)]
    eras = [it for it in items if not isinstance(it[0], GroupStyle)]
    if groups and eras:
        split = _flowed(st, groups, width) + _flowed(st, eras, width)
        if len(split) == 2:
            return split
    return _evened(st, items, width, 2)


def _evened(
    st: DeckStyle, items: list[_Item], width: float, count: int
) -> list[list[tuple[_Item, float]]]:
    """The rows flowed at the narrowest width that still needs `count` rows."""
    lo, hi = width / count, width
    best = _flowed(st, items, width)
    for _ in range(10):
        mid = (lo + hi) / 2
        trial = _flowed(st, items, mid, width)
        if len(trial) <= count:
            best, hi = trial, mid
        else:
            lo = mid
    return best


def _flowed(
    st: DeckStyle, items: list[_Item], width: float, room: float | None = None
) -> list[list[tuple[_Item, float]]]:
    """Items flowed greedily into rows of `width` (labels at most `room`,
    the legend's real width, less a margin)."""
    style = TextStyle(st.body_font, _LEGEND_SIZE * st.scale, st.muted, 1.15)
    room = width if room is None else room
    rows: list[list[tuple[_Item, float]]] = [[]]
    x = 0.0
    for item in items:
        w = min(one_line_width(item[1], style) + 2, room - 16 * st.scale)
        need = (_SWATCH + 6) * st.scale + w
        if rows[-1] and x + need > width:
            rows.append([])
            x = 0.0
        rows[-1].append((item, w))
        x += need + 22 * st.scale
    return [r for r in rows if r]


def _legend_height(
    st: DeckStyle, talk: Talk, groups: Sequence[Group], eras: Sequence[Era], width: float
) -> float:
    """Room for the legend: every group and every era (the most it can show)."""
    items = _legend_items(talk, groups, [(st.accent, e.label) for e in eras])
    return len(_legend_rows(st, items, width)) * _LEGEND_ROW * st.scale if items else 0.0


def _legend(
    st: DeckStyle,
    talk: Talk,
    groups: Sequence[Group],
    eras: list[tuple[Era, str]],
    body: Box,
    legend_h: float,
) -> list[Element]:
    era_items = [(fill, era.label) for era, fill in eras]
    items = _legend_items(talk, groups, era_items)
    if legend_h <= 0 or not items:
        return []
    style = TextStyle(st.body_font, _LEGEND_SIZE * st.scale, st.muted, 1.15)
    line_h = style.line_height
    row_h, swatch = _LEGEND_ROW * st.scale, _SWATCH * st.scale
    els: list[Element] = []
    y = body.bottom - legend_h
    for row in _legend_rows(st, items, body.w):
        x = body.x
        for (what, label), w in row:
            name = f"Legend: {label.plain}"
            box = Box(x, y + (row_h - swatch) / 2, swatch, swatch)
            if isinstance(what, GroupStyle):
                els.append(marker(what, box, st.background, name + " swatch"))
            else:
                els.append(
                    Shape(
                        "rect", box, fill=what, line=st.muted, line_width=0.5, name=name + " swatch"
                    )
                )
            x += swatch + 6 * st.scale
            p = paragraph(label, style, w)
            box_h = max(line_h, p.height)
            els.append(
                TextBox(Box(x, y + (row_h - line_h) / 2, w, box_h), (p,), role="label", name=name)
            )
            x += w + 22 * st.scale
        y += row_h
    return els
