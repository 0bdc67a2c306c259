"""Lay out a whole deck: Outline + Theme + DeckGeometry -> Deck (pure).

    layout_deck(outline, theme, geometry, talk) -> Deck

- `outline`: a loaded `deckgen.outline.model.Outline`.
- `theme`: the resolved `deckgen.theme.model.Theme` (colours, fonts, sizes).
- `geometry`: a `deckgen.layout.deck.geometry.DeckGeometry` (slide size from the
  `aspect` option, and the placeholder boxes of a user's template if any).
- `talk`: the plan every output shares (`deckgen.layout.common.plan.Talk`:
  group colours and marker shapes, dates); planned here when not given.

Returns a `deckgen.layout.deck.model.Deck`: every slide with its kind, title,
notes, outline location and elements positioned in points, each text box with
its font size, exact line pitch and measured line breaks. Shrinks and splits
are warning `Diagnostic`s in `Deck.diagnostics`, each with the outline's line.
Raises `RenderError` (naming the outline's line) for a title or point that
cannot fit even alone at the smallest allowed size.

The sequence of slides is decided in `sequence.py`, each kind of slide in
`slides.py` and `timeline.py`, fitting in `fit.py`, measuring in
`common/text.py`, the grid and colours in `style.py`. Here the slides get their
chrome: footer, slide number and logo (all but the title slide), which need
the final slide numbers. No python-pptx here: backends only draw this.
"""

from __future__ import annotations

from typing import Literal

from deckgen.layout.common.images import pixel_size
from deckgen.layout.common.plan import Talk, plan_talk
from deckgen.layout.common.primitives import Box
from deckgen.layout.common.text import (
    Align,
    TextStyle,
    one_line_width,
    paragraph,
)
from deckgen.layout.common.words import words
from deckgen.layout.deck.geometry import DeckGeometry
from deckgen.layout.deck.model import Deck, Element, Picture, Slide, SlideKind, TextBox
from deckgen.layout.deck.sequence import deck_drafts
from deckgen.layout.deck.slides import Draft, SlideMaker
from deckgen.layout.deck.style import DeckStyle
from deckgen.outline.model import Outline
from deckgen.theme.model import Theme

__all__ = ["layout_deck"]


def layout_deck(
    outline: Outline,
    theme: Theme,
    geometry: DeckGeometry | None = None,
    talk: Talk | None = None,
) -> Deck:
    """See the module docstring. `geometry` defaults to 16:9 without a template."""
    geometry = geometry or DeckGeometry()
    talk = talk or plan_talk(outline, theme)
    style = DeckStyle.of(theme, geometry)
    maker = SlideMaker(style, words(outline.language), outline.language)
    drafts = deck_drafts(outline, maker, talk)
    slides = tuple(_finish(d, n, style) for n, d in enumerate(drafts, 1))
    return Deck(
        width=geometry.width,
        height=geometry.height,
        slides=slides,
        heading_font=theme.fonts.heading,
        body_font=theme.fonts.body,
        language=outline.language,
        diagnostics=tuple(maker.diagnostics),
        background=style.background,
        template_fonts=geometry.look is not None,
        scheme_colors=geometry.look.office.colors if geometry.look else (),
    )


def _finish(draft: Draft, number: int, style: DeckStyle) -> Slide:
    elements = list(draft.elements)
    if draft.chrome:
        elements += _chrome(number, style, draft.kind)
    return Slide(
        kind=draft.kind,
        title=draft.title,
        elements=tuple(elements),
        background=style.background,
        notes=tuple(draft.notes),
        continued=draft.continued,
        location=draft.location,
        groups=draft.groups,
        reveal=draft.reveal,
    )


def _chrome(number: int, st: DeckStyle, kind: SlideKind) -> list[Element]:
    """Footer, slide number and logo: on deckgen's footer band, the first two
    in the template layout's own placeholders where it has them."""
    els: list[Element] = []
    y, h = st.footer_y, st.footer_h
    size = 11.0
    right = st.width - st.margin
    boxes = st.boxes(kind)
    if boxes.number is not None and boxes.number.x < right:
        right = min(right, boxes.number.x - 14)  # our logo stays clear of it
    logo = st.theme.logo
    if logo is not None:
        px_w, px_h = pixel_size(logo)
        lh = h + 6
        lw = min(lh * px_w / px_h, 120.0)
        lh = lw * px_h / px_w
        els.append(Picture(Box(right - lw, y + (h - lh) / 2, lw, lh), logo, "Logo", name="Logo"))
        right -= lw + 14
    if st.theme.slide.numbers and boxes.number is not None:
        els.append(_in_placeholder(str(number), boxes.number, "slide-number", "right", st))
    elif st.theme.slide.numbers:
        num_style = TextStyle(st.body_font, size, st.muted, 1.2, align="right")
        num = str(number)
        # Room for five digits at 11 pt without measuring each number.
        nw = 48.0 if len(num) <= 5 else one_line_width(num, num_style) + 2
        num_p = paragraph(num, num_style, nw)
        line_h = num_p.line_height
        els.append(
            TextBox(
                Box(right - nw, y + (h - line_h) / 2, nw, line_h),
                (num_p,),
                role="slide-number",
                name="Slide number",
            )
        )
        right -= nw + 16
    if st.theme.footer and boxes.footer is not None:
        middle = abs(boxes.footer.x + boxes.footer.w / 2 - st.width / 2) < st.width * 0.05
        align: Align = "center" if middle else "left"
        els.append(_in_placeholder(st.theme.footer, boxes.footer, "footer", align, st))
    elif st.theme.footer:
        f_style = TextStyle(st.body_font, size, st.muted, 1.2)
        width = right - st.margin
        p = paragraph(st.theme.footer, f_style, width)
        if len(p.lines) > 1:  # one line only: shrink, never spill
            for s in (10.0, 9.0, 8.0):
                p = paragraph(st.theme.footer, f_style.at(s), width)
                if len(p.lines) == 1:
                    break
        els.append(
            TextBox(
                Box(st.margin, y + (h - p.height) / 2, width, p.height),
                (p,),
                role="footer",
                name="Footer",
            )
        )
    return els


def _in_placeholder(
    text: str, box: Box, role: Literal["footer", "slide-number"], align: Align, st: DeckStyle
) -> TextBox:
    """The footer or slide number in the template layout's placeholder `box`:
    one line, set at 11 pt (less, down to 8 pt, for a long footer), centred
    in the box's height."""
    style = TextStyle(st.body_font, 11.0, st.muted, 1.2, align=align)
    p = paragraph(text, style, box.w)
    for s in (10.0, 9.0, 8.0):
        if len(p.lines) == 1:
            break
        p = paragraph(text, style.at(s), box.w)
    height = max(box.h, p.height)
    name = "Footer" if role == "footer" else "Slide number"
    return TextBox(
        Box(box.x, box.y, box.w, height),
        (p,),
        role=role,
        placeholder=role,
        valign="middle",
        name=name,
    )
