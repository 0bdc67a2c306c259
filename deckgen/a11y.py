"""The accessibility report (`deckgen check --a11y`): pure checks over the
outline and the laid-out plans (the deck, the handout, the poster), returned
as located warnings. Nothing is drawn, printed or decided here.

Checks: slides without a title or with another slide's title; a picture
whose `alt` repeats its caption or names its file; text under 18 pt on a
slide (but bold text of 14 pt, WCAG's large text) or under 9 pt in print;
colour contrast under 4.5:1 (WCAG 2.1 AA for body text) wherever text is
drawn, timeline labels included; timeline groups told apart by colour alone
(two groups with one marker shape); a slide whose content sits above its
title (read before it in the drawing, after it by a screen reader); links
whose text is the bare URL.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from deckgen.color import contrast
from deckgen.errors import Diagnostic, Location
from deckgen.layout.common.look import Look
from deckgen.layout.deck.model import Deck, Picture, Shape, Slide, TextBox
from deckgen.layout.handout.layout import Handout
from deckgen.layout.poster.model import Poster, Rect, TextBlock
from deckgen.outline.model import Image, Outline, Text
from deckgen.outline.model import Slide as OutlineSlide

__all__ = ["MIN_CONTRAST", "MIN_PRINT_PT", "MIN_SLIDE_PT", "audit"]

MIN_SLIDE_PT = 18.0
MIN_PRINT_PT = 9.0
MIN_CONTRAST = 4.5
PAPER = "#FFFFFF"

# Slide text that is page furniture (the tagged PDF makes it an artifact).
_FURNITURE = {"footer", "slide-number"}


def _warn(message: str, where: Location) -> Diagnostic:
    return Diagnostic("warning", f"accessibility: {message}", where)


def audit(
    outline: Outline,
    deck: Deck | None = None,
    handout: Handout | None = None,
    poster: Poster | None = None,
    look: Look | None = None,
) -> list[Diagnostic]:
    """Every accessibility problem of an outline's outputs, in outline order."""
    here = Location(str(outline.path), 1, 1).or_else(outline.location)
    # colours and sizes come from the theme: its overrides' or its name's line
    theme_at = outline.theme_overrides_location.or_else(outline.theme_location).or_else(here)
    found: list[Diagnostic] = []
    found += _outline(outline)
    if deck is not None:
        found += _deck(deck, here)
    if handout is not None:
        found += _handout(handout, theme_at)
    if poster is not None:
        found += _poster(poster, theme_at)
    if look is not None:
        found += _look(look, here)
    # one report per problem and place, in the order of the outline's lines
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=lambda d: (d.location.line, d.location.column))


# ---------------------------------------------------------------- outline


def _walk(node: object, where: Location) -> Iterator[tuple[object, Location]]:
    """Every dataclass and Text in the outline, with the nearest located node
    (new kinds of blocks are walked too)."""
    if isinstance(node, tuple | list):
        for item in node:
            yield from _walk(item, where)
        return
    if not dataclasses.is_dataclass(node) or isinstance(node, type):
        return
    loc = getattr(node, "location", None)
    if isinstance(loc, Location) and loc.line:
        where = loc
    yield node, where
    for f in dataclasses.fields(node):
        if f.name in ("theme_overrides", "theme_overrides_node", "outputs"):
            continue
        yield from _walk(getattr(node, f.name), where)


def _outline(outline: Outline) -> list[Diagnostic]:
    found = []
    titles: dict[str, Location] = {}
    for node, where in _walk(outline, outline.location):
        if isinstance(node, Image):
            found += _image(node, where)
        elif isinstance(node, Text):
            found += _links(node, where)
        elif isinstance(node, OutlineSlide) and node.title is not None:
            found += _same_title(node.title.plain, where, titles)

    return found


def _same_title(title: str, where: Location, seen: dict[str, Location]) -> list[Diagnostic]:
    """Two slides written with one title: the deck numbers them apart, but a
    listener hears two slides of one name."""
    key = " ".join(title.split()).casefold()
    if key in seen:
        line = seen[key].line
        return [
            _warn(f"slide title {title!r} is also the title of the slide at line {line}", where)
        ]
    seen[key] = where
    return []


