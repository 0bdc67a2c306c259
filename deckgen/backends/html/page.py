"""The talk as one self-contained web page: slides, timeline, handout text.

Everything the page shows is inside it: the fonts (cut down to the
characters the page uses) and pictures as `data:` URIs, the style sheet and
the script inline. It loads nothing from anywhere.
"""

from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path

from fontTools import subset

from deckgen import fonts as deckfonts
from deckgen import images
from deckgen.color import readable_on
from deckgen.layout.common.blocks import ChartBlock, CodeBlock, TableBlock
from deckgen.layout.common.images import NO_CROP, figure_crop
from deckgen.layout.common.plan import Talk
from deckgen.layout.common.words import lang
from deckgen.layout.deck.model import Deck, Picture, Slide, TextBox
from deckgen.outline.model import Image, Outline, Point, Run, Section, Text

from .assets import SCRIPT, STYLE
from .svg import css_family, num, slide_svg
from .timeline import ZOOMS, timeline_svg

__all__ = ["render_page", "section_of_slides"]

# The page's own headings, by language (English for any other).
_PAGE_WORDS = {
    "en": ("Slides", "Handout"),
    "ru": ("Слайды", "Раздаточный материал"),
    "uk": ("Слайди", "Роздатковий матеріал"),
    "de": ("Folien", "Handout"),
    "fr": ("Diapositives", "Document"),
    "es": ("Diapositivas", "Material"),
}


def _page_words(talk: Talk) -> tuple[str, str]:
    return _PAGE_WORDS.get(lang(talk.language), _PAGE_WORDS["en"])


Face = tuple[str, bool, bool]  # family, bold, italic


def render_page(talk: Talk, deck: Deck) -> str:
    """The whole page, as text."""
    outline = talk.outline
    pictures = _Pictures()
    body = "".join(
        [
            _header(talk),
            _contents(talk, deck),
            "<main>",
            _slides(talk, deck, pictures),
            _timeline(talk),
            _handout(talk),
            "</main>",
            _footer(talk),
        ]
    )
    faces = _faces(talk, deck)
    title = escape(outline.title.plain)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(outline.language)}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="deckgen">\n'
        # No request may leave the file: say so to the browser too.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "img-src data:; font-src data:; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; connect-src 'self'\">\n"
        f"<title>{title}</title>\n<style>\n{_font_faces(faces, body)}{_theme_css(talk)}"
        f"{STYLE}</style>\n</head>\n<body>\n"
        f"{pictures.defs()}{body}\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n"
    )


# ---------------------------------------------------------------- pictures


class _Pictures:
    """Every picture the slides draw, inlined once as an <image> in <defs>
    (in colour and, for the print theme, in greyscale)."""

    def __init__(self) -> None:
        self._ids: dict[tuple[Path, bool], str] = {}

    def __call__(self, picture: Picture) -> str:
        key = (picture.src, picture.grey)
        return self._ids.setdefault(key, f"pic-{len(self._ids) + 1}")

    def defs(self) -> str:
        if not self._ids:
            return ""
        parts = ['<svg class="defs" aria-hidden="true" width="0" height="0"><defs>']
        for (src, grey), pid in self._ids.items():
            parts.append(
                f'<image id="{pid}" width="1" height="1" preserveAspectRatio="none" '
                f'href="{data_uri(src, grey)}"/>'
            )
        parts.append("</defs></svg>\n")
        return "".join(parts)


def data_uri(src: Path, grey: bool = False) -> str:
    """The picture as a `data:` URI; `grey`: its greyscale version (a PNG)."""
    data = images.grey(src) if grey else images.data(src)
    kind = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


# ---------------------------------------------------------------- fonts


def _faces(talk: Talk, deck: Deck) -> list[Face]:
    theme = talk.theme.fonts
    found: set[Face] = {
        (theme.heading, True, False),
        (theme.body, False, False),
        (theme.body, True, False),
        (theme.body, False, True),
    }
    for slide in deck.slides:
        for el in slide.elements:
            if isinstance(el, CodeBlock):
                found.update((el.font, r.bold, r.italic) for ln in el.lines for r in ln.runs)
            elif isinstance(el, ChartBlock):
                found.add((el.font, False, False))
            elif isinstance(el, TableBlock):
                found.update((p.font, p.bold, p.italic) for row in el.rows for p in row)
            if isinstance(el, TextBox):
                for p in el.paragraphs:
                    found.add((p.font, p.bold, p.italic))
                    for line in p.lines:
                        found.update(
                            (p.font, p.bold or r.bold, p.italic or r.italic) for r in line.runs
                        )
    return sorted(found)


