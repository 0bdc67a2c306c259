"""Outlines and themes built with the model constructors (no loader needed),
shared by the handout tests and bench/bench_handout.py."""

from __future__ import annotations

from pathlib import Path

from deckgen.errors import Location
from deckgen.outline.model import (
    Date,
    Event,
    Group,
    Image,
    Outline,
    Point,
    Quote,
    Reference,
    Run,
    Section,
    Source,
    Text,
    Timeline,
)
from deckgen.theme.model import Colors, Fonts, SlideStyle, Theme

ROOT = Path(__file__).resolve().parents[3]
IMAGES = ROOT / "content" / "images"
FILE = "talk.yaml"

_PROSE = (
    "During the Cold War the two superpowers turned space into an arena of rivalry, "
    "a contest to show off their technology and to prove the superiority of their "
    "political systems. Yet the rivalry did a great deal to shape the future of space "
    "exploration, and in the end it opened the way to international cooperation. "
    "Юрий Гагарин became the first human to orbit the Earth in 1961."
)


def at(line: int) -> Location:
    return Location(FILE, line, 5)


def text(s: str, line: int = 1, **style) -> Text:
    return Text((Run(s, **style),), at(line))


def section(i: int, *, paragraphs: int = 2, image: bool = False, quote: bool = True) -> Section:
    line = 10 + i * 40
    summary = tuple(
        Text(
            (
                Run(f"Section {i + 1} paragraph {p + 1}. "),
                Run("Bold", bold=True),
                Run(" and "),
                Run("italic", italic=True),
                Run(" words. "),
                Run(_PROSE),
            ),
            at(line + 2 + p),
        )
        for p in range(paragraphs)
    )
    points = (
        Point(text(f"First key point of section {i + 1}", line + 10), location=at(line + 10)),
        Point(
            text("A point with a nested level", line + 11),
            (text("Nested detail one", line + 12), text("Nested detail two", line + 13)),
            at(line + 11),
        ),
        Point(
            Text((Run("A link to "), Run("NASA", link="https://www.nasa.gov/")), at(line + 14)),
            location=at(line + 14),
        ),
    )
    img = None
    if image:
        img = Image(
            IMAGES / "iss.png",
            "The ISS in orbit",
            text("The station in orbit", line + 20),
            text("Illustration: deckgen contributors", line + 21),
            at(line + 19),
        )
    q = (
        Quote(
            text("That's one small step for man, one giant leap for mankind.", line + 25),
            text("Neil Armstrong, 1969", line + 26),
            at(line + 25),
        )
        if quote
        else None
    )
    return Section(
        id=f"section-{i + 1}",
        title=text(f"Section {i + 1}: the story goes on", line),
        summary=summary,
        points=points,
        notes=(text("Speaker notes for this section: tell the story slowly.", line + 30),),
        image=img,
        quote=q,
        location=at(line),
    )


def outline(
    n_sections: int = 5,
    *,
    images: bool = True,
    language: str = "en",
    title: str = "The Space Race: from rivalry to cooperation",
) -> Outline:
    sections = tuple(section(i, image=images and i % 2 == 0) for i in range(n_sections))
    events = tuple(
        Event(
            Date(1957 + k * 3, 10, 4),
            text(f"Event {k + 1} (Союз)", 900 + k),
            text="Something happened that mattered to both sides."
            if False
            else text("Something happened that mattered to both sides.", 900 + k),
            group=("usa", "ussr", "intl")[k % 3],
            location=at(900 + k),
        )
        for k in range(12)
    )
    groups = (
        Group("usa", text("United States"), None, at(890)),
        Group("ussr", text("USSR / Russia"), None, at(891)),
        Group("intl", text("International"), None, at(892)),
    )
    return Outline(
        path=ROOT / "content" / FILE,
        title=text(title, 2),
        subtitle=text("From Cold War rivalry to the International Space Station", 3),
        author=text("A. Lecturer", 4),
        date="2026-11-25",
        language=language,
        sections=sections,
        source=Source(
            text("The Space Race: Paving the Way", 6),
            text("History & Culture", 7),
            "https://example.org/space-race",
            at(5),
        ),
        cover=Image(
            IMAGES / "cover.png",
            "Earth from orbit",
            text("From orbit", 9),
            text("Illustration: deckgen contributors", 9),
            at(8),
        )
        if images
        else None,
        timeline=Timeline(events, text("Key dates", 880), (), groups, at(880)),
        references=(
            Reference(text("NASA history office", 990), "https://history.nasa.gov/", at(990)),
            Reference(text("Roscosmos (Роскосмос)", 991), None, at(991)),
        ),
        location=at(1),
    )


def theme(name: str = "default") -> Theme:
    if name == "midnight":
        colors = Colors(
            "#0B1220",
            "#F2F5FA",
            "#9AA7BD",
            "#4FC3F7",
            {"usa": "#4FC3F7", "ussr": "#FF7043", "intl": "#9CCC65"},
        )
        fonts = Fonts("PT Sans", "PT Sans")
    elif name == "print":
        colors = Colors(
            "#FFFFFF",
            "#000000",
            "#555555",
            "#000000",
            {"usa": "#000000", "ussr": "#555555", "intl": "#999999"},
        )
        fonts = Fonts("PT Serif", "PT Serif")
    else:
        colors = Colors(
            "#FFFFFF",
            "#1F2937",
            "#6B7280",
            "#C8102E",
            {"usa": "#1D4ED8", "ussr": "#C8102E", "intl": "#15803D"},
        )
        fonts = Fonts("PT Sans", "PT Serif")
    return Theme(name, colors, fonts, SlideStyle(40, 24, 16))
