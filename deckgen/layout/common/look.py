"""The look every output shares: one colour and one marker shape per timeline group.

Decided once per outline (`look_of`), read by the deck, the handout and the
poster, so a group looks the same on a slide, on paper and on the wall
(contract: "one colour and one marker shape per group in every output").

Colour, in order: the outline's own `groups.<id>.color`, the theme's
`colors.groups.<id>`, else the next colour of the theme's palette (or ours)
that is not too close to one already taken. A black-and-white theme (text,
accent and background all grey) gets shades of grey instead, with hatching
on every other group. Shape: one per group in the order the outline lists
them, so colour is never the only cue. An ink-saving theme (`ink_saving`,
the print theme) has every picture drawn in greyscale (`grey_pictures`).

Events without a group (beside grouped ones) look neutral: grey, in a shape
no group has, with a legend entry of their own ("Other", in the outline's
language) last in `Look.legend`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from deckgen.color import rgb
from deckgen.layout.common.words import words
from deckgen.outline.model import Group, Outline, Run, Text
from deckgen.theme.model import Theme

__all__ = ["NEUTRAL", "SHAPES", "GroupStyle", "Look", "is_grey", "look_of"]

# Marker shapes, in the order groups get them. Every output can draw these.
SHAPES = ("circle", "square", "triangle", "diamond", "circle-open", "square-open")
_PALETTE = ("#1F5FAD", "#C8102E", "#2E8540", "#E07B00", "#6A3D9A", "#008C95", "#8C564B")
_SHADES = ("#000000", "#5A5A5A", "#8C8C8C", "#333333", "#737373")
NEUTRAL = "#8A8A8A"  # events without a group: a grey that reads on white and on dark slides
_MIN_DISTANCE = 90  # RGB distance under which two group colours read as one


@dataclass(frozen=True)
class GroupStyle:
    """How one timeline group (or the events without a group, id None) looks."""

    id: str | None
    color: str  # '#RRGGBB'
    shape: str  # one of SHAPES
    label: Text | None  # None for events without a group
    hatch: bool = False  # black-and-white themes: hatched spans tell groups apart

    @property
    def label_runs(self) -> tuple[Run, ...]:
        return self.label.runs if self.label is not None else (Run(""),)


@dataclass(frozen=True)
class Look:
    groups: Mapping[str | None, GroupStyle]  # every group id, and None
    grey: bool  # the theme is black and white
    # pictures drawn in greyscale in every output (an ink-saving theme: print)
    grey_pictures: bool = False

    def group(self, group_id: str | None) -> GroupStyle:
        return self.groups.get(group_id) or self.groups[None]

    @property
    def others(self) -> GroupStyle | None:
        """The events without a group, when they need a legend entry (the
        timeline has groups too), else None."""
        st = self.groups[None]
        return st if st.label is not None else None

    @property
    def legend(self) -> tuple[GroupStyle, ...]:
        """The named groups, in the order the outline lists them, then the
        events without a group (`others`) if any."""
        named = tuple(st for gid, st in self.groups.items() if gid is not None)
        return named + ((self.others,) if self.others is not None else ())


def is_grey(color: str) -> bool:
    r, g, b = rgb(color)
    return max(r, g, b) - min(r, g, b) <= 12


def _distance(a: str, b: str) -> float:
    return sum((x - y) ** 2 for x, y in zip(rgb(a), rgb(b), strict=True)) ** 0.5


def _colors(groups: tuple[Group, ...], theme: Theme, grey: bool) -> dict[str, str]:
    named = theme.colors.groups
    if grey:
        shades = [x for x in (theme.colors.palette or _SHADES) if is_grey(x)] or list(_SHADES)
        # The outline's own colour wins even here (a lecturer's one red lane).
        return {
            g.id: g.color or named.get(g.id) or shades[i % len(shades)]
            for i, g in enumerate(groups)
        }
    palette = list(theme.colors.palette or _PALETTE)
    taken = [g.color or named[g.id] for g in groups if g.color or g.id in named]
    out: dict[str, str] = {}
    k = 0
    for g in groups:
        given = g.color or named.get(g.id)
        if given:
            out[g.id] = given
            continue
        color = None
        for tries in range(len(palette)):
            candidate = palette[(k + tries) % len(palette)]
            if all(_distance(candidate, t) > _MIN_DISTANCE for t in taken):
                color, k = candidate, k + tries + 1
                break
        if color is None:
            color, k = palette[k % len(palette)], k + 1
        taken.append(color)
        out[g.id] = color
    return out


def look_of(outline: Outline, theme: Theme) -> Look:
    c = theme.colors
    grey = all(is_grey(x) for x in (c.text, c.accent, c.background))
    groups = outline.timeline.groups if outline.timeline else ()
    colors = _colors(groups, theme, grey)
    styles: dict[str | None, GroupStyle] = {
        g.id: GroupStyle(g.id, colors[g.id], SHAPES[i % len(SHAPES)], g.label, grey and i % 2 == 1)
        for i, g in enumerate(groups)
    }
    events = outline.timeline.events if outline.timeline else ()
    known = {g.id for g in groups}
    if groups and any(e.group not in known for e in events):
        # neutral: grey, a shape of its own (where one is left), a legend entry
        used = {st.shape for st in styles.values()}
        shape = next((s for s in SHAPES if s not in used), "circle-open")
        label = Text.of(words(outline.language).other)
        styles[None] = GroupStyle(None, NEUTRAL, shape, label)
    else:
        styles[None] = GroupStyle(None, c.text if grey else c.accent, "circle", None)
    return Look(styles, grey, grey_pictures=theme.ink_saving)