_subsets: dict[tuple[Path, str], str] = {}


def _subset(path: Path, text: str) -> str:
    """The font at `path` cut down to the characters of `text`, as base64 WOFF-less TTF."""
    key = (path, hashlib.sha256(text.encode()).hexdigest())
    if key not in _subsets:
        options = subset.Options()
        options.name_IDs = ["*"]
        options.notdef_outline = True
        options.layout_features = ["kern", "liga"]
        font = subset.load_font(str(path), options)
        sub = subset.Subsetter(options)
        sub.populate(text=text)
        sub.subset(font)
        buf = io.BytesIO()
        font.save(buf)
        _subsets[key] = base64.b64encode(buf.getvalue()).decode("ascii")
    return _subsets[key]


def _font_faces(faces: Sequence[Face], text: str) -> str:
    chars = "".join(sorted(set(text) | set(" -–—…0123456789/‹›")))
    rules = []
    for family, bold, italic in faces:
        path = deckfonts.family(family).face(bold=bold, italic=italic).path
        rules.append(
            f'@font-face{{font-family:"{css_family(family)}";'
            f"font-weight:{'bold' if bold else 'normal'};"
            f"font-style:{'italic' if italic else 'normal'};"
            f'src:url("data:font/ttf;base64,{_subset(path, chars)}") format("truetype")}}\n'
        )
    return "".join(rules)


def _theme_css(talk: Talk) -> str:
    c, f = talk.theme.colors, talk.theme.fonts
    # links and headings' rules in the accent where it reads on the background
    accent = readable_on(c.background, c.accent, c.text)
    return (
        f":root{{--bg:{c.background};--text:{c.text};--muted:{c.muted};--accent:{accent};"
        f'--heading:"{css_family(f.heading)}",sans-serif;'
        f'--body:"{css_family(f.body)}",sans-serif}}\n'
    )


# ---------------------------------------------------------------- parts


def inline(runs: Iterable[Run]) -> str:
    """Runs as HTML (bold, italic, scripts, links)."""
    out = []
    for run in runs:
        text = escape(run.text)
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.rise:  # a script of inline math, as the PDFs draw it
            text = f"<sup>{text}</sup>" if run.rise > 0 else f"<sub>{text}</sub>"
        if run.link:
            text = f'<a href="{escape(run.link)}">{text}</a>'
        out.append(text)
    return "".join(out)


def _header(talk: Talk) -> str:
    o = talk.outline
    lines = [
        f'<a class="skip" href="#slides">{escape(_page_words(talk)[0])}</a>'
        f'<header class="page-header"><h1>{inline(o.title.runs)}</h1>'
    ]
    if o.subtitle:
        lines.append(f'<p class="subtitle">{inline(o.subtitle.runs)}</p>')
    by = [inline(o.author.runs)] if o.author else []
    if o.date:
        by.append(escape(o.date))
    if by:
        lines.append(f'<p class="byline">{" · ".join(by)}</p>')
    lines.append("</header>\n")
    return "".join(lines)


def section_of_slides(outline: Outline, deck: Deck) -> list[int | None]:
    """For each slide, the index of the outline section it comes from: the
    last section starting at or before the slide's line (None: the title,
    agenda and closing slides, and slides from elsewhere, e.g. the timeline)."""
    starts = [(s.location.line, s.location.file, i) for i, s in enumerate(outline.sections)]
    out: list[int | None] = []
    for slide in deck.slides:
        loc = slide.location
        owner = None
        if slide.kind not in ("title", "agenda", "closing") and loc.line:
            for line, file, i in starts:
                if file == loc.file and line <= loc.line:
                    owner = i
        out.append(owner)
    return out


def _slide_title(talk: Talk, slide: Slide, n: int) -> str:
    return slide.title or f"{talk.words.slide} {n}"


