"""Structure from the layout plans' roles: which node each drawn thing belongs to.

The layouts already say what each element is (`TextBox.role` and `name` in
the deck, `role` and the cards in the poster); these functions turn that into
structure skeletons in reading order, so the backends only wrap each draw
call in the node returned here. An element whose role is unknown here is
drawn as a paragraph (text) or an artifact (shapes), never left untagged.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from deckgen.backends.tagging import Node, Tagger
from deckgen.layout.deck.model import Box, Picture, Slide, TextBox
from deckgen.layout.poster.model import Card, TextBlock
from deckgen.layout.poster.model import Picture as PosterPicture
from deckgen.layout.poster.model import Poster as PosterPlan

__all__ = ["ParaTags", "poster_structure", "slide_heading_role", "slide_structure"]

# Slide roles that are page furniture, not content.
_DECK_ARTIFACTS = {"footer", "slide-number"}
# Reading rank by role; columns read left column first (x before y).
_DECK_RANK = {
    "title": 0,
    "subtitle": 1,
    "column-heading": 2,
    "body": 2,
    "quote": 3,
    "statement": 3,
    "attribution": 4,
    "label": 5,
    "picture": 6,
    "caption": 7,
    "credit": 8,
}
_DECK_ROLE = {
    "subtitle": "P",
    "body": "P",
    "column-heading": "H3",
    "quote": "BlockQuote",
    "attribution": "P",
    "statement": "P",
    "caption": "Caption",
    "credit": "P",
    "label": "P",
}


@dataclass
class ParaTags:
    """The nodes of one paragraph: its text, and its bullet (Lbl) if any."""

    body: Node | None
    label: Node | None = None


SlideTags = dict[int, list[ParaTags]]


def slide_heading_role(slide: Slide) -> str:
    """H1 for the talk's title and its sections, H2 for every other slide."""
    return "H1" if slide.kind in ("title", "section") else "H2"


def _rank(slide: Slide, i: int) -> tuple[float, float, float]:
    el = slide.elements[i]
    role = el.role if isinstance(el, TextBox) else "picture"
    rank = _DECK_RANK.get(role, 5)
    b = el.box
    return (rank, b.x, b.y) if role in ("body", "column-heading") else (rank, b.y, b.x)


def _is_event(el: TextBox | Picture) -> bool:
    return isinstance(el, TextBox) and el.name.startswith("Event:")


def _is_artifact(el: TextBox) -> bool:
    # the axis' years and ticks: each event's label already says its date
    return (
        el.role in _DECK_ARTIFACTS
        or el.name == "Quote mark"
        or el.name.startswith(("Tick", "Year"))
    )


def slide_structure(tagger: Tagger, slide: Slide) -> SlideTags:
    """The nodes of one slide, added to the tagger's current container in
    reading order: the title first, timeline events as one list in date
    order (date as label, title and text as body), bullets as lists."""
    tags: SlideTags = {}
    ranked = sorted(
        (_rank(slide, i), i)
        for i, el in enumerate(slide.elements)
        if isinstance(el, TextBox | Picture)
    )
    order = [i for _, i in ranked]
    events = [i for i in order if _is_event(slide.elements[i])]  # type: ignore[arg-type]
    if events:
        events.sort(key=lambda i: slide.elements[i].box.x)
        # the list reads where its first event would, among the labels
        first_label = next(
            (k for k, (r, i) in enumerate(ranked) if r[0] >= _DECK_RANK["label"]), len(order)
        )
        order = [i for i in order[:first_label] if i not in events] + [-1]
        order += [i for _, i in ranked[first_label:] if i not in events]
    for i in order:
        if i == -1:
            with tagger.group("L"):
                for e in events:
                    tags[e] = _event(tagger, slide.elements[e])  # type: ignore[arg-type]
            continue
        el = slide.elements[i]
        if isinstance(el, Picture):
            tags[i] = [ParaTags(tagger.add("Figure", alt=el.alt or el.name))]
        elif not isinstance(el, TextBox):
            continue  # shapes are artifacts
        elif _is_artifact(el):
            tags[i] = [ParaTags(None) for _ in el.paragraphs]
        elif el.role == "title":
            node = tagger.add(slide_heading_role(slide))
            tags[i] = [ParaTags(node) for _ in el.paragraphs]
        else:
            tags[i] = _paragraphs(tagger, el)
    return tags


