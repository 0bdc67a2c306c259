"""The slide sequence of a deck, and the slides that frame it.

Order: title slide; agenda (two sections or more); per section a divider
and its content slides; the outline's timeline (when no explicit timeline
slide shows it already); a closing slide with references and credits.

Per section, content slides come from its explicit `slides:` when present,
else from its points (with the image beside them when it has both), its
image, its quote, or, when it has nothing else, its summary as prose. The
section's speaker notes go on its first content slide.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, replace
from typing import Literal, TypeVar

from deckgen.errors import Location, RenderError
from deckgen.layout.common.images import fit_picture, pixel_size
from deckgen.layout.common.links import linked
from deckgen.layout.common.plan import Talk
from deckgen.layout.common.primitives import Box, Paragraph
from deckgen.layout.common.text import TextStyle, paragraph
from deckgen.layout.common.words import Words
from deckgen.layout.deck.blocks import block_slides
from deckgen.layout.deck.fit import Item, Unit, fit_title, sizes_down
from deckgen.layout.deck.model import Element, Picture, Role, Shape, SlideKind, TextBox
from deckgen.layout.deck.slides import Draft, SlideMaker, plain, point_units
from deckgen.layout.deck.timeline import spanned_title, timeline_slides
from deckgen.layout.deck.unique import distinct_titles
from deckgen.outline.model import Image, Outline, Run, Section, Slide, Text

__all__ = ["deck_drafts"]

_T = TypeVar("_T")


@dataclass
class _Ctx:
    outline: Outline
    maker: SlideMaker


def deck_drafts(outline: Outline, maker: SlideMaker, talk: Talk) -> list[Draft]:
    drafts: list[Draft] = [title_slide(outline, maker)]
    if len(outline.sections) >= 2:
        drafts += agenda(outline, maker)
    shown_timeline = False
    for n, section in enumerate(outline.sections, 1):
        drafts.append(divider(n, len(outline.sections), section, maker))
        content, has_timeline = section_slides(outline, section, maker, talk, n - 1)
        maker.where = ""
        shown_timeline |= has_timeline
        drafts += content
    if outline.timeline is not None and not shown_timeline:
        tl = outline.timeline
        title = tl.title or Text.of(maker.words["timeline"], tl.location)
        drafts += timeline_slides(maker, talk, tl, tl.events, title, tl.location)
    drafts += closing(outline, maker)
    distinct_titles(drafts, maker)
    return drafts


# ---------------------------------------------------------------- sections


def section_slides(
    outline: Outline, section: Section, maker: SlideMaker, talk: Talk, index: int = 0
):
    drafts: list[Draft] = []
    has_timeline = False
    loc = section.location
    maker.where = f"sections[{index}]"
    if section.slides:  # an empty list is no explicit slides at all
        for j, slide in enumerate(section.slides):
            maker.where = f"sections[{index}].slides[{j}]"
            made = explicit_slide(outline, section, slide, maker, talk)
            # Only a timeline slide showing every event stands for the
            # outline's timeline; one showing this section's events does not.
            has_timeline |= (
                slide.layout == "timeline"
                and outline.timeline is not None
                and not any(e.section == section.id for e in outline.timeline.events)
            )
            drafts += made
    else:
        if section.points:
            drafts += maker.bullets(
                section.title, point_units(section.points, maker.where), loc, image=section.image
            )
        elif section.image is not None:
            drafts += maker.image(section.title, section.image, loc)
        if section.quote is not None:
            drafts += maker.quote(section.title, section.quote, section.quote.location or loc)
        if not drafts and section.summary:
            units: list[Unit] = [
                (
                    Item(
                        p,
                        "plain",
                        p.location.or_else(loc),
                        f"sections[{index}].summary[{k}]",
                    ),
                )
                for k, p in enumerate(section.summary)
            ]
            drafts += maker.bullets(section.title, units, loc)
    if drafts and section.notes:
        drafts[0].notes = tuple(section.notes) + tuple(drafts[0].notes)
    return drafts, has_timeline


def explicit_slide(  # noqa: C901 - one branch per slide layout of the format
    outline: Outline, section: Section, slide: Slide, maker: SlideMaker, talk: Talk
):
    loc = slide.location
    title = slide.title
    notes = tuple(slide.notes)
    layout = slide.layout
    if layout == "bullets":
        return _revealed(
            maker.bullets(
                title or section.title,
                point_units(slide.points, maker.where),
                loc,
                notes=notes,
                image=slide.image,
            ),
            slide.reveal,
        )
    if layout == "two-column":
        drafts = maker.two_column(title or section.title, slide.left, slide.right, loc, notes=notes)
        return _revealed(drafts, slide.reveal)
    if layout in ("table", "code", "chart", "equation"):
        return block_slides(maker, title or section.title, slide, loc, notes)
    if layout == "image":
        image = _required(slide.image, "an 'image' slide needs an 'image'", loc)
        return maker.image(title or section.title, image, loc, notes=notes)
    if layout == "quote":
        quote = _required(slide.quote or section.quote, "a 'quote' slide needs a 'quote'", loc)
        return maker.quote(title or section.title, quote, loc, notes=notes)
    if layout == "statement":
        text = _required(slide.text, "a 'statement' slide needs a 'text'", loc)
        return maker.statement(title or section.title, text, loc, notes=notes)
    if layout == "timeline":
        tl = outline.timeline
        if tl is None:
            raise RenderError("a 'timeline' slide needs the outline's 'timeline'", loc)
        mine = tuple(e for e in tl.events if e.section == section.id)
        events = mine or tl.events
        heading = title or tl.title or Text.of(maker.words["timeline"], loc)
        if mine:  # the section's own events: its title says the years they span
            heading = spanned_title(heading, mine)
        drafts = timeline_slides(maker, talk, tl, events, heading, loc)
        if drafts:
            drafts[0].notes = notes + tuple(drafts[0].notes)
        return drafts
    raise RenderError(f"unknown slide layout {layout!r}", loc)


def _revealed(drafts: list[Draft], reveal: bool) -> list[Draft]:
    for d in drafts:
        d.reveal = reveal
    return drafts


def _required(value: _T | None, message: str, loc: Location) -> _T:
    """`value`, which the slide's layout needs: a RenderError saying so when absent."""
    if value is None:
        raise RenderError(message, loc)
    return value


