"""Set a section's pictures, quotes and explicit slides for the handout (pure).

Everything on an explicit slide is part of the talk, so each slide becomes a
prose-friendly block in its section: a small heading with the slide's title,
then a list (bullets), two columns side by side or stacked (two-column), a
figure with caption and credit (image), a quote or a statement set apart, or
a pointer to the key dates (timeline). Every text is set here with the real
fonts and checked for glyphs with the face that prints it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from deckgen import fonts
from deckgen.errors import Location
from deckgen.layout.common.blocks import (
    BlockColors,
    ChartBlock,
    MathBlock,
    chart_alt,
    layout_code,
    layout_table,
    math_size,
)
from deckgen.layout.common.images import figure_crop
from deckgen.layout.common.primitives import Box
from deckgen.layout.common.text import TextStyle as LineStyle
from deckgen.layout.handout.glyphs import GlyphCheck
from deckgen.layout.handout.model import (
    BlockPart,
    Figure,
    KeyDates,
    Pointer,
    SetColumn,
    SetColumns,
    SetList,
    SetQuote,
    SlideBlock,
    SlidePart,
    Statement,
)
from deckgen.layout.handout.style import Styles, TextStyle
from deckgen.layout.handout.text import SetParagraph, set_paragraph, widest_word
from deckgen.outline.model import Image, Point, Quote, Run, Section, Slide, Text

__all__ = ["Setter", "SectionContent", "point_to_key_dates", "section_content"]

MIN_COLUMN_CHARS = 24  # a column narrower than this many characters reads badly: stack
MAX_SIDE_BY_SIDE = 0.45  # of the frame's height: taller pairs are stacked and may split
FIGURE_HEIGHT = 0.32  # of the frame's height, at most, for a section's or slide's picture
ARROWS = ("→", "›")  # the first the face has points to the key dates


@dataclass(frozen=True)
class Setter:
    """What setting a text needs: styles, the measure, the hyphenation
    language and the glyph check every set text goes through."""

    styles: Styles
    measure: float
    frame_height: float
    char_width: float  # average advance of running text, points
    hyphenation: str | None
    check: GlyphCheck
    colors: BlockColors | None = None  # tables, code and charts
    grey_pictures: bool = False  # the shared look's: pictures in greyscale

    def set(
        self,
        text: Text | tuple[Run, ...],
        style: TextStyle,
        location: Location,
        where: str,
        measure: float | None = None,
        first_indent: float = 0.0,
        bullet: str | None = None,
    ) -> SetParagraph:
        runs = text.runs if isinstance(text, Text) else text
        if style.italic:
            # emphasis inside italic text is set upright, as typographers do
            runs = tuple(replace(r, italic=not r.italic) for r in runs)
            style = replace(style, italic=False)
        self.check.runs(runs, style.font, location, where, style.bold, style.italic)
        return set_paragraph(
            runs,
            style,
            self.measure if measure is None else measure,
            self.hyphenation,
            first_indent,
            bullet,
        )

    def points(
        self,
        points: tuple[Point, ...],
        where: str,
        measure: float | None = None,
        numbers: tuple[int, ...] | None = None,
    ) -> tuple[SetParagraph, ...]:
        """The points set as bullets; `numbers`: their indices in the outline's
        list when some were left out (messages name the right item)."""
        st = self.styles
        out: list[SetParagraph] = []
        for i, point in zip(numbers or range(len(points)), points, strict=True):
            loc = point.text.location
            out.append(self.set(point.text, st.point, loc, f"{where}[{i}]", measure, bullet="•"))
            for j, sub in enumerate(point.points):
                at = f"{where}[{i}].points[{j}]"
                out.append(self.set(sub, st.subpoint, sub.location, at, measure, bullet="–"))
        return tuple(out)

    def quote(self, quote: Quote, where: str) -> SetQuote:
        st = self.styles
        style = st.quote if quote.by is not None else replace(st.quote, space_after=st.body.size)
        text = self.set(quote.text, style, quote.text.location, f"{where}.text")
        by = None
        if quote.by is not None:
            runs = (Run("—\u00a0"), *quote.by.runs)
            by = self.set(runs, st.attribution, quote.by.location, f"{where}.by")
        return SetQuote(text, by)

    def figure(self, image: Image | None, max_height: float, where: str) -> Figure | None:
        if image is None:
            return None
        from deckgen.images import pixel_size  # as drawn: after the EXIF rotation

        st = self.styles
        px_w, px_h = pixel_size(image.src, image.location)
        # the frame follows the picture's shape, within bounds (`fit: cover`)
        aspect, crop = figure_crop(px_w, px_h, image.fit, image.focus)
        width = min(self.measure, max_height * aspect)
        caption = credit = None
        if image.caption is not None:
            caption = self.set(
                image.caption, st.caption, image.caption.location, f"{where}.caption"
            )
        if image.credit is not None:
            credit = self.set(image.credit, st.credit, image.credit.location, f"{where}.credit")
        return Figure(
            image.src,
            image.alt,
            width,
            width / aspect,
            image.caption,
            image.credit,
            caption_set=caption,
            credit_set=credit,
            crop=crop,
            grey=self.grey_pictures,
        )


@dataclass(frozen=True)
class SectionContent:
    """A section's set blocks, with what its explicit slides already show
    left out of the section's own figure, quote and points."""

    slides: tuple[SlideBlock, ...]
    figure: Figure | None
    quote: SetQuote | None
    points: tuple[Point, ...]
    point_numbers: tuple[int, ...]  # each point's index in the section's `points`