def _contents(talk: Talk, deck: Deck) -> str:
    outline = talk.outline
    owners = section_of_slides(outline, deck)
    first: dict[int, int] = {}
    for n, owner in enumerate(owners):
        if owner is not None:
            first.setdefault(owner, n)
    items = []
    for i, section in enumerate(outline.sections):
        target = f"#slide-{first[i] + 1}" if i in first else f"#handout-{escape(section.id)}"
        items.append(f'<li><a href="{target}">{inline(section.title.runs)}</a></li>')
    extra = []
    if outline.timeline:
        extra.append(f'<li><a href="#timeline">{escape(talk.words.timeline)}</a></li>')
    extra.append(f'<li><a href="#handout">{escape(_page_words(talk)[1])}</a></li>')
    return (
        '<nav class="contents" aria-labelledby="contents-h"><h2 id="contents-h">'
        f"{escape(talk.words.agenda)}</h2><ol>{''.join(items)}</ol>"
        f'<ul class="parts">{"".join(extra)}</ul></nav>\n'
    )


def _slides(talk: Talk, deck: Deck, pictures: _Pictures) -> str:
    total = len(deck.slides)
    w = talk.words
    parts = [
        '<section id="slides" class="slides" aria-labelledby="slides-h">'
        f'<h2 id="slides-h" class="visually-hidden">{escape(_page_words(talk)[0])}</h2>'
        f'<div class="stage" style="--ratio:{deck.width / deck.height:.4f}">'
    ]
    for n, slide in enumerate(deck.slides):
        title = _slide_title(talk, slide, n + 1)
        label = f"{n + 1} / {total}: {title}"
        parts.append(
            f'<section class="slide" id="slide-{n + 1}" data-kind="{slide.kind}" '
            f'aria-roledescription="slide" aria-label="{escape(label)}">'
            f'<h3 class="visually-hidden">{escape(title)}</h3>'
            f"{slide_svg(slide, deck, n, pictures)}{_notes(talk, slide)}</section>"
        )
    parts.append(
        "</div>"
        '<div class="controls" role="group" aria-label="slides">'
        '<button type="button" class="prev" aria-label="previous slide" '
        'title="← / PageUp">‹</button>'
        f'<span class="counter" aria-live="polite">1 / {total}</span>'
        '<button type="button" class="next" aria-label="next slide" '
        'title="→ / PageDown / Space">›</button>'
        f'<button type="button" class="notes-toggle" aria-pressed="false" title="N">'
        f"{escape(w.speaker_notes)} (N)</button>"
        "</div></section>\n"
    )
    return "".join(parts)


def _notes(talk: Talk, slide: Slide) -> str:
    if not slide.notes:
        return ""
    paras = "".join(f"<p>{inline(p.runs)}</p>" for p in slide.notes)
    return (
        f'<aside class="notes" aria-label="{escape(talk.words.speaker_notes)}">'
        f"<h4>{escape(talk.words.speaker_notes)}</h4>{paras}</aside>"
    )


def _timeline(talk: Talk) -> str:
    timeline = talk.outline.timeline
    if timeline is None or not timeline.events:
        return ""
    title = inline(timeline.title.runs) if timeline.title else escape(talk.words.timeline)
    views = "".join(
        f'<div class="zoom-level" data-zoom="{z}"{"" if z == 1 else " hidden"}>'
        f"{timeline_svg(talk, timeline, z)}</div>"
        for z in ZOOMS
    )
    return (
        '<section id="timeline" class="timeline" aria-labelledby="timeline-h">'
        f'<h2 id="timeline-h">{title}</h2>'
        '<div class="zoom" role="group" aria-label="zoom">'
        '<button type="button" class="zoom-out" aria-label="zoom out" title="-">−</button>'
        '<span class="zoom-value">1×</span>'
        '<button type="button" class="zoom-in" aria-label="zoom in" title="+">+</button></div>'
        '<div class="timeline-scroll" tabindex="0" role="region" '
        f'aria-label="{escape(talk.words.timeline)}">'
        f"{views}</div></section>\n"
    )


