"""The presentation a deck is drawn into: deckgen's base or the user's template.

- `base_presentation(aspect, theme)`: python-pptx's own default template
  (shipped inside python-pptx, so no binary of unknown origin lives in this
  repository), resized to the aspect, its layouts stretched to match, its
  theme's colours and fonts set to the deckgen theme, its sample thumbnail
  and Mac printer settings dropped.
- `user_presentation(path)`: a user's .pptx/.potx with its own slides removed
  cleanly (slide ids, their relationships, and so every part only they used).
- `LayoutPicker`: which slide layout each slide kind uses — by the names in
  `deckgen.layout.deck.geometry.TEMPLATE_LAYOUT_NAMES`, else by placeholder types;
  never by index, since templates order their layouts freely.
- `open_template(path, where)` and `template_geometry(path, where)`: the same,
  a problem reported as a BackendError at the outline's `template` line;
  `deckgen.templates` reads the deck's geometry with the latter, no backend
  needed.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pptx import Presentation
from pptx.exc import PythonPptxError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.util import Emu

from deckgen.backends.pptx import _oxml
from deckgen.backends.pptx.archive import CheckedTemplate, TemplateProblem, read_template
from deckgen.errors import BackendError, Location
from deckgen.fonts import family
from deckgen.layout.common.primitives import Box
from deckgen.layout.deck.geometry import (
    ASPECTS,
    TEMPLATE_LAYOUT_NAMES,
    DeckGeometry,
    PlaceholderBoxes,
)
from deckgen.layout.deck.model import SlideKind
from deckgen.theme.model import Theme

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationFile

__all__ = [
    "Layout",
    "LayoutPicker",
    "TemplateError",
    "base_presentation",
    "open_template",
    "read_template_frame",
    "template_geometry",
    "user_presentation",
]

_TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_MAIN = (
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)


class TemplateError(ValueError):
    """A template file that cannot be used (the backend adds the outline's location)."""


# --- opening ------------------------------------------------------------------


def base_presentation(aspect: str, theme: Theme):
    prs = Presentation()
    width, height = ASPECTS[aspect]
    stretch = _oxml.emu(width) / prs.slide_width
    prs.slide_width, prs.slide_height = Emu(_oxml.emu(width)), Emu(_oxml.emu(height))
    size = prs.part._element.find("p:sldSz", _oxml.NS)
    if aspect == "16:9":
        size.attrib.pop("type", None)  # 'screen4x3' would be a lie; absent = custom
    heading = family(theme.fonts.heading).office_name
    body = family(theme.fonts.body).office_name
    for master in prs.slide_masters:
        _oxml.scale_xfrms(master._element, stretch)
        _oxml.restyle_master(master._element, theme.colors.background)
        for layout in master.slide_layouts:
            _oxml.scale_xfrms(layout._element, stretch)
        theme_part = master.part.part_related_by(RT.THEME)
        theme_part.blob = _oxml.restyle_theme(
            theme_part.blob, f"deckgen {theme.name}", _scheme(theme), heading, body
        )
    _drop_rels(prs.part, RT.PRINTER_SETTINGS)
    _drop_rels(prs.part.package, RT.THUMBNAIL)
    return prs


def _scheme(theme: Theme) -> dict[str, str]:
    c = theme.colors
    groups = [c.groups[k] for k in sorted(c.groups)][:5]
    scheme = {
        "dk1": c.text,
        "lt1": c.background,
        "dk2": c.muted,
        "lt2": c.surface or c.background,
        "accent1": c.accent,
        "hlink": c.accent,
        "folHlink": c.muted,
    }
    for i, color in enumerate(groups, start=2):
        scheme[f"accent{i}"] = color
    return scheme


def user_presentation(path: Path, data: bytes | None = None):
    """`data` (default: the file at `path`) opened; `path` names it in messages."""
    try:
        data = path.read_bytes() if data is None else data
        data = _as_presentation(data)
        prs = Presentation(io.BytesIO(data))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateError(f"cannot use {path.name} as a template: {exc}") from None
    for rid in _oxml.remove_slide_references(prs.part._element):
        prs.part.rels.pop(rid)
    # The template's thumbnail pictures its own first slide, now gone.
    _drop_rels(prs.part.package, RT.THUMBNAIL)
    if not prs.slide_masters:
        raise TemplateError(f"{path.name} has no slide master")
    return prs


def checked_template(path: Path, where: Location) -> CheckedTemplate:
    """The template's bytes, read once (not through a link out of the outline's
    folder) and checked as an untrusted archive; BackendError at `where`."""
    try:
        return read_template(path)
    except (OSError, TemplateProblem) as exc:
        what = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise BackendError(
            f"outputs.pptx.template: {path.name} cannot be used as a template: {what}", where
        ) from None


@contextlib.contextmanager
def template_errors(path: Path | None, where: Location) -> Iterator[None]:
    """A template that passed the archive checks may still have a structure
    python-pptx cannot follow (a part of the wrong kind, a relationship or
    attribute missing): it is the file's fault, said at the template line."""
    try:
        yield
    except TemplateError as exc:
        raise BackendError(f"outputs.pptx.template: {exc}", where) from None
    except (PythonPptxError, LookupError, ValueError, TypeError, AttributeError) as exc:
        name = path.name if path is not None else "the template"
        raise BackendError(
            f"outputs.pptx.template: {name} cannot be used as a template: its "
            f"structure is not one PowerPoint writes ({type(exc).__name__}: {exc})",
            where,
        ) from None


def open_template(path: Path, where: Location) -> PresentationFile:
    """The checked template opened; a file that cannot be used is a BackendError at `where`."""
    data = checked_template(path, where).data
    with template_errors(path, where):
        return user_presentation(path, data)


def template_geometry(path: Path, where: Location) -> DeckGeometry:
    """The template's slide size and the placeholder boxes of the layouts each
    slide kind will use, for the layout engine."""
    return read_template_frame(path, where).geometry


@dataclass(frozen=True)
class TemplateFrame:
    geometry: DeckGeometry
    # the theme part of the master the content slides use (None: it has none),
    # and that master's colour map (p:clrMap's attributes: bg1 -> lt1, ...)
    theme_xml: bytes | None
    color_map: dict[str, str]


def read_template_frame(path: Path, where: Location) -> TemplateFrame:
    """The template's geometry, and the theme its content slides' master uses."""
    prs = open_template(path, where)
    if prs.slide_width is None or prs.slide_height is None:  # no <p:sldSz>
        raise BackendError("outputs.pptx.template: the file gives no slide size", where)
    width, height = prs.slide_width / _oxml.EMU_PER_PT, prs.slide_height / _oxml.EMU_PER_PT
    with template_errors(path, where):
        picker = LayoutPicker(prs)
        geometry = picker.geometry(width, height)
        master = picker.for_kind("bullets").part.slide_master  # type: ignore[attr-defined]
        color_map = master._element.find("p:clrMap", _oxml.NS)
        found = color_map.attrib.items() if color_map is not None else ()
        attrs = {str(k): str(v) for k, v in found}
        try:
            theme_xml = master.part.part_related_by(RT.THEME).blob
        except KeyError:
            theme_xml = None
        return TemplateFrame(geometry, theme_xml, attrs)


def _as_presentation(data: bytes) -> bytes:
    """A .potx differs from a .pptx only in its main part's content type."""
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        types = zin.read("[Content_Types].xml")
        if _TEMPLATE_MAIN not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                blob = zin.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    blob = blob.replace(_TEMPLATE_MAIN, _PRESENTATION_MAIN)
                zout.writestr(info, blob)
    return out.getvalue()


def _drop_rels(source, reltype: str) -> None:
    # A package (unlike a part) keeps its relationships private in python-pptx.
    rels = source._rels if not hasattr(source, "rels") else source.rels
    for rid in [r.rId for r in rels.values() if r.reltype == reltype]:
        rels.pop(rid)


# --- layouts ------------------------------------------------------------------


@dataclass(frozen=True)
class Placeholder:
    role: str  # 'title', 'subtitle', 'body', 'footer', 'slide-number' or 'picture'
    attrs: dict[str, str]  # the layout's p:ph attributes a slide copies to inherit
    box: Box  # points (inherited from the master when the layout omits it)


@dataclass(frozen=True)
class Layout:
    name: str
    part: Part  # the SlideLayoutPart
    placeholders: tuple[Placeholder, ...]

    def count(self, role: str) -> int:
        return sum(p.role == role for p in self.placeholders)

    def boxes(self) -> PlaceholderBoxes:
        def first(role: str) -> Box | None:
            return next((p.box for p in self.placeholders if p.role == role), None)

        return PlaceholderBoxes(
            first("title"),
            first("body"),
            first("subtitle"),
            footer=first("footer"),
            number=first("slide-number"),
            picture=first("picture"),
        )


_ROLES = {
    "title": "title",
    "ctrTitle": "title",
    "subTitle": "subtitle",
    "body": "body",
    "obj": "body",
    # filled with the deck's own footer and slide number, and its cover
    "ftr": "footer",
    "sldNum": "slide-number",
    "pic": "picture",
}

# What each slide kind wants of a layout when no layout carries the stock name:
# (has a title, number of body placeholders, has a subtitle).
_WANTS = {
    "title": (True, 0, True),
    "agenda": (True, 1, False),
    "section": (True, 1, False),
    "bullets": (True, 1, False),
    "two-column": (True, 2, False),
    "image": (True, 0, False),
    "quote": (True, 0, False),
    "statement": (True, 0, False),
    "timeline": (True, 0, False),
    "closing": (True, 1, False),
    **{kind: (True, 0, False) for kind in ("table", "code", "chart", "equation")},
}


def _read_layout(layout) -> Layout:
    placeholders = []
    for shape in layout.placeholders:
        ph = shape._element.ph
        ph_type = ph.get("type", "obj")
        role = _ROLES.get(ph_type)
        if role is None or ph.get("orient") == "vert":
            continue
        attrs = {k: v for k, v in ph.attrib.items() if k in ("type", "idx")}
        box = Box(
            (shape.left or 0) / _oxml.EMU_PER_PT,
            (shape.top or 0) / _oxml.EMU_PER_PT,
            (shape.width or 0) / _oxml.EMU_PER_PT,
            (shape.height or 0) / _oxml.EMU_PER_PT,
        )
        placeholders.append(Placeholder(role, attrs, box))
    placeholders.sort(key=lambda p: int(p.attrs.get("idx", "0")))
    return Layout(layout.name, layout.part, tuple(placeholders))


class LayoutPicker:
    """Chooses, once per slide kind, the slide layout of the presentation."""

    def __init__(self, prs) -> None:
        self.layouts = [_read_layout(lo) for m in prs.slide_masters for lo in m.slide_layouts]
        if not self.layouts:
            raise TemplateError("the template has no slide layouts")
        self._chosen: dict[SlideKind, Layout] = {}

    def for_kind(self, kind: SlideKind) -> Layout:
        layout = self._chosen.get(kind)
        if layout is None:
            layout = self._chosen[kind] = self._by_name(kind) or self._by_placeholders(kind)
        return layout

    def _by_name(self, kind: SlideKind) -> Layout | None:
        for wanted in TEMPLATE_LAYOUT_NAMES.get(kind, ()):
            for layout in self.layouts:
                if layout.name.strip().casefold() == wanted.casefold():
                    return layout
        return None

    def _by_placeholders(self, kind: str) -> Layout:
        has_title, bodies, has_subtitle = _WANTS.get(kind, (True, 1, False))

        def misfit(layout: Layout) -> tuple[int, int, int]:
            return (
                (layout.count("title") > 0) != has_title,
                (layout.count("subtitle") > 0) != has_subtitle,
                abs(layout.count("body") - bodies),
            )

        return min(self.layouts, key=misfit)  # min() keeps the first of equals

    def geometry(self, width: float, height: float) -> DeckGeometry:
        """The slide size and the placeholder boxes per kind, for the layout engine."""
        kinds = tuple(TEMPLATE_LAYOUT_NAMES)
        return DeckGeometry(width, height, tuple((k, self.for_kind(k).boxes()) for k in kinds))
