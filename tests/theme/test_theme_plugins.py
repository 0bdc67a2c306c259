"""Themes installed by other packages (entry point group `deckgen.themes`)."""

import importlib
import sys

import pytest

from deckgen.errors import ThemeError
from deckgen.theme import available, resolve


@pytest.fixture
def plugin(tmp_path, monkeypatch):
    """Install a fake distribution 'deckgen-ocean' whose entry points are `lines`."""
    site = tmp_path / "site"
    (site / "deckgen_ocean").mkdir(parents=True)
    (site / "deckgen_ocean" / "__init__.py").write_text(
        "from pathlib import Path\n"
        "OCEAN = Path(__file__).parent / 'ocean.yaml'\n"
        "RELATIVE = 'ocean.yaml'\n"
        "def reef():\n    return Path(__file__).parent / 'reef.yaml'\n"
        "BROKEN = 42\n",
        encoding="utf-8",
    )
    (site / "deckgen_ocean" / "ocean.yaml").write_text(
        "extends: midnight\ndescription: Deep sea blues\ncolors:\n  accent: '#38BDF8'\n",
        encoding="utf-8",
    )
    (site / "deckgen_ocean" / "reef.yaml").write_text(
        "extends: ocean\ndescription: Coral on blue\ncolors:\n  accent: '#FB7185'\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(site))

    def install(*lines):
        info = site / "deckgen_ocean-1.0.dist-info"
        info.mkdir(exist_ok=True)
        (info / "METADATA").write_text(
            "Metadata-Version: 2.1\nName: deckgen-ocean\nVersion: 1.0\n", encoding="utf-8"
        )
        (info / "entry_points.txt").write_text(
            "[deckgen.themes]\n" + "\n".join(lines) + "\n", encoding="utf-8"
        )
        importlib.invalidate_caches()

    yield install
    sys.modules.pop("deckgen_ocean", None)


def test_installed_theme_is_listed_and_usable(plugin, tmp_path, make_outline):
    plugin("ocean = deckgen_ocean:OCEAN", "reef = deckgen_ocean:reef")
    rows = dict(available())
    assert rows["ocean"] == "Deep sea blues (installed by deckgen-ocean)"
    assert {"default", "midnight", "print", "reef"} <= set(rows)
    theme = resolve(make_outline(tmp_path, "ocean"))
    assert theme.colors.accent == "#38BDF8" and theme.colors.background == "#0F1724"
    # An installed theme can extend another installed theme by name.
    assert resolve(make_outline(tmp_path), override="reef").colors.accent == "#FB7185"


def test_relative_path_is_taken_from_the_plugin_module(plugin, tmp_path, make_outline):
    plugin("ocean = deckgen_ocean:RELATIVE")
    assert resolve(make_outline(tmp_path, "ocean")).colors.accent == "#38BDF8"


def test_broken_plugin_does_not_break_listing(plugin, tmp_path, make_outline):
    plugin("wreck = deckgen_ocean:BROKEN", "ocean = deckgen_ocean:OCEAN")
    rows = dict(available())
    assert rows["wreck"].startswith("(unusable:") and rows["ocean"].startswith("Deep sea")
    with pytest.raises(ThemeError, match="theme 'wreck' .* cannot be used"):
        resolve(make_outline(tmp_path, "wreck"))


def test_plugin_cannot_take_a_builtin_name(plugin, tmp_path, make_outline):
    plugin("print = deckgen_ocean:OCEAN")
    with pytest.raises(ThemeError, match="two sources claim the theme name 'print'"):
        resolve(make_outline(tmp_path, "print"))
