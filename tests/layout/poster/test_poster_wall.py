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
from deckgen.layout.common.timescale import end_ordinal
from deckgen.layout.poster.grow import Placed, grow_cards
from deckgen.layout.poster.layout import layout_poster
from deckgen.layout.poster.model import TextBlock, page_size
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
    if real:
        # The sample (31 events, each with a description) keeps its true
        # time scale and still shows a third of them at A2, most at A1, all
        # at A0: compact title-only cards only where the sheet is crowded.
        assert with_text == 31
        assert shown["A2"] >= 11 and shown["A1"] >= 25 and shown["A0"] == with_text, shown


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


MM = 72 / 25.4


def test_a_sheet_holding_only_a_sliver_its_neighbour_shows_is_skipped():
    from deckgen.layout.common.primitives import Box
    from deckgen.layout.poster.tiling import OVERLAP

    t = tile_poster(1190.0, 842.0, "A4")  # A3 on landscape A4: 2 x 2
    a2 = t.tiles[1]
    # a card reaching 5 mm into A2's window: inside A1's glue strip, which A1 prints
    sliver = Box(a2.window.x - 40, 100, 40 + 5 * MM, 60)
    assert sliver.right < a2.window.x + OVERLAP
    skipped = blank_tiles(t, [Box(10, 10, 50, 50), sliver])
    assert "A1" not in skipped and "A2" in skipped
    # reaching further than the strip, A2 holds something of its own: printed
    wider = Box(sliver.x, sliver.y, sliver.w + OVERLAP, sliver.h)
    assert "A2" not in blank_tiles(t, [Box(10, 10, 50, 50), wider])
    # A1 then keeps its strip (nothing covers it), with no registration mark in it
    t = tile_poster(1190.0, 842.0, "A4", [Box(10, 10, 50, 50), sliver])
    assert t.skipped == ("A2", "B1", "B2") and [x.label for x in t.printed] == ["A1"]
    a1 = t.printed[0]
    assert a1.cut.w == pytest.approx(a1.window.w) and a1.cut.h == pytest.approx(a1.window.h)
    assert not a1.registration
    # a sliver in the strip of a sheet that is itself left out is not shown: printed
    alone = Box(a2.window.x + 1, 100, 5 * MM, 60)
    grid = tile_poster(1190.0, 842.0, "A4")
    assert "A2" not in blank_tiles(grid, [alone]) and "A1" in blank_tiles(grid, [alone])


def test_tiles_in_the_orientation_that_prints_fewest_sheets():
    from deckgen.layout.common.primitives import Box

    # a banner 230 mm wide across the top of an A2: two portrait sheets, one landscape
    banner = [Box(0, 0, 230 * MM, 40 * MM)]
    a2 = page_size("A2")
    assert len(tile_poster(*a2, "A4").tiles) == 8  # portrait (4 x 2): the smaller grid
    t = tile_poster(*a2, "A4", banner)
    assert t.sheet_w > t.sheet_h and len(t.printed) == 1
    assert len(t.tiles) - len(t.skipped) == 1


@pytest.mark.parametrize("size", ["A2", "A1", "A0"])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_tick_labels_stay_clear_of_the_break_marks(size, orientation):
    # The dense fixture's axis is cut once, between 1927 and 1956 (30 empty
    # years of its 100); the sample's has no stretch empty for that long.
    o = deckgen.outline.load(DENSE)
    p = layout_poster(o, deckgen.theme.resolve(o), {"size": size, "orientation": orientation})
    marks = [
        (
            min(x for x, _ in e.points),
            max(x for x, _ in e.points),
            min(y for _, y in e.points),
            max(y for _, y in e.points),
            e.width,
        )
        for e in p.elements
        if getattr(e, "role", "") == "break" and hasattr(e, "points")
    ]
    assert marks, "the dense fixture's axis has a compressed stretch"
    ticks = [e for e in p.elements if isinstance(e, TextBlock) and e.role == "tick"]
    assert ticks
    for tb in ticks:
        for x0, x1, y0, y1, w in marks:
            if tb.box.bottom < y0 or tb.box.y > y1:
                continue  # another axis row
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
    # every reference is still printed, at a legible size (10 pt at A2 at least);
    # a long one may run on into the next column
    starts = [e for e in refs if e.lines[0].runs[0].text.startswith("[")]
    assert len(starts) == len(o.references)
    assert not [d for d in p.diagnostics if "left out of the footer" in d.message]
    assert min(e.size for e in refs) >= 10 * p.k - 0.01


@pytest.mark.parametrize("size", ["A2", "A1", "A0"])
@pytest.mark.parametrize("which", ["sample", "dense"])
def test_the_axis_is_one_time_scale_cut_only_where_nothing_happens(which, size):
    """A true time scale wherever it holds every card: one rate along each
    axis, at most two breaks, each over a long empty stretch (no event, no
    span), never a piece per decade. The dense fixture does not fit a true
    scale: its crowded decades are magnified before an event is left out,
    but a break still never cuts a stretch that holds an event."""
    o = deckgen.outline.load(ROOT / "content/space_race.yaml" if which == "sample" else DENSE)
    p = layout_poster(o, deckgen.theme.resolve(o), {"size": size})
    events = o.timeline.events
    for scale in p.scales:
        for b in scale.breaks:
            for ev in events:
                end = end_ordinal(ev.end) if ev.end else ev.date.ordinal
                assert end <= b.t0 or ev.date.ordinal >= b.t1, ev.title.plain
        if which == "dense":
            continue
        rates = {
            round((s.x1 - s.x0) / (s.t1 - s.t0), 6)
            for s in scale.segments
            if not s.compressed and s.t1 > s.t0
        }
        assert len(rates) == 1, rates
        assert len(scale.breaks) <= 2
        span = scale.t1 - scale.t0
        assert all(b.t1 - b.t0 >= 0.1 * span for b in scale.breaks)


