"""The sample's timeline on Pandoc's reference.pptx (720 x 405 pt, the layout
at 0.75 of a 960 x 540 slide): as many slides by period as on the full-size
slide, not more, and nothing on them smaller than the scaled floors
(issue 10)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckgen.build import build

ROOT = Path(__file__).resolve().parents[3]
PANDOC = ROOT / "tests" / "fixtures" / "templates" / "pandoc-reference.pptx"
KEY_DATES = "From Sputnik to the ISS: key dates"  # the sample's 31-event timeline


def _shapes(shapes):
    for shape in shapes:
        yield shape
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _shapes(shape.shapes)


def _timeline_slides(tmp_path: Path, look: str) -> list[list]:
    for item in (ROOT / "content").iterdir():
        target = tmp_path / item.name
        shutil.copytree(item, target) if item.is_dir() else shutil.copy(item, target)
    shutil.copy(PANDOC, tmp_path / "ref.pptx")
    report = build(
        [tmp_path / "space_race.yaml"],
        formats="pptx",
        out_dir=tmp_path / "out",
        sets=["outputs.pptx.template=ref.pptx", f"outputs.pptx.look={look}"],
    )
    assert report.ok, [d.message for d in report.diagnostics]
    deck = Presentation(str(tmp_path / "out" / "space_race.pptx"))
    slides = [list(_shapes(s.shapes)) for s in deck.slides]
    (start,) = [i for i, s in enumerate(slides) if any(KEY_DATES in x.name for x in s)]
    run = []
    for shapes in slides[start:]:
        if not any(x.name.startswith("Timeline") for x in shapes):
            break
        run.append(shapes)
    return run


@pytest.mark.parametrize("look", ["template", "theme"])
def test_the_sample_timeline_takes_no_more_slides_on_a_smaller_slide(tmp_path, look):
    overview, *periods = _timeline_slides(tmp_path, look)
    assert 1 <= len(periods) <= 3  # as on 960 x 540: an overview and three periods
    assert sum(x.name.startswith("Marker: ") for x in overview) == 31
    for shapes in periods:
        cards = [x for x in shapes if x.name.startswith("Event: ")]
        assert len(cards) >= 3
        for card in cards:
            date, title = card.text_frame.paragraphs
            assert min(r.font.size.pt for r in date.runs) >= 16 * 0.75
            assert min(r.font.size.pt for r in title.runs) >= 18 * 0.75
