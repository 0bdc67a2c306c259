"""A source that is also a reference is found, so outputs print it once."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import deckgen.outline
from deckgen.layout.common.sources import source_reference
from deckgen.outline.model import Reference, Source, Text

ROOT = Path(__file__).resolve().parents[3]


def test_the_sample_source_is_its_first_reference():
    o = deckgen.outline.load(ROOT / "content/space_race.yaml")
    assert source_reference(o) == 0


def test_matched_by_address_or_by_title_and_publisher():
    o = deckgen.outline.load(ROOT / "content/space_race.yaml")
    refs = (
        Reference(Text.of("Something else"), "https://example.org/other"),
        Reference(Text.of("The article"), "https://www.example.org/article/"),
    )
    by_url = dataclasses.replace(
        o, source=Source(Text.of("An article"), url="http://example.org/article"), references=refs
    )
    assert source_reference(by_url) == 1
    # a different publisher is another work, though the title is the same
    other = dataclasses.replace(
        o, source=Source(Text.of("The Space Race: Paving the Way"), Text.of("Another Press"))
    )
    assert source_reference(other) is None
    assert source_reference(dataclasses.replace(o, source=None)) is None
