"""Event cards of the poster: the card styles (`LEVELS`, roomy to compact) and
each card's text, measured with the real font metrics and wrapped to its
width. Group colours and shapes come from the talk's look (`common/look.py`).

A card is laid out relative to its own top-left corner; the timeline layout
(`poster_timeline`) moves it to where placement put it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from deckgen.color import luminance, mix, readable_on
from deckgen.layout.common.breaks import span_parts, whole_dates
from deckgen.layout.common.dates import format_span
from deckgen.layout.common.images import figure_crop, pixel_size
from deckgen.layout.common.look import Look
from deckgen.layout.common.primitives import Box
from deckgen.layout.poster.model import Picture, TextBlock
from deckgen.layout.poster.text import bold
from deckgen.outline.model import Image, Outline, Run
from deckgen.theme.model import Theme


@dataclass(frozen=True)
class Level:
    """One card style, sizes in points at A2."""

    title: float
    small: float  # date, text and section lines
    text_lines: int  # 0: no event text
    width: float
    section: bool = True  # the section's name on the card; else its number (§2)
    title_lines: int = 3
    # The date left of the title on the same line: a card one line high
    # (two for a long title), for timelines too dense for stacked cards.
    inline: bool = False
    dated: bool = True  # False: the title alone (the leader and the axis give the date)

    @property
    def compact(self) -> bool:
        return self.title <= 20 and not self.text_lines


# Roomy to compact; the first that places every event wins. The title-only
# style (`dated=False`) also serves per card: where the last dated style
# leaves events out, the crowded stretches' cards take its form.
LEVELS: tuple[Level, ...] = (
    Level(30, 19, 10, 420),  # few events with long stories
    Level(30, 19, 4, 330),
    Level(26, 17, 4, 290),
    Level(23, 16, 3, 250),
    Level(21, 15, 3, 230),
    Level(20, 14, 2, 210),
    Level(20, 14, 1, 200),
    Level(20, 14, 0, 200),
    Level(20, 14, 0, 170, section=False),
    Level(20, 14, 0, 170, section=False, dated=False),
    Level(20, 14, 0, 330, section=False, title_lines=2, inline=True),
)

# ---------------------------------------------------------------- the axis and the cards


@dataclass
class CardText:
    blocks: list[TextBlock]  # positioned relative to the card's top-left
    width: float
    height: float
    cut: bool
    picture: Picture | None = None  # the event's picture, relative like `blocks`


# A card's picture spans the card; `fit: cover` crops it to between 4:3 and
# 21:9 around its focus; `contain` shows it whole, at most 3/4 as tall as wide.
CARD_PICTURE_ASPECTS = (4 / 3, 21 / 9)


def card_picture(image: Image, x: float, y: float, width: float) -> Picture:
    """The event's picture under its title, `width` wide at most (pure: the
    backend draws it, greyscale or not)."""
    px_w, px_h = pixel_size(image.src, image.location)
    aspect, crop = figure_crop(px_w, px_h, image.fit, image.focus, CARD_PICTURE_ASPECTS)
    w = min(width, width * 0.75 * aspect)
    return Picture(Box(x, y, w, w / aspect), image.src, image.alt, "event-picture", crop)


# Card widths tried, as fractions of the level's width: a short title gets a
# narrow card, a long one a wider card rather than a cut.
_WIDTHS = (0.6, 0.8, 1.0, 1.25, 1.5)


def _inline_card_text(ev, outline, ts, st, level: Level, k, width, lang, text_color, muted):
    """Date and title side by side, the section's number (§2) at the right:
    half the height of a stacked card, at the same legible title size."""
    pad, pad_y = 10 * k, 6 * k
    stripe = 6 * k
    inner = width - pad * 2 - stripe
    small = level.small * k
    size = level.title * k
    mark = small * 0.75
    x = stripe + pad
    date_runs = (Run(date_text(ev, lang)),)
    # Measured bold, as it is drawn, else the block would cut it.
    date_w = ts.width((Run(date_text(ev, lang), bold=True),), ts.body, small)
    title_lh = size * 1.1 * 1.2
    # The date sits on the title's first baseline.
    asc_title = ts.ascent(ts.heading, size, bold=True)
    asc_date = ts.ascent(ts.body, small, bold=True)
    date_tb, _ = ts.block(
        date_runs,
        ts.body,
        small,
        x + mark + small * 0.4,
        pad_y + asc_title - asc_date,
        date_w + 0.01,
        st.color,
        bold=True,
        max_lines=1,
        role="event-date",
    )
    blocks = [date_tb]
    tx = date_tb.box.right + small * 0.7
    title_w = x + inner - tx
    sec_no = section_number(outline, ev.section)
    if sec_no:
        btxt = (Run(f"§{sec_no}"),)
        bw = ts.width(btxt, ts.body, small)
        badge, _ = ts.block(
            btxt,
            ts.body,
            small,
            x + inner - bw,
            pad_y + asc_title - ts.ascent(ts.body, small),
            bw + 0.01,
            muted,
            max_lines=1,
            role="event-section",
        )
        blocks.append(badge)
        title_w -= bw + small * 0.6
    if title_w < size * 3:
        return CardText(blocks, width, 0.0, True)
    title_tb, cut = ts.block(
        bold(ev.title),
        ts.heading,
        size,
        tx,
        pad_y,
        title_w,
        text_color,
        max_lines=level.title_lines,
        role="event-title",
        spacing=1.1,
    )
    blocks.append(title_tb)
    height = max(title_tb.box.bottom, date_tb.box.bottom, pad_y + title_lh) + pad_y
    return CardText(blocks, width, height, cut)


def _card_text(
    ev, outline, ts, st, level: Level, k, width, lang, text_color, muted, arrow, picture=0.0
):
    """The event's card at this width; `picture` (a fraction of the card's
    inner width, 0: none): with the event's picture under its title."""
    if level.inline:
        return _inline_card_text(ev, outline, ts, st, level, k, width, lang, text_color, muted)
    pad = 10 * k
    stripe = 6 * k
    inner = width - pad * 2 - stripe
    small = level.small * k
    x = stripe + pad
    # The most compact cards spare a little height: more of them fit a side.
    pad_y = 7 * k if level.compact else pad
    y = pad_y
    mark = small * 0.75
    blocks = []
    badge = None
    sec_no = section_number(outline, ev.section)
    date_w = inner - mark - small * 0.4
    if sec_no and not level.section:
        # Compact cards name their section by number; the footer has the key.
        btxt = (Run(f"§{sec_no}"),)
        bw = ts.width(btxt, ts.body, small)
        badge, _ = ts.block(
            btxt,
            ts.body,
            small,
            x + inner - bw,
            y,
            bw + 0.01,
            muted,
            max_lines=1,
            role="event-section",
        )
        date_w -= bw + small * 0.5
    if not level.dated:
        return _title_only(ev, ts, level, k, width, text_color, x, pad_y, inner)
    date_tb, cut_any = ts.block(
        (Run(date_text(ev, lang)),),
        ts.body,
        small,
        x + mark + small * 0.4,
        y,
        date_w,
        st.color,
        bold=True,
        max_lines=2,
        role="event-date",
    )
    if badge is not None:
        blocks.append(badge)
    blocks.append(date_tb)
    y = date_tb.box.bottom + small * 0.3
    title_tb, cut = ts.block(
        bold(ev.title),
        ts.heading,
        level.title * k,
        x,
        y,
        inner,
        text_color,
        max_lines=level.title_lines,
        role="event-title",
        spacing=1.1,
    )
    cut_any |= cut
    blocks.append(title_tb)
    y = title_tb.box.bottom
    pic = None
    if picture and ev.image is not None:
        pic = card_picture(ev.image, x, y + small * 0.5, inner * picture)
        y = pic.box.bottom + small * 0.15
    if ev.text is not None and level.text_lines:
        tb, cut = ts.block(
            ev.text.runs,
            ts.body,
            small,
            x,
            y + small * 0.35,
            inner,
            text_color,
            max_lines=level.text_lines,
            role="event-text",
        )
        cut_any |= cut
        blocks.append(tb)
        y = tb.box.bottom
    if level.section and ev.section:
        sec = outline.section(ev.section)
        if sec is not None:
            tb, cut = ts.block(
                (Run(arrow), *sec.title.runs),
                ts.body,
                small * 0.92,
                x,
                y + small * 0.35,
                inner,
                muted,
                italic=True,
                max_lines=2,
                role="event-section",
            )
            cut_any |= cut
            blocks.append(tb)
            y = tb.box.bottom
    return CardText(blocks, width, y + pad_y, cut_any, pic)


