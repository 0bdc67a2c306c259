"""Timeline slides as PowerPoint opens them: outlines built to .pptx through
`deckgen.build`, every timeline slide read back with python-pptx.

What a lecturer sees must hold in the file: markers at their true dates
(x linear in time within each unbroken stretch of the axis), the years on the
axis in order, each group's marker shape and colour from the talk's look, no
two text boxes overlapping, nothing off the slide.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

import deckgen.outline
import deckgen.theme
from deckgen.build import build
from deckgen.layout.common.plan import plan_talk
from deckgen.outline.model import Outline

ROOT = Path(__file__).resolve().parents[3]
SPACE_RACE = ROOT / "content" / "space_race.yaml"
DENSE = ROOT / "tests" / "fixtures" / "outlines" / "dense-timeline.yaml"
EMU = 12700
NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}
PRESETS = {"circle": "ellipse", "square": "rect", "triangle": "triangle", "diamond": "diamond"}


@dataclass(frozen=True)
class Drawn:
    """One shape of a slide as the file holds it (points)."""

    name: str
    x: float
    y: float
    w: float
    h: float
    text: str
    sizes: tuple[float, ...]  # font size of each paragraph's first run
    prst: str | None
    fill: str | None
    line: str | None

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    def overlaps(self, other: Drawn, tolerance: float = 0.5) -> bool:
        return (
            self.x + tolerance < other.x + other.w
            and other.x + tolerance < self.x + self.w
            and self.y + tolerance < other.y + other.h
            and other.y + tolerance < self.y + self.h
        )


@dataclass(frozen=True)
class Built:
    outline: Outline
    theme: str
    width: float
    height: float
    slides: tuple[tuple[Drawn, ...], ...]  # the timeline slides only
    groups: tuple[tuple[str, str], ...]  # each timeline slide's group: (name, description)

    def named(self, slide: tuple[Drawn, ...], prefix: str) -> list[Drawn]:
        return [d for d in slide if d.name.startswith(prefix)]

    def title(self, slide: tuple[Drawn, ...]) -> str:
        return next(d.text for d in slide if d.name.startswith("Title"))


def _first(element, path: str) -> str | None:
    found = element.xpath(path)
    return str(found[0]) if found else None


def _drawn(shape) -> Drawn:
    el = shape._element
    sizes = []
    for p in el.xpath(".//a:p"):
        sz = p.xpath("./a:r/a:rPr/@sz")
        if sz:
            sizes.append(int(sz[0]) / 100)
    return Drawn(
        name=shape.name,
        x=shape.left / EMU,
        y=shape.top / EMU,
        w=shape.width / EMU,
        h=shape.height / EMU,
        text=shape.text_frame.text.replace("\v", " ") if shape.has_text_frame else "",
        sizes=tuple(sizes),
        prst=_first(el, "./p:spPr/a:prstGeom/@prst"),
        fill=_first(el, "./p:spPr/a:solidFill/a:srgbClr/@val"),
        line=_first(el, "./p:spPr/a:ln/a:solidFill/a:srgbClr/@val"),
    )


def built(tmp: Path, path: Path, theme: str = "default", aspect: str = "16:9") -> Built:
    out = tmp / f"{path.stem}-{theme}-{aspect.replace(':', 'x')}"
    report = build(
        [path], formats="pptx", theme=theme, out_dir=out, sets=[f"outputs.pptx.aspect={aspect}"]
    )
    assert report.ok, [d.message for d in report.diagnostics]
    prs = Presentation(str(out / f"{path.stem}.pptx"))
    slides = []
    groups = []
    for slide in prs.slides:
        shapes = tuple(_drawn(s) for s in _flat(slide.shapes))
        if any(d.name == "Timeline axis" for d in shapes):
            slides.append(shapes)
            (group,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
            groups.append((group.name, group._element.xpath("./p:nvGrpSpPr/p:cNvPr/@descr")[0]))
    return Built(
        deckgen.outline.load(path),
        theme,
        prs.slide_width / EMU,
        prs.slide_height / EMU,
        tuple(slides),
        tuple(groups),
    )


def _flat(shapes):
    for s in shapes:
        if s.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _flat(s.shapes)
        else:
            yield s


CASES = [
    (SPACE_RACE, "default", "16:9"),
    (SPACE_RACE, "midnight", "16:9"),
    (SPACE_RACE, "print", "16:9"),
    (SPACE_RACE, "default", "4:3"),
    (DENSE, "default", "16:9"),
    (DENSE, "default", "4:3"),
]


@pytest.fixture(scope="module", params=CASES, ids=lambda c: f"{c[0].stem}-{c[1]}-{c[2]}")
def deck(request, tmp_path_factory) -> Built:
    path, theme, aspect = request.param
    return built(tmp_path_factory.mktemp("timeline"), path, theme, aspect)


def _events(b: Built) -> dict:
    return {e.title.plain: e for e in b.outline.timeline.events}


def _stretches(b: Built, slide) -> list[list[Drawn]]:
    """The slide's markers, cut into the unbroken stretches of its axis."""
    cuts = sorted(d.cx for d in b.named(slide, "Axis break") if d.name == "Axis break")
    markers = sorted(b.named(slide, "Marker: "), key=lambda d: d.cx)
    groups: list[list[Drawn]] = [[] for _ in range(len(cuts) + 1)]
    for m in markers:
        groups[sum(1 for c in cuts if c < m.cx)].append(m)
    return [g for g in groups if g]


