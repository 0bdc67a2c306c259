"""The three built-in themes: complete, legible, and as designed."""

import pytest

from deckgen.theme import available, contrast, resolve
from deckgen.theme.catalog import BUILTIN_DIR
from deckgen.theme.schema import SCHEMA

BUILTIN = ["default", "midnight", "print"]


def test_available_lists_the_builtins_with_descriptions():
    rows = dict(available())
    assert set(BUILTIN) <= set(rows)
    for name in BUILTIN:
        assert rows[name] and "\n" not in rows[name]
    assert [n for n, _ in available()] == sorted(rows)


def test_wcag_formula():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast("#FFFFFF", "#FFFFFF") == 1.0


@pytest.mark.parametrize("name", BUILTIN)
def test_text_contrast(name, tmp_path, make_outline):
    c = resolve(make_outline(tmp_path, name)).colors
    assert contrast(c.text, c.background) >= 7.0  # body text: AAA
    assert contrast(c.muted, c.background) >= 4.5
    assert contrast(c.accent, c.background) >= 4.5  # the accent is used for links
    assert contrast(c.on_accent, c.accent) >= 4.5
    assert contrast(c.text, c.surface) >= 4.5
    assert contrast(c.muted, c.surface) >= 4.5
    for color in c.palette:  # group labels are drawn in these colours
        assert contrast(color, c.background) >= 4.5, color


@pytest.mark.parametrize("name", BUILTIN)
def test_generous_sizes_for_a_960x540_slide(name, tmp_path, make_outline):
    s = resolve(make_outline(tmp_path, name)).slide
    assert 36 <= s.title_size <= 44
    assert 24 <= s.body_size <= 30
    assert s.min_body_size >= 18 and s.min_body_size <= s.body_size


def test_each_theme_has_its_character(tmp_path, make_outline):
    default, midnight, printed = (resolve(make_outline(tmp_path, n)) for n in BUILTIN)
    # Slides in Arimo everywhere: written as Arial, so PowerPoint keeps our breaks.
    for theme in (default, midnight, printed):
        assert theme.fonts.body == theme.fonts.heading == "Arimo"
    for part in (printed.handout, printed.poster):
        assert (part.body_font, part.heading_font) == ("PT Serif", "PT Sans")
    assert printed.ink_saving is True and default.ink_saving is False
    assert (printed.handout.body_size, default.handout.body_size, printed.poster.body_size) == (
        10.0,
        10.5,
        None,
    )

    def lum(color):
        return sum(int(color[i : i + 2], 16) for i in (1, 3, 5)) / 3

    assert lum(midnight.colors.background) < 60 < lum(midnight.colors.text)
    assert lum(default.colors.background) > 200
    # Print: every colour is a grey (no ink but black).
    for color in [*vars(printed.colors).values()]:
        if isinstance(color, str):
            assert color[1:3] == color[3:5] == color[5:7], color
    for color in printed.colors.palette:
        assert color[1:3] == color[3:5] == color[5:7]


def test_default_is_the_default(tmp_path, make_outline):
    assert resolve(make_outline(tmp_path)).name == "default"


def test_default_yaml_documents_every_key():
    text = (BUILTIN_DIR / "default.yaml").read_text(encoding="utf-8")

    def keys(spec):
        for key, kind in spec.items():
            yield key
            if isinstance(kind, dict):
                yield from keys(kind)

    for key in keys(SCHEMA):
        assert f"{key}:" in text, key


def test_group_color_prefers_theme_then_palette(tmp_path, make_outline):
    theme = resolve(make_outline(tmp_path, overrides={"colors": {"groups": {"usa": "#112233"}}}))
    assert theme.group_color("usa", 5) == "#112233"
    palette = theme.colors.palette
    assert theme.group_color("ussr", 1) == palette[1]
    assert theme.group_color("intl", len(palette) + 2) == palette[2]


def test_fonts_for_each_output(tmp_path, make_outline):
    printed = resolve(make_outline(tmp_path, "print"))
    assert printed.fonts_for("slides") == printed.fonts
    assert (printed.fonts_for("handout").body, printed.fonts_for("poster").heading) == (
        "PT Serif",
        "PT Sans",
    )
    default = resolve(make_outline(tmp_path))
    assert default.fonts_for("handout") == default.fonts
    assert printed.ink_saving and not default.ink_saving
