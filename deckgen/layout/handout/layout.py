"""Lay out the printable handout (pure): what goes on paper, in what order, in what style.

    layout_handout(outline, theme, options) -> Handout

Mode `article` (default) gives a `Handout` whose `blocks` the backend flows
onto pages: a cover block, one `SectionBlock` per section (heading, summary
prose, figure, quote, key points, optional ruled notes area), a `KeyDates`
table from the timeline and the `References`. Styles and page geometry are
decided here (`handout_style`), so the backend only typesets. Mode `slides`
then gets `slide_pages` from `handout_slides.layout_slide_pages` (given the
laid-out deck): the slides placed as thumbnails on pages.

Every character is checked against the face that will print it: a missing
glyph raises `FontError` naming the outline's line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from deckgen import fonts
from deckgen.errors import Diagnostic, Location
from deckgen.layout.handout.glyphs import GlyphCheck
from deckgen.layout.handout.options import HandoutOptions
from deckgen.layout.handout.style import (
    PageGeometry,
    Palette,
    Styles,
    hyphenation_language,
    make_geometry,
    make_palette,
    make_styles,
)
from deckgen.layout.handout.text import SetParagraph, set_paragraph
from deckgen.outline.model import (
    Date,
    Image,
    Outline,
    Point,
    Quote,
    Reference,
    Run,
    Section,
    Text,
)
from deckgen.theme.model import Theme

__all__ = [
    "Cover",
    "DateRow",
    "Figure",
    "Handout",
    "KeyDates",
    "References",
    "SectionBlock",
    "format_date",
    "layout_handout",
]

BODY_SIZE = 11.0  # points; overridable by the theme key `handout.body_size`
NOTES_LINES = 7  # ruled lines in a section's notes area


@dataclass(frozen=True)
class Figure:
    src: Path
    alt: str
    width: float  # points, as printed
    height: float
    caption: Text | None = None
    credit: Text | None = None


@dataclass(frozen=True)
class Cover:
    title: Text
    subtitle: Text | None
    byline: tuple[Run, ...]  # author · date
    source: tuple[Run, ...]  # "Based on ..." credit, empty when none
    figure: Figure | None
    location: Location


@dataclass(frozen=True)
class SectionBlock:
    id: str
    number: int
    title: Text
    summary: tuple[Text, ...]
    points: tuple[Point, ...]
    figure: Figure | None
    quote: Quote | None
    notes_lines: int  # 0: no ruled notes area
    location: Location
    speaker_notes: tuple[Text, ...] = ()  # printed only with the speaker_notes option
    prose: tuple[SetParagraph, ...] = ()  # the summary, broken into lines
    key_points: tuple[SetParagraph, ...] = ()  # points and sub-points, set, bullets decided


@dataclass(frozen=True)
class DateRow:
    when: str
    title: Text
    text: Text | None
    group: str  # the group's label, '' when none
    color: str | None  # the group's colour for the marker, None when none


@dataclass(frozen=True)
class KeyDates:
    title: Text
    rows: tuple[DateRow, ...]
    show_groups: bool


@dataclass(frozen=True)
class References:
    title: Text
    items: tuple[Reference, ...]


Block = Cover | SectionBlock | KeyDates | References


@dataclass(frozen=True)
class Handout:
    mode: str  # 'article' or 'slides'
    geometry: PageGeometry
    palette: Palette
    styles: Styles
    hyphenation: str | None  # pyphen language, None: ragged right
    blocks: tuple[Block, ...]
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str
    header: str  # running header, left
    footer: str  # running footer, left (source credit or theme footer)
    logo: Figure | None = None  # the theme's logo, small at the head of every page
    slide_pages: tuple[Any, ...] = ()  # handout_slides.SlidePage, slides mode only
    deck: Any = None  # layout.model.Deck, slides mode only
    diagnostics: list[Diagnostic] = field(default_factory=list)


_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(date: Date, language: str = "en", short: bool = False) -> str:
    """A date as a reader writes it: '4 October 1957' ('4 Oct 1957' short),
    'July 1975', '1998'.

    Month names are English; other languages get the unambiguous ISO form.
    """
    if not language.lower().startswith("en") or date.month is None:
        return str(date)
    month = _MONTHS_EN[date.month - 1]
    if short and len(month) > 4:
        month = month[:3]
    return f"{date.day} {month} {date.year}" if date.day else f"{month} {date.year}"


def _span(start: Date, end: Date | None, language: str) -> str:
    """'4 Oct 1957'; a span shares what its ends share: '17–19 July 1975',
    '3 Feb – 12 June 1998'. Short month names keep the date column narrow."""
    if end is None:
        return format_date(start, language, short=True)
    english = language.lower().startswith("en")
    if english and start.year == end.year and start.day and end.day:
        end_text = format_date(end, language, short=True)
        if start.month == end.month:
            return f"{start.day}–{end_text}"
        head = format_date(start, language, short=True).rsplit(" ", 1)[0]
        return f"{head} – {end_text}"
    return f"{format_date(start, language, True)} – {format_date(end, language, True)}"


def _figure(image: Image | None, max_w: float, max_h: float) -> Figure | None:
    if image is None:
        return None
    from deckgen.images import pixel_size  # as drawn: after the EXIF rotation

    px_w, px_h = pixel_size(image.src, image.location)
    scale = min(max_w / px_w, max_h / px_h)
    return Figure(image.src, image.alt, px_w * scale, px_h * scale, image.caption, image.credit)


LOGO_HEIGHT = 14.0  # points, in the running header


def _logo(theme: Theme) -> Figure | None:
    if theme.logo is None:
        return None
    from deckgen.images import pixel_size

    px_w, px_h = pixel_size(theme.logo)
    h = LOGO_HEIGHT
    w = min(px_w * h / px_h, 120.0)
    return Figure(theme.logo, "logo", w, px_h * w / px_w, None, None)


def handout_type(theme: Theme) -> tuple[float, str, str]:
    """(body size, heading family, body family): the theme's `handout:` keys,
    else the theme's fonts at `BODY_SIZE`."""
    style = theme.handout
    return (style.body_size or BODY_SIZE, style.heading_font, style.body_font)


