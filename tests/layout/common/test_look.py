"""The shared look (layout/common/look.py): one colour and one marker shape per
timeline group, decided once for every output."""

from __future__ import annotations

from pathlib import Path

import pytest

import deckgen.outline
import deckgen.theme
from deckgen.layout.common.look import SHAPES, is_grey, look_of
from deckgen.layout.common.plan import plan_talk

REPO = Path(__file__).resolve().parents[3]


def outline_with(tmp_path: Path, groups: str, overrides: str = "", theme: str = "default"):
    """An outline whose timeline has these `groups:` (YAML lines, indented 4)."""
    events = "\n".join(
        f"    - {{date: {1950 + i}, title: Event {i}, group: {gid}}}"
        for i, gid in enumerate(line.split(":")[0].strip() for line in groups.strip().splitlines())
    )
    text = (
        f"title: Groups\ntheme: {theme}\n{overrides}"
        "sections:\n  - title: One\n    summary: Text.\n"
        f"timeline:\n  groups:\n{groups}\n  events:\n{events}\n"
    )
    path = tmp_path / "talk.yaml"
    path.write_text(text, encoding="utf-8")
    outline = deckgen.outline.load(path)
    return outline, deckgen.theme.resolve(outline)


def distance(a: str, b: str) -> float:
    pa = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    pb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return sum((x - y) ** 2 for x, y in zip(pa, pb, strict=True)) ** 0.5


SIX = "\n".join(f"    g{i}: Group {i}" for i in range(6))


@pytest.mark.parametrize("theme", ["default", "midnight", "print"])
def test_stable(tmp_path, theme):
    """The same outline gets the same look every time; a group added at the
    end changes none of the others."""
    outline, th = outline_with(tmp_path, SIX, theme=theme)
    first, again = look_of(outline, th), look_of(outline, th)
    assert first == again
    assert plan_talk(outline, th).look == first
    more, th_more = outline_with(tmp_path, SIX + "\n    g6: Group 6", theme=theme)
    grown = look_of(more, th_more)
    for i in range(6):
        assert grown.group(f"g{i}") == first.group(f"g{i}")


@pytest.mark.parametrize("theme", ["default", "midnight"])
def test_colour_themes_give_distinct_colours_and_shapes(tmp_path, theme):
    outline, th = outline_with(tmp_path, SIX, theme=theme)
    look = look_of(outline, th)
    styles = look.legend
    assert [st.id for st in styles] == [f"g{i}" for i in range(6)]
    colours = [st.color for st in styles]
    # The theme's palette has five colours: the first five differ clearly.
    for i, a in enumerate(colours[:5]):
        for b in colours[i + 1 : 5]:
            assert distance(a, b) > 60, (a, b)
    assert [st.shape for st in styles] == list(SHAPES)
    assert not look.grey and not any(st.hatch for st in styles)
    assert not any(is_grey(c) for c in colours)


def test_a_colour_too_close_to_a_given_one_is_skipped(tmp_path):
    # g0 is given the palette's second colour; the palette's turn passes it by.
    outline, th = outline_with(
        tmp_path, "    g0: {label: A, color: '#C8102E'}\n    g1: B\n    g2: C"
    )
    look = look_of(outline, th)
    palette = th.colors.palette
    assert look.group("g0").color == "#C8102E"
    assert look.group("g1").color == palette[0]
    assert look.group("g2").color == palette[2]


def test_outline_colour_wins_over_theme_colour(tmp_path):
    overrides = "theme_overrides:\n  colors:\n    groups: {usa: '#00AA00', ussr: '#AA00AA'}\n"
    groups = "    usa: {label: USA, color: '#123456'}\n    ussr: USSR\n    intl: Intl"
    outline, th = outline_with(tmp_path, groups, overrides)
    look = look_of(outline, th)
    assert look.group("usa").color == "#123456"  # the outline's own
    assert look.group("ussr").color == "#AA00AA"  # the theme's, for a group it names
    assert look.group("intl").color in th.colors.palette  # the palette's, for the rest
    # Shapes follow the outline's order, whoever gave the colour.
    assert [look.group(g).shape for g in ("usa", "ussr", "intl")] == list(SHAPES[:3])


def test_print_theme_gives_greys_distinct_shapes_and_hatching(tmp_path):
    groups = "    usa: USA\n    ussr: USSR\n    intl: Intl\n    eu: Europe"
    outline, th = outline_with(tmp_path, groups, theme="print")
    look = look_of(outline, th)
    assert look.grey
    styles = look.legend
    assert all(is_grey(st.color) for st in styles)
    assert is_grey(look.group(None).color)
    assert len({st.shape for st in styles}) == len(styles)
    assert [st.hatch for st in styles] == [False, True, False, True]
    # Greys that photocopy apart: no two neighbours in the legend alike.
    for a, b in zip(styles, styles[1:], strict=False):
        assert distance(a.color, b.color) > 40


def test_print_theme_keeps_an_outline_colour(tmp_path):
    outline, th = outline_with(
        tmp_path, "    a: {label: A, color: '#CC0000'}\n    b: B", "", "print"
    )
    look = look_of(outline, th)
    assert look.group("a").color == "#CC0000"
    assert is_grey(look.group("b").color)


def test_events_without_a_group_get_the_accent(tmp_path):
    outline, th = outline_with(tmp_path, "    a: A")
    look = look_of(outline, th)
    assert look.group(None).color == th.colors.accent
    assert look.group("no such group") == look.group(None)
    assert look.group(None).id is None and look.group(None).label is None


@pytest.mark.parametrize("theme", ["default", "midnight", "print"])
def test_events_without_a_group_look_neutral_and_have_a_legend_entry(theme):
    # the dense fixture's ungrouped events wore the accent (orange) circle, a
    # marker no legend explained, with an empty Group cell in the handout
    from deckgen.layout.common.look import NEUTRAL
    from deckgen.layout.handout.layout import KeyDates, layout_handout

    path = REPO / "tests/fixtures/outlines/dense-timeline.yaml"
    outline = deckgen.outline.load(path)
    th = deckgen.theme.resolve(outline, theme)
    talk = plan_talk(outline, th)
    look = talk.look
    others = look.others
    assert others is not None and others.label is not None
    assert others.label.plain == "Other" and look.legend[-1] is others
    assert others.color == NEUTRAL
    assert others.shape not in {st.shape for st in look.legend[:-1]}
    assert look.group(None) is others
    # every output: the deck's legend, the handout's strip and table
    legends = {
        e.name
        for slide in talk.deck.slides
        for e in slide.elements
        if (getattr(e, "name", "") or "").startswith("Legend:")
    }
    assert "Legend: Other" in legends
    h = layout_handout(outline, th, {}, talk)
    kd = next(b for b in h.blocks if isinstance(b, KeyDates))
    assert kd.strip is not None
    assert "Other" in [t.text for t in kd.strip.texts if t.role == "legend"]
    ungrouped = [e for e in outline.timeline.events if e.group is None]
    assert ungrouped
    assert all(r.group for r in kd.rows)
    assert sum(r.group == "Other" for r in kd.rows) == len(ungrouped)


def test_a_timeline_without_groups_has_no_others_entry(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text(
        "title: T\nsections:\n  - title: One\n    summary: Text.\n"
        "timeline:\n  events:\n    - {date: 1950, title: A}\n    - {date: 1960, title: B}\n",
        encoding="utf-8",
    )
    outline = deckgen.outline.load(path)
    look = look_of(outline, deckgen.theme.resolve(outline))
    assert look.others is None and look.legend == ()
