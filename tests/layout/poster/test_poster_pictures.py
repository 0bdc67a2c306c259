"""Pictures on the poster: the cover fills its banner frame around its focus,
and an event's picture shows on its card where the sheet has room for it
(issue 11: bigger sheets show more), in greyscale with the print theme."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from poster_helpers import check_poster

import deckgen.outline
import deckgen.theme
from deckgen.layout.poster.layout import layout_poster
from deckgen.layout.poster.model import Picture
from deckgen.outline.model import Image

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "content" / "space_race.yaml"
PICTURES = {  # event title's start -> its picture
    "Sputnik 1": "sputnik.png",
    "Apollo–Soyuz docking": "docking.png",
    "25 years aboard": "iss.png",
}


def _with_event_pictures():
    o = deckgen.outline.load(SAMPLE)
    assert o.timeline is not None

    def pictured(ev):
        for start, name in PICTURES.items():
            if ev.title.plain.startswith(start):
                image = Image(ROOT / "content" / "images" / name, f"A picture of {start}")
                return dataclasses.replace(ev, image=image)
        return ev

    events = tuple(pictured(ev) for ev in o.timeline.events)
    return dataclasses.replace(o, timeline=dataclasses.replace(o.timeline, events=events))


@pytest.fixture(scope="module")
def outline():
    return _with_event_pictures()


def _event_pictures(poster) -> list[Picture]:
    return [e for e in poster.elements if isinstance(e, Picture) and e.role == "event-picture"]


@pytest.mark.parametrize("size", ["A2", "A1", "A0"])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_event_pictures_sit_on_their_own_cards(outline, size, orientation):
    """Wherever they are shown, on the sample with three pictured events
    (how many depends on the room the descriptions leave: 0-2 of 3)."""
    theme = deckgen.theme.resolve(outline)
    poster = layout_poster(outline, theme, {"size": size, "orientation": orientation})
    check_poster(poster)
    for pic in _event_pictures(poster):  # on its own card, under its title
        (card,) = [c for c in poster.cards if c.box.contains(pic.box)]
        assert pic.src.name == next(
            name for start, name in PICTURES.items() if card.title.startswith(start)
        )
        title = next(
            e
            for e in poster.elements
            if getattr(e, "role", "") == "event-title" and card.box.contains(e.box)
        )
        assert title.box.bottom <= pic.box.y
        assert not pic.grey


def _few_events(outline, n: int = 6):
    """The sample's first `n` events: a sheet with room to spare."""
    tl = outline.timeline
    return dataclasses.replace(outline, timeline=dataclasses.replace(tl, events=tl.events[:n]))


@pytest.mark.parametrize("theme_name", ["default", "print"])
def test_a_sheet_with_room_shows_the_events_picture(outline, theme_name):
    few = _few_events(outline)
    poster = layout_poster(few, deckgen.theme.resolve(few, theme_name), {"size": "A1"})
    check_poster(poster)
    (pic,) = _event_pictures(poster)  # Sputnik 1's
    assert pic.src.name == "sputnik.png"
    (card,) = [c for c in poster.cards if c.box.contains(pic.box)]
    assert pic.box.w >= 0.4 * card.box.w  # half the card's inner width at least
    assert pic.grey == (theme_name == "print")


def test_a_crowded_sheet_keeps_the_picture_off(outline):
    """The dense fixture's Sputnik has a picture; at A2 its 73 events leave
    no room for it (compact cards), and nothing else moves for it."""
    dense = deckgen.outline.load(ROOT / "tests/fixtures/outlines/dense-timeline.yaml")
    assert any(ev.image is not None for ev in dense.timeline.events)
    poster = layout_poster(dense, deckgen.theme.resolve(dense), {"size": "A2"})
    assert not _event_pictures(poster)


def test_the_banner_cover_keeps_its_focus(outline):
    """The sample's cover (16:9, focus on the satellite at [0.71, 0.3]) fills
    the banner's frame: what is cut keeps the satellite well inside."""
    poster = layout_poster(outline, deckgen.theme.resolve(outline), {"size": "A2"})
    (cover,) = [e for e in poster.elements if isinstance(e, Picture) and e.role == "picture"]
    left, top, right, bottom = cover.crop
    assert left + 0.05 < 0.71 < 1 - right - 0.05 and top + 0.05 < 0.3 < 1 - bottom - 0.05
    assert top + bottom > 0.1  # cropped: the frame is wider than 16:9
