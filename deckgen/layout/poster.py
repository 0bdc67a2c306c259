"""The timeline poster, decided: every element positioned in points.

`layout_poster(outline, theme, options) -> Poster` is pure (no reportlab):
it measures every text with the real font metrics (`deckgen.fonts`), places
the event cards with `placement.place` on a `timescale.TimeScale`, and
returns a flat list of drawing elements (back to front) that the poster
backend draws as they are, plus the boxes that tests check for overlaps.

Coordinates: points, origin at the top-left corner of the *trim* (the
finished poster), y growing down. Bleed lies outside (negative / beyond the
size); the backend adds it and the crop marks around the trim.

Type scale. Sizes are given for A2 and multiplied by
``k = sqrt(area / area of A2)``. For the ISO A sizes (all of one aspect) this
is the same as scaling with the width, one step up is x1.414; for ARCH-D it
keeps the type as large relative to the page area. Event titles are never
below ``18 pt * k`` (`TITLE_FLOOR`), legible from 2 m at A2.

Fitting. The layout tries card styles from roomy to compact (`LEVELS`:
bigger type and a few lines of event text, down to the floor size with the
title, the date and the section's number, "§2", keyed in the footer); each
card takes the narrowest of a few widths that holds its title in two lines.
For each style it tries axes from nearly proportional to more compressed
(`GAP_THRESHOLDS`: empty stretches of time become a break mark; a quarter of
the axis empty is always compressed), then axes whose stretches between
breaks share the width partly by event count (`BALANCES`), each with a few
placement settings (`STRATEGIES`), and keeps the first try that places every
event. If none does, it keeps the try that placed the most, never
overlapping; the others' dates are still marked on the axis and each one is
reported as a warning with its line in the outline. The number of cards a
poster holds does not grow with its size (type grows with the page), so the
advice is fewer events, not a bigger sheet. A timeline over 300 events skips
the retries of the most compact style, keeping the layout within n log n
time (1,000 events: about a second).

Text never overflows: every block is wrapped with `deckgen.fonts.wrap` at
its real size and box width; a text that needs more lines than its card
allows is cut at a word with an ellipsis and reported.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from deckgen.errors import Diagnostic, Location, RenderError
from deckgen.fonts.wrap import line_height
from deckgen.layout import placement
from deckgen.layout.images import pixel_size
from deckgen.layout.model import Box, TextLine
from deckgen.layout.poster_model import (
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
    page_size,
    type_scale,
)
from deckgen.layout.poster_text import (
    Typesetter,
    bold,
    date_label,
    is_grey,
    luminance,
    mix,
    strip_end,
)
from deckgen.layout.tiling import tile_poster
from deckgen.layout.timescale import build_scale, end_ordinal, ticks
from deckgen.layout.words import words
from deckgen.outline.model import Outline, Run
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


@dataclass(frozen=True)
class Level:
    """One card style, sizes in points at A2."""

    title: float
    small: float  # date, text and section lines
    text_lines: int  # 0: no event text
    width: float
    section: bool = True  # the section's name on the card; else its number (§2)
    title_lines: int = 3


# Roomy to compact; the first that places every event wins.
LEVELS: tuple[Level, ...] = (
    Level(30, 19, 10, 420),  # few events with long stories
    Level(30, 19, 4, 330),
    Level(26, 17, 4, 290),
    Level(23, 16, 3, 250),
    Level(20, 15, 3, 230),
    Level(18, 14, 2, 210),
    Level(18, 14, 0, 200),
    Level(18, 14, 0, 170, section=False),
)
# An empty stretch longer than this fraction of the span is compressed to a
# break mark. A quarter of the axis empty is always compressed (one event
# decades away must not squeeze the rest); smaller gaps only when needed.
GAP_THRESHOLDS: tuple[float | None, ...] = (0.25, 0.08, 0.04, 0.02)
# Placement settings tried in turn when cards do not all fit: (how far right
# of its date a card may stand, in card widths; cost of a point further out
# from the axis, in points of shift). The greedy sweep cannot look ahead, so
# a second opinion often places the last few cards.
STRATEGIES: tuple[tuple[float, float], ...] = ((2.0, 0.35), (2.6, 0.15), (1.4, 0.8), (3.0, 0.05))
BALANCES = (0.0, 0.6)  # share of axis width given by event count, not time
MAX_SPAN_TRACKS = 3  # bars of overlapping spans stacked beside the axis, per side
MAX_BREAKS = 6  # more scale breaks than this read as a broken axis, not a timeline


_PALETTE = ("#1F5FAD", "#C8102E", "#2E8540", "#E07B00", "#6A3D9A", "#008C95", "#8C564B")
_SHADES = ("#000000", "#5A5A5A", "#8C8C8C", "#333333", "#737373")
_SHAPES = ("circle", "square", "triangle", "diamond", "circle-open", "square-open")


# ---------------------------------------------------------------- groups


@dataclass(frozen=True)
class _GroupStyle:
    color: str
    shape: str
    label: tuple[Run, ...]
    hatch: bool = False


def _group_styles(outline: Outline, theme: Theme) -> dict[str | None, _GroupStyle]:
    tl = outline.timeline
    c = theme.colors
    grey = all(is_grey(x) for x in (c.text, c.accent, c.background))
    styles: dict[str | None, _GroupStyle] = {}
    groups = tl.groups if tl else ()
    for i, g in enumerate(groups):
        if grey and not (g.color and not is_grey(g.color)):
            # Black and white: shade, shape and hatching tell groups apart.
            palette = [x for x in (c.palette or _SHADES) if is_grey(x)] or list(_SHADES)
            color = g.color or c.groups.get(g.id) or palette[i % len(palette)]
        elif g.color:
            color = g.color
        elif g.id in c.groups or c.palette:
            color = theme.group_color(g.id, i)
        else:
            color = _PALETTE[i % len(_PALETTE)]
        # Every group also has its own mark shape: colour is never the only cue.
        styles[g.id] = _GroupStyle(
            color, _SHAPES[i % len(_SHAPES)], g.label.runs, bool(grey and i % 2)
        )
    styles[None] = _GroupStyle(c.accent if not grey else c.text, "circle", (Run(""),))
    return styles


# ---------------------------------------------------------------- the layout


@dataclass
class _Frame:
    """The page's regions, top to bottom."""

    margin: float
    left: float
    right: float
    plot_top: float
    plot_bottom: float