def _norm(text: str) -> str:
    return " ".join(text.casefold().replace("_", " ").replace("-", " ").split()).strip(" .")


def _image(image: Image, where: Location) -> list[Diagnostic]:
    alt = _norm(image.alt)
    src = Path(image.src)
    if alt in (_norm(src.name), _norm(src.stem)):
        return [_warn(f"the alt text of {src.name} is its file name; say what it shows", where)]
    if image.caption is not None and alt == _norm(image.caption.plain):
        return [
            _warn(
                f"the alt text of {src.name} repeats its caption; "
                "say what the picture shows, the caption is read anyway",
                where,
            )
        ]
    return []


def _links(text: Text, where: Location) -> list[Diagnostic]:
    return [
        _warn(f"a link's text is its bare URL ({run.text.strip()}); name where it leads", where)
        for run in text.runs
        if run.link and _is_url(run.text.strip(), run.link)
    ]


def _is_url(text: str, link: str) -> bool:
    bare = text.removeprefix("https://").removeprefix("http://").rstrip("/")
    target = link.removeprefix("https://").removeprefix("http://").rstrip("/")
    return bool(bare) and (bare == target or text.startswith(("http://", "https://", "www.")))


# ---------------------------------------------------------------- slides


def _deck(deck: Deck, here: Location) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for n, slide in enumerate(deck.slides, start=1):
        where = slide.location.or_else(here)
        found += _title(slide, n, seen, where)
        found += _slide_text(slide, n, where, _slide_scale(deck))
        found += _slide_order(slide, n, where)
    return found


def _title(slide: Slide, n: int, seen: dict[str, int], where: Location) -> list[Diagnostic]:
    title = " ".join(slide.title.split())
    if not title:
        return [_warn(f"slide {n} has no title (screen readers list slides by title)", where)]
    if slide.continued:
        return []
    if title in seen:
        return [_warn(f"slide {n} has the same title as slide {seen[title]}: {title!r}", where)]
    seen[title] = n
    return []


def _behind(slide: Slide, index: int) -> str:
    """The colour under element `index`: the last filled shape or text box
    drawn before it that covers its middle, else the slide's background."""
    el = slide.elements[index]
    cx, cy = el.box.x + el.box.w / 2, el.box.y + el.box.h / 2
    for other in reversed(slide.elements[:index]):
        fill = other.fill if isinstance(other, Shape | TextBox) else None
        if isinstance(other, Shape) and other.kind == "line":
            continue
        b = other.box
        if fill and b.x <= cx <= b.right and b.y <= cy <= b.bottom:
            return fill
    return slide.background


def _slide_scale(deck: Deck) -> float:
    """How much smaller than 960 x 540 (720 x 540) the slide is: 18 pt on a
    540 pt high slide reads as 13.5 pt does on a 405 pt one (the layout
    scales its sizes the same way)."""
    w, h = deck.width, deck.height
    return min(1.0, h / 540.0, w / (960.0 if w / h > 1.5 else 720.0))


def _slide_text(slide: Slide, n: int, where: Location, scale: float = 1.0) -> list[Diagnostic]:
    least = MIN_SLIDE_PT * scale
    found = []
    for i, el in enumerate(slide.elements):
        if not isinstance(el, TextBox) or el.role in _FURNITURE or not el.text.strip():
            continue
        ground = el.fill or _behind(slide, i)
        for para in el.paragraphs:
            words = "".join(r.text for r in para.runs).strip()
            if not words:
                continue
            if para.size < least - 0.05 and not (para.bold and para.size >= 14 * scale):
                found.append(
                    _warn(f"slide {n}: {_what(el)} is {para.size:g} pt, under {least:g} pt", where)
                )
            ratio = contrast(para.color, ground)
            if ratio < MIN_CONTRAST:
                found.append(
                    _warn(
                        f"slide {n}: {_what(el)} has contrast {ratio:.1f}:1 "
                        f"({para.color} on {ground}), under 4.5:1",
                        where,
                    )
                )
    return found


