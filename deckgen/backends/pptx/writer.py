"""Draw a laid-out `Deck` into a presentation and return the .pptx bytes.

No content decisions here: every slide, box, size and line pitch comes from
`deckgen.layout`. This module only maps the model onto PowerPoint's
structures: titles and bodies into the layout's own placeholders (the outline
view, screen readers and the accessibility checker read those), everything
else into text boxes, native shapes and pictures.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from urllib.parse import quote

from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deckgen.backends.pptx import _oxml, blocks
from deckgen.backends.pptx.fast import DeckPackage, no_gc_pauses, zip_date_time
from deckgen.backends.pptx.template import Layout, LayoutPicker
from deckgen.epoch import build_epoch
from deckgen.fonts import family
from deckgen.layout.common.blocks import ChartBlock, CodeBlock, MathBlock, TableBlock
from deckgen.layout.common.primitives import Paragraph
from deckgen.layout.deck.model import Deck, Picture, Shape, Slide, TextBox
from deckgen.outline.model import Run, Text

__all__ = ["DocumentInfo", "build_epoch", "write_deck"]

# A relationship target is a URI: spaces and non-ASCII letters are
# percent-encoded (as Office does); what is already a URI stays as it is.
# Languages written right to left: their paragraphs need `rtl` so PowerPoint
# orders mixed text and places bullets on the right.
_RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "dv", "sd", "ug", "ckb"})

_SAFE_LINK = re.compile(r"(?i)(https?://|mailto:)")

_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


@dataclass(frozen=True)
class DocumentInfo:
    """The presentation's core properties."""

    title: str
    author: str = ""
    subject: str = ""
    language: str = "en"
    keywords: tuple[str, ...] = field(default_factory=tuple)


@cache
def _office_name(font: str) -> str:
    return family(font).office_name


# Roles set in the heading font where a template's heading and body fonts are
# one family: they refer to its heading font all the same.
_HEADING_ROLES = frozenset(("title", "quote", "statement"))


@dataclass(frozen=True)
class _Fonts:
    """The name a run's `a:latin` gives for a family the layout measured with:
    Office's name for it, or (`Deck.template_fonts`) a reference to the
    template's theme fonts, `+mj-lt` / `+mn-lt`, so text follows the owner's
    theme even when they change its fonts later."""

    heading: str
    body: str
    refs: bool

    def name(self, font: str, role: str = "body") -> str:
        if self.refs:
            if font == self.heading and (font != self.body or role in _HEADING_ROLES):
                return "+mj-lt"
            if font == self.body:
                return "+mn-lt"
        return _office_name(font)


def write_deck(
    deck: Deck, prs, info: DocumentInfo, *, template_background: str | None, reveal: bool = False
) -> bytes:
    """Draw `deck` into `prs` (a base or user presentation, still without slides).

    `template_background` is the theme's ordinary background colour: slides
    on it inherit the master's background instead of repeating it (the base
    master carries that very colour; a user's master keeps its own picture or
    gradient). Slides of another colour (e.g. section dividers) set their own.
    """
    fonts = _Fonts(deck.heading_font, deck.body_font, deck.template_fonts)
    scheme = _scheme_refs(deck.scheme_colors)
    with no_gc_pauses():
        package = DeckPackage(prs)
        picker = LayoutPicker(prs)
        for slide in deck.slides:
            layout = picker.for_kind(slide.kind)
            writer = _SlideWriter(package, layout, deck.language, fonts, scheme)
            builds = reveal and slide.kind in ("bullets", "two-column")
            writer.write(slide, template_background, builds)
        _set_core_properties(prs, info)
        _set_app_properties(prs, package, deck)
        return package.save(zip_date_time(build_epoch()))


