"""Measuring and coverage with the real font files."""

import pytest
from fontTools.ttLib import TTFont

from deckgen.errors import FontError, Location
from deckgen.fonts import check_coverage, coverage_diagnostics, family, missing_chars
from deckgen.outline.model import Run, Text


def _fonttools_width(path, text, size):
    font = TTFont(path)
    cmap, hmtx = font.getBestCmap(), font["hmtx"].metrics
    upem = font["head"].unitsPerEm
    return sum(hmtx[cmap[ord(ch)]][0] for ch in text) * size / upem


@pytest.mark.parametrize("name", ["Arimo", "PT Serif", "PT Sans"])
@pytest.mark.parametrize("bold", [False, True])
def test_width_is_the_sum_of_advances(name, bold):
    face = family(name).face(bold=bold)
    text = "The Space Race: Юрий Гагарин «Союз», 1957–1975!"
    assert face.width(text, 24) == pytest.approx(_fonttools_width(face.path, text, 24), abs=1e-9)
    assert face.width("", 24) == 0
    assert face.width(text, 12) == pytest.approx(face.width(text, 24) / 2)


def test_known_arial_compatible_widths():
    # Arial's advances in 2048 units/em: 'H' 1479, 'i' 455, ' ' 569.
    face = family("Arimo").face()
    assert face.width("Hi ", 2048) == pytest.approx(1479 + 455 + 569)


@pytest.mark.parametrize("name", ["Arimo", "PT Serif", "PT Sans"])
def test_cyrillic_is_covered(name):
    fam = family(name)
    for bold in (False, True):
        for italic in (False, True):
            assert fam.face(bold, italic).missing("Юрий Гагарин «Союз» — Ёлка, щи") == []
    check_coverage("Юрий Гагарин «Союз»", fam, Location("x.yaml", 1, 1))


def test_missing_characters_in_order_once():
    face = family("Arimo").face()
    assert not face.covers("😀") and face.covers("Ю")
    assert face.missing("a😀b中😀") == ["😀", "中"]
    assert face.covers("\n")  # a line break needs no glyph


def test_uncovered_character_is_a_font_error_at_the_texts_line():
    text = Text((Run("Launch "), Run("day 😀", bold=True)), Location("talk.yaml", 12, 7))
    with pytest.raises(FontError) as info:
        check_coverage(text, "Arimo")
    msg = str(info.value)
    assert msg.startswith("talk.yaml:12:7: error:")
    assert "U+1F600 GRINNING FACE" in msg and "'Arimo'" in msg


def test_explicit_location_wins_and_every_char_is_reported():
    loc = Location("talk.yaml", 3, 5)
    diags = coverage_diagnostics("中文 😀", family("PT Serif"), loc)
    assert [d.location for d in diags] == [loc] * 3
    assert all(d.severity == "error" for d in diags)
    assert missing_chars("中文 😀", "PT Serif") == ["中", "文", "😀"]


def test_width_speed_path_handles_unknown_chars():
    face = family("Arimo").face()
    # .notdef width for an uncovered char, not a crash (coverage reports it).
    assert face.width("😀", 10) > 0
    assert face.width("\u200b", 10) == 0