def layout_poster(
    outline: Outline, theme: Theme, options: Mapping[str, Any] | PosterOptions | None = None
) -> Poster:
    opts = PosterOptions.of(options)
    if opts.orientation not in ("landscape", "portrait"):
        raise RenderError(f"unknown orientation {opts.orientation!r}; use landscape or portrait")
    W, H = page_size(opts.size, opts.orientation)
    k = type_scale(W, H)
    fonts_ = theme.fonts_for("poster") if hasattr(theme, "fonts_for") else theme.fonts
    ts = Typesetter(fonts_.heading, fonts_.body)
    diags: list[Diagnostic] = []
    el: list[Element] = []
    labels: list[Label] = []
    c = theme.colors
    bg = c.background
    surface = c.surface or (mix(bg, c.text, 0.04) if luminance(bg) > 0.5 else mix(bg, c.text, 0.1))
    muted = c.muted
    margin = 36 * k
    bleed = BLEED if opts.bleed else 0.0

    el.append(Rect(Box(-bleed, -bleed, W + 2 * bleed, H + 2 * bleed), fill=bg, role="background"))

    # -- title banner
    banner_bottom = _banner(outline, theme, ts, W, k, margin, bleed, el, labels, diags)

    # -- footer (measured first: the plot gets what is left)
    footer_top = _footer(outline, theme, ts, W, H, k, margin, el, labels, diags)

    # -- timeline heading and legend
    styles = _group_styles(outline, theme)
    tl = outline.timeline
    y = banner_bottom + margin * 0.75
    y = _heading_and_legend(
        outline, ts, styles, W, k, margin, y, bg, muted, c.text, el, labels, diags
    )

    poster_kwargs = dict(
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
        subject=(tl.title.plain if tl and tl.title else "Timeline") + " — poster",
        language=outline.language,
        options=opts,
        tiling=tile_poster(W, H, opts.tile) if opts.tile else None,
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
        return Poster(
            elements=tuple(el),
            cards=(),
            labels=tuple(labels),
            scale=None,
            title_size=TITLE_FLOOR * k,
            level=0,
            diagnostics=tuple(diags),
            **poster_kwargs,
        )

    frame = _Frame(margin, margin, W - margin, y + margin * 0.5, footer_top - margin * 0.6)
    result = _timeline(outline, theme, ts, styles, frame, k, surface, el, labels, diags, opts.size)
    level, scale, cards, unplaced = result
    return Poster(
        elements=tuple(el),
        cards=tuple(cards),
        labels=tuple(labels),
        scale=scale,
        title_size=LEVELS[level].title * k,
        level=level,
        unplaced=tuple(unplaced),
        diagnostics=tuple(diags),
        **poster_kwargs,
    )


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
            laid.append((kept, h, cut))
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


def _shortened(what: str, location: Location) -> Diagnostic:
    return Diagnostic("warning", f"poster: the {what} was shortened to fit the banner", location)


def _banner(outline, theme, ts, W, k, margin, bleed, el, labels, diags) -> float:
    c = theme.colors
    # An ink-saving theme (print) gets no solid banner, only a heavy rule.
    light = bool(getattr(theme, "ink_saving", False))
    fill = c.background if light else c.accent
    ink = c.text if light else (c.on_accent or ("#FFFFFF" if luminance(fill) < 0.4 else "#000000"))
    pad = margin * 0.7
    x0 = margin
    text_right = W - margin
    pic = None
    cover = outline.cover
    if cover is not None:
        # A broken picture is the loader's error to report; here it stops the build.
        pic = pixel_size(cover.src, cover.location)
    if pic:
        # Reserve a quarter at most for the picture; its height follows the text.
        text_right = W - margin - min(W * 0.24, 440 * k) - margin
    avail = text_right - x0
    parts: list[TextBlock] = []
    y = pad
    for size in (54, 48, 42, 38):
        tb, cut = ts.block(
            outline.title.runs,
            ts.heading,
            size * k,
            x0,
            y,
            avail,
            ink,
            bold=True,
            max_lines=2 if size > 38 else 3,
            role="title",
            spacing=1.08,
        )
        if not cut:
            break
    if cut:
        diags.append(_shortened("title", outline.title.location))
    parts.append(tb)
    y = tb.box.bottom + 12 * k
    if outline.subtitle:
        tb, cut = ts.block(
            outline.subtitle.runs, ts.body, 26 * k, x0, y, avail, ink, max_lines=2, role="subtitle"
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
            mix(ink, fill, 0.15),
            max_lines=2,
            role="byline",
        )
        parts.append(tb)
        y = tb.box.bottom
    bottom = y + pad
    if pic:
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
                mix(ink, fill, 0.25),
                max_lines=2,
                role="credit",
                align="right",
            )
            credit_h = credit_tb.box.h + 6 * k
        avail_h = max(bottom - 2 * pad * 0.6 - credit_h, 60 * k)
        ph = min(avail_h, box_w * ih / iw)
        pw = ph * iw / ih
        box = Box(W - margin - pw, pad * 0.6, pw, ph)
        picture = Picture(box, cover.src, cover.alt)
        labels.append(Label("cover", box))
        if credit_tb is not None:
            credit_tb = replace(credit_tb, box=replace(credit_tb.box, y=box.bottom + 4 * k))
            parts.append(credit_tb)
        bottom = max(bottom, box.bottom + credit_h + pad * 0.6)
    el.append(Rect(Box(-bleed, -bleed, W + 2 * bleed, bottom + bleed), fill=fill, role="banner"))
    if light:
        el.append(Stroke(((margin, bottom), (W - margin, bottom)), c.text, 4 * k, role="rule"))
    if pic:
        el.append(picture)
    for tb in parts:
        el.append(tb)
        labels.append(Label(tb.role, tb.box))
    return bottom


