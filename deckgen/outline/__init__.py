"""Loading and validating outlines (YAML -> the Outline model).

`load(path, sets=())` is the one entry point; see `deckgen.outline.loader`.
"""

from deckgen.outline.loader import load

__all__ = ["load"]
