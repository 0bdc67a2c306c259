"""The slide kinds: each builder turns a piece of the outline into draft slides.

A `Draft` is a slide without its chrome (footer, slide number, logo): those
need the final slide numbers and are added by `deck.layout_deck` at the end.
Every builder measures its text (deckgen.layout.common.text), shrinks and splits
through deckgen.layout.deck.fit, and records what it had to do as warnings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from deckgen.errors import Diagnostic, Location, RenderError
from deckgen.layout.common.dates import joined_dates
from deckgen.layout.common.images import fit_picture, pixel_size
from deckgen.layout.common.primitives import Box, Paragraph
from deckgen.layout.common.text import TextStyle, paragraph, runs_of
from deckgen.layout.common.words import Words
from deckgen.layout.deck.fit import BodyFit, Item, Unit, fit_body, fit_title, sizes_down
from deckgen.layout.deck.model import (
    Element,
    Picture,
    Role,
    Shape,
    ShapeGroup,
    SlideKind,
    TextBox,
)
from deckgen.layout.deck.style import DeckStyle
from deckgen.outline.model import Column, Image, Point, Quote, Run, Text

__all__ = ["Draft", "SlideMaker"]

# The fit policy of bullet and column slides: a continuation slide rather
# than a wall of small text.
_SHRINK_FLOOR = 24.0
_MAX_LINES = 8


@dataclass
class Draft:
    kind: SlideKind
    title: str
    elements: list[Element]
    location: Location
    notes: tuple[Text, ...] = ()
    continued: bool = False
    chrome: bool = True  # footer and slide number
    groups: tuple[ShapeGroup, ...] = ()  # element runs drawn as one described group
    reveal: bool = False  # body paragraphs appear one at a time


def plain(text: Text | str | tuple[Run, ...] | None) -> str:
    if text is None:
        return ""
    return "".join(r.text for r in runs_of(text))


def point_units(points: Sequence[Point], where: str = "") -> list[Unit]:
    """A unit per point: the point and its sub-points, kept together if possible.
    `where` is the outline path of the list's owner, e.g. 'sections[0]'."""
    units: list[Unit] = []
    for i, p in enumerate(points):
        at = f"{where}.points[{i}]" if where else ""
        items = [Item(p.text, "point", p.location or p.text.location, at)]
        items += [
            Item(
                s,
                "sub",
                s.location.or_else(p.location),
                f"{at}.points[{j}]" if at else "",
            )
            for j, s in enumerate(p.points)
        ]
        units.append(tuple(items))
    return units


def split_sentences(runs: tuple[Run, ...]) -> list[tuple[Run, ...]]:
    """Runs cut after each sentence end ('. ', '! ', '? ', also before a quote
    mark), spaces kept with the sentence before, styles kept."""
    out: list[tuple[Run, ...]] = []
    cur: list[Run] = []
    for run in runs:
        text = run.text
        start = 0
        for m in _SENTENCE_END.finditer(text):
            cut = m.end()
            cur.append(replace(run, text=text[start:cut]))
            out.append(tuple(r for r in cur if r.text))
            cur = []
            start = cut
        if start < len(text):
            cur.append(replace(run, text=text[start:]))
    if cur:
        out.append(tuple(cur))
    return [s for s in out if s]


_SENTENCE_END = re.compile(r"(?<=[.!?…])[»”\"')\]]*\s+")


