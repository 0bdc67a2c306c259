"""Every text of the sample deck reads at >= 4.5:1 on what it stands on (the
slide, its own fill, or a filled panel under it): the `print` theme too."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.color import contrast
from deckgen.layout.deck.layout import layout_deck
from deckgen.layout.deck.model import Shape, TextBox
from deckgen.outline import load
from deckgen.theme import resolve

SAMPLE = Path(__file__).resolve().parents[3] / "content" / "space_race.yaml"


@pytest.mark.parametrize("theme", ["print", "default", "midnight"])
def test_all_text_meets_4_5_to_1(theme):
    outline = load(SAMPLE)
    deck = layout_deck(outline, resolve(outline, theme))
    checked = 0
    for slide in deck.slides:
        for i, el in enumerate(slide.elements):
            if not isinstance(el, TextBox):
                continue
            cx, cy = el.box.x + el.box.w / 2, el.box.y + el.box.h / 2
            under = slide.background
            for shape in slide.elements[:i]:
                if (
                    isinstance(shape, Shape)
                    and shape.fill
                    and shape.kind == "rect"
                    and shape.box.x <= cx <= shape.box.right
                    and shape.box.y <= cy <= shape.box.bottom
                ):
                    under = shape.fill
            under = el.fill or under
            for p in el.paragraphs:
                checked += 1
                assert contrast(p.color, under) >= 4.5, (slide.title, el.name, p.color, under)
    assert checked > 100