def _fit(ts: list[float], xs: list[float]) -> tuple[float, float]:
    n = len(ts)
    mt, mx = sum(ts) / n, sum(xs) / n
    var = sum((t - mt) ** 2 for t in ts)
    slope = sum((t - mt) * (x - mx) for t, x in zip(ts, xs, strict=True)) / var if var else 0.0
    return slope, mx - slope * mt


def test_markers_stand_at_their_true_dates(deck):
    """Within each unbroken stretch of the axis, marker centres are a linear
    function of their dates (least-squares residual <= 2 % of the axis)."""
    events = _events(deck)
    assert deck.slides
    for slide in deck.slides:
        axis = next(d for d in slide if d.name == "Timeline axis")
        markers = sorted(deck.named(slide, "Marker: "), key=lambda d: d.cx)
        dates = [events[m.name[len("Marker: ") :]].date.ordinal for m in markers]
        assert dates == sorted(dates), f"{deck.title(slide)}: markers out of date order"
        for stretch in _stretches(deck, slide):
            ts = [events[m.name[len("Marker: ") :]].date.ordinal for m in stretch]
            xs = [m.cx for m in stretch]
            if len(set(ts)) < 2:
                continue
            slope, icpt = _fit(ts, xs)
            assert slope > 0
            worst = max(abs(x - (icpt + slope * t)) for t, x in zip(ts, xs, strict=True))
            assert worst <= 0.02 * axis.w, (
                f"{deck.title(slide)}: a marker stands {worst:.1f} pt off the time scale"
            )


def test_the_years_are_on_the_axis_in_order(deck):
    """Year labels (`Year: 1961`) on the axis band, at >= 14 pt, left to right
    in increasing order, each where the markers' scale puts 1 January."""
    events = _events(deck)
    for slide in deck.slides:
        axis = next(d for d in slide if d.name == "Timeline axis")
        years = sorted(deck.named(slide, "Year: "), key=lambda d: d.cx)
        dates = deck.named(slide, "Date: ")
        assert years or dates, f"{deck.title(slide)}: no dates on the axis"
        assert all(re.search(r"\d{4}", d.text) for d in dates[:1])
        numbers = [int(d.text) for d in years]
        assert numbers == sorted(set(numbers))
        for label in years + dates:
            assert label.name.endswith(label.text)
            assert min(label.sizes) >= 14
            assert axis.y <= label.y and label.y + label.h <= axis.y + axis.h + 0.5
        for stretch in _stretches(deck, slide):
            ts = [events[m.name[len("Marker: ") :]].date.ordinal for m in stretch]
            if len(set(ts)) < 2:
                continue
            slope, icpt = _fit(ts, [m.cx for m in stretch])
            for label in years:
                if min(ts) <= int(label.text) <= max(ts):
                    assert abs(label.cx - (icpt + slope * int(label.text))) <= 0.02 * axis.w


def test_markers_take_their_groups_shape_and_colour(deck):
    theme = deckgen.theme.resolve(deck.outline, override=deck.theme)
    look = plan_talk(deck.outline, theme).look
    background = theme.colors.background.lstrip("#").upper()
    events = _events(deck)
    for slide in deck.slides:
        for m in deck.named(slide, "Marker: "):
            group = look.group(events[m.name[len("Marker: ") :]].group)
            assert m.prst == PRESETS[group.shape.removesuffix("-open")], m.name
            color = group.color.lstrip("#").upper()
            if group.shape.endswith("-open"):
                assert (m.fill, m.line) == (background, color), m.name
            else:
                assert m.fill == color, m.name
        # the legend shows each group's marker as drawn on the slide
        for g in deck.outline.timeline.groups:
            swatch = [d for d in slide if d.name == f"Legend: {g.label.plain} swatch"]
            if swatch:
                assert swatch[0].prst == PRESETS[look.group(g.id).shape.removesuffix("-open")]


def test_labels_are_legible_apart_and_on_the_slide(deck):
    for slide in deck.slides:
        where = deck.title(slide)
        for d in slide:
            assert d.x >= -0.01 and d.y >= -0.01, f"{where}: {d.name}"
            assert d.x + d.w <= deck.width + 0.01 and d.y + d.h <= deck.height + 0.01, d.name
        texts = [d for d in slide if d.text.strip()]
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                assert not a.overlaps(b), f"{where}: {a.name!r} and {b.name!r} overlap"
        # legible from the back of a hall: labels >= 18 pt, dates >= 16 pt
        for card in deck.named(slide, "Event: "):
            date_size, title_size = card.sizes
            assert date_size >= 16 and title_size >= 18, card.name
        for label in deck.named(slide, "Legend: "):
            assert not label.sizes or min(label.sizes) >= 18, label.name