def _source_runs(outline: Outline) -> tuple[Run, ...]:
    src = outline.source
    if src is None:
        return ()
    runs: list[Run] = [Run("Based on ")]
    if src.title is not None:
        title_runs = src.title.runs
        if src.url:
            title_runs = tuple(Run(r.text, r.bold, True, r.link or src.url) for r in title_runs)
        else:
            title_runs = tuple(Run(r.text, r.bold, True, r.link) for r in title_runs)
        runs.extend(title_runs)
    if src.publisher is not None:
        if src.title is not None:
            runs.append(Run(", "))
        runs.extend(src.publisher.runs)
    if src.url and src.title is None:
        runs.append(Run(src.url, link=src.url))
    if len(runs) == 1:
        return ()
    runs.append(Run("."))
    return tuple(runs)


def _with_slide_content(section: Section) -> Section:
    """A section written only as explicit `slides:` gets its handout content
    from them: statements as prose, bullets and columns as key points, the
    first picture and quote, and the slides' speaker notes."""
    if not section.slides or section.summary or section.points or section.image or section.quote:
        return section
    summary: list[Text] = []
    points: list[Point] = []
    image, quote, notes = None, None, list(section.notes)
    for slide in section.slides:
        if slide.text is not None:
            summary.append(slide.text)
        points.extend(slide.points)
        for column in (slide.left, slide.right):
            if column is None:
                continue
            subs = tuple(p.text for p in column.points)
            if column.heading is not None:
                points.append(Point(column.heading, subs, column.location))
            else:
                points.extend(column.points)
        image = image or slide.image
        quote = quote or slide.quote
        if not section.notes:
            notes.extend(slide.notes)
    return replace(
        section,
        summary=tuple(summary),
        points=tuple(points),
        image=image,
        quote=quote,
        notes=tuple(notes),
    )


def _set_points(points, styles: Styles, measure: float, language) -> tuple[SetParagraph, ...]:
    out = []
    for point in points:
        out.append(set_paragraph(point.text, styles.point, measure, language, bullet="•"))
        for sub in point.points:
            out.append(set_paragraph(sub, styles.subpoint, measure, language, bullet="–"))
    return tuple(out)


def _running_head(title: str) -> str:
    """A long title's main part for the running header ('The Space Race: ...'
    -> 'The Space Race'), as books shorten theirs."""
    for sep in (": ", " — ", " – "):
        head = title.split(sep)[0]
        if head != title and len(head) >= 8:
            return head
    return title


def _plain(text: Text | None) -> str:
    return text.plain if text is not None else ""


