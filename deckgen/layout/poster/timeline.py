"""The poster's timeline: axis rows, eras, ticks, spans, leaders and cards.

`timeline(...)` decides the card style, the axis (or two or three axis rows) and
every card's place, then appends the drawing elements.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from deckgen.color import mix
from deckgen.errors import Diagnostic, RenderError
from deckgen.fonts.wrap import line_height
from deckgen.layout.common.look import Look
from deckgen.layout.common.primitives import Box, TextLine
from deckgen.layout.common.timescale import Segment, TimeScale, end_ordinal, ticks
from deckgen.layout.poster.cards import (
    LEVELS,
    CardText,
    Level,
    card_at_width,
    card_surface,
    card_texts,
    min_card_area,
)
from deckgen.layout.poster.fit import (
    Geometry,
    Row,
    fit_row,
    rows_geometry,
    split,
    spread_row,
    true_scale,
)
from deckgen.layout.poster.grow import Placed, grow_cards
from deckgen.layout.poster.model import Card, Element, Label, Marker, Rect, Stroke, TextBlock
from deckgen.layout.poster.text import Typesetter, bold
from deckgen.outline.model import Event, Outline, Run, Timeline
from deckgen.theme.model import Colors, Theme

# Axis rows tried at each card style: one, else the story cut in two or three
# stretches, one axis above the other (read like lines of text; a tall page
# gains most).
ROWS = (1, 2, 3)
MAX_SPAN_TRACKS = 3  # bars of overlapping spans stacked beside the axis, per side
MIN_EVENTS_PER_ROW = 12  # fewer events than this per row would look lost on the page
MAX_EVENT_WARNINGS = 12  # beyond this, one summary warning instead of one per event
SUMMARY_NAMES = 8  # events the summary names


@dataclass
class Frame:
    """The page's regions, top to bottom."""

    margin: float
    left: float
    right: float
    plot_top: float
    plot_bottom: float


def _span_tracks(intervals: list[tuple[float, float, int]]) -> dict[int, int]:
    """Greedy interval partitioning with a heap: interval id -> track."""
    heap: list[tuple[float, int]] = []
    free: list[int] = []
    out = {}
    n_tracks = 0
    for x0, x1, idx in sorted(intervals):
        while heap and heap[0][0] <= x0:
            _, t = heapq.heappop(heap)
            heapq.heappush(free, t)
        if free:
            t = heapq.heappop(free)
        else:
            t = n_tracks
            n_tracks += 1
        out[idx] = t
        heapq.heappush(heap, (x1, t))
    return out


@dataclass(frozen=True)
class _Try:
    """One layout worth trying: a card style on one, two or three axis rows."""

    li: int  # index into LEVELS
    geo: Geometry
    n_rows: int
    tops: list[float]
    row_h: float
    side_h: float  # depth each side of an axis gets for cards
    capacity: float  # the area cards can fill at most (~80% of both sides)


@dataclass(frozen=True)
class _Choice:
    missing: int  # events left without a card
    li: int
    texts: list[CardText]
    rows: list[Row]
    side_h: float
    geo: Geometry


def timeline(
    outline: Outline,
    theme: Theme,
    ts: Typesetter,
    look: Look,
    frame: Frame,
    k: float,
    surface: str,
    el: list[Element],
    labels: list[Label],
    diags: list[Diagnostic],
    size_name: str,
) -> tuple[int, tuple[TimeScale, ...], list[Card], list[int]]:
    """Lay out and draw the timeline in `frame`; returns the card style's
    index into LEVELS, each row's scale, the cards and the events left out."""
    tl = outline.timeline
    assert tl is not None  # the poster draws a timeline only when there is one
    events = tl.events
    starts = [ev.date.ordinal for ev in events]
    ends = [end_ordinal(ev.end) if ev.end else None for ev in events]
    base_geo = _geometry(tl, ts, k, frame, starts, ends)
    chosen = _choose(outline, theme, ts, look, frame, k, base_geo, starts, ends, surface)
    if chosen is None:
        raise RenderError(
            "poster: the page is too small for even one event card at the legible size",
            tl.location,
        )
    li, texts, rows, side_h, geo = chosen.li, chosen.texts, chosen.rows, chosen.side_h, chosen.geo
    big = len(events) > 300
    for row in rows:
        spread_row(row, texts, LEVELS[li], geo, frame, side_h, k, big)
    if not big and not LEVELS[li].inline:
        texts = _with_descriptions(
            outline, theme, ts, look, LEVELS[li], k, rows, texts, geo, side_h
        )
        texts = _with_pictures(outline, theme, ts, look, LEVELS[li], k, rows, texts, geo, side_h)
    cards: list[Card] = []
    row_diags: list[Diagnostic] = []
    for row in rows:
        _draw_row(
            outline,
            theme,
            ts,
            look,
            frame,
            geo,
            row,
            texts,
            LEVELS[li],
            side_h,
            ends,
            k,
            surface,
            el,
            labels,
            cards,
            row_diags,
        )
    # An era on two rows is reported once.
    for d in row_diags:
        if d not in diags:
            diags.append(d)
    unplaced = sorted(i for row in rows for i in row.missing)
    _report_unplaced(tl, unplaced, size_name, diags)
    scales = []
    for row in rows:
        assert row.scale is not None  # fit_row gave every row its scale
        scales.append(row.scale)
    return li, tuple(scales), cards, unplaced


