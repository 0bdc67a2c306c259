"""The handout's page furniture (pure): the running footer's lines.

    footer_lines(text, style, width, words) -> tuple[str, ...]

The footer (the source credit, or the theme's footer) sits at the left of
the page's foot, the page number at the right. A credit too long for one
line takes two, broken between words; a longer one keeps as many whole words
as two lines hold and ends in an ellipsis (the credit is printed whole on
the cover). A word is never cut.
"""

from __future__ import annotations

from collections.abc import Callable

from deckgen.fonts.wrap import text_width
from deckgen.layout.common.words import Words
from deckgen.layout.handout.style import TextStyle

__all__ = ["FOOTER_GAP", "FOOTER_LINES", "footer_lines"]

FOOTER_LINES = 2  # at most
FOOTER_GAP = 18.0  # points between the footer and the page number


def footer_lines(text: str, style: TextStyle, width: float, words: Words) -> tuple[str, ...]:
    """`text` broken into at most `FOOTER_LINES` lines that fit `width` beside
    the widest page number ('page 888 of 888')."""
    if not text.strip():
        return ()
    room = width - text_width(words.page(888, 888), style.font, style.size) - FOOTER_GAP

    def fits(line: str) -> bool:
        return text_width(line, style.font, style.size) <= room

    lines: list[str] = []
    current = ""
    tokens = text.split()
    for word in tokens:
        candidate = f"{current} {word}" if current else word
        if fits(candidate) or not current:
            current = candidate
            continue
        lines.append(current)
        if len(lines) == FOOTER_LINES:
            return (*lines[:-1], _shortened(lines[-1], fits))
        current = word
    lines.append(current)
    return tuple(lines)


def _shortened(line: str, fits: Callable[[str], bool]) -> str:
    """The last line with an ellipsis after its last whole word that leaves
    room for it ('…' straight after the word, its punctuation dropped); what
    does not fit is left out whole."""
    words = line.split()
    while len(words) > 1:
        head = " ".join(words).rstrip(" ,;:·—–-")
        if fits(head + "…"):
            return head + "…"
        words.pop()
    return words[0] + "…"
