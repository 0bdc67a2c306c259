"""The font a template names, matched to one deckgen can measure and embed.

`match_font(name) -> FontMatch`: a template's theme names its fonts as
Office does ('Calibri', 'Cambria', 'Segoe UI'). The deck is measured with:

1. the family of that very name: from PyPI (`fontpkg-*`), else installed on
   the machine (fontconfig, exact name; `deckgen.fonts.system`);
2. else a metric-compatible twin (same advance widths, so the same line
   breaks): Calibri -> Carlito, Cambria -> Caladea, Arial -> Arimo or
   Liberation Sans, Times New Roman -> Liberation Serif or Tinos, Courier New
   -> Liberation Mono or Cousine (Debian: fonts-crosextra-carlito,
   fonts-crosextra-caladea, fonts-liberation);
3. else nothing (`family` None): the caller measures with a deckgen font and
   warns that fit cannot be guaranteed for that font.
"""

from __future__ import annotations

from dataclasses import dataclass

from deckgen.errors import FontError
from deckgen.fonts.family import Family, family, installed_family

__all__ = ["TWINS", "FontMatch", "match_font", "nearest_font"]

# Office font -> metric-compatible families, the first one found wins.
TWINS: dict[str, tuple[str, ...]] = {
    "calibri": ("Carlito",),
    "cambria": ("Caladea",),
    "arial": ("Arimo", "Liberation Sans"),
    "helvetica": ("Arimo", "Liberation Sans"),
    "times new roman": ("Liberation Serif", "Tinos"),
    "times": ("Liberation Serif", "Tinos"),
    "courier new": ("Liberation Mono", "Cousine"),
}


@dataclass(frozen=True)
class FontMatch:
    name: str  # the template's font name
    family: Family | None  # what measures it; None: nothing known
    twin: bool = False  # `family` is a metric-compatible twin, not the font itself


def _find(name: str) -> Family | None:
    """A family called exactly `name`: PyPI's, else the machine's."""
    try:
        found = family(name)
    except FontError:
        return installed_family(name)
    # family() also answers an Office name with its twin ('Arial' -> Arimo):
    # only an exact name counts here
    same = " ".join(found.name.split()).casefold() == " ".join(name.split()).casefold()
    return found if same else installed_family(name)


def match_font(name: str) -> FontMatch:
    """See the module docstring."""
    name = " ".join(name.split())
    if not name or len(name) > 100 or not name.isprintable():
        return FontMatch(name[:100], None)
    exact = _find(name)
    if exact is not None:
        return FontMatch(name, exact)
    for twin in TWINS.get(name.casefold(), ()):
        found = _find(twin)
        if found is not None:
            return FontMatch(name, found, twin=True)
    return FontMatch(name, None)


# Words a family name may add to its base family's ('Calibri Light').
_STYLE_WORDS = frozenset(
    (
        *("thin", "hairline", "extralight", "ultralight", "light", "book", "regular"),
        *("medium", "semibold", "demibold", "bold", "extrabold", "ultrabold", "black"),
        *("heavy", "condensed", "narrow", "display", "text"),
    )
)
_SERIF_HINTS = ("serif", "roman", "times", "georgia", "garamond", "cambria", "book", "palatino")
_MONO_HINTS = ("mono", "courier", "consol", "code")


def nearest_font(name: str) -> str | None:
    """For a font nothing measures: the family of its base name ('Calibri Light'
    -> Carlito, the family Calibri's twin), else a deckgen family of its kind
    (serif: PT Serif, monospace: JetBrains Mono), else None (the theme's own)."""
    words = " ".join(name.split()).split(" ")
    while len(words) > 1 and words[-1].casefold() in _STYLE_WORDS:
        words.pop()
        found = match_font(" ".join(words)).family
        if found is not None:
            return found.name
    low = name.casefold()
    if "sans" not in low and any(h in low for h in _SERIF_HINTS):
        kind = "PT Serif"
    elif any(h in low for h in _MONO_HINTS):
        kind = "JetBrains Mono"
    else:
        return None
    try:
        return family(kind).name
    except FontError:
        return None
