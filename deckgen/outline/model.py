"""The Outline model: typed, immutable, every node knows its source location.

Built only by `deckgen.outline.load`; every backend and the layout read it.
Text fields are parsed once into styled `Run`s so that every output draws
`**bold**`, `*italic*` and `[links](https://...)` the same way.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from deckgen.errors import Location

__all__ = [
    "ALIGNS",
    "CHART_TYPES",
    "Chart",
    "Code",
    "Column",
    "Date",
    "Era",
    "Event",
    "Group",
    "Image",
    "Math",
    "Option",
    "Outline",
    "Point",
    "Quote",
    "Reference",
    "Run",
    "Section",
    "Series",
    "Slide",
    "Source",
    "Table",
    "Text",
    "Timeline",
    "SLIDE_LAYOUTS",
]

SLIDE_LAYOUTS = (
    "bullets",
    "two-column",
    "image",
    "quote",
    "statement",
    "timeline",
    "table",
    "code",
    "chart",
    "equation",
)
CHART_TYPES = ("bar", "column", "line", "pie")
ALIGNS = ("left", "center", "right")

_NOWHERE = Location("<none>")


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None
    # Inline math: the LaTeX source (alt text, OMML); `text` is its Unicode
    # rendering, so every output that draws runs shows math, never `$...$`.
    math: str | None = None
    # Inline math's sub- and superscripts: the baseline shift as a fraction of
    # the text's size (up > 0), drawn at mathtex.SCRIPT_SIZE of it.
    rise: float = 0.0


@dataclass(frozen=True)
class Text:
    """One paragraph of inline-styled text."""

    runs: tuple[Run, ...]
    location: Location = _NOWHERE

    @property
    def plain(self) -> str:
        return "".join(r.text for r in self.runs)

    def __str__(self) -> str:
        return self.plain

    @classmethod
    def of(cls, plain: str, location: Location = _NOWHERE) -> Text:
        """Unstyled text (for labels that deckgen itself makes, e.g. "Agenda")."""
        return cls((Run(plain),), location)


# A "long text" field (summary, notes) is a tuple of paragraphs.
Paragraphs = tuple[Text, ...]


@dataclass(frozen=True)
class Point:
    text: Text
    points: tuple[Text, ...] = ()
    location: Location = _NOWHERE


@dataclass(frozen=True)
class Image:
    src: Path  # absolute, resolved, checked to lie inside the outline's folder
    alt: str
    caption: Text | None = None
    credit: Text | None = None
    location: Location = _NOWHERE
    # the point kept in view when a layout crops the picture (fractions of
    # its width and height), and whether it fills its frame or shows whole
    focus: tuple[float, float] = (0.5, 0.5)
    fit: Literal["cover", "contain"] = "cover"


@dataclass(frozen=True)
class Quote:
    text: Text
    by: Text | None = None
    location: Location = _NOWHERE


@dataclass(frozen=True)
class Column:
    heading: Text | None = None
    points: tuple[Point, ...] = ()
    location: Location = _NOWHERE


@dataclass(frozen=True)
class Table:
    header: tuple[Text, ...]  # () when the table has no header row
    rows: tuple[tuple[Text, ...], ...]
    align: tuple[str, ...]  # one of ALIGNS per column, decided (numbers right)
    location: Location = _NOWHERE

    @property
    def columns(self) -> int:
        return len(self.header or self.rows[0])


@dataclass(frozen=True)
class Code:
    text: str  # exactly as written, tabs expanded, trailing newline dropped
    language: str = "text"  # a Pygments lexer alias
    highlight: frozenset[int] = frozenset()  # 1-based line numbers
    location: Location = _NOWHERE

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Chart:
    type: str  # one of CHART_TYPES
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str | None = None
    location: Location = _NOWHERE


@dataclass(frozen=True)
class Math:
    latex: str
    location: Location = _NOWHERE


@dataclass(frozen=True)
class Slide:
    """An explicit slide from a section's `slides:` list."""

    layout: str  # one of SLIDE_LAYOUTS
    title: Text | None = None
    points: tuple[Point, ...] = ()
    left: Column | None = None
    right: Column | None = None
    image: Image | None = None
    quote: Quote | None = None
    text: Text | None = None
    notes: Paragraphs = ()
    location: Location = _NOWHERE
    table: Table | None = None
    code: Code | None = None
    chart: Chart | None = None
    math: Math | None = None
    caption: Text | None = None
    reveal: bool = False


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    summary: Paragraphs = ()
    points: tuple[Point, ...] = ()
    notes: Paragraphs = ()
    image: Image | None = None
    quote: Quote | None = None
    slides: tuple[Slide, ...] | None = None  # None: generate from points/image/quote
    location: Location = _NOWHERE