# ---------------------------------------------------------------- title slide


def title_slide(outline: Outline, maker: SlideMaker) -> Draft:
    """Title, accent rule, subtitle, author and date stacked in the left column,
    the cover filling the right 40 % with its caption and credit at the column's
    foot. With a template, its title and subtitle placeholders are used."""
    st = maker.style
    W, H, M = st.width, st.height, st.margin
    boxes = st.boxes("title")
    els: list[Element] = []
    cover = outline.cover
    loc = outline.title.location.or_else(outline.location)
    text_right = W - M
    # Without a cover the theme designs the slide: a band of the panel colour
    # across the foot holding author and date, a larger title above it.
    band = Box(0, round(H * 0.74, 2), W, H - round(H * 0.74, 2))
    designed = boxes.title is None and cover is None
    if boxes.title is None:
        backdrop, text_right = _title_backdrop(maker, cover, designed, band)
        els += backdrop
    col_x = M + 10 if boxes.title is None else M
    col_w = text_right - col_x

    # The cover's caption and credit first: the stack must stay above them.
    foot: list[tuple[Role, Paragraph]] = []
    if cover is not None and boxes.title is None:
        foot = _cover_foot(maker, cover, col_w)
    elif cover is not None:
        els += _template_cover(maker, cover, boxes.picture)
    foot_h = sum(p.height + 2 for _, p in foot)
    bottom = band.y - 24 if designed else H - 24 - foot_h - (16 if foot else M - 24)

    sub_w = (boxes.subtitle or boxes.title or Box(col_x, 0, col_w, 0)).w
    sub = _fit_subtitle(maker, outline.subtitle, sub_w, loc)
    meta_runs: list[Run] = []
    if outline.author is not None:
        meta_runs += list(outline.author.runs)
    if outline.date:
        if meta_runs:
            meta_runs.append(Run("  ·  "))
        meta_runs.append(Run(str(outline.date)))
    meta = None
    if meta_runs:
        m_style = (
            TextStyle(st.body_font, round(st.body_size * 0.8), st.on_panel, 1.2)
            if designed
            else TextStyle(st.body_font, round(st.body_size * 0.72), st.text, 1.2)
        )
        meta = fit_title(
            tuple(meta_runs),
            m_style,
            sub_w if boxes.title else col_w,
            m_style.line_height * 2,
            12.0,
            outline.author.location
            if outline.author is not None and outline.author.location.line
            else loc,
            max_lines=2,
            where="author",
        )

    t_style = st.title_style(round(st.title_size * (1.5 if designed else 1.35)))
    # The height left to the title in the text column (with no template).
    in_stack = None if designed else meta
    gaps = (44.0 if sub or in_stack else 0.0) + (16.0 if sub and in_stack else 0.0)
    budget = bottom - M - gaps - (sub.height if sub else 0)
    budget -= in_stack.height if in_stack else 0
    title_p = _fit_talk_title(
        outline.title, t_style, st.title_floor, loc, boxes.title, col_w, budget
    )
    # The title slide starts above the theme's title size for effect; only a
    # title set smaller than an ordinary slide title is worth a warning.
    if title_p.size < st.title_size:
        maker.warn(f"talk title shrunk to {title_p.size:g} pt to fit the title slide", loc)

    if boxes.title is not None:
        els += _template_title(maker, boxes.title, boxes.subtitle, title_p, sub, meta, loc)
    else:
        column = Box(col_x, 0.0, col_w, bottom)
        els += _stacked_title(maker, title_p, sub, meta, column, band if designed else None, foot)
    return Draft("title", plain(outline.title), els, loc, notes=outline.notes, chrome=False)


