"""The poster's layout (pure): `layout_poster(outline, theme, options, talk) -> Poster`.

- layout.py: the page (banner, timeline, footer);
- timeline.py, fit.py: axis rows, scales, which cards go where;
- placement.py, columns.py, stacks.py: card placement without overlap;
- cards.py, text.py: card texts, measured (group colours and shapes: the
  talk's look, common/look.py);
- tiling.py: the poster over small sheets; model.py: what the backend draws.
"""