def _heading_and_legend(outline, ts, styles, W, k, margin, y, bg, muted, text, el, labels, diags):
    tl = outline.timeline
    left, right = margin, W - margin
    heading_tb = None
    if tl and tl.title:
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
                Diagnostic(
                    "warning", "poster: the timeline's title was shortened to fit", tl.location
                )
            )
    items = [(gid, st) for gid, st in styles.items() if gid is not None]
    size = 18 * k
    mark = size * 0.8
    entries = []
    for gid, st in items:
        w = ts.width(st.label, ts.body, size)
        entries.append((gid, st, w + mark + size * 0.5))
    total = sum(w for *_, w in entries) + size * 1.4 * max(len(entries) - 1, 0)
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
        # Right-aligned on one or more rows.
        rows: list[list] = [[]]
        width_row = 0.0
        for e in entries:
            extra = e[2] + (size * 1.4 if rows[-1] else 0)
            if rows[-1] and width_row + extra > right - left:
                rows.append([])
                width_row = 0.0
                extra = e[2]
            rows[-1].append(e)
            width_row += extra
        ly = legend_y
        lh = size * 1.5
        for row in rows:
            row_w = sum(e[2] for e in row) + size * 1.4 * (len(row) - 1)
            x = right - row_w
            for _gid, st, w in row:
                tb, _ = ts.block(
                    st.label, ts.body, size, x + mark + size * 0.5, ly, w, text, role="legend"
                )
                cy = ly + tb.ascent - size * 0.33
                el.append(Marker(x + mark / 2, cy, mark, st.shape, st.color, bg, role="legend"))
                el.append(tb)
                labels.append(Label("legend", Box(x, ly, w, tb.box.h)))
                x += w + size * 1.4
            ly += lh
        bottom = max(bottom, ly - lh + size * 1.2)
    return bottom


