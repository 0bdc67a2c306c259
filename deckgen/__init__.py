"""deckgen: one YAML outline of a talk -> a PowerPoint deck, a PDF handout and a
timeline poster, each drawn by a pluggable backend, all sharing one theme.

The public API, in the order a build uses it::

    import deckgen
    outline = deckgen.load("talk.yaml")              # -> Outline (raises OutlineError)
    theme = deckgen.resolve_theme(outline)           # -> Theme (raises ThemeError)
    report = deckgen.build(["talk.yaml"], out_dir="build")
    report.ok, report.written, report.diagnostics

Names are resolved lazily (PEP 562): `import deckgen` stays cheap for the
command line, and importing `deckgen.errors` never drags in reportlab or
python-pptx.
"""

import importlib as _importlib
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

# The single source of the version: pyproject.toml reads it from here.
__version__ = "0.1.0"

# public name -> (module, attribute)
_EXPORTS: dict[str, tuple[str, str]] = {
    "load": ("deckgen.outline", "load"),
    "resolve_theme": ("deckgen.theme", "resolve"),
    # `deckgen.build` is the driver's module, made callable as its `build`:
    # a function of the same name here would be overwritten by the module
    # the moment anyone imports `deckgen.build`.
    "build": ("deckgen.build", ""),
    "check": ("deckgen.build", "check"),
    "BuildReport": ("deckgen.build", "BuildReport"),
    "Outline": ("deckgen.outline.model", "Outline"),
    "Theme": ("deckgen.theme.model", "Theme"),
    "Backend": ("deckgen.backends.base", "Backend"),
    "Job": ("deckgen.backends.base", "Job"),
    "Output": ("deckgen.backends.base", "Output"),
    "OptionSpec": ("deckgen.backends.base", "OptionSpec"),
    "Plan": ("deckgen.backends.base", "Plan"),
    "Diagnostic": ("deckgen.errors", "Diagnostic"),
    "Location": ("deckgen.errors", "Location"),
    "DeckgenError": ("deckgen.errors", "DeckgenError"),
    "OutlineError": ("deckgen.errors", "OutlineError"),
    "ThemeError": ("deckgen.errors", "ThemeError"),
    "FontError": ("deckgen.errors", "FontError"),
    "BackendError": ("deckgen.errors", "BackendError"),
    "RenderError": ("deckgen.errors", "RenderError"),
}

__all__ = [
    "Backend",
    "BackendError",
    "BuildReport",
    "DeckgenError",
    "Diagnostic",
    "FontError",
    "Job",
    "Location",
    "OptionSpec",
    "Outline",
    "OutlineError",
    "Output",
    "Plan",
    "RenderError",
    "Theme",
    "ThemeError",
    "__version__",
    "build",
    "check",
    "load",
    "resolve_theme",
]

if _TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from deckgen import build
    from deckgen.backends.base import Backend, Job, OptionSpec, Output, Plan
    from deckgen.build import BuildReport, check
    from deckgen.errors import (
        BackendError,
        DeckgenError,
        Diagnostic,
        FontError,
        Location,
        OutlineError,
        RenderError,
        ThemeError,
    )
    from deckgen.outline import load
    from deckgen.outline.model import Outline
    from deckgen.theme import resolve as resolve_theme
    from deckgen.theme.model import Theme


def __getattr__(name: str) -> _Any:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'deckgen' has no attribute {name!r}") from None
    value = _importlib.import_module(module)
    if attribute:
        value = getattr(value, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
