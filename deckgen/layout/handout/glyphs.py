"""Every character the handout prints must have a glyph in the face that prints it.

A missing glyph would show as a box or a gap on paper; instead it is an error
naming the outline's line, the character and the font, all at once.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from deckgen import fonts
from deckgen.errors import Diagnostic, FontError, Location
from deckgen.outline.model import Run

__all__ = ["GlyphCheck"]


class GlyphCheck:
    """Collects (runs, family, base style, where) and reports what is missing."""

    def __init__(self) -> None:
        self._diagnostics: list[Diagnostic] = []
        self._seen: set[tuple[str, str, Location]] = set()

    def runs(
        self,
        runs: Iterable[Run],
        family: str,
        location: Location,
        where: str,
        bold: bool = False,
        italic: bool = False,
    ) -> None:
        fam = fonts.family(family)
        for run in runs:
            face = fam.face(bold=bold or run.bold, italic=italic or run.italic)
            for ch in face.missing(run.text):
                key = (ch, face.path.name, location)
                if key in self._seen:
                    continue
                self._seen.add(key)
                style = ("bold " if face.bold else "") + ("italic" if face.italic else "")
                name = unicodedata.name(ch, "unnamed character")
                self._diagnostics.append(
                    Diagnostic(
                        "error",
                        f"{where}: character {ch!r} (U+{ord(ch):04X} {name}) has no glyph in "
                        f"{family} {style.strip() or 'regular'}, the theme's font for this text; "
                        "choose a theme font that covers it, or remove the character",
                        location,
                    )
                )

    def text(self, text, family: str, where: str, bold: bool = False, italic: bool = False) -> None:
        if text is not None:
            self.runs(text.runs, family, text.location, where, bold, italic)

    def plain(
        self,
        s: str,
        family: str,
        location: Location,
        where: str,
        bold: bool = False,
        italic: bool = False,
    ) -> None:
        self.runs((Run(s),), family, location, where, bold, italic)

    def raise_if_missing(self) -> None:
        if self._diagnostics:
            raise FontError(diagnostics=sorted(self._diagnostics, key=lambda d: d.location))