def _what(el: TextBox) -> str:
    return el.name or el.role


def _slide_order(slide: Slide, n: int, where: Location) -> list[Diagnostic]:
    """Content drawn above the title reads after it in the tagged PDF and the
    .pptx (title placeholder first): say so, the layout should not do it."""
    titles = [e for e in slide.elements if isinstance(e, TextBox) and e.role == "title"]
    if not titles:
        return []
    top = titles[0].box.y
    above = [
        e
        for e in slide.elements
        if isinstance(e, TextBox | Picture)
        and e is not titles[0]
        and not (isinstance(e, TextBox) and e.role in _FURNITURE | {"subtitle", "label"})
        and e.box.bottom <= top
    ]
    if above:
        return [
            _warn(
                f"slide {n}: {_name(above[0])} sits above the title, "
                "so the reading order differs from what is seen",
                where,
            )
        ]
    return []


def _name(el: TextBox | Picture) -> str:
    return el.name or (el.role if isinstance(el, TextBox) else "a picture")


# ---------------------------------------------------------------- print


def _handout(handout: Handout, where: Location) -> list[Diagnostic]:
    found = []
    st = handout.styles
    for f in dataclasses.fields(st):
        style = getattr(st, f.name)
        if not hasattr(style, "size") or f.name in ("header", "footer"):
            continue  # running heads and page numbers are artifacts
        if style.size < MIN_PRINT_PT - 0.05:
            found.append(
                _warn(f"handout: {f.name} text is {style.size:g} pt, under 9 pt in print", where)
            )
        ratio = contrast(style.color, PAPER)
        if ratio < MIN_CONTRAST:
            found.append(
                _warn(
                    f"handout: {f.name} text has contrast {ratio:.1f}:1 on paper, under 4.5:1",
                    where,
                )
            )
    return found


def _poster(poster: Poster, here: Location) -> list[Diagnostic]:
    found = []
    for i, el in enumerate(poster.elements):
        if not isinstance(el, TextBlock) or not any(ln.runs for ln in el.lines):
            continue
        where = _card_location(poster, el).or_else(here)
        if el.size < MIN_PRINT_PT - 0.05:
            found.append(_warn(f"poster: {el.role} text is {el.size:g} pt, under 9 pt", where))
        ground = _poster_ground(poster, i, el)
        ratio = contrast(el.color, ground)
        if ratio < MIN_CONTRAST:
            found.append(
                _warn(
                    f"poster: {el.role} text has contrast {ratio:.1f}:1 "
                    f"({el.color} on {ground}), under 4.5:1",
                    where,
                )
            )
    return found


def _card_location(poster: Poster, el: TextBlock) -> Location:
    for card in poster.cards:
        if card.box.contains(el.box, 1.0):
            return card.location
    return Location("<poster>")


def _poster_ground(poster: Poster, index: int, el: TextBlock) -> str:
    cx, cy = el.box.x + el.box.w / 2, el.box.y + el.box.h / 2
    for other in reversed(poster.elements[:index]):
        if isinstance(other, Rect) and other.fill:
            b = other.box
            if b.x <= cx <= b.right and b.y <= cy <= b.bottom:
                return other.fill
    return poster.background


# ---------------------------------------------------------------- colour alone


def _look(look: Look, here: Location) -> list[Diagnostic]:
    found = []
    shapes: dict[str, str] = {}
    for style in look.legend:
        name = style.label.plain if style.label is not None else str(style.id)
        where = style.label.location.or_else(here) if style.label is not None else here
        if style.shape in shapes:
            found.append(
                _warn(
                    f"timeline groups {shapes[style.shape]!r} and {name!r} share the "
                    f"{style.shape} marker: only their colour tells them apart",
                    where,
                )
            )
        else:
            shapes[style.shape] = name
    return found
