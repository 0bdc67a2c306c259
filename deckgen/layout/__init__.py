"""Layout: pure decisions about pages, sizes and positions, in points.

One package per medium, and what they share in one place:

- `common/`: what every medium needs (measured text, the time scale, picture
  sizes, link text, the words deckgen adds, shared primitives such as `Box`);
- `deck/`: the slides (`layout_deck(outline, theme, geometry) -> Deck`), read
  by the pptx and slides-pdf backends and the handout's slides mode;
- `handout/`: the printable handout (`layout_handout`);
- `poster/`: the timeline poster (`layout_poster`).

Nothing here draws: backends only render what the layout decided.
"""