def _plain(text: Text | None) -> str:
    return " ".join(text.plain.split()).casefold() if text is not None else ""


def _points_key(points: tuple[Point, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((_plain(p.text), tuple(_plain(s) for s in p.points)) for p in points)


def height(paras: tuple[SetParagraph, ...]) -> float:
    """The paragraphs' height stacked, spaces between them included."""
    total = 0.0
    for i, para in enumerate(paras):
        if i:
            total += max(paras[i - 1].style.space_after, para.style.space_before)
        total += len(para.lines) * para.style.leading
    return total


def _columns(slide: Slide, setter: Setter, where: str) -> SetColumns:
    """Side by side when both columns fit their half of the measure (every
    word inside, at least `MIN_COLUMN_CHARS` a line) and are short enough to
    keep together; else stacked, each column under its heading."""
    st = setter.styles
    named = [(c, n) for c, n in ((slide.left, "left"), (slide.right, "right")) if c is not None]
    gap = st.column_gap
    width = (setter.measure - gap) / 2
    texts: list[tuple[Text, TextStyle]] = []
    for col, _ in named:
        if col.heading is not None:
            texts.append((col.heading, st.column_head))
        for p in col.points:
            texts.append((p.text, st.point))
            texts.extend((s, st.subpoint) for s in p.points)
    widest = max((widest_word(t.runs, style) + style.left_indent for t, style in texts), default=0)
    side = len(named) == 2 and width >= MIN_COLUMN_CHARS * setter.char_width and widest <= width

    def set_columns(measure: float) -> tuple[SetColumn, ...]:
        out = []
        for col, name in named:
            head = None
            if col.heading is not None:
                at = f"{where}.{name}.heading"
                head = setter.set(col.heading, st.column_head, col.heading.location, at, measure)
            out.append(
                SetColumn(head, setter.points(col.points, f"{where}.{name}.points", measure))
            )
        return tuple(out)

    if side:
        sets = set_columns(width)
        tallest = max(height(((c.heading,) if c.heading else ()) + c.items) for c in sets)
        if tallest <= setter.frame_height * MAX_SIDE_BY_SIDE:
            return SetColumns(sets, True, width, gap)
    # too narrow or too tall to keep together: stacked columns flow across pages
    return SetColumns(set_columns(setter.measure), False, setter.measure, gap)


def _slide(
    slide: Slide,
    section: Section,
    setter: Setter,
    where: str,
    image: Image | None,
    quote: Quote | None,
) -> SlideBlock:
    """The slide's block; `image` and `quote`: what it prints of its own
    (None where another place prints the same)."""
    st = setter.styles
    heading = None
    if slide.title is not None and _plain(slide.title) != _plain(section.title):
        heading = setter.set(slide.title, st.slide_title, slide.title.location, f"{where}.title")
    parts: list[SlidePart] = []
    if slide.text is not None:
        text = setter.set(slide.text, st.statement, slide.text.location, f"{where}.text")
        parts.append(Statement(text))
    if slide.points:
        parts.append(SetList(setter.points(slide.points, f"{where}.points")))
    if slide.left is not None or slide.right is not None:
        parts.append(_columns(slide, setter, where))
    fig = setter.figure(image, setter.frame_height * FIGURE_HEIGHT, f"{where}.image")
    if fig is not None:
        parts.append(fig)
    if quote is not None:
        parts.append(setter.quote(quote, f"{where}.quote"))
    block = _block(slide, setter, where)
    if block is not None:
        parts.append(block)
    return SlideBlock(slide.layout, heading, tuple(parts), slide.location)


def _block(slide: Slide, setter: Setter, where: str) -> BlockPart | None:
    """A table, listing, chart or equation at the measure, with its caption."""
    st = setter.styles
    colors = setter.colors or BlockColors.of(
        "#FFFFFF", st.body.color, st.caption.color, st.heading.color, "#FFFFFF", ()
    )
    area = Box(0.0, 0.0, setter.measure, setter.frame_height * 0.8)
    title = slide.title.plain if slide.title is not None else ""
    pieces: tuple = ()
    if slide.table is not None:
        cell = LineStyle(st.body.font, st.body.size * 0.95, st.body.color, 1.25)
        floor = max(7.0, cell.size * 0.8)
        pieces = tuple(layout_table(slide.table, cell, colors, area, floor)[0])
    elif slide.code is not None:
        size = st.body.size * 0.85
        pieces = tuple(layout_code(slide.code, size, max(7.0, size * 0.85), colors, area)[0])
    elif slide.chart is not None:
        box = Box(0.0, 0.0, setter.measure, min(setter.measure * 0.5, area.h))
        alt = chart_alt(slide.chart, title)
        pieces = (ChartBlock(box, slide.chart, colors, st.body.font, st.body.size * 0.85, alt),)
    elif slide.math is not None:
        size = st.body.size * 1.6
        w, h = math_size(slide.math.latex, size)
        scale = min(1.0, setter.measure / w)
        box = Box(0.0, 0.0, setter.measure, h * scale + st.body.size)
        pieces = (MathBlock(box, slide.math.latex, size, st.body.color, slide.math.latex),)
    if not pieces:
        return None
    caption = None
    if slide.caption is not None:
        caption = setter.set(slide.caption, st.caption, slide.caption.location, f"{where}.caption")
    return BlockPart(pieces, caption)


def _told(image: Image) -> int:
    return (image.caption is not None) + (image.credit is not None)


def _pictures(section: Section) -> dict[int, Image]:
    """Which slide prints each of the slides' pictures, once: the first slide
    showing it with a caption (else the first showing it), with the fullest
    caption and credit the section gives it."""
    shown: dict[Path, list[tuple[int, Image]]] = {}
    for i, slide in enumerate(section.slides or ()):
        if slide.image is not None:
            shown.setdefault(slide.image.src, []).append((i, slide.image))
    out: dict[int, Image] = {}
    for src, places in shown.items():
        images = [image for _, image in places]
        if section.image is not None and section.image.src == src:
            images.append(section.image)
        at = next((i for i, image in places if image.caption is not None), places[0][0])
        out[at] = max(images, key=_told)  # the first of the fullest
    return out


def section_content(section: Section, setter: Setter, where: str) -> SectionContent:
    """The section's explicit slides as blocks, and the section's own figure,
    quote and points less what a slide prints already (each thing once)."""
    slides = section.slides or ()
    slide_images = {s.image.src for s in slides if s.image is not None}
    slide_quotes = {_plain(s.quote.text) for s in slides if s.quote is not None}
    # a section point (with its sub-points) that a bullet slide lists already
    shown = {item for s in slides if s.points for item in _points_key(s.points)}
    image = section.image if section.image and section.image.src not in slide_images else None
    quote = section.quote
    if quote is not None and _plain(quote.text) in slide_quotes:
        quote = None
    kept = [i for i, item in enumerate(_points_key(section.points)) if item not in shown]
    pictures = _pictures(section)
    seen_quotes: set[str] = set()
    blocks = []
    for i, slide in enumerate(slides):
        said = slide.quote if slide.quote and _plain(slide.quote.text) not in seen_quotes else None
        at = f"{where}.slides[{i}]"
        blocks.append(_slide(slide, section, setter, at, pictures.get(i), said))
        if slide.quote is not None:
            seen_quotes.add(_plain(slide.quote.text))
    return SectionContent(
        slides=tuple(blocks),
        figure=setter.figure(image, setter.frame_height * FIGURE_HEIGHT, f"{where}.image"),
        quote=setter.quote(quote, f"{where}.quote") if quote is not None else None,
        points=tuple(section.points[i] for i in kept),
        point_numbers=tuple(kept),
    )


def point_to_key_dates(slide: SlideBlock, key_dates: KeyDates | None, setter: Setter) -> SlideBlock:
    """A timeline slide's block points the reader to the key dates, which
    show the timeline; without key dates it keeps its heading alone."""
    if slide.layout != "timeline" or key_dates is None or slide.parts:
        return slide
    st = setter.styles
    face = fonts.family(st.pointer.font).face(st.pointer.bold, st.pointer.italic)
    arrows = [Run(a + "\u00a0") for a in ARROWS if face.covers(a)]
    runs = tuple(arrows[:1]) + key_dates.title.runs
    text = setter.set(runs, st.pointer, key_dates.title.location, "timeline.title")
    return replace(slide, parts=(Pointer(text),))
