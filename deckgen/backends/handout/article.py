"""Typeset the article handout with reportlab platypus: the layout decided the
blocks, styles and page; this flows them onto pages with running header and
footer ("page n of N"), bookmarks per section, and widow/orphan control.
"""

from __future__ import annotations

import io
from dataclasses import replace

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    ActionFlowable,
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)

from deckgen.backends import pdfkit
from deckgen.backends.handout.chunks import pieces
from deckgen.backends.handout.settext import SetText
from deckgen.backends.pdfblocks import BlockFlowable
from deckgen.backends.tagging import TaggedCanvas, tagger_of
from deckgen.backends.tagging.flow import ARTIFACT, GROUP, TaggedFrame, TaggedTable, draw_part
from deckgen.layout.common.breaks import whole_dates
from deckgen.layout.handout.keydates import MARK_INDENT, Strip
from deckgen.layout.handout.layout import (
    PADDING,
    Cover,
    Figure,
    Handout,
    KeyDates,
    References,
    SectionBlock,
    reference_runs,
)
from deckgen.layout.handout.model import (
    BlockPart,
    Pointer,
    SetColumn,
    SetColumns,
    SetList,
    SetQuote,
    SlideBlock,
    Statement,
)
from deckgen.layout.handout.style import TextStyle
from deckgen.layout.handout.text import SetParagraph
from deckgen.outline.model import Run, Text

__all__ = ["fit_words", "footer_text", "render_article", "Typesetter"]

LONG_WORD = 30  # characters: longer tokens (URLs) are split, not hyphenated

_ALIGN = {"left": TA_LEFT, "justify": TA_JUSTIFY, "center": TA_CENTER, "right": TA_RIGHT}


class Typesetter:
    """Turns layout styles and runs into reportlab paragraph styles and markup."""

    def __init__(self, handout: Handout, fonts: dict[str, pdfkit.FontNames]) -> None:
        self.handout = handout
        self.fonts = fonts
        self._cache: dict[tuple[str, TextStyle], ParagraphStyle] = {}

    def names(self, family: str) -> pdfkit.FontNames:
        return self.fonts[family]

    def pstyle(self, style: TextStyle, name: str = "p") -> ParagraphStyle:
        key = (name, style)
        if key not in self._cache:
            names = self.names(style.font)
            self._cache[key] = ParagraphStyle(
                name,
                fontName=names.face(style.bold, style.italic),
                fontSize=style.size,
                leading=style.leading,
                textColor=pdfkit.color(style.color),
                alignment=_ALIGN[style.align],
                spaceBefore=style.space_before,
                spaceAfter=style.space_after,
                leftIndent=style.left_indent,
                rightIndent=style.right_indent,
                firstLineIndent=style.first_indent,
                keepWithNext=0,
                allowWidows=0,
                allowOrphans=0,
                hyphenationLang=(self.handout.hyphenation or "") if style.hyphenate else "",
                embeddedHyphenation=1 if style.hyphenate else 0,
                uriWasteReduce=0.3 if style.hyphenate else 0,
                bulletFontName=names.regular,
                bulletFontSize=style.size,
                bulletIndent=max(style.left_indent - style.size * 1.1, 0),
                splitLongWords=1,
            )
        return self._cache[key]

    def markup(self, runs, style: TextStyle) -> str:
        if style.upper:
            runs = tuple(Run(r.text.upper(), r.bold, r.italic, r.link) for r in runs)
        # Bold text inside an already-bold style stays bold; italic inside
        # italic is set upright, as typographers do for emphasis in quotes.
        if style.italic:
            runs = tuple(Run(r.text, r.bold, not r.italic, r.link) for r in runs)
        return pdfkit.markup(runs, link_color=self.handout.palette.accent)

    def para(self, runs, style: TextStyle, name: str = "p", **kw) -> Paragraph:
        if isinstance(runs, Text):
            runs = runs.runs
        base = style
        if style.italic:
            # the face is chosen per run in markup; the paragraph base is upright
            base = replace(base, italic=False)
        if base.hyphenate and _has_long_word(runs):
            # reportlab (5.1) hyphenates a long word once and then lets the rest
            # run off the page; without hyphenation it splits long words
            # properly. Ragged right too, so the split line is not stretched.
            base = replace(base, hyphenate=False, align="left")
        return Paragraph(self.markup(runs, style), self.pstyle(base, name), **kw)


def _has_long_word(runs) -> bool:
    return any(len(word) > LONG_WORD for r in runs for word in r.text.split())


class SectionHeading(Paragraph):
    """A heading that leaves a bookmark (PDF outline entry) where it is drawn."""

    def __init__(
        self,
        text,
        style,
        *,
        key: str,
        outline_title: str,
        level: int = 0,
        running: str | None = None,
    ) -> None:
        super().__init__(text, style)
        self.bookmark_key = key
        self.outline_title = outline_title
        self.outline_level = level
        self.running = running  # text for the running header, None: keep the current one