def _geometry(
    tl: Timeline,
    ts: Typesetter,
    k: float,
    frame: Frame,
    starts: list[float],
    ends: list[float | None],
) -> Geometry:
    """The sizes every axis row shares, at the roomiest card style."""
    era_size = 20 * k
    span_h = 7 * k
    # Spans on one side share tracks; reserve for the worst case.
    spans_pre = [(s, e, i) for i, (s, e) in enumerate(zip(starts, ends, strict=True)) if e]
    n_span_tracks = min(MAX_SPAN_TRACKS, max(_span_tracks(spans_pre).values(), default=-1) + 1)
    return Geometry(
        era_size=era_size,
        era_strip=(line_height(ts.body, era_size) + era_size * 0.5) if tl.eras else 0.0,
        axis_h=30 * k,  # the axis band with its tick labels inside
        band=26 * k + n_span_tracks * (span_h + 3 * k),  # leader band, spans included
        span_h=span_h,
        gap=12 * k,
        stem_inset=14 * k,
        break_w=44 * k,
        row_gap=frame.margin * 0.6,
        lane_gap=9 * k,
    )


def _min_span(events: Sequence[Event]) -> float:
    """The axis shows at least a few units of the coarsest precision used."""
    if any(ev.date.month is None for ev in events):
        return 3.0
    if any(ev.date.day is None for ev in events):
        return 0.5
    return 1 / 12


def _tries(n_events: int, frame: Frame, base_geo: Geometry, k: float) -> Iterator[_Try]:
    """The layouts worth trying, roomy card styles first, at each style one
    axis, then two or three; those hopeless by area alone are skipped (except
    at the last style: something must be drawn)."""
    last = len(LEVELS) - 1
    for li, level in enumerate(LEVELS):
        # Compact cards stand a little closer: more of them fit a side.
        geo = replace(base_geo, gap=7 * k, stem_inset=10 * k) if level.compact else base_geo
        for n_rows in ROWS:
            if n_rows > 1 and n_events < MIN_EVENTS_PER_ROW * n_rows:
                continue
            tops, row_h, side_h = rows_geometry(frame, geo, n_rows)
            # Hopeless by area alone (cards cannot fill more than ~80% of both
            # sides): skip straight to smaller cards, unless nothing is left.
            capacity = 0.8 * 2 * side_h * (frame.right - frame.left) * n_rows
            if li < last and n_events * min_card_area(level, k, geo.gap) > capacity:
                continue
            yield _Try(li, geo, n_rows, tops, row_h, side_h, capacity)


class _Measured:
    """Each style's cards, measured on first use: dated, or the title alone."""

    def __init__(self, outline, theme, ts, look, k, surface) -> None:
        self.args = (outline, theme, ts, look, k, surface)
        self.made: dict[tuple[int, bool], list[CardText]] = {}

    def get(self, li: int, dated: bool = True) -> list[CardText]:
        if (li, dated) not in self.made:
            outline, theme, ts, look, k, surface = self.args
            c = theme.colors
            level = LEVELS[li] if dated else replace(LEVELS[li], dated=False)
            self.made[li, dated] = card_texts(
                outline, ts, look, level, k, outline.language, c.text, c.muted, surface=surface
            )
        return self.made[li, dated]


def _hopeless(t: _Try, texts: list[CardText], n_events: int) -> bool:
    """A card taller than a side, or more card area than the sides hold
    (except at the last style: something must be drawn)."""
    if max(x.height for x in texts) > t.side_h:
        return True
    area = sum((x.width + t.geo.gap) * (x.height + t.geo.gap) for x in texts)
    return t.li < len(LEVELS) - 1 and area > t.capacity * (1.0 if n_events > 150 else 1.15)