@functools.total_ordering
@dataclass(frozen=True)
class Date:
    """A date of the precision written: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.

    Dates order by the first day they cover, then by precision (1969 before
    1969-07 before 1969-07-20), so dates of mixed precision sort.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def _key(self) -> tuple[_dt.date, int, int]:
        return (self.first_day, self.month is not None, self.day is not None)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Date):
            return NotImplemented
        return self._key < other._key

    @property
    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> _dt.date:
        if self.day:
            return self.first_day
        if self.month:
            return _dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return _dt.date(self.year, 12, 31)

    @property
    def ordinal(self) -> float:
        """Position on a continuous axis in years (1969-07-20 -> 1969.55)."""
        d = self.first_day
        days = 366 if calendar.isleap(d.year) else 365  # no date(year + 1): 9999 is valid
        return d.year + (d.timetuple().tm_yday - 1) / days

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@dataclass(frozen=True)
class Group:
    id: str
    label: Text
    color: str | None = None  # '#RRGGBB'; None: the theme's colors.groups decides
    location: Location = _NOWHERE


@dataclass(frozen=True)
class Era:
    start: Date
    end: Date
    label: Text
    color: str | None = None
    location: Location = _NOWHERE


@dataclass(frozen=True)
class Event:
    date: Date
    title: Text
    end: Date | None = None
    text: Text | None = None
    section: str | None = None
    group: str | None = None
    image: Image | None = None
    location: Location = _NOWHERE


@dataclass(frozen=True)
class Timeline:
    events: tuple[Event, ...]  # sorted by date (stable: same-day events keep their order)
    title: Text | None = None
    eras: tuple[Era, ...] = ()
    groups: tuple[Group, ...] = ()
    location: Location = _NOWHERE
    groups_label: Text | None = None  # what the groups are ("Field"); None: "Group"

    def group(self, group_id: str | None) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)


@dataclass(frozen=True)
class Reference:
    text: Text
    url: str | None = None
    location: Location = _NOWHERE


@dataclass(frozen=True)
class Source:
    title: Text | None = None
    publisher: Text | None = None
    url: str | None = None
    location: Location = _NOWHERE


@dataclass(frozen=True)
class Option:
    """One raw value from `outputs.<backend>.<key>`, kept with its location."""

    value: Any
    location: Location = _NOWHERE


@dataclass(frozen=True)
class Outline:
    path: Path  # the outline file, absolute
    title: Text
    sections: tuple[Section, ...]
    format: int = 1
    subtitle: Text | None = None
    author: Text | None = None
    date: str | None = None
    language: str = "en"
    theme: str | None = None
    theme_location: Location = _NOWHERE  # where `theme:` is written, for theme errors
    # Raw theme keys deep-merged over the chosen theme; values keep locations
    # so that theme validation can point at the outline's line.
    theme_overrides: Mapping[str, Any] = field(default_factory=dict)
    theme_overrides_location: Location = _NOWHERE
    # Dotted key ("colors.accent", list items by index) -> where its value is
    # written; and the `deckgen._yaml.Node` tree itself, for `deep_merge`.
    theme_overrides_locations: Mapping[str, Location] = field(default_factory=dict)
    theme_overrides_node: Any = None
    source: Source | None = None
    cover: Image | None = None
    timeline: Timeline | None = None
    references: tuple[Reference, ...] = ()
    notes: Paragraphs = ()  # speaker notes of the title slide
    # backend name -> option name -> Option (validated by the backend's spec)
    outputs: Mapping[str, Mapping[str, Option]] = field(default_factory=dict)
    outputs_locations: Mapping[str, Location] = field(default_factory=dict)
    location: Location = _NOWHERE

    @property
    def stem(self) -> str:
        """Output files are named after the outline file: talk.yaml -> talk.

        Characters that cannot be part of a plain file name everywhere (path
        separators, control characters) become '_', so an oddly named outline
        still builds, and only into the output folder."""
        return "".join(
            "_" if c in "/\\" or ord(c) < 0x20 or ord(c) == 0x7F else c for c in self.path.stem
        )

    @property
    def folder(self) -> Path:
        return self.path.parent

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)
