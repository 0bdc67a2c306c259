"""The talk's plan: its deck laid out on first use, once, and shared."""

from __future__ import annotations

from pathlib import Path

import pytest

import deckgen.layout.deck.layout as deck_layout
from deckgen.errors import BackendError, Diagnostic, Location
from deckgen.layout.common.plan import plan_talk
from deckgen.layout.deck.geometry import DeckGeometry
from deckgen.layout.deck.options import DeckOptions
from deckgen.outline.model import Outline, Section, Text
from deckgen.theme.model import Colors, Fonts, SlideStyle, Theme

THEME = Theme(
    "plain",
    Colors("#FFFFFF", "#1B2330", "#596273", "#C2410C"),
    Fonts("Arimo", "Arimo"),
    SlideStyle(40, 28, 18),
)
OUTLINE = Outline(
    path=Path("talk.yaml"),
    title=Text.of("A talk"),
    sections=(Section("one", Text.of("One"), summary=(Text.of("Some words."),)),),
)


@pytest.fixture
def layouts(monkeypatch):
    calls = []
    real = deck_layout.layout_deck

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(deck_layout, "layout_deck", counting)
    return calls


def test_the_deck_is_laid_out_on_first_use_and_then_shared(layouts):
    talk = plan_talk(OUTLINE, THEME)
    assert layouts == []  # an output that shows no slides costs nothing
    first = talk.deck
    assert talk.deck is first and len(layouts) == 1
    assert (first.width, first.height) == (960.0, 540.0)


def test_the_deck_follows_its_options_and_the_frame_read_for_them(layouts):
    asked = []
    note = Diagnostic("warning", "the template's size wins", Location("talk.yaml", 4, 3))

    def read_frame(outline, options):
        asked.append(options)
        return DeckGeometry(800.0, 600.0), (note,)

    options = DeckOptions(aspect="4:3")
    talk = plan_talk(OUTLINE, THEME, options, read_frame)
    assert (talk.deck.width, talk.deck.height) == (800.0, 600.0)
    assert talk.deck.diagnostics[-1] == note
    assert asked == [options] and talk.deck_options == options
    assert (plan_talk(OUTLINE, THEME, options).deck.width, len(layouts)) == (720.0, 2)


def test_a_deck_that_cannot_be_laid_out_says_so_to_every_output_but_is_tried_once(layouts):
    tries = []

    def broken(outline, options):
        tries.append(options)
        raise BackendError("outputs.pptx.template: cannot use t.pptx", Location("talk.yaml", 9, 5))

    talk = plan_talk(OUTLINE, THEME, DeckOptions(), broken)
    for _ in range(2):  # e.g. slides-pdf, then the handout's slides mode
        with pytest.raises(BackendError, match="cannot use t.pptx"):
            _ = talk.deck
    assert len(tries) == 1 and layouts == []
