"""Very long prose cut into pieces that reportlab can paginate in linear time.

reportlab breaks a paragraph into lines again each time it splits it across
a page, so a paragraph of a megabyte costs minutes (hours for more). Cut at a
space every CHUNK characters, the pieces set one under another read as one
paragraph (only a piece's last line may end short).
"""

from __future__ import annotations

from deckgen.outline.model import Run

__all__ = ["CHUNK", "pieces"]

CHUNK = 3000  # characters: about a third of a page


def pieces(runs: tuple[Run, ...], size: int = CHUNK) -> list[tuple[Run, ...]]:
    """`runs` cut at spaces into pieces of about `size` characters (one when short)."""
    if sum(len(r.text) for r in runs) <= size:
        return [runs]
    out: list[tuple[Run, ...]] = []
    current: list[Run] = []
    length = 0
    for run in runs:
        text = run.text
        while length + len(text) > size:
            cut = text.rfind(" ", 0, max(size - length, 1))
            if cut <= 0:
                cut = text.find(" ", max(size - length, 1))
            if cut <= 0:
                break  # one word to the end of the run: it stays whole
            current.append(_with(run, text[:cut]))
            out.append(tuple(current))
            current, length = [], 0
            text = text[cut + 1 :]
        if text:
            current.append(_with(run, text))
            length += len(text)
    if current:
        out.append(tuple(current))
    return out


def _with(run: Run, text: str) -> Run:
    return Run(text, run.bold, run.italic, run.link)
