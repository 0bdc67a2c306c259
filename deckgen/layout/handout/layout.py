"""Lay out the printable handout (pure): what goes on paper, in what order, in what style.

    layout_handout(outline, theme, options) -> Handout

Mode `article` (default) gives a `Handout` whose `blocks` the backend flows
onto pages: a cover block, one `SectionBlock` per section (heading, summary
prose, its explicit slides as blocks (`blocks.py`), figure, quote, key points,
optional ruled notes area), the `KeyDates` (events marked with their group's
marker, under a strip of the timeline to scale: `keydates.py`) and the
`References` (the types: `model.py`, re-exported here). Styles and page
geometry are decided here (`style.py`), so the backend only typesets. Mode `slides`
then gets `slide_pages` from `handout_slides.layout_slide_pages` (given the
laid-out deck): the slides placed as thumbnails on pages.

Every character is checked against the face that will print it: a missing
glyph raises `FontError` naming the outline's line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any
from urllib.parse import unquote

from deckgen import fonts
from deckgen.fonts.wrap import text_width
from deckgen.layout.common.breaks import span_parts
from deckgen.layout.common.plan import Talk, plan_talk
from deckgen.layout.common.words import words
from deckgen.layout.handout.blocks import Setter, point_to_key_dates, section_content
from deckgen.layout.handout.furniture import footer_lines
from deckgen.layout.handout.glyphs import GlyphCheck
from deckgen.layout.handout.keydates import MARK_INDENT, ROW_MARK, key_dates_strip
from deckgen.layout.handout.model import (
    Block,
    Cover,
    DateRow,
    Figure,
    Handout,
    KeyDates,
    References,
    SectionBlock,
)
from deckgen.layout.handout.options import HandoutOptions
from deckgen.layout.handout.style import (
    Palette,
    Styles,
    handout_block_colors,
    hyphenation_language,
    make_geometry,
    make_palette,
    make_styles,
)
from deckgen.layout.handout.text import set_paragraph
from deckgen.outline.model import (
    Outline,
    Reference,
    Run,
    Section,
    Text,
    Timeline,
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
    "layout_handout",
]

BODY_SIZE = 11.0  # points; overridable by the theme key `handout.body_size`
NOTES_LINES = 7  # ruled lines in a section's notes area


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
    runs: list[Run] = [Run(f"{words(outline.language).based_on} ")]
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


def reference_runs(ref: Reference) -> tuple[Run, ...]:
    """A reference as printed: its text, then its URL decoded ('Apollo–Soyuz',
    not 'Apollo%E2%80%93Soyuz') unless the text already links it; the link
    keeps the URL as written."""
    runs = list(ref.text.runs)
    if ref.url and not any(r.link for r in runs):
        runs.append(Run(". "))
        runs.append(Run(unquote(ref.url), link=ref.url))
    return tuple(runs)


def _with_slide_notes(section: Section) -> Section:
    """A section written only as explicit `slides:` takes its speaker notes
    from them (its content is printed from the slides themselves)."""
    if section.notes or not section.slides:
        return section
    if section.summary or section.points or section.image or section.quote:
        return section
    return replace(section, notes=tuple(n for s in section.slides for n in s.notes))


PADDING = 8.0  # the table's right cell padding
CELL_PADDING = PADDING + 1.0  # and a point to spare


def _date_width(rows: list[DateRow], styles: Styles, column: float) -> float:
    """The key-dates table's date column: as wide as the widest date on one
    line (dates are longer in some languages: '20 февр. 1962 г.'), a span's two
    dates one under the other; at most 30% of the text column."""
    cell = styles.table_cell

    def need(when: str) -> float:
        # a span breaks after its dash, onto two lines, each date whole
        return max(text_width(part, cell.font, cell.size) for part in span_parts(when))

    return min(max(need(r.when) for r in rows) + CELL_PADDING, column * 0.3)


def _group_width(rows: list[DateRow], head: str, styles: Styles, column: float) -> float:
    """The group column: as wide as its longest label on one line, and its
    head; at most 28% of the text column, but never narrower than the
    longest word of a label (a label wraps between words, never inside one)."""
    cell, th = styles.table_cell, styles.table_head
    labels = [r.group for r in rows if r.group]
    if not labels:
        return 0.0
    widest = max(text_width(label, cell.font, cell.size) for label in labels)
    longest_word = max(text_width(w, cell.font, cell.size) for lb in labels for w in lb.split())
    head_w = text_width((Run(head.upper(), bold=True),), th.font, th.size) + th.tracking * len(head)
    width = min(max(widest, head_w), column * 0.28)
    return max(width, longest_word, head_w) + CELL_PADDING


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


def _cover(
    outline: Outline, setter: Setter, head_font: str, body_font: str
) -> tuple[Cover, tuple[Run, ...]]:
    """The cover block (title, subtitle, byline, source, picture) and the
    source's runs (the footer's default)."""
    check = setter.check
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
    cover_fig = setter.figure(outline.cover, setter.frame_height * 0.36, "cover")
    cover = Cover(
        outline.title, outline.subtitle, tuple(byline), source, cover_fig, outline.location
    )
    return cover, source


def _section_block(
    number: int,
    section: Section,
    setter: Setter,
    head_font: str,
    body_font: str,
    with_notes: bool,
    with_speaker: bool,
) -> SectionBlock:
    """One section: its summary as prose, its points, figure, quote and slides."""
    styles, col, hyphen_lang, check = (
        setter.styles,
        setter.measure,
        setter.hyphenation,
        setter.check,
    )
    where = f"sections[{number - 1}]"
    section = _with_slide_notes(section)
    check.text(section.title, head_font, f"{where}.title", bold=True)
    for i, para in enumerate(section.summary):
        check.text(para, body_font, f"{where}.summary[{i}]")
    content = section_content(section, setter, where)
    block = SectionBlock(
        id=section.id,
        number=number,
        title=section.title,
        summary=section.summary,
        points=content.points,
        figure=content.figure,
        quote=section.quote if content.quote is not None else None,
        notes_lines=NOTES_LINES if with_notes else 0,
        location=section.location,
        speaker_notes=section.notes if with_speaker else (),
        key_points=setter.points(content.points, f"{where}.points", numbers=content.point_numbers),
        quote_set=content.quote,
        slides=content.slides,
        prose=tuple(
            set_paragraph(para, style, col, hyphen_lang, style.first_indent)
            for i, para in enumerate(section.summary)
            for style in [styles.body if i == 0 else styles.body_next]
        ),
    )
    if with_speaker:
        for i, para in enumerate(section.notes):
            check.text(para, body_font, f"{where}.notes[{i}]")
    return block


def _key_dates(
    timeline: Timeline,
    talk: Talk,
    setter: Setter,
    palette: Palette,
    language: str,
    head_font: str,
    body_font: str,
    default_title: str,
    default_groups_label: str,
) -> KeyDates:
    """The key dates: a table of the timeline's events (date, title, text,
    group) with the strip of their dates drawn to scale above it."""
    styles, col, check = setter.styles, setter.measure, setter.check
    rows = []
    for i, event in enumerate(timeline.events):
        group = timeline.group(event.group)
        others = talk.look.others  # events without a group: their legend word
        label = group.label.plain if group is not None else ""
        if group is None and others is not None and others.label is not None:
            label = others.label.plain
        style = talk.look.group(event.group)
        check.text(event.title, body_font, f"timeline.events[{i}].title", bold=True)
        check.text(event.text, body_font, f"timeline.events[{i}].text")
        if group is not None and label:
            check.plain(label, body_font, group.location, f"timeline.groups.{group.id}")
        rows.append(
            DateRow(
                talk.span(event.date, event.end),  # the plan: as on slides and poster
                event.title,
                event.text,
                label,
                style.color,
                style.shape,
            )
        )
    title = timeline.title or Text.of(default_title)
    check.text(timeline.title, head_font, "timeline.title", bold=True)
    strip = key_dates_strip(timeline, talk.look, col, styles.body, palette, language)
    mark = round(styles.table_cell.size * ROW_MARK, 2)
    groups_label = timeline.groups_label.plain if timeline.groups_label else default_groups_label
    check.text(timeline.groups_label, head_font, "timeline.groups_label", bold=True)
    show_groups = any(r.group for r in rows)
    date_w = _date_width(rows, styles, col)
    group_w = _group_width(rows, groups_label, styles, col)
    # the event column: what the date and group columns leave, less its padding
    event_w = col - date_w - mark * MARK_INDENT - (group_w if show_groups else 0) - PADDING
    rows = [
        replace(
            r,
            title_set=set_paragraph(r.title, styles.table_date, event_w, setter.hyphenation),
            text_set=None
            if r.text is None
            else set_paragraph(r.text, styles.table_cell, event_w, setter.hyphenation),
        )
        for r in rows
    ]
    return KeyDates(title, tuple(rows), show_groups, strip, mark, date_w, group_w, groups_label)


def layout_handout(
    outline: Outline,
    theme: Theme,
    options: HandoutOptions | Mapping[str, Any] | None = None,
    talk: Talk | None = None,
) -> Handout:
    """See the module docstring. `options`: the handout's typed options;
    `talk`: the plan every output shares (planned here when not given)."""
    talk = talk if talk is not None else plan_talk(outline, theme)
    if isinstance(options, HandoutOptions):
        opts = options
    else:
        opts = HandoutOptions.from_values(options or {})  # e.g. a test's {}
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
    w = words(outline.language)  # the words the handout adds, in the outline's language
    col, frame_h = geometry.column, geometry.frame_height
    setter = Setter(
        styles,
        col,
        frame_h,
        col / geometry.chars_per_line,
        hyphen_lang,
        check,
        handout_block_colors(palette, theme.colors.palette),
        grey_pictures=talk.look.grey_pictures,
    )

    # ---- cover
    cover, source = _cover(outline, setter, head_font, body_font)
    blocks: list[Block] = [cover]

    # ---- sections
    for number, section in enumerate(outline.sections, start=1):
        blocks.append(
            _section_block(number, section, setter, head_font, body_font, with_notes, with_speaker)
        )

    # ---- key dates
    timeline = outline.timeline
    if timeline is not None and timeline.events:
        blocks.append(
            _key_dates(
                timeline,
                talk,
                setter,
                palette,
                outline.language,
                head_font,
                body_font,
                w.key_dates,
                w.group,
            )
        )

    # ---- timeline slides point to the key dates
    key_dates = next((b for b in blocks if isinstance(b, KeyDates)), None)
    blocks = [
        replace(b, slides=tuple(point_to_key_dates(s, key_dates, setter) for s in b.slides))
        if isinstance(b, SectionBlock)
        else b
        for b in blocks
    ]

    # ---- references
    if outline.references:
        for i, ref in enumerate(outline.references):
            check.text(ref.text, body_font, f"references[{i}].text")
        set_refs = tuple(
            set_paragraph(reference_runs(ref), styles.reference, col, hyphen_lang, bullet=f"{i}.")
            for i, ref in enumerate(outline.references, start=1)
        )
        blocks.append(References(Text.of(w.further_reading), outline.references, set_refs))

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
        footer_lines=footer_lines(footer, styles.footer, geometry.column, w),
        words=w,
    )
    return handout
