"""The handout's page and type: paper, a readable measure, and every text style.

Pure: decides numbers only. The measure is computed from the body font's real
advance widths so that a line holds about 68 characters of running text
(typographers' 60-75), whatever the theme's font; the text block is centred
on the paper, its margins derived from the paper's size.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from deckgen.color import contrast, luminance, mix
from deckgen.layout.common.blocks import BlockColors
from deckgen.theme.model import Theme

__all__ = [
    "PAPERS",
    "Palette",
    "PageGeometry",
    "Styles",
    "TextStyle",
    "average_char_width",
    "hyphenation_language",
    "make_geometry",
    "make_palette",
    "make_styles",
]

MM = 72 / 25.4

# paper option -> (width, height) in points, portrait.
PAPERS: dict[str, tuple[float, float]] = {
    "A4": (210 * MM, 297 * MM),
    "Letter": (612.0, 792.0),
}

TARGET_CHARS = 74  # by the sample average; set lines average ~69 characters (60-75)
MIN_MARGIN = 54.0  # 3/4 in: printers' safe area with room to spare
PRINT_FLOOR = 9.0  # points: the smallest printed text (large-print guidance, deckgen check --a11y)
HEAD_MARGIN = 0.075  # of the paper's height, above the text block
FOOT_MARGIN = 0.085  # below it

# Lower-case heavy English prose: its average advance approximates what a
# line of running text costs per character (letters, spaces, punctuation).
_SAMPLE = (
    "The launch of the first artificial satellite in October changed how people "
    "thought about science, education and the reach of national power, and it began "
    "a contest of rockets, probes and crews that lasted for decades."
)


@dataclass(frozen=True)
class PageGeometry:
    """Points; y measured up from the page's bottom edge (as PDF does)."""

    paper: str
    width: float
    height: float
    left: float  # left edge of the text column
    column: float  # width of the text column (the measure)
    top: float  # top edge of the text frame
    bottom: float  # bottom edge of the text frame
    header_y: float  # baseline of the running header
    footer_y: float  # baseline of the running footer
    chars_per_line: float  # measured average for running text

    @property
    def right(self) -> float:
        return self.left + self.column

    @property
    def frame_height(self) -> float:
        return self.top - self.bottom


@dataclass(frozen=True)
class TextStyle:
    font: str  # family name (deckgen.fonts)
    size: float
    leading: float
    color: str
    bold: bool = False
    italic: bool = False
    align: str = "left"  # left, justify, center, right
    space_before: float = 0.0
    space_after: float = 0.0
    left_indent: float = 0.0
    right_indent: float = 0.0
    first_indent: float = 0.0
    keep_with_next: bool = False
    hyphenate: bool = False
    upper: bool = False  # set in capitals (labels)
    tracking: float = 0.0  # extra letter spacing, points


@dataclass(frozen=True)
class Palette:
    """Ink on paper: a dark theme's light-on-dark colours are not printed."""

    text: str
    muted: str
    accent: str
    rule: str  # hairlines: notes lines, table rules
    tint: str  # very light panel behind key points


@dataclass(frozen=True)
class Styles:
    title: TextStyle
    subtitle: TextStyle
    byline: TextStyle
    source: TextStyle
    heading: TextStyle
    heading_number: TextStyle
    label: TextStyle
    body: TextStyle
    body_next: TextStyle  # later paragraphs: first-line indent instead of a gap
    point: TextStyle
    subpoint: TextStyle
    quote: TextStyle
    attribution: TextStyle
    caption: TextStyle
    credit: TextStyle
    table_head: TextStyle
    table_cell: TextStyle
    table_date: TextStyle
    reference: TextStyle
    header: TextStyle
    footer: TextStyle
    notes_label: TextStyle
    speaker_notes: TextStyle
    slide_title: TextStyle  # an explicit slide's title, a small heading in its section
    statement: TextStyle  # a statement slide's sentence, set apart
    column_head: TextStyle  # a two-column slide's column heading
    pointer: TextStyle  # a timeline slide's pointer to the key dates
    column_gap: float  # between side-by-side columns
    point_indent: float  # text indent of a key point; its bullet hangs left of it
    notes_pitch: float  # distance between ruled note lines
    keep_lines: int  # a heading needs room for itself and this many body lines


