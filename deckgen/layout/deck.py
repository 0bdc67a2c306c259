"""Lay out a whole deck: Outline + Theme + DeckGeometry -> Deck (pure).

    layout_deck(outline, theme, geometry) -> Deck

- `outline`: a loaded `deckgen.outline.model.Outline`.
- `theme`: the resolved `deckgen.theme.model.Theme` (colours, fonts, sizes).
- `geometry`: a `deckgen.layout.geometry.DeckGeometry` (slide size from the
  `aspect` option, and the placeholder boxes of a user's template if any).

Returns a `deckgen.layout.model.Deck`: every slide with its kind, title,
notes, outline location and elements positioned in points, each text box with
its font size, exact line pitch and measured line breaks. Shrinks and splits
are warning `Diagnostic`s in `Deck.diagnostics`, each with the outline's line.
Raises `RenderError` (naming the outline's line) for a title or point that
cannot fit even alone at the smallest allowed size.

No python-pptx here: backends only draw what this decided.
"""

from __future__ import annotations

from deckgen.layout.geometry import DeckGeometry
from deckgen.layout.model import Deck
from deckgen.outline.model import Outline
from deckgen.theme.model import Theme

__all__ = ["layout_deck"]


def layout_deck(outline: Outline, theme: Theme, geometry: DeckGeometry | None = None) -> Deck:
    """See the module docstring. `geometry` defaults to 16:9 without a template."""
    raise NotImplementedError("layout_deck: the implementation lands in the next commit")
