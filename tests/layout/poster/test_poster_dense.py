"""Dense timelines on the poster: columns, an even choice over time, honest reports."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from poster_helpers import DEFAULT, check_poster, outline_of, reported_missing

from deckgen.layout.poster.cards import LEVELS
from deckgen.layout.poster.columns import place_columns
from deckgen.layout.poster.fit import _evenly
from deckgen.layout.poster.layout import layout_poster
from deckgen.layout.poster.model import card_scale
from deckgen.layout.poster.placement import Item
from deckgen.layout.poster.stacks import place_stacks
from deckgen.outline.model import Date, Event, Text


def _uniform(n: int, seed: int = 3) -> list[Event]:
    rnd = random.Random(seed)
    base = dt.date(1900, 1, 1)
    out = []
    for i in range(n):
        d = base + dt.timedelta(days=rnd.randrange(0, 120 * 365))
        out.append(
            Event(
                Date(d.year, d.month, d.day),
                Text.of(f"Event {i}: a title of several words"),
                group=("usa", "ussr", "intl")[i % 3],
                section="origins",
            )
        )
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    xs=st.lists(st.floats(0, 1500), min_size=1, max_size=80),
    widths=st.lists(st.floats(60, 330), min_size=80, max_size=80),
    heights=st.lists(st.floats(30, 90), min_size=80, max_size=80),
    lean=st.floats(0, 1),
    reach=st.floats(0, 500),
)
def test_columns_never_overlap_and_lanes_stay_in_gutters(xs, widths, heights, lean, reach):
    xs = sorted(xs)
    items = [Item(x, w, h) for x, w, h in zip(xs, widths, heights, strict=False)]
    slots = place_columns(items, 0, 1600, 300, gap=10, lane_gap=8, lean=lean, reach=reach)
    boxes = []
    for it, s in zip(items, slots, strict=True):
        if s is None:
            continue
        assert s.jog
        assert s.left >= 0 and s.left + it.w <= 1600 + 1e-6
        assert s.y >= 0 and s.y + it.h <= 300 + 1e-6
        assert s.anchor < s.left  # the lane is in the gutter, left of the card
        boxes.append((s.side, s.left, s.left + it.w, s.y, s.y + it.h, s.anchor))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a[0] != b[0]:
                continue
            apart_x = a[2] <= b[1] or b[2] <= a[1]
            apart_y = a[4] <= b[3] or b[4] <= a[3]
            assert apart_x or apart_y, "two cards overlap"
            # No lane passes through another card of its side.
            for (l0, r0, y0, _y1), lane, lane_top in (
                ((b[1], b[2], b[3], b[4]), a[5], a[3]),
                ((a[1], a[2], a[3], a[4]), b[5], b[3]),
            ):
                if l0 < lane < r0:
                    assert y0 >= lane_top, "a lane runs through a card"
    # Per side, lanes increase with the dates: the leaders never cross.
    for side in (0, 1):
        lanes = [s.anchor for s in slots if s is not None and s.side == side]
        assert lanes == sorted(lanes)


def test_evenly_takes_one_event_per_stretch_of_the_axis():
    xs = [0, 1, 2, 3, 4, 5, 100, 200, 300, 400]
    prios = [0] * len(xs)
    keep = _evenly(xs, prios, 4)
    # Four stretches of 100 points: the crowded start gives one card, not six.
    assert len(keep) == 4
    assert sum(1 for j in keep if xs[j] < 100) == 1
    prios[2] = 5
    assert 2 in _evenly(xs, prios, 4), "the event of highest priority in its stretch"


def test_too_many_events_are_chosen_over_the_whole_span_and_summarised():
    o = outline_of(_uniform(600))
    p = layout_poster(o, DEFAULT, {"size": "A2"})
    check_poster(p)
    assert p.unplaced and len(p.cards) >= 30
    years = sorted(o.timeline.events[c.index].date.year for c in p.cards)
    # Cards from the whole 120 years, not only the first decades.
    assert years[0] < 1915 and years[-1] > 2005
    gaps = [b - a for a, b in zip(years, years[1:], strict=False)]
    # (each card within 8% of the axis from its date: a little less even)
    assert max(gaps) <= 20
    # One summary warning (with the count and the first few), not hundreds.
    summary = [d for d in p.diagnostics if "no room for" in d.message]
    assert len(summary) == 1
    assert f"no room for {len(p.unplaced)} of 600 events" in summary[0].message
    assert reported_missing(p) == len(p.unplaced)


def test_few_missing_events_are_each_reported_with_their_line():
    events = [
        Event(Date(1961, 4, 12), Text.of(f"Same-day event {i} with a long title"), section="iss")
        for i in range(30)
    ]
    p = layout_poster(outline_of(events), DEFAULT, {"size": "A3"})
    check_poster(p)
    per_event = [d for d in p.diagnostics if "no room for event" in d.message]
    if 0 < len(p.unplaced) <= 12:
        assert len(per_event) == len(p.unplaced)
    assert reported_missing(p) == len(p.unplaced)


def test_one_line_cards_keep_the_title_floor_and_fit_their_text():
    inline = [lv for lv in LEVELS if lv.inline]
    assert inline and all(lv.title >= 20 for lv in inline)
    o = outline_of(_uniform(120, seed=9))
    p = layout_poster(o, DEFAULT, {"size": "A2"})
    check_poster(p)  # text inside its card, no overlap, leaders clear of other cards
    assert p.title_size >= 20 - 1e-9


def test_two_axis_rows_split_the_story_and_never_overlap(monkeypatch):
    import deckgen.layout.poster.timeline as tl

    monkeypatch.setattr(tl, "ROWS", (2,))
    o = outline_of(_uniform(60, seed=5))
    p = layout_poster(o, DEFAULT, {"size": "A2"})
    check_poster(p)
    assert len(p.scales) == 2
    upper, lower = p.scales
    # The upper axis tells the first part of the story, the lower the rest.
    assert upper.t0 < lower.t0 and upper.t1 <= lower.t1
    axes = sorted(e.box.y for e in p.elements if getattr(e, "role", "") == "axis")
    assert len(axes) == 2 and axes[1] - axes[0] > p.height * 0.25
    assert reported_missing(p) == len(p.unplaced)


def test_one_line_cards_alone_never_overlap(monkeypatch):
    import deckgen.layout.poster.timeline as tl

    monkeypatch.setattr(tl, "LEVELS", tuple(lv for lv in LEVELS if lv.inline))
    o = outline_of(_uniform(80, seed=11))
    for size in ("A3", "A2", "A0"):
        p = layout_poster(o, DEFAULT, {"size": size})
        check_poster(p)
        titles = [e for e in p.elements if getattr(e, "role", "") == "event-title"]
        floor = 20 * card_scale(p.width, p.height)
        assert titles and all(t.size >= floor - 1e-9 for t in titles)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    xs=st.lists(st.floats(0, 1500), min_size=1, max_size=80),
    widths=st.lists(st.floats(60, 330), min_size=80, max_size=80),
    heights=st.lists(st.floats(30, 90), min_size=80, max_size=80),
    reach=st.floats(50, 5000),
    spare=st.integers(0, 1),
    drift=st.floats(40, 400),
)
def test_stacks_never_overlap_and_their_leaders_never_cross(
    xs, widths, heights, reach, spare, drift
):
    xs = sorted(xs)
    items = [Item(x, w, h) for x, w, h in zip(xs, widths, heights, strict=False)]
    slots = place_stacks(
        items, 0, 1600, 300, gap=10, lane_gap=7, reach=reach, spare=spare, max_drift=drift
    )
    placed = [(it, s) for it, s in zip(items, slots, strict=True) if s is not None]
    for it, s in placed:
        assert s.jog and s.left >= 0 and s.left + it.w <= 1600 + 1e-6
        assert s.y >= 0 and s.y + it.h <= 300 + 1e-6
        assert abs(s.anchor - it.x) <= drift + 1e-6, "a lane within the bound of its date"
        # the lane in a gutter beside its card, never under it
        assert s.anchor < s.left or s.anchor > s.left + it.w
    for i, (a, sa) in enumerate(placed):
        for b, sb in placed[i + 1 :]:
            if sa.side != sb.side:
                continue
            apart_x = sa.left + a.w <= sb.left or sb.left + b.w <= sa.left
            apart_y = sa.y + a.h <= sb.y or sb.y + b.h <= sa.y
            assert apart_x or apart_y, "two cards overlap"
            # a lane passes no card nearer the axis than its own, and no
            # jog from a lane into its card crosses a lane running further out
            for (it, s), (_, lane_s) in (((b, sb), (a, sa)), ((a, sa), (b, sb))):
                if s.left < lane_s.anchor < s.left + it.w:
                    assert s.y >= lane_s.y, "a lane runs through a card"
                edge = s.left if s.anchor < s.left else s.left + it.w
                if min(s.anchor, edge) < lane_s.anchor < max(s.anchor, edge):
                    assert lane_s.y < s.y, "a jog crosses a lane"
    # Per side, lanes increase with the dates: the leaders never cross.
    for side in (0, 1):
        lanes = [s.anchor for s in slots if s is not None and s.side == side]
        assert lanes == sorted(lanes)