def _ink(hex_rgb: str, fallback: str, minimum: float) -> str:
    """`hex_rgb` if it reads on white paper with `minimum` contrast, else darkened."""
    colour = hex_rgb
    for _ in range(10):
        if contrast(colour, "#FFFFFF") >= minimum:
            return colour
        colour = mix(colour, "#000000", 0.25)
    return fallback


def make_palette(theme: Theme) -> Palette:
    """Paper is white: keep the theme's colours where they read on it."""
    c = theme.colors
    dark_theme = luminance(c.background) < 0.4
    text = "#1A1A1A" if dark_theme else _ink(c.text, "#1A1A1A", 10.0)
    muted = "#555555" if dark_theme else _ink(c.muted, "#555555", 5.0)
    accent = _ink(c.accent, text, 4.5)
    return Palette(
        text=text,
        muted=muted,
        accent=accent,
        rule=mix(muted, "#FFFFFF", 0.55),
        tint=mix(accent, "#FFFFFF", 0.93),
    )


def handout_block_colors(palette: Palette, series: tuple[str, ...]) -> BlockColors:
    """Tables, code and charts on white paper, in the palette's ink."""
    inks = tuple(_ink(c, palette.text, 3.0) for c in series)
    return BlockColors.of("#FFFFFF", palette.text, palette.muted, palette.accent, "#FFFFFF", inks)


def average_char_width(body_face, size: float) -> float:
    return body_face.width(_SAMPLE, size) / len(_SAMPLE)


def make_geometry(paper: str, body_face, body_size: float) -> PageGeometry:
    """A text block centred on the paper: its width holds `TARGET_CHARS`
    characters of running text (within 60-75), the side margins split what is
    left equally; the head and foot margins are fractions of the paper's
    height, the foot a little deeper (the block sits slightly high, as books
    set it)."""
    width, height = PAPERS[paper]
    per_char = average_char_width(body_face, body_size)
    column = min(TARGET_CHARS * per_char, width - 2 * MIN_MARGIN)
    left = round((width - column) / 2, 2)
    top_margin = round(height * HEAD_MARGIN, 1)
    bottom_margin = round(height * FOOT_MARGIN, 1)
    return PageGeometry(
        paper=paper,
        width=width,
        height=height,
        left=left,
        column=column,
        top=height - top_margin,
        bottom=bottom_margin,
        header_y=height - top_margin + 22,
        footer_y=bottom_margin - 30,
        chars_per_line=column / per_char,
    )


# A bare language's dictionary where pyphen's own choice is a regional one
# ('en' gave en_GB, which breaks 'envir-onmental'; 'de' gave de_AT).
MAIN_DICTIONARY = {"en": "en_US", "de": "de_DE"}


def hyphenation_language(language: str) -> str | None:
    """The pyphen dictionary for a BCP 47 tag ('en' -> 'en_US'), or None."""
    try:
        import pyphen
    except ImportError:  # hyphenation is an improvement, not a requirement
        return None
    tag = language.replace("-", "_")
    main = MAIN_DICTIONARY.get(tag)
    if main is not None and main in pyphen.LANGUAGES:
        return main
    return pyphen.language_fallback(tag) or pyphen.language_fallback(tag.split("_")[0])


