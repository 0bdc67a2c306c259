"""Fonts: find families installed from PyPI (fontpkg-*), measure text with
their real metrics, and hand static TTF files to the PDF backends.

INTERFACE (implemented by the fonts work; consumers rely on exactly this):

    family(name: str) -> Family            # raises FontError listing the installed families
    families() -> list[str]                # names of every usable family

    class Family:
        name: str                          # 'Arimo'
        office_name: str                   # the name a .pptx writes ('Arial' for Arimo,
                                           # metric-compatible); else == name
        def face(self, bold=False, italic=False) -> Face

    class Face:
        family: str; bold: bool; italic: bool
        path: Path                         # a static TTF (instanced from a variable font
                                           # and cached on disk when needed)
        ascent: float; descent: float      # per 1 pt of size, descent positive
        def width(self, text: str, size: float) -> float   # points, advance widths
        def covers(self, ch: str) -> bool
        def missing(self, text: str) -> list[str]          # chars with no glyph, in order

    deckgen.fonts.wrap:
        @dataclass(frozen=True) class Line: runs: tuple[Run, ...]; width: float
        def wrap(runs, family: Family, size: float, max_width: float) -> list[Line]
            # breaks like PowerPoint: at spaces (and after hyphens); a word
            # longer than the line breaks between characters; bold/italic runs
            # measured with their own face
"""
