"""The poster's time axis: proportional stretches, compressed gaps, ticks."""

from __future__ import annotations

import pytest

from deckgen.layout.common.timescale import build_scale, end_ordinal, ordinal, ticks
from deckgen.outline.model import Date


def width(label: str) -> float:
    return 8.0 * len(label)


def labels(scale) -> list[str]:
    return [t.label for t in ticks(scale, width, 10) if t.label]


def test_proportional_without_gaps():
    s = build_scale([1950.0, 2000.0], 0, 1000, gap_threshold=None, break_width=40)
    assert not s.breaks
    # Equal times, equal distances.
    assert s.to_x(1960) - s.to_x(1950) == pytest.approx(s.to_x(1990) - s.to_x(1980))
    assert 0 <= s.to_x(1950) < s.to_x(2000) <= 1000


def test_one_event_decades_away_is_compressed_with_a_break():
    pts = [1957 + i / 4 for i in range(40)] + [2090.0]
    s = build_scale(pts, 0, 1600, gap_threshold=0.25, break_width=40)
    assert len(s.breaks) == 1
    b = s.breaks[0]
    assert b.x1 - b.x0 == pytest.approx(40)
    assert 1967 < b.t0 < b.t1 < 2090
    # The crowded decade now has most of the width.
    assert s.to_x(1967) - s.to_x(1957) > 1000
    assert s.x1 == pytest.approx(1600)


def test_spans_are_never_compressed():
    s = build_scale(
        [1990.0, 2000.0], 0, 1000, gap_threshold=0.05, break_width=40, spans=[(1990.0, 2000.0)]
    )
    assert not s.breaks


def test_at_most_max_breaks_the_longest_gaps():
    # Four empty stretches: 30, 30, 10 and 6 years between busy decades.
    busy = [1900 + i / 4 for i in range(20)]
    pts = busy + [t + 35 for t in busy] + [t + 70 for t in busy] + [1985.0, 1991.0]
    few = build_scale(pts, 0, 2000, gap_threshold=0.04, break_width=40, max_breaks=2)
    assert len(few.breaks) == 2
    # the two longest: 1905-1935 and 1940-1970
    assert all(1904.7 < b.t0 < b.t1 < 1935 or 1939.7 < b.t0 < b.t1 < 1970 for b in few.breaks)
    more = build_scale(pts, 0, 2000, gap_threshold=0.04, break_width=40, max_breaks=6)
    assert len(more.breaks) == 4


def test_balance_gives_crowded_stretches_more_room_and_keeps_order():
    pts = [1957 + i / 20 for i in range(40)] + [1990.0, 1995.0, 2020.0]
    plain = build_scale(pts, 0, 1600, gap_threshold=0.08, break_width=40)
    balanced = build_scale(pts, 0, 1600, gap_threshold=0.08, break_width=40, balance=0.6)
    assert balanced.breaks, "a rate may only change at a break"
    wide = balanced.to_x(1959) - balanced.to_x(1957)
    assert wide > plain.to_x(1959) - plain.to_x(1957)
    xs = [balanced.to_x(t) for t in sorted(pts)]
    assert xs == sorted(xs)


@pytest.mark.parametrize(
    ("points", "expect"),
    [
        ([1900.0, 2000.0], "1900"),  # decades or more
        ([1969.0, 1970.0], "Jan 1970"),  # months, the year on January
        (
            [ordinal(Date(1969, 7, 16).first_day), ordinal(Date(1969, 7, 24).first_day)],
            "1969",
        ),  # days: the first tick carries the year
    ],
)
def test_ticks_suit_the_span(points, expect):
    s = build_scale(points, 0, 1200, gap_threshold=None, break_width=40)
    got = labels(s)
    assert any(expect in g for g in got), got
    xs = [t.x for t in ticks(s, width, 10) if t.label]
    ws = [width(g) for g in got]
    pairs = list(zip(xs, ws, strict=True))
    for (x0, w0), (x1, w1) in zip(pairs, pairs[1:], strict=False):
        assert x0 + w0 / 2 + 10 <= x1 - w1 / 2 + 1e-6, "tick labels collide"


def test_no_ticks_inside_a_break():
    pts = [1957 + i / 4 for i in range(40)] + [2090.0]
    s = build_scale(pts, 0, 1600, gap_threshold=0.25, break_width=40)
    b = s.breaks[0]
    assert not [t for t in ticks(s, width, 10) if b.x0 < t.x < b.x1]


def test_end_ordinal_covers_the_precision():
    assert end_ordinal(Date(1975)) == pytest.approx(1976.0, abs=0.01)
    assert end_ordinal(Date(1975, 7, 19)) == pytest.approx(
        ordinal(Date(1975, 7, 19).first_day) + 1 / 366
    )


def test_an_extent_widens_the_axis_and_stays_proportional():
    """The deck shows the whole of a span ending after the last date."""
    s = build_scale(
        [1994.0, 1995.0], 0, 1000, gap_threshold=None, break_width=40, extent=(1994, 1998.5)
    )
    assert s.t1 >= 1998.5
    assert s.to_x(1998.5) < 1000
    assert s.to_x(1996) - s.to_x(1995) == pytest.approx(s.to_x(1998) - s.to_x(1997))
    # without it, the axis ends at the last date (the poster's axis is unchanged)
    assert build_scale([1994.0, 1995.0], 0, 1000, gap_threshold=None, break_width=40).t1 < 1996


def test_min_gap_keeps_short_empty_stretches_to_scale():
    pts = [1957.0, 1958.0, 1959.0, 1965.0]
    assert build_scale(pts, 0, 1000, gap_threshold=0.3, break_width=30).breaks
    assert not build_scale(pts, 0, 1000, gap_threshold=0.3, break_width=30, min_gap=10).breaks
    assert build_scale(
        [1926.0, 1957.0, 1959.0], 0, 1000, gap_threshold=0.3, break_width=30, min_gap=10
    ).breaks


def test_min_step_labels_the_years_only():
    s = build_scale([1957.75, 1961.3], 0, 840, gap_threshold=None, break_width=40)
    assert any(t.kind == "month" for t in ticks(s, width, 10) if t.label)
    years = [t for t in ticks(s, width, 10, min_step=1.0) if t.label]
    assert [t.label for t in years] == ["1958", "1959", "1960", "1961"]
    assert {t.kind for t in years} == {"year"}


def test_ticks_by_day_stop_at_the_last_day_there_is():
    last = ordinal(Date(9999, 12, 30).first_day)
    s = build_scale([last - 0.01, last], 0, 1200, gap_threshold=None, break_width=40)
    assert [t for t in ticks(s, width, 10) if t.label]  # no OverflowError