def _choose(
    outline: Outline,
    theme: Theme,
    ts: Typesetter,
    look: Look,
    frame: Frame,
    k: float,
    base_geo: Geometry,
    starts: list[float],
    ends: list[float | None],
    surface: str | None = None,
) -> _Choice | None:
    """The first try that places every event (among the compact styles, the
    one showing most descriptions and dates), else the one that placed most."""
    assert outline.timeline is not None
    events = outline.timeline.events
    min_span = _min_span(events)
    big = len(events) > 300  # keep a huge timeline's retries few (n log n each)
    cards = _Measured(outline, theme, ts, look, k, surface)
    chosen: _Choice | None = None
    best: tuple[tuple[bool, int], _Choice] | None = None  # (score, choice) of compact ones
    for t in _tries(len(events), frame, base_geo, k):
        level = LEVELS[t.li]
        if best is not None and (level.inline or not level.dated):
            break  # compact cards placed every event: no need for fewer words
        texts = cards.get(t.li)
        groups = split(starts, t.n_rows)
        if _hopeless(t, texts, len(events)) or not groups:
            continue
        rows = _fit_rows(events, groups, t, starts, ends, texts, frame, k, big, min_span)
        missing = sum(len(row.missing) for row in rows)
        if missing and t.li == LAST_DATED and not big and missing * 4 <= len(events):
            # Before an event is left out: the title alone on the cards
            # of the stretches too crowded for dated ones.
            bare = cards.get(t.li, dated=False)
            got = _undated(events, groups, t, starts, ends, texts, bare, rows, frame, k)
            if got is not None:
                texts, rows, missing = got[0], got[1], 0
        if chosen is None or missing < chosen.missing:
            chosen = _Choice(missing, t.li, texts, rows, t.side_h, t.geo)
        if missing:
            continue
        if big or level.text_lines or level.inline:
            break
        # Compact cards place every event: the compact style (with or without
        # the section line) that then shows most descriptions wins, so a
        # bigger sheet never shows fewer than a smaller one.
        mixed = _mixed(outline, theme, ts, look, k, t, texts, groups, starts, ends, frame)
        picks = [(_score(outline, theme, ts, look, k, p), p) for p in (mixed, chosen) if p]
        # max() keeps the first of equals: an earlier style on a tie
        best = max([best, *picks] if best else picks, key=lambda scored: scored[0])
    return best[1] if best is not None else chosen


# The most compact style with the date on its cards: where it leaves events
# out, the crowded stretches' cards lose their date line (`_undated`).
LAST_DATED = max(i for i, lv in enumerate(LEVELS) if lv.dated and not lv.inline)


def _undated_count(choice: _Choice) -> int:
    return sum(not any(b.role == "event-date" for b in x.blocks) for x in choice.texts)


UNDATED_ROUNDS = 5  # tries at making room with title-only cards (neighbours 2 to 32)


def _undated(
    events: Sequence[Event],
    groups: list[list[int]],
    t: _Try,
    starts: list[float],
    ends: list[float | None],
    texts: list[CardText],
    bare: list[CardText],
    rows: list[Row],
    frame: Frame,
    k: float,
) -> tuple[list[CardText], list[Row]] | None:
    """Cards (and rows) placing every event, with the title alone on the
    cards of the crowded stretches and date and title on all the others:
    each round, the events left out and their neighbours (2, then 4, then 8
    either side in date order) lose their date line. None when even that
    leaves an event out."""
    plain = [False] * len(events)
    min_span = _min_span(events)
    for r in range(UNDATED_ROUNDS):
        reach = 2 << r
        for row in rows:
            for i in row.missing:
                # Neighbours in its own row: the other rows stay as fitted.
                lo, hi = max(row.idx[0], i - reach), min(row.idx[-1], i + reach)
                for j in range(lo, hi + 1):
                    plain[j] = True
        cards = [b if p else x for b, x, p in zip(bare, texts, plain, strict=True)]
        if max(x.height for x in cards) > t.side_h:
            return None
        # Only the rows that left an event out change (reach stays in a row:
        # a neighbour in another row that loses its date costs nothing).
        rows = _fit_rows(
            events, groups, t, starts, ends, cards, frame, k, False, min_span, keep=rows
        )
        if not any(row.missing for row in rows):
            return cards, rows
    return None


def _score(outline, theme, ts, look, k, pick: _Choice) -> tuple[bool, int]:
    """How good a choice that places every event is: a true time scale
    before anything (`fit.true_scale`); then the descriptions it shows, a
    card without its date costing more than a description gains."""
    true = all(row.scale is not None and true_scale(row.scale) for row in pick.rows)
    return true, _described(outline, theme, ts, look, k, pick) - 3 * _undated_count(pick)


def _described(outline, theme, ts, look, k, choice: _Choice) -> int:
    """How many cards of `choice` end up with their description (after
    `_with_descriptions` grows them into free room)."""
    level = LEVELS[choice.li]
    texts = _with_descriptions(
        outline, theme, ts, look, level, k, choice.rows, choice.texts, choice.geo, choice.side_h
    )
    return sum(any(b.role == "event-text" for b in x.blocks) for x in texts)


MIXED_ROUNDS = 8  # tries at giving descriptions to some of a compact poster's cards