class RuledNotes(Flowable):
    """A 'Notes' label over evenly spaced hairlines to write on."""

    tag_role = ARTIFACT

    def __init__(self, label: Paragraph, lines: int, pitch: float, colour: str) -> None:
        super().__init__()
        self.label = label
        self.lines = lines
        self.pitch = pitch
        self.colour = colour

    def wrap(self, aw, ah):
        self.width = aw
        _, self.label_h = self.label.wrap(aw, ah)
        self.height = self.label_h + self.lines * self.pitch + self.pitch * 0.3
        return aw, self.height

    def draw(self):
        canv = self.canv
        self.label.drawOn(canv, 0, self.height - self.label_h)
        canv.setStrokeColor(pdfkit.color(self.colour))
        canv.setLineWidth(0.5)
        for i in range(1, self.lines + 1):
            y = self.height - self.label_h - i * self.pitch
            canv.line(0, y, self.width, y)


class Rule(Flowable):
    tag_role = ARTIFACT

    def __init__(
        self,
        colour: str,
        thickness: float,
        space_before: float,
        space_after: float,
        width_fraction: float = 1.0,
    ) -> None:
        super().__init__()
        self.colour, self.thickness = colour, thickness
        self.space_before, self.space_after = space_before, space_after
        self.fraction = width_fraction

    def wrap(self, aw, ah):
        self.width = aw
        self.height = self.space_before + self.thickness + self.space_after
        return aw, self.height

    def draw(self):
        self.canv.setStrokeColor(pdfkit.color(self.colour))
        self.canv.setLineWidth(self.thickness)
        y = self.space_after + self.thickness / 2
        self.canv.line(0, y, self.width * self.fraction, y)


class Block(Flowable):
    """Flowables kept together on one page, wrapped once.

    (platypus' KeepTogether measures its content and then flows each part
    again, wrapping every paragraph twice; with hundreds of sections that
    doubles the typesetting time.)
    """

    tag_role = GROUP

    def __init__(self, parts: list[Flowable]) -> None:
        super().__init__()
        self.parts = parts

    def wrap(self, aw, ah):
        self._placed = []
        y = 0.0
        prev_after = 0.0
        for i, part in enumerate(self.parts):
            w, h = part.wrap(aw, ah)
            if i:
                y += max(prev_after, part.getSpaceBefore())
            self._placed.append((part, y, h))
            y += h
            prev_after = part.getSpaceAfter()
        self.width, self.height = aw, y
        return aw, y

    def split(self, aw, ah):
        # Kept together when it fits on a page of its own: move it there. A
        # block taller than a whole page (a long note or quote) flows part by
        # part instead, each paragraph splitting across pages.
        frame = getattr(self, "_frame", None)
        self.wrap(aw, ah)
        if frame is not None and not frame._atTop and self.height <= _full_height(frame):
            return []
        return list(self.parts)

    def getSpaceBefore(self):
        return self.parts[0].getSpaceBefore() if self.parts else 0

    def getSpaceAfter(self):
        return self.parts[-1].getSpaceAfter() if self.parts else 0

    def heading(self):
        first = self.parts[0] if self.parts else None
        return first if isinstance(first, SectionHeading) else None

    def draw(self):
        for part, y, h in self._placed:
            draw_part(part, self.canv, 0, self.height - y - h)


def _full_height(frame) -> float:
    return frame._height - frame._topPadding - frame._bottomPadding


class Picture(Flowable):
    """A picture drawn by file name: reportlab then decodes and embeds each file
    once however often it appears (platypus' Image decodes it every time)."""

    tag_role = "Figure"

    def __init__(self, fig: Figure) -> None:
        super().__init__()
        self.fig = fig
        self.tag_alt = fig.alt
        self.width, self.height = fig.width, fig.height

    def wrap(self, aw, ah):
        return self.width, self.height

    def draw(self):
        tagger = tagger_of(self.canv)
        tagger.place(tagger.current, 0, 0, self.width, self.height)
        fig = self.fig
        pdfkit.draw_picture(
            self.canv, fig.src, 0, 0, self.width, self.height, crop=fig.crop, grey=fig.grey
        )


class FigureBlock(Block):
    """A figure with its caption, kept together; when the page has less room
    than it needs, the picture shrinks (to `MIN_SCALE` of its size at least)
    so it stays right after the text that introduces it instead of leaving a
    gap here and floating to the next page."""

    MIN_SCALE = 0.6

    def __init__(self, parts: list[Flowable], picture: Picture) -> None:
        super().__init__(parts)
        self.picture = picture
        self.full = (picture.width, picture.height)

    def wrap(self, aw, ah):
        self.picture.width, self.picture.height = self.full
        w, h = super().wrap(aw, ah)
        if h <= ah:
            return w, h
        pic_h = self.full[1]
        scale = (ah - (h - pic_h)) / pic_h if pic_h else 0.0
        if scale < self.MIN_SCALE:
            return w, h  # to the next page, whole
        self.picture.width, self.picture.height = self.full[0] * scale, pic_h * scale
        return super().wrap(aw, ah)