def _title_backdrop(
    maker: SlideMaker, cover: Image | None, designed: bool, band: Box
) -> tuple[list[Element], float]:
    """The accent bar, the panel band (no cover) or the cover picture of a
    title slide on deckgen's own grid, and where its text column ends."""
    st = maker.style
    W, H, M = st.width, st.height, st.margin
    els: list[Element] = []
    text_right = W - M
    bar_h = band.y if designed else H
    els.append(Shape("rect", Box(0, 0, 14, bar_h), fill=st.accent, name="Accent bar"))
    if designed:
        els.append(Shape("rect", band, fill=st.panel, name="Title band"))
    if cover is not None:
        # the cover takes the right 40 % (less on 4:3, where width is scarce)
        pic_x = round(W * (0.6 if W / H > 1.5 else 0.64), 2)
        els.append(_cover_picture(maker, cover, Box(pic_x, 0, W - pic_x, H)))
        text_right = pic_x - M * 0.75
    return els, text_right


def _template_cover(maker: SlideMaker, cover: Image, area: Box | None) -> list[Element]:
    """A template's title slide: the cover in its layout's picture placeholder,
    or (none there) not shown, with a warning."""
    if area is not None:
        return [_cover_picture(maker, cover, area, placeholder=True)]
    # The template designs its title slide: no room for a picture beside it.
    maker.warn(
        "the cover is not shown on the title slide: the template's title slide "
        "has no room for it (it stays in the handout and poster)",
        cover.location,
    )
    return []


def _cover_picture(
    maker: SlideMaker, cover: Image, area: Box, placeholder: bool = False
) -> Picture:
    """The cover filling `area`, cropped around its focus (or whole, `fit:
    contain`); `placeholder`: into the template layout's picture placeholder."""
    px = pixel_size(cover.src, cover.location)
    mode = "fit" if cover.fit == "contain" else "fill"
    box, crop = fit_picture(area, *px, mode=mode, focus=cover.focus)
    return Picture(
        box,
        cover.src,
        cover.alt,
        crop=crop,
        name="Cover picture",
        grey=maker.style.theme.ink_saving,
        placeholder=placeholder,
    )