def _mixed(
    outline: Outline,
    theme: Theme,
    ts: Typesetter,
    look: Look,
    k: float,
    t: _Try,
    texts: list[CardText],
    groups: list[list[int]],
    starts: list[float],
    ends: list[float | None],
    frame: Frame,
) -> _Choice | None:
    """When every card fits only without descriptions, cards with their whole
    description for as many events as still all fit: every event with a text
    gets it first; those left out, and their neighbours (two either side,
    more when those were compact already), go back to the compact card, a
    few rounds, each on a true time scale only. None when no round places every event."""
    assert outline.timeline is not None
    events = outline.timeline.events
    c = theme.colors
    rich_level = replace(LEVELS[t.li], text_lines=RICH_LINES)
    rich = card_texts(
        outline, ts, look, rich_level, k, outline.language, c.text, c.muted, card_surface(theme)
    )
    use = [ev.text is not None and not r.cut for ev, r in zip(events, rich, strict=True)]
    if not any(use):
        return None
    fits = list(use)
    min_span = _min_span(events)
    reach = 2
    for _ in range(MIXED_ROUNDS):
        cards = [r if u else x for r, x, u in zip(rich, texts, use, strict=True)]
        if max(x.height for x in cards) > t.side_h:
            use = [u and r.height <= t.side_h for u, r in zip(use, rich, strict=True)]
            continue
        # Only on a true time scale: a crowded axis loses to fewer words.
        rows = _fit_rows(
            events, groups, t, starts, ends, cards, frame, k, False, min_span, true_only=True
        )
        missing = [i for row in rows for i in row.missing]
        if not missing:
            return _given_back(
                events, groups, t, starts, ends, rich, texts, use, rows, fits, frame, k
            )
        while not _plainer(use, missing, reach) and reach < len(use):
            # The events left out were plain already: their wider
            # neighbourhood gives up its descriptions.
            reach *= 2
        if not any(use):
            return None
    return None


GIVE_BACK = 24  # tries at giving a description back, one card at a time


def _given_back(events, groups, t, starts, ends, rich, texts, use, rows, fits, frame, k) -> _Choice:
    """The mixed choice that places every event (`use`: the cards with their
    description), with descriptions given back one by one to the cards that
    lost them as neighbours of a card left out, where every event still
    fits on a true time scale: the rounds of `_mixed` take back whole
    neighbourhoods."""
    min_span = _min_span(events)
    # The shortest descriptions first: the likeliest to fit.
    back = sorted(
        (i for i, (u, f) in enumerate(zip(use, fits, strict=True)) if f and not u),
        key=lambda i: (rich[i].height - texts[i].height, i),
    )
    for i in back[:GIVE_BACK]:
        trial = list(use)
        trial[i] = True
        cards = [r if u else x for r, x, u in zip(rich, texts, trial, strict=True)]
        if cards[i].height > t.side_h:
            continue
        got = _fit_rows(
            events, groups, t, starts, ends, cards, frame, k, False, min_span, true_only=True
        )
        if not any(row.missing for row in got):
            use, rows = trial, got
    cards = [r if u else x for r, x, u in zip(rich, texts, use, strict=True)]
    return _Choice(0, t.li, cards, rows, t.side_h, t.geo)


def _plainer(use: list[bool], missing: list[int], reach: float) -> bool:
    """The events left out and their neighbours within `reach` (in date
    order) back to the compact card; whether any card changed."""
    changed = False
    for i in missing:
        for j in range(max(0, i - int(reach)), min(len(use), i + int(reach) + 1)):
            changed = changed or use[j]
            use[j] = False
    return changed


def _fit_rows(
    events: Sequence[Event],
    groups: list[list[int]],
    t: _Try,
    starts: list[float],
    ends: list[float | None],
    texts: list[CardText],
    frame: Frame,
    k: float,
    big: bool,
    min_span: float,
    keep: Sequence[Row] = (),
    true_only: bool = False,
) -> list[Row]:
    """Each row's best axis and placement of its events' cards (`fit_row`);
    `keep`: rows fitted before, kept as they are where no card of theirs
    left out anything (their cards did not change)."""

    def points_of(idx):
        return [starts[i] for i in idx] + [ends[i] for i in idx if ends[i] is not None]

    def span_times_of(idx):
        return [(starts[i], ends[i]) for i in idx if ends[i] is not None]

    rows = []
    for r, idx in enumerate(groups):
        if r < len(keep) and not keep[r].missing:
            rows.append(keep[r])
            continue
        row = Row(idx, t.tops[r], t.tops[r] + t.row_h, events=[events[i] for i in idx])
        row.scale, row.xs, row.slots, row.missing = fit_row(
            row,
            starts,
            points_of,
            span_times_of,
            texts,
            LEVELS[t.li],
            t.geo,
            frame,
            t.side_h,
            k,
            big,
            t.li == len(LEVELS) - 1,
            min_span,
            true_only,
        )
        rows.append(row)
    return rows


RICH_LINES = 12  # a description longer than this stays off its card


# The widths tried for an event's picture, as fractions of its card's: the
# largest that the free room around the card takes.
PICTURE_SCALES = (1.0, 0.75, 0.5)