class Float(Flowable):
    """A figure that may wait for the text after it (the rest of its section):
    placed where it stands when it fits there, else that text goes first, a
    part at a time, and the figure after it; never past its section's end.
    `_Doc.filterFlowables` resolves it before platypus sees it; it is never
    drawn itself."""

    def __init__(self, figure: Flowable, followers: list[Flowable]) -> None:
        super().__init__()
        self.figure, self.followers = figure, followers

    def wrap(self, aw, ah):  # pragma: no cover - resolved before it is wrapped
        return self.figure.wrap(aw, ah)

    def resolve(self, frame) -> list[Flowable]:
        """What goes in its place in the story, given the room left in `frame`."""
        if frame is None or frame._atTop or not self.followers:
            return [self.figure, *self.followers]
        space = self.figure.getSpaceBefore()
        room = frame._y - frame._y1p - space
        if room > 0 and self.figure.wrap(frame._aW, room)[1] <= room:
            return [self.figure, *self.followers]
        return [self.followers[0], Float(self.figure, self.followers[1:])]


def _floats(parts: list[Flowable]) -> list[Flowable]:
    """Each figure standing in `parts` (after their first part) may let the
    parts after it go first (`Float`)."""
    for i, part in enumerate(parts):
        if i and isinstance(part, FigureBlock) and i + 1 < len(parts):
            return [*parts[:i], Float(part, _floats(parts[i + 1 :]))]
    return parts


class _Doc(BaseDocTemplate):
    # where the text ended: the page and the frame's y (for `render_article`'s
    # check of a nearly empty last page)
    last_page = 0
    last_y = 0.0

    first_on_page: Flowable | None = None  # the first thing set on the last page
    _first_page = 0

    def references_alone(self, style: TextStyle) -> bool:
        """The last page starts with the references (`style`: theirs): their
        heading, or the tail of their list."""
        f = self.first_on_page
        head = f.heading() if isinstance(f, Block) else f
        if isinstance(head, SectionHeading):
            return head.bookmark_key == "references"
        first = f.parts[0] if isinstance(f, Block) and f.parts else f
        return isinstance(first, SetText) and first.para.style == style

    def filterFlowables(self, flowables):
        while flowables and isinstance(flowables[0], Float):
            flowables[0:1] = flowables[0].resolve(self.frame)

    def afterFlowable(self, flowable):
        if self.page != self._first_page and not isinstance(flowable, ActionFlowable | Spacer):
            # (not page breaks, conditional or not)
            self.first_on_page, self._first_page = flowable, self.page
        if self.frame is not None:
            self.last_page, self.last_y = self.page, self.frame._y
        heading = flowable.heading() if isinstance(flowable, Block) else flowable
        if isinstance(heading, SectionHeading):
            frame = self.frame
            top = frame._y + flowable.height + heading.style.spaceBefore * 0.5
            # first on its page: nothing of the section before above it
            at_top = frame._y + flowable.height >= frame._y2 - heading.style.spaceBefore - 1
            self.canv.mark_heading(heading, min(top, frame._y2), at_top)


def draw_logo(canvas, handout: Handout, x: float, baseline: float) -> float:
    """The theme's logo at the head of the page; returns the room it takes."""
    logo = handout.logo
    if logo is None:
        return 0.0
    pdfkit.draw_picture(canvas, logo.src, x, baseline - 3, logo.width, logo.height)
    return logo.width + 8


