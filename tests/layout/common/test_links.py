"""Links and quote marks never broken apart from their words (issue 10, item 7)."""

from __future__ import annotations

import pytest

from deckgen.layout.common.links import link_words, linked, shown_address
from deckgen.layout.common.text import (
    TextStyle,
    joined_quotes,
    one_line_width,
    paragraph,
    single_line_width,
)
from deckgen.outline.model import Run

URL = "https://example.org/statistical-significance"
STYLE = TextStyle(font="Arimo", size=20, color="000000")


def _reference() -> tuple[Run, ...]:
    return (
        Run("“"),
        Run("On the statistical significance of sunspots", italic=True),
        Run("”, Journal of Results"),
    )


def test_link_is_one_run_per_word_with_its_quote_marks():
    runs = linked(_reference(), URL)
    words = [r for r in runs if r.link == URL]
    assert "".join(r.text for r in words) == "".join(r.text for r in _reference())
    assert all(" " not in r.text.rstrip(" ") for r in words)  # never two words in one field
    assert words[0].text == "“On " and words[0].italic  # the mark takes its word's style
    assert words[5].text == "sunspots”, " and words[5].italic
    assert link_words((Run("x y", link=URL, math="x y"),)) == (Run("x y", link=URL, math="x y"),)


# Each width is wider than the widest word; the address fits from 330 on.
@pytest.mark.parametrize("width", [140.0, 160.0, 200.0, 260.0, 330.0, 400.0, 480.0])
def test_a_linked_reference_breaks_only_between_words(width):
    runs = linked(_reference(), URL)
    link_text = {r.text.rstrip(" ") for r in runs if r.link}
    para = paragraph(runs, STYLE, width)
    assert len(para.lines) > 1
    for line in para.lines:
        for r in line.runs:
            if r.link:  # each linked word arrives whole on one line
                assert r.text.rstrip(" ") in link_text, (width, r.text)
    shown = ["".join(r.text for r in line.runs) for line in para.lines]
    if one_line_width(shown_address(URL), STYLE) <= width:
        assert any(shown_address(URL) in t for t in shown)  # the address is never cut


def test_a_dash_inside_a_linked_word_is_joined_to_the_rest():
    runs = link_words((Run("spaceflights 1961–1970 and well-known", link=URL),))
    assert [r.text for r in runs] == [
        "spaceflights ",
        "1961–\u20601970 ",
        "and ",
        "well-\u2060known",
    ]
    lines = paragraph(runs, STYLE, one_line_width("spaceflights 1961–", STYLE)).lines
    shown = ["".join(r.text for r in ln.runs).strip() for ln in lines]
    assert shown[0] == "spaceflights" and shown[1].startswith("1961–\u20601970")


def test_a_linked_words_space_counts_for_a_renderer_but_is_not_shown():
    # LibreOffice counts a field's trailing space in the line's width
    runs = link_words((Run("one two three", link=URL),))
    plain = (Run("one two three"),)
    width = one_line_width("one two", STYLE) + STYLE.size * 0.1  # less than a space more
    assert len(paragraph(plain, STYLE, width).lines[0].runs[0].text.split()) == 2
    linked_lines = paragraph(runs, STYLE, width).lines
    assert [r.text for r in linked_lines[0].runs] == ["one "]
    assert linked_lines[0].width == pytest.approx(single_line_width("one", STYLE))


def test_shown_address_has_no_break_at_its_hyphen():
    assert shown_address(URL) == "example.org/statistical-\u2060significance"
    assert shown_address(URL).replace("\u2060", "") == "example.org/statistical-significance"


@pytest.mark.parametrize("width", range(80, 260, 7))
def test_quote_marks_stay_with_their_words(width):
    runs = (Run("he said « "), Run("the Moon", italic=True), Run(" » and “ left ” then"))
    para = paragraph(runs, STYLE, float(width))
    for line in para.lines:
        text = "".join(r.text for r in line.runs).rstrip(" ")
        assert not text.endswith(("«", "“")), (width, text)
        assert not text.lstrip().startswith(("»", "”")), (width, text)


def test_joined_quotes_keeps_runs_and_leaves_plain_text_alone():
    plain = (Run("no marks here "), Run("at all"))
    assert joined_quotes(plain) is plain
    joined = joined_quotes((Run("« "), Run("Moon", bold=True), Run(" »")))
    assert [r.text for r in joined] == ["«\u00a0", "Moon", "\u00a0»"]
    assert joined[1].bold