def card_surface(theme: Theme) -> str:
    """The cards' fill: the theme's surface, else a tint of the background."""
    c = theme.colors
    bg = c.background
    return c.surface or (mix(bg, c.text, 0.04) if luminance(bg) > 0.5 else mix(bg, c.text, 0.1))


def _date_style(look: Look, ev, surface: str | None, text_color: str):
    """The group's style for the card's date: its colour where that reads on
    the card (4.5:1), else the text colour (the marker still tells the group).
    One rule for every card, measured or grown."""
    st = look.group(ev.group)
    return st if surface is None else replace(st, color=readable_on(surface, st.color, text_color))


def date_text(ev, lang: str) -> str:
    """The card's date as every output writes it, with no-break spaces inside
    each date: a span breaks only after its dash ('14 May 1973 –' / '8 Feb
    1974'), a date never ('3 Jun' / '1965')."""
    return whole_dates(format_span(ev.date, ev.end, lang))


def _date_width(ev, ts, level: Level, k: float, lang: str, badge: bool) -> float:
    """The narrowest stacked card whose date line holds each date whole: the
    widest part of the date (bold), its marker and the § badge beside it."""
    small = level.small * k
    widest = max(
        ts.width((Run(part, bold=True),), ts.body, small)
        for part in span_parts(date_text(ev, lang))
    )
    need = 26 * k + small * 0.75 + small * 0.4 + widest + 1
    if badge:
        need += ts.width((Run("§00"),), ts.body, small) + small * 0.5
    return need


