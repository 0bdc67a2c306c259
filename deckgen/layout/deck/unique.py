"""No two slides share a title.

PowerPoint's accessibility checker flags duplicate slide titles, and the
outline view and a screen reader's slide list cannot tell them apart. A
section's content slides naturally take the section's title, so after the
sequence is made:

- a quote or statement slide (whose small kicker is only context) that
  repeats another slide's title gets the kind's word: "… · Quote";
- any title still repeated gets "(2)", "(3)" in slide order.

Continued slides are already distinct ("Title (2/4)", slides.py) and section
dividers carry their "Section 1 / 5" kicker in the title (sequence.py).
A new title is re-measured in its box, shrinking if it must; if even that
cannot fit, the slide keeps its title (never spill for a checker's sake).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from deckgen.layout.common.text import TextStyle, paragraph
from deckgen.layout.deck.fit import sizes_down
from deckgen.layout.deck.model import TextBox
from deckgen.layout.deck.slides import Draft, SlideMaker
from deckgen.outline.model import Run

__all__ = ["distinct_titles"]

_KIND_WORD = {"quote": "quote", "statement": "key_point"}


def distinct_titles(drafts: list[Draft], maker: SlideMaker) -> None:
    """Rename, in place, the drafts whose title another draft already has."""
    count = Counter(d.title for d in drafts)
    for d in drafts:
        if count[d.title] > 1 and d.kind in _KIND_WORD:
            word = maker.words[_KIND_WORD[d.kind]]
            if _retitle(d, f" · {word}", maker):
                count[d.title] += 1
    seen: Counter[str] = Counter()
    count = Counter(d.title for d in drafts)
    for d in drafts:
        if count[d.title] <= 1:
            continue
        seen[d.title] += 1
        n = seen[d.title]
        if n > 1:
            _retitle(d, f" ({n})", maker)


def _retitle(draft: Draft, suffix: str, maker: SlideMaker) -> bool:
    k = next(
        (
            k
            for k, el in enumerate(draft.elements)
            if isinstance(el, TextBox) and el.placeholder == "title" and len(el.paragraphs) == 1
        ),
        None,
    )
    if k is None:
        return False
    el = draft.elements[k]
    assert isinstance(el, TextBox)  # as the search above chose it
    p = el.paragraphs[0]
    runs = (*p.runs, Run(suffix))
    max_lines = max(1, int(el.box.h / p.line_height + 1e-6))
    pitch = p.line_height / p.size
    floor = min(p.size, maker.style.title_floor if el.role == "title" and p.size > 24 else 12.0)
    for size in sizes_down(p.size, floor):
        style = TextStyle(p.font, size, p.color, pitch, p.bold, p.italic, p.align)
        q = paragraph(runs, style, el.box.w)
        if len(q.lines) <= max_lines and q.height <= el.box.h + 1e-6:
            draft.elements[k] = replace(el, paragraphs=(q,))
            draft.title = "".join(r.text for r in runs)
            return True
    return False