def make_styles(
    head: str, body: str, palette: Palette, body_size: float, hyphenate: bool
) -> Styles:
    s = body_size
    lead = round(s * 1.42, 2)

    def small(k: float) -> float:
        # no printed text under 9 pt (deckgen check --a11y), whatever the body size
        return max(PRINT_FLOOR, s * k)

    text, muted, accent = palette.text, palette.muted, palette.accent
    base = TextStyle(body, s, lead, text)
    body_style = replace(
        base, align="justify" if hyphenate else "left", hyphenate=hyphenate, space_after=0.0
    )
    label = TextStyle(
        head,
        small(0.78),
        s * 1.1,
        accent,
        bold=True,
        upper=True,
        tracking=0.8,
        space_before=s * 0.9,
        space_after=s * 0.35,
        keep_with_next=True,
    )
    return Styles(
        title=TextStyle(head, s * 2.45, s * 2.8, text, bold=True, space_after=s * 0.5),
        subtitle=TextStyle(head, s * 1.35, s * 1.75, muted, space_after=s * 0.9),
        byline=TextStyle(body, s, lead, text, space_after=s * 0.2),
        source=TextStyle(body, small(0.85), s * 1.2, muted, italic=True, space_after=s),
        heading=TextStyle(
            head,
            s * 1.5,
            s * 1.85,
            text,
            bold=True,
            space_before=s * 1.9,
            space_after=s * 0.55,
            keep_with_next=True,
        ),
        heading_number=TextStyle(head, s * 1.5, s * 1.85, accent, bold=True),
        label=label,
        body=body_style,
        body_next=replace(body_style, first_indent=s * 1.5),
        point=TextStyle(body, s * 0.95, s * 1.32, text, left_indent=s * 1.3, space_after=s * 0.25),
        subpoint=TextStyle(
            body, s * 0.9, s * 1.25, text, left_indent=s * 2.6, space_after=s * 0.15
        ),
        quote=TextStyle(
            body,
            s * 1.15,
            s * 1.6,
            text,
            italic=True,
            left_indent=s * 1.6,
            right_indent=s * 1.6,
            space_before=s * 0.9,
        ),
        attribution=TextStyle(
            body,
            s * 0.9,
            s * 1.3,
            muted,
            left_indent=s * 1.6,
            right_indent=s * 1.6,
            space_before=s * 0.2,
            space_after=s * 0.9,
        ),
        caption=TextStyle(body, small(0.85), s * 1.2, text, italic=True, space_before=s * 0.35),
        credit=TextStyle(
            body, small(0.7), max(s * 0.95, PRINT_FLOOR * 1.1), muted, space_after=s * 0.6
        ),
        table_head=TextStyle(
            head, small(0.8), s * 1.1, accent, bold=True, upper=True, tracking=0.5
        ),
        table_cell=TextStyle(body, s * 0.88, s * 1.22, text),
        table_date=TextStyle(body, s * 0.88, s * 1.22, text, bold=True),
        reference=TextStyle(
            body, s * 0.9, s * 1.28, text, left_indent=s * 1.6, space_after=s * 0.35
        ),
        header=TextStyle(head, s * 0.75, s, muted),
        footer=TextStyle(body, s * 0.72, s, muted),
        notes_label=replace(label, space_before=s * 1.4, color=muted),
        speaker_notes=TextStyle(body, s * 0.88, s * 1.25, text, space_after=s * 0.35),
        slide_title=TextStyle(
            head, s * 1.05, s * 1.35, text, bold=True, space_before=s * 1.3, space_after=s * 0.35
        ),
        statement=TextStyle(
            head,
            s * 1.2,
            s * 1.55,
            text,
            bold=True,
            left_indent=s * 1.6,
            right_indent=s * 1.6,
            space_before=s * 0.9,
            space_after=s * 0.9,
        ),
        column_head=TextStyle(
            head, s * 0.95, s * 1.25, accent, bold=True, space_before=s * 0.7, space_after=s * 0.45
        ),
        pointer=TextStyle(body, s * 0.95, s * 1.3, muted, italic=True, space_after=s * 0.3),
        column_gap=s * 1.6,
        point_indent=s * 1.3,
        notes_pitch=s * 2.1,
        keep_lines=3,
    )