def fit_words(text: str, font: str, size: float, width: float) -> str:
    """`text` as it is when it fits, else as many of its whole words as fit
    with an ellipsis (a single long word is cut)."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1:
        words.pop()
        head = " ".join(words).rstrip(" ,;:·—–-")
        if pdfmetrics.stringWidth(head + "…", font, size) <= width:
            return head + "…"
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _draw_header(
    canvas: Canvas, handout: Handout, names: pdfkit.FontNames, running: str, logo_w: float
) -> None:
    """The running head of a page after the first: the section the page starts
    in at the right, whole where the measure allows; the handout's header at
    the left (after the logo) in the room left, dropped when too little is
    left for it; a rule."""
    g = handout.geometry
    size = handout.styles.header.size
    room = g.column - logo_w
    right = fit_words(running, names.bold, size, room)
    left_room = room - pdfmetrics.stringWidth(right, names.bold, size) - 18
    left = ""
    if left_room >= min(MIN_HEAD, pdfmetrics.stringWidth(handout.header, names.regular, size)):
        left = fit_words(handout.header, names.regular, size, left_room)
    canvas.setFillColor(pdfkit.color(handout.styles.header.color))
    canvas.setFont(names.regular, size)
    canvas.drawString(g.left + logo_w, g.header_y, left)
    canvas.setFont(names.bold, size)
    canvas.drawRightString(g.right, g.header_y, right)
    canvas.setStrokeColor(pdfkit.color(handout.palette.rule))
    canvas.setLineWidth(0.5)
    canvas.line(g.left, g.header_y - 5, g.right, g.header_y - 5)


MIN_HEAD = 72.0  # points: a shortened left running head narrower than this is dropped


def _draw_footer(canvas: Canvas, handout: Handout, names: pdfkit.FontNames, page: str) -> None:
    """The page number at the right, the handout's footer (if any) at the left,
    on one or two lines as the layout broke it."""
    g = handout.geometry
    style = handout.styles.footer
    pw = pdfmetrics.stringWidth(page, names.regular, style.size)
    canvas.setFillColor(pdfkit.color(style.color))
    canvas.setFont(names.regular, style.size)
    canvas.drawRightString(g.right, g.footer_y, page)
    lines = footer_text(handout, names.regular, g.column - pw - 18)
    for i, line in enumerate(lines):
        canvas.drawString(g.left, g.footer_y - i * style.leading, line)


def footer_text(handout: Handout, font: str, width: float) -> tuple[str, ...]:
    """The footer's lines as the layout broke them (a hand-made model without
    them: the footer on one line, shortened at a word)."""
    if handout.footer_lines or not handout.footer:
        return handout.footer_lines
    return (fit_words(handout.footer, font, handout.styles.footer.size, width),)


def _bookmark(canvas: Canvas, marks: list[tuple[SectionHeading, float]]) -> None:
    """The page's section headings as bookmarks and entries of the PDF's outline."""
    for heading, top in marks:
        canvas.bookmarkHorizontal(heading.bookmark_key, 0, top)
        canvas.addOutlineEntry(
            heading.outline_title,
            heading.bookmark_key,
            level=heading.outline_level,
            closed=False,
        )


def _paged_canvas(handout: Handout, ts: Typesetter):
    """A canvas that draws header and footer last, once the page count is known."""
    g = handout.geometry
    hnames = ts.names(handout.styles.header.font)
    fnames = ts.names(handout.styles.footer.font)

    class PagedCanvas(TaggedCanvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, language=handout.language, **kwargs)
            self._pages: list[tuple[dict, str | None, list]] = []
            self._running: str | None = None  # the section the page starts in
            self._first_on_page: str | None = None  # a section starting at the page's top
            self._page_start: str | None = None  # the section in force at the page's top
            self._marks: list[tuple[SectionHeading, float]] = []

        def mark_heading(self, heading: SectionHeading, top: float, at_top: bool) -> None:
            # Bookmarks point at real pages, which exist only once save()
            # replays them: keep them with the page until then.
            self._marks.append((heading, top))
            if heading.running is not None:
                if at_top and not self._marks[:-1]:
                    self._first_on_page = heading.running
                self._running = heading.running

        def showPage(self):
            # The section the page's top belongs to: a figure carried over to
            # the head of a page stays under its own section's name.
            running = self._first_on_page or self._page_start
            self.tagger.next_page()  # the page's artifact closes after its furniture
            self._pages.append((dict(self.__dict__), running, self._marks))
            self._page_start = self._running
            self._first_on_page = None
            self._marks = []
            self._startPage()

        def save(self):
            total = len(self._pages)
            self.showOutline()  # open the bookmarks panel: the handout's table of contents
            for number, (state, running, marks) in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                _bookmark(self, marks)
                self._furniture(number, total, running)
                self.close_artifact()  # the page's, opened at its start
                Canvas.showPage(self)
            TaggedCanvas.save(self)

        def _furniture(self, number: int, total: int, running: str | None) -> None:
            self.saveState()
            logo_w = draw_logo(self, handout, g.left, g.header_y)
            if number > 1:
                _draw_header(self, handout, hnames, running or "", logo_w)
            _draw_footer(self, handout, fnames, handout.words.page(number, total))
            self.restoreState()

    return PagedCanvas


def _cover(block: Cover, ts: Typesetter) -> list[Flowable]:
    st = ts.handout.styles
    out: list[Flowable] = [ts.para(block.title, st.title, "title")]
    if block.subtitle is not None:
        out.append(ts.para(block.subtitle, st.subtitle, "subtitle"))
    if block.byline:
        out.append(ts.para(block.byline, st.byline, "byline"))
    if block.source:
        out.append(ts.para(block.source, st.source, "source"))
    if block.figure is not None:
        out.append(Spacer(0, st.body.size * 0.4))
        out.extend(_figure(block.figure, ts))
    out.append(
        Rule(
            ts.handout.palette.accent,
            1.2,
            st.body.size * 0.2,
            st.body.size * 0.6,
            width_fraction=0.18,
        )
    )
    return out


def _figure(fig: Figure, ts: Typesetter) -> list[Flowable]:
    st = ts.handout.styles
    picture = Picture(fig)
    parts: list[Flowable] = [Spacer(0, st.body.size * 0.6), picture]
    if fig.caption_set is not None:
        parts.append(_set(fig.caption_set, ts, role="Caption"))
    elif fig.caption is not None:
        parts.append(ts.para(fig.caption, st.caption, "caption"))
    if fig.credit_set is not None:
        parts.append(_set(fig.credit_set, ts))
    elif fig.credit is not None:
        parts.append(ts.para(fig.credit, st.credit, "credit"))
    else:
        parts.append(Spacer(0, st.credit.space_after))
    return [FigureBlock(parts, picture)]


def _heading(
    title_runs, number: int | None, key: str, ts: Typesetter, running: str | None
) -> SectionHeading:
    st = ts.handout.styles
    text = ts.markup(title_runs, st.heading)
    plain = "".join(r.text for r in title_runs)
    if number is not None:
        num = pdfkit.escape(str(number))
        text = f'<font color="{st.heading_number.color}">{num}</font>&#160;&#160;&#160;{text}'
        plain = f"{number}  {plain}"
    return SectionHeading(
        text, ts.pstyle(st.heading, "heading"), key=key, outline_title=plain, running=running
    )


def _section(block: SectionBlock, ts: Typesetter) -> list[Flowable]:
    st = ts.handout.styles
    heading = _heading(block.title.runs, block.number, f"section-{block.id}", ts, block.title.plain)
    body: list[Flowable] = []
    body_names = ts.names(st.body.font)
    for para in block.prose:
        body.append(SetText(para, body_names, ts.handout.palette.accent))
    for slide in block.slides:
        body.extend(_slide(slide, ts))
    if block.figure is not None:
        body.extend(_figure(block.figure, ts))
    if block.quote_set is not None:
        body.extend(_quote(block.quote_set, ts))
    if len(block.key_points) == 1:
        # one point left (the others are on the section's slides): no list of
        # one, but the point under its singular head
        label = ts.para((Run(ts.handout.words.key_point),), st.label, "label")
        point = _set(replace(block.key_points[0], bullet=None), ts)
        body.append(Block([label, point]))
    elif block.points:
        label = ts.para((Run(ts.handout.words.key_points),), st.label, "label")
        # a short list whole, a long one split only after its first two items
        body.extend(_kept(label, _list(block.key_points, ts)))
    if block.speaker_notes:
        label = ts.para((Run(ts.handout.words.speaker_notes),), st.notes_label, "notes-label")
        paras = [q for p in block.speaker_notes for q in _long_para(p, st.speaker_notes, ts)]
        body.append(Block([label, paras[0]]))
        body.extend(paras[1:])
    if block.notes_lines:
        label = ts.para((Run(ts.handout.words.notes),), st.notes_label, "notes-label")
        body.append(RuledNotes(label, block.notes_lines, st.notes_pitch, ts.handout.palette.rule))
    return _keep_heading(heading, _floats(_bind_to_next(body)), ts)


def _bind_to_next(parts: list[Flowable]) -> list[Flowable]:
    """A part that reads as a heading (a statement slide's text) kept with the
    start of what follows it: the next block whole (a slide's title with its
    figure), or a long paragraph's first two lines."""
    for i, part in enumerate(parts):
        if getattr(part, "keep_with_next", False) and i + 1 < len(parts):
            first, rest = _lead(parts[i + 1 :])
            return [*parts[:i], Block([part, first]), *_bind_to_next(rest)]
    return parts


def _long_para(text: Text, style: TextStyle, ts: Typesetter) -> list[Paragraph]:
    """Paragraphs of any length, in pieces reportlab paginates quickly."""
    cut = pieces(text.runs)
    if len(cut) == 1:
        return [ts.para(text, style, "speaker-notes")]
    inner = replace(style, space_before=0, space_after=0)
    first, last = (
        replace(inner, space_before=style.space_before),
        replace(inner, space_after=style.space_after),
    )
    styles = [first, *[inner] * (len(cut) - 2), last]
    return [ts.para(runs, s, "speaker-notes") for runs, s in zip(cut, styles, strict=True)]


def _set(
    para: SetParagraph, ts: Typesetter, bar: str | None = None, role: str | None = None
) -> SetText:
    """`role`: its role in the tagged PDF, if not a paragraph or list item."""
    text = SetText(para, ts.names(para.style.font), ts.handout.palette.accent, bar=bar)
    if role is not None:
        text.tag_role = role
    return text


KEEP_WHOLE = 4  # lines: a longer paragraph sends only its first two ahead with a heading


def _lead(parts: list[Flowable]) -> tuple[Flowable, list[Flowable]]:
    """What must stay with a heading above `parts`, and the rest: the first
    part, or a long paragraph's first two lines (the rest still splits)."""
    first, rest = parts[0], parts[1:]
    if isinstance(first, SetText) and len(first.lines) > KEEP_WHOLE:
        para, names, ink, bar = first.para, first.names, first.link_color, first.bar
        head = SetText(para, names, ink, first.lines[:2], True, False, bar)
        return head, [SetText(para, names, ink, first.lines[2:], False, True, bar), *rest]
    return first, rest


def _kept(head: Flowable | None, parts: list[Flowable]) -> list[Flowable]:
    """`head` with the start of `parts`, never alone at the foot of a page."""
    if head is None or not parts:
        return [head, *parts] if head is not None else parts
    first, rest = _lead(parts)
    return [Block([head, first]), *rest]


KEEP_LIST = 10  # lines: a list this short stays on one page


def _list(items: tuple[SetParagraph, ...], ts: Typesetter) -> list[Flowable]:
    """A short list kept together; a long one keeps two items together at
    each end, so no item stands alone at a page's foot or head."""

    def together(paras: tuple[SetParagraph, ...]) -> list[Flowable]:
        parts: list[Flowable] = [_set(p, ts) for p in paras]
        short = sum(len(p.lines) for p in paras) <= KEEP_LIST
        return [Block(parts)] if short and parts else parts

    if sum(len(p.lines) for p in items) <= KEEP_LIST or len(items) <= 4:
        return together(items)
    middle: list[Flowable] = [_set(p, ts) for p in items[2:-2]]
    return [*together(items[:2]), *middle, *together(items[-2:])]


def _quote(quote: SetQuote, ts: Typesetter) -> list[Flowable]:
    """Set apart by an accent bar; the attribution stays with the last lines."""
    text = _set(quote.text, ts, bar=ts.handout.palette.accent, role="BlockQuote")
    if quote.by is None:
        return [text]
    by = _set(quote.by, ts)
    if len(text.lines) <= KEEP_WHOLE:
        return [Block([text, by])]
    lines = text.lines
    head = SetText(text.para, text.names, text.link_color, lines[:-2], True, False, text.bar)
    tail = SetText(text.para, text.names, text.link_color, lines[-2:], False, True, text.bar)
    head.tag_role = tail.tag_role = text.tag_role
    return [head, Block([tail, by])]


class SideBySide(Flowable):
    """Two columns next to each other, top-aligned, a hairline between them;
    kept together (the layout sends only short pairs here)."""

    tag_role = GROUP

    def __init__(
        self, columns: list[Flowable], width: float, gap: float, rule: str, space: float
    ) -> None:
        super().__init__()
        self.columns, self.col_width, self.gap, self.rule = columns, width, gap, rule
        self.spaceBefore = self.spaceAfter = space

    def wrap(self, aw, ah):
        self.heights = [c.wrap(self.col_width, ah)[1] for c in self.columns]
        self.width, self.height = aw, max(self.heights, default=0.0)
        return aw, self.height

    def draw(self):
        for i, (col, h) in enumerate(zip(self.columns, self.heights, strict=True)):
            draw_part(col, self.canv, i * (self.col_width + self.gap), self.height - h)
        x = self.col_width + self.gap / 2
        self.canv.setStrokeColor(pdfkit.color(self.rule))
        self.canv.setLineWidth(0.5)
        self.canv.line(x, 0, x, self.height)


def _column(col: SetColumn, ts: Typesetter) -> list[Flowable]:
    items = _list(col.items, ts)
    if col.heading is None:
        return items
    head = Block([_set(col.heading, ts, role="H4"), Rule(ts.handout.palette.accent, 0.8, 0, 4)])
    return _kept(head, items)


def _columns(block: SetColumns, ts: Typesetter) -> list[Flowable]:
    if block.side_by_side:
        pal, size = ts.handout.palette, ts.handout.styles.body.size
        cols: list[Flowable] = [Block(_column(c, ts)) for c in block.columns]
        return [SideBySide(cols, block.width, block.gap, pal.rule, size * 0.4)]
    out: list[Flowable] = []
    for i, col in enumerate(block.columns):
        if i:
            out.append(Spacer(0, ts.handout.styles.body.size * 0.5))
        out.extend(_column(col, ts))
    return out


def _slide(block: SlideBlock, ts: Typesetter) -> list[Flowable]:
    """An explicit slide in its section: its title as a small heading, kept
    with the start of what follows, then its lists, columns, figure, quote,
    statement or pointer to the key dates."""
    accent = ts.handout.palette.accent
    body: list[Flowable] = []
    for part in block.parts:
        if isinstance(part, SetList):
            if not body and block.heading is None:
                # apart from the caption or text above it
                body.append(Spacer(0, ts.handout.styles.body.size * 0.5))
            body.extend(_list(part.items, ts))
        elif isinstance(part, SetColumns):
            body.extend(_columns(part, ts))
        elif isinstance(part, Figure):
            body.extend(_figure(part, ts))
        elif isinstance(part, SetQuote):
            body.extend(_quote(part, ts))
        elif isinstance(part, Statement):
            statement = _set(part.text, ts, bar=accent)
            statement.keep_with_next = True  # reads as a heading: never alone at a foot
            body.append(statement)
        elif isinstance(part, Pointer):
            body.append(_set(part.text, ts))
        elif isinstance(part, BlockPart):
            body.extend(_block(part, ts))
    head = _set(block.heading, ts, role="H3") if block.heading is not None else None
    return _kept(head, body)


def _block(part: BlockPart, ts: Typesetter) -> list[Flowable]:
    """Each piece (a table's pages, a listing's pages) a flowable; the caption under the last."""
    st = ts.handout.styles
    out: list[Flowable] = [BlockFlowable(piece, st.body.font) for piece in part.pieces]
    if part.caption is not None:
        out.append(_set(part.caption, ts))
    else:
        out.append(Spacer(0, st.body.size * 0.6))
    return out


def _keep_heading(heading: SectionHeading, body: list[Flowable], ts: Typesetter) -> list[Flowable]:
    """No heading alone at the foot of a page: it needs room for itself and the
    first lines of what follows, or it moves to the next page with them."""
    st = ts.handout.styles
    need = (
        st.heading.space_before
        + st.heading.leading * 2
        + st.heading.space_after
        + st.body.leading * st.keep_lines
    )
    if (
        body
        and isinstance(body[0], SetText | Paragraph)
        and not isinstance(body[0], SectionHeading)
    ):
        # Prose splits; the condition above leaves room for its first lines.
        return [CondPageBreak(need), heading, *body]
    if body:
        return [CondPageBreak(need), Block([heading, body[0]]), *body[1:]]
    return [CondPageBreak(need), heading]


class TimelineStrip(Flowable):
    """The key dates' timeline to scale, drawn as the layout placed it (an
    artifact in the tagged PDF: the table under it says every date)."""

    tag_role = ARTIFACT

    def __init__(self, strip: Strip, names: pdfkit.FontNames) -> None:
        super().__init__()
        self.strip, self.names = strip, names
        self.width, self.height = strip.width, strip.height

    def wrap(self, aw, ah):
        return self.width, self.height

    def draw(self):
        s, canv = self.strip, self.canv

        def y(v: float) -> float:  # the strip is y-down from its top
            return s.height - v

        canv.saveState()
        for band in s.bands:
            canv.setFillColor(pdfkit.color(band.color))
            canv.rect(band.x0, y(band.bottom), band.x1 - band.x0, band.bottom - band.top, 0, 1)
        canv.setStrokeColor(pdfkit.color(s.axis_color))
        canv.setLineWidth(0.8)
        for x0, x1 in s.axis:
            canv.line(x0, y(s.axis_y), x1, y(s.axis_y))
        for (x0, y0), (x1, y1) in s.breaks:
            canv.line(x0, y(y0), x1, y(y1))
        canv.setLineWidth(0.5)
        for x, labelled in s.ticks:
            length = s.tick_length if labelled else s.tick_length * 0.6
            canv.line(x, y(s.axis_y), x, y(s.axis_y + length))
        for bar in s.bars:
            canv.setFillColor(pdfkit.color(bar.color))
            h = bar.height
            canv.roundRect(bar.x0, y(bar.y) - h / 2, bar.x1 - bar.x0, h, h / 2, 0, 1)
        canv.restoreState()
        for m in s.marks + s.legend:
            pdfkit.draw_marker(canv, m.x, y(m.y), m.size, m.shape, m.color, m.background)
        for t in s.texts:
            canv.setFillColor(pdfkit.color(t.color))
            canv.setFont(self.names.regular, t.size)
            canv.drawString(t.x, y(t.baseline), t.text)


class MarkedDate(Flowable):
    """A table row's date with its group's marker before it."""

    INDENT = MARK_INDENT  # the date's indent, in marker widths

    def __init__(self, para: Paragraph, size: float, shape: str, colour: str) -> None:
        super().__init__()
        self.para, self.size, self.shape, self.colour = para, size, shape, colour
        self.indent = size * self.INDENT

    def wrap(self, aw, ah):
        w, self.h = self.para.wrap(aw - self.indent, ah)
        self.width, self.height = aw, self.h
        return aw, self.h

    def draw(self):
        self.para.drawOn(self.canv, self.indent, 0)
        size = self.para.style.fontSize
        # Centred on the first line's lower-case letters (platypus sets the
        # first baseline one font size below the top).
        cy = self.h - size + size * 0.3
        pdfkit.draw_marker(
            self.canv, self.size / 2, cy, self.size, self.shape, self.colour, "#FFFFFF"
        )


def _key_dates(block: KeyDates, ts: Typesetter, pull: int = 0) -> list[Flowable]:
    """`pull`: the last rows to carry over to a page of their own (0: none)."""
    st = ts.handout.styles
    g = ts.handout.geometry
    heading = _heading(block.title.runs, None, "key-dates", ts, block.title.plain)
    w = ts.handout.words

    def head_cells() -> list[Flowable]:
        cells = [
            ts.para((Run(w.date),), st.table_head, "th"),
            ts.para((Run(w.event),), st.table_head, "th"),
        ]
        if block.show_groups:
            cells.append(ts.para((Run(block.groups_label or w.group),), st.table_head, "th"))
        return cells

    rows: list[list] = [head_cells()]
    for row in block.rows:
        cell: list[Flowable] = [
            _set(row.title_set, ts) if row.title_set else ts.para(row.title, st.table_date)
        ]
        if row.text_set is not None:
            cell.append(_set(row.text_set, ts))
        elif row.text is not None:
            cell.append(ts.para(row.text, st.table_cell, "td"))
        when = ts.para((Run(whole_dates(row.when)),), st.table_cell, "td-date")
        if block.mark_size:
            when = MarkedDate(when, block.mark_size, row.shape, row.color)
        line = [when, cell]
        if block.show_groups:
            line.append(ts.para((Run(row.group),), st.table_cell, "td-group"))
        rows.append(line)
    date_w = (block.date_width or g.column * 0.23) + block.mark_size * MarkedDate.INDENT
    group_w = (block.group_width or g.column * 0.21) if block.show_groups else 0
    widths = [date_w, g.column - date_w - group_w] + ([group_w] if block.show_groups else [])
    tables: list[Flowable] = [_date_table(rows, widths, ts)]
    if 0 < pull < len(rows) - 3:
        # the last rows carried over to the last page, so that what follows
        # (the references) does not stand alone there
        first = _date_table(rows[:-pull], widths, ts)
        rest = _date_table([head_cells(), *rows[-pull:]], widths, ts)
        # one Table in the tagged PDF, as a table split over pages is: the
        # repeated head row an artifact
        rest.tag_key, rest.continued = first, True
        tables = [first, PageBreak(), rest]
    need = st.heading.space_before + st.heading.leading + st.table_cell.leading * 6
    if block.strip is None:
        return [CondPageBreak(need), heading, Spacer(0, 2), *tables]
    strip = TimelineStrip(block.strip, ts.names(block.strip.font))
    need += block.strip.height
    # The heading stays with its strip; the table flows on after them.
    return [CondPageBreak(need), Block([heading, strip]), Spacer(0, st.body.size), *tables]


def _date_table(rows: list[list], widths: list[float], ts: Typesetter) -> TaggedTable:
    """The key dates' table (its head row repeated on each page it runs to)."""
    st, pal = ts.handout.styles, ts.handout.palette
    table = TaggedTable(rows, colWidths=widths, repeatRows=1, splitByRow=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                # every cell is a Paragraph; this only keeps reportlab's default
                # Helvetica (never embedded) out of the file
                ("FONTNAME", (0, 0), (-1, -1), ts.names(st.table_cell.font).regular),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, pdfkit.color(pal.accent)),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, pdfkit.color(pal.rule)),
                # no row alone at a page's head or foot: the first two and
                # the last two stay together
                *(
                    [("NOSPLIT", (0, 1), (-1, 2)), ("NOSPLIT", (0, -2), (-1, -1))]
                    if len(rows) > 4
                    else []
                ),
            ]
        )
    )
    return table