def _runs(deck: Built) -> list[tuple[tuple, list]]:
    """(overview, detail slides) per timeline run; a lone slide has no details."""
    runs: list[tuple[tuple, list]] = []
    for slide, (name, _) in zip(deck.slides, deck.groups, strict=True):
        if name.startswith("Timeline period: "):
            runs[-1][1].append(slide)
        else:
            runs.append((slide, []))
    return runs


def test_an_overview_then_detail_slides_by_consecutive_periods(deck):
    """A run of timeline slides (a section's, the whole timeline's): an
    overview with a marker for every event, then detail slides going on in
    date order, every event once, never a slide of one or two events."""
    events = _events(deck)
    whole = deck.outline.timeline.title.plain
    heads = [deck.title(overview) for overview, _ in _runs(deck)]
    assert whole in heads
    for overview, details in _runs(deck):
        head = deck.title(overview)
        markers = [m.name for m in deck.named(overview, "Marker: ")]
        shown = []
        for slide in details:
            dates = sorted(
                events[m.name[len("Marker: ") :]].date for m in deck.named(slide, "Marker: ")
            )
            assert len(dates) >= 3, f"{head}: a slide of {len(dates)} events"
            assert not shown or shown[-1] <= dates[0], f"{head}: periods overlap"
            shown += dates
            assert len(deck.title(slide)) < len(head) + 12  # short: era and years
        if details:
            assert len(shown) == len(markers)
            assert len(deck.named(overview, "Event: ")) < len(markers)  # the main labels
        if head == whole:
            assert len(markers) == len(events)


def test_the_sample_needs_at_most_four_timeline_slides_at_16_9(tmp_path):
    b = built(tmp_path, SPACE_RACE)
    whole = b.outline.timeline.title.plain
    run = next((o, d) for o, d in _runs(b) if b.title(o) == whole)
    assert 1 + len(run[1]) <= 4


def test_each_timeline_slide_is_one_group_describing_its_events(deck):
    """A screen reader meets one object per timeline slide, its description
    listing the slide's events with their dates."""
    events = _events(deck)
    for slide, (name, descr) in zip(deck.slides, deck.groups, strict=True):
        assert deck.title(slide).startswith(name.split(": ", 1)[1])
        for m in deck.named(slide, "Marker: "):
            assert m.name[len("Marker: ") :] in descr
        assert f"{len(deck.named(slide, 'Marker: '))} events" in descr
        assert all(
            t in events
            for t in (m.name[len("Marker: ") :] for m in slide if m.name.startswith("Marker: "))
        )


def test_a_sections_timeline_says_its_span(tmp_path):
    """The dense fixture's 'Spaceflight today' section: its timeline slide
    shows the section's events and its title the years they span."""
    b = built(tmp_path, DENSE)
    mine = [e for e in b.outline.timeline.events if e.section == "today"]
    first, last = min(e.date.year for e in mine), max((e.end or e.date).year for e in mine)
    slides = [s for s in b.slides if b.title(s).startswith("Spaceflight today")]
    assert slides
    assert b.title(slides[0]) == f"Spaceflight today, {first}\u2013{last}"
    shown = {m.name[len("Marker: ") :] for s in slides for m in b.named(s, "Marker: ")}
    assert shown == {e.title.plain for e in mine}


def test_open_marker_shapes_are_outlined_in_the_group_colour(tmp_path):
    """Six groups: the fifth and sixth get open shapes (circle-open,
    square-open): filled with the background, a 2 pt outline in the colour."""
    groups = "".join(f"    g{i}: Group {i}\n" for i in range(6))
    events = "".join(
        f"    - {{date: {1950 + 3 * i}, title: Event number {i}, group: g{i % 6}}}\n"
        for i in range(12)
    )
    path = tmp_path / "groups.yaml"
    path.write_text(
        textwrap.dedent("""\
        title: Six groups
        sections:
          - title: One
            points: [a]
        timeline:
          title: Dates
          groups:
        """)
        + groups
        + "  events:\n"
        + events,
        encoding="utf-8",
    )
    b = built(tmp_path, path)
    theme = deckgen.theme.resolve(b.outline)
    look = plan_talk(b.outline, theme).look
    background = theme.colors.background.lstrip("#").upper()
    assert {look.group(f"g{i}").shape for i in range(6)} >= {"circle-open", "square-open"}
    markers = [m for s in b.slides for m in b.named(s, "Marker: ")]
    assert len(markers) == 12
    opened = [m for m in markers if m.name.endswith(("number 4", "number 5", "number 10"))]
    assert opened and all(m.fill == background and m.line is not None for m in opened)
    assert {m.prst for m in markers} == {"ellipse", "rect", "triangle", "diamond"}