def _with_pictures(outline, theme, ts, look, level, k, rows, texts, geo, side_h):
    """`texts` with the cards of events that have a picture grown to show it
    under their title where the poster has room (`grow.grow_cards`, as for
    descriptions, after them), as wide as the room allows down to half the
    card: a roomier sheet shows more pictures, and larger."""
    events = outline.timeline.events
    if not any(ev.image is not None for ev in events):
        return texts
    rich, bare = replace(level, text_lines=RICH_LINES), replace(level, text_lines=0)
    made: dict[int, CardText] = {}
    out = list(texts)
    for row in rows:
        placed = [
            Placed(i, slot, out[i].width, out[i].height)
            for i, slot in zip(row.idx, row.slots, strict=True)
            if slot is not None
        ]
        for scale in PICTURE_SCALES:

            def pictured(index: int, width: float, scale: float = scale):
                if events[index].image is None or out[index].picture is not None:
                    return None
                described = any(b.role == "event-text" for b in out[index].blocks)
                c = theme.colors
                lv = rich if described else bare
                card = card_at_width(
                    outline,
                    ts,
                    look,
                    lv,
                    k,
                    outline.language,
                    c.text,
                    c.muted,
                    index,
                    width,
                    scale,
                    surface=card_surface(theme),
                )
                if abs(card.width - width) > 0.01:
                    return None
                made[index] = card
                return card.height, card.cut

            for i in grow_cards(placed, pictured, side_h, geo.gap, 8 * k):
                out[i] = made[i]
    return out


def _with_descriptions(outline, theme, ts, look, level, k, rows, texts, geo, side_h):
    """`texts` with the cards that have room for their whole description
    grown to hold it (`grow.grow_cards`); a description still cut (no room
    to grow) is left off its card: whole or not at all, never '…'."""
    events = outline.timeline.events
    rich = replace(level, text_lines=RICH_LINES)
    made: dict[int, object] = {}

    def at(lv: Level, index: int, width: float) -> CardText:
        c = theme.colors
        return card_at_width(
            outline,
            ts,
            look,
            lv,
            k,
            outline.language,
            c.text,
            c.muted,
            index,
            width,
            surface=card_surface(theme),
        )

    def richer(index: int, width: float):
        if events[index].text is None or (level.text_lines and not texts[index].cut):
            return None
        card = at(rich, index, width)
        if abs(card.width - width) > 0.01:
            return None
        made[index] = card
        return card.height, card.cut

    out = list(texts)
    for row in rows:
        placed = [
            Placed(i, slot, texts[i].width, texts[i].height)
            for i, slot in zip(row.idx, row.slots, strict=True)
            if slot is not None
        ]
        for i in grow_cards(placed, richer, side_h, geo.gap, 8 * k):
            out[i] = made[i]
    bare = replace(level, text_lines=0)
    for i, card in enumerate(out):
        if card.cut and level.text_lines and events[i].text is not None:
            plain = at(bare, i, card.width)
            if not plain.cut and abs(plain.width - card.width) <= 0.01:
                out[i] = plain  # shorter: it stands where the cut card stood
    return out


def _report_unplaced(tl, unplaced, size_name, diags):
    """A lecturer wants to know what is missing and what to do: a warning
    per event with its line, or, when there are many, one warning with the
    count and the first few (a list of hundreds would bury the rest)."""
    if not unplaced:
        return
    events = tl.events
    advice = (
        "only their dates are marked on the axis. Cards grow slower than the sheet, so a "
        "larger size holds more; or leave out minor events, or make two posters"
    )
    if len(unplaced) > MAX_EVENT_WARNINGS:
        shown = unplaced[:SUMMARY_NAMES]
        first = ", ".join(
            f"{events[i].title.plain!r}"
            + (f" (line {events[i].location.line})" if events[i].location.line else "")
            for i in shown
        )
        more = len(unplaced) - len(shown)
        first += f" and {more} more" if more else ""
        diags.append(
            Diagnostic(
                "warning",
                f"poster: no room for {len(unplaced)} of {len(events)} events on the "
                f"{size_name} poster, even with the most compact cards and the axis in rows; "
                f"{advice}. Left out: {first}.",
                tl.location,
            )
        )
        return
    for i in unplaced:
        ev = events[i]
        diags.append(
            Diagnostic(
                "warning",
                f"poster: no room for event {ev.title.plain!r} ({ev.date}) on the {size_name} "
                "poster, even with the most compact cards and a compressed axis; only its date "
                "is marked on the axis. Cards grow slower than the sheet, so a larger size "
                "holds more; or leave out minor events, or make two posters.",
                ev.location,
            )
        )


@dataclass(frozen=True)
class _Band:
    """Where a row's axis band lies and how far its cards stand from it."""

    y: float  # top edge of the axis band
    bottom: float  # its bottom edge
    bnd: float  # the leader band's depth on each side
    stretch: float  # the cards' distances from the axis, multiplied


