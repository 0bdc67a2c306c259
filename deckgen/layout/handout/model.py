"""The handout's model: what the layout decided, for the backend to draw.

`Handout` holds the page, the styles and the blocks in reading order: a
`Cover`, one `SectionBlock` per section, `KeyDates` and `References`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.errors import Diagnostic, Location
from deckgen.layout.common.blocks import ChartBlock, CodeBlock, MathBlock, TableBlock
from deckgen.layout.common.images import NO_CROP, Crop
from deckgen.layout.common.words import Words, words
from deckgen.layout.handout.keydates import Strip
from deckgen.layout.handout.style import PageGeometry, Palette, Styles
from deckgen.layout.handout.text import SetParagraph
from deckgen.outline.model import Point, Quote, Reference, Run, Text

if TYPE_CHECKING:  # slides mode only; imported lazily by the layout
    from deckgen.layout.deck.model import Deck
    from deckgen.layout.handout.slides import SlidePage

__all__ = [
    "Block",
    "Cover",
    "DateRow",
    "Figure",
    "Handout",
    "KeyDates",
    "Pointer",
    "References",
    "SectionBlock",
    "SetColumn",
    "SetColumns",
    "SetList",
    "SetQuote",
    "SlideBlock",
    "SlidePart",
    "Statement",
    "BlockPart",
]


@dataclass(frozen=True)
class Figure:
    src: Path
    alt: str
    width: float  # points, as printed
    height: float
    caption: Text | None = None
    credit: Text | None = None
    caption_set: SetParagraph | None = None  # the caption, broken into lines
    credit_set: SetParagraph | None = None
    crop: Crop = NO_CROP  # fractions cut from the picture's sides (`fit: cover`)
    grey: bool = False  # drawn in greyscale (the ink-saving print theme)


@dataclass(frozen=True)
class SetQuote:
    """A quote set apart (a bar beside it), with its attribution below."""

    text: SetParagraph
    by: SetParagraph | None


@dataclass(frozen=True)
class SetList:
    """A bulleted list: points and their sub-points, bullets decided."""

    items: tuple[SetParagraph, ...]


@dataclass(frozen=True)
class SetColumn:
    heading: SetParagraph | None
    items: tuple[SetParagraph, ...]


@dataclass(frozen=True)
class SetColumns:
    """A two-column slide: side by side (each column `width` wide, `gap`
    apart, kept together) or stacked at the full measure."""

    columns: tuple[SetColumn, ...]
    side_by_side: bool
    width: float
    gap: float


@dataclass(frozen=True)
class Statement:
    """A statement slide's one sentence, set apart as a key statement."""

    text: SetParagraph


@dataclass(frozen=True)
class Pointer:
    """A timeline slide's line pointing the reader to the key dates."""

    text: SetParagraph


@dataclass(frozen=True)
class BlockPart:
    """A table, code listing, chart or equation, laid out at the measure: a
    long table or listing as several pieces (a table's header repeated)."""

    pieces: tuple[TableBlock | CodeBlock | ChartBlock | MathBlock, ...]
    caption: SetParagraph | None = None


SlidePart = SetList | SetColumns | Figure | SetQuote | Statement | Pointer | BlockPart


@dataclass(frozen=True)
class SlideBlock:
    """One explicit slide in its section: a small heading with the slide's
    title (None when it has none or repeats the section's), then its parts."""

    layout: str
    heading: SetParagraph | None
    parts: tuple[SlidePart, ...]
    location: Location


@dataclass(frozen=True)
class Cover:
    title: Text
    subtitle: Text | None
    byline: tuple[Run, ...]  # author · date
    source: tuple[Run, ...]  # "Based on ..." credit, empty when none
    figure: Figure | None
    location: Location


@dataclass(frozen=True)
class SectionBlock:
    id: str
    number: int
    title: Text
    summary: tuple[Text, ...]
    points: tuple[Point, ...]
    figure: Figure | None
    quote: Quote | None
    notes_lines: int  # 0: no ruled notes area
    location: Location
    speaker_notes: tuple[Text, ...] = ()  # printed only with the speaker_notes option
    prose: tuple[SetParagraph, ...] = ()  # the summary, broken into lines
    key_points: tuple[SetParagraph, ...] = ()  # points and sub-points, set, bullets decided
    quote_set: SetQuote | None = None  # `quote`, set
    slides: tuple[SlideBlock, ...] = ()  # the explicit slides, after the prose


@dataclass(frozen=True)
class DateRow:
    when: str
    title: Text
    text: Text | None
    group: str  # the group's label, '' when none
    color: str  # the group's marker (the look's: as on the slides and the poster)
    shape: str = "circle"
    # the event cell's title and text set in lines by the layout (no runts);
    # None in hand-made models (the backend sets them)
    title_set: SetParagraph | None = None
    text_set: SetParagraph | None = None


@dataclass(frozen=True)
class KeyDates:
    title: Text
    rows: tuple[DateRow, ...]
    show_groups: bool
    strip: Strip | None = None  # the timeline to scale, above the table
    mark_size: float = 0.0  # a row's marker, drawn before its date
    date_width: float = 0.0  # points, the date column: its widest date on one line
    group_width: float = 0.0  # points, the group column: its longest label; 0: a default
    groups_label: str = ""  # the group column's head: the timeline's word, else "Group"


@dataclass(frozen=True)
class References:
    title: Text
    items: tuple[Reference, ...]
    # each item set in lines ("1." hung in the indent; a URL printed decoded
    # and broken only where `breaks.url_breaks` allows); () in hand-made models
    set_items: tuple[SetParagraph, ...] = ()


Block = Cover | SectionBlock | KeyDates | References


@dataclass(frozen=True)
class Handout:
    mode: str  # 'article' or 'slides'
    geometry: PageGeometry
    palette: Palette
    styles: Styles
    hyphenation: str | None  # pyphen language, None: ragged right
    blocks: tuple[Block, ...]
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str
    header: str  # running header, left
    footer: str  # running footer, left (source credit or theme footer)
    footer_lines: tuple[str, ...] = ()  # the footer as printed (`furniture.footer_lines`)
    words: Words = field(default_factory=lambda: words("en"))  # the words the handout adds
    logo: Figure | None = None  # the theme's logo, small at the head of every page
    slide_pages: tuple[SlidePage, ...] = ()  # slides mode only
    deck: Deck | None = None  # slides mode only
    diagnostics: list[Diagnostic] = field(default_factory=list)