def _cover_foot(maker: SlideMaker, cover: Image, col_w: float) -> list[tuple[Role, Paragraph]]:
    """The cover's caption and credit, set for the foot of the text column."""
    st = maker.style
    foot: list[tuple[Role, Paragraph]] = []
    cover_lines: tuple[tuple[Role, Text | None, float, bool], ...] = (
        ("caption", cover.caption, 18.0, True),
        ("credit", cover.credit, 18.0, False),
    )
    for role, text, size, italic in cover_lines:
        if text is None:
            continue
        style = TextStyle(st.body_font, size, st.muted, 1.2, italic=italic)
        where = text.location.or_else(cover.location)
        foot.append(
            (
                role,
                fit_title(text, style, col_w, style.line_height * 2, 9.0, where, max_lines=2),
            )
        )
    return foot


def _fit_subtitle(
    maker: SlideMaker, subtitle: Text | None, width: float, loc: Location
) -> Paragraph | None:
    if subtitle is None:
        return None
    st = maker.style
    style = TextStyle(st.body_font, round(st.body_size * 1.0), st.muted, 1.2)
    where = subtitle.location.or_else(loc)
    return fit_title(subtitle, style, width, style.line_height * 3, 14.0, where, max_lines=3)


def _fit_talk_title(
    title: Text,
    style: TextStyle,
    floor: float,
    loc: Location,
    template_box: Box | None,
    col_w: float,
    budget: float,
) -> Paragraph:
    """The talk's title in the template's title box (up to four lines) when
    there is one, else in the text column within `budget`."""
    if template_box is not None:
        return fit_title(
            title,
            style,
            template_box.w,
            template_box.h,
            floor,
            loc,
            max_lines=4,
            where="title",
        )
    return _fit_stacked_title(title, style, col_w, budget, floor, loc)


def _fit_stacked_title(
    title: Text, style: TextStyle, width: float, budget: float, floor: float, loc: Location
) -> Paragraph:
    """The talk's title in the text column: three lines of a big title read
    better than four, so four only when three do not fit (else RenderError)."""

    def fit(lines: int) -> Paragraph:
        height = min(budget, style.line_height * lines)
        return fit_title(title, style, width, height, floor, loc, where="title", max_lines=lines)

    with suppress(RenderError):
        return fit(3)
    return fit(4)


def _template_title(
    maker: SlideMaker,
    title_box: Box,
    subtitle_box: Box | None,
    title_p: Paragraph,
    sub: Paragraph | None,
    meta: Paragraph | None,
    loc: Location,
) -> list[Element]:
    """Title, subtitle, author and date in a template's title-slide placeholders."""
    H = maker.style.height
    els: list[Element] = [
        TextBox(
            title_box,
            (title_p,),
            role="title",
            placeholder="title",
            valign="bottom",
            name="Title",
        )
    ]
    under = [p for p in (sub, meta) if p is not None]
    if not under:
        return els
    box = subtitle_box or Box(
        title_box.x,
        title_box.bottom + 12,
        title_box.w,
        max(0.0, H - 12 - title_box.bottom - 12),
    )
    if sum(p.height for p in under) > box.h + 1e-6 and meta is not None:
        maker.warn(
            "author and date left off the title slide: the template's "
            "subtitle box has no room for them",
            loc,
        )
        under = [p for p in under if p is not meta]
    if under:
        els.append(
            TextBox(box, tuple(under), role="subtitle", placeholder="subtitle", name="Subtitle")
        )
    return els


