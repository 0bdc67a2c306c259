"""A PowerPoint template's own look: its theme's fonts and colour scheme.

`read_office_theme(theme_xml, color_map) -> (OfficeTheme, problems)` reads
the theme part of the master a deck uses (`ppt/theme/themeN.xml`): the
major (headings) and minor (body) Latin fonts and the colour scheme, each
colour resolved through the master's `p:clrMap` (bg1 -> lt1 on a light
master, -> dk1 on a dark one). `OfficeTheme.applied_to(theme, fonts)` is
the deckgen Theme the deck is then laid out in (`outputs.pptx.look:
template`): the template's text and background colours, its accent1, and
the families that measure its fonts; sizes, footer and logo stay the
theme's. Pure: the XML is given as bytes (the pptx backend's archive check
has already refused DTDs and entities), and what is missing or malformed
in it is a problem message, never an exception; the theme's own value is
then kept.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, replace

from deckgen.theme.model import Colors, Fonts, Theme
from deckgen.theme.schema import derived_on_accent, derived_surface

__all__ = ["SCHEME", "OfficeTheme", "TemplateLook", "read_office_theme"]

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
# The scheme's slots deckgen reads, as the master's colour map names them.
SCHEME = (
    "bg1",
    "tx1",
    "bg2",
    "tx2",
    *(f"accent{i}" for i in range(1, 7)),
    "hlink",
)
# A master without a p:clrMap (or with a bad entry) maps them as a light one does.
_LIGHT_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
_SLOTS = frozenset(("dk1", "lt1", "dk2", "lt2", "hlink", "folHlink")) | {
    f"accent{i}" for i in range(1, 7)
}
_HEX = re.compile(r"[0-9A-Fa-f]{6}")


@dataclass(frozen=True)
class OfficeTheme:
    """What deckgen uses of a template's theme part."""

    major_font: str | None  # the Latin heading font's name ('Calibri Light'); None: not given
    minor_font: str | None
    colors: tuple[tuple[str, str], ...]  # (slot, '#RRGGBB') for the slots of SCHEME it gives

    def color(self, slot: str) -> str | None:
        return dict(self.colors).get(slot)

    def applied_to(self, theme: Theme, heading: str | None, body: str | None) -> Theme:
        """`theme` in the template's colours, its fonts `heading` / `body`
        (deckgen family names measuring the template's; None keeps the theme's)."""
        c = dict(self.colors)
        base = theme.colors
        accents = tuple(c[f"accent{i}"] for i in range(1, 7) if f"accent{i}" in c)
        background = c.get("bg1", base.background)
        text, accent = c.get("tx1", base.text), c.get("accent1", base.accent)
        colors = Colors(
            background=background,
            text=text,
            muted=c.get("tx2", base.muted),
            accent=accent,
            groups=base.groups,
            # derived from the template's colours as a theme's are from its own
            surface=derived_surface(background, accent),
            on_accent=derived_on_accent(accent, text, background),
            palette=accents or base.palette,
        )
        fonts = Fonts(heading or theme.fonts.heading, body or theme.fonts.body)
        return replace(theme, colors=colors, fonts=fonts)


@dataclass(frozen=True)
class TemplateLook:
    """`outputs.pptx.look: template`: the template's theme, and the deckgen
    families that measure its fonts (None: nothing fits, the theme's own)."""

    office: OfficeTheme
    heading_font: str | None
    body_font: str | None

    def applied_to(self, theme: Theme) -> Theme:
        return self.office.applied_to(theme, self.heading_font, self.body_font)


def read_office_theme(
    xml: bytes, color_map: Mapping[str, str] | None = None
) -> tuple[OfficeTheme, tuple[str, ...]]:
    """The theme part `xml` read, with `color_map` (the master's p:clrMap
    attributes); the problems found, each a sentence, as the second value."""
    problems: list[str] = []
    try:
        root = ET.fromstring(xml)
    except (ET.ParseError, LookupError, ValueError) as exc:
        # LookupError: an unknown encoding in the XML declaration (a part not
        # named .xml escapes the archive check's parse)
        return OfficeTheme(None, None, ()), (f"its theme part is not well-formed XML ({exc})",)
    elements = root.find(f"{_A}themeElements")
    if elements is None:
        return OfficeTheme(None, None, ()), ("its theme part has no a:themeElements",)
    major = _font(elements, "majorFont", problems)
    minor = _font(elements, "minorFont", problems)
    scheme = _scheme(elements.find(f"{_A}clrScheme"), problems)
    mapping = _color_map(color_map or {}, problems)
    colors = []
    for slot in SCHEME:
        value = scheme.get(mapping.get(slot, slot))
        if value is not None:
            colors.append((slot, value))
    return OfficeTheme(major, minor, tuple(colors)), tuple(problems)


def _font(elements: ET.Element, which: str, problems: list[str]) -> str | None:
    latin = elements.find(f"{_A}fontScheme/{_A}{which}/{_A}latin")
    name = " ".join((latin.get("typeface") or "").split()) if latin is not None else ""
    if not name or len(name) > 100 or not name.isprintable() or name.startswith("+"):
        shown = repr(name[:40]) if name else "none"
        problems.append(f"its theme's {which} Latin typeface is unusable ({shown})")
        return None
    return name


def _scheme(scheme: ET.Element | None, problems: list[str]) -> dict[str, str]:
    if scheme is None:
        problems.append("its theme has no colour scheme (a:clrScheme)")
        return {}
    found: dict[str, str] = {}
    for slot in scheme:
        name = slot.tag.removeprefix(_A)
        if name not in _SLOTS:
            continue
        value = _color(slot)
        if value is None:
            problems.append(f"its theme's colour {name} is not an RGB or system colour")
        else:
            found[name] = value
    given = {slot.tag.removeprefix(_A) for slot in scheme}
    missing = [s for s in ("dk1", "lt1", "accent1") if s not in given]
    if missing:
        problems.append(f"its theme's colour scheme lacks {', '.join(missing)}")
    return found


def _color(slot: ET.Element) -> str | None:
    for child in slot:
        tag = child.tag.removeprefix(_A)
        value = child.get("val") if tag == "srgbClr" else None
        if tag == "sysClr":
            value = child.get("lastClr")
        if value is not None and _HEX.fullmatch(value):
            return "#" + value.upper()
    return None


def _color_map(attrs: Mapping[str, str], problems: list[str]) -> dict[str, str]:
    mapping = dict(_LIGHT_MAP)
    for slot in SCHEME:
        value = attrs.get(slot)
        if value is None:
            continue
        if value in _SLOTS:
            mapping[slot] = value
        else:
            problems.append(f"its master maps {slot} to {value[:20]!r}, not a scheme colour")
    return mapping
