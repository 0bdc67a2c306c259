"""Everything on an explicit slide is in the article handout: built through
`deckgen.build`, read back from the PDF with pypdf."""

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from deckgen.build import build
from deckgen.outline import load
from deckgen.outline.model import Outline, Slide, Text

ROOT = Path(__file__).parents[3]
OUTLINES = [
    ROOT / "content" / "space_race.yaml",
    *sorted((ROOT / "tests/fixtures/outlines").glob("*.yaml")),
]


def normalised(s: str) -> str:
    """Words hyphenated at line ends joined again, whitespace dropped (pypdf
    breaks lines where the font changes too) and case folded (a slide titled
    like its section shows under the section's heading)."""
    s = s.replace("\u00a0", " ").replace("\u00ad", "")
    s = re.sub(r"(?<=\w)-\s*\n\s*(?=\w)", "", s)
    return "".join(s.split()).casefold()


def handout_text(path: Path, out: Path, *sets: str) -> str:
    """The article handout's text (whatever mode the outline asks for)."""
    sets = ("outputs.handout.mode=article", *sets)
    report = build([path], "handout", out_dir=out, sets=sets)
    assert report.ok, [str(d) for d in report.errors]
    (pdf,) = [p for p in report.written if p.name.endswith("-handout.pdf")]
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    return normalised("\n".join(page.extract_text() for page in reader.pages))


def slide_texts(slide: Slide) -> list[Text]:
    """Every text a slide shows: title, points and sub-points, column headings
    and points, quote, statement, picture caption."""
    texts: list[Text] = [t for t in (slide.title, slide.text) if t is not None]
    points = list(slide.points)
    for col in (slide.left, slide.right):
        if col is not None:
            texts.extend([col.heading] if col.heading is not None else [])
            points.extend(col.points)
    for p in points:
        texts.append(p.text)
        texts.extend(p.points)
    if slide.quote is not None:
        texts.append(slide.quote.text)
    if slide.image is not None and slide.image.caption is not None:
        texts.append(slide.image.caption)
    return texts


def explicit(outline: Outline) -> list[tuple[str, Text]]:
    return [
        (f"{section.id}: {slide.layout}", text)
        for section in outline.sections
        for slide in section.slides or ()
        for text in slide_texts(slide)
    ]


@pytest.mark.parametrize("path", OUTLINES, ids=lambda p: p.stem)
def test_every_explicit_slide_is_in_the_handout(path, tmp_path):
    outline = load(path)
    text = handout_text(path, tmp_path)
    missing = [
        (where, t.plain) for where, t in explicit(outline) if normalised(t.plain) not in text
    ]
    assert not missing


def test_the_sample_has_explicit_slides_to_check():
    """The test above would pass on an outline without slides: the sample has
    every layout this handout sets."""
    outline = load(OUTLINES[0])
    layouts = {s.layout for sec in outline.sections for s in sec.slides or ()}
    assert {"statement", "image", "bullets", "two-column", "timeline", "quote"} <= layouts
    assert len(explicit(outline)) > 20


@pytest.mark.parametrize(
    "sets",
    [(), ("theme=print", "outputs.handout.paper=Letter")],
    ids=["default-A4", "print-Letter"],
)
def test_the_sample_prints_each_thing_once(sets, tmp_path):
    """The sample's first section shows its picture and quote on explicit
    slides too: the handout prints each of them once, with the slides."""
    text = handout_text(OUTLINES[0], tmp_path, *sets)
    assert normalised("A race of firsts USSR (СССР)") in text
    section = load(OUTLINES[0]).sections[0]
    assert text.count(normalised(section.quote.text.plain)) == 1
    assert text.count(normalised(section.image.caption.plain)) == 1