def _stacked_title(
    maker: SlideMaker,
    title_p: Paragraph,
    sub: Paragraph | None,
    meta: Paragraph | None,
    column: Box,
    band: Box | None,
    foot: list[tuple[Role, Paragraph]],
) -> list[Element]:
    """Title, subtitle, author and date stacked in the text `column` (its
    bottom is where the stack must end), author and date in the `band` when
    the slide has one, the cover's caption and credit at the column's foot."""
    st = maker.style
    H, M = st.height, st.margin
    col_x, col_w, bottom = column.x, column.w, column.bottom
    els: list[Element] = []
    parts: list[tuple[str, Paragraph, float]] = [("title", title_p, 0.0)]
    if sub is not None:
        parts.append(("subtitle", sub, 44.0))
    if meta is not None and band is None:
        parts.append(("meta", meta, 16.0 if sub is not None else 44.0))
    total = sum(p.height + gap for _, p, gap in parts)
    y = max(M, min((H - total) / 2 - 10, bottom - total))
    if band is not None:
        y = max(M, (M + bottom - total) / 2 + 10)
        if meta is not None:
            els.append(
                TextBox(
                    Box(col_x, band.y + (band.h - meta.height) / 2, col_w, meta.height),
                    (meta,),
                    role="subtitle",
                    name="Author and date",
                )
            )
    for what, p, gap in parts:
        y += gap
        if gap == 44.0:
            els.append(maker.rule(x=col_x, y=y - gap / 2 - 2))
        ph: Literal["title", "subtitle"] | None = (
            "title" if what == "title" else "subtitle" if what == "subtitle" else None
        )
        name = {"title": "Title", "subtitle": "Subtitle", "meta": "Author and date"}[what]
        els.append(
            TextBox(
                Box(col_x, y, col_w, p.height),
                (p,),
                role="title" if what == "title" else "subtitle",
                placeholder=ph,
                name=name,
            )
        )
        y += p.height
    y = H - 24
    for role, p in reversed(foot):
        y -= p.height
        els.append(TextBox(Box(col_x, y, col_w, p.height), (p,), role=role, name="Cover " + role))
        y -= 2
    return els


# ---------------------------------------------------------------- agenda


def agenda(outline: Outline, maker: SlideMaker) -> list[Draft]:
    st = maker.style
    kind: SlideKind = "agenda"
    body = st.body_box_for(kind)
    title = maker.words["agenda"]
    loc = outline.sections[0].location
    num_w = round(st.body_size * 1.9, 2)
    text_box = Box(body.x + num_w, body.y, body.w - num_w, body.h)
    units = [
        (
            Item(
                s.title,
                "plain",
                s.title.location.or_else(s.location),
                f"sections[{i}].title",
            ),
        )
        for i, s in enumerate(outline.sections)
    ]
    # Numbers stand beside each item's first line; an item that wraps here but
    # not in PowerPoint (or the reverse) would shift the numbers below it. So
    # prefer the largest size at which every item is one line.
    start = st.body_size
    for size in sizes_down(st.body_size, st.min_body_size):
        if all(
            len(paragraph(s.title, st.body_style(size), text_box.w).lines) == 1
            for s in outline.sections
        ):
            start = size
            break
    result = maker.fit([units], [text_box.w], text_box.h, title, loc, start=start)
    drafts = []
    first_no = 1
    heads = maker.titles(kind, title, loc, len(result.pages))
    for i, (paras,) in enumerate(result.pages):
        t = heads[i].text
        els: list[Element] = []
        if st.decorated(kind):
            els.append(maker.rule())
        els.append(heads[i])
        els.append(TextBox(text_box, paras, role="body", placeholder="body", name="Agenda"))
        y = text_box.y
        for k, p in enumerate(paras):
            y += p.space_before
            n_style = TextStyle(
                st.heading_font, p.size, st.accent_text, p.line_height / p.size, bold=True
            )
            n_p = paragraph(f"{first_no + k:02d}", n_style, num_w)
            els.append(
                TextBox(
                    Box(body.x, y, num_w - 8, p.line_height),
                    (n_p,),
                    role="label",
                    name=f"Agenda number {first_no + k}",
                )
            )
            y += p.line_height * len(p.lines)
        first_no += len(paras)
        drafts.append(Draft(kind, t, els, loc, continued=i > 0))
    return drafts