class _SlideWriter:
    def __init__(
        self,
        package: DeckPackage,
        layout: Layout,
        lang: str,
        fonts: _Fonts,
        scheme: tuple[tuple[bytes, bytes], ...] = (),
    ) -> None:
        self.package = package
        self.fonts = fonts
        self.scheme = scheme
        self.notes_font = fonts.name(fonts.body)
        self.rtl = lang.split("-")[0].lower() in _RTL_LANGUAGES
        self.layout = layout
        self.lang = lang
        self.part = package.add_slide(layout.part)
        self.next_id = 2  # 1 is the slide's own shape tree
        self.links: dict[tuple[int, str], str] = {}
        self.images: dict[int, str] = {}
        self.free = list(layout.placeholders)

    def write(self, slide: Slide, template_background: str | None, reveal: bool = False) -> None:
        steps: list[tuple[int, list[int]]] = []
        shapes = self._shapes(slide, steps if (slide.reveal or reveal) else None)
        background: str | None = slide.background
        if template_background and slide.background.upper() == template_background.upper():
            background = None
        blob = _oxml.slide_xml(background, shapes)
        for rgb, ref in self.scheme:
            blob = blob.replace(rgb, ref)
        if steps:
            blob = blob.replace(b"</p:sld>", blocks.timing_xml(steps).encode() + b"</p:sld>")
        self.part.blob = blob
        if slide.notes:
            self._notes(slide.notes)

    def _shapes(self, slide: Slide, steps: list[tuple[int, list[int]]] | None) -> list[str]:
        """Every element's XML, the runs of `slide.groups` each wrapped in a
        described group (ids stay unique: the group takes the next one);
        `steps` (revealing) gathers the build steps of body text boxes."""

        def draw(e) -> str:
            if steps is not None and isinstance(e, TextBox) and e.role == "body":
                steps.extend(_steps(self.next_id, e))
            return self._element(e)

        out: list[str] = []
        i = 0
        for group in sorted(slide.groups, key=lambda g: g.start):
            out += [draw(e) for e in slide.elements[i : group.start]]
            members = slide.elements[group.start : group.stop]
            sid = self._id()
            children = [draw(e) for e in members]
            out.append(_oxml.group_xml(sid, group.name, group.alt, _bounds(members), children))
            i = group.stop
        return out + [draw(e) for e in slide.elements[i:]]

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def _element(self, element) -> str:
        if isinstance(element, TextBox):
            return self._textbox(element)
        if isinstance(element, Picture):
            return self._picture(element)
        if isinstance(element, Shape):
            return self._shape(element)
        if isinstance(element, TableBlock):
            return blocks.table_xml(self._id(), element, self._paragraph)
        if isinstance(element, CodeBlock):
            return "".join(
                blocks.code_xml(self._id, element, self.lang, _office_name(element.font))
            )
        if isinstance(element, ChartBlock):
            part = blocks.chart_part(element, self.package.package, _office_name(element.font))
            rid = self.package.relate(self.part, part, RT.CHART)
            return blocks.chart_xml(self._id(), element, rid)
        if isinstance(element, MathBlock):
            return blocks.math_xml(self._id(), element, self.lang)
        raise TypeError(f"cannot draw {type(element).__name__}")

    def _placeholder_for(self, kind: str | None) -> dict[str, str] | None:
        """The layout's next free placeholder for a title/body/subtitle box (a
        subtitle falls back to a body placeholder); None draws a text box."""
        if kind is None:
            return None
        for role in (kind, "body") if kind == "subtitle" else (kind,):
            for ph in self.free:
                if ph.role == role:
                    self.free.remove(ph)
                    return ph.attrs
        return None

    def _textbox(self, tb: TextBox) -> str:
        sid = self._id()
        ph = self._placeholder_for(tb.placeholder)
        name = tb.name or _default_name(tb.role, sid, ph is not None)
        number = tb.role == "slide-number" and tb.text.strip().isdigit()
        paragraphs = [self._paragraph(p, number, tb.role) for p in tb.paragraphs]
        b = tb.box
        return _oxml.textbox_xml(
            sid,
            name,
            (b.x, b.y, b.w, b.h),
            paragraphs,
            inset=tb.inset,
            valign=tb.valign,
            fill=tb.fill,
            placeholder=ph,
            shrink=ph is not None and tb.placeholder == "body",
        )

    def _paragraph(self, p: Paragraph, slide_number: bool = False, role: str = "body") -> str:
        font = self.fonts.name(p.font, role)
        base = _oxml.RunStyle(font, p.size, p.color, p.bold, p.italic, self.lang)
        if slide_number:
            text = "".join(r.text for r in p.runs)
            runs = [_oxml.slide_number_xml(text, base)] if text else []
        else:
            # the layout's explicit breaks (a balanced title; a break another
            # renderer could move), as a:br; PowerPoint breaks the rest itself
            runs = [
                _oxml.break_xml(base) if r is None else self._run(r, base)
                for r in explicit_breaks(p)
            ]
        return _oxml.paragraph_xml(
            runs,
            base,
            level=p.level,
            align=p.align,
            indent=p.indent,
            hanging=p.hanging,
            line_height=p.line_height,
            space_before=p.space_before,
            bullet=p.bullet,
            bullet_font=font if p.bullet else None,
            rtl=self.rtl,
        )

    def _run(self, run: Run, base: _oxml.RunStyle, part=None) -> str:
        style = _oxml.RunStyle(
            base.font,
            base.size,
            base.color,
            base.bold or run.bold,
            base.italic or run.italic,
            base.lang,
            int(round(run.rise * 100000)),
        )
        # The loader admits only web and mail links; a click in PowerPoint runs
        # whatever the target names, so nothing else is ever written as one.
        link = run.link.strip() if run.link else None
        rid = self._link(link, part or self.part) if link and _SAFE_LINK.match(link) else None
        return _oxml.run_xml(run.text, style, rid)

    def _link(self, url: str, part) -> str:
        key = (id(part), url)
        rid = self.links.get(key)
        if rid is None:
            target = quote(url, safe=_URL_SAFE)
            rid = self.links[key] = self.package.relate(part, target, RT.HYPERLINK, external=True)
        return rid

    def _picture(self, pic: Picture) -> str:
        image = self.package.image(pic.src, grey=pic.grey)
        rid = self.images.get(id(image))
        if rid is None:
            rid = self.images[id(image)] = self.package.relate(self.part, image, RT.IMAGE)
        sid = self._id()
        b = pic.box
        ph = self._placeholder_for("picture") if pic.placeholder else None
        return _oxml.picture_xml(
            sid, pic.name or f"Picture {sid}", pic.alt, rid, (b.x, b.y, b.w, b.h), pic.crop, ph
        )

    def _shape(self, shape: Shape) -> str:
        sid = self._id()
        b = shape.box
        box = (b.x, b.y, b.w, b.h)
        if shape.kind == "line":
            return _oxml.line_xml(
                sid, shape.name or f"Line {sid}", box, shape.line, shape.line_width
            )
        return _oxml.shape_xml(
            sid,
            shape.name or f"{shape.kind.title()} {sid}",
            shape.kind,
            box,
            shape.fill,
            shape.line,
            shape.line_width,
            decorative=shape.decorative,
        )

    def _notes(self, notes: Iterable[Text]) -> None:
        part = self.package.add_notes(self.part)
        # the deck's body font for every script; size and colour are the notes
        # master's, made for the printed notes page
        style = _oxml.RunStyle(self.notes_font, None, None, lang=self.lang)
        paragraphs = [
            _oxml.paragraph_xml([self._run(r, style, part) for r in t.runs if r.text], style)
            for t in notes
        ]
        part.blob = _oxml.notes_xml(paragraphs)