def layout_handout(
    outline: Outline, theme: Theme, options: HandoutOptions | Mapping[str, Any] | None = None
) -> Handout:
    """See the module docstring. `options`: the handout's typed options."""
    opts = options if isinstance(options, HandoutOptions) else None
    opts = opts or HandoutOptions.from_values(options or {})  # e.g. a test's {}
    paper, mode, with_notes = opts.paper, opts.mode, opts.notes_lines
    with_speaker = opts.speaker_notes and mode == "article"

    body_size, head_font, body_font = handout_type(theme)
    body_face = fonts.family(body_font).face()
    geometry = make_geometry(paper, body_face, body_size)
    palette = make_palette(theme)
    hyphen_lang = hyphenation_language(outline.language)
    styles = make_styles(
        head_font, body_font, palette, body_size, hyphenate=hyphen_lang is not None
    )

    check = GlyphCheck()
    col, frame_h = geometry.column, geometry.frame_height

    # ---- cover
    check.text(outline.title, head_font, "title", bold=True)
    check.text(outline.subtitle, head_font, "subtitle")
    byline: list[Run] = []
    if outline.author is not None:
        byline.extend(outline.author.runs)
        check.text(outline.author, body_font, "author")
    if outline.date:
        if byline:
            byline.append(Run(" · "))
        byline.append(Run(outline.date))
        check.plain(outline.date, body_font, outline.location, "date")
    source = _source_runs(outline)
    if outline.source is not None:
        check.runs(source, body_font, outline.source.location, "source", italic=True)
    cover_fig = _figure(outline.cover, col, frame_h * 0.36)
    if outline.cover is not None:
        check.text(outline.cover.caption, body_font, "cover.caption", italic=True)
        check.text(outline.cover.credit, body_font, "cover.credit")
    blocks: list[Block] = [
        Cover(outline.title, outline.subtitle, tuple(byline), source, cover_fig, outline.location)
    ]

    # ---- sections
    for number, section in enumerate(outline.sections, start=1):
        where = f"sections[{number - 1}]"
        section = _with_slide_content(section)
        check.text(section.title, head_font, f"{where}.title", bold=True)
        for i, para in enumerate(section.summary):
            check.text(para, body_font, f"{where}.summary[{i}]")
        for i, point in enumerate(section.points):
            check.text(point.text, body_font, f"{where}.points[{i}]")
            for j, sub in enumerate(point.points):
                check.text(sub, body_font, f"{where}.points[{i}].points[{j}]")
        if section.quote is not None:
            check.text(section.quote.text, body_font, f"{where}.quote.text", italic=True)
            check.text(section.quote.by, body_font, f"{where}.quote.by")
        if section.image is not None:
            check.text(section.image.caption, body_font, f"{where}.image.caption", italic=True)
            check.text(section.image.credit, body_font, f"{where}.image.credit")
        blocks.append(
            SectionBlock(
                id=section.id,
                number=number,
                title=section.title,
                summary=section.summary,
                points=section.points,
                figure=_figure(section.image, col, frame_h * 0.32),
                quote=section.quote,
                notes_lines=NOTES_LINES if with_notes else 0,
                location=section.location,
                speaker_notes=section.notes if with_speaker else (),
                key_points=_set_points(section.points, styles, col, hyphen_lang),
                prose=tuple(
                    set_paragraph(para, style, col, hyphen_lang, style.first_indent)
                    for i, para in enumerate(section.summary)
                    for style in [styles.body if i == 0 else styles.body_next]
                ),
            )
        )
        if with_speaker:
            for i, para in enumerate(section.notes):
                check.text(para, body_font, f"{where}.notes[{i}]")

    # ---- key dates
    timeline = outline.timeline
    if timeline is not None and timeline.events:
        rows = []
        for i, event in enumerate(timeline.events):
            group = timeline.group(event.group)
            label = group.label.plain if group is not None else ""
            colour = None
            if event.group:
                colour = (
                    group.color
                    if group is not None and group.color
                    else theme.colors.groups.get(event.group)
                )
            check.text(event.title, body_font, f"timeline.events[{i}].title", bold=True)
            check.text(event.text, body_font, f"timeline.events[{i}].text")
            if label:
                check.plain(label, body_font, group.location, f"timeline.groups.{group.id}")
            rows.append(
                DateRow(
                    _span(event.date, event.end, outline.language),
                    event.title,
                    event.text,
                    label,
                    colour,
                )
            )
        title = timeline.title or Text.of("Key dates")
        check.text(timeline.title, head_font, "timeline.title", bold=True)
        blocks.append(KeyDates(title, tuple(rows), any(r.group for r in rows)))

    # ---- references
    if outline.references:
        for i, ref in enumerate(outline.references):
            check.text(ref.text, body_font, f"references[{i}].text")
        blocks.append(References(Text.of("Further reading"), outline.references))

    theme_footer = theme.footer or ""
    if theme_footer:
        check.plain(theme_footer, body_font, theme.location, "footer")
    check.raise_if_missing()

    author = _plain(outline.author)
    subject = _plain(outline.subtitle) or outline.title.plain
    footer = theme_footer or ("".join(r.text for r in source) if source else "")
    keywords = tuple(s.title.plain for s in outline.sections)

    handout = Handout(
        mode=mode,
        geometry=geometry,
        palette=palette,
        styles=styles,
        hyphenation=hyphen_lang,
        blocks=tuple(blocks),
        title=outline.title.plain,
        author=author,
        subject=subject,
        keywords=keywords,
        language=outline.language,
        header=_running_head(outline.title.plain),
        logo=_logo(theme),
        footer=footer,
    )
    return handout
