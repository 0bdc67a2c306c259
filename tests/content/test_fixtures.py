"""Every shared outline is what its name promises: valid ones load cleanly,
their pictures are small PNGs, and the drawing tool reproduces them."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path

import pytest

from deckgen.outline import load

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "outlines"
VALID = sorted(p for p in FIXTURES.glob("*.yaml") if not p.name.startswith("bad-"))
OUTLINES = [*VALID, REPO / "content" / "space_race.yaml"]
PNGS = sorted([*FIXTURES.glob("images/*.png"), *(REPO / "content" / "images").glob("*.png")])


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_every_fixture_named_in_readme():
    readme = (REPO / "tests" / "fixtures" / "README.md").read_text(encoding="utf-8")
    for path in VALID:
        assert f"`outlines/{path.name}`" in readme, f"{path.name} is not described in the README"


@pytest.mark.parametrize("path", OUTLINES, ids=lambda p: p.name)
def test_valid_outline_loads(path):
    outline = load(path)
    assert outline.sections


def test_minimal_is_minimal():
    outline = load(FIXTURES / "minimal.yaml")
    assert len(outline.sections) == 1
    assert [p.text.plain for p in outline.sections[0].points] == ["The only point"]
    assert outline.timeline is None and outline.cover is None and not outline.references


def test_no_timeline_has_no_timeline_and_no_images():
    outline = load(FIXTURES / "no-timeline.yaml")
    assert outline.timeline is None and outline.cover is None
    assert all(s.image is None for s in outline.sections)
    for section in outline.sections:
        assert all(sl.layout != "timeline" and sl.image is None for sl in section.slides or ())


def test_other_subject_has_every_layout():
    from deckgen.outline.model import SLIDE_LAYOUTS

    blocks = {"table", "code", "chart", "equation"}  # format 2: blocks.yaml has them
    outline = load(FIXTURES / "other-subject.yaml")
    layouts = {sl.layout for s in outline.sections for sl in s.slides or ()}
    assert layouts == set(SLIDE_LAYOUTS) - blocks
    every = load(FIXTURES / "blocks.yaml")
    assert blocks <= {sl.layout for s in every.sections for sl in s.slides or ()}
    runs = [r for s in outline.sections for p in s.summary for r in p.runs]
    assert any(r.link and r.link.startswith("https://") for r in runs)
    # Unquoted 4:3 stays the text the user typed, not the sexagesimal int 243.
    assert outline.outputs["pptx"]["aspect"].value == "4:3"


def test_dense_timeline_is_dense():
    timeline = load(FIXTURES / "dense-timeline.yaml").timeline
    dates = [e.date for e in timeline.events]
    assert len(dates) >= 60
    assert len(dates) - len(set(dates)) >= 3  # same-day events
    assert len(timeline.groups) == 4 and len(timeline.eras) >= 3
    assert sum(e.end is not None for e in timeline.events) >= 3
    gaps = [b.ordinal - a.ordinal for a, b in zip(dates, dates[1:], strict=False)]
    assert max(gaps) >= 25  # one event alone, decades before the rest
    assert dates == sorted(dates)


def test_cyrillic_is_russian():
    outline = load(FIXTURES / "cyrillic.yaml")
    assert outline.language == "ru"
    assert "Гагарин" in outline.title.plain
    assert all(
        any("\u0400" <= ch <= "\u04ff" for ch in e.title.plain) for e in outline.timeline.events
    )


def test_greek_uses_greek_extended():
    outline = load(FIXTURES / "greek-accents.yaml")
    text = outline.title.plain + "".join(s.title.plain for s in outline.sections)
    assert any("\u1f00" <= ch <= "\u1fff" for ch in text)  # polytonic
    assert any("\u0370" <= ch <= "\u03ff" for ch in text)  # monotonic


def test_long_text_is_long():
    outline = load(FIXTURES / "long-text.yaml")
    assert max(len(s.points) for s in outline.sections) >= 20
    assert max(len(s.title.plain.split()) for s in outline.sections) >= 14
    assert max(len(s.summary) for s in outline.sections) >= 6
    words = [w for s in outline.sections for p in s.points for w in p.text.plain.split()]
    assert max(map(len, words)) >= 60


@pytest.mark.parametrize("path", PNGS, ids=lambda p: p.name)
def test_pictures_are_small_pngs(path):
    width, height = png_size(path)
    assert path.stat().st_size < 200_000
    assert 300 <= width <= 1600 and height > 0


@pytest.mark.slow
def test_illustrations_are_reproducible(tmp_path):
    """The committed pictures are exactly what tools/make_illustrations.py draws."""
    image = pytest.importorskip("PIL.Image")
    spec = importlib.util.spec_from_file_location(
        "make_illustrations", REPO / "tools" / "make_illustrations.py"
    )
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    for fresh in tool.render_all(tmp_path):
        committed = REPO / fresh.relative_to(tmp_path)
        with image.open(fresh) as a, image.open(committed) as b:
            # Pixels, not bytes: zlib versions may compress differently.
            assert a.size == b.size and a.tobytes() == b.tobytes(), committed.name