def _title_only(ev, ts, level: Level, k, width, text_color, x, pad_y, inner) -> CardText:
    title_tb, cut = ts.block(
        bold(ev.title),
        ts.heading,
        level.title * k,
        x,
        pad_y,
        inner,
        text_color,
        max_lines=level.title_lines,
        role="event-title",
        spacing=1.1,
    )
    return CardText([title_tb], width, title_tb.box.bottom + pad_y, cut)


def section_number(outline: Outline, section_id: str | None) -> int | None:
    for i, sec in enumerate(outline.sections):
        if sec.id == section_id:
            return i + 1
    return None


def _widths_to_try(ev, ts, level: Level, k: float, section_title, lang="en") -> list[float]:
    """The few card widths worth measuring for this event: from the narrowest
    whose title should wrap to at most two lines (judged from its one-line
    width), the next two wider; measuring every width for every event would
    dominate the layout time of a big timeline."""
    natural = ts.width(bold(ev.title), ts.heading, level.title * k)
    text = ts.width(ev.text.runs, ts.body, level.small * k) if ev.text and level.text_lines else 0
    section = 0.0
    if level.section and ev.section and section_title is not None:
        section = ts.width(section_title, ts.body, level.small * k * 0.92) + level.small * k
    if level.inline:
        # Measured: the width that holds the title on one line, else two.
        small = level.small * k
        chrome = (
            26 * k + small * 1.6 + ts.width((Run(date_text(ev, lang), bold=True),), ts.body, small)
        )
        if ev.section:
            chrome += small * 2.6
        one = chrome + natural * 1.02 + 2 * k
        cap = level.width * k
        if one <= cap:
            return [one]
        return [min(cap, chrome + natural * 0.6), cap]
    # No card so narrow that its date would break inside.
    badge = bool(ev.section) and not level.section
    least = _date_width(ev, ts, level, k, lang, badge) if level.dated else 0.0
    widths = sorted({max(level.width * k * f, least) for f in _WIDTHS})
    chrome = 26 * k  # stripe and padding
    for i, w in enumerate(widths):
        inner = w - chrome
        if (
            natural * 1.15 <= 2 * inner
            and text * 1.15 <= level.text_lines * inner
            and section <= 2 * inner
        ):
            return widths[i : i + 3]
    return widths[-2:]


def card_texts(
    outline, ts, look: Look, level: Level, k: float, lang: str, text_color, muted, surface=None
):
    """Each event's card at this level, at the width that needs the least room
    without cutting its text (or the widest, cut, when none is enough).

    The date is in its group's colour where that reads on the card's
    `surface` (4.5:1), else in the text colour (the marker still tells the group)."""
    arrow = "→ " if ts.covers(ts.body, "→") else "> "
    out = []
    for ev in outline.timeline.events:
        st = _date_style(look, ev, surface, text_color)
        best = None
        best_score = 0.0
        sec = outline.section(ev.section) if ev.section else None
        for width in _widths_to_try(ev, ts, level, k, sec.title.runs if sec else None, lang):
            card = _card_text(ev, outline, ts, st, level, k, width, lang, text_color, muted, arrow)
            if card.cut:
                best = card if best is None or best.cut else best
                continue
            # Area, with a small premium on height: tall narrow cards read badly.
            score = card.width * card.height * (1 + card.height / (card.width * 4))
            if best is None or best.cut or score < best_score:
                best, best_score = card, score
        out.append(best)
    return out


def card_at_width(
    outline,
    ts,
    look: Look,
    level: Level,
    k: float,
    lang: str,
    text_color,
    muted,
    index,
    width,
    picture: float = 0.0,
    surface: str | None = None,
) -> CardText:
    """Event `index`'s card at this level and exactly this width; `picture`:
    with the event's picture, this fraction of the card's width; the date's
    colour as `card_texts` chooses it on `surface`."""
    ev = outline.timeline.events[index]
    arrow = "→ " if ts.covers(ts.body, "→") else "> "
    st = _date_style(look, ev, surface, text_color)
    return _card_text(ev, outline, ts, st, level, k, width, lang, text_color, muted, arrow, picture)


def min_card_area(level: Level, k: float, gap: float) -> float:
    """A lower bound of one card's area at this level (date and one title line)."""
    if level.inline:
        return (level.width * k * 0.5 + gap) * (12 * k + level.title * k * 1.32 + gap)
    h = 20 * k + level.small * k * 1.5 + level.title * k * 1.1
    return (level.width * k * _WIDTHS[0] + gap) * (h + gap)
