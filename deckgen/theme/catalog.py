"""Where themes come from: built-in YAML files and installed plugins.

Built-in themes are the YAML files in `deckgen/themes/` (the repository's
`themes/` folder links there). A plugin adds themes through the entry point
group `deckgen.themes`: the entry point's name is the theme's name, and the
object it points at is the path of a YAML file (a `str` or `Path`, relative
paths taken from the plugin module's folder), or a callable returning one::

    [project.entry-points."deckgen.themes"]
    ocean = "deckgen_ocean:THEME"      # THEME = Path(__file__).parent / "ocean.yaml"
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path

__all__ = ["BUILTIN_DIR", "ENTRY_POINT_GROUP", "ThemeSource", "catalog"]

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "themes"
ENTRY_POINT_GROUP = "deckgen.themes"


@dataclass(frozen=True)
class ThemeSource:
    """A named theme: its file, where it comes from, or why it is unusable."""

    name: str
    path: Path | None
    origin: str  # 'built-in' or 'installed by <distribution>'
    problem: str | None = None  # set when the theme cannot be used


def _builtin() -> dict[str, ThemeSource]:
    return {
        p.stem: ThemeSource(p.stem, p, "built-in")
        for p in sorted(BUILTIN_DIR.glob("*.yaml"))
        if not p.name.startswith(".")
    }


def _plugin_path(ep) -> Path:
    value = ep.load()
    if callable(value) and not isinstance(value, str | os.PathLike):
        value = value()
    if not isinstance(value, str | os.PathLike):
        raise TypeError(f"expected the path of a YAML file, got {type(value).__name__}")
    path = Path(value)
    if not path.is_absolute():
        spec = importlib.util.find_spec(ep.module)
        origin = spec.origin if spec and spec.origin else None
        if origin is None:
            raise TypeError(f"relative path {str(value)!r} and no module folder to resolve it in")
        path = Path(origin).parent / path
    return path


def catalog() -> dict[str, ThemeSource]:
    """Every theme by name: built-ins, then installed ones, sorted by name.

    A plugin that fails to load, or that claims a name already taken, is
    kept with a `problem`, so that listing themes still works and using
    that theme gives a clear error.
    """
    found = _builtin()
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.name, e.value)):
        dist = getattr(ep, "dist", None)
        origin = f"installed by {dist.name}" if dist is not None else f"installed ({ep.value})"
        if ep.name in found:
            other = found[ep.name]
            found[ep.name] = ThemeSource(
                ep.name,
                other.path,
                other.origin,
                f"two sources claim the theme name '{ep.name}': {other.origin} and {origin}; "
                "uninstall one, or pass the theme file's path",
            )
            continue
        try:
            path = _plugin_path(ep)
        except Exception as exc:  # a broken plugin must not break `deckgen themes`
            found[ep.name] = ThemeSource(
                ep.name, None, origin, f"the entry point '{ep.value}' failed: {exc}"
            )
            continue
        problem = None if path.is_file() else f"its file {path} does not exist"
        found[ep.name] = ThemeSource(ep.name, path, origin, problem)
    return dict(sorted(found.items()))
