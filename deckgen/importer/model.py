"""What `deckgen import` reads out of a Markdown talk before writing YAML.

Texts are in the outline's inline markup already (`**bold**`, `*italic*`,
`[label](url)`); `guess` is the comment written beside an item whose mapping
was a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Column", "Draft", "Picture", "Point", "Quote", "Section", "Slide"]


@dataclass
class Point:
    text: str
    points: list[str] = field(default_factory=list)


@dataclass
class Picture:
    src: str  # relative to the outline's folder
    alt: str
    caption: str | None = None


@dataclass
class Quote:
    text: str
    by: str | None = None


@dataclass
class Column:
    heading: str | None = None
    points: list[Point] = field(default_factory=list)


@dataclass
class Slide:
    layout: str
    line: int
    title: str | None = None
    points: list[Point] = field(default_factory=list)
    left: Column | None = None
    right: Column | None = None
    image: Picture | None = None
    quote: Quote | None = None
    text: str | None = None
    notes: list[str] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)


@dataclass
class Section:
    title: str
    line: int
    summary: list[str] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    slides: list[Slide] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)


@dataclass
class Draft:
    title: str | None = None
    subtitle: str | None = None
    author: str | None = None
    date: str | None = None
    language: str | None = None
    sections: list[Section] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)  # about the whole talk
