"""Explicit slides set as handout blocks (pure layout): two columns side by
side or stacked, each thing printed once, every text glyph-checked."""

from pathlib import Path

import pytest

from deckgen.errors import FontError
from deckgen.layout.handout.blocks import Setter, section_content
from deckgen.layout.handout.glyphs import GlyphCheck
from deckgen.layout.handout.model import Figure, SetColumns, SetList, SetQuote, Statement
from deckgen.layout.handout.style import Palette, make_styles
from deckgen.outline.model import Column, Image, Point, Quote, Section, Slide, Text

IMAGES = Path(__file__).parents[2] / "fixtures" / "outlines" / "images"
PALETTE = Palette("#1A1A1A", "#555555", "#C0392B", "#BBBBBB", "#FBEFEE")


def setter(measure: float, frame_height: float = 700.0) -> Setter:
    styles = make_styles("PT Sans", "PT Serif", PALETTE, 11.0, hyphenate=True)
    return Setter(styles, measure, frame_height, 5.2, "en_US", GlyphCheck())


def points(*texts: str) -> tuple[Point, ...]:
    return tuple(Point(Text.of(t)) for t in texts)


def columns_slide(left: tuple[Point, ...], right: tuple[Point, ...]) -> Slide:
    return Slide(
        "two-column",
        Text.of("A race of firsts"),
        left=Column(Text.of("USSR"), left),
        right=Column(Text.of("USA"), right),
    )


def set_columns(slide: Slide, measure: float, frame_height: float = 700.0) -> SetColumns:
    section = Section("s", Text.of("Section"), slides=(slide,))
    (block,) = section_content(section, setter(measure, frame_height), "sections[0]").slides
    assert _plain(block.heading) == "A race of firsts"
    (part,) = block.parts
    assert isinstance(part, SetColumns)
    return part


def _plain(para) -> str:
    return " ".join("".join(r.text for r in w) for ln in para.lines for w in ln.words)


SHORT = columns_slide(
    points("1957: Sputnik 1, first satellite", "1961: Gagarin, first human in orbit"),
    points("1958: Explorer 1", "1969: Apollo 11, first Moon landing"),
)


def test_two_columns_side_by_side_on_a_wide_measure():
    block = set_columns(SHORT, 460.0)
    assert block.side_by_side
    assert block.width == pytest.approx((460.0 - block.gap) / 2)
    for column in block.columns:
        assert column.heading is not None
        for para in (column.heading, *column.items):
            assert para.measure == block.width
            assert all(ln.width <= block.width - ln.indent + 0.01 for ln in para.lines)
    assert [_plain(c.heading) for c in block.columns] == ["USSR", "USA"]


def test_two_columns_stacked_on_a_narrow_measure():
    block = set_columns(SHORT, 200.0)
    assert not block.side_by_side
    assert block.width == 200.0
    assert all(p.measure == 200.0 for c in block.columns for p in c.items)
    assert [_plain(p) for c in block.columns for p in c.items][0].startswith("1957: Sputnik")


def test_a_word_wider_than_half_the_measure_stacks_the_columns():
    slide = columns_slide(
        points("Donaudampfschifffahrtselektrizitätenhauptbetriebswerk"), points("x")
    )
    assert not set_columns(slide, 460.0).side_by_side


def test_columns_too_tall_to_keep_together_are_stacked():
    many = points(*(f"Point {i}: a line of text that wraps in a column" for i in range(12)))
    assert set_columns(columns_slide(many, many), 460.0, frame_height=2000.0).side_by_side
    assert not set_columns(columns_slide(many, many), 460.0, frame_height=500.0).side_by_side