def _references(block: References, ts: Typesetter) -> list[Flowable]:
    st = ts.handout.styles
    heading = _heading(block.title.runs, None, "references", ts, block.title.plain)
    # kept two at each end: no reference alone at a page's head or foot
    items: list[Flowable] = _list(block.set_items, ts)
    if not block.set_items:  # a hand-made model: let reportlab set them
        for i, ref in enumerate(block.items, start=1):
            runs = reference_runs(ref)
            items.append(
                Paragraph(
                    ts.markup(runs, st.reference),
                    ts.pstyle(st.reference, "ref"),
                    bulletText=f"{i}.",
                )
            )
    return _keep_heading(heading, items, ts)


def story(handout: Handout, ts: Typesetter, pull: int = 0) -> list[Flowable]:
    """`pull`: the key dates' last rows carried over to the last page."""
    out: list[Flowable] = []
    for block in handout.blocks:
        if isinstance(block, Cover):
            out.extend(_cover(block, ts))
        elif isinstance(block, SectionBlock):
            out.extend(_section(block, ts))
        elif isinstance(block, KeyDates):
            out.extend(_key_dates(block, ts, pull))
        elif isinstance(block, References):
            out.extend(_references(block, ts))
    return out


def register_fonts(handout: Handout) -> dict[str, pdfkit.FontNames]:
    families = sorted({handout.styles.heading.font, handout.styles.body.font})
    return {f: pdfkit.register_family(f) for f in families}


