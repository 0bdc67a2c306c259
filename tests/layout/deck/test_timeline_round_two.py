"""Timeline slides (issue 10, round two): no tick through a year label,
balanced event labels never broken inside a word, an even legend, print's
era bands told apart."""

from __future__ import annotations

import pytest
from deck_helpers import SPACE_RACE, text_boxes

from deckgen.color import contrast
from deckgen.layout.deck.fit import breaks_words
from deckgen.layout.deck.geometry import DeckGeometry
from deckgen.layout.deck.layout import layout_deck
from deckgen.layout.deck.model import Shape
from deckgen.outline import load
from deckgen.theme import resolve


def _deck(theme: str = "default", aspect: str = "16:9"):
    outline = load(SPACE_RACE)
    return layout_deck(outline, resolve(outline, theme), DeckGeometry.for_aspect(aspect))


def _timeline_slides(deck):
    return [s for s in deck.slides if s.kind == "timeline"]


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_no_tick_under_a_year_label(aspect):
    for slide in _timeline_slides(_deck(aspect=aspect)):
        years = [b.box for b in text_boxes(slide) if b.name.startswith(("Year:", "Date:"))]
        ticks = [
            e.box for e in slide.elements if isinstance(e, Shape) and e.name.startswith("Tick")
        ]
        assert years and ticks
        for t in ticks:
            assert not any(y.x <= t.x <= y.right for y in years), (slide.title, t)


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_event_labels_are_balanced_and_whole_words(aspect):
    labels = [
        b.paragraphs[1]
        for s in _timeline_slides(_deck(aspect=aspect))
        for b in text_boxes(s)
        if b.name.startswith("Event:")
    ]
    assert labels
    for p in labels:
        assert not breaks_words(p)
        if len(p.lines) > 1:
            last = "".join(r.text for r in p.lines[-1].runs).split()
            assert len(last) > 1 or p.hard_breaks, last
    several = [p for p in labels if len(p.lines) > 1]
    # balanced: the last line is not a single word where two fit
    singles = [p for p in several if len("".join(r.text for r in p.lines[-1].runs).split()) == 1]
    assert len(singles) <= len(several) // 3


def test_the_legend_puts_groups_and_eras_on_rows_of_their_own():
    (overview, *_) = [s for s in _timeline_slides(_deck()) if "key dates" in s.title]
    legend = [b for b in text_boxes(overview) if b.name.startswith("Legend:")]
    rows: dict[float, list[str]] = {}
    for b in legend:
        rows.setdefault(round(b.box.y), []).append(b.name.removeprefix("Legend: "))
    assert len(rows) == 2
    first, second = (rows[y] for y in sorted(rows))
    assert "ISS era" in second and len(second) >= 2
    assert "USA" in first and "Space Race" not in first


def test_print_era_bands_are_told_apart():
    (overview, *_) = [s for s in _timeline_slides(_deck("print")) if "key dates" in s.title]
    fills = [
        e.fill
        for e in sorted(overview.elements, key=lambda e: e.box.x)
        if isinstance(e, Shape) and e.name.startswith("Era:")
    ]
    assert len(fills) == 3
    for a, b in zip(fills, fills[1:], strict=False):
        assert contrast(a, b) >= 1.5, (a, b)


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_the_overviews_markers_spread_over_both_edges_of_the_band(aspect):
    (overview, *_) = [s for s in _timeline_slides(_deck(aspect=aspect)) if "key dates" in s.title]
    marks = [e.box for e in overview.elements if e.name.startswith("Marker:")]
    rows: dict[float, list[float]] = {}
    for b in marks:
        rows.setdefault(round(b.y + b.h / 2), []).append(b.x + b.w / 2)
    assert len(rows) == 2  # above and below the band
    half_hidden = 0
    for xs in rows.values():
        xs.sort()
        half_hidden += sum(1 for a, b in zip(xs, xs[1:], strict=False) if b - a < marks[0].w / 2)
    assert half_hidden <= 2, half_hidden