def _draw_row(
    outline: Outline,
    theme: Theme,
    ts: Typesetter,
    look: Look,
    frame: Frame,
    geo: Geometry,
    row: Row,
    all_texts: list[CardText],
    level: Level,
    side_h: float,
    all_ends: list[float | None],
    k: float,
    surface: str,
    el: list[Element],
    labels: list[Label],
    cards: list[Card],
    diags: list[Diagnostic],
) -> None:
    """One axis row: its eras, axis band, spans, cards and date markers."""
    tl = outline.timeline
    assert tl is not None and row.scale is not None  # a fitted row of a timeline
    c = theme.colors
    events = [tl.events[i] for i in row.idx]
    texts = [all_texts[i] for i in row.idx]
    ends = [all_ends[i] for i in row.idx]
    scale, xs, slots = row.scale, row.xs, row.slots
    band = _vertical(slots, texts, side_h, geo, row)

    # -- eras (behind everything)
    _draw_eras(tl, ts, c, scale, geo, frame, row.top, row.bottom, el, labels, diags)

    # -- the axis band, its breaks and ticks
    axis_fill = mix(c.background, c.text, 0.12)
    el.append(
        Rect(
            Box(frame.left, band.y, frame.right - frame.left, geo.axis_h),
            fill=axis_fill,
            role="axis",
        )
    )
    _draw_breaks(scale, band, geo.axis_h, c.background, c.text, k, el)
    _draw_ticks(
        scale, ts, frame, band, geo.axis_h, c.text, c.muted, k, outline.language, el, labels
    )

    # -- spans as bars on the side of their card
    _draw_spans(tl, look, events, xs, ends, slots, scale, band, geo.span_h, k, el, diags)

    # -- leaders, cards, markers
    shared = _shared_dates(xs, slots)
    for i, (ev, slot) in enumerate(zip(events, slots, strict=True)):
        if slot is None:
            continue
        card = _draw_card(
            ev, slot, xs[i], texts[i], look, level, band, k, surface, c.background, el, i in shared
        )
        cards.append(
            Card(row.idx[i], ev.title.plain, card, slot.side, slot.anchor, xs[i], ev.location)
        )
        if texts[i].cut:
            diags.append(
                Diagnostic(
                    "warning",
                    f"poster: the text of event {ev.title.plain!r} was shortened to fit its card",
                    ev.location,
                )
            )
    for i, ev in enumerate(events):
        st = look.group(ev.group)
        side = slots[i].side if slots[i] is not None else 0
        my = band.y if side == 0 else band.bottom
        el.append(Marker(xs[i], my, 9 * k, st.shape, st.color, c.background, role="date-marker"))


def _shared_dates(xs: list[float], slots: list, near: float = 1.5) -> set[int]:
    """The cards whose date another card on the same side shares (within
    `near` points): their leaders leave the axis from one point, so none
    gets the short straight stub (it would run along the others')."""
    out: set[int] = set()
    for side in (0, 1):
        mine = sorted((xs[i], i) for i, s in enumerate(slots) if s is not None and s.side == side)
        for (xa, a), (xb, b) in zip(mine, mine[1:], strict=False):
            if xb - xa < near:
                out.update((a, b))
    return out


def _vertical(slots: list, texts: list[CardText], side_h: float, geo: Geometry, row: Row) -> _Band:
    """Vertical placement: stretch the cards' distances from the axis (which
    keeps every clearance) and centre what is used in the plot."""
    stretch = 1.6
    for s, t in zip(slots, texts, strict=True):
        if s is not None and s.y > 0:
            stretch = min(stretch, (side_h - t.height) / s.y)
    stretch = max(stretch, 1.0)
    reach = [0.0, 0.0]
    for s, t in zip(slots, texts, strict=True):
        if s is not None:
            reach[s.side] = max(reach[s.side], s.y * stretch + t.height)
    slack = max(0.0, side_h - max(reach))
    bnd = geo.band + min(geo.band * 0.8, slack * 0.3)
    block_above = max(reach) + bnd
    block_below = max(reach) + bnd
    total = block_above + geo.axis_h + block_below
    plot_top = row.top + geo.era_strip
    top = plot_top + max(0.0, (row.bottom - plot_top - total) / 2)
    axis_y = top + block_above  # top edge of the axis band
    return _Band(axis_y, axis_y + geo.axis_h, bnd, stretch)


def _draw_eras(
    tl: Timeline,
    ts: Typesetter,
    c: Colors,
    scale: TimeScale,
    geo: Geometry,
    frame: Frame,
    band_top: float,
    band_bottom: float,
    el: list[Element],
    labels: list[Label],
    diags: list[Diagnostic],
) -> None:
    """Each era's band behind the row (the part of it on this row's axis) and
    its name above."""
    era_boxes = []
    for i, era in enumerate(tl.eras):
        # Each row shows the part of an era that lies on its own axis.
        t0 = max(era.start.ordinal, scale.t0)
        t1 = min(end_ordinal(era.end), scale.t1)
        if t1 <= t0:
            continue
        x0 = scale.to_x(t0)
        x1 = scale.to_x(t1)
        if x1 - x0 < 1:
            continue
        era_boxes.append((i, x0, x1))
        base = era.color or (c.accent if i % 2 == 0 else c.muted)
        fill = mix(c.background, base, 0.10 if i % 2 == 0 else 0.14)
        el.append(Rect(Box(x0, band_top, x1 - x0, band_bottom - band_top), fill=fill, role="era"))
    _era_labels(tl, ts, era_boxes, geo.era_size, frame, band_top, c, el, labels, diags)


