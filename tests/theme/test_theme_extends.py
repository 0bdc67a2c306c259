"""`extends:` by name and by path, deep merge, cycles, unknown parents."""

import pytest

from deckgen.errors import ThemeError
from deckgen.theme import resolve


def test_extends_a_builtin_by_name_and_deep_merges(tmp_path, write, make_outline):
    write("brand.yaml", 'extends: midnight\ncolors:\n  accent: "#C8102E"\n')
    theme = resolve(make_outline(tmp_path, "brand.yaml"))
    assert theme.name == "brand"
    assert theme.colors.accent == "#C8102E"
    # Sibling keys of the same mapping come from the parent...
    assert theme.colors.background == "#0F1724"
    # ...and so do whole sections the child does not mention.
    assert theme.slide.title_size == 40 and theme.fonts.body == "Arimo"


def test_extends_by_relative_path_and_lists_are_replaced(tmp_path, write, make_outline):
    write(
        "themes/base.yaml",
        "extends: default\ncolors:\n  palette: ['#111111', '#222222']\n"
        "  groups: {usa: '#1D4ED8'}\n",
    )
    write(
        "themes/child.yaml",
        "extends: base.yaml\ncolors:\n  palette: ['#333333']\n"
        "  groups: {ussr: '#C8102E'}\nslide: {body_size: 26}\n",
    )
    theme = resolve(make_outline(tmp_path, "themes/child.yaml"))
    assert theme.colors.palette == ("#333333",)  # a list is replaced, not appended
    assert dict(theme.colors.groups) == {"usa": "#1D4ED8", "ussr": "#C8102E"}  # merged
    assert theme.slide.body_size == 26 and theme.slide.title_size == 40


def test_three_levels_child_wins(tmp_path, write, make_outline):
    write("a.yaml", "extends: default\nslide: {title_size: 44, body_size: 30}\n")
    write("b.yaml", "extends: a.yaml\nslide: {title_size: 38}\n")
    write("c.yaml", "extends: ./b.yaml\nfooter: Physics 101\n")
    theme = resolve(make_outline(tmp_path, "c.yaml"))
    assert (theme.slide.title_size, theme.slide.body_size) == (38, 30)
    assert theme.footer == "Physics 101"


def test_cycle_through_another_theme_names_chain_and_line(tmp_path, write, in_tmp, make_outline):
    write("a.yaml", "# first\nextends: b.yaml\n")
    write("b.yaml", "colors:\n  accent: '#123456'\nextends: a.yaml\n")
    with pytest.raises(ThemeError) as info:
        resolve(make_outline(tmp_path, "a.yaml"))
    msg = str(info.value)
    assert msg.startswith("b.yaml:3:10: error: extends:"), msg
    assert "a.yaml -> b.yaml -> a.yaml" in msg


def test_theme_extending_itself(tmp_path, write, in_tmp, make_outline):
    write("loop.yaml", "extends: loop.yaml\n")
    with pytest.raises(ThemeError, match=r"loop.yaml:1:10: error: extends: .*itself"):
        resolve(make_outline(tmp_path), override="loop.yaml")


def test_unknown_parent_lists_available_themes(tmp_path, write, in_tmp, make_outline):
    write("t.yaml", "description: mine\n\nextends: midnigth\n")
    with pytest.raises(ThemeError) as info:
        resolve(make_outline(tmp_path, "t.yaml"))
    msg = str(info.value)
    assert msg.startswith("t.yaml:3:10: error: extends: unknown theme 'midnigth'")
    assert "did you mean 'midnight'?" in msg
    assert "default, midnight, print" in msg


def test_missing_parent_file(tmp_path, write, make_outline):
    write("t.yaml", "extends: nowhere/base.yaml\n")
    with pytest.raises(
        ThemeError,
        match=r"t.yaml:1:10: error: extends: theme file "
        r"'nowhere/base.yaml' not found",
    ):
        resolve(make_outline(tmp_path, "t.yaml"))


def test_parent_url_is_refused(tmp_path, write, make_outline):
    write("t.yaml", "extends: https://example.org/theme.yaml\n")
    with pytest.raises(ThemeError, match="URL"):
        resolve(make_outline(tmp_path, "t.yaml"))


def test_theme_file_must_be_a_mapping(tmp_path, write, make_outline):
    write("t.yaml", "- colors\n")
    with pytest.raises(ThemeError, match=r"t.yaml:1:1: error: theme: expected a mapping"):
        resolve(make_outline(tmp_path, "t.yaml"))


def test_malformed_theme_yaml_has_line(tmp_path, write, make_outline):
    write("t.yaml", "extends: default\ncolors: [\n")
    with pytest.raises(ThemeError, match=r"t.yaml:\d+:\d+: error: malformed YAML"):
        resolve(make_outline(tmp_path, "t.yaml"))
