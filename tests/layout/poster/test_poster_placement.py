"""Property tests: the card placement never overlaps, however dense the dates.

`placement.place` is pure geometry, so hundreds of random timelines run in
a second; `layout_poster` (real fonts) is checked on fewer, denser ones.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from poster_helpers import DEFAULT, check_poster, outline_of, reported_missing

from deckgen.layout.poster.layout import layout_poster
from deckgen.layout.poster.placement import Item, place
from deckgen.outline.model import Date, Event, Text

GAP, INSET, STEM_GAP = 12.0, 14.0, 8.0


def _xs():
    # Same-x piles, tight clusters and lone outliers, all in one list.
    pile = st.lists(st.just(300.0), min_size=0, max_size=12)
    cluster = st.lists(st.floats(500, 560), min_size=0, max_size=25)
    spread = st.lists(st.floats(0, 1600), min_size=0, max_size=40)
    return st.tuples(pile, cluster, spread).map(lambda t: sorted(t[0] + t[1] + t[2]))


@settings(max_examples=150, deadline=None)
@given(
    xs=_xs(),
    widths=st.lists(st.floats(60, 260), min_size=1, max_size=5),
    heights=st.lists(st.floats(30, 140), min_size=1, max_size=5),
    depth=st.floats(150, 600),
)
def test_placement_never_overlaps(xs, widths, heights, depth):
    items = [Item(x, widths[i % len(widths)], heights[i % len(heights)]) for i, x in enumerate(xs)]
    slots = place(
        items,
        0,
        1700,
        depth,
        gap=GAP,
        stem_inset=INSET,
        stem_gap=STEM_GAP,
        max_shift=300,
        height_cost=0.4,
    )
    placed = [(it, s) for it, s in zip(items, slots, strict=True) if s is not None]
    for it, s in placed:
        assert s.left >= 0 - 1e-6 and s.left + it.w <= 1700 + 1e-6
        assert s.y >= 0 and s.y + it.h <= depth + 1e-6
        assert s.left <= s.anchor <= s.left + it.w
        assert it.x - 1e-9 <= s.anchor <= it.x + 300 + 1e-6
    for side in (0, 1):
        mine = [(it, s) for it, s in placed if s.side == side]
        for i, (a, sa) in enumerate(mine):
            for b, sb in mine[i + 1 :]:
                apart_x = (
                    sa.left + a.w + GAP <= sb.left + 1e-6 or sb.left + b.w + GAP <= sa.left + 1e-6
                )
                apart_y = sa.y + a.h + GAP <= sb.y + 1e-6 or sb.y + b.h + GAP <= sa.y + 1e-6
                assert apart_x or apart_y, "two cards overlap"
                # Stems: from the axis (y=0) to the card's near edge.
                for (c, sc), (d, sd) in (((a, sa), (b, sb)), ((b, sb), (a, sa))):
                    if sd.left < sc.anchor < sd.left + d.w:
                        assert sd.y >= sc.y + c.h, "a card covers another card's stem"
                # Leaders across the band stay in order: they cannot cross.
                assert sb.anchor > sa.anchor
            # (dates are sorted, anchors increase: straight leaders never cross)


@st.composite
def _timeline(draw):
    n_pile = draw(st.integers(0, 10))
    n_cluster = draw(st.integers(0, 30))
    n_spread = draw(st.integers(1, 30))
    day = st.integers(0, 28 * 365)
    events = []
    for i in range(n_pile):
        events.append((Date(1969, 7, 20), None, i))
    for i in range(n_cluster):
        d = draw(st.integers(0, 400))
        events.append((Date(1961 + d // 365, 1 + (d // 31) % 12, 1 + d % 28), None, i))
    for i in range(n_spread):
        d = draw(day)
        span = draw(st.one_of(st.none(), st.integers(1, 3000)))
        start = Date(1950 + d // 365, 1 + (d // 31) % 12, 1 + d % 28)
        end = None
        if span is not None:
            e = d + span
            end = Date(1950 + e // 365, 1 + (e // 31) % 12, 1 + e % 28)
            if end < start:
                end = None
        events.append((start, end, i))
    if draw(st.booleans()):
        events.append((Date(2150), None, 0))  # one event alone, far away
    title_words = draw(st.integers(1, 9))
    return [
        Event(
            d,
            Text.of(" ".join(["Word"] * (1 + (j % title_words))) + f" {j}"),
            end=e,
            group=("usa", "ussr", "intl")[j % 3],
            section=("origins", None)[j % 2],
        )
        for j, (d, e, _) in enumerate(events)
    ]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    events=_timeline(),
    size=st.sampled_from(["A3", "A2", "A0"]),
    orientation=st.sampled_from(["landscape", "portrait"]),
)
def test_poster_never_overlaps_on_random_dense_timelines(events, size, orientation):
    p = layout_poster(outline_of(events), DEFAULT, {"size": size, "orientation": orientation})
    check_poster(p)
    assert len(p.cards) + len(p.unplaced) == len(events)
    assert reported_missing(p) == len(p.unplaced)