def _draw_breaks(
    scale: TimeScale,
    band: _Band,
    axis_h: float,
    background: str,
    ink: str,
    k: float,
    el: list[Element],
) -> None:
    """A compressed stretch: the band is cut and two slanted strokes mark it."""
    for seg in scale.breaks:
        cx = (seg.x0 + seg.x1) / 2
        gw = _break_gap(seg, k)
        el.append(
            Rect(
                Box(cx - gw / 2, band.y - 2 * k, gw, axis_h + 4 * k),
                fill=background,
                role="break",
            )
        )
        for dx in (-gw / 2, gw / 2):
            el.append(
                Stroke(
                    ((cx + dx - 4 * k, band.bottom + 5 * k), (cx + dx + 4 * k, band.y - 5 * k)),
                    ink,
                    1.6 * k,
                    role="break",
                )
            )


def _draw_ticks(
    scale: TimeScale,
    ts: Typesetter,
    frame: Frame,
    band: _Band,
    axis_h: float,
    ink: str,
    muted: str,
    k: float,
    lang: str,
    el: list[Element],
    labels: list[Label],
) -> None:
    """The ticks, labelled ones longer, their labels inside the axis band."""
    tick_size = 15 * k
    axis_y = band.y
    tick_list = ticks(scale, lambda s: ts.width((Run(s),), ts.body, tick_size), 18 * k, lang)
    tick_asc = ts.ascent(ts.body, tick_size)
    placed: list[Box] = []
    for tk in tick_list:
        if tk.label is None:
            el.append(Stroke(((tk.x, axis_y), (tk.x, axis_y + 5 * k)), muted, 0.8 * k, role="tick"))
            continue
        el.append(Stroke(((tk.x, axis_y), (tk.x, axis_y + 8 * k)), ink, 1.2 * k, role="tick"))
        lw = ts.width((Run(tk.label),), ts.body, tick_size)
        lx = _tick_label_x(scale, frame, tk.x, lw, placed, k)
        if lx is None:
            continue  # no room in its stretch: the tick stays, unlabelled
        ly = axis_y + (axis_h - tick_size * 1.05) / 2 + 2.5 * k
        tb = TextBlock(
            Box(lx, ly, lw, tick_size * 1.1),
            (TextLine((Run(tk.label),), lw),),
            ts.body,
            tick_size,
            tick_size * 1.2,
            tick_asc,
            ink,
            role="tick",
        )
        el.append(tb)
        placed.append(tb.box)
        labels.append(Label("tick", tb.box))


def _break_gap(seg: Segment, k: float) -> float:
    """The width of the cut drawn in a compressed stretch (`_draw_breaks`)."""
    return min(12 * k, seg.x1 - seg.x0)


def _label_room(scale: TimeScale, frame: Frame, at: float, k: float) -> tuple[float, float]:
    """Where a tick label at `at` may go: its stretch of the axis, clear of the
    slanted strokes of the breaks beside it; at the ends, the frame's edge."""
    segs = scale.segments
    i = next(
        (j for j, s in enumerate(segs) if not s.compressed and s.x0 - 0.5 <= at <= s.x1 + 0.5),
        None,
    )
    lo, hi = frame.left + 4 * k, frame.right - 4 * k
    if i is None:
        return lo, hi
    # a break's strokes reach 4k beyond its cut, each 1.6k wide; 5k more of air
    if i > 0 and segs[i - 1].compressed:
        b = segs[i - 1]
        lo = max(lo, (b.x0 + b.x1) / 2 + _break_gap(b, k) / 2 + 10 * k)
    if i < len(segs) - 1 and segs[i + 1].compressed:
        b = segs[i + 1]
        hi = min(hi, (b.x0 + b.x1) / 2 - _break_gap(b, k) / 2 - 10 * k)
    return lo, hi


def _tick_label_x(
    scale: TimeScale, frame: Frame, at: float, w: float, placed: list[Box], k: float
) -> float | None:
    """The left edge of a tick label of width `w` centred on its tick as far
    as its stretch allows; None when it does not fit there, would move far
    from its tick (but the first of its stretch) or touch another label."""
    lo, hi = _label_room(scale, frame, at, k)
    x = min(max(at - w / 2, lo), hi - w)
    if x < lo - 0.01:
        return None
    first = not any(lo - 0.5 <= b.x <= hi for b in placed)
    if not first and abs(x - (at - w / 2)) > w / 4:
        return None
    if any(x < b.right + 6 * k and b.x < x + w + 6 * k for b in placed):
        return None
    return x


def _draw_spans(
    tl: Timeline,
    look: Look,
    events: list[Event],
    xs: list[float],
    ends: list[float | None],
    slots: list,
    scale: TimeScale,
    band: _Band,
    span_h: float,
    k: float,
    el: list[Element],
    diags: list[Diagnostic],
) -> None:
    """Spans as bars beside the axis on their card's side, overlapping ones in
    tracks; those beyond MAX_SPAN_TRACKS get none (reported)."""
    spans = [
        (xs[i], scale.to_x(end), i)
        for i, end in enumerate(ends)
        if end is not None and slots[i] is not None
    ]
    no_bar = 0
    for side in (0, 1):
        mine = [s for s in spans if slots[s[2]].side == side]
        tracks = _span_tracks(mine)
        for x0, x1, i in mine:
            st = look.group(events[i].group)
            t = tracks[i]
            if t >= MAX_SPAN_TRACKS:
                no_bar += 1
                continue
            off = 4 * k + t * (span_h + 3 * k)
            y0 = band.y - off - span_h if side == 0 else band.bottom + off
            el.append(
                Rect(
                    Box(x0, y0, max(x1 - x0, 3 * k), span_h),
                    fill=st.color,
                    radius=span_h / 2,
                    role="span",
                )
            )
    if no_bar:
        diags.append(
            Diagnostic(
                "warning",
                f"poster: {no_bar} overlapping span(s) got no bar beside the axis (more than "
                f"{MAX_SPAN_TRACKS} at once on one side); their cards still give both dates",
                tl.location,
            )
        )