def test_every_layout_becomes_its_block_in_order():
    sputnik = Image(IMAGES / "orbit-small.png", "orbit", Text.of("The caption"), Text.of("Credit"))
    slides = (
        Slide("statement", text=Text.of("One big sentence.")),
        Slide("image", Text.of("A picture"), image=sputnik),
        Slide("bullets", Text.of("Section"), points=(Point(Text.of("a"), (Text.of("a1"),)),)),
        SHORT,
        Slide("quote", quote=Quote(Text.of("Said."), Text.of("Someone"))),
        Slide("timeline", Text.of("In dates")),
    )
    section = Section("s", Text.of("Section"), slides=slides)
    content = section_content(section, setter(460.0), "sections[0]")
    kinds = [tuple(type(p) for p in s.parts) for s in content.slides]
    assert kinds == [(Statement,), (Figure,), (SetList,), (SetColumns,), (SetQuote,), ()]
    # the title is a heading unless it only repeats the section's
    headings = [s.heading and _plain(s.heading) for s in content.slides]
    assert headings == [None, "A picture", None, "A race of firsts", None, "In dates"]
    (items,) = content.slides[2].parts
    assert [(_plain(p), p.bullet) for p in items.items] == [("a", "•"), ("a1", "–")]
    fig = content.slides[1].parts[0]
    assert fig.width <= 460.0 and _plain(fig.caption_set) == "The caption"


def test_the_section_picture_and_quote_on_a_slide_print_once():
    picture = Image(IMAGES / "orbit-small.png", "orbit")
    quote = Quote(Text.of("This historic  achievement."), Text.of("Someone"))
    section = Section(
        "s",
        Text.of("Section"),
        summary=(Text.of("Prose."),),
        image=picture,
        quote=quote,
        points=points("p"),
        slides=(
            Slide("image", Text.of("Pic"), image=picture),
            Slide(
                "quote",
                quote=Quote(Text.of("This historic achievement.")),
            ),
            Slide("bullets", Text.of("B"), points=points("p")),
        ),
    )
    content = section_content(section, setter(460.0), "sections[0]")
    assert content.figure is None and content.quote is None and content.points == ()
    assert [len(s.parts) for s in content.slides] == [1, 1, 1]


def test_a_slide_character_without_glyph_is_an_error():
    check_setter = setter(460.0)
    slide = Slide("bullets", Text.of("Title"), points=points("\U0001f680 rocket"))
    section_content(Section("s", Text.of("S"), slides=(slide,)), check_setter, "sections[0]")
    with pytest.raises(FontError, match=r"sections\[0\]\.slides\[0\]\.points\[0\]"):
        check_setter.check.raise_if_missing()


def test_a_picture_on_two_slides_prints_once_where_it_has_its_caption():
    bare = Image(IMAGES / "leaf.png", "leaf")
    told = Image(IMAGES / "leaf.png", "leaf", Text.of("Veins bring water in."), Text.of("Credit"))
    slides = (
        Slide("bullets", Text.of("Does"), points=points("p"), image=bare),
        Slide("image", Text.of("The leaf is the factory"), image=told),
    )
    content = section_content(Section("s", Text.of("S"), slides=slides), setter(460.0), "s")
    assert [tuple(type(p) for p in s.parts) for s in content.slides] == [(SetList,), (Figure,)]
    assert _plain(content.slides[1].parts[0].caption_set) == "Veins bring water in."


def test_key_points_a_bullet_slide_lists_already_print_once():
    # The sample's third section: its slide repeats most of its points, adds one,
    # and the section has a point of its own: only that one stays a key point.
    shared = Point(Text.of("Five partner agencies"), (Text.of("USA, Russia"),))
    section = Section(
        "s",
        Text.of("Section"),
        points=(Point(Text.of("Apollo–Soyuz")), shared, Point(Text.of("Shared goal"))),
        slides=(
            Slide(
                "bullets",
                Text.of("B"),
                points=(Point(Text.of("Apollo–Soyuz")), shared, Point(Text.of("New"))),
            ),
        ),
    )
    content = section_content(section, setter(460.0), "sections[0]")
    assert [p.text.plain for p in content.points] == ["Shared goal"]
    assert content.point_numbers == (2,)


def test_a_kept_key_point_without_glyph_is_named_by_its_own_index():
    check_setter = setter(460.0)
    section = Section(
        "s",
        Text.of("S"),
        points=points("on the slide", "\U0001f680 rocket"),
        slides=(Slide("bullets", Text.of("B"), points=points("on the slide")),),
    )
    content = section_content(section, check_setter, "sections[0]")
    check_setter.points(content.points, "sections[0].points", numbers=content.point_numbers)
    with pytest.raises(FontError, match=r"sections\[0\]\.points\[1\]"):
        check_setter.check.raise_if_missing()
