"""One look in every output: content/space_race.yaml built into the deck, the
handout and the poster (deckgen.build); each timeline group must show the same
colour in all three files and the same marker shape in the handout and poster
layouts (and, once the deck's timeline reads the look, on the slides)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

import deckgen.outline
import deckgen.theme
from deckgen.build import build
from deckgen.layout.common.plan import plan_talk
from deckgen.layout.handout.layout import KeyDates, layout_handout
from deckgen.layout.poster.layout import Marker, layout_poster

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "content" / "space_race.yaml"
PRST = {"circle": "ellipse", "square": "rect", "triangle": "triangle", "diamond": "diamond"}
_RG = re.compile(rb"(?<![\w.])([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+rg\b")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("one-look")
    report = build([SAMPLE], ["pptx", "handout", "poster"], out_dir=out)
    assert report.ok, [d.message for d in report.errors]
    outline = deckgen.outline.load(SAMPLE)
    theme = deckgen.theme.resolve(outline)
    return out, outline, plan_talk(outline, theme)


def fills(pdf: Path) -> set[tuple[int, int, int]]:
    """Every fill colour (`r g b rg`) the PDF's pages and forms set, as 0-255."""
    found: set[tuple[int, int, int]] = set()
    reader = PdfReader(pdf)
    streams = []
    for page in reader.pages:
        streams.append(page.get_contents().get_data())
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Form":
                streams.append(obj.get_data())
    for data in streams:
        for m in _RG.finditer(data):
            found.add(tuple(round(float(v) * 255) for v in m.groups()))
    return found


def rgb(hex_rgb: str) -> tuple[int, int, int]:
    return tuple(int(hex_rgb[i : i + 2], 16) for i in (1, 3, 5))


def has(colours: set[tuple[int, int, int]], hex_rgb: str) -> bool:
    want = rgb(hex_rgb)
    return any(all(abs(a - b) <= 1 for a, b in zip(c, want, strict=True)) for c in colours)


def deck_markers(pptx: Path) -> dict[str, list[tuple[str, str | None, str | None]]]:
    """'Marker: <title>' shapes by event title: (geometry, fill, line colour)."""
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    out: dict[str, list] = {}
    for slide in Presentation(pptx).slides:
        for shape in _flat(slide.shapes):  # a timeline slide's shapes are one group
            if not shape.name.startswith("Marker: "):
                continue
            sp = shape._element.spPr
            geom = sp.find("a:prstGeom", ns)
            fill = sp.find("a:solidFill/a:srgbClr", ns)
            line = sp.find("a:ln/a:solidFill/a:srgbClr", ns)
            out.setdefault(shape.name.removeprefix("Marker: "), []).append(
                (
                    geom.get("prst") if geom is not None else None,
                    "#" + fill.get("val").upper() if fill is not None else None,
                    "#" + line.get("val").upper() if line is not None else None,
                )
            )
    return out


def _flat(shapes):
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _flat(shape.shapes)
        else:
            yield shape


def test_the_sample_has_groups_to_compare(built):
    _, outline, talk = built
    assert len(talk.look.legend) == 3
    assert {ev.group for ev in outline.timeline.events} == {"usa", "ussr", "intl"}


@pytest.mark.parametrize("output", ["handout", "poster"])
def test_every_group_colour_is_in_the_pdf(built, output):
    out, _, talk = built
    colours = fills(out / f"space_race-{output}.pdf")
    for st in talk.look.legend:
        assert has(colours, st.color), (output, st.id, st.color)


def test_every_group_colour_is_on_the_deck_markers(built):
    out, outline, talk = built
    markers = deck_markers(out / "space_race.pptx")
    assert markers, "the deck has timeline markers"
    for ev in outline.timeline.events:
        st = talk.look.group(ev.group)
        for _geom, fill, line in markers.get(ev.title.plain, []):
            assert st.color in (fill, line), (ev.title.plain, st.color, fill, line)
    seen = {
        talk.look.group(ev.group).id for ev in outline.timeline.events if ev.title.plain in markers
    }
    assert seen == {"usa", "ussr", "intl"}


def test_every_group_shape_is_on_the_deck_markers(built):
    out, outline, talk = built
    markers = deck_markers(out / "space_race.pptx")
    wrong = []
    for ev in outline.timeline.events:
        st = talk.look.group(ev.group)
        for geom, fill, _line in markers.get(ev.title.plain, []):
            is_open = st.shape.endswith("-open")
            if geom != PRST[st.shape.removesuffix("-open")] or (fill == st.color) == is_open:
                wrong.append((ev.title.plain, st.shape, geom, fill))
    assert sum(len(m) for m in markers.values()) >= len(outline.timeline.events)
    assert not wrong, wrong[:3]


def test_the_same_shape_and_colour_in_handout_and_poster_layouts(built):
    _, outline, talk = built
    theme = talk.theme
    handout = layout_handout(outline, theme, {}, talk)
    poster = layout_poster(outline, theme, {}, talk)
    dates = next(b for b in handout.blocks if isinstance(b, KeyDates))
    # The table's rows: each event marked with its group's look.
    by_title = {ev.title.plain: ev for ev in outline.timeline.events}
    for row in dates.rows:
        st = talk.look.group(by_title[row.title.plain].group)
        assert (row.shape, row.color) == (st.shape, st.color)
    # The legends, in both: the groups' marks in the same order.
    handout_legend = [(m.shape, m.color) for m in dates.strip.legend]
    poster_legend = [
        (e.shape, e.color) for e in poster.elements if isinstance(e, Marker) and e.role == "legend"
    ]
    expected = [(st.shape, st.color) for st in talk.look.legend]
    assert handout_legend == poster_legend == expected
    assert len({shape for shape, _ in expected}) == 3
    # Every event's mark on the poster's axis and on the handout's strip.
    poster_marks = sorted(
        (e.shape, e.color)
        for e in poster.elements
        if isinstance(e, Marker) and e.role == "date-marker"
    )
    strip_marks = sorted((m.shape, m.color) for m in dates.strip.marks)
    assert poster_marks == strip_marks
    assert len(strip_marks) == len(outline.timeline.events)
