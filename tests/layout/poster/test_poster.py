"""The poster layout: page sizes, legibility floor, no overlaps, fitting."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from poster_helpers import (
    DEFAULT,
    PRINT,
    check_poster,
    dense,
    outline_of,
    reported_missing,
    space_race,
)

from deckgen.errors import RenderError
from deckgen.layout.poster.layout import (
    A2_AREA,
    PAGE_SIZES,
    TITLE_FLOOR,
    TextBlock,
    card_scale,
    layout_poster,
    page_size,
    type_scale,
)
from deckgen.outline.model import Date, Event, Text

MM = 72 / 25.4


def test_page_sizes_in_points():
    assert page_size("A2") == pytest.approx((594 * MM, 420 * MM))
    assert page_size("A2", "portrait") == pytest.approx((420 * MM, 594 * MM))
    assert page_size("A0") == pytest.approx((1189 * MM, 841 * MM))
    assert page_size("24x36in") == pytest.approx((36 * 72, 24 * 72))
    assert page_size("arch-d", "portrait") == pytest.approx((24 * 72, 36 * 72))
    with pytest.raises(RenderError):
        page_size("B5")


def test_type_scale_is_sqrt_of_area_ratio():
    assert type_scale(*page_size("A2")) == pytest.approx(1.0)
    assert type_scale(*page_size("A0")) == pytest.approx(2.0, rel=2e-3)
    assert type_scale(*page_size("A3")) == pytest.approx(math.sqrt(0.5), rel=2e-3)
    w, h = page_size("ARCH-D")
    assert type_scale(w, h) == pytest.approx(math.sqrt(w * h / A2_AREA))


def test_space_race_fits_without_overlap_at_a2():
    p = layout_poster(space_race(), DEFAULT, {})
    assert (p.width, p.height) == pytest.approx(page_size("A2"))
    assert not p.unplaced
    assert len(p.cards) == len(space_race().timeline.events)
    check_poster(p)
    assert not [d for d in p.diagnostics if "no room" in d.message]


@pytest.mark.parametrize("size", sorted(PAGE_SIZES))
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_legibility_floor_at_every_size(size, orientation):
    p = layout_poster(space_race(), DEFAULT, {"size": size, "orientation": orientation})
    floor = TITLE_FLOOR * card_scale(p.width, p.height)
    titles = [e for e in p.elements if isinstance(e, TextBlock) and e.role == "event-title"]
    assert titles, "no event titles drawn"
    assert min(t.size for t in titles) >= floor - 1e-6
    least = {"A2": 20, "A1": 24, "A0": 28.8}
    if size in least:
        assert min(t.size for t in titles) >= least[size] - 0.01
    check_poster(p)


def test_print_theme_is_black_and_white_with_shapes():
    p = layout_poster(space_race(), PRINT, {"size": "A1"})
    check_poster(p)
    colors = set()
    for e in p.elements:
        for attr in ("fill", "stroke", "color"):
            v = getattr(e, attr, None)
            if isinstance(v, str) and v.startswith("#"):
                colors.add(v)
    for c in colors:
        r, g, b = (int(c[i : i + 2], 16) for i in (1, 3, 5))
        assert max(r, g, b) - min(r, g, b) <= 12, f"{c} is not a grey"
    shapes = {
        e.shape for e in p.elements if getattr(e, "role", "") == "legend" and hasattr(e, "shape")
    }
    assert len(shapes) == 3, "groups are told apart by shape, not only shade"


def test_dense_pile_never_overlaps_and_reports_what_does_not_fit():
    o = dense(150)
    p = layout_poster(o, DEFAULT, {"size": "A3"})
    check_poster(p)
    assert p.unplaced, "150 events cannot all fit on A3 at the legible size"
    assert reported_missing(p) == len(p.unplaced)
    assert len(p.cards) + len(p.unplaced) == 150
    # Still at the floor, never below.
    assert p.title_size >= TITLE_FLOOR * card_scale(p.width, p.height) - 1e-6


def test_same_day_events_all_placed():
    events = [Event(Date(1969, 7, 20), Text.of(f"Moment {i}"), group="usa") for i in range(8)]
    p = layout_poster(outline_of(events), DEFAULT, {})
    assert not p.unplaced
    check_poster(p)
    # Each card's leader still points at the same date.
    assert len({round(c.date_x, 3) for c in p.cards}) == 1


def test_lone_outlier_gets_a_scale_break():
    events = [Event(Date(1957 + i // 3, 1 + i % 12, 1), Text.of(f"Event {i}")) for i in range(20)]
    events.append(Event(Date(2090, 1, 1), Text.of("Far away")))
    p = layout_poster(outline_of(events, groups=()), DEFAULT, {})
    check_poster(p)
    assert not p.unplaced
    assert p.scale.breaks, "an empty stretch of 80 years should be compressed"


def test_bleed_and_tiling_in_the_model():
    p = layout_poster(space_race(), DEFAULT, {"bleed": True, "crop_marks": True, "tile": "A4"})
    assert p.bleed == pytest.approx(3 * MM)
    assert p.media_margin > p.bleed
    banner = next(e for e in p.elements if getattr(e, "role", "") == "banner")
    assert banner.box.x == pytest.approx(-p.bleed), "the banner runs into the bleed"
    assert p.tiling is not None and p.tiling.paper == "A4"


def test_layout_is_deterministic():
    a = layout_poster(space_race(), DEFAULT, {})
    b = layout_poster(space_race(), DEFAULT, {})
    assert a == b


def test_no_timeline_gives_the_sections_key_points():
    from dataclasses import replace

    o = replace(space_race(), timeline=None)
    p = layout_poster(o, DEFAULT, {})
    assert not p.cards
    assert any("no timeline" in d.message for d in p.diagnostics)
    cells = [lab.box for lab in p.labels if lab.role == "section-card"]
    assert len(cells) == len(o.sections)
    check_poster(p)  # cells overlap no other label and stay on the page
    texts = [e for e in p.elements if isinstance(e, TextBlock) and e.role.startswith("section-")]
    titles = [t for t in texts if t.role == "section-title"]
    assert len(titles) == len(o.sections)
    for t in texts:
        assert any(c.contains(t.box) for c in cells), "section text outside its card"


REAL = Path(__file__).resolve().parents[3] / "content" / "space_race.yaml"


@pytest.mark.skipif(not REAL.exists(), reason="content/space_race.yaml is not there")
@pytest.mark.parametrize(
    ("size", "orientation", "theme"),
    [
        ("A2", "landscape", None),
        ("A0", "landscape", "print"),
        ("A2", "portrait", "midnight"),
        ("A3", "landscape", None),
    ],
)
def test_real_space_race_outline(size, orientation, theme):
    from deckgen.outline import load
    from deckgen.theme import resolve

    outline = load(REAL)
    p = layout_poster(outline, resolve(outline, theme), {"size": size, "orientation": orientation})
    check_poster(p)
    assert not p.unplaced, [d.message for d in p.diagnostics]
    assert len(p.cards) == len(outline.timeline.events)


def test_overview_cuts_a_card_that_cannot_hold_its_points():
    from dataclasses import replace

    from deckgen.outline.model import Point

    o = replace(space_race(), timeline=None)
    many = tuple(Point(Text.of(f"Point number {i} of a very long list")) for i in range(60))
    o = replace(o, sections=(replace(o.sections[0], points=many), *o.sections[1:]))
    p = layout_poster(o, DEFAULT, {})
    (cut,) = [d for d in p.diagnostics if "more points than its card holds" in d.message]
    assert o.sections[0].title.plain in cut.message
    cells = [lab.box for lab in p.labels if lab.role == "section-card"]
    points = [e for e in p.elements if isinstance(e, TextBlock) and e.role == "section-point"]
    assert 0 < len(points) < 60 + sum(len(s.points) for s in o.sections[1:])
    for t in points:
        assert any(c.contains(t.box) for c in cells), "a point outside its card"
