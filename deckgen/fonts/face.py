"""One static font file and its metrics, measured the way PowerPoint sets text.

Widths are the sum of horizontal advances from the `hmtx` table, looked up
through the Unicode `cmap`, without kerning: that is how the PDFs draw text
(reportlab never kerns) and so how lines are broken. A .pptx renderer may
kern (LibreOffice always does; PowerPoint from the master's `kern` size up),
setting a line a little narrower: `Face.kerning` gives the font's own pair
adjustments (its GPOS 'kern' feature, else its legacy 'kern' table) so that
line breaking can tell where that could make a renderer break elsewhere.
The kerning is extracted once per machine and kept on disk as JSON beside
the static instances (`deckgen.fonts.kerning`).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont

from deckgen.fonts.kerning import Kerning, load_kerning

__all__ = ["Face", "load_face"]

# Characters a text box handles without a glyph: line breaks, and format
# controls (zero-width space/joiners, soft hyphen, variation selectors) that
# shaping consumes.
_NO_GLYPH_NEEDED = frozenset("\n\r\t\u00ad\u200b\u200c\u200d\u2060\ufeff") | frozenset(
    chr(c) for c in range(0xFE00, 0xFE10)
)


class _Advances(dict):
    """char -> advance per 1 pt; characters without a glyph get .notdef's."""

    def __init__(self, cmap: dict[int, str], hmtx, upem: int) -> None:
        scale = 1.0 / upem
        widths = {glyph: adv * scale for glyph, (adv, _lsb) in hmtx.metrics.items()}
        super().__init__((chr(cp), widths[glyph]) for cp, glyph in cmap.items())
        self._notdef = widths.get(".notdef", 0.5)
        self._space = self.get(" ", 0.25)

    def __missing__(self, ch: str) -> float:
        adv = self._notdef
        if ch in _NO_GLYPH_NEEDED:
            adv = self._space if ch == "\t" else 0.0
        self[ch] = adv
        return adv


class Face:
    """One style (regular, bold, italic, bold italic) of a family."""

    __slots__ = (
        "family",
        "bold",
        "italic",
        "path",
        "name",
        "units_per_em",
        "ascent",
        "descent",
        "line_gap",
        "cap_height",
        "_adv",
        "_cmap",
        "_glyphs",
        "_kerns",
        "_pairs",
    )

    def __init__(self, family: str, bold: bool, italic: bool, path: Path) -> None:
        self.family = family
        self.bold = bold
        self.italic = italic
        self.path = Path(path)
        font = TTFont(self.path, lazy=True)
        upem = font["head"].unitsPerEm
        self.units_per_em: int = upem
        hhea = font["hhea"]
        # Per 1 pt of size; descent positive (below the baseline).
        self.ascent: float = hhea.ascent / upem
        self.descent: float = -hhea.descent / upem
        self.line_gap: float = hhea.lineGap / upem
        os2 = font.get("OS/2")
        cap = getattr(os2, "sCapHeight", 0) or 0
        self.cap_height: float = (cap / upem) if cap else self.ascent * 0.7
        style = {
            (False, False): "Regular",
            (True, False): "Bold",
            (False, True): "Italic",
            (True, True): "BoldItalic",
        }[(bold, italic)]
        # A name unique per face, for registering with a PDF library.
        self.name: str = f"{family.replace(' ', '')}-{style}"
        cmap = font.getBestCmap() or {}
        self._cmap = frozenset(chr(cp) for cp in cmap)
        self._glyphs = {chr(cp): glyph for cp, glyph in cmap.items()}
        self._adv = _Advances(cmap, font["hmtx"], upem)
        self._kerns: Kerning | None = None  # read on first use
        self._pairs: dict[str, float] = {}
        font.close()

    def width(self, text: str, size: float) -> float:
        """Width of `text` set at `size` points, in points."""
        return sum(map(self._adv.__getitem__, text)) * size

    def kerning(self, pair: str) -> float:
        """The font's kerning between the two characters of `pair`, per 1 pt
        (negative: set closer); 0 for a character without a glyph."""
        got = self._pairs.get(pair)
        if got is None:
            if self._kerns is None:
                self._kerns = load_kerning(self.path)
            first, second = self._glyphs.get(pair[0]), self._glyphs.get(pair[1])
            got = (
                self._kerns.pair(first, second) * (1.0 / self.units_per_em)
                if first and second
                else 0.0
            )
            self._pairs[pair] = got
        return got

    def kerned_width(self, text: str, size: float) -> float:
        """Width of `text` at `size` with the font's pair kerning applied."""
        kern = self.kerning
        return (self.width(text, size) / size + sum(map(kern, _pairs_of(text)))) * size

    def advance(self, ch: str) -> float:
        """Advance of one character per 1 pt of size."""
        return self._adv[ch]

    def covers(self, ch: str) -> bool:
        return ch in self._cmap or ch in _NO_GLYPH_NEEDED

    def missing(self, text: str) -> list[str]:
        """Characters of `text` this face has no glyph for, each once, in order."""
        cmap = self._cmap
        seen: dict[str, None] = {}
        for ch in text:
            if ch not in cmap and ch not in _NO_GLYPH_NEEDED and ch not in seen:
                seen[ch] = None
        return list(seen)

    def __repr__(self) -> str:
        return f"Face({self.name!r}, {str(self.path)!r})"


def _pairs_of(text: str):
    return (text[i : i + 2] for i in range(len(text) - 1))


_faces: dict[tuple[str, bool, bool, Path], Face] = {}


def load_face(family: str, bold: bool, italic: bool, path: Path) -> Face:
    """A Face, loaded once per process."""
    key = (family, bold, italic, Path(path))
    face = _faces.get(key)
    if face is None:
        face = _faces[key] = Face(family, bold, italic, path)
    return face


def describe(ch: str) -> str:
    """'😀' -> "'😀' (U+1F600 GRINNING FACE)" for error messages."""
    name = unicodedata.name(ch, "")
    shown = ch if ch.isprintable() else ""
    label = f"U+{ord(ch):04X}" + (f" {name}" if name else "")
    return f"{shown!r} ({label})" if shown else label
