"""Benchmark: a 1,000-event timeline laid out on a poster with zero overlaps in <= 3 s.

Runnable alone: `.venv/bin/python bench/bench_poster.py [EVENTS] [SIZE]`.
The timed work is `deckgen.layout.poster.layout.layout_poster` (measuring every
card's text with the real fonts, the axis, the sweep placement, retries at
smaller card styles) plus a sweep check that no two boxes overlap. The
events are dense on purpose: same-day piles, clusters, spans and outliers;
most of 1,000 cannot fit legibly on one sheet: the layout keeps cards
chosen evenly over the axis by priority, marks the other dates on the axis
and says so in one summary warning (a warning per event when only a few
are left out), never overlapping them.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Case  # noqa: E402

from deckgen.layout.poster.layout import Poster, layout_poster  # noqa: E402
from deckgen.outline.model import (  # noqa: E402
    Date,
    Event,
    Group,
    Outline,
    Section,
    Text,
    Timeline,
)
from deckgen.theme.model import Colors, Fonts, SlideStyle, Theme  # noqa: E402

THEME = Theme(
    "default",
    Colors("#FFFFFF", "#1B2330", "#596273", "#C2410C", {}, "#F4F1EC", "#FFFFFF"),
    Fonts("Arimo", "Arimo"),
    SlideStyle(40, 28, 18),
)


def outline(n: int, seed: int = 7) -> Outline:
    rnd = random.Random(seed)
    base = dt.date(1900, 1, 1)
    events = []
    for i in range(n):
        kind = i % 6
        if kind == 0:
            d = dt.date(1961, 4, 12)
        elif kind in (1, 2):
            d = dt.date(1957, 1, 1) + dt.timedelta(days=rnd.randrange(0, 4 * 365))
        elif kind == 5 and i % 60 == 5:
            d = dt.date(2200, 1, 1)
        else:
            d = base + dt.timedelta(days=rnd.randrange(0, 125 * 365))
        end = None
        if i % 9 == 4:
            e = d + dt.timedelta(days=rnd.randrange(10, 4000))
            end = Date(e.year, e.month, e.day)
        events.append(
            Event(
                Date(d.year, d.month, d.day),
                Text.of(f"Event {i}: a title of several words"),
                end=end,
                text=Text.of("A sentence or two of description for the card, when there is room."),
                group=("a", "b", "c")[i % 3],
                section="s",
            )
        )
    events.sort(key=lambda e: e.date)
    groups = tuple(Group(g, Text.of(f"Group {g}")) for g in "abc")
    return Outline(
        Path("/bench/talk.yaml"),
        Text.of("A very dense timeline"),
        (Section("s", Text.of("The section"), summary=(Text.of("x"),)),),
        timeline=Timeline(tuple(events), Text.of("1,000 events"), (), groups),
    )


def overlaps(p: Poster) -> int:
    """Pairs of overlapping boxes (cards with cards and with every label), by a sweep."""
    boxes = [c.box for c in p.cards] + [lab.box for lab in p.labels]
    cards = len(p.cards)
    order = sorted(range(len(boxes)), key=lambda i: boxes[i].x)
    active: list[int] = []
    bad = 0
    for i in order:
        b = boxes[i]
        active = [j for j in active if boxes[j].right > b.x]
        for j in active:
            if (i < cards or j < cards) and b.overlaps(boxes[j]):
                bad += 1
        active.append(i)
    return bad


def run(n: int = 1000, size: str = "A2") -> Poster:
    p = layout_poster(_OUTLINES[n], THEME, {"size": size})
    if overlaps(p):
        raise AssertionError("the poster layout produced overlapping boxes")
    return p


_OUTLINES: dict[int, Outline] = {}


def _setup(n: int = 1000) -> None:
    _OUTLINES[n] = outline(n)


DENSE = Path(__file__).resolve().parents[1] / "tests/fixtures/outlines/dense-timeline.yaml"


def run_dense() -> Poster:
    """The dense fixture (73 events) at A1, as `deckgen build` lays it out."""
    import deckgen.outline
    import deckgen.theme

    o = deckgen.outline.load(DENSE)
    return layout_poster(o, deckgen.theme.resolve(o), {"size": "A1"})


def cases() -> list[Case]:
    return [
        Case(
            name="poster: lay out 1,000 events, zero overlaps",
            target=3.0,
            source="issue 5: 1,000 events lay out with zero overlaps in <= 3 s",
            setup=_setup,
            run=run,
        ),
        Case(
            name="poster: the dense fixture at A1",
            target=3.0,
            source="issue 11: the dense poster at A1 within its earlier target (<= 3 s)",
            run=run_dense,
        ),
    ]


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    size = sys.argv[2] if len(sys.argv) > 2 else "A2"
    _setup(n)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        poster = run(n, size)
        best = min(best, time.perf_counter() - start)
    print(
        f"{n} events on {size}: {best:.3f} s (best of 3); {len(poster.cards)} cards placed, "
        f"{len(poster.unplaced)} reported as not fitting, {overlaps(poster)} overlaps, "
        f"title {poster.title_size:.1f} pt"
    )