def _short_url(url: str) -> str:
    """A URL as printed: without the scheme and 'www.', which nobody types."""
    for prefix in ("https://", "http://"):
        url = url.removeprefix(prefix)
    return url.removeprefix("www.").rstrip("/")


def _footer(outline, theme, ts, W, H, k, margin, el, labels, diags) -> float:
    """Credits and references in four columns along the bottom; returns its top."""
    c = theme.colors
    size = 12 * k
    left, right = margin, W - margin
    gap = margin * 0.75
    n_cols = 4
    col_w = (right - left - (n_cols - 1) * gap) / n_cols
    w = words(outline.language)  # the few words deckgen adds, in the outline's language
    items: list[tuple[tuple[Run, ...], str]] = []
    src = outline.source
    if src is not None:
        runs = [Run(f"{w['based_on']}: ", bold=True)]
        if src.title:
            runs += list(src.title.runs)
        if src.publisher:
            runs += [Run(", ")] + list(src.publisher.runs)
        if src.url:
            runs += [Run(". "), Run(_short_url(src.url), link=src.url)]
        items.append((tuple(runs), "credit"))
    if outline.cover is not None and outline.cover.credit is not None:
        items.append(((Run(f"{w['cover']}: ", bold=True), *outline.cover.credit.runs), "credit"))
    if theme.footer:
        items.append(((Run(theme.footer),), "credit"))
    tl = outline.timeline
    used = {ev.section for ev in tl.events} if tl else set()
    if any(sec.id in used for sec in outline.sections):
        # The key to the '§2' marks of compact cards (also handy beside full names).
        runs = [Run(f"{w['section']}: ", bold=True)]
        for i, sec in enumerate(outline.sections):
            if sec.id in used:
                runs += [Run(f"§{i + 1} ", bold=True), *sec.title.runs, Run("  ")]
        items.append((tuple(strip_end(runs)), "credit"))
    for i, ref in enumerate(outline.references):
        runs = [Run(f"[{i + 1}] ", bold=True), *ref.text.runs]
        if ref.url:
            runs += [Run(" "), Run(_short_url(ref.url), link=ref.url)]
        items.append((tuple(runs), "reference"))
    if not items:
        return H - margin
    blocks = [
        ts.block(runs, ts.body, size, 0, 0, col_w, c.muted, max_lines=6, role=role)[0]
        for runs, role in items
    ]
    # Fill the columns in reading order, each about as tall as the others.
    para = size * 0.45
    total = sum(b.box.h + para for b in blocks)
    target = max(total / n_cols, max(b.box.h for b in blocks))
    max_h = H * 0.16
    cols: list[list[TextBlock]] = [[]]
    heights = [0.0]
    for b in blocks:
        if cols[-1] and heights[-1] + b.box.h > target + 1 and len(cols) < n_cols:
            cols.append([])
            heights.append(0.0)
        cols[-1].append(b)
        heights[-1] += b.box.h + para
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


# ---------------------------------------------------------------- the axis and the cards


@dataclass
class _CardText:
    blocks: list[TextBlock]  # positioned relative to the card's top-left
    width: float
    height: float
    cut: bool


