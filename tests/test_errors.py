"""Locations: what every diagnostic carries."""

from deckgen.errors import Location


def test_or_else_keeps_a_known_line_and_falls_back_otherwise():
    written = Location("talk.yaml", 12, 5)
    fallback = Location("talk.yaml", 3, 1)
    assert written.or_else(fallback) is written
    assert Location("talk.yaml").or_else(fallback) is fallback
    assert str(written) == "talk.yaml:12:5"