@dataclass
class SlideMaker:
    style: DeckStyle
    words: Words
    language: str = "en"
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # The outline path of what is being laid out ('sections[2]',
    # 'sections[2].slides[0]'), set by the sequence, for error messages.
    where: str = ""

    def at(self, leaf: str) -> str:
        return f"{self.where}.{leaf}" if self.where else ""

    # ------------------------------------------------------------------ helpers

    def small_text(
        self,
        text: Text,
        style: TextStyle,
        width: float,
        lines: int,
        floor: float,
        fallback: Location,
        leaf: str,
    ) -> Paragraph:
        """A caption or a credit: at most `lines` lines, shrunk down to `floor`,
        a problem reported at its own line (else `fallback`'s)."""
        return fit_title(
            text,
            style,
            width,
            style.line_height * lines,
            floor,
            text.location.or_else(fallback),
            max_lines=lines,
            where=self.at(leaf),
        )

    def warn(self, message: str, location: Location) -> None:
        self.diagnostics.append(Diagnostic("warning", message, location))

    def title_box(
        self,
        kind: SlideKind,
        text: Text | str | tuple[Run, ...],
        location: Location,
        *,
        box: Box | None = None,
        style: TextStyle | None = None,
        max_lines: int = 2,
        floor: float | None = None,
        valign: Literal["top", "middle", "bottom"] = "bottom",
        name: str = "Title",
        warn: bool = True,
    ) -> TextBox:
        st = self.style
        box = box or st.title_box_for(kind)
        style = style or st.title_style()
        p = fit_title(
            text,
            style,
            box.w,
            box.h,
            floor or st.title_floor,
            location,
            max_lines=max_lines,
            where=self.at("title"),
        )
        if warn and p.size < style.size:
            self.warn(
                f"slide {plain(text)!r}: title shrunk from {style.size:g} pt to {p.size:g} pt "
                f"to fit {max_lines} line(s)",
                location,
            )
        return TextBox(box, (p,), role="title", placeholder="title", valign=valign, name=name)

    def cont_title(
        self, title: Text | str, k: int, count: int, *, short: bool = False
    ) -> tuple[Run, ...]:
        """The title of slide `k` (from 0) of a run of `count`: the first as given,
        the others numbered "Title (cont. 2/4)", so no two slides share a title
        (PowerPoint's accessibility checker, the outline view and a screen
        reader's slide list tell them apart), the mark in the outline's
        language, kept on one line by no-break spaces. `short`: "Title (2/4)",
        for a title that the longer mark would push onto another line."""
        if k == 0 or count <= 1:
            return runs_of(title)
        if short:
            return (*runs_of(title), Run(f"\u00a0({k + 1}/{count})"))
        mark = self.words["cont"].rstrip(")").replace(" ", "\u00a0")
        return (*runs_of(title), Run(f" {mark}\u00a0{k + 1}/{count})"))

    def titles(
        self, kind: SlideKind, title: Text | str, location: Location, count: int
    ) -> list[TextBox]:
        """Title boxes for a run of `count` slides ("(cont. 2/4)" after the first), all
        at one size. A continuation title takes no more lines than the first
        and keeps its size: "(cont. 2/4)" when that fits, else "(2/4)"; when
        neither does, all are set at the size at which every "(2/4)" title
        keeps the first's lines (down to the title floor), else at the size
        the longest needs in two lines (as a last resort down to the body
        floor). One warning."""
        if count <= 1:
            return [self.title_box(kind, title, location)]
        st = self.style
        first = self.title_box(kind, title, location, warn=False).paragraphs[0]
        style = st.title_style(first.size)
        for short in (False, True):
            texts = [self.cont_title(title, k, count, short=short) for k in range(count)]
            try:
                same = all(
                    len(p.lines) <= len(first.lines)
                    for t in texts[1:]
                    for p in self.title_box(
                        kind, t, location, style=style, floor=first.size, warn=False
                    ).paragraphs
                )
            except RenderError:
                same = False
            if same:
                size = first.size
                break
        else:  # texts: the short marks, all at the size that keeps the lines
            try:
                size = min(
                    self.title_box(kind, t, location, max_lines=len(first.lines), warn=False)
                    .paragraphs[0]
                    .size
                    for t in texts[1:]
                )
            except RenderError:
                size = min(
                    self.title_box(kind, t, location, floor=st.min_body_size, warn=False)
                    .paragraphs[0]
                    .size
                    for t in texts[1:]
                )
        heads = [
            self.title_box(kind, t, location, style=st.title_style(size), floor=size, warn=False)
            for t in texts
        ]
        if size < st.title_size:
            self.warn(
                f"slide {plain(title)!r}: title shrunk from {st.title_size:g} pt to {size:g} pt "
                f"to fit 2 lines (on all {count} slides)",
                location,
            )
        return heads

    def kicker(
        self, kind: SlideKind, text: Text | str | tuple[Run, ...], location: Location
    ) -> TextBox:
        """A small title for quote and statement slides: still the title placeholder
        (outline view, screen readers), but quiet so the slide's big text leads."""
        st = self.style
        tb = st.title_box_for(kind)
        size = st.kicker_size
        style = TextStyle(st.heading_font, size, st.accent_text, 1.15, bold=True)
        box = Box(tb.x, tb.y, tb.w, round(2 * size * 1.15, 2))
        if st.boxes(kind).title is not None:
            box = tb
        return self.title_box(
            kind,
            text,
            location,
            box=box,
            style=style,
            floor=min(size, 12.0),
            valign="top",
            name="Title (kicker)",
        )

    def rule(self, x: float | None = None, y: float | None = None) -> Shape:
        st = self.style
        r = st.rule
        return Shape(
            "rect",
            Box(r.x if x is None else x, r.y if y is None else y, r.w, r.h),
            fill=st.accent,
            name="Accent rule",
            decorative=True,
        )

    def body_setter(self, *, heading_color: str | None = None):
        st = self.style

        def setter(item: Item, size: float, width: float, first: bool) -> Paragraph:
            role = item.role
            if role == "point":
                ind = round(size * 0.95, 2)
                return paragraph(
                    item.text,
                    st.body_style(size),
                    width,
                    bullet="•",
                    indent=ind,
                    hanging=ind,
                    space_before=0.0 if first else round(size * 0.5, 2),
                )
            if role == "sub":
                sub = round(size * 0.9 * 2) / 2
                hang = round(sub * 0.95, 2)
                return paragraph(
                    item.text,
                    st.body_style(sub),
                    width,
                    level=1,
                    bullet="–",
                    indent=round(size * 0.95 + hang, 2),
                    hanging=hang,
                    space_before=0.0 if first else round(size * 0.2, 2),
                )
            if role == "heading":
                style = replace(
                    st.body_style(size), bold=True, color=heading_color or st.accent_text
                )
                return paragraph(
                    item.text, style, width, space_before=0.0 if first else round(size * 0.8, 2)
                )
            if role == "small":
                return paragraph(
                    item.text,
                    st.body_style(size),
                    width,
                    space_before=0.0 if first else round(size * 0.35, 2),
                )
            return paragraph(  # plain prose
                item.text,
                st.body_style(size),
                width,
                space_before=0.0 if first else round(size * 0.6, 2),
            )

        return setter

    def fit(
        self,
        regions: Sequence[Sequence[Unit]],
        widths: Sequence[float],
        height: float,
        what: str,
        location: Location,
        *,
        start: float | None = None,
        floor: float | None = None,
        heading_color: str | None = None,
    ) -> BodyFit:
        st = self.style
        start = start or st.body_size
        policy = floor is None  # points and columns: the hall's fit policy
        floor = min(floor or st.min_body_size, start)
        # Bullets and columns shrink only while they stay >= 24 pt and hold
        # <= 8 lines a slide; a single item too long for that goes on down
        # to min_body_size.
        split_at = max(floor, min(_SHRINK_FLOOR * st.scale, start)) if policy else floor
        sizes = sizes_down(start, split_at)
        below = [s for s in sizes_down(split_at, floor) if s < split_at]
        result = fit_body(
            regions,
            widths,
            height,
            self.body_setter(heading_color=heading_color),
            sizes,
            max_lines=_MAX_LINES if policy else None,
            item_sizes=below,
        )
        floor = result.size if result.size < split_at else split_at
        if result.split:
            self.warn(
                f"slide {what!r}: text does not fit one slide "
                f"(at most {_MAX_LINES} lines) even at {floor:g} pt; "
                f"split over {len(result.pages)} slides at {result.size:g} pt "
                f"(titled {self.words['cont']!r} with their number)",
                location,
            )
        elif result.shrunk:
            self.warn(
                f"slide {what!r}: body text shrunk from {start:g} pt to {result.size:g} pt to fit",
                location,
            )
        return result

    def picture_block(
        self,
        image: Image,
        area: Box,
        *,
        valign: str = "middle",
        name: str = "Picture",
        mode: str = "auto",
    ) -> list[Element]:
        """The picture fitted into `area` with its caption and credit beneath it,
        both in one text frame: a line more or less in a renderer moves the
        credit along rather than opening a gap above it. Dates in them never
        break."""
        st = self.style
        cap_style = st.small_style(st.caption_size, st.muted, italic=False)
        parts: list[Paragraph] = []
        if image.caption is not None:
            text = self._dated(image.caption)
            parts.append(
                self.small_text(text, cap_style, area.w, 3, 12.0, image.location, "image.caption")
            )
        if image.credit is not None:
            cr_style = st.small_style(st.credit_size, st.muted)
            text = self._dated(image.credit)
            p = self.small_text(text, cr_style, area.w, 2, 9.0, image.location, "image.credit")
            parts.append(replace(p, space_before=2.0) if parts else p)
        gap = 8.0 if parts else 0.0
        below = gap + sum(p.height for p in parts)
        px_w, px_h = pixel_size(image.src, image.location)
        pic_area = Box(area.x, area.y, area.w, max(40.0, area.h - below))
        if image.fit == "contain":
            mode = "fit"
        pic_box, crop = fit_picture(pic_area, px_w, px_h, mode=mode, align="top", focus=image.focus)
        # keep picture and caption together, placed in the area as asked
        group_h = pic_box.h + below
        dy = (area.h - group_h) / 2 if valign == "middle" else 0.0
        pic_box = Box(pic_box.x, area.y + dy, pic_box.w, pic_box.h)
        elements: list[Element] = [
            Picture(
                pic_box,
                image.src,
                image.alt,
                crop=crop,
                name=f"{name}: {image.alt[:60]}",
                grey=st.theme.ink_saving,
            )
        ]
        if not parts:
            return elements
        y = pic_box.bottom + gap
        box = Box(pic_box.x, y, max(pic_box.w, min(area.w, 240.0)), below - gap)
        if box.right > area.right:
            box = Box(area.right - box.w, y, box.w, box.h)
        # re-measured at the box's own width so the lines are the box's lines
        narrow = tuple(_remeasured(p, box.w) for p in parts)
        if any(len(a.lines) != len(b.lines) for a, b in zip(narrow, parts, strict=True)):
            box, narrow = Box(area.x, y, area.w, box.h), tuple(parts)
        role: Role = "caption" if image.caption is not None else "credit"
        elements.append(TextBox(box, narrow, role=role, name="Caption and credit"))
        return elements

    def _dated(self, text: Text) -> Text:
        """`text` with the dates written in it kept whole (no-break spaces)."""
        return replace(text, runs=joined_dates(text.runs, self.language))

    # ------------------------------------------------------------------ slides

    def bullets(
        self,
        title: Text | str,
        units: list[Unit],
        location: Location,
        *,
        notes: tuple[Text, ...] = (),
        image: Image | None = None,
        kind: SlideKind = "bullets",
    ) -> list[Draft]:
        st = self.style
        body = st.body_box_for(kind)
        pic_area = None
        if image is not None:
            gutter = 32.0
            text_w = round(body.w * 0.56, 2)
            pic_area = Box(body.x + text_w + gutter, body.y, body.w - text_w - gutter, body.h)
            text_box = Box(body.x, body.y, text_w, body.h)
        else:
            text_box = body
        result = self.fit([units], [text_box.w], text_box.h, plain(title), location)
        drafts = []
        heads = self.titles(kind, title, location, len(result.pages))
        for i, (paras,) in enumerate(result.pages):
            cont = i > 0
            t = heads[i].text
            els: list[Element] = []
            if st.decorated(kind):
                els.append(self.rule())
            els.append(heads[i])
            box = text_box
            if cont and image is not None:
                box = body  # the picture stays on the first slide
                paras = self._reset(paras, box.w)
            els.append(TextBox(box, paras, role="body", placeholder="body", name="Body"))
            if image is not None and pic_area is not None and not cont:
                els += self.picture_block(image, pic_area, valign="top")
            drafts.append(Draft(kind, plain(t), els, location, notes if i == 0 else (), cont))
        return drafts

    def _reset(self, paras: tuple[Paragraph, ...], width: float) -> tuple[Paragraph, ...]:
        """Re-measure paragraphs for a wider box (same size, same style)."""
        out = []
        for p in paras:
            style = TextStyle(
                p.font, p.size, p.color, p.line_height / p.size, p.bold, p.italic, p.align
            )
            q = paragraph(
                p.runs,
                style,
                width,
                level=p.level,
                bullet=p.bullet,
                indent=p.indent,
                hanging=p.hanging,
                space_before=p.space_before,
            )
            out.append(replace(q, line_height=p.line_height))
        return tuple(out)

    def two_column(
        self,
        title: Text | str,
        left: Column | None,
        right: Column | None,
        location: Location,
        *,
        notes: tuple[Text, ...] = (),
    ) -> list[Draft]:
        st = self.style
        kind: SlideKind = "two-column"
        body = st.body_box_for(kind)
        gutter = 40.0
        col_w = round((body.w - gutter) / 2, 2)
        left_box = Box(body.x, body.y, col_w, body.h)
        right_box = Box(body.x + col_w + gutter, body.y, col_w, body.h)
        if st.boxes(kind).body is not None and body.w < st.width * 0.6:
            # A template's two-content layout: its first body placeholder is
            # the left column; the right one mirrors it (as in stock layouts).
            col_w = body.w
            left_box = body
            right_box = Box(st.width - body.right, body.y, body.w, body.h)
        regions = [
            self._column_units(c, self.at(side)) for c, side in ((left, "left"), (right, "right"))
        ]
        result = self.fit(regions, [col_w, col_w], body.h, plain(title), location)
        drafts = []
        heads = self.titles(kind, title, location, len(result.pages))
        for i, (lp, rp) in enumerate(result.pages):
            cont = i > 0
            t = heads[i].text
            els: list[Element] = []
            if st.decorated(kind):
                els.append(self.rule())
            els.append(heads[i])
            # both columns are body placeholders (a two-content layout has two)
            if lp:
                els.append(
                    TextBox(left_box, lp, role="body", placeholder="body", name="Left column")
                )
            if rp:
                els.append(
                    TextBox(right_box, rp, role="body", placeholder="body", name="Right column")
                )
            if st.decorated(kind):
                x = (left_box.right + right_box.x) / 2 - 0.75
                els.append(
                    Shape(
                        "rect", Box(x, body.y, 1.5, body.h), fill=st.surface, name="Column divider"
                    )
                )
            drafts.append(Draft(kind, plain(t), els, location, notes if i == 0 else (), cont))
        return drafts

    @staticmethod
    def _column_units(column: Column | None, where: str = "") -> list[Unit]:
        if column is None:
            return []
        units = point_units(column.points, where)
        if column.heading is not None:
            head = Item(
                column.heading,
                "heading",
                column.heading.location.or_else(column.location),
            )
            if units:
                units[0] = (head, *units[0])  # never a heading alone at a slide's foot
            else:
                units = [(head,)]
        return units

    def image(
        self, title: Text | str, image: Image, location: Location, *, notes=()
    ) -> list[Draft]:
        st = self.style
        kind: SlideKind = "image"
        els: list[Element] = []
        if st.decorated(kind):
            els.append(self.rule())
        els.append(self.title_box(kind, title, location))
        els += self.picture_block(image, st.body_box_for(kind), valign="middle")
        return [Draft(kind, plain(title), els, location, notes)]

    def quote(
        self, kicker: Text | str, quote: Quote, location: Location, *, notes=()
    ) -> list[Draft]:
        """A big opening quote mark, the quote, its attribution. A quote too long
        for one slide even at the floor continues on "(cont.)" slides, split
        between sentences; a single sentence that cannot fit is an error."""
        st = self.style
        kind: SlideKind = "quote"
        kick0 = self.kicker(kind, kicker, location)
        area = st.body_box_for(kind)
        top = kick0.box.bottom + 16
        area = Box(area.x, top, area.w, st.body_box.bottom - top)
        mark_size = round(st.title_size * 2.4)
        mark_w = round(mark_size * 0.55, 2)
        qx = area.x + mark_w
        qw = area.w - mark_w - st.margin * 0.5
        by_p = None
        if quote.by is not None:
            by_style = TextStyle(st.body_font, round(st.body_size * 0.8), st.muted, 1.15)
            by_p = fit_title(
                (Run("— "), *quote.by.runs),
                by_style,
                qw,
                by_style.line_height * 2,
                12.0,
                quote.by.location.or_else(quote.location),
                max_lines=2,
            )
        room = area.h - (by_p.height + 14 if by_p else 0)
        q_style = TextStyle(st.heading_font, round(st.title_size * 0.85), st.text, 1.2, italic=True)
        where = quote.text.location.or_else(quote.location)
        parts, size = self._quote_parts(quote.text.runs, q_style, qw, room, area.h, where)
        if len(parts) > 1:
            self.warn(
                f"quote too long for one slide (at most {_MAX_LINES} lines) even at "
                f"{_SHRINK_FLOOR * st.scale:g} pt; split over "
                f"{len(parts)} slides at {size:g} pt between sentences",
                where,
            )
        elif size < q_style.size:
            self.warn(f"quote shrunk from {q_style.size:g} pt to {size:g} pt to fit", where)
        drafts = []
        for i, runs in enumerate(parts):
            last = i == len(parts) - 1
            qp = paragraph(runs, q_style.at(size), qw)
            kick = (
                kick0
                if i == 0
                else self.kicker(kind, self.cont_title(kicker, i, len(parts)), location)
            )
            els: list[Element] = [kick]
            block_h = qp.height + (by_p.height + 14 if by_p and last else 0)
            y0 = area.y + max(0.0, (area.h - block_h) / 2)
            if i == 0:
                mark_style = TextStyle(st.heading_font, mark_size, st.accent_text, 1.0, bold=True)
                mark_p = paragraph("“", mark_style, mark_w)
                # A full line for the glyph, its top a little above the
                # quote's first line: the mark sits in the top of its em box,
                # so it lines up with the text and never rises into the title.
                els.append(
                    TextBox(
                        Box(area.x - 4, y0 - mark_size * 0.1, mark_w, mark_p.height),
                        (mark_p,),
                        role="label",
                        name="Quote mark",
                    )
                )
            # The attribution is the quote's last paragraph, in its own text
            # frame: a line more or less in a renderer moves it along rather
            # than leaving a gap or an overlap between two boxes.
            paras = (qp, replace(by_p, space_before=14.0)) if by_p is not None and last else (qp,)
            box_h = sum(p.height for p in paras)
            els.append(TextBox(Box(qx, y0, qw, box_h), paras, role="quote", name="Quote"))
            drafts.append(
                Draft(kind, plain(kick.text), els, location, notes if i == 0 else (), i > 0)
            )
        return drafts

    def _quote_parts(
        self, runs, style: TextStyle, width: float, room_last: float, room: float, where: Location
    ):
        """(parts, size): the quote whole if it fits at some size down to 24 pt
        (the fit policy: at most 8 lines a slide), else sentences packed onto
        the fewest slides at the largest size >= 24 pt; only a sentence too
        long for a slide at 24 pt takes the quote on down to the floor."""
        st = self.style
        floor = min(st.min_body_size, style.size)
        split_at = max(floor, min(_SHRINK_FLOOR * st.scale, style.size))
        sentences = split_sentences(runs)

        def whole(size: float) -> bool:
            p = paragraph(runs, style.at(size), width)
            return p.height <= room_last + 1e-6 and len(p.lines) <= _MAX_LINES

        def pack(size: float) -> list[tuple[Run, ...]] | None:
            return _pack_sentences(sentences, style.at(size), width, room, room_last, _MAX_LINES)

        sizes = sizes_down(style.size, split_at)
        for size in sizes:
            if whole(size):
                return [runs], size
        at_floor = pack(split_at)
        if at_floor is not None:
            return next(
                ((parts, size) for size in sizes if _no_more(parts := pack(size), at_floor)),
                (at_floor, split_at),
            )
        for size in sizes_down(split_at, floor)[1:]:
            parts = [runs] if whole(size) else pack(size)
            if parts is not None:
                return parts, size
        raise RenderError(
            (f"{self.at('quote.text')}: " if self.where else "")
            + f"quote too long for a slide even one sentence at a time at {floor:g} pt; "
            "shorten it",
            where,
        )

    def statement(
        self, kicker: Text | str, text: Text, location: Location, *, notes=()
    ) -> list[Draft]:
        st = self.style
        kind: SlideKind = "statement"
        els: list[Element] = [self.kicker(kind, kicker, location)]
        top = els[0].box.bottom + 16
        area = Box(st.margin * 1.5, top, st.width - 3 * st.margin, st.body_box.bottom - top)
        style = TextStyle(
            st.heading_font, round(st.title_size * 1.1), st.text, 1.15, bold=True, align="center"
        )
        p = None
        for size in sizes_down(style.size, st.min_body_size):
            p = paragraph(text, style.at(size), area.w)
            if p.height <= area.h - 30:
                break
        else:
            raise RenderError(
                (f"{self.at('text')}: " if self.where else "")
                + f"statement too long for one slide even at {st.min_body_size:g} pt; shorten it",
                text.location.or_else(location),
            )
        if p.size < style.size:
            self.warn(
                f"statement shrunk from {style.size:g} pt to {p.size:g} pt to fit",
                text.location.or_else(location),
            )
        y = area.y + (area.h - p.height) / 2
        if st.decorated(kind):
            els.append(self.rule(x=st.width / 2 - st.rule.w / 2, y=y - 24))
        els.append(
            TextBox(
                Box(area.x, y, area.w, p.height),
                (p,),
                role="statement",
                placeholder="body",
                name="Statement",
            )
        )
        return [Draft(kind, plain(kicker), els, location, notes)]


