"""Outlines, themes and checks shared by the poster layout and backend tests.

Outlines are built with the model's constructors, so these tests do not
depend on the loader; `check_poster` is the geometric contract every poster
must meet (and that the benchmark checks too).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from deckgen.layout.common.primitives import Box
from deckgen.layout.poster.layout import Poster, Stroke, TextBlock
from deckgen.outline.model import (
    Date,
    Era,
    Event,
    Group,
    Outline,
    Reference,
    Section,
    Source,
    Text,
    Timeline,
)
from deckgen.theme.model import Colors, Fonts, SlideStyle, Theme

T = Text.of

DEFAULT = Theme(
    "default",
    Colors("#FFFFFF", "#1B2330", "#596273", "#C2410C", {}, "#F4F1EC", "#FFFFFF"),
    Fonts("Arimo", "Arimo"),
    SlideStyle(40, 28, 18),
)
PRINT = Theme(
    "print",
    Colors("#FFFFFF", "#111111", "#4A4A4A", "#1A1A1A", {}, "#F2F2F2", "#FFFFFF"),
    Fonts("PT Sans", "PT Serif"),
    SlideStyle(38, 26, 18),
)

SECTIONS = (
    Section("origins", T("The Origins of the Space Race"), summary=(T("x"),)),
    Section("collaboration", T("From Competition to Collaboration"), summary=(T("x"),)),
    Section("iss", T("The International Space Station"), summary=(T("x"),)),
)
GROUPS = (
    Group("usa", T("USA")),
    Group("ussr", T("USSR / Russia")),
    Group("intl", T("International")),
)

# (date, end, title, group, section, text)
SPACE_RACE = (
    (
        "1957-10-04",
        None,
        "Sputnik 1 («Спутник-1»)",
        "ussr",
        "origins",
        "The first artificial satellite.",
    ),
    ("1958-01-31", None, "Explorer 1", "usa", "origins", None),
    ("1958-10-01", None, "NASA begins work", "usa", "origins", None),
    (
        "1961-04-12",
        None,
        "Vostok 1 («Восток-1»)",
        "ussr",
        "origins",
        "Юрий Гагарин orbits the Earth.",
    ),
    ("1961-05-05", None, "Freedom 7", "usa", "origins", None),
    ("1963-06-16", None, "Vostok 6", "ussr", "origins", "Valentina Tereshkova."),
    ("1965-03-18", None, "Voskhod 2", "ussr", "origins", "Leonov's spacewalk."),
    ("1969-07-20", None, "Apollo 11 lands on the Moon", "usa", "origins", None),
    ("1972-05-24", None, "US–Soviet space cooperation agreement", "intl", "collaboration", None),
    (
        "1975-07-17",
        "1975-07-19",
        "Apollo–Soyuz docking («Союз»–«Аполлон»)",
        "intl",
        "collaboration",
        "The article's '1972' is the agreement; the flight was in 1975.",
    ),
    ("1986-02-20", None, "Mir («Мир»)", "ussr", "iss", None),
    ("1994-02-03", "1998-06-12", "Shuttle–Mir programme", "intl", "iss", None),
    ("1998-11-20", None, "Zarya («Заря»)", "ussr", "iss", "The ISS's first module."),
    ("1998-12-04", None, "Unity", "usa", "iss", None),
    ("2000-11-02", None, "Expedition 1 arrives", "intl", "iss", None),
    ("2011-07-21", None, "Last Space Shuttle landing", "usa", "iss", None),
    ("2020-05-30", None, "Crew Dragon Demo-2", "usa", "iss", None),
    ("2025-11-02", None, "25 years aboard the ISS", "intl", "iss", None),
)


def date(s: str) -> Date:
    parts = [int(p) for p in s.split("-")]
    return Date(*parts)


def outline_of(
    events,
    *,
    eras=(),
    groups=GROUPS,
    title="The Space Race",
    references=None,
    path: Path | None = None,
) -> Outline:
    evs = tuple(sorted(events, key=lambda e: e.date))
    refs = (
        references
        if references is not None
        else (
            Reference(T("Wikipedia: Space Race"), "https://en.wikipedia.org/wiki/Space_Race"),
            Reference(T("NASA History Office"), "https://www.nasa.gov/history/"),
        )
    )
    return Outline(
        path or Path("/nowhere/talk.yaml"),
        T(title),
        SECTIONS,
        subtitle=T("From Cold War rivalry to the International Space Station"),
        author=T("A lecturer"),
        source=Source(T("The Space Race"), T("History & Culture")),
        timeline=Timeline(evs, T("Key dates, 1957–today"), eras, groups),
        references=refs,
    )


def space_race() -> Outline:
    events = [
        Event(
            date(d), T(t), end=date(e) if e else None, text=T(x) if x else None, section=s, group=g
        )
        for d, e, t, g, s, x in SPACE_RACE
    ]
    eras = (
        Era(date("1957-10-04"), date("1975-07-16"), T("Space Race")),
        Era(date("1975-07-17"), date("1998-11-19"), T("Détente & space stations")),
        Era(date("1998-11-20"), date("2026"), T("ISS era")),
    )
    return outline_of(events, eras=eras)


def dense(n: int, seed: int = 1) -> Outline:
    """n events: same-day piles, tight clusters, spans, and outliers decades away."""
    import random

    rnd = random.Random(seed)
    base = dt.date(1950, 1, 1)
    events = []
    for i in range(n):
        kind = i % 5
        if kind == 0:
            d = dt.date(1961, 4, 12)  # a same-day pile
        elif kind in (1, 2):
            d = base + dt.timedelta(days=rnd.randrange(0, 3 * 365))  # a cluster
        elif kind == 3:
            d = base + dt.timedelta(days=rnd.randrange(0, 75 * 365))
        else:
            d = dt.date(2100 + rnd.randrange(0, 5), 1, 1)  # far away
        end = None
        if i % 7 == 3:
            e = d + dt.timedelta(days=rnd.randrange(1, 2000))
            end = Date(e.year, e.month, e.day)
        events.append(
            Event(
                Date(d.year, d.month, d.day),
                T(f"Event number {i} of the pile"),
                end=end,
                group=("usa", "ussr", "intl")[i % 3],
                section=("origins", "iss", None)[i % 3],
            )
        )
    return outline_of(events)


# ---------------------------------------------------------------- checks


def reported_missing(p: Poster) -> int:
    """Events the diagnostics say got no card: one warning each, or one
    summary ('no room for 110 of 150 events') when there are many."""
    import re

    n = 0
    for d in p.diagnostics:
        m = re.search(r"no room for (\d+) of \d+ events", d.message)
        if m:
            n += int(m.group(1))
        elif "no room for event" in d.message:
            n += 1
    return n


def overlap(a: Box, b: Box, tol: float = 0.01) -> bool:
    return (
        a.x < b.right - tol
        and b.x < a.right - tol
        and a.y < b.bottom - tol
        and b.y < a.bottom - tol
    )


def segment_hits_box(p, q, b: Box, tol: float = 0.01) -> bool:
    """Whether segment pq passes through the inside of box b (Liang–Barsky)."""
    (x0, y0), (x1, y1) = p, q
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for pk, qk in (
        (-dx, x0 - (b.x + tol)),
        (dx, (b.right - tol) - x0),
        (-dy, y0 - (b.y + tol)),
        (dy, (b.bottom - tol) - y0),
    ):
        if pk == 0:
            if qk < 0:
                return False
            continue
        t = qk / pk
        if pk < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return t1 - t0 > 1e-9


def check_poster(p: Poster) -> None:  # noqa: C901 - one checklist of independent invariants
    """Cards inside the page, overlapping nothing; text inside its card;
    leaders touching no card but their own; no two leaders crossing."""
    page = Box(0, 0, p.width, p.height)
    cards = sorted(p.cards, key=lambda c: c.box.x)
    for c in cards:
        assert page.contains(c.box), f"card {c.title!r} leaves the page: {c.box}"
    # Sweep: only cards whose x-ranges meet are compared (n log n in practice).
    for i, a in enumerate(cards):
        for b in cards[i + 1 :]:
            if b.box.x >= a.box.right:
                break
            assert not overlap(a.box, b.box), f"cards {a.title!r} and {b.title!r} overlap"
    labels = sorted(p.labels, key=lambda lab: lab.box.x)
    for i, a in enumerate(labels):
        assert page.contains(a.box), f"the {a.role} leaves the page: {a.box}"
        for b in labels[i + 1 :]:
            if b.box.x >= a.box.right:
                break
            assert not overlap(a.box, b.box), f"the {a.role} and the {b.role} overlap"
    for lab in p.labels:
        for c in cards:
            assert not overlap(lab.box, c.box), f"card {c.title!r} overlaps the {lab.role}"
    # Every text block of a card inside the card (text never overflows).
    texts = [e for e in p.elements if isinstance(e, TextBlock) and e.role.startswith("event-")]
    by_card = {}
    for c in cards:
        by_card[c.box] = c
    for tb in texts:
        owner = [c for c in cards if c.box.contains(tb.box)]
        assert owner, f"{tb.role} text {tb.lines[0].runs!r} is outside every card"
        for ln in tb.lines:
            assert ln.width <= tb.box.w + 0.01 or tb.align != "left"
    # Leaders: the stem (last segment) may touch its own card only.
    leaders = [e for e in p.elements if isinstance(e, Stroke) and e.role == "leader"]
    assert len(leaders) == len(cards)
    for c, ld in zip(sorted(p.cards, key=lambda c: c.index), leaders, strict=True):
        for seg in zip(ld.points, ld.points[1:], strict=False):
            for other in cards:
                if other is c or other.index == c.index:
                    continue
                if other.box.x > max(seg[0][0], seg[1][0]) or other.box.right < min(
                    seg[0][0], seg[1][0]
                ):
                    continue
                assert not segment_hits_box(seg[0], seg[1], other.box), (
                    f"the leader of {c.title!r} crosses the card {other.title!r}"
                )


def _segments(p: Poster) -> list[tuple[int, tuple[float, float], tuple[float, float]]]:
    """(leader number, start, end) of every segment of every leader."""
    out = []
    leaders = [e for e in p.elements if isinstance(e, Stroke) and e.role == "leader"]
    for n, ld in enumerate(leaders):
        for a, b in zip(ld.points, ld.points[1:], strict=False):
            if abs(a[0] - b[0]) + abs(a[1] - b[1]) > 1e-9:
                out.append((n, a, b))
    return out


def _collinear_overlap(s, t, near: float) -> float:
    """How far segments s and t run along each other: lie on one line (each
    end of t within `near` of s's line) and overlap along it (points)."""
    (ax, ay), (bx, by) = s
    dx, dy = bx - ax, by - ay
    length = (dx * dx + dy * dy) ** 0.5
    ux, uy = dx / length, dy / length
    for px, py in t:
        if abs((px - ax) * uy - (py - ay) * ux) > near:
            return 0.0
    lo, hi = sorted(((px - ax) * ux + (py - ay) * uy) for px, py in t)
    return min(hi, length) - max(lo, 0.0)


def leader_problems(p: Poster, near: float = 1.0, edge: float = 4.0) -> list[str]:
    """Leaders that run along each other (two segments on one line, sharing
    more than a point) or along a card's edge (an upright or level segment
    within `edge` points of a parallel edge, beside it for more than `edge`)."""
    segs = _segments(p)
    out = []
    by_x = sorted(segs, key=lambda s: min(s[1][0], s[2][0]))
    for i, (n, a, b) in enumerate(by_x):
        right = max(a[0], b[0])
        for m, c, d in by_x[i + 1 :]:
            if min(c[0], d[0]) > right + near:
                break
            if m != n and _collinear_overlap((a, b), (c, d), near) > near:
                out.append(f"leaders {n} and {m} run along each other at {a}-{b}")
    for n, a, b in segs:
        for c in p.cards:
            if _along_edge(a, b, c.box, edge):
                out.append(f"leader {n} runs along an edge of card {c.title!r}")
    return out


def _along_edge(a, b, bx: Box, edge: float) -> bool:
    """Whether an upright or level segment ab lies within `edge` of a parallel
    edge of box bx, beside it for more than `edge` points."""
    if abs(a[0] - b[0]) < 1e-6:  # upright: the card's sides
        along = min(max(a[1], b[1]), bx.bottom) - max(min(a[1], b[1]), bx.y)
        return along > edge and min(abs(a[0] - bx.x), abs(a[0] - bx.right)) < edge
    if abs(a[1] - b[1]) < 1e-6:  # level: its top and foot
        along = min(max(a[0], b[0]), bx.right) - max(min(a[0], b[0]), bx.x)
        return along > edge and min(abs(a[1] - bx.y), abs(a[1] - bx.bottom)) < edge
    return False