def _event(tagger: Tagger, el: TextBox) -> list[ParaTags]:
    with tagger.group("LI"):
        label = tagger.add("Lbl")
        body = tagger.add("LBody")
    return [ParaTags(label)] + [ParaTags(body) for _ in el.paragraphs[1:]]


def _paragraphs(tagger: Tagger, el: TextBox) -> list[ParaTags]:
    role = _DECK_ROLE.get(el.role, "P")
    out: list[ParaTags] = []
    items: Node | None = None  # the open list, while paragraphs have bullets
    for para in el.paragraphs:
        if para.bullet:
            if items is None:
                items = tagger.add("L")
            # the bullet glyph is an artifact: the list item says it all
            out.append(ParaTags(items.add("LI").add("LBody")))
        else:
            items = None
            out.append(ParaTags(tagger.add(role)))
    return out


# ---------------------------------------------------------------- poster

# Poster roles in reading order; the event cards' list reads where "events" is.
_POSTER_ORDER = (
    "title",
    "subtitle",
    "byline",
    "picture",
    "section-title",
    "section-point",
    "timeline-title",
    "legend",
    "era-label",
    "events",
    "credit",
    "reference",
)
_POSTER_ROLE = {
    "title": "H1",
    "section-title": "H2",
    "timeline-title": "H2",
    "event-date": "Lbl",
}
_POSTER_ARTIFACTS = {"tick"}


def poster_structure(tagger: Tagger, poster: PosterPlan) -> dict[int, Node | None]:
    """The node of each element of the poster, added to the tagger's current
    container in reading order: the talk's title, its sections, the timeline
    heading and legend, the event cards as one list in date order (the date
    as label; title, text and section as body), then credits and references.
    Shapes and tick labels are artifacts (absent from the mapping)."""
    nodes: dict[int, Node | None] = {}
    cards = sorted(poster.cards, key=lambda c: c.index)  # events are sorted by date
    lefts = sorted((c.box.x, k) for k, c in enumerate(cards))
    card_of: dict[int, int] = {}
    texts: list[tuple[int, int, str]] = []  # (rank, element index, role)
    for i, el in enumerate(poster.elements):
        role = getattr(el, "role", "")
        if not isinstance(el, TextBlock | PosterPicture) or role in _POSTER_ARTIFACTS:
            continue
        if role.startswith("event-"):
            home = _card_holding(cards, lefts, el.box)
            if home is not None:
                card_of[i] = home
                continue
        rank = _POSTER_ORDER.index(role) if role in _POSTER_ORDER else len(_POSTER_ORDER)
        texts.append((rank, i, role))
    texts.sort()
    events_rank = _POSTER_ORDER.index("events")
    done = False
    for rank, i, role in texts:
        if rank > events_rank and not done:
            _poster_events(tagger, poster, cards, card_of, nodes)
            done = True
        el = poster.elements[i]
        if isinstance(el, PosterPicture):
            nodes[i] = tagger.add("Figure", alt=el.alt)
        else:
            nodes[i] = tagger.add(_POSTER_ROLE.get(role, "P"))
    if not done:
        _poster_events(tagger, poster, cards, card_of, nodes)
    return nodes


def _card_holding(cards: list[Card], lefts: list[tuple[float, int]], box: Box) -> int | None:
    """The card whose box holds `box` (cards by their left edges: only those
    starting left of it can)."""
    end = bisect.bisect_right(lefts, (box.x + 1.0, len(cards)))
    for _, k in reversed(lefts[:end]):
        if cards[k].box.contains(box, 1.0):
            return k
    return None


def _poster_events(
    tagger: Tagger,
    poster: PosterPlan,
    cards: list[Card],
    card_of: dict[int, int],
    nodes: dict[int, Node | None],
) -> None:
    if not card_of:
        return
    with tagger.group("L"):
        for k, _card in enumerate(cards):
            members = [i for i, home in card_of.items() if home == k]
            if not members:
                continue
            with tagger.group("LI"):
                dates = [i for i in members if poster.elements[i].role == "event-date"]
                label = tagger.add("Lbl") if dates else None
                body = tagger.add("LBody")
                for i in members:
                    el = poster.elements[i]
                    if isinstance(el, PosterPicture):
                        nodes[i] = body.add("Figure", alt=el.alt)
                    else:
                        nodes[i] = label if i in dates else body