def _remeasured(p: Paragraph, width: float) -> Paragraph:
    """`p` set again at `width`, same style and spacing."""
    style = TextStyle(p.font, p.size, p.color, p.line_height / p.size, p.bold, p.italic, p.align)
    q = paragraph(p.runs, style, width, space_before=p.space_before)
    return replace(q, line_height=p.line_height)


def _no_more(parts: list | None, than: list) -> bool:
    return parts is not None and len(parts) <= len(than)


def _pack_sentences(
    sentences: Sequence[tuple[Run, ...]],
    style: TextStyle,
    width: float,
    room: float,
    room_last: float,
    max_lines: int = 10**9,
) -> list[tuple[Run, ...]] | None:
    """Sentences packed greedily into parts that each fit `room` and
    `max_lines` at `style` (the last one `room_last`, it also holds the
    attribution); None when a sentence alone does not fit."""

    def fits(part: tuple[Run, ...], space: float) -> bool:
        p = paragraph(part, style, width)
        return p.height <= space + 1e-6 and len(p.lines) <= max_lines

    parts: list[tuple[Run, ...]] = []
    cur: tuple[Run, ...] = ()
    for sent in sentences:
        trial = (*cur, *sent)
        if fits(trial, room):
            cur = trial
            continue
        if not cur:
            return None
        parts.append(cur)
        cur = sent
        if not fits(cur, room):
            return None
    parts.append(cur)
    # the last part also holds the attribution
    if not fits(parts[-1], room_last):
        parts.append(())
    return [p for p in parts if p]
