"""The timeline poster, decided: every element positioned in points.

`layout_poster(outline, theme, options) -> Poster` is pure (no reportlab):
it measures every text with the real font metrics (`deckgen.fonts`), places
the event cards with `placement.place` on a `timescale.TimeScale`, and
returns a flat list of drawing elements (back to front) that the poster
backend draws as they are, plus the boxes that tests check for overlaps.

Coordinates: points, origin at the top-left corner of the *trim* (the
finished poster), y growing down. Bleed lies outside (negative / beyond the
size); the backend adds it and the crop marks around the trim.

Type scale. Sizes are given for A2. The banner, legend and footer are
multiplied by ``k = sqrt(area / area of A2)`` (one A size up is x1.414). The
timeline (cards, axis, leaders) grows slower, by `card_scale`: x1.2 per A
size up, so a bigger sheet holds more cards rather than the same ones larger.
Event titles are never below ``20 pt * card_scale`` (`TITLE_FLOOR`): 20 pt at
A2, 24 pt at A1, 28.8 pt at A0. Each card stands within 8% of the axis from
its date (`fit.MAX_DRIFT_SHARE`); leaders never lie along each other or
along a card's edge (leaders sharing a date fan out from one point);
descriptions are given, whole, to the cards
that have room (`grow`, and `timeline._mixed` for a compact poster).

Fitting (`poster_timeline`, `poster_fit`). The layout tries card styles
from roomy to compact (`poster_cards.LEVELS`: bigger type and a few lines of
event text, down to the floor size with the title, the date and the
section's number, "§2", keyed in the footer; then the title alone; last, a
one-line card with the date beside the title). At each style it tries one
axis, then two or three axis rows (the story cut into equal shares of
events at the widest pause near each cut, one axis below the other, read
like lines of text). Each axis is a true time scale, one rate along it:
only when the cards need the room is a long empty stretch cut short with a
break mark (a quarter of the span, else an eighth; at most `MAX_BREAKS`),
and on it the placements: cards hung beside their dates in staircases
(`placement`, a few `STRATEGIES`), then cards stacked in tidy columns
joined by elbow leaders (`columns`), then balanced stacks alternating above
and below the axis (`stacks`: the densest timelines, 80 events at A1, 60 at
A2). Where the most compact dated cards still leave events out, the cards
of the crowded stretches (the left-out events and their neighbours, a few
rounds) lose their date line before any event is dropped
(`timeline._undated`); the leader still points at the date on the axis. It
keeps the first try that places every event. If none does, it keeps the try that
placed the most, or, when that left a long stretch of the story bare,
about as many cards chosen evenly over the axis by priority (events the
talk points at first); never overlapping. The others' dates are still
marked on the axis and reported: one warning per event with its line, or
one summary naming the first few when there are many. A dense timeline
(over `DENSE_EVENTS`) gets a thinner banner. A timeline over 300 events
skips most retries, keeping the layout within n log n time.

Text never overflows: every block is wrapped with `deckgen.fonts.wrap` at
its real size and box width; a text that needs more lines than its card
allows is cut at a word with an ellipsis and reported.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from functools import cache, partial
from typing import Any

from deckgen.color import luminance, mix, readable_on
from deckgen.errors import Diagnostic, Location, RenderError
from deckgen.layout.common.images import cover_frame, fit_picture, pixel_size
from deckgen.layout.common.look import GroupStyle, Look
from deckgen.layout.common.plan import Talk, plan_talk
from deckgen.layout.common.primitives import Box
from deckgen.layout.common.sources import source_reference
from deckgen.layout.common.words import words
from deckgen.layout.poster.cards import LEVELS, Level, card_surface
from deckgen.layout.poster.model import (
    A2_AREA,
    BLEED,
    PAGE_SIZES,
    TITLE_FLOOR,
    Card,
    Element,
    Label,
    Marker,
    Picture,
    Poster,
    PosterOptions,
    Rect,
    Stroke,
    TextBlock,
    card_scale,
    page_size,
    type_scale,
)
from deckgen.layout.poster.text import Typesetter, bold, strip_end, url_text
from deckgen.layout.poster.tiling import Tiling, tile_poster
from deckgen.layout.poster.timeline import Frame, timeline
from deckgen.outline.model import Image, Outline, Run, Section, Source, Timeline
from deckgen.theme.model import Theme

__all__ = [
    "A2_AREA",
    "LEVELS",
    "PAGE_SIZES",
    "TITLE_FLOOR",
    "Card",
    "Label",
    "Level",
    "Marker",
    "Picture",
    "Poster",
    "PosterOptions",
    "Rect",
    "Stroke",
    "TextBlock",
    "layout_poster",
    "page_size",
    "type_scale",
]

_NOWHERE = Location("<poster>")
DENSE_EVENTS = 40  # above this, the banner gives up height to the timeline


# ---------------------------------------------------------------- the layout


def layout_poster(
    outline: Outline,
    theme: Theme,
    options: PosterOptions | Mapping[str, Any] | None = None,
    talk: Talk | None = None,
) -> Poster:
    """`talk`: the plan every output shares (the driver's); planned here when
    not given, so the poster is also laid out on its own."""
    talk = talk if talk is not None else plan_talk(outline, theme)
    if isinstance(options, PosterOptions):
        opts = options
    else:
        opts = PosterOptions.from_values(options or {})  # e.g. a test's {}
    if opts.orientation not in ("landscape", "portrait"):
        raise RenderError(f"unknown orientation {opts.orientation!r}; use landscape or portrait")
    W, H = page_size(opts.size, opts.orientation)
    k = type_scale(W, H)
    fonts_ = theme.poster.fonts
    ts = Typesetter(fonts_.heading, fonts_.body)
    diags: list[Diagnostic] = []
    el: list[Element] = []
    labels: list[Label] = []
    c = theme.colors
    bg = c.background
    surface = card_surface(theme)
    muted = c.muted
    margin = 36 * k
    bleed = BLEED if opts.bleed else 0.0

    el.append(Rect(Box(-bleed, -bleed, W + 2 * bleed, H + 2 * bleed), fill=bg, role="background"))

    # -- title banner
    tl = outline.timeline
    dense = bool(tl and len(tl.events) > DENSE_EVENTS)
    banner_bottom = _banner(
        outline, theme, ts, W, k, margin, bleed, el, labels, diags, dense, talk.look.grey_pictures
    )

    # -- footer (measured first: the plot gets what is left), then the
    # timeline heading and legend; the footer tightens (smaller type, more
    # columns) before the timeline leaves an event out (`FOOTER_STYLES`).
    look = talk.look
    tl = outline.timeline
    marks = (len(el), len(labels), len(diags))
    for fi, footer_style in enumerate(FOOTER_STYLES):
        del el[marks[0] :], labels[marks[1] :], diags[marks[2] :]
        footer_top = _footer(outline, theme, ts, W, H, k, margin, el, labels, diags, footer_style)
        y = banner_bottom + margin * 0.75
        y = _heading_and_legend(
            outline, ts, look, W, k, margin, y, bg, muted, c.text, el, labels, diags
        )
        if tl is None or not tl.events:
            break
        frame = Frame(margin, margin, W - margin, y + margin * 0.5, footer_top - margin * 0.6)
        kc = card_scale(W, H)
        result = timeline(
            outline, theme, ts, look, frame, kc, surface, el, labels, diags, opts.size
        )
        tighter = (outline, theme, ts, W, H, k, margin)
        if not _tighter_footer_may_help(result[3], fi, footer_top, *tighter):
            break

    w = words(outline.language)
    # The fields both returns share; mypy checks the partial's arguments.
    poster = partial(
        Poster,
        width=W,
        height=H,
        bleed=bleed,
        crop_marks=opts.crop_marks,
        background=bg,
        k=k,
        heading_font=ts.heading,
        body_font=ts.body,
        title=outline.title.plain,
        author=outline.author.plain if outline.author else "",
        subject=f"{tl.title.plain if tl and tl.title else w.timeline} — {w.poster}",
        language=outline.language,
        options=opts,
    )
    if tl is None or not tl.events:
        # Nothing to draw on an axis: the sections' key points instead.
        diags.append(
            Diagnostic(
                "warning",
                "poster: the outline has no timeline; the poster shows the sections' key points",
                outline.location,
            )
        )
        region = Box(margin, y + margin * 0.3, W - 2 * margin, footer_top - margin * 0.6 - y)
        _overview(outline, theme, ts, region, k, surface, el, labels, diags)
        return poster(
            tiling=_tiling(opts, W, H, el),
            elements=tuple(el),
            cards=(),
            labels=tuple(labels),
            scale=None,
            title_size=TITLE_FLOOR * k,
            level=0,
            diagnostics=tuple(diags),
        )

    level, scales, cards, unplaced = result
    return poster(
        tiling=_tiling(opts, W, H, el),
        elements=tuple(el),
        cards=tuple(cards),
        labels=tuple(labels),
        scale=scales[0],
        scales=scales,
        title_size=LEVELS[level].title * kc,
        level=level,
        unplaced=tuple(unplaced),
        diagnostics=tuple(diags),
    )


QUIET_ROLES = frozenset({"background", "era"})  # not content worth a sheet of paper


def _extent(e: Element) -> Box:
    if isinstance(e, Stroke):
        xs, ys = [p[0] for p in e.points], [p[1] for p in e.points]
        return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    if isinstance(e, Marker):
        return Box(e.x - e.size / 2, e.y - e.size / 2, e.size, e.size)
    return e.box


def _tiling(opts: PosterOptions, W: float, H: float, el: list[Element]) -> Tiling | None:
    """The sheets for home printing in the orientation that prints fewest,
    the blank ones marked to be skipped."""
    if not opts.tile:
        return None
    content = [_extent(e) for e in el if e.role not in QUIET_ROLES]
    return tile_poster(W, H, opts.tile, content)


def _overview(outline, theme, ts, region: Box, k, surface, el, labels, diags) -> None:
    """The sections as a grid of cards (number, title, key points), the text
    at the largest size from 34 pt (at A2) down to 15 pt at which every card
    holds its points; below that, points are cut and reported."""
    c = theme.colors
    secs = outline.sections
    n = len(secs)
    cols = min(n, 3 if region.w > region.h else 2)
    rows = -(-n // cols)
    gap = 24 * k
    cw = (region.w - gap * (cols - 1)) / cols
    ch = (region.h - gap * (rows - 1)) / rows
    pad = 16 * k
    stripe = 6 * k
    inner = cw - 2 * pad - stripe

    def card_blocks(sec, i, size, max_lines=None):
        blocks = []
        cut_any = False
        tb, cut = ts.block(
            (Run(f"{i + 1}  "), *sec.title.runs),
            ts.heading,
            size * 1.3,
            0,
            0,
            inner,
            c.text,
            bold=True,
            max_lines=3,
            role="section-title",
        )
        blocks.append(tb)
        cut_any |= cut
        y = tb.box.bottom + size * 0.6
        bullet = "• " if ts.covers(ts.body, "•") else "- "
        items = []
        for p in sec.points:
            items.append((p.text.runs, 0))
            items.extend((sub.runs, 1) for sub in p.points)
        if not items and sec.summary:
            items = [(sec.summary[0].runs, -1)]
        for runs, level in items:
            indent = size * 1.2 * max(level, 0)
            prefix = () if level < 0 else (Run(bullet if level == 0 else "– "),)
            tb, cut = ts.block(
                (*prefix, *runs),
                ts.body,
                size * (0.9 if level > 0 else 1.0),
                indent,
                y,
                inner - indent,
                c.text,
                max_lines=max_lines,
                role="section-point",
            )
            cut_any |= cut
            blocks.append(tb)
            y = tb.box.bottom + size * 0.45
        return blocks, y, cut_any

    for size in (34, 30, 27, 24, 22, 20, 18, 16, 15):
        laid = [card_blocks(sec, i, size * k) for i, sec in enumerate(secs)]
        if all(h + 2 * pad <= ch for _, h, _ in laid):
            break
    else:
        # At the floor: cut each card's points to what its height holds.
        laid = []
        for i, sec in enumerate(secs):
            blocks, h, cut = card_blocks(sec, i, size * k)
            laid.append((_cut_card(sec, blocks, ch, pad, diags), h, cut))
    # Each row as tall as its fullest card; the rows centred in the region.
    row_h = [
        min(ch, max(h for _, h, _ in laid[r * cols : (r + 1) * cols]) + 2 * pad)
        for r in range(rows)
    ]
    top = region.y + max(0.0, (region.h - sum(row_h) - gap * (rows - 1)) / 2)
    row_y = [top + sum(row_h[:r]) + gap * r for r in range(rows)]
    for i, (blocks, _h, _cut) in enumerate(laid):
        col, row = i % cols, i // cols
        box = Box(region.x + col * (cw + gap), row_y[row], cw, row_h[row])
        el.append(Rect(box, fill=surface, radius=6 * k, role="section-card"))
        el.append(Rect(Box(box.x, box.y, stripe, box.h), fill=c.accent, role="card-stripe"))
        for tb in blocks:
            moved = replace(
                tb, box=replace(tb.box, x=tb.box.x + box.x + stripe + pad, y=tb.box.y + box.y + pad)
            )
            el.append(moved)
        labels.append(Label("section-card", box))


def _cut_card(
    sec: Section, blocks: list[TextBlock], ch: float, pad: float, diags: list[Diagnostic]
) -> list[TextBlock]:
    """A section card's blocks cut to those that fit its height `ch` with
    `pad` above and below; a warning when points are left out."""
    kept = [b for b in blocks if b.box.bottom + 2 * pad <= ch]
    if len(kept) < len(blocks):
        diags.append(
            Diagnostic(
                "warning",
                f"poster: section {sec.title.plain!r} has more points than its "
                "card holds; the last ones are left out",
                sec.location,
            )
        )
    return kept


def _shortened(what: str, location: Location) -> Diagnostic:
    return Diagnostic("warning", f"poster: the {what} was shortened to fit the banner", location)


def _banner(
    outline, theme, ts, W, k, margin, bleed, el, labels, diags, dense=False, grey=False
) -> float:
    """The title banner across the top: title, subtitle and byline, the cover
    picture (if any) at the right, greyscale if `grey`; returns the banner's
    bottom."""
    c = theme.colors
    # An ink-saving theme (print) gets no solid banner, only a heavy rule.
    light = theme.ink_saving
    fill = c.background if light else c.accent
    ink = c.text if light else (c.on_accent or ("#FFFFFF" if luminance(fill) < 0.4 else "#000000"))
    pad = margin * (0.5 if dense else 0.7)
    text_right = W - margin
    pic = None
    cover = outline.cover
    if cover is not None:
        # A broken picture is the loader's error to report; here it stops the build.
        pic = pixel_size(cover.src, cover.location)
    if pic:
        # Reserve a quarter at most for the picture; its height follows the text.
        text_right = W - margin - min(W * 0.24, 440 * k) - margin
    parts, y = _banner_text(
        outline, ts, k, margin, text_right - margin, pad, ink, fill, diags, dense
    )
    bottom = y + pad
    picture = None
    if pic and cover is not None:
        picture, bottom = _banner_picture(
            cover, pic, ts, W, k, margin, pad, bottom, ink, fill, parts, labels
        )
        picture = replace(picture, grey=grey)
    el.append(Rect(Box(-bleed, -bleed, W + 2 * bleed, bottom + bleed), fill=fill, role="banner"))
    if light:
        el.append(Stroke(((margin, bottom), (W - margin, bottom)), c.text, 4 * k, role="rule"))
    if picture is not None:
        el.append(picture)
    for tb in parts:
        el.append(tb)
        labels.append(Label(tb.role, tb.box))
    return bottom


def _banner_text(
    outline: Outline,
    ts: Typesetter,
    k: float,
    x0: float,
    avail: float,
    pad: float,
    ink: str,
    fill: str,
    diags: list[Diagnostic],
    dense: bool,
) -> tuple[list[TextBlock], float]:
    """The banner's title, subtitle and byline from the top down; returns
    them and the byline's bottom."""
    parts = [_banner_title(outline, ts, k, x0, pad, avail, ink, diags, dense)]
    y = parts[0].box.bottom + 12 * k
    if outline.subtitle:
        tb, cut = ts.block(
            outline.subtitle.runs,
            ts.body,
            (22 if dense else 26) * k,
            x0,
            y,
            avail,
            ink,
            max_lines=2,
            role="subtitle",
        )
        if cut:
            diags.append(_shortened("subtitle", outline.subtitle.location))
        parts.append(tb)
        y = tb.box.bottom + 12 * k
    byline = []
    if outline.author:
        byline.append(outline.author.plain)
    if outline.date:
        byline.append(str(outline.date))
    if byline:
        tb, _ = ts.block(
            (Run(" · ".join(byline)),),
            ts.body,
            18 * k,
            x0,
            y,
            avail,
            readable_on(fill, mix(ink, fill, 0.15), ink),  # softer where legible
            max_lines=2,
            role="byline",
        )
        parts.append(tb)
        y = tb.box.bottom
    return parts, y


def _banner_title(
    outline: Outline,
    ts: Typesetter,
    k: float,
    x0: float,
    y: float,
    avail: float,
    ink: str,
    diags: list[Diagnostic],
    dense: bool,
) -> TextBlock:
    """The title at the largest size that holds it uncut (cut at the last)."""
    # A dense timeline needs the height: a thinner banner, the title on one
    # line if it can be, still the largest type on the page.
    tries = ((40, 1), (36, 1), (34, 2), (32, 3)) if dense else ((54, 2), (48, 2), (42, 2), (38, 3))
    for size, max_lines in tries:
        tb, cut = ts.block(
            outline.title.runs,
            ts.heading,
            size * k,
            x0,
            y,
            avail,
            ink,
            bold=True,
            max_lines=max_lines,
            role="title",
            spacing=1.08,
        )
        if not cut:
            break
    if cut:
        diags.append(_shortened("title", outline.title.location))
    return tb


def _banner_picture(
    cover: Image,
    pic: tuple[int, int],
    ts: Typesetter,
    W: float,
    k: float,
    margin: float,
    pad: float,
    bottom: float,
    ink: str,
    fill: str,
    parts: list[TextBlock],
    labels: list[Label],
) -> tuple[Picture, float]:
    """The cover picture at the banner's right, as tall as the text allows,
    its credit (if any, added to `parts`) below it; returns the picture and
    the banner's bottom."""
    iw, ih = pic
    credit = cover.credit
    credit_h = 0.0
    credit_tb = None
    box_w = min(W * 0.24, 440 * k)
    px = W - margin - box_w
    if credit:
        credit_tb, _ = ts.block(
            credit.runs,
            ts.body,
            11 * k,
            px,
            0,
            box_w,
            readable_on(fill, mix(ink, fill, 0.25), ink),
            max_lines=2,
            role="credit",
            align="right",
        )
        credit_h = credit_tb.box.h + 6 * k
    avail_h = max(bottom - 2 * pad * 0.6 - credit_h, 60 * k)
    # `fit: cover` fills the frame (at least half the picture kept), cropped
    # around the focus; `contain` shows it whole
    frame = Box(px, pad * 0.6, box_w, avail_h)
    if cover.fit == "contain":
        box, crop = fit_picture(frame, iw, ih, mode="fit", align="right")
    else:
        frame = cover_frame(frame, iw, ih, align="right")
        box, crop = fit_picture(frame, iw, ih, mode="fill", focus=cover.focus)
    box = replace(box, y=frame.y)  # at the banner's top, whatever its height
    picture = Picture(box, cover.src, cover.alt, crop=crop)
    labels.append(Label("cover", box))
    if credit_tb is not None:
        credit_tb = replace(credit_tb, box=replace(credit_tb.box, y=box.bottom + 4 * k))
        parts.append(credit_tb)
    return picture, max(bottom, box.bottom + credit_h + pad * 0.6)


def _heading_and_legend(
    outline, ts, look: Look, W, k, margin, y, bg, muted, text, el, labels, diags
):
    """The timeline's title at the left, the groups' legend at the right (below
    the title when both do not fit one line); returns their bottom."""
    left, right = margin, W - margin
    heading_tb = _timeline_heading(outline.timeline, ts, k, left, right, y, text, diags)
    size = 18 * k
    mark = size * 0.8
    entries = []
    for st in look.legend:
        w = ts.width(st.label_runs, ts.body, size)
        entries.append((st, w + mark + size * 0.5))
    total = sum(w for _, w in entries) + size * 1.4 * max(len(entries) - 1, 0)
    # The legend headed by the timeline's word for its groups ("Field"), as
    # the handout's key dates are, where the outline gives one.
    tl = outline.timeline
    head = bold(tl.groups_label) if tl and tl.groups_label and entries else None
    head_w = ts.width(head, ts.body, size) + size * 1.4 if head else 0.0
    total += head_w
    bottom = y
    legend_y = y
    if heading_tb is not None:
        head_w = max(ln.width for ln in heading_tb.lines)
        if entries and head_w + total + 2 * margin > right - left:
            bottom = heading_tb.box.bottom + 10 * k
            legend_y = bottom
        else:
            bottom = heading_tb.box.bottom
            legend_y = y + (heading_tb.ascent - ts.ascent(ts.body, size))
        el.append(heading_tb)
        labels.append(Label("timeline-title", heading_tb.box))
    if entries:
        ly = legend_y
        lh = size * 1.5
        for r, row in enumerate(_legend_rows(entries, size * 1.4, right - left - head_w)):
            row_w = sum(w for _, w in row) + size * 1.4 * (len(row) - 1)
            x = right - row_w
            if head and r == 0:
                hb, _ = ts.block(
                    head,
                    ts.body,
                    size,
                    x - head_w,
                    ly,
                    head_w - size * 1.4 + 0.01,
                    muted,
                    max_lines=1,
                    role="legend-head",
                )
                el.append(hb)
                labels.append(Label("legend-head", hb.box))
            for st, w in row:
                tb, _ = ts.block(
                    st.label_runs,
                    ts.body,
                    size,
                    x + mark + size * 0.5,
                    ly,
                    w,
                    text,
                    role="legend",
                )
                cy = ly + tb.ascent - size * 0.33
                el.append(Marker(x + mark / 2, cy, mark, st.shape, st.color, bg, role="legend"))
                el.append(tb)
                labels.append(Label("legend", Box(x, ly, w, tb.box.h)))
                x += w + size * 1.4
            ly += lh
        bottom = max(bottom, ly - lh + size * 1.2)
    return bottom


def _timeline_heading(
    tl: Timeline | None,
    ts: Typesetter,
    k: float,
    left: float,
    right: float,
    y: float,
    text: str,
    diags: list[Diagnostic],
) -> TextBlock | None:
    """The timeline's title (if it has one), on two lines at most."""
    if not (tl and tl.title):
        return None
    heading_tb, cut = ts.block(
        tl.title.runs,
        ts.heading,
        26 * k,
        left,
        y,
        right - left,
        text,
        bold=True,
        max_lines=2,
        role="timeline-title",
    )
    if cut:
        diags.append(
            Diagnostic("warning", "poster: the timeline's title was shortened to fit", tl.location)
        )
    return heading_tb


LegendEntry = tuple[GroupStyle, float]  # a group and the width of its entry


def _legend_rows(
    entries: list[LegendEntry], spacing: float, width: float
) -> list[list[LegendEntry]]:
    """The legend's entries in rows no wider than `width` (right-aligned when
    drawn), `spacing` between entries."""
    rows: list[list[LegendEntry]] = [[]]
    width_row = 0.0
    for e in entries:
        extra = e[1] + (spacing if rows[-1] else 0)
        if rows[-1] and width_row + extra > width:
            rows.append([])
            width_row = 0.0
            extra = e[1]
        rows[-1].append(e)
        width_row += extra
    return rows


def _footer_items(
    outline: Outline, theme: Theme, w: Mapping[str, str], fits=lambda runs: True
) -> list[tuple[tuple[Run, ...], str]]:
    """The footer's paragraphs in reading order, each with its role: the
    source, the cover's credit, the theme's footer, the key to the '§'
    marks, then the numbered references. A source that is also a reference
    is printed once, as that reference ('[1] Based on: …'). `fits(runs)`:
    whether an entry of the section key fits a column's width unbroken."""
    items: list[tuple[tuple[Run, ...], str]] = []
    as_ref = source_reference(outline)
    if outline.source is not None and as_ref is None:
        items.append((_source_runs(outline.source, w), "credit"))
    if outline.cover is not None and outline.cover.credit is not None:
        items.append(((Run(f"{w['cover']}: ", bold=True), *outline.cover.credit.runs), "credit"))
    if theme.footer:
        items.append(((Run(theme.footer),), "credit"))
    key = _section_key(outline, w, fits)
    if key:
        items.append((key, "credit"))
    for i, ref in enumerate(outline.references):
        runs = [Run(f"[{i + 1}] ", bold=True)]
        if i == as_ref:
            runs.append(Run(f"{w['based_on']}: ", bold=True))
        runs += ref.text.runs
        if ref.url:
            runs += [Run(" "), Run(url_text(ref.url), link=ref.url)]
        items.append((tuple(runs), "reference"))
    return items


def _source_runs(src: Source, w: Mapping[str, str]) -> tuple[Run, ...]:
    """'Based on: title, publisher. address'."""
    runs = [Run(f"{w['based_on']}: ", bold=True)]
    if src.title:
        runs += list(src.title.runs)
    if src.publisher:
        runs += [Run(", ")] + list(src.publisher.runs)
    if src.url:
        runs += [Run(". "), Run(url_text(src.url), link=src.url)]
    return tuple(runs)


def _section_key(outline: Outline, w: Mapping[str, str], fits=lambda runs: True) -> tuple[Run, ...]:
    """The key to the '§2' marks of compact cards (also handy beside full
    names): the sections that have events; empty when none has. An entry
    ('§4 Spaceflight Today') breaks between entries, not inside, when it
    `fits` a line whole."""
    tl = outline.timeline
    used = {ev.section for ev in tl.events} if tl else set()
    if not any(sec.id in used for sec in outline.sections):
        return ()
    runs = [Run(f"{w['section']}: ", bold=True)]
    for i, sec in enumerate(outline.sections):
        if sec.id in used:
            entry = (Run(f"§{i + 1} ", bold=True), *sec.title.runs)
            if fits(entry):
                entry = tuple(replace(r, text=r.text.replace(" ", "\u00a0")) for r in entry)
            else:  # a long title may break, but never between '§4' and its first word
                entry = (Run(f"§{i + 1}\u00a0", bold=True), *sec.title.runs)
            runs += [*entry, Run("  ")]
    return tuple(strip_end(runs))


def _piece(b: TextBlock, lo: int, hi: int) -> TextBlock:
    """Lines `lo` to `hi` of block `b`, in a box as tall as they are (`b`
    itself when that is all of it)."""
    if (lo, hi) == (0, len(b.lines)):
        return b
    return replace(
        b,
        lines=b.lines[lo:hi],
        box=replace(b.box, h=b.box.h - b.line_height * (len(b.lines) - (hi - lo))),
    )


MIN_PIECE_LINES = 2  # a block split over two columns keeps this many lines on each side


def _footer_columns(
    blocks: list[TextBlock], n_cols: int, para: float
) -> tuple[list[list[TextBlock]], list[float]]:
    """The blocks in up to `n_cols` columns in reading order, cut where the
    tallest column is lowest (balanced). A column may also end inside a
    block of four lines or more, keeping two on each side (no lone line at
    a column's foot or head); with each column's height (`para` after every
    block)."""
    # Where a column may start: (block, line) in reading order.
    starts = [
        (i, j)
        for i, b in enumerate(blocks)
        for j in range(len(b.lines))
        if j == 0 or MIN_PIECE_LINES <= j <= len(b.lines) - MIN_PIECE_LINES
    ]
    n = len(starts)
    end = (len(blocks), 0)

    def height(a: tuple[int, int], z: tuple[int, int]) -> float:
        """A column from start `a` up to (not including) start `z`."""
        return sum(_piece(blocks[i], lo, hi).box.h + para for i, lo, hi in _between(blocks, a, z))

    @cache
    def best(p: int, cols: int) -> tuple[float, tuple[int, ...]]:
        # (tallest column, indexes into `starts` of the next columns) from starts[p]
        whole = height(starts[p], end)
        if cols == 1 or p == n - 1:
            return whole, ()
        top: tuple[float, tuple[int, ...]] = (whole, ())
        for q in range(p + 1, n):
            rest, cuts = best(q, cols - 1)
            tallest = max(height(starts[p], starts[q]), rest)
            if tallest < top[0] - 1e-6:
                top = (tallest, (q, *cuts))
        return top

    _, cut_at = best(0, n_cols)
    bounds = [starts[0], *(starts[q] for q in cut_at), end]
    cols = [
        [_piece(blocks[i], lo, hi) for i, lo, hi in _between(blocks, a, z)]
        for a, z in zip(bounds, bounds[1:], strict=False)
    ]
    return cols, [height(a, z) for a, z in zip(bounds, bounds[1:], strict=False)]


def _between(
    blocks: list[TextBlock], a: tuple[int, int], z: tuple[int, int]
) -> Iterator[tuple[int, int, int]]:
    """(block, first line, end line) of each piece from (block, line) `a` up
    to, not including, `z`."""
    for i in range(a[0], min(z[0], len(blocks) - 1) + 1):
        lo = a[1] if i == a[0] else 0
        hi = z[1] if i == z[0] else len(blocks[i].lines)
        if hi > lo:
            yield i, lo, hi


# The footer's (type size at k = 1, columns), roomiest first: a tighter one is
# used only when the roomier footer would leave an event off the timeline.
# 10 pt at A2 (k = 1) is the floor: small print still read from arm's length.
FOOTER_STYLES: tuple[tuple[float, int], ...] = ((12.0, 4), (11.0, 5), (10.0, 6))


def _tighter_footer_may_help(
    unplaced: list[int], fi: int, footer_top: float, outline, theme, ts, W, H, k, margin
) -> bool:
    """Whether to lay the timeline out again under the next footer style: an
    event or a few were left out (the footer's room cannot save more) and the
    next style is shorter."""
    if not unplaced or len(unplaced) > 3 or fi + 1 >= len(FOOTER_STYLES):
        return False
    top = _footer(outline, theme, ts, W, H, k, margin, [], [], [], FOOTER_STYLES[fi + 1])
    return top > footer_top + 1.0


def _footer(
    outline, theme, ts, W, H, k, margin, el, labels, diags, style=FOOTER_STYLES[0]
) -> float:
    """Credits and references in columns along the bottom; returns its top."""
    c = theme.colors
    size = style[0] * k
    left, right = margin, W - margin
    gap = margin * 0.75
    w = words(outline.language)  # the few words deckgen adds, in the outline's language
    # As many columns as the style allows, fewer when there are fewer items:
    # the footer runs across the width, not in a narrow column of its own.
    n_cols = max(1, min(style[1], len(_footer_items(outline, theme, w))))
    col_w = (right - left - (n_cols - 1) * gap) / n_cols

    def fits(runs) -> bool:
        return ts.width(runs, ts.body, size) <= col_w

    items = _footer_items(outline, theme, w, fits)
    if not items:
        return H - margin
    blocks = [
        ts.block(runs, ts.body, size, 0, 0, col_w, c.muted, max_lines=6, role=role)[0]
        for runs, role in items
    ]
    para = size * 0.45
    max_h = H * 0.16
    cols, heights = _footer_columns(blocks, n_cols, para)
    footer_h = min(max(heights) - para, max_h)
    top = H - margin - footer_h
    left_out = 0
    for ci, col in enumerate(cols):
        x = left + ci * (col_w + gap)
        y = top
        for b in col:
            if y + b.box.h > top + footer_h + 0.5:
                left_out += 1
                continue
            tb = replace(b, box=replace(b.box, x=x, y=y))
            el.append(tb)
            labels.append(Label("footer", tb.box))
            y = tb.box.bottom + para
    if left_out:
        diags.append(
            Diagnostic(
                "warning",
                f"poster: {left_out} credit(s)/reference(s) left out of the footer for lack "
                "of room",
                outline.location,
            )
        )
    rule_y = top - 14 * k
    el.append(
        Stroke(
            ((left, rule_y), (right, rule_y)), mix(c.muted, c.background, 0.5), 1.0 * k, role="rule"
        )
    )
    return rule_y