def explicit_breaks(p: Paragraph) -> list[Run | None]:
    """`p`'s runs with None where the layout breaks a line explicitly (every
    line of a `hard_breaks` paragraph, else its `hard` lines); the spaces a
    line ended on are dropped there (the break stands for them)."""
    cuts, at = [], 0
    for line in p.lines[:-1]:
        at += sum(len(r.text) for r in line.runs)
        if p.hard_breaks or line.hard:
            cuts.append(at)
    out: list[Run | None] = []
    at = 0
    for run in p.runs:
        begin, at = at, at + len(run.text)
        inside = [c - begin for c in cuts if begin < c <= at]
        for a, b in zip([0, *inside], [*inside, len(run.text)], strict=True):
            if a > 0:
                _strip_line_end(out)
                out.append(None)
            if run.text[a:b]:
                out.append(replace(run, text=run.text[a:b]))
    return out


def _strip_line_end(out: list[Run | None]) -> None:
    while out and (last := out[-1]) is not None:
        out.pop()
        if last.text.rstrip(" "):
            out.append(replace(last, text=last.text.rstrip(" ")))
            return


def _scheme_refs(colors: tuple[tuple[str, str], ...]) -> tuple[tuple[bytes, bytes], ...]:
    """(`a:srgbClr` of a colour, the `a:schemeClr` of its slot) for each colour
    of a template's scheme, the first slot winning where two share a colour."""
    refs: dict[bytes, bytes] = {}
    for slot, color in colors:
        rgb = f'<a:srgbClr val="{color.lstrip("#").upper()}"/>'.encode()
        refs.setdefault(rgb, f'<a:schemeClr val="{slot}"/>'.encode())
    return tuple(refs.items())


def _bounds(elements) -> tuple[float, float, float, float]:
    """The box around `elements` (a line's box may run backwards)."""
    xs: list[float] = []
    ys: list[float] = []
    for e in elements:
        b = e.box
        xs += [b.x, b.x + b.w]
        ys += [b.y, b.y + b.h]
    x, y = min(xs), min(ys)
    return (x, y, max(xs) - x, max(ys) - y)


def _steps(sid: int, tb: TextBox) -> list[tuple[int, list[int]]]:
    """One build step per top-level paragraph (a point), its sub-points with it."""
    steps: list[tuple[int, list[int]]] = []
    for i, p in enumerate(tb.paragraphs):
        if p.level == 0 or not steps:
            steps.append((sid, [i]))
        else:
            steps[-1][1].append(i)
    return steps


def _default_name(role: str, sid: int, placeholder: bool) -> str:
    label = role.replace("-", " ").capitalize()
    return f"{label} {'Placeholder ' if placeholder else ''}{sid}"


def _set_core_properties(prs, info: DocumentInfo) -> None:
    when = dt.datetime.fromtimestamp(build_epoch(), dt.UTC).replace(tzinfo=None)
    core = prs.core_properties
    core.title = info.title
    core.author = info.author
    core.subject = info.subject
    core.language = info.language
    core.keywords = "; ".join(info.keywords)
    core.comments = ""
    core.category = ""
    core.last_modified_by = info.author or "deckgen"
    core.revision = 1
    core.created = when
    core.modified = when


def _set_app_properties(prs, package: DeckPackage, deck: Deck) -> None:
    fmt = "Widescreen" if abs(deck.width / deck.height - 16 / 9) < 0.01 else "Custom"
    if abs(deck.width / deck.height - 4 / 3) < 0.01:
        fmt = "On-screen Show (4:3)"
    pkg = prs.part.package
    for rel in pkg._rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part.blob = _oxml.app_xml(package.slide_count, package.notes_count, fmt)
            return