# ---------------------------------------------------------------- divider


def divider(n: int, total: int, section: Section, maker: SlideMaker) -> Draft:
    st = maker.style
    W, H, M = st.width, st.height, st.margin
    kind: SlideKind = "section"
    boxes = st.boxes(kind)
    loc = section.location
    els: list[Element] = []
    number = f"{n:02d}"
    if boxes.title is not None:
        heading = (Run(f"{maker.words['section']} {n} · "), *section.title.runs)
        els.append(maker.title_box(kind, heading, loc, max_lines=3))
        if boxes.body is not None:
            style = TextStyle(st.heading_font, st.title_size, st.accent_text, 1.1, bold=True)
            p = paragraph(number, style, boxes.body.w)
            els.append(TextBox(boxes.body, (p,), role="label", name="Section number"))
        return Draft(kind, plain(heading), els, loc)
    panel_w = round(W * 0.34, 2)
    els.append(Shape("rect", Box(0, 0, panel_w, H), fill=st.panel, name="Section panel"))
    num_size = round(min(st.title_size * 3.6, panel_w * 0.55), 1)
    n_style = TextStyle(st.heading_font, num_size, st.on_panel, 1.0, bold=True, align="center")
    n_p = paragraph(number, n_style, panel_w - 2 * M * 0.5)
    els.append(
        TextBox(
            Box(M * 0.5, (H - num_size) / 2, panel_w - M, num_size),
            (n_p,),
            role="label",
            name="Section number",
        )
    )
    x = panel_w + M
    w = W - x - M
    kick_style = TextStyle(st.body_font, round(st.body_size * 0.72), st.muted, 1.2)
    kick = paragraph(f"{maker.words['section']} {n} / {total}", kick_style, w)
    t_style = st.title_style(round(st.title_size * 1.15))
    t_box_h = t_style.line_height * 4
    title_p = fit_title(
        section.title,
        t_style,
        w,
        t_box_h,
        st.title_floor,
        loc,
        max_lines=4,
        where=f"sections[{n - 1}].title",
    )
    if title_p.size < st.title_size:
        maker.warn(f"section title shrunk to {title_p.size:g} pt to fit its divider", loc)
    # The kicker is the title's first paragraph: "Section 1 / 5" + the title
    # keeps the divider's title distinct from the section's first slide.
    title_p = replace(title_p, space_before=12.0)
    block = kick.height + title_p.height
    y = (H - block) / 2
    els.append(
        TextBox(
            Box(x, y, w, block),
            (kick, title_p),
            role="title",
            placeholder="title",
            name="Title",
        )
    )
    els.append(maker.rule(x=x, y=y + block + 18))
    # the slide's title is its placeholder's text, both lines
    return Draft(kind, f"{plain(kick.runs)}\n{plain(section.title)}", els, loc)


# ---------------------------------------------------------------- closing


def _credits(outline: Outline, w: Words) -> list[tuple[Text | tuple[Run, ...], Location]]:
    out: list[tuple[Text | tuple[Run, ...], Location]] = []
    seen: set[str] = set()

    def add(runs, location: Location) -> None:
        key = "".join(r.text for r in (runs.runs if isinstance(runs, Text) else runs))
        if key and key not in seen:
            seen.add(key)
            out.append((runs, location))

    src = outline.source
    if src is not None:
        runs: list[Run] = []
        if src.title is not None:
            before, after = w.quote_marks()
            runs += [Run(before), *src.title.runs, Run(after)]
        if src.publisher is not None:
            runs += ([Run(", ")] if runs else []) + list(src.publisher.runs)
        if src.url:
            runs = list(linked(tuple(runs), src.url)) if runs else [Run(src.url, link=src.url)]
        if runs:
            add(tuple(runs), src.location)
    for im in _pictures(outline):
        if im.credit is not None:
            add(im.credit, im.credit.location.or_else(im.location))
    return out