def _draw_card(
    ev: Event,
    slot,
    x: float,
    txt: CardText,
    look: Look,
    level: Level,
    band: _Band,
    k: float,
    surface: str,
    background: str,
    el: list[Element],
    shared: bool = False,
) -> Box:
    """One event's leader, card (with its group's stripe and marker) and text;
    returns the card's box. `shared`: another card's leader leaves the axis
    at the same date (then the leader goes straight out from the axis, no
    stub: two stubs would lie on each other)."""
    st = look.group(ev.group)
    stripe = 6 * k
    h = txt.height
    if slot.side == 0:
        box = Box(slot.left, band.y - band.bnd - slot.y * band.stretch - h, txt.width, h)
        base_y, knee_y, out_y = band.y, band.y - band.bnd, box.bottom
        step = -6 * k
    else:
        box = Box(slot.left, band.bottom + band.bnd + slot.y * band.stretch, txt.width, h)
        base_y, knee_y, out_y = band.bottom, band.bottom + band.bnd, box.y
        step = 6 * k
    pts: tuple[tuple[float, float], ...]
    start = ((x, base_y),) if shared else ((x, base_y), (x, base_y + step))
    if slot.jog:
        # Up its lane, then a jog into the card's first line.
        jog_y = box.y + min(h / 2, level.title * k * 0.9 + 6 * k)
        # The lane stands left of its card, or right of it (a mirrored stack).
        edge = box.right if slot.anchor > box.right else box.x
        pts = (*start, (slot.anchor, knee_y), (slot.anchor, jog_y), (edge, jog_y))
    else:
        pts = (*start, (slot.anchor, knee_y), (slot.anchor, out_y))
    el.append(Stroke(pts, st.color, 1.3 * k, role="leader"))
    el.append(
        Rect(
            box,
            fill=surface,
            stroke=mix(surface, st.color, 0.55),
            stroke_width=0.8 * k,
            radius=4 * k,
            role="card",
        )
    )
    el.append(
        Rect(
            Box(box.x, box.y, stripe, box.h),
            fill=st.color,
            role="card-stripe",
            hatch=background if st.hatch else None,
        )
    )
    for tb in txt.blocks:
        el.append(replace(tb, box=replace(tb.box, x=tb.box.x + box.x, y=tb.box.y + box.y)))
    if txt.picture is not None:
        pic = txt.picture
        at = replace(pic.box, x=pic.box.x + box.x, y=pic.box.y + box.y)
        el.append(replace(pic, box=at, grey=look.grey_pictures))
    date_tb = next((b for b in txt.blocks if b.role == "event-date"), None)
    if date_tb is None:
        return box  # a title-only card: no date, no marker beside it
    mark = level.small * k * 0.75
    el.append(
        Marker(
            box.x + stripe + 10 * k + mark / 2,
            box.y + date_tb.box.y + date_tb.ascent - level.small * k * 0.35,
            mark,
            st.shape,
            st.color,
            surface,
            role="card-marker",
        )
    )
    return box


def _era_labels(tl, ts, era_boxes, size, frame, band_top, c, el, labels, diags):
    """Era names in one line above the plot, centred on their band and no wider
    than it (shortened with an ellipsis, reported), so they never overlap."""
    gap = size * 0.6
    for i, x0, x1 in era_boxes:
        era = tl.eras[i]
        runs = bold(era.label)
        full = ts.width(runs, ts.body, size)
        avail = min(x1, frame.right) - max(x0, frame.left) - gap
        if avail < size * 2.5:
            diags.append(
                Diagnostic(
                    "warning",
                    f"poster: era {era.label.plain!r} is too short on the axis for its "
                    "name; only its band is shown",
                    era.location,
                )
            )
            continue
        w = min(full, avail)
        lx = max(x0, frame.left) + gap / 2 + (avail - w) / 2
        tb, cut = ts.block(
            runs,
            ts.body,
            size,
            lx,
            band_top + size * 0.3,
            w + 0.01,
            c.muted,
            max_lines=1,
            role="era-label",
        )
        if cut:
            diags.append(
                Diagnostic(
                    "warning",
                    f"poster: the name of era {era.label.plain!r} was shortened to fit its band",
                    era.location,
                )
            )
        el.append(tb)
        labels.append(Label("era-label", tb.box))
