"""The resolved Theme: every key the contract promises, typed and checked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deckgen.errors import Location

__all__ = ["Colors", "Fonts", "SlideStyle", "Theme"]


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
class Theme:
    name: str
    colors: Colors
    fonts: Fonts
    slide: SlideStyle
    logo: Path | None = None
    footer: str | None = None
    # The whole merged mapping, for keys a backend adds (handout.*, poster.*).
    raw: Mapping[str, Any] = field(default_factory=dict)
    location: Location = Location("<theme>")
    description: str = ""

    def group_color(self, group_id: str | None, index: int) -> str:
        """Colour of a timeline group: the theme's `colors.groups` entry, else
        the `index`-th palette colour (cycling), else the accent."""
        if group_id is not None and group_id in self.colors.groups:
            return self.colors.groups[group_id]
        if self.colors.palette:
            return self.colors.palette[index % len(self.colors.palette)]
        return self.colors.accent

    def fonts_for(self, output: str) -> Fonts:
        """The fonts one output sets its text in.

        'handout' and 'poster' have their own `handout.body_font` /
        `heading_font` (and `poster.*`) keys, since PDFs embed any font while
        a .pptx should name one the lecturer's Office has (see the print
        theme); anything else gets the slide fonts, `fonts`.
        """
        part = self.raw.get(output) if output in ("handout", "poster") else None
        if not isinstance(part, Mapping):
            return self.fonts
        return Fonts(
            heading=part.get("heading_font") or self.fonts.heading,
            body=part.get("body_font") or self.fonts.body,
        )

    @property
    def ink_saving(self) -> bool:
        """Layouts should avoid large solid fills (the print theme)."""
        return bool(self.raw.get("ink_saving", False))
