"""Table, code, chart and equation slides (pure).

Each block takes the slide's body box less its caption, is measured and
fitted there (common/blocks.py), and continues on "(cont. k/n)" slides when
it cannot fit one even at the body floor: a table repeats its header row.
"""

from __future__ import annotations

from deckgen.errors import Location
from deckgen.layout.common.blocks import (
    BlockColors,
    ChartBlock,
    MathBlock,
    chart_alt,
    layout_code,
    layout_table,
)
from deckgen.layout.common.primitives import Box
from deckgen.layout.deck.model import Element, SlideKind, TextBox
from deckgen.layout.deck.slides import Draft, SlideMaker, plain
from deckgen.outline.model import Slide, Text

__all__ = ["block_slides", "deck_colors"]

_CAPTION_GAP = 10.0


def deck_colors(maker: SlideMaker) -> BlockColors:
    st = maker.style
    return BlockColors.of(
        st.background, st.text, st.muted, st.accent, st.on_accent, st.theme.colors.palette
    )


def _caption(maker: SlideMaker, slide: Slide, body: Box) -> tuple[list[TextBox], Box]:
    """The caption under the body box's bottom, and the box left above it."""
    if slide.caption is None:
        return [], body
    st = maker.style
    style = st.small_style(st.caption_size, st.muted)
    p = maker.small_text(slide.caption, style, body.w, 2, 12.0, slide.location, "caption")
    box = Box(body.x, body.bottom - p.height, body.w, p.height)
    rest = Box(body.x, body.y, body.w, body.h - p.height - _CAPTION_GAP)
    return [TextBox(box, (p,), role="caption", name="Caption")], rest


def block_slides(
    maker: SlideMaker, title: Text, slide: Slide, location: Location, notes: tuple[Text, ...]
) -> list[Draft]:
    st = maker.style
    kind: SlideKind = slide.layout  # type: ignore[assignment]
    caption, area = _caption(maker, slide, st.body_box_for(kind))
    colors = deck_colors(maker)
    pages: list[list[Element]]
    if slide.table is not None:
        style = st.body_style(min(st.body_size, 24.0))
        tables, shrunk = layout_table(slide.table, style, colors, area, st.min_body_size)
        pages = [[t] for t in tables]
        _report(maker, title, shrunk, len(pages), style.size, tables[-1].size, location)
    elif slide.code is not None:
        start = min(st.body_size, 20.0)
        floor = min(start, max(12.0, st.min_body_size - 4))
        codes, shrunk = layout_code(slide.code, start, floor, colors, area)
        pages = [[c] for c in codes]
        _report(maker, title, shrunk, len(pages), start, codes[-1].size, location)
    elif slide.chart is not None:
        alt = chart_alt(slide.chart, plain(title))
        size = max(12.0, round(st.body_size * 0.7))
        pages = [[ChartBlock(area, slide.chart, colors, st.body_font, size, alt)]]
    else:
        assert slide.math is not None
        size = max(st.body_size * 2.0, 40.0)
        latex = slide.math.latex
        pages = [[MathBlock(area, latex, size, st.text, latex)]]
    heads = maker.titles(kind, title, location, len(pages))
    drafts = []
    for i, page in enumerate(pages):
        els: list[Element] = [maker.rule()] if st.decorated(kind) else []
        els += [heads[i], *page, *caption]
        drafts.append(
            Draft(kind, heads[i].text, els, location, notes if i == 0 else (), continued=i > 0)
        )
    return drafts


def _report(
    maker: SlideMaker,
    title: Text,
    shrunk: bool,
    count: int,
    start: float,
    size: float,
    location: Location,
) -> None:
    what = plain(title)
    if count > 1:
        maker.warn(
            f"slide {what!r}: the block does not fit one slide even at {size:g} pt; "
            f"continued over {count} slides",
            location,
        )
    elif shrunk:
        maker.warn(
            f"slide {what!r}: block shrunk from {start:g} pt to {size:g} pt to fit", location
        )
