"""Arimo is written as 'Arial' in .pptx files: check it is metric-compatible.

Liberation Sans (Debian's fonts-liberation) is Arial-metric by design; the
test skips where it is not installed.
"""

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from deckgen.fonts import family

LIBERATION = Path("/usr/share/fonts/truetype/liberation")
STYLES = {
    (False, False): "Regular",
    (True, False): "Bold",
    (False, True): "Italic",
    (True, True): "BoldItalic",
}

pytestmark = pytest.mark.skipif(
    not (LIBERATION / "LiberationSans-Regular.ttf").is_file(),
    reason="Liberation Sans not installed (apt-get install fonts-liberation)",
)

ASCII = [chr(c) for c in range(0x20, 0x7F)]
CYRILLIC = [chr(c) for c in range(0x410, 0x450)] + ["Ё", "ё"]


def _advances(path):
    font = TTFont(path)
    cmap, hmtx, upem = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
    return {chr(c): hmtx[g][0] / upem for c, g in cmap.items()}


@pytest.mark.parametrize(("bold", "italic"), list(STYLES))
def test_arimo_matches_liberation_sans(bold, italic):
    liberation = _advances(LIBERATION / f"LiberationSans-{STYLES[bold, italic]}.ttf")
    face = family("Arimo").face(bold=bold, italic=italic)
    # Latin: identical, to the font unit.
    assert {ch: face.advance(ch) for ch in ASCII} == {ch: liberation[ch] for ch in ASCII}
    # Cyrillic: within 1% (italic 'п' differs by 12/2048 em in Liberation 1.07).
    for ch in CYRILLIC:
        assert face.advance(ch) == pytest.approx(liberation[ch], rel=0.011), ch


@pytest.mark.skipif(
    not (LIBERATION / "LiberationMono-Regular.ttf").is_file(),
    reason="Liberation Mono not installed (apt-get install fonts-liberation)",
)
@pytest.mark.parametrize(("bold", "italic"), list(STYLES))
def test_jetbrains_mono_has_courier_news_advance(bold, italic):
    """Code is written as 'Courier New' in .pptx files: Liberation Mono (Courier
    New's metric twin) and JetBrains Mono give every Latin and Cyrillic
    character the same advance, so a listing keeps its columns and wraps."""
    liberation = _advances(LIBERATION / f"LiberationMono-{STYLES[bold, italic]}.ttf")
    face = family("JetBrains Mono").face(bold=bold, italic=italic)
    ours = _advances(face.path)
    assert family("JetBrains Mono").office_name == "Courier New"
    for ch in ASCII + CYRILLIC:
        assert ours[ch] == pytest.approx(liberation[ch], rel=5e-4), ch
