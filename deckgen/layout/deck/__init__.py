"""The deck's layout: `layout_deck(outline, theme, geometry) -> Deck` (pure).

- layout.py: the whole deck, chrome (footer, numbers, logo) added last;
- sequence.py: which slides, in which order, and the framing slides;
- slides.py: the content slide kinds and the shared title/picture helpers;
- timeline.py: timeline slides with native shapes;
- fit.py: shrink to a floor, then split; errors naming the outline's line;
- style.py: the alignment grid, sizes and colours from the theme;
- geometry.py: slide size and a template's placeholder boxes;
- unique.py: no two slides share a title;
- model.py: the Deck model the backends draw;
- options.py: the deck's options (`outputs.pptx:`), typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from deckgen.layout.deck.layout import layout_deck

__all__ = ["layout_deck"]


def __getattr__(name: str) -> Any:
    # Late: the talk's plan imports geometry and options from here, and must
    # get neither the whole deck layout (a poster-only build needs none) nor,
    # through it, an import of the plan itself.
    if name == "layout_deck":
        from deckgen.layout.deck.layout import layout_deck

        return layout_deck
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
