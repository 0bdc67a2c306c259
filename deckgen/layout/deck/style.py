"""The deck's one alignment grid and its text styles, derived from a Theme.

Grid (on 960 x 540 pt with a 40 pt title; side margins scale with the width):

- side margins 60 pt (6.25 % of the width, at least 40 pt), the same left
  edge for the title, the accent rule and the body on every content slide;
- a title band from 30 pt holding two title lines (2 x 1.1 x title size),
  anchored at its bottom so one- and two-line titles sit on the same rule;
- a 56 x 4 pt accent rule 10 pt under the title band; the body 20 pt under
  the rule, down to 18 pt above the footer band (footer text, slide number,
  logo), which sits 20 pt above the bottom edge.

Sizes come from the theme (`slide.title_size`, `slide.body_size`,
`slide.min_body_size`); the title slide, section dividers and statements
scale from them, so a theme's hierarchy carries through. Text colours are
checked for contrast against what they are drawn on.
"""

from __future__ import annotations

from dataclasses import dataclass

from deckgen.color import mix, readable_on
from deckgen.layout.common.primitives import Box
from deckgen.layout.common.text import BODY_PITCH, TITLE_PITCH, TextStyle
from deckgen.layout.deck.geometry import DeckGeometry, PlaceholderBoxes
from deckgen.layout.deck.model import SlideKind
from deckgen.theme.model import Theme

__all__ = ["DeckStyle"]


@dataclass(frozen=True)
class DeckStyle:
    theme: Theme
    geometry: DeckGeometry
    width: float
    height: float
    margin: float  # left and right
    title_box: Box
    rule: Box  # the accent rule under the title
    body_box: Box
    footer_y: float
    footer_h: float
    # colours
    background: str
    text: str
    muted: str  # secondary text, with contrast >= 4.5 on the background
    accent: str  # decoration (rules, panels, markers)
    accent_text: str  # accent used as text: readable on the background
    on_accent: str  # text on an accent panel
    surface: str  # quiet panels (era bands, picture mats)
    panel: str  # big blocks (section dividers): the accent, or the surface to save ink
    on_panel: str  # text on `panel`
    heading_font: str
    body_font: str
    title_size: float
    body_size: float
    min_body_size: float
    # the theme's sizes are for a 960 x 540 (or 720 x 540) slide; a smaller
    # slide (Pandoc's and Google Slides' 720 x 405) scales them down with it
    scale: float = 1.0

    @classmethod
    def of(cls, theme: Theme, geometry: DeckGeometry) -> DeckStyle:
        w, h = geometry.width, geometry.height
        sx = w / 960.0
        k = round(min(1.0, h / 540.0, w / (960.0 if w / h > 1.5 else 720.0)), 4)
        margin = max(40.0, round(60 * sx, 2))
        ts = round(theme.slide.title_size * k, 1)
        title_h = round(2 * ts * TITLE_PITCH, 2)
        # the grid's gaps scale with a smaller slide too, or its body would
        # shrink more than its text (Pandoc's 720 x 405: 221 pt, not 250)
        title_y = round(30.0 * k, 2)
        title_box = Box(margin, title_y, w - 2 * margin, title_h)
        rule = Box(margin, title_box.bottom + round(10 * k, 2), 56, 4)
        body_top = rule.bottom + round(20 * k, 2)
        footer_h = 16.0
        footer_y = h - round(20 * k, 2) - footer_h
        body_box = Box(margin, body_top, w - 2 * margin, footer_y - round(18 * k, 2) - body_top)
        c = theme.colors
        bg = c.background
        text = readable_on(bg, c.text, minimum=4.5)
        muted = readable_on(bg, c.muted, mix(c.muted, text, 0.4), minimum=4.5)
        accent_text = readable_on(bg, c.accent, mix(c.accent, text, 0.4), text, minimum=4.5)
        on_accent = readable_on(c.accent, c.on_accent or "", bg, text, minimum=4.5)
        surface = c.surface or mix(bg, c.accent, 0.10)
        # `ink_saving` themes (print) trade solid accent blocks for light panels.
        panel = surface if theme.ink_saving else c.accent
        on_panel = on_accent if panel == c.accent else readable_on(panel, text, minimum=4.5)
        return cls(
            theme=theme,
            geometry=geometry,
            width=w,
            height=h,
            margin=margin,
            title_box=title_box,
            rule=rule,
            body_box=body_box,
            footer_y=footer_y,
            footer_h=footer_h,
            background=bg,
            text=text,
            muted=muted,
            accent=c.accent,
            accent_text=accent_text,
            on_accent=on_accent,
            surface=surface,
            panel=panel,
            on_panel=on_panel,
            heading_font=theme.fonts.heading,
            body_font=theme.fonts.body,
            title_size=ts,
            body_size=round(theme.slide.body_size * k, 1),
            min_body_size=round(theme.slide.min_body_size * k, 1),
            scale=k,
        )

    # -- the template's boxes win over the grid where a template gives them

    def boxes(self, kind: SlideKind) -> PlaceholderBoxes:
        return self.geometry.boxes(kind)

    def title_box_for(self, kind: SlideKind) -> Box:
        return self.boxes(kind).title or self.title_box

    def body_box_for(self, kind: SlideKind) -> Box:
        return self.boxes(kind).body or self.body_box

    def decorated(self, kind: SlideKind) -> bool:
        """Our accent shapes only where the template does not design the slide."""
        return self.boxes(kind).title is None

    # -- text styles

    @property
    def title_floor(self) -> float:
        return max(self.min_body_size + 2, round(self.title_size * 0.6))

    def title_style(self, size: float | None = None) -> TextStyle:
        return TextStyle(
            self.heading_font, size or self.title_size, self.text, TITLE_PITCH, bold=True
        )

    def body_style(self, size: float | None = None) -> TextStyle:
        return TextStyle(self.body_font, size or self.body_size, self.text, BODY_PITCH)

    def small_style(self, size: float, color: str | None = None, **kw) -> TextStyle:
        return TextStyle(self.body_font, size, color or self.muted, BODY_PITCH, **kw)

    @property
    def caption_size(self) -> float:
        # 18 pt: the smallest text a slide may have (deckgen check --a11y),
        # scaled with a smaller slide like every other size
        return max(round(18.0 * self.scale, 1), round(self.body_size * 0.66))

    @property
    def credit_size(self) -> float:
        return round(18.0 * self.scale, 1)

    @property
    def kicker_size(self) -> float:
        return max(16.0, round(self.title_size * 0.5))
