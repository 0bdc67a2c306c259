"""The poster on the wall: type that grows with the sheet (but slower), cards
near their dates, descriptions wherever there is room, and the small print."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from poster_helpers import DEFAULT, check_poster, leader_problems, outline_of, space_race
from test_poster_dense import _uniform

import deckgen.outline
import deckgen.theme
from deckgen.layout.poster.grow import Placed, grow_cards
from deckgen.layout.poster.layout import layout_poster
from deckgen.layout.poster.model import TextBlock
from deckgen.layout.poster.placement import Slot
from deckgen.layout.poster.tiling import blank_tiles, tile_poster
from deckgen.outline.model import Reference, Text

ROOT = Path(__file__).resolve().parents[3]
DENSE = ROOT / "tests/fixtures/outlines/dense-timeline.yaml"


def titles(p) -> list[TextBlock]:
    return [e for e in p.elements if isinstance(e, TextBlock) and e.role == "event-title"]


def axis_width(p) -> float:
    return max(e.box.w for e in p.elements if getattr(e, "role", "") == "axis")


def test_titles_grow_with_the_sheet_but_slower_than_it():
    o = space_race()
    sizes = {
        s: min(t.size for t in titles(layout_poster(o, DEFAULT, {"size": s})))
        for s in ("A2", "A1", "A0")
    }
    assert sizes["A2"] >= 20 - 1e-6 and sizes["A1"] >= 24 - 1e-6 and sizes["A0"] >= 28.8 - 1e-6
    assert sizes["A2"] <= sizes["A1"] <= sizes["A0"]


@pytest.mark.parametrize("size", ["A2", "A1", "A0"])
def test_dense_fixture_cards_stay_near_their_dates(size):
    o = deckgen.outline.load(DENSE)
    p = layout_poster(o, deckgen.theme.resolve(o), {"size": size})
    check_poster(p)
    assert all(t.size >= {"A2": 20, "A1": 24, "A0": 28.8}[size] - 0.01 for t in titles(p))
    bound = 0.08 * axis_width(p)
    for c in p.cards:
        assert abs(c.anchor - c.date_x) <= bound + 1e-6, (c.title, c.anchor - c.date_x)
    assert not leader_problems(p)


def test_a_bigger_sheet_holds_more_of_a_dense_timeline():
    o = deckgen.outline.load(DENSE)
    theme = deckgen.theme.resolve(o)
    placed = [len(layout_poster(o, theme, {"size": s}).cards) for s in ("A2", "A1", "A0")]
    assert placed[0] < placed[1] == placed[2] == len(o.timeline.events)


def test_every_event_of_the_dense_fixture_is_placed_at_a1():
    o = deckgen.outline.load(DENSE)
    p = layout_poster(o, deckgen.theme.resolve(o), {"size": "A1"})
    check_poster(p)
    assert len(p.cards) == len(o.timeline.events) and not p.unplaced
    assert min(t.size for t in titles(p)) >= 24 - 0.01


def test_sixty_events_are_placed_at_a2():
    p = layout_poster(outline_of(_uniform(60, seed=7)), DEFAULT, {"size": "A2"})
    check_poster(p)
    assert not p.unplaced and len(p.cards) == 60
    assert min(t.size for t in titles(p)) >= 20 - 0.01
    assert not leader_problems(p)
    bound = 0.08 * axis_width(p)
    assert all(abs(c.anchor - c.date_x) <= bound + 1e-6 for c in p.cards)


def test_compact_cards_keep_their_date_where_there_is_room():
    """Title-only cards only where dated ones leave events out: the dense
    fixture at A0 and the sample at A2 keep every date."""
    for o, size in (
        (deckgen.outline.load(DENSE), "A0"),
        (deckgen.outline.load(ROOT / "content/space_race.yaml"), "A2"),
    ):
        p = layout_poster(o, deckgen.theme.resolve(o), {"size": size})
        dates = [e for e in p.elements if getattr(e, "role", "") == "event-date"]
        assert len(dates) == len(p.cards) == len(o.timeline.events)


def test_a_crowded_poster_places_every_event_rather_than_keep_every_date():
    o = outline_of(_uniform(80, seed=7))
    p = layout_poster(o, DEFAULT, {"size": "A1"})
    dates = [e for e in p.elements if getattr(e, "role", "") == "event-date"]
    assert len(p.cards) == 80 and len(dates) < 80
    assert not [d for d in p.diagnostics if "no room for" in d.message]


def test_the_same_layout_every_time():
    o = deckgen.outline.load(DENSE)
    theme = deckgen.theme.resolve(o)
    a, b = (layout_poster(o, theme, {"size": "A1"}) for _ in range(2))
    assert a.elements == b.elements and a.cards == b.cards


def test_eighty_events_are_placed_at_a1():
    p = layout_poster(outline_of(_uniform(80, seed=7)), DEFAULT, {"size": "A1"})
    check_poster(p)
    assert not p.unplaced and len(p.cards) == 80
    assert min(t.size for t in titles(p)) >= 24 - 0.01


@pytest.mark.parametrize("real", [False, True], ids=["helpers", "content"])
def test_descriptions_where_there_is_room_and_never_cut_beside_it(real):
    o = deckgen.outline.load(ROOT / "content/space_race.yaml") if real else space_race()
    theme = deckgen.theme.resolve(o) if real else DEFAULT
    with_text = sum(1 for ev in o.timeline.events if ev.text is not None)
    shown = {}
    for size in ("A2", "A1", "A0"):
        p = layout_poster(o, theme, {"size": size})
        check_poster(p)
        texts = [e for e in p.elements if getattr(e, "role", "") == "event-text"]
        shown[size] = len(texts)
        # a description is whole: never ended with an ellipsis
        assert not any(ln.runs and ln.runs[-1].text.endswith("…") for t in texts for ln in t.lines)
        assert not [d for d in p.diagnostics if "was shortened to fit its card" in d.message]
    assert 0 < shown["A2"] <= shown["A1"] <= shown["A0"]
    assert shown["A0"] >= with_text * 0.8, "the biggest sheet shows (nearly) every description"


def test_a_card_grows_only_into_free_room():
    a = Placed(0, Slot(0, 0.0, 0.0, 90.0), 100.0, 40.0)
    b = Placed(1, Slot(0, 60.0, 50.0, 140.0), 100.0, 40.0)  # above a, overlapping in x
    c = Placed(2, Slot(0, 0.0, 300.0, 390.0), 100.0, 40.0)  # alone
    grown = grow_cards([a, b, c], lambda i, w: (120.0, False), 400.0, 10.0, 8.0)
    assert 0 not in grown, "a would run into b"
    assert grown.get(2) == 120.0 and grown.get(1) == 120.0
    cut = grow_cards(
        [Placed(3, Slot(0, 0.0, 0.0, 90.0), 100.0, 40.0)],
        lambda i, w: (120.0, True),
        400.0,
        10.0,
        8.0,
    )
    assert not cut, "a description that would be cut stays off"


def test_footer_prints_decoded_urls_in_balanced_columns():
    refs = tuple(
        Reference(Text.of(f"Reference number {i} with a title"), url)
        for i, url in enumerate(
            [
                "https://en.wikipedia.org/wiki/Apollo%E2%80%93Soyuz_Test_Project",
                "https://www.esa.int/Science_Exploration/Human_and_Robotic_Exploration/International_Space_Station",
                "https://www.nasa.gov/history/",
                "https://example.org/a",
                "https://example.org/b",
                "https://example.org/c",
            ]
        )
    )
    o = outline_of(space_race().timeline.events, references=refs)
    p = layout_poster(o, DEFAULT, {"size": "A2"})
    footer = [e for e in p.elements if getattr(e, "role", "") == "reference"]
    text = "".join("".join(r.text for r in ln.runs) for t in footer for ln in t.lines)
    assert "%E2%80%93" not in text and "Apollo–Soyuz" in text
    assert "\u200b" not in text, "break marks are never drawn"
    for t in footer:  # a URL broken across lines only at its seams
        for a, b in zip(t.lines, t.lines[1:], strict=False):
            if a.runs and b.runs and a.runs[-1].link and b.runs[0].link:
                end, start = a.runs[-1].text, b.runs[0].text
                assert end[-1] in "/.-–" or start[0] in "?#" or end.endswith(" "), (end, start)
    # balanced: the columns' bottoms differ by less than the tallest block
    cols: dict[float, float] = {}
    for e in p.elements:
        if getattr(e, "role", "") in ("reference", "credit"):
            cols[e.box.x] = max(cols.get(e.box.x, 0.0), e.box.bottom)
    tallest = max(e.box.h for e in p.elements if getattr(e, "role", "") in ("reference", "credit"))
    assert max(cols.values()) - min(cols.values()) <= tallest + 1


def test_blank_tiles_are_skipped():
    t = tile_poster(1190.0, 842.0, "A4")
    from deckgen.layout.common.primitives import Box

    labels = blank_tiles(t, [Box(10, 10, 50, 50)])  # content only in the top-left corner
    assert t.tiles[0].label not in labels
    assert len(labels) == len(t.tiles) - 1
    o = outline_of(space_race().timeline.events)
    p = layout_poster(o, DEFAULT, {"size": "A2", "tile": "A4"})
    assert p.tiling is not None and not p.tiling.skipped  # a full poster skips none


@pytest.mark.parametrize("size", ["A2", "A1", "A0"])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_tick_labels_stay_clear_of_the_break_marks(size, orientation):
    o = deckgen.outline.load(ROOT / "content/space_race.yaml")
    p = layout_poster(o, deckgen.theme.resolve(o), {"size": size, "orientation": orientation})
    marks = [
        (min(x for x, _ in e.points), max(x for x, _ in e.points), e.width)
        for e in p.elements
        if getattr(e, "role", "") == "break" and hasattr(e, "points")
    ]
    assert marks, "the sample's axis has a compressed stretch"
    ticks = [e for e in p.elements if isinstance(e, TextBlock) and e.role == "tick"]
    assert ticks
    for tb in ticks:
        for x0, x1, w in marks:
            # a label clears each slanted stroke (its width included) with air to spare
            assert tb.box.right + w < x0 or x1 + w < tb.box.x, (tb.lines[0].runs[0].text, x0, x1)


def test_the_footer_tightens_before_an_event_is_left_out():
    o = deckgen.outline.load(ROOT / "content/space_race.yaml")
    extra = tuple(
        Reference(
            Text.of(f"An extra reference {i}: a book on the space race, its publisher and year"),
            f"https://example.org/space-race/{i}",
        )
        for i in range(2)
    )
    o = dataclasses.replace(o, references=o.references + extra)
    p = layout_poster(o, deckgen.theme.resolve(o), {"size": "A2", "orientation": "portrait"})
    check_poster(p)
    assert not p.unplaced
    assert len(p.cards) == len(o.timeline.events)
    refs = [e for e in p.elements if isinstance(e, TextBlock) and e.role == "reference"]
    # every reference is still printed, at a legible size (10 pt at A2 at least)
    assert len(refs) == len(o.references)
    assert not [d for d in p.diagnostics if "left out of the footer" in d.message]
    assert min(e.size for e in refs) >= 10 * p.k - 0.01


def test_leader_check_sees_leaders_along_each_other_and_along_card_edges():
    from types import SimpleNamespace

    from deckgen.layout.common.primitives import Box
    from deckgen.layout.poster.model import Card, Stroke

    def poster(*leaders, cards=()):
        strokes = tuple(Stroke(pts, "#000000", 1.0, role="leader") for pts in leaders)
        return SimpleNamespace(elements=strokes, cards=cards)

    card = Card(0, "A card", Box(100, 100, 80, 40), 0, 150, 150, None)
    fan = ((0, 0), (0, 6), (50, 30)), ((0, 0), (0, 6), (-50, 30))  # a shared stub
    assert leader_problems(poster(*fan))
    assert not leader_problems(poster(((0, 0), (50, 30)), ((0, 0), (-50, 30))))
    # a lane 2 points beside a card's side, and one well clear of it
    assert leader_problems(poster(((98, 200), (98, 90)), cards=(card,)))
    assert not leader_problems(poster(((90, 200), (90, 90)), cards=(card,)))
    # a level segment along the card's foot
    assert leader_problems(poster(((90, 141), (170, 141)), cards=(card,)))


def test_the_legend_is_headed_by_the_timelines_word_for_its_groups():
    o = space_race()
    plain = layout_poster(o, DEFAULT, {"size": "A2"})
    assert not [e for e in plain.elements if getattr(e, "role", "") == "legend-head"]
    tl = dataclasses.replace(o.timeline, groups_label=Text.of("Side"))
    p = layout_poster(dataclasses.replace(o, timeline=tl), DEFAULT, {"size": "A2"})
    check_poster(p)
    heads = [e for e in p.elements if isinstance(e, TextBlock) and e.role == "legend-head"]
    assert len(heads) == 1 and heads[0].lines[0].runs[0].text == "Side"
    legend = [e for e in p.elements if isinstance(e, TextBlock) and e.role == "legend"]
    # left of the first legend entry, on its line
    assert heads[0].box.right <= min(e.box.x for e in legend if e.box.y == heads[0].box.y)
