"""The shared colour arithmetic (WCAG contrast, tints)."""

import pytest

from deckgen import color


def test_mix_and_luminance():
    assert color.mix("#000000", "#FFFFFF", 0.5) == "#808080"
    assert color.mix("#102030", "#102030", 0.3) == "#102030"
    assert color.luminance("#FFFFFF") == pytest.approx(1.0)
    assert color.luminance("#000000") == 0.0


def test_contrast_is_the_wcag_ratio():
    assert color.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert color.contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert color.rgb("#C2410C") == (0xC2, 0x41, 0x0C)