def _points(points: Sequence[Point]) -> str:
    if not points:
        return ""
    items = []
    for p in points:
        sub = "".join(f"<li>{inline(t.runs)}</li>" for t in p.points)
        items.append(f"<li>{inline(p.text.runs)}{f'<ul>{sub}</ul>' if sub else ''}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _paras(texts: Sequence[Text]) -> str:
    return "".join(f"<p>{inline(t.runs)}</p>" for t in texts)


def _figure(image: Image | None, grey: bool) -> str:
    """A picture in the text, cropped as the handout crops it (`figure_crop`:
    the frame's shape, CSS object-fit and object-position showing the same
    part); `grey`: in greyscale."""
    if image is None:
        return ""
    caption = [inline(image.caption.runs)] if image.caption else []
    if image.credit:
        caption.append(f'<span class="credit">{inline(image.credit.runs)}</span>')
    figcaption = f"<figcaption>{' '.join(caption)}</figcaption>" if caption else ""
    aspect, crop = figure_crop(*images.pixel_size(image.src), image.fit, image.focus)
    style = ""
    if crop != NO_CROP:
        left, top, right, bottom = crop
        # object-position p% lines the picture's p% up with the frame's p%
        x = left / (left + right) if left + right else 0.5
        y = top / (top + bottom) if top + bottom else 0.5
        style = (
            f' style="aspect-ratio:{aspect:.4f};object-fit:cover;'
            f'object-position:{num(x * 100)}% {num(y * 100)}%"'
        )
    img = f'<img src="{data_uri(image.src, grey)}" alt="{escape(image.alt)}"{style}>'
    return f"<figure>{img}{figcaption}</figure>"


def _section_text(talk: Talk, section: Section) -> str:
    parts = [
        f'<article id="handout-{escape(section.id)}"><h3>{inline(section.title.runs)}</h3>',
        _paras(section.summary),
        _figure(section.image, talk.look.grey_pictures),
    ]
    if section.points:
        parts.append(f"<h4>{escape(talk.words.key_points)}</h4>{_points(section.points)}")
    if section.quote:
        by = f"<footer>{inline(section.quote.by.runs)}</footer>" if section.quote.by else ""
        parts.append(f"<blockquote><p>{inline(section.quote.text.runs)}</p>{by}</blockquote>")
    for slide in section.slides or ():
        parts.append(_explicit(slide))
    parts.append("</article>")
    return "".join(parts)


def _explicit(slide: object) -> str:
    """The text of an explicit slide, for reading (kinds of later versions: their title)."""
    title = getattr(slide, "title", None)
    parts = [f"<h4>{inline(title.runs)}</h4>"] if isinstance(title, Text) else []
    points = getattr(slide, "points", ())
    if points:
        parts.append(_points(points))
    for side in (getattr(slide, "left", None), getattr(slide, "right", None)):
        if side is not None:
            if side.heading:
                parts.append(f"<p><strong>{inline(side.heading.runs)}</strong></p>")
            parts.append(_points(side.points))
    quote = getattr(slide, "quote", None)
    if quote is not None:
        by = f"<footer>{inline(quote.by.runs)}</footer>" if quote.by else ""
        parts.append(f"<blockquote><p>{inline(quote.text.runs)}</p>{by}</blockquote>")
    text = getattr(slide, "text", None)
    if isinstance(text, Text):
        parts.append(f'<p class="statement">{inline(text.runs)}</p>')
    return "".join(parts)


def _handout(talk: Talk) -> str:
    o, w = talk.outline, talk.words
    parts = [
        '<section id="handout" class="handout" aria-labelledby="handout-h">'
        f'<h2 id="handout-h">{escape(_page_words(talk)[1])}</h2>',
        _figure(o.cover, talk.look.grey_pictures),
    ]
    parts += [_section_text(talk, s) for s in o.sections]
    if o.timeline and o.timeline.events:
        rows = "".join(
            f"<tr><td>{escape(talk.span(e.date, e.end))}</td><td>{inline(e.title.runs)}"
            f"{(' — ' + inline(e.text.runs)) if e.text else ''}</td></tr>"
            for e in o.timeline.events
        )
        parts.append(
            f'<article id="key-dates"><h3>{escape(w.key_dates)}</h3><table><thead><tr>'
            f'<th scope="col">{escape(w.date)}</th><th scope="col">{escape(w.event)}</th>'
            f"</tr></thead><tbody>{rows}</tbody></table></article>"
        )
    if o.references:
        items = "".join(
            f"<li>{inline(r.text.runs)}"
            + (f' <a href="{escape(r.url)}">{escape(r.url)}</a>' if r.url else "")
            + "</li>"
            for r in o.references
        )
        parts.append(
            f'<article id="references"><h3>{escape(w.further_reading)}</h3>'
            f"<ul>{items}</ul></article>"
        )
    parts.append("</section>\n")
    return "".join(parts)


def _footer(talk: Talk) -> str:
    o = talk.outline
    bits = []
    if o.source and o.source.title:
        src = inline(o.source.title.runs)
        if o.source.publisher:
            src += ", " + inline(o.source.publisher.runs)
        bits.append(f"{escape(talk.words.based_on)} {src}")
    if talk.theme.footer:
        bits.append(escape(talk.theme.footer))
    return f'<footer class="page-footer">{"<br>".join(bits)}</footer>\n' if bits else ""
