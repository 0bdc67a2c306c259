"""The handout's key dates (pure layout): each row marked with its group's
marker, and above the table a strip of the timeline to scale with a legend."""

from __future__ import annotations

from pathlib import Path

import pytest

import deckgen.outline
import deckgen.theme
from deckgen import fonts
from deckgen.layout.common.plan import plan_talk
from deckgen.layout.common.timescale import end_ordinal
from deckgen.layout.handout.keydates import REACH
from deckgen.layout.handout.layout import KeyDates, layout_handout

REPO = Path(__file__).resolve().parents[3]


def key_dates(outline, theme_name: str | None = None) -> tuple[KeyDates, object, object]:
    theme = deckgen.theme.resolve(outline, override=theme_name)
    talk = plan_talk(outline, theme)
    plan = layout_handout(outline, theme, {}, talk)
    block = next(b for b in plan.blocks if isinstance(b, KeyDates))
    return block, talk, plan


def load_yaml(tmp_path: Path, timeline: str):
    path = tmp_path / "talk.yaml"
    path.write_text(
        "title: Strip\nsections:\n  - title: One\n    summary: Text.\n" + timeline,
        encoding="utf-8",
    )
    return deckgen.outline.load(path)


@pytest.fixture(scope="module")
def sample():
    return deckgen.outline.load(REPO / "content" / "space_race.yaml")


def boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def mark_box(m):
    r = m.size * REACH  # as drawn, outline included
    return (m.x - r, m.y - r, m.x + r, m.y + r)


def text_box(t, font: str):
    face = fonts.family(font).face()
    return (
        t.x,
        t.baseline - face.ascent * t.size,
        t.x + face.width(t.text, t.size),
        t.baseline + face.descent * t.size,
    )


@pytest.mark.parametrize("theme", [None, "print"])
def test_rows_carry_their_groups_marker(sample, theme):
    block, talk, _ = key_dates(sample, theme)
    by_title = {ev.title.plain: ev for ev in sample.timeline.events}
    assert len(block.rows) == len(sample.timeline.events)
    for row in block.rows:
        st = talk.look.group(by_title[row.title.plain].group)
        assert (row.shape, row.color) == (st.shape, st.color)
    assert block.mark_size >= 5  # legible in a table row


@pytest.mark.parametrize("theme", [None, "print"])
def test_every_marker_stands_at_its_date(sample, theme):
    block, talk, _ = key_dates(sample, theme)
    strip = block.strip
    events = sorted(sample.timeline.events, key=lambda ev: ev.date.ordinal)
    marks = strip.marks
    assert len(marks) == len(events)
    for ev, m in zip(events, marks, strict=True):
        assert m.x == pytest.approx(strip.scale.to_x(ev.date.ordinal))
        assert (m.shape, m.color) == (
            talk.look.group(ev.group).shape,
            talk.look.group(ev.group).color,
        )
        assert 0 <= m.x <= strip.width and m.y < strip.axis_y
    xs = [m.x for m in marks]
    assert xs == sorted(xs)
    # To scale: with no break, x is linear in time across the whole axis.
    assert not strip.breaks
    (t0, x0), (t1, x1) = (events[0].date.ordinal, xs[0]), (events[-1].date.ordinal, xs[-1])
    for ev, x in zip(events, xs, strict=True):
        expected = x0 + (ev.date.ordinal - t0) * (x1 - x0) / (t1 - t0)
        assert abs(x - expected) <= 0.02 * strip.width


@pytest.mark.parametrize("theme", [None, "print"])
def test_nothing_in_the_strip_overlaps(sample, theme):
    block, _, plan = key_dates(sample, theme)
    strip = block.strip
    assert strip.width == pytest.approx(plan.geometry.column)  # across the measure
    marks = [mark_box(m) for m in strip.marks + strip.legend]
    texts = [text_box(t, strip.font) for t in strip.texts]
    for i, a in enumerate(marks + texts):
        assert a[0] >= -0.5 and a[2] <= strip.width + 0.5, a
        assert a[1] >= -0.5 and a[3] <= strip.height + 0.5, a
        for b in (marks + texts)[i + 1 :]:
            assert not boxes_overlap(a, b), (a, b)
    # Year labels under the axis, markers above it.
    ticks = [t for t in strip.texts if t.role == "tick"]
    assert [t.text for t in ticks] == ["1960", "1970", "1980", "1990", "2000", "2010", "2020"]
    assert all(t.baseline > strip.axis_y for t in ticks)


def test_legend_is_one_line_of_the_groups(sample):
    block, talk, _ = key_dates(sample)
    legend = [t for t in block.strip.texts if t.role == "legend"]
    assert [t.text for t in legend] == ["USA", "USSR / Russia", "International"]
    assert len({t.baseline for t in legend}) == 1
    legend_marks = block.strip.legend
    assert [(m.shape, m.color) for m in legend_marks] == [
        (st.shape, st.color) for st in talk.look.legend
    ]


