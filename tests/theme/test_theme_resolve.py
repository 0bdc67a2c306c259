"""Choosing the theme, overriding it, and every validation message."""

from pathlib import Path

import pytest

from deckgen.errors import Location, ThemeError
from deckgen.theme import resolve

# A whole 1x1 PNG: a logo is decoded when the theme is read.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082"
)


def test_unknown_theme_in_outline_points_at_its_line(tmp_path, make_outline):
    with pytest.raises(ThemeError) as info:
        resolve(make_outline(tmp_path, "midnite", theme_line=4))
    msg = str(info.value)
    assert msg.startswith("talk.yaml:4:8: error: theme: unknown theme 'midnite'")
    assert "did you mean 'midnight'?" in msg and "default, midnight, print" in msg


def test_unknown_theme_without_close_match_still_lists_all(tmp_path, make_outline):
    with pytest.raises(ThemeError, match=r"unknown theme 'zzz' \(available: default, midnight"):
        resolve(make_outline(tmp_path, "zzz"))


def test_override_beats_outline_theme(tmp_path, make_outline):
    assert resolve(make_outline(tmp_path, "midnight"), override="print").name == "print"


def test_override_path_is_relative_to_the_working_folder(tmp_path, write, in_tmp, make_outline):
    write("looks/mine.yaml", "extends: print\n")
    outline = make_outline(tmp_path / "talks", "midnight")
    theme = resolve(outline, override="looks/mine.yaml")
    assert theme.name == "mine" and theme.handout.body_font == "PT Serif"


def test_outline_theme_path_is_relative_to_the_outline(tmp_path, write, in_tmp, make_outline):
    write("talks/brand.yaml", "extends: midnight\n")
    assert resolve(make_outline(tmp_path / "talks", "brand.yaml")).name == "brand"


def test_outline_theme_path_must_stay_in_the_outline_folder(tmp_path, write, make_outline):
    write("brand.yaml", "extends: midnight\n")
    with pytest.raises(ThemeError, match=r"talk.yaml:2:8: error: theme: '../brand.yaml' leaves"):
        resolve(make_outline(tmp_path / "talks", "../brand.yaml", theme_line=2))
    with pytest.raises(ThemeError, match="absolute path"):
        resolve(make_outline(tmp_path, str(tmp_path / "brand.yaml")))


def test_overrides_from_the_outline_yaml(tmp_path, make_outline, overrides_from_yaml):
    node = overrides_from_yaml(
        "title: T\ntheme: midnight\ntheme_overrides:\n  colors:\n    accent: '#C8102E'\n"
        "  slide:\n    body_size: 26\n  footer: Physics 101 · Week 3\n"
    )
    theme = resolve(make_outline(tmp_path, "midnight", overrides=node))
    assert theme.colors.accent == "#C8102E"
    assert theme.colors.background == "#0F1724"  # deep merge keeps the rest
    assert theme.slide.body_size == 26 and theme.footer == "Physics 101 · Week 3"


def test_overrides_as_a_plain_dict_as_from_set(tmp_path, make_outline):
    # --set theme_overrides.colors.accent=#C8102E --set theme_overrides.slide.title_size=36
    raw = {"colors": {"accent": "#c8102e"}, "slide": {"title_size": "36"}}
    theme = resolve(make_outline(tmp_path, overrides=raw))
    assert theme.colors.accent == "#C8102E" and theme.slide.title_size == 36


def test_override_errors_point_at_the_outlines_lines(tmp_path, make_outline, overrides_from_yaml):
    node = overrides_from_yaml(
        "title: T\ntheme_overrides:\n  colors:\n    acent: '#C8102E'\n    text: red\n"
        "  slide:\n    min_body_size: 30\n"
    )
    with pytest.raises(ThemeError) as info:
        resolve(make_outline(tmp_path, overrides=node))
    lines = str(info.value).splitlines()
    assert (
        "talk.yaml:4:5: error: theme_overrides.colors.acent: unknown key 'acent', "
        "did you mean 'accent'?" in lines
    )
    assert (
        "talk.yaml:5:11: error: theme_overrides.colors.text: expected a colour written "
        "\"#RRGGBB\", got 'red'" in lines
    )
    assert any(
        line.startswith(
            "talk.yaml:7:20: error: theme_overrides.slide.min_body_size: "
            "30 pt is larger than slide.body_size"
        )
        for line in lines
    )


def test_set_value_errors_point_at_set(tmp_path, make_outline):
    raw = {"slide": {"body_size": _node("4", Location("--set", 1, 29))}}
    with pytest.raises(
        ThemeError,
        match=r"--set:1:29: error: theme_overrides.slide.body_size: "
        r"4 pt is out of range \(12 to 72 pt\)",
    ):
        resolve(make_outline(tmp_path, overrides=raw))


def _node(value, location):
    from deckgen._yaml import Node

    return Node(value, location)


def test_unquoted_colour_hint(tmp_path, write, make_outline):
    write("t.yaml", "extends: default\ncolors:\n  accent: #C8102E\n")
    with pytest.raises(
        ThemeError,
        match=r"t.yaml:3:10: error: colors.accent: a value is needed "
        r"here \(in YAML a # starts a comment",
    ):
        resolve(make_outline(tmp_path, "t.yaml"))


def test_extends_is_not_an_override(tmp_path, make_outline):
    with pytest.raises(ThemeError, match="theme_overrides.extends: not allowed"):
        resolve(make_outline(tmp_path, overrides={"extends": "print"}))