def _pictures(outline: Outline) -> list[Image]:
    """Every picture of the talk in the order it appears, the cover first."""
    images = []
    if outline.cover is not None:
        images.append(outline.cover)
    for s in outline.sections:
        if s.image is not None:
            images.append(s.image)
        for sl in s.slides or ():
            if sl.image is not None:
                images.append(sl.image)
    if outline.timeline is not None:
        images += [e.image for e in outline.timeline.events if e.image is not None]
    return images


def _headed(head: str, units: list[Unit]) -> list[Unit]:
    """`units` with the heading `head` kept with the first of them."""
    if not units:
        return []
    return [(Item(head, "heading", units[0][0].location), *units[0]), *units[1:]]


def _closing_columns(
    ref_units: list[Unit], credit_units: list[Unit], body: Box, w: Mapping[str, str]
) -> tuple[str, list[list[Unit]], list[Box]]:
    """The closing slide's title, and its text regions with their boxes:
    references and credits side by side, or one column when only one of
    them is given or two columns would be too narrow."""
    if not (ref_units and credit_units):
        title = w["references"] if ref_units else w["credits"]
        return title, [ref_units or credit_units], [body]
    gutter = 40.0
    col_w = round((body.w - gutter) / 2, 2)
    refs, credits = _headed(w["references"], ref_units), _headed(w["credits"], credit_units)
    if col_w < 330:
        # Two columns this narrow (4:3) break addresses and titles mid-word:
        # references, then credits, in one column.
        return w["references_credits"], [refs + credits], [body]
    boxes = [
        Box(body.x, body.y, col_w, body.h),
        Box(body.x + col_w + gutter, body.y, col_w, body.h),
    ]
    return w["references_credits"], [refs, credits], boxes


def closing(outline: Outline, maker: SlideMaker) -> list[Draft]:
    st = maker.style
    w = maker.words
    kind: SlideKind = "closing"
    refs = outline.references
    credits = _credits(outline, w)
    loc = (
        refs[0].location
        if refs
        else (outline.source.location if outline.source else outline.location)
    )
    if not refs and not credits:
        els: list[Element] = [maker.title_box(kind, w["thanks"], outline.location)]
        return [Draft(kind, w["thanks"], els, outline.location)]
    ref_units: list[Unit] = []
    for i, r in enumerate(refs):
        runs = linked(r.text.runs, r.url) if r.url else r.text.runs
        ref_units.append((Item(tuple(runs), "small", r.location, f"references[{i}]"),))
    credit_units: list[Unit] = [
        (Item(runs if isinstance(runs, tuple) else runs.runs, "small", where),)
        for runs, where in credits
    ]
    if credits and outline.source is not None:
        first = credit_units[0][0]
        assert isinstance(first.text, tuple)  # credit items are made of runs above
        credit_units[0] = (Item((Run(w["based_on"] + ": "), *first.text), "small", first.location),)

    body = st.body_box_for(kind)
    start = round(st.body_size * 0.8)
    floor = min(st.min_body_size, start)
    title, regions, boxes = _closing_columns(ref_units, credit_units, body, w)
    widths = [b.w for b in boxes]
    result = maker.fit(regions, widths, body.h, title, loc, start=start, floor=floor)
    drafts = []
    heads = maker.titles(kind, title, loc, len(result.pages))
    for i, page in enumerate(result.pages):
        t = heads[i].text
        els = []
        if st.decorated(kind):
            els.append(maker.rule())
        els.append(heads[i])
        for k, (paras, box) in enumerate(zip(page, boxes, strict=True)):
            if not paras:  # this column ended on an earlier slide
                continue
            els.append(
                TextBox(
                    box,
                    paras,
                    role="body",
                    placeholder="body" if k == 0 else None,
                    name=("References", "Credits")[k] if len(boxes) == 2 else "Body",
                )
            )
        drafts.append(Draft(kind, t, els, loc, continued=i > 0))
    return drafts