def test_eras_are_tinted_bands_at_their_dates(sample):
    block, _, _ = key_dates(sample)
    strip = block.strip
    assert len(strip.bands) == 3
    for era, band in zip(sample.timeline.eras, strip.bands, strict=True):
        t0 = max(era.start.ordinal, strip.scale.t0)
        t1 = min(end_ordinal(era.end), strip.scale.t1)
        assert band.x0 == pytest.approx(strip.scale.to_x(t0), abs=0.5)
        assert band.x1 == pytest.approx(strip.scale.to_x(t1), abs=0.5)
        assert band.bottom == strip.axis_y and band.color != "#FFFFFF"
    assert [t.text for t in strip.texts if t.role == "era"] == [
        "Space Race",
        "Détente & space stations",
        "ISS era",
    ]


def test_a_long_empty_stretch_is_marked_as_a_break(tmp_path):
    outline = load_yaml(
        tmp_path,
        "timeline:\n  events:\n"
        + "".join(f"    - {{date: {y}, title: Early {y}}}\n" for y in (1900, 1902, 1905))
        + "".join(f"    - {{date: {y}, title: Late {y}}}\n" for y in (1990, 1993, 1995)),
    )
    block, talk, _ = key_dates(outline)
    strip = block.strip
    assert len(strip.scale.breaks) == 1
    (a, b), (c, d) = strip.axis  # the axis is cut at the break, marked by two strokes
    assert len(strip.breaks) == 2
    for (p, _), (q, _) in strip.breaks:
        assert b - 4 < min(p, q) and max(p, q) < c + 4
    # Markers are still at their dates, each side of the break.
    xs = [m.x for m in strip.marks]
    assert all(x < b for x in xs[:3]) and all(x > c for x in xs[3:])
    # No groups: no legend, every event in the look's colour for ungrouped events.
    assert not [t for t in strip.texts if t.role == "legend"]
    assert {m.color for m in strip.marks} == {talk.look.group(None).color}
    assert not strip.legend
    # Each stretch of the axis says its years, however short it is.
    years = [t for t in strip.texts if t.role == "tick"]
    for lo, hi in ((a, b), (c, d)):
        assert any(lo <= t.x <= hi and t.text.isdigit() for t in years), (lo, hi)


def test_crowded_dates_stack_upwards_and_never_overlap(tmp_path):
    events = "".join(
        f"    - {{date: 2000-01-{d:02d}, title: Day {d}, group: {'ab'[d % 2]}}}\n"
        for d in range(1, 11)
    )
    outline = load_yaml(tmp_path, f"timeline:\n  groups: {{a: A, b: B}}\n  events:\n{events}")
    block, _, _ = key_dates(outline)
    marks = block.strip.marks[:10]
    assert len({round(m.y, 3) for m in marks}) > 1
    boxes = [mark_box(m) for m in marks]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not boxes_overlap(a, b)


def test_a_lone_event_beyond_a_break_gets_its_year(tmp_path):
    dates = ("1926-03-16", "1957-10-04", "1958-01-31", "1961-04-12", "1961-05-05", "1962-02-20")
    events = "".join(f"    - {{date: {d}, title: E{i}}}\n" for i, d in enumerate(dates))
    block, _, _ = key_dates(load_yaml(tmp_path, f"timeline:\n  events:\n{events}"))
    strip = block.strip
    assert strip.scale.breaks
    first = strip.marks[0]
    years = [t for t in strip.texts if t.role == "tick"]
    assert years[0].text == "1926"
    assert years[0].x < first.x < years[0].x + 40


def test_every_era_is_named_on_the_strip():
    # the dense fixture's "Building the ISS" band was too narrow for its name
    # on one line and went unnamed: it takes two
    from pathlib import Path

    import deckgen.outline
    import deckgen.theme
    from deckgen.layout.handout.layout import KeyDates, layout_handout

    root = Path(__file__).resolve().parents[3]
    outline = deckgen.outline.load(root / "tests/fixtures/outlines/dense-timeline.yaml")
    for paper in ("A4", "Letter"):
        h = layout_handout(outline, deckgen.theme.resolve(outline), {"paper": paper})
        kd = next(b for b in h.blocks if isinstance(b, KeyDates))
        assert kd.strip is not None
        named = " ".join(t.text for t in kd.strip.texts if t.role == "era")
        for era in outline.timeline.eras:
            assert all(word in named.split() for word in era.label.plain.split())
        bands = kd.strip.bands
        for t in (t for t in kd.strip.texts if t.role == "era"):
            band = next(b for b in bands if b.x0 - 1 <= t.x <= b.x1)
            assert t.x + t.size * 0.2 < band.x1
