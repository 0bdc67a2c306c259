"""The plan of the talk: what every output shares, decided once per outline.

`plan_talk(outline, theme) -> Talk` runs once per build of an outline (the
driver puts it in every backend's `Job`), and every medium's layout reads it
rather than deciding these facts again: the look (a colour and a marker shape
per timeline group), the words deckgen adds and the way dates are written, in
the outline's language. `Talk.deck` is the deck, laid out on first use and
then shared by every output that shows the slides (pptx, slides-pdf, the
handout's slides mode): no backend lays it out again, nor makes another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from deckgen.errors import DeckgenError, Diagnostic
from deckgen.layout.common.dates import format_date, format_span
from deckgen.layout.common.look import Look, look_of
from deckgen.layout.common.words import Words, words
from deckgen.layout.deck.geometry import DeckGeometry
from deckgen.layout.deck.options import DeckOptions
from deckgen.outline.model import Date, Outline
from deckgen.theme.model import Theme

if TYPE_CHECKING:
    from deckgen.layout.deck.model import Deck

__all__ = ["DeckFrame", "Talk", "plan_talk"]

# The deck's geometry (slide size, a template's placeholder boxes) and what
# reading it found (e.g. a template whose size overrides `aspect`).
DeckFrame = tuple[DeckGeometry, tuple[Diagnostic, ...]]
# Reads the frame for the deck's options; reading a template needs python-pptx,
# so the driver hands in `deckgen.templates.read_deck_frame`.
FrameReader = Callable[[Outline, DeckOptions], DeckFrame]


def _aspect_only(outline: Outline, options: DeckOptions) -> DeckFrame:
    """The frame without reading a template: the slide size of `aspect`."""
    return DeckGeometry.for_aspect(options.aspect), ()


@dataclass(frozen=True)
class Talk:
    outline: Outline
    theme: Theme
    look: Look
    # The words deckgen adds, in the outline's language: `talk.words.key_dates`,
    # or as a mapping, `talk.words["key_dates"]`.
    words: Words
    deck_options: DeckOptions = DeckOptions()  # `outputs.pptx:`, validated
    read_frame: FrameReader = _aspect_only
    # The deck once laid out, or the DeckgenError that stopped it (raised again
    # to every output that asks, never retried).
    _deck: list[Deck | DeckgenError] = field(
        default_factory=list, init=False, repr=False, compare=False
    )

    @property
    def language(self) -> str:
        return self.outline.language

    def date(self, date: Date) -> str:
        """An event's date, written the same way in every output."""
        return format_date(date, self.language)

    def span(self, start: Date, end: Date | None) -> str:
        """A date or a span ('19–20 Aug 1960'), the same in every output."""
        return format_span(start, end, self.language)

    @property
    def deck(self) -> Deck:
        """The deck, laid out once from `deck_options`, its diagnostics those of
        the layout and of the frame; shared by every output that shows slides."""
        if not self._deck:
            try:
                self._deck.append(self._lay_out_deck())
            except DeckgenError as exc:
                self._deck.append(exc)
        deck = self._deck[0]
        if isinstance(deck, DeckgenError):
            raise deck
        return deck

    def _lay_out_deck(self) -> Deck:
        from deckgen.layout.deck.layout import layout_deck  # only builds that show slides

        geometry, found = self.read_frame(self.outline, self.deck_options)
        # `look: template`: the deck (and so every output showing it) in the
        # template's fonts and colours; the talk's group colours stay shared
        theme = geometry.look.applied_to(self.theme) if geometry.look else self.theme
        deck = layout_deck(self.outline, theme, geometry, self)
        return replace(deck, diagnostics=(*deck.diagnostics, *found)) if found else deck


def plan_talk(
    outline: Outline,
    theme: Theme,
    deck_options: DeckOptions | None = None,
    read_frame: FrameReader = _aspect_only,
) -> Talk:
    """The talk's plan. Without `deck_options` the deck is 16:9; without
    `read_frame` a template is not read (the driver gives both)."""
    return Talk(
        outline,
        theme,
        look_of(outline, theme),
        words(outline.language),
        deck_options or DeckOptions(),
        read_frame,
    )