# Card widths tried, as fractions of the level's width: a short title gets a
# narrow card, a long one a wider card rather than a cut.
_WIDTHS = (0.6, 0.8, 1.0, 1.25, 1.5)


def _card_text(ev, outline, ts, st, level: Level, k, width, lang, text_color, muted, arrow):
    pad = 10 * k
    stripe = 6 * k
    inner = width - pad * 2 - stripe
    small = level.small * k
    x = stripe + pad
    y = pad
    mark = small * 0.75
    blocks = []
    badge = None
    sec_no = _section_number(outline, ev.section)
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
    date_tb, cut_any = ts.block(
        (Run(date_label(ev, lang)),),
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
    return _CardText(blocks, width, y + pad, cut_any)


def _section_number(outline: Outline, section_id: str | None) -> int | None:
    for i, sec in enumerate(outline.sections):
        if sec.id == section_id:
            return i + 1
    return None


def _widths_to_try(ev, ts, level: Level, k: float, section_title) -> list[float]:
    """The few card widths worth measuring for this event: from the narrowest
    whose title should wrap to at most two lines (judged from its one-line
    width), the next two wider; measuring every width for every event would
    dominate the layout time of a big timeline."""
    natural = ts.width(bold(ev.title), ts.heading, level.title * k)
    text = ts.width(ev.text.runs, ts.body, level.small * k) if ev.text and level.text_lines else 0
    section = 0.0
    if level.section and ev.section and section_title is not None:
        section = ts.width(section_title, ts.body, level.small * k * 0.92) + level.small * k
    widths = [level.width * k * f for f in _WIDTHS]
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


def _card_texts(outline, ts, styles, level: Level, k: float, lang: str, text_color, muted):
    """Each event's card at this level, at the width that needs the least room
    without cutting its text (or the widest, cut, when none is enough)."""
    arrow = "→ " if ts.covers(ts.body, "→") else "> "
    out = []
    for ev in outline.timeline.events:
        st = styles.get(ev.group, styles[None])
        best = None
        best_score = 0.0
        sec = outline.section(ev.section) if ev.section else None
        for width in _widths_to_try(ev, ts, level, k, sec.title.runs if sec else None):
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


def _min_card_area(level: Level, k: float, gap: float) -> float:
    """A lower bound of one card's area at this level (date and one title line)."""
    h = 20 * k + level.small * k * 1.5 + level.title * k * 1.1
    return (level.width * k * _WIDTHS[0] + gap) * (h + gap)


def _span_tracks(intervals: list[tuple[float, float, int]]) -> dict[int, int]:
    """Greedy interval partitioning with a heap: interval id -> track."""
    heap: list[tuple[float, int]] = []
    free: list[int] = []
    out = {}
    n_tracks = 0
    for x0, x1, idx in sorted(intervals):
        while heap and heap[0][0] <= x0:
            _, t = heapq.heappop(heap)
            heapq.heappush(free, t)
        if free:
            t = heapq.heappop(free)
        else:
            t = n_tracks
            n_tracks += 1
        out[idx] = t
        heapq.heappush(heap, (x1, t))
    return out


def _timeline(outline, theme, ts, styles, frame: _Frame, k, surface, el, labels, diags, size_name):
    tl = outline.timeline
    c = theme.colors
    lang = outline.language
    events = tl.events
    starts = [ev.date.ordinal for ev in events]
    ends = [end_ordinal(ev.end) if ev.end else None for ev in events]
    points = starts + [e for e in ends if e is not None]
    span_times = [(s, e) for s, e in zip(starts, ends, strict=True) if e is not None]
    # The axis shows at least a few units of the coarsest precision used.
    if any(ev.date.month is None for ev in events):
        min_span = 3.0
    elif any(ev.date.day is None for ev in events):
        min_span = 0.5
    else:
        min_span = 1 / 12

    # -- era labels strip (above the plot), measured once
    era_size = 20 * k
    era_lh = line_height(ts.body, era_size)
    n_eras = len(tl.eras)
    era_strip = (era_lh + era_size * 0.5) if n_eras else 0.0

    axis_h = 30 * k  # the axis band with its tick labels inside
    tick_size = 15 * k
    break_w = 44 * k
    plot_top = frame.plot_top + era_strip
    plot_bottom = frame.plot_bottom
    span_h = 7 * k
    # Spans on one side share tracks; reserve for the worst case.
    spans_pre = [(s, e, i) for i, (s, e) in enumerate(zip(starts, ends, strict=True)) if e]
    n_span_tracks = min(MAX_SPAN_TRACKS, max(_span_tracks(spans_pre).values(), default=-1) + 1)
    band = 26 * k + n_span_tracks * (span_h + 3 * k)  # leader band, spans included
    side_h = (plot_bottom - plot_top - axis_h) / 2 - band
    gap = 12 * k
    x_min, x_max = frame.left, frame.right
    stem_inset = 14 * k

    chosen = None
    last = len(LEVELS) - 1
    for li, level in enumerate(LEVELS):
        w = level.width * k
        # Hopeless by area alone (cards cannot fill more than ~80% of both
        # sides): skip straight to smaller cards, unless nothing is left.
        capacity = 0.8 * 2 * side_h * (x_max - x_min)
        if li < last and len(events) * _min_card_area(level, k, gap) > capacity:
            continue
        texts = _card_texts(outline, ts, styles, level, k, lang, c.text, c.muted)
        heights = [t.height for t in texts]
        if max(heights) > side_h:
            continue
        area = sum((t.width + gap) * (t.height + gap) for t in texts)
        if li < last and area > capacity * (1.0 if len(events) > 150 else 1.6):
            continue
        big = len(events) > 300  # keep a huge timeline's retries few (n log n each)
        thresholds = GAP_THRESHOLDS[-1:] if li == last and big else GAP_THRESHOLDS
        # Proportional first; then crowded stretches get more room (see build_scale).
        for thr, balance in [(t, b) for b in BALANCES for t in thresholds]:
            # Dates run from half a card inside the left edge to half a card
            # before the right one, so end cards stand beside their dates.
            scale = build_scale(
                points,
                x_min + w * 0.5,
                x_max - stem_inset - w * 0.5,
                gap_threshold=thr,
                break_width=break_w,
                max_breaks=MAX_BREAKS,
                balance=balance,
                spans=span_times,
                min_span=min_span,
            )
            xs = [scale.to_x(t) for t in starts]
            items = [placement.Item(x, t.width, t.height) for x, t in zip(xs, texts, strict=True)]
            for shift, height_cost in STRATEGIES[:1] if big else STRATEGIES:
                slots = placement.place(
                    items,
                    x_min,
                    x_max,
                    side_h,
                    gap=gap,
                    stem_inset=stem_inset,
                    stem_gap=8 * k,
                    max_shift=w * shift,
                    height_cost=height_cost,
                )
                missing = [i for i, s in enumerate(slots) if s is None]
                candidate = (li, scale, xs, slots, texts, missing)
                if chosen is None or len(missing) < len(chosen[5]):
                    chosen = candidate
                if not missing:
                    break
            if not chosen[5]:
                break
        if chosen is not None and not chosen[5]:
            break
    if chosen is None:
        raise RenderError(
            "poster: the page is too small for even one event card at the legible size",
            tl.location,
        )
    li, scale, xs, slots, texts, missing = chosen
    level = LEVELS[li]
    w = level.width * k

    # -- vertical placement: stretch the cards' distances from the axis (which
    # keeps every clearance) and centre what is used in the plot.
    reach = [0.0, 0.0]
    stretch = 1.6
    for s, t in zip(slots, texts, strict=True):
        if s is None:
            continue
        reach[s.side] = max(reach[s.side], s.y + t.height)
        if s.y > 0:
            stretch = min(stretch, (side_h - t.height) / s.y)
    stretch = max(stretch, 1.0)
    reach = [0.0, 0.0]
    for s, t in zip(slots, texts, strict=True):
        if s is not None:
            reach[s.side] = max(reach[s.side], s.y * stretch + t.height)
    slack = max(0.0, side_h - max(reach))
    bnd = band + min(band * 0.8, slack * 0.3)
    block_above = max(reach) + bnd
    block_below = max(reach) + bnd
    total = block_above + axis_h + block_below
    top = plot_top + max(0.0, (plot_bottom - plot_top - total) / 2)
    axis_y = top + block_above  # top edge of the axis band
    axis_bottom = axis_y + axis_h

    # -- eras (behind everything)
    era_colors = []
    for i, era in enumerate(tl.eras):
        base = era.color or (c.accent if i % 2 == 0 else c.muted)
        era_colors.append(mix(c.background, base, 0.10 if i % 2 == 0 else 0.14))
    era_boxes = []
    band_top = frame.plot_top
    band_bottom = plot_bottom
    for i, era in enumerate(tl.eras):
        x0 = scale.to_x(era.start.ordinal)
        x1 = scale.to_x(end_ordinal(era.end))
        if x1 - x0 < 1:
            continue
        era_boxes.append((i, x0, x1))
        el.append(
            Rect(Box(x0, band_top, x1 - x0, band_bottom - band_top), fill=era_colors[i], role="era")
        )
    _era_labels(tl, ts, era_boxes, era_size, frame, band_top, c, el, labels, diags)

    # -- the axis band, its breaks and ticks
    axis_fill = mix(c.background, c.text, 0.12)
    el.append(
        Rect(Box(frame.left, axis_y, frame.right - frame.left, axis_h), fill=axis_fill, role="axis")
    )
    for seg in scale.breaks:
        # A compressed stretch: the band is cut and two slanted strokes mark it.
        cx = (seg.x0 + seg.x1) / 2
        gw = min(12 * k, seg.x1 - seg.x0)
        el.append(
            Rect(
                Box(cx - gw / 2, axis_y - 2 * k, gw, axis_h + 4 * k),
                fill=c.background,
                role="break",
            )
        )
        for dx in (-gw / 2, gw / 2):
            el.append(
                Stroke(
                    ((cx + dx - 4 * k, axis_bottom + 5 * k), (cx + dx + 4 * k, axis_y - 5 * k)),
                    c.text,
                    1.6 * k,
                    role="break",
                )
            )
    tick_list = ticks(scale, lambda s: ts.width((Run(s),), ts.body, tick_size), 18 * k, lang)
    tick_asc = ts.ascent(ts.body, tick_size)
    for tk in tick_list:
        if tk.label is None:
            el.append(
                Stroke(((tk.x, axis_y), (tk.x, axis_y + 5 * k)), c.muted, 0.8 * k, role="tick")
            )
            continue
        el.append(Stroke(((tk.x, axis_y), (tk.x, axis_y + 8 * k)), c.text, 1.2 * k, role="tick"))
        lw = ts.width((Run(tk.label),), ts.body, tick_size)
        # Keep labels off the band's ends and out of the breaks.
        lx = min(max(tk.x - lw / 2, frame.left + 4 * k), frame.right - lw - 4 * k)
        ly = axis_y + (axis_h - tick_size * 1.05) / 2 + 2.5 * k
        tb = TextBlock(
            Box(lx, ly, lw, tick_size * 1.1),
            (TextLine((Run(tk.label),), lw),),
            ts.body,
            tick_size,
            tick_size * 1.2,
            tick_asc,
            c.text,
            role="tick",
        )
        el.append(tb)
        labels.append(Label("tick", tb.box))

    # -- spans as bars on the side of their card
    spans = [
        (xs[i], scale.to_x(ends[i]), i)
        for i in range(len(events))
        if ends[i] is not None and slots[i] is not None
    ]
    no_bar = 0
    for side in (0, 1):
        mine = [s for s in spans if slots[s[2]].side == side]
        tracks = _span_tracks(mine)
        for x0, x1, i in mine:
            st = styles.get(events[i].group, styles[None])
            t = tracks[i]
            if t >= MAX_SPAN_TRACKS:
                no_bar += 1
                continue
            off = 4 * k + t * (span_h + 3 * k)
            y0 = axis_y - off - span_h if side == 0 else axis_bottom + off
            el.append(
                Rect(
                    Box(x0, y0, max(x1 - x0, 3 * k), span_h),
                    fill=st.color,
                    radius=span_h / 2,
                    role="span",
                )
            )
    if no_bar:
        diags.append(
            Diagnostic(
                "warning",
                f"poster: {no_bar} overlapping span(s) got no bar beside the axis (more than "
                f"{MAX_SPAN_TRACKS} at once on one side); their cards still give both dates",
                tl.location,
            )
        )

    # -- leaders, cards, markers
    cards: list[Card] = []
    leader_w = 1.3 * k
    stripe = 6 * k
    for i, (ev, slot) in enumerate(zip(events, slots, strict=True)):
        st = styles.get(ev.group, styles[None])
        x = xs[i]
        if slot is None:
            continue
        txt = texts[i]
        h = txt.height
        if slot.side == 0:
            box = Box(slot.left, axis_y - bnd - slot.y * stretch - h, txt.width, h)
            knee_y = axis_y - bnd
            pts = (
                (x, axis_y),
                (x, axis_y - 6 * k),
                (slot.anchor, knee_y),
                (slot.anchor, box.bottom),
            )
        else:
            box = Box(slot.left, axis_bottom + bnd + slot.y * stretch, txt.width, h)
            knee_y = axis_bottom + bnd
            pts = (
                (x, axis_bottom),
                (x, axis_bottom + 6 * k),
                (slot.anchor, knee_y),
                (slot.anchor, box.y),
            )
        el.append(Stroke(pts, st.color, leader_w, role="leader"))
        el.append(
            Rect(
                box,
                fill=surface,
                stroke=mix(surface, st.color, 0.55),
                stroke_width=0.8 * k,
                radius=4 * k,
                role="card",
            )
        )
        el.append(
            Rect(
                Box(box.x, box.y, stripe, box.h),
                fill=st.color,
                role="card-stripe",
                hatch=c.background if st.hatch else None,
            )
        )
        for tb in txt.blocks:
            el.append(replace(tb, box=replace(tb.box, x=tb.box.x + box.x, y=tb.box.y + box.y)))
        date_tb = next(b for b in txt.blocks if b.role == "event-date")
        mark = level.small * k * 0.75
        el.append(
            Marker(
                box.x + stripe + 10 * k + mark / 2,
                box.y + date_tb.box.y + date_tb.ascent - level.small * k * 0.35,
                mark,
                st.shape,
                st.color,
                surface,
                role="card-marker",
            )
        )
        cards.append(Card(i, ev.title.plain, box, slot.side, slot.anchor, x, ev.location))
        if txt.cut:
            diags.append(
                Diagnostic(
                    "warning",
                    f"poster: the text of event {ev.title.plain!r} was shortened to fit its card",
                    ev.location,
                )
            )
    for i, ev in enumerate(events):
        st = styles.get(ev.group, styles[None])
        side = slots[i].side if slots[i] is not None else 0
        my = axis_y if side == 0 else axis_bottom
        el.append(Marker(xs[i], my, 9 * k, st.shape, st.color, c.background, role="date-marker"))
    for i in missing:
        ev = events[i]
        diags.append(
            Diagnostic(
                "warning",
                f"poster: no room for event {ev.title.plain!r} ({ev.date}) on the {size_name} "
                "poster, even with the most compact cards and a compressed axis; only its date "
                "is marked on the axis. Type grows with the page, so a larger size holds no "
                "more cards: leave out minor events or make two posters.",
                ev.location,
            )
        )
    return li, scale, cards, missing


def _era_labels(tl, ts, era_boxes, size, frame, band_top, c, el, labels, diags):
    """Era names in one line above the plot, centred on their band and no wider
    than it (shortened with an ellipsis, reported), so they never overlap."""
    gap = size * 0.6
    for i, x0, x1 in era_boxes:
        era = tl.eras[i]
        runs = bold(era.label)
        full = ts.width(runs, ts.body, size)
        avail = min(x1, frame.right) - max(x0, frame.left) - gap
        if avail < size * 2.5:
            diags.append(
                Diagnostic(
                    "warning",
                    f"poster: era {era.label.plain!r} is too short on the axis for its "
                    "name; only its band is shown",
                    era.location,
                )
            )
            continue
        w = min(full, avail)
        lx = max(x0, frame.left) + gap / 2 + (avail - w) / 2
        tb, cut = ts.block(
            runs,
            ts.body,
            size,
            lx,
            band_top + size * 0.3,
            w + 0.01,
            c.muted,
            max_lines=1,
            role="era-label",
        )
        if cut:
            diags.append(
                Diagnostic(
                    "warning",
                    f"poster: the name of era {era.label.plain!r} was shortened to fit its band",
                    era.location,
                )
            )
        el.append(tb)
        labels.append(Label("era-label", tb.box))
