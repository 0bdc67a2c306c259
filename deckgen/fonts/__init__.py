"""Fonts: find families installed from PyPI (fontpkg-*), measure text with
their real metrics, and hand static TTF files to the PDF backends.

INTERFACE (implemented here; consumers rely on exactly this):

    family(name: str, location=None) -> Family  # any case; 'Arial' finds Arimo;
                                           # raises FontError listing the installed families
    families() -> list[str]                # names of every usable family, sorted
                                           # ('Arimo', 'PT Sans', 'PT Serif')

    class Family:
        name: str                          # 'Arimo'
        office_name: str                   # the name a .pptx writes ('Arial' for Arimo,
                                           # metric-compatible); else == name
        office_safe: bool                  # office_name is a font Office ships, with
                                           # the same widths: a .pptx keeps our breaks
        def face(self, bold=False, italic=False) -> Face   # cached per process

    class Face:
        family: str; bold: bool; italic: bool   # what the file really is (a family
                                           # without italics gives its upright face)
        name: str                          # 'Arimo-BoldItalic': unique, for PDF registration
        path: Path                         # a static TTF (instanced from a variable font
                                           # and cached on disk when needed)
        ascent: float; descent: float      # per 1 pt of size (hhea), descent positive
        line_gap: float; cap_height: float # per 1 pt of size
        def width(self, text: str, size: float) -> float   # points, advance widths, no kerning
        def advance(self, ch: str) -> float                # per 1 pt
        def covers(self, ch: str) -> bool
        def missing(self, text: str) -> list[str]          # chars with no glyph, in order

    check_coverage(text: Text | str, family, location=None) -> None
        # FontError naming every uncovered character, at `location` or the Text's own
    coverage_diagnostics(text, family, location=None) -> list[Diagnostic]
        # the same as data, for callers that collect every problem first
    missing_chars(text, family) -> list[str]
    cache_dir() -> Path                    # where static instances are kept

    deckgen.fonts.wrap:
        @dataclass(frozen=True) class Line: runs: tuple[Run, ...]; width: float; text (property)
        def wrap(runs, family, size: float, max_width: float) -> list[Line]
            # runs: Text, str or a sequence of Run; family: Family or its name.
            # Breaks like PowerPoint: at spaces (they hang, not counted in
            # width), after hyphens between letters and after dashes, at '\\n';
            # a word longer than the line breaks between characters; bold/italic
            # runs measured with their own face. All lines' runs together give
            # back the text (less '\\n'). Every width <= max_width unless one
            # character alone is wider than the line.
        def text_width(runs, family, size) -> float        # one line, points
        def line_height(family, size, spacing=1.2) -> float
            # size * spacing, rounded to 1/100 pt. Layouts set this explicit
            # line spacing in points in every output (pptx a:spcPts, PDF leading)
            # so that what is measured is what is drawn.

Variable fonts (Arimo) are cut into static Regular/Bold instances with
fontTools on first use (~1.5-2 s each) and kept under `cache_dir()`:
`$DECKGEN_CACHE/fonts`, else `$XDG_CACHE_HOME/deckgen/fonts`, else
`~/.cache/deckgen/fonts`; the files are byte-identical on every machine with
the same font and fontTools versions. Each face's pair kerning is kept
there too, as JSON (`deckgen.fonts.kerning`). `python -m deckgen.fonts` lists the
families and prepares every face ahead of a first build.
"""

from deckgen.fonts.cache import cache_dir
from deckgen.fonts.coverage import check_coverage, coverage_diagnostics, missing_chars
from deckgen.fonts.face import Face
from deckgen.fonts.family import Family, families, family

__all__ = [
    "Face",
    "Family",
    "cache_dir",
    "check_coverage",
    "coverage_diagnostics",
    "families",
    "family",
    "missing_chars",
]
