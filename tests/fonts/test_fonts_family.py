"""Finding installed families (fontpkg-*) and their faces."""

import pytest
from fontTools.ttLib import TTFont

from deckgen.errors import FontError, Location
from deckgen.fonts import families, family


def test_builtin_families_are_installed():
    assert {"Arimo", "PT Sans", "PT Serif"} <= set(families())
    assert families() == sorted(families())


def test_lookup_ignores_case_and_finds_office_alias():
    assert family("arimo") is family("Arimo")
    assert family("pt-serif").name == "PT Serif"
    assert family("Arial") is family("Arimo")


def test_office_names():
    assert family("Arimo").office_name == "Arial"
    assert family("PT Serif").office_name == "PT Serif"
    assert family("Arimo").office_safe and not family("PT Serif").office_safe


def test_unknown_family_lists_installed_ones_with_suggestion():
    loc = Location("theme.yaml", 7, 9)
    with pytest.raises(FontError) as info:
        family("PT Sarif", loc)
    msg = str(info.value)
    assert msg.startswith("theme.yaml:7:9: error: unknown font family 'PT Sarif'")
    assert "did you mean 'PT Serif'?" in msg
    for name in ("Arimo", "PT Sans", "PT Serif"):
        assert f"'{name}'" in msg


@pytest.mark.parametrize("name", ["Arimo", "PT Sans", "PT Serif"])
@pytest.mark.parametrize(
    ("bold", "italic"), [(False, False), (True, False), (False, True), (True, True)]
)
def test_every_style_is_a_static_truetype_face(name, bold, italic):
    face = family(name).face(bold=bold, italic=italic)
    assert (face.bold, face.italic) == (bold, italic)
    assert family(name).face(bold=bold, italic=italic) is face  # process cache
    font = TTFont(face.path)
    assert "fvar" not in font and "glyf" in font
    assert (font["OS/2"].usWeightClass >= 600) == bold
    assert bool(font["head"].macStyle & 1) == bold
    assert bool(font["head"].macStyle & 2) == italic
    assert 0.6 < face.ascent < 1.2 and 0.1 < face.descent < 0.4


def test_arimo_instances_carry_static_names():
    font = TTFont(family("Arimo").face(bold=True).path)
    names = font["name"]
    assert names.getName(1, 3, 1, 0x409).toUnicode() == "Arimo"
    assert names.getName(2, 3, 1, 0x409).toUnicode() == "Bold"
    assert names.getName(6, 3, 1, 0x409).toUnicode() == "Arimo-Bold"
    assert names.getName(16, 3, 1, 0x409) is None
    italic = TTFont(family("Arimo").face(bold=True, italic=True).path)["name"]
    assert italic.getName(2, 3, 1, 0x409).toUnicode() == "Bold Italic"
    assert italic.getName(6, 3, 1, 0x409).toUnicode() == "Arimo-BoldItalic"


def test_bold_instance_really_is_bolder():
    regular, bold = family("Arimo").face(), family("Arimo").face(bold=True)
    assert bold.width("Gagarin", 10) > regular.width("Gagarin", 10)
    assert regular.path != bold.path