def test_unknown_top_level_key_with_suggestion(tmp_path, write, make_outline):
    write("t.yaml", "extends: default\nfooterr: x\nslides: {}\n")
    with pytest.raises(ThemeError) as info:
        resolve(make_outline(tmp_path, "t.yaml"))
    msg = str(info.value)
    assert "t.yaml:2:1: error: footerr: unknown key 'footerr', did you mean 'footer'?" in msg
    assert "t.yaml:3:1: error: slides: unknown key 'slides', did you mean 'slide'?" in msg


def test_unknown_font_family_lists_installed(tmp_path, write, in_tmp, make_outline):
    write("t.yaml", "extends: default\nfonts:\n  body: Comic Sans\n")
    with pytest.raises(ThemeError) as info:
        resolve(make_outline(tmp_path, "t.yaml"))
    msg = str(info.value)
    assert msg.startswith("t.yaml:3:9: error: fonts.body: unknown font family 'Comic Sans'")
    assert "'Arimo', 'JetBrains Mono', 'PT Sans', 'PT Serif'" in msg


def test_font_names_are_canonical(tmp_path, make_outline):
    theme = resolve(
        make_outline(tmp_path, overrides={"fonts": {"body": "pt serif", "heading": "Arial"}})
    )
    assert (theme.fonts.body, theme.fonts.heading) == ("PT Serif", "Arimo")
    # Handout and poster fonts default to the (overridden) theme fonts.
    assert theme.handout.body_font == "PT Serif"
    assert theme.poster.heading_font == "Arimo"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("'big'", "expected a size in points"),
        ("200", "200 pt is out of range"),
        ("[40]", "expected text, got a list"),
    ],
)
def test_bad_sizes(tmp_path, write, value, message, make_outline):
    write("t.yaml", f"extends: default\nslide:\n  title_size: {value}\n")
    with pytest.raises(ThemeError, match=r"t.yaml:3:15: error: slide.title_size: " + message):
        resolve(make_outline(tmp_path, "t.yaml"))


def test_sizes_accept_pt_suffix_and_short_colours(tmp_path, make_outline):
    theme = resolve(
        make_outline(
            tmp_path, overrides={"slide": {"body_size": "24pt"}, "colors": {"accent": "#c10"}}
        )
    )
    assert theme.slide.body_size == 24 and theme.colors.accent == "#CC1100"


def test_missing_required_key_in_a_standalone_theme(tmp_path, write, make_outline):
    write("bare.yaml", "colors: {background: '#FFFFFF'}\n")
    with pytest.raises(ThemeError) as info:
        resolve(make_outline(tmp_path, "bare.yaml"))
    msg = str(info.value)
    assert "colors.text: missing" in msg and "slide.min_body_size: missing" in msg
    assert "extends: default" in msg


def test_logo_relative_to_theme_file_and_confined(tmp_path, write, make_outline):
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "logo.png").write_bytes(PNG)
    write("brand/t.yaml", "extends: default\nlogo: logo.png\n")
    theme = resolve(make_outline(tmp_path, "brand/t.yaml"))
    assert theme.logo == (tmp_path / "brand" / "logo.png").resolve()

    write("brand/bad.yaml", "extends: default\nlogo: ../outside.png\n")
    (tmp_path / "outside.png").write_bytes(PNG)
    with pytest.raises(ThemeError, match=r"bad.yaml:2:7: error: logo: '../outside.png' leaves"):
        resolve(make_outline(tmp_path, "brand/bad.yaml"))


def test_logo_from_outline_is_relative_to_outline(tmp_path, make_outline):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "uni.png").write_bytes(PNG)
    theme = resolve(make_outline(tmp_path, overrides={"logo": "img/uni.png"}))
    assert theme.logo == (tmp_path / "img" / "uni.png").resolve()


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        ("https://example.org/logo.png", "is a URL"),
        ("/etc/passwd", "is an absolute path"),
        ("missing.png", "not found"),
        ("notes.txt", "is not a PNG or JPEG"),
    ],
)
def test_bad_logos(tmp_path, logo, message, make_outline):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(ThemeError, match=message):
        resolve(make_outline(tmp_path, overrides={"logo": logo}))


def test_logo_can_be_switched_off(tmp_path, make_outline):
    assert resolve(make_outline(tmp_path, overrides={"logo": None})).logo is None


OUTLINE = """\
title: Test
theme: midnight
theme_overrides:
  colors:
    accent: "#C8102E"
sections:
  - title: One
    points: [a, b]
"""


def test_with_the_real_loader_and_set(tmp_path, write, in_tmp):
    from deckgen.outline import load

    path = write("talk.yaml", OUTLINE)
    theme = resolve(load(path, ("theme_overrides.slide.body_size=26",)))
    assert theme.colors.accent == "#C8102E" and theme.slide.body_size == 26
    assert theme.colors.background == "#0F1724"
    with pytest.raises(ThemeError) as info:
        resolve(load(path, ("theme_overrides.colors.text=navy",)))
    assert str(info.value).startswith("--set:1:29: error: theme_overrides.colors.text: ")
    with pytest.raises(ThemeError, match=r"^talk.yaml:2:8: error: theme: unknown theme 'dusk'"):
        write("talk.yaml", OUTLINE.replace("midnight", "dusk"))
        resolve(load(Path("talk.yaml")))


def test_unknown_theme_on_the_command_line(tmp_path, make_outline):
    with pytest.raises(
        ThemeError,
        match=r"^--theme:1:1: error: theme: unknown theme 'midnite', "
        r"did you mean 'midnight'\?",
    ):
        resolve(make_outline(tmp_path), override="midnite")
