"""The deck's fit policy (issue 10): continuation titles keep the first
title's line count, splits are balanced, a long quote continues rather than
shrinking below 24 pt."""

from __future__ import annotations

import pytest
from deck_helpers import FIXTURES, SPACE_RACE, outline_from, text_boxes

from deckgen.errors import Location
from deckgen.layout.common.text import TextStyle, paragraph
from deckgen.layout.deck.fit import Item, fit_body, sizes_down
from deckgen.layout.deck.geometry import DeckGeometry
from deckgen.layout.deck.layout import layout_deck
from deckgen.outline import load
from deckgen.theme import resolve

BODY = TextStyle("Arimo", 24.0, "#000000")
HERE = Location("talk.yaml", 7, 5)


def _setter(item, size, width, first):
    return paragraph(
        item.text, BODY.at(size), width, space_before=0.0 if first else round(size * 0.5, 2)
    )


def _title_lines(slide):
    (title,) = [b for b in text_boxes(slide) if b.placeholder == "title"]
    return len(title.paragraphs[0].lines), title.paragraphs[0].size


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_a_continuation_title_keeps_the_first_titles_lines_and_size(aspect):
    outline = load(SPACE_RACE)
    deck = layout_deck(outline, resolve(outline), DeckGeometry.for_aspect(aspect))
    runs = 0
    for prev, slide in zip(deck.slides, deck.slides[1:], strict=False):
        if slide.continued and slide.kind in ("bullets", "two-column"):
            runs += 1
            assert _title_lines(slide) == _title_lines(prev), slide.title
    assert runs >= 3
    # 16:9 'Competition Turns into Collaboration' fits one line; its
    # "(cont. 2/2)" would not: the short mark keeps it on one.
    if aspect == "16:9":
        titles = [s.title for s in deck.slides]
        assert any(t.endswith("(2/2)") and "cont." not in t for t in titles)


def test_one_line_lists_split_evenly_under_the_line_cap():
    # 7 one-line points, a slide holding at most 5 lines: 4 + 3, not 5 + 2
    its = [(Item(f"point {i}", "point", HERE),) for i in range(7)]
    result = fit_body([its], [600], 1000, _setter, sizes_down(24, 24), max_lines=5)
    assert [len(page[0]) for page in result.pages] == [4, 3]


def test_a_long_quote_continues_rather_than_shrinking_below_24_pt():
    outline = load(FIXTURES / "long-text.yaml")
    deck = layout_deck(outline, resolve(outline))
    quotes = [b for s in deck.slides for b in text_boxes(s) if b.role == "quote"]
    assert quotes
    for box in quotes:
        assert box.paragraphs[0].size >= 24
        assert len(box.paragraphs[0].lines) <= 8
    assert any(s.continued and s.kind == "quote" for s in deck.slides)


def test_a_single_sentence_quote_too_long_for_24_pt_goes_on_down(tmp_path):
    sentence = "and then the words went on " * 24
    outline = outline_from(
        tmp_path,
        f"""
        title: T
        sections:
          - title: S
            quote:
              text: "{sentence.strip()}."
              by: Someone
        """,
    )
    deck = layout_deck(outline, resolve(outline))
    (box,) = [b for s in deck.slides for b in text_boxes(s) if b.role == "quote"]
    assert box.paragraphs[0].size < 24
    assert any("quote" in d.message for d in deck.diagnostics)


def test_caption_and_credit_share_one_frame_and_dates_stay_whole():
    outline = load(SPACE_RACE)
    deck = layout_deck(outline, resolve(outline), DeckGeometry.for_aspect("4:3"))
    frames = [b for s in deck.slides for b in text_boxes(s) if b.name == "Caption and credit"]
    assert frames and all(len(b.paragraphs) == 2 for b in frames)
    assert not any(
        b.role == "credit" and b.name == "Credit" for s in deck.slides for b in text_boxes(s)
    )
    captions = [b.paragraphs[0] for b in frames]
    assert any("17\u00a0July\u00a01975" in "".join(r.text for r in p.runs) for p in captions)


@pytest.fixture(scope="module")
def pandoc_deck():
    from pathlib import Path

    from deckgen.backends.pptx.template import template_geometry

    tpl = Path(__file__).resolve().parents[2] / "fixtures" / "templates" / "pandoc-reference.pptx"
    geometry = template_geometry(tpl, HERE)
    outline = load(SPACE_RACE)
    return layout_deck(outline, resolve(outline), geometry)


def test_a_template_dividers_number_rides_on_its_title(pandoc_deck):
    dividers = [s for s in pandoc_deck.slides if s.kind == "section"]
    assert dividers
    for s in dividers:
        (title,) = [b for b in text_boxes(s) if b.placeholder == "title"]
        number, heading = title.paragraphs
        assert "".join(r.text for r in number.runs).isdigit()
        assert heading.space_before < 10  # no phantom gap above the title
        assert not [b for b in text_boxes(s) if b.name == "Section number"]


def test_a_small_slides_captions_scale_with_its_text(pandoc_deck):
    (table,) = [s for s in pandoc_deck.slides if s.kind == "table"]
    (caption,) = [b for b in text_boxes(table) if b.role == "caption"]
    assert 18 * 0.75 <= caption.paragraphs[0].size <= 14  # not the 18 pt of a full slide
    # the title slide's subtitle lines up with its title
    boxes = {b.placeholder: b.box for b in text_boxes(pandoc_deck.slides[0]) if b.placeholder}
    assert boxes["subtitle"].x == boxes["title"].x
