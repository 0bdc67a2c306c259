"""Layout: pure decisions about pages, sizes and positions, in points.

The deck: `deckgen.layout.deck.layout_deck(outline, theme, geometry) -> Deck`,
with `DeckGeometry` (geometry.py) and the Deck model (model.py). Beside it:

- sequence.py: which slides, in which order (title, agenda, dividers,
  content, timeline, closing), and the framing slides themselves;
- slides.py: the content slide kinds (bullets, two-column, image, quote,
  statement) and the shared title/kicker/picture helpers;
- timeline_slide.py: timeline slides with native shapes, continued when dense;
- fit.py: shrink to a floor, then split; errors naming the outline's line;
- text.py: measured paragraphs (real font metrics, safety margin, exact pitch);
- deck_style.py: the alignment grid, sizes and colours from the theme;
- images.py: picture sizes from file headers, fitting without distortion;
- color.py, words.py: contrast arithmetic; the words deckgen puts on slides.

The handout and poster layouts live beside it (handout*.py, poster.py).
Nothing here draws: backends only render what the layout decided.
"""