def metadata(handout: Handout) -> pdfkit.Metadata:
    return pdfkit.Metadata(
        handout.title, handout.author, handout.subject, handout.keywords, handout.language
    )


SHORT_LAST_PAGE = 0.3  # of the text block: a last page filled less is run back
# Pages: a longer document is set once (the second setting doubles the time,
# and one page saved matters less in a book than on a handout).
LONG_PAGE_MAX = 40


def render_article(handout: Handout) -> bytes:
    """The article as PDF. A last page holding only a short end (a few lines,
    one block) is avoided when a text block one line longer (a 'long page',
    as books run them) brings it back onto the page before; a last page
    holding only the references (or their list's tail) takes the key dates'
    last rows with them."""
    data, doc = _render(handout, 0.0)
    g = handout.geometry
    fill = (g.top - doc.last_y) / g.frame_height
    if 1 < doc.last_page <= LONG_PAGE_MAX and fill < SHORT_LAST_PAGE:
        longer, doc2 = _render(handout, handout.styles.body.leading)
        if doc2.last_page < doc.last_page:
            return longer
    kinds = [type(b) for b in handout.blocks[-2:]]
    if 1 < doc.last_page <= LONG_PAGE_MAX and fill < 0.5 and kinds == [KeyDates, References]:
        refs = handout.styles.reference
        for pull in PULL_ROWS if doc.references_alone(refs) else ():
            pulled, doc3 = _render(handout, 0.0, pull)
            if doc3.last_page == doc.last_page and not doc3.references_alone(refs):
                return pulled
    return data


PULL_ROWS = (3, 5)  # key-dates rows tried on the last page with the references


def _render(handout: Handout, longer: float, pull: int = 0) -> tuple[bytes, _Doc]:
    """The PDF, its text block `longer` points deeper than the geometry's,
    the key dates' last `pull` rows carried over to the last page."""
    fonts = register_fonts(handout)
    ts = Typesetter(handout, fonts)
    g = handout.geometry
    buf = io.BytesIO()
    doc = _Doc(
        buf,
        pagesize=(g.width, g.height),
        leftMargin=g.left,
        rightMargin=g.width - g.right,
        topMargin=g.height - g.top,
        bottomMargin=g.bottom - longer,
        showBoundary=0,
        **pdfkit.doc_kwargs(metadata(handout), fonts[handout.styles.body.font].regular),
    )
    frame = TaggedFrame(
        g.left,
        g.bottom - longer,
        g.column,
        g.frame_height + longer,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="text",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story(handout, ts, pull), canvasmaker=_paged_canvas(handout, ts))
    return pdfkit.finish(doc.canv, buf, saved=True), doc
