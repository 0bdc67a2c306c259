"""A template's font matched to one deckgen measures with: the font itself,
installed (PyPI or the machine's, exact name only), or its metric twin."""

from __future__ import annotations

import shutil

import pytest

from deckgen.fonts import family
from deckgen.fonts.match import match_font, nearest_font
from deckgen.fonts.system import system_package

needs_carlito = pytest.mark.skipif(
    system_package("Carlito") is None,
    reason="Carlito is not installed (Debian: fonts-crosextra-carlito)",
)


def test_a_pypi_family_is_found_by_its_own_name():
    match = match_font("PT Sans")
    assert match.family is not None and match.family.name == "PT Sans" and not match.twin


def test_an_office_font_is_measured_with_its_metric_twin():
    arial = match_font("Arial")
    assert arial.family is not None and arial.twin
    assert arial.family.office_name == "Arial"  # Arimo (PyPI) or Liberation Sans


@needs_carlito
def test_calibri_is_measured_with_carlito_found_by_fontconfig():
    match = match_font("Calibri")
    if match.family is not None and not match.twin:
        pytest.skip("Calibri itself is installed here")
    assert match.family is not None and match.family.name == "Carlito" and match.twin
    face = match.family.face()
    assert face.path.suffix.lower() == ".ttf" and face.path.is_absolute()
    assert face.width("Calibri", 10) > 0
    # bold and italic are their own files
    assert match.family.face(bold=True).path != face.path
    # once found, `family()` finds it too (the PDF backends register it by name)
    assert family("Carlito") is match.family


def test_the_family_check_is_strict_nothing_substitutes():
    # fontconfig's fc-match would answer any name with some font; fc-list does not,
    # and deckgen checks the family names itself
    assert system_package("No Such Font Family 123") is None
    assert match_font("No Such Font Family 123").family is None
    assert system_package("Carlito Light Imaginary") is None


@pytest.mark.parametrize("name", ["", "  ", "x" * 200, "Bad\x00Name", "Cal:ibri=,\\-"])
def test_hostile_names_find_nothing_and_raise_nothing(name):
    assert match_font(name).family is None


def test_a_font_nothing_measures_gets_the_nearest_of_its_kind():
    assert nearest_font("Georgia Imaginary") == "PT Serif"
    assert nearest_font("Imaginary Mono") == "JetBrains Mono"
    assert nearest_font("Segoe Imaginary") is None  # the theme's own font measures it
    # a weight or width word dropped: the base family's match
    assert nearest_font("PT Sans Imaginarylight Light") is None
    assert nearest_font("PT Sans Light") == "PT Sans"


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig is not installed")
def test_without_fontconfig_the_font_folders_are_read(monkeypatch):
    from deckgen.fonts import system

    # what fontconfig finds (CI installs fonts-liberation), the folders find too
    system._package.cache_clear()
    name = next((n for n in ("Liberation Sans", "DejaVu Sans") if system_package(n)), None)
    if name is None:
        pytest.skip("neither Liberation Sans nor DejaVu Sans is installed")
    with_fc = system_package(name)
    assert with_fc is not None
    monkeypatch.setattr(system.shutil, "which", lambda name, **kw: None)
    system._package.cache_clear()
    try:
        found = system_package(name)
        assert found is not None, "fontconfig finds the family, the font folders do not"
        assert {f.path for f in found.files} & {f.path for f in with_fc.files}
        assert all(f.path.suffix.lower() == ".ttf" for f in found.files)
        assert [f.path for f in found.files] == sorted(f.path for f in found.files)
    finally:
        system._package.cache_clear()
