"""The resolved Theme: every key the contract promises, typed and checked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from deckgen.errors import Location

__all__ = ["Colors", "Fonts", "MediumStyle", "SlideStyle", "Theme"]


@dataclass(frozen=True)
class Colors:
    background: str  # '#RRGGBB'
    text: str
    muted: str
    accent: str
    # Group id -> colour for timeline lanes; `Theme.group_color` falls back
    # to a fixed palette for ids the theme does not name.
    groups: Mapping[str, str] = field(default_factory=dict)
    surface: str | None = None  # panels/cards; None: derived from background
    on_accent: str | None = None  # text drawn on the accent colour
    # Colours for groups the theme does not name, used in order of appearance.
    palette: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fonts:
    heading: str  # a font family name known to deckgen.fonts
    body: str


@dataclass(frozen=True)
class SlideStyle:
    title_size: float  # points
    body_size: float
    min_body_size: float
    numbers: bool = True  # slide numbers in the footer


@dataclass(frozen=True)
class MediumStyle:
    """The type of one printed medium (`handout:` / `poster:` in a theme).

    PDFs embed any font, while a .pptx should name one the lecturer's Office
    has, so the handout and the poster have fonts of their own (see the print
    theme); a theme that sets none gets its slide fonts here.
    """

    heading_font: str
    body_font: str
    body_size: float | None = None  # points; None: the medium sizes its text itself

    @property
    def fonts(self) -> Fonts:
        return Fonts(heading=self.heading_font, body=self.body_font)


@dataclass(frozen=True)
class Theme:
    name: str
    colors: Colors
    fonts: Fonts
    slide: SlideStyle
    logo: Path | None = None
    footer: str | None = None
    location: Location = Location("<theme>")
    description: str = ""
    # None (a theme made in code): the slide fonts, see __post_init__.
    handout: MediumStyle = field(default=None)  # type: ignore[assignment]
    poster: MediumStyle = field(default=None)  # type: ignore[assignment]
    ink_saving: bool = False  # layouts avoid large solid fills (the print theme)

    def __post_init__(self) -> None:
        heading, body = self.fonts.heading, self.fonts.body
        if self.handout is None:
            object.__setattr__(self, "handout", MediumStyle(heading, body))
        if self.poster is None:
            object.__setattr__(self, "poster", MediumStyle(heading, body))

    def group_color(self, group_id: str | None, index: int) -> str:
        """Colour of a timeline group: the theme's `colors.groups` entry, else
        the `index`-th palette colour (cycling), else the accent."""
        if group_id is not None and group_id in self.colors.groups:
            return self.colors.groups[group_id]
        if self.colors.palette:
            return self.colors.palette[index % len(self.colors.palette)]
        return self.colors.accent

    def fonts_for(self, output: str) -> Fonts:
        """The fonts one output sets its text in: 'handout' and 'poster' their
        own (`MediumStyle`), anything else the slide fonts, `fonts`."""
        if output == "handout":
            return self.handout.fonts
        if output == "poster":
            return self.poster.fonts
        return self.fonts
