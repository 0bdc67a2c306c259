"""The public API: `deckgen.__all__` is exactly what `deckgen` offers, and all of it imports."""

from __future__ import annotations

import subprocess
import sys

import deckgen


def test_all_is_sorted_and_unique():
    assert deckgen.__all__ == sorted(set(deckgen.__all__))


def test_every_public_name_resolves():
    for name in deckgen.__all__:
        assert getattr(deckgen, name) is not None, name


def test_all_lists_every_public_name():
    import types

    assert dir(deckgen) == sorted(deckgen.__all__)
    for name, value in vars(deckgen).items():
        # Submodules become attributes once imported; they are not API names
        # (except `build`, the callable driver module).
        if not name.startswith("_") and not isinstance(value, types.ModuleType):
            assert name in deckgen.__all__, name


def test_the_api_is_what_it_says():
    from deckgen.backends.base import Backend, Job, OptionSpec, Output
    from deckgen.errors import DeckgenError, Diagnostic, Location
    from deckgen.outline import load
    from deckgen.outline.model import Outline
    from deckgen.theme import resolve
    from deckgen.theme.model import Theme

    assert deckgen.load is load and deckgen.resolve_theme is resolve
    assert deckgen.Outline is Outline and deckgen.Theme is Theme
    assert (deckgen.Backend, deckgen.Job, deckgen.Output) == (Backend, Job, Output)
    assert deckgen.OptionSpec is OptionSpec
    assert (deckgen.DeckgenError, deckgen.Diagnostic) == (DeckgenError, Diagnostic)
    assert deckgen.Location is Location
    assert callable(deckgen.build) and callable(deckgen.check)
    assert deckgen.__version__.count(".") == 2


def test_version_matches_the_installed_metadata():
    from importlib.metadata import version

    assert version("deckgen") == deckgen.__version__


def test_importing_deckgen_is_cheap():
    """`import deckgen` must not pull in the drawing libraries (CLI start-up time)."""
    code = "import sys, deckgen, deckgen.errors; print(sorted(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = out.stdout
    for heavy in ("reportlab", "pptx", "fontTools", "yaml"):
        assert f"'{heavy}'" not in loaded, heavy
