"""A template's theme part read as deckgen's look: fonts and colour scheme,
every problem a message (never an exception), the theme's value kept."""

from __future__ import annotations

import pytest

from deckgen.color import mix
from deckgen.theme.model import Colors, Fonts, SlideStyle, Theme
from deckgen.theme.office import read_office_theme

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
SCHEME = (
    '<a:clrScheme name="Brand">'
    '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
    '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
    '<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>'
    '<a:accent1><a:srgbClr val="8B1A4A"/></a:accent1>'
    '<a:accent2><a:srgbClr val="ED7D31"/></a:accent2>'
    '<a:accent3><a:srgbClr val="A5A5A5"/></a:accent3>'
    '<a:accent4><a:srgbClr val="FFC000"/></a:accent4>'
    '<a:accent5><a:srgbClr val="5B9BD5"/></a:accent5>'
    '<a:accent6><a:srgbClr val="70AD47"/></a:accent6>'
    '<a:hlink><a:srgbClr val="0563C1"/></a:hlink>'
    '<a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme>'
)
FONTS = (
    '<a:fontScheme name="Brand"><a:majorFont><a:latin typeface="Caladea"/>'
    '<a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont>'
    '<a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>'
    "</a:fontScheme>"
)
THEME = Theme(
    "default",
    Colors("#FFFFFF", "#1A1A2E", "#5A5A6E", "#1F5FAD", palette=("#111111", "#222222")),
    Fonts("Arimo", "Arimo"),
    SlideStyle(40, 24, 18),
)


def theme_xml(scheme: str = SCHEME, fonts: str = FONTS) -> bytes:
    return (
        f'<a:theme xmlns:a="{A}" name="Brand"><a:themeElements>{scheme}{fonts}'
        "<a:fmtScheme/></a:themeElements></a:theme>"
    ).encode()


def test_fonts_and_colours_are_read_through_the_masters_colour_map():
    office, problems = read_office_theme(theme_xml(), {"bg1": "lt1", "tx1": "dk1"})
    assert problems == ()
    assert (office.major_font, office.minor_font) == ("Caladea", "Calibri")
    assert office.color("bg1") == "#FFFFFF" and office.color("tx1") == "#000000"
    assert office.color("tx2") == "#44546A" and office.color("accent1") == "#8B1A4A"
    # a dark master maps the background to dk1 and the text to lt1
    dark, _ = read_office_theme(theme_xml(), {"bg1": "dk1", "tx1": "lt1"})
    assert (dark.color("bg1"), dark.color("tx1")) == ("#000000", "#FFFFFF")


def test_applied_the_template_wins_colours_and_fonts_the_theme_keeps_its_sizes():
    office, _ = read_office_theme(theme_xml())
    theme = office.applied_to(THEME, "Caladea", "Carlito")
    assert theme.fonts == Fonts("Caladea", "Carlito")
    c = theme.colors
    assert (c.background, c.text, c.muted, c.accent) == ("#FFFFFF", "#000000", "#44546A", "#8B1A4A")
    assert c.palette == ("#8B1A4A", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47")
    assert theme.slide == THEME.slide
    # surface and on_accent derived from the template's colours exactly as a
    # theme naming the same colours gets them (8 % accent tint; best contrast)
    assert c.surface == mix("#FFFFFF", "#8B1A4A", 0.08)
    assert c.on_accent == "#FFFFFF"
    # a font nothing measures (None) keeps the theme's
    assert office.applied_to(THEME, None, None).fonts == THEME.fonts


@pytest.mark.parametrize(
    ("xml", "said"),
    [
        (theme_xml(scheme=""), "no colour scheme"),
        (theme_xml(fonts=""), "majorFont Latin typeface is unusable"),
        (theme_xml(fonts=FONTS.replace('"Caladea"', '""')), "majorFont Latin typeface"),
        (theme_xml(fonts=FONTS.replace('"Caladea"', '"+mn-lt"')), "majorFont Latin typeface"),
        (theme_xml(scheme=SCHEME.replace('"8B1A4A"', '"red"')), "accent1 is not an RGB"),
        (theme_xml(scheme=SCHEME.replace("accent1>", "accentX>")), "lacks accent1"),
        (b"<a:theme xmlns:a='" + A.encode() + b"'/>", "no a:themeElements"),
        (b"<a:theme", "not well-formed"),
        # a part not named .xml escapes the archive's parse: an unknown encoding
        (b'<?xml version="1.0" encoding="x-bogus"?><a:theme/>', "not well-formed"),
    ],
)
def test_a_malformed_theme_is_a_problem_and_the_themes_value_stays(xml, said):
    office, problems = read_office_theme(xml, {"bg1": "nonsense"})
    assert any(said in p for p in problems), problems
    assert any("maps bg1 to 'nonsense'" in p for p in problems) or said in (
        "no a:themeElements",
        "not well-formed",
    )
    theme = office.applied_to(THEME, None, None)
    if office.color("accent1") is None:
        assert theme.colors.accent == THEME.colors.accent
    assert theme.colors.background == "#FFFFFF"
