"""Fitting text into boxes: shrink to a floor, then split across slides.

Rules (issue 3, item 3):

- A slide's body text shares one size. It starts at the theme's body size and
  shrinks in 1 pt steps down to the floor; bullet and two-column slides
  shrink only to 24 pt and hold at most 8 lines (`SlideMaker.fit`): a
  continuation slide reads better than a wall of small text. Only a single
  item too long for an empty slide at 24 pt goes down to `slide.min_body_size`.
- When the text does not fit even at the floor, it is split between slides
  ("(cont.)"): between points, keeping a point with its sub-points where
  possible, and never leaving a heading (a point with sub-points, a column
  heading) alone at the bottom of a slide. The split uses the fewest slides
  that fit at the floor, then the largest size at which that many slides
  still suffice, and balances the text between them.
- A single paragraph that cannot fit on an empty slide at the floor is a
  `RenderError` naming its line in the outline.

Units are items glued together; the packer keeps a unit on one slide when
it can, and otherwise breaks it into its first two items (heading + first
sub-point) and the rest one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from deckgen.errors import Location, RenderError
from deckgen.layout.common.primitives import Paragraph
from deckgen.layout.common.text import TextStyle, paragraph, runs_of
from deckgen.outline.model import Run, Text

__all__ = [
    "BodyFit",
    "Item",
    "Setter",
    "Unit",
    "balanced_lines",
    "fit_body",
    "breaks_words",
    "fit_title",
    "sizes_down",
]

ItemRole = Literal["point", "sub", "plain", "heading", "small"]


@dataclass(frozen=True)
class Item:
    """One paragraph of body text before it is measured."""

    text: Text | str | tuple[Run, ...]
    role: ItemRole
    location: Location
    where: str = ""  # the outline path for messages, e.g. 'sections[0].points[3]'


Unit = tuple[Item, ...]

# (item, size, width, first_on_slide) -> the measured paragraph
Setter = Callable[[Item, float, float, bool], Paragraph]


def sizes_down(start: float, floor: float, step: float = 1.0) -> tuple[float, ...]:
    """start, start-1, ..., floor (always ending exactly at the floor)."""
    return _sizes_down(float(start), float(floor), float(step))


@lru_cache(maxsize=1024)
def _sizes_down(start: float, floor: float, step: float) -> tuple[float, ...]:
    sizes = []
    s = start
    while s > floor + 1e-9:
        sizes.append(round(s, 2))
        s -= step
    sizes.append(round(floor, 2))
    return tuple(sizes)


class _TooTall(Exception):
    def __init__(self, item: Item) -> None:
        self.item = item


def _unit_height(unit: Unit, setter: Setter, size: float, width: float, first: bool) -> float:
    return sum(setter(item, size, width, first and i == 0).height for i, item in enumerate(unit))


def _unit_lines(unit: Unit, setter: Setter, size: float, width: float, first: bool) -> int:
    return sum(
        len(setter(item, size, width, first and i == 0).lines) for i, item in enumerate(unit)
    )


def _pack(
    units: Sequence[Unit],
    setter: Setter,
    size: float,
    width: float,
    height: float,
    cap: float,
    max_lines: int | None = None,
) -> list[list[Item]]:
    """Greedy packing into pages of at most `cap` (<= height) points and
    `max_lines` lines (a unit longer than that alone takes a page of its own)."""
    pages: list[list[Item]] = [[]]
    used = 0.0
    lines = 0
    limit = max_lines or 10**9

    def place(unit: Unit) -> None:
        nonlocal used, lines
        first = not pages[-1]
        h = _unit_height(unit, setter, size, width, first)
        n = _unit_lines(unit, setter, size, width, first) if max_lines else 0
        if used + h <= cap + 1e-6 and (first or lines + n <= limit):
            pages[-1].extend(unit)
            used += h
            lines += n
            return
        alone = h if first else _unit_height(unit, setter, size, width, True)
        if alone <= height + 1e-6:
            # Fits on a slide of its own (perhaps above the balancing cap):
            # keep it together rather than split it.
            if not first:
                pages.append([])
                used = 0.0
                lines = 0
            pages[-1].extend(unit)
            used += alone
            lines += _unit_lines(unit, setter, size, width, True) if max_lines else 0
            return
        if len(unit) == 1:
            raise _TooTall(unit[0])
        # Too tall even alone: keep the heading with its first sub-point,
        # then the rest one by one.
        if len(unit) > 2:
            pieces = [unit[:2], *((it,) for it in unit[2:])]
        else:
            pieces = [(it,) for it in unit]
        for piece in pieces:
            place(piece)

    for unit in units:
        place(unit)
    return [p for p in pages if p] or [[]]


@dataclass(frozen=True)
class BodyFit:
    size: float
    # pages[i][r]: the paragraphs of region r on slide i
    pages: tuple[tuple[tuple[Paragraph, ...], ...], ...]
    shrunk: bool
    split: bool


def _memo(setter: Setter) -> Setter:
    """The same item at the same size and width is measured once per fit."""
    # Keyed by identity: the items live as long as the fit, and hashing
    # their texts again and again costs more than measuring once.
    cache: dict[tuple[int, float, float, bool], Paragraph] = {}

    def measured(item: Item, size: float, width: float, first: bool) -> Paragraph:
        key = (id(item), size, width, first)
        p = cache.get(key)
        if p is None:
            p = cache[key] = setter(item, size, width, first)
        return p

    return measured


def _fits_one_slide(
    region: Sequence[Unit],
    setter: Setter,
    size: float,
    width: float,
    height: float,
    max_lines: int | None = None,
) -> bool:
    used = 0.0
    lines = 0
    for i, unit in enumerate(region):
        used += _unit_height(unit, setter, size, width, i == 0)
        if used > height + 1e-6:  # stop measuring as soon as it overflows
            return False
        if max_lines:
            lines += _unit_lines(unit, setter, size, width, i == 0)
            if lines > max_lines and i > 0:  # one long item may fill a slide alone
                return False
    return True


def fit_body(
    regions: Sequence[Sequence[Unit]],
    widths: Sequence[float],
    height: float,
    setter: Setter,
    sizes: Sequence[float],
    *,
    max_lines: int | None = None,
    item_sizes: Sequence[float] = (),
) -> BodyFit:
    """Fit one or more regions (e.g. two columns) that share a size and a height.

    `sizes` descends from the preferred size to the floor; a slide (a region)
    holds at most `max_lines` lines, else the text continues on another
    slide. Raises RenderError for an item that cannot fit on an empty slide
    at the floor -- unless `item_sizes` (smaller sizes, down to the floor for
    a single long item) let the whole body fit at one of them.
    """
    setter = _memo(setter)
    try:
        return _fit_body(regions, widths, height, setter, sizes, max_lines)
    except RenderError:
        if not item_sizes:
            raise
        return _fit_body(regions, widths, height, setter, (*sizes, *item_sizes), max_lines)


def _fit_body(
    regions: Sequence[Sequence[Unit]],
    widths: Sequence[float],
    height: float,
    setter: Setter,
    sizes: Sequence[float],
    max_lines: int | None,
) -> BodyFit:
    for size in sizes:
        if all(
            _fits_one_slide(region, setter, size, w, height, max_lines)
            for region, w in zip(regions, widths, strict=True)
        ):
            return BodyFit(
                size,
                (
                    _set(
                        regions,
                        [[it for u in r for it in u] for r in regions],
                        setter,
                        size,
                        widths,
                    ),
                ),
                size < sizes[0],
                False,
            )
    floor = sizes[-1]
    try:
        need = max(
            len(_pack(r, setter, floor, w, height, height, max_lines))
            for r, w in zip(regions, widths, strict=True)
        )
    except _TooTall as err:
        item = err.item
        text = "".join(r.text for r in runs_of(item.text))
        excerpt = text if len(text) <= 60 else text[:57] + "..."
        raise RenderError(
            _where(item.where) + f"text too long to fit on a slide even alone at {floor:g} pt: "
            f"{excerpt!r}; "
            "shorten it or split it into several points",
            item.location,
        ) from None
    # The largest size that still needs no more slides than the floor does:
    # searched upwards from the floor (more text per slide is rarely possible
    # at a larger size, so this usually stops at the first step).
    chosen = floor
    for size in reversed(sizes[:-1]):
        try:
            if all(
                len(_pack(r, setter, size, w, height, height, max_lines)) <= need
                for r, w in zip(regions, widths, strict=True)
            ):
                chosen = size
                continue
        except _TooTall:
            pass
        break
    region_pages = [
        _balanced(r, setter, chosen, w, height, need, max_lines)
        for r, w in zip(regions, widths, strict=True)
    ]
    pages = []
    for i in range(need):
        per_region = [rp[i] if i < len(rp) else [] for rp in region_pages]
        pages.append(_set(regions, per_region, setter, chosen, widths))
    return BodyFit(chosen, tuple(pages), chosen < sizes[0], True)


def _balanced(
    units: Sequence[Unit],
    setter: Setter,
    size: float,
    width: float,
    height: float,
    need: int,
    max_lines: int | None = None,
) -> list[list[Item]]:
    """Pages as even as possible: the fewest lines a page (when slides hold at
    most `max_lines`), then the smallest height cap, that still need <= `need`
    pages -- 4 + 3 bullets rather than 5 + 2, no slide left with one."""
    best = _pack(units, setter, size, width, height, height, max_lines)
    if len(best) <= 1:
        return best
    if max_lines:
        for limit in range(max_lines - 1, 0, -1):
            try:
                pages = _pack(units, setter, size, width, height, height, limit)
            except _TooTall:
                break
            if len(pages) > need:
                break
            best, max_lines = pages, limit
    lo, hi = height / need, height
    for _ in range(12):
        mid = (lo + hi) / 2
        try:
            pages = _pack(units, setter, size, width, height, mid, max_lines)
        except _TooTall:
            lo = mid
            continue
        if len(pages) <= need:
            best, hi = pages, mid
        else:
            lo = mid
    return best


def _set(regions, per_region_items, setter: Setter, size: float, widths) -> tuple:
    out = []
    for items, w in zip(per_region_items, widths, strict=True):
        out.append(tuple(setter(it, size, w, i == 0) for i, it in enumerate(items)))
    return tuple(out)


def _where(where: str) -> str:
    return f"{where}: " if where else ""


_BREAKABLE_END = frozenset(" -\u00ad\u2010\u2013\u2014\u200b")


def breaks_words(p: Paragraph) -> bool:
    """Whether a line of `p` ends inside a word (a word wider than the line)."""
    return any(line.runs and line.runs[-1].text[-1:] not in _BREAKABLE_END for line in p.lines[:-1])


def fit_title(
    text: Text | str | tuple[Run, ...],
    style: TextStyle,
    width: float,
    height: float,
    floor: float,
    location: Location,
    max_lines: int = 2,
    where: str = "",
) -> Paragraph:
    """The largest size from style.size down to `floor` giving <= max_lines lines
    that also fit `height`; else a RenderError naming the title's line."""
    # First without breaking a word between characters (a title that does so
    # reads badly); at worst, as a last resort, with.
    for whole_words in (True, False):
        for size in sizes_down(style.size, floor):
            p = paragraph(text, style.at(size), width)
            fits = len(p.lines) <= max_lines and p.height <= height + 1e-6
            if fits and not (whole_words and breaks_words(p)):
                return balanced_lines(p, text, style.at(size), width)
    plain = "".join(r.text for r in p.runs)
    plain = plain if len(plain) <= 60 else plain[:57] + "..."
    raise RenderError(
        _where(where) + f"too long for {max_lines} line(s) even at {floor:g} pt: {plain!r}; "
        "shorten it",
        location,
    )


def balanced_lines(
    p: Paragraph,
    text: Text | str | tuple[Run, ...],
    style: TextStyle,
    width: float,
    ok: Callable[[Paragraph], bool] | None = None,
) -> Paragraph:
    """A title (or a label) of two or more lines broken at the narrowest width
    that keeps its line count (lines of even length, no single word left on
    the last line) and whose breaks `ok` accepts; the paragraph keeps its box,
    only its breaks move."""
    if len(p.lines) < 2:
        return p
    lo, hi = width / 2, width
    best = p
    for _ in range(10):
        mid = (lo + hi) / 2
        trial = paragraph(text, style, mid)
        if (
            len(trial.lines) == len(p.lines)
            and not breaks_words(trial)
            and (ok is None or ok(trial))
        ):
            best, hi = trial, mid
        else:
            lo = mid
    # set at the box's width with the balanced breaks
    return replace(p, lines=best.lines, hard_breaks=True)
