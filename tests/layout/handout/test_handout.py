"""The handout's layout (pure): structure, measure, styles, glyph coverage."""

import importlib.util
from pathlib import Path

import pytest

from deckgen.errors import FontError
from deckgen.layout.handout.layout import (
    Cover,
    KeyDates,
    References,
    SectionBlock,
    format_date,
    layout_handout,
)
from deckgen.layout.handout.model import Statement
from deckgen.layout.handout.style import PAPERS, TARGET_CHARS
from deckgen.outline.model import Date, Run, Text

_spec = importlib.util.spec_from_file_location(
    "handout_sample", Path(__file__).parents[2] / "backends" / "handout" / "sample.py"
)
sample = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sample)


def test_blocks_follow_the_outline():
    outline = sample.outline(4)
    plan = layout_handout(outline, sample.theme(), {})
    kinds = [type(b) for b in plan.blocks]
    assert kinds == [
        Cover,
        SectionBlock,
        SectionBlock,
        SectionBlock,
        SectionBlock,
        KeyDates,
        References,
    ]
    sections = [b for b in plan.blocks if isinstance(b, SectionBlock)]
    assert [s.id for s in sections] == [s.id for s in outline.sections]
    assert [s.number for s in sections] == [1, 2, 3, 4]
    assert all(s.notes_lines == 0 for s in sections)
    assert sections[0].figure is not None and sections[1].figure is None
    dates = plan.blocks[-2]
    assert [r.when for r in dates.rows][:2] == ["4 Oct 1957", "4 Oct 1960"]
    assert dates.show_groups and dates.rows[0].group == "United States"


def test_notes_lines_option_adds_ruled_area():
    plan = layout_handout(sample.outline(2), sample.theme(), {"notes_lines": True})
    assert all(b.notes_lines > 0 for b in plan.blocks if isinstance(b, SectionBlock))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("theme", ["default", "midnight", "print"])
def test_measure_is_readable_and_inside_the_paper(paper, theme):
    g = layout_handout(sample.outline(1), sample.theme(theme), {"paper": paper}).geometry
    assert (g.width, g.height) == PAPERS[paper]
    assert 60 <= g.chars_per_line <= 80
    assert g.chars_per_line == pytest.approx(TARGET_CHARS, abs=1)
    assert g.left >= 54 and g.width - g.right >= 54
    assert g.footer_y > 18 and g.header_y < g.height - 18


def test_dark_theme_prints_dark_ink_on_white():
    plan = layout_handout(sample.outline(1), sample.theme("midnight"), {})
    # the midnight text colour is near white: unreadable on paper
    assert plan.palette.text == "#1A1A1A"
    assert plan.styles.body.color == "#1A1A1A"


def test_print_theme_is_black_and_white():
    pal = layout_handout(sample.outline(1), sample.theme("print"), {}).palette
    for colour in (pal.text, pal.muted, pal.accent, pal.rule):
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        assert r == g == b, colour


def test_hyphenation_follows_language():
    assert layout_handout(sample.outline(1), sample.theme(), {}).hyphenation.startswith("en")
    ru = layout_handout(sample.outline(1, language="ru"), sample.theme(), {})
    assert ru.hyphenation.startswith("ru")
    assert ru.language == "ru"


def test_metadata_fields():
    plan = layout_handout(sample.outline(3), sample.theme(), {})
    assert plan.title == "The Space Race: from rivalry to cooperation"
    assert plan.header == "The Space Race"
    assert plan.author == "A. Lecturer"
    assert plan.subject.startswith("From Cold War")
    assert len(plan.keywords) == 3


def test_missing_glyph_is_an_error_with_the_line():
    outline = sample.outline(2)
    bad = outline.sections[1]
    bad_title = Text((Run("Linear B: 𐀀 and 𐀁"),), sample.at(77))
    outline = type(outline)(
        **{
            **outline.__dict__,
            "sections": (outline.sections[0], type(bad)(**{**bad.__dict__, "title": bad_title})),
        }
    )
    with pytest.raises(FontError) as err:
        layout_handout(outline, sample.theme(), {})
    diags = err.value.diagnostics
    assert {d.location.line for d in diags} == {77}
    assert "sections[1].title" in diags[0].message
    assert "U+10000" in str(err.value)
    assert str(diags[0]).startswith("talk.yaml:77:5: error:")


def test_format_date():
    assert format_date(Date(1957, 10, 4)) == "4 October 1957"
    assert format_date(Date(1975, 7)) == "July 1975"
    assert format_date(Date(1998)) == "1998"
    assert format_date(Date(1957, 10, 4), short=True) == "4 Oct 1957"
    assert format_date(Date(1969, 7, 20), short=True) == "20 July 1969"
    assert format_date(Date(1957, 10, 4), "ru") == "1957-10-04"


def test_a_section_of_explicit_slides_only_gets_content_from_them():
    from deckgen.outline.model import Column, Point, Quote, Section, Slide

    slides = (
        Slide("statement", text=Text.of("One big sentence.")),
        Slide("bullets", Text.of("B"), points=(Point(Text.of("first")), Point(Text.of("second")))),
        Slide(
            "two-column",
            Text.of("C"),
            left=Column(Text.of("Left"), (Point(Text.of("l1")),)),
            right=Column(None, (Point(Text.of("r1")),)),
        ),
        Slide(
            "quote",
            quote=Quote(Text.of("Said."), Text.of("Someone")),
            notes=(Text.of("Slide notes."),),
        ),
    )
    outline = sample.outline(1)
    only = Section("only-slides", Text.of("Only slides"), slides=slides)
    outline = type(outline)(**{**outline.__dict__, "sections": (only,)})
    plan = layout_handout(outline, sample.theme(), {"speaker_notes": True})
    block = plan.blocks[1]
    assert not block.prose and not block.key_points  # each thing once: from the slides
    assert [s.layout for s in block.slides] == ["statement", "bullets", "two-column", "quote"]
    statement, bullets, columns, quote = (s.parts for s in block.slides)
    assert [type(p) for p in statement] == [Statement]
    assert [_words(p) for p in bullets[0].items] == ["first", "second"]
    left, right = columns[0].columns
    assert _words(left.heading) == "Left" and right.heading is None
    assert [_words(p) for p in left.items + right.items] == ["l1", "r1"]
    assert _words(quote[0].text) == "Said." and _words(quote[0].by) == "—\u00a0Someone"
    assert [b.heading and _words(b.heading) for b in block.slides] == [None, "B", "C", None]
    assert [t.plain for t in block.speaker_notes] == ["Slide notes."]


def _words(para) -> str:
    return " ".join("".join(r.text for r in w) for ln in para.lines for w in ln.words)


def test_spans_share_what_their_ends_share():
    from deckgen.layout.handout.layout import _span

    assert _span(Date(1975, 7, 17), Date(1975, 7, 19), "en") == "17–19 July 1975"
    assert _span(Date(1998, 2, 3), Date(1998, 6, 12), "en") == "3 Feb – 12 June 1998"
    assert _span(Date(1986), Date(2001), "en") == "1986 – 2001"
    assert _span(Date(1975, 7, 17), Date(1975, 7, 19), "ru") == "1975-07-17 – 1975-07-19"