def test_a_sparse_axis_is_not_cut_when_its_cards_fit_uncut():
    # six events over twelve years, each pause a quarter of the span or more
    o = deckgen.outline.load(ROOT / "content/gallery.yaml")
    for size in ("A3", "A2"):
        p = layout_poster(o, deckgen.theme.resolve(o), {"size": size})
        assert not p.unplaced and not p.scale.breaks


@pytest.mark.parametrize("size", ["A2", "A1", "A0"])
@pytest.mark.parametrize("which", ["sample", "dense"])
def test_a_date_on_a_card_never_breaks_inside(which, size):
    """'3 Jun' / '1965' or '14 May 1973 – 8' / 'Feb 1974' never: a date is
    whole on its line, a span breaks only after its dash."""
    o = deckgen.outline.load(ROOT / "content/space_race.yaml" if which == "sample" else DENSE)
    p = layout_poster(o, deckgen.theme.resolve(o), {"size": size})
    dates = [e for e in p.elements if isinstance(e, TextBlock) and e.role == "event-date"]
    # a crowded card may show its title alone (the dense fixture's at A2 all do)
    assert len(dates) <= len(p.cards) and (dates or (which, size) == ("dense", "A2"))
    spans = 0
    for tb in dates:
        lines = ["".join(r.text for r in ln.runs) for ln in tb.lines]
        spans += "–" in "".join(lines)
        for line in lines[:-1]:
            assert line.rstrip().endswith(("–", "—")), lines
    if which == "dense" and dates:
        assert spans  # the fixture's spans ('14 May 1973 – 8 Feb 1974') are among them


def _footer_blocks(p) -> list[TextBlock]:
    return [
        e
        for e in p.elements
        if isinstance(e, TextBlock) and e.role in ("credit", "reference") and e.box.y > p.height / 2
    ]


def _plain_lines(tb: TextBlock) -> list[str]:
    return ["".join(r.text for r in ln.runs).replace("\u00a0", " ").strip() for ln in tb.lines]


@pytest.mark.parametrize("size", ["A2", "A1", "A0"])
def test_sample_footer_says_its_source_once_in_balanced_columns(size):
    o = deckgen.outline.load(ROOT / "content/space_race.yaml")
    p = layout_poster(o, deckgen.theme.resolve(o), {"size": size})
    blocks = _footer_blocks(p)
    text = " ".join(" ".join(_plain_lines(b)) for b in blocks)
    # the source is reference [1]: printed there, 'Based on' it, and not again
    assert text.count("Paving the Way for International") == 1, text
    assert "[1] Based on:" in text
    # balanced: the columns hold the same number of lines, give or take one
    lines: dict[float, int] = {}
    for b in blocks:
        lines[round(b.box.x, 1)] = lines.get(round(b.box.x, 1), 0) + len(b.lines)
    assert len(lines) == 4 and max(lines.values()) - min(lines.values()) <= 1, lines


@pytest.mark.parametrize("size", ["A2", "A1"])
def test_dense_footer_runs_across_the_width_and_keeps_each_key_entry_whole(size):
    o = deckgen.outline.load(DENSE)
    p = layout_poster(o, deckgen.theme.resolve(o), {"size": size})
    (key,) = _footer_blocks(p)  # the fixture's footer is the key to the '§' marks alone
    assert len(key.lines) == 1  # across the width, not in a narrow column of its own
    assert "§4 Spaceflight Today" in _plain_lines(key)[0]
    # a key too long for one line breaks between its entries only
    sections = tuple(
        dataclasses.replace(s, title=Text.of(f"{s.title.plain}: a much longer section title"))
        for s in o.sections
    )
    long = dataclasses.replace(o, sections=sections * 3)
    p = layout_poster(long, deckgen.theme.resolve(o), {"size": size})
    (key,) = _footer_blocks(p)
    assert len(key.lines) > 1
    for line in _plain_lines(key)[1:]:
        assert line.startswith("§"), _plain_lines(key)


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


def test_every_cards_date_reads_on_the_card_however_the_card_was_made(tmp_path):
    # A faint group colour: the date falls back to the text colour on every
    # card, those measured first and those grown later to hold a description
    # or picture alike (grown cards used to keep the unreadable colour).
    from deckgen.color import contrast
    from deckgen.layout.poster.cards import card_surface

    text = (ROOT / "content/space_race.yaml").read_text(encoding="utf-8")
    faint = text.replace("    usa: USA\n", "    usa: {label: USA, color: '#F2F2F2'}\n", 1)
    assert faint != text
    (tmp_path / "talk.yaml").write_text(faint, encoding="utf-8")
    for pic in (ROOT / "content/images").iterdir():
        (tmp_path / "images").mkdir(exist_ok=True)
        (tmp_path / "images" / pic.name).write_bytes(pic.read_bytes())
    o = deckgen.outline.load(tmp_path / "talk.yaml")
    theme = deckgen.theme.resolve(o)
    surface = card_surface(theme)
    for size in ("A2", "A1"):
        p = layout_poster(o, theme, {"size": size})
        dates = [e for e in p.elements if getattr(e, "role", "") == "event-date"]
        described = [e for e in p.elements if getattr(e, "role", "") == "event-text"]
        assert dates and described
        low = [
            (d.color, round(contrast(d.color, surface), 2))
            for d in dates
            if contrast(d.color, surface) < 4.5
        ]
        assert not low, (size, low)
