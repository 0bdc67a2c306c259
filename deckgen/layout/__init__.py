"""Layout: pure decisions about pages, sizes and positions, in points.

The deck: `layout_deck(outline, theme, geometry) -> Deck` (deckgen.layout.deck),
with `DeckGeometry` (deckgen.layout.geometry) and the Deck model
(deckgen.layout.model). The handout and poster layouts live beside it.
"""
