"""Real outlines through the real layout and the pptx backend, in every built-in theme."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from pptx_support import NS, TITLES, assert_clean_package, audit, open_pptx, slide_xmls

import deckgen.outline
import deckgen.theme
from deckgen.backends.base import Job
from deckgen.backends.pptx import PptxBackend
from deckgen.layout.deck.model import Picture
from deckgen.outline.model import Option

ROOT = Path(__file__).resolve().parents[3]
SPACE_RACE = ROOT / "content" / "space_race.yaml"
FIXTURES = ROOT / "tests" / "fixtures" / "outlines"
AUDITED = {("cyrillic", "4:3"), ("dense-timeline", "16:9"), ("greek-accents", "16:9")}


def build(path: Path, theme: str | None = None, aspect: str = "16:9"):
    outline = deckgen.outline.load(path)
    # The deck's options are the outline's `outputs.pptx:` (the talk lays it out).
    outline = replace(outline, outputs={"pptx": {"aspect": Option(aspect)}})
    job = Job(outline, deckgen.theme.resolve(outline, override=theme), {})
    backend = PptxBackend()
    deck = backend.layout(job)
    (out,) = backend.render(deck, job)
    assert out.name == f"{path.stem}.pptx"
    return deck, out.data


@pytest.fixture(scope="module", params=["default", "midnight", "print"])
def space_race(request):
    return build(SPACE_RACE, request.param)


def test_reopened_deck_gives_back_every_title_alt_text_and_note(space_race):
    deck, data = space_race
    prs = open_pptx(data)
    assert len(prs.slides) == len(deck.slides)
    for slide, want in zip(prs.slides, deck.slides, strict=True):
        titles = [
            s for s in slide.placeholders if s.placeholder_format.type in TITLES and s.text.strip()
        ]
        # a balanced title's line breaks (a:br) read as vertical tabs
        assert [t.text.replace("\v", " ") for t in titles] == [want.title], want.title
        alts = [s._element.nvPicPr.cNvPr.get("descr") for s in slide.shapes if s.shape_type == 13]
        assert alts == [e.alt for e in want.elements if isinstance(e, Picture)]
        notes = "\n".join(t.plain for t in want.notes)
        got = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        assert got == notes
    assert any(s.notes for s in deck.slides)
    assert sum(isinstance(e, Picture) for s in deck.slides for e in s.elements) >= 3


def test_space_race_is_valid_and_clean(space_race, tmp_path):
    deck, data = space_race
    assert audit(data, tmp_path) == ""
    assert_clean_package(data)
    for sld in slide_xmls(data):
        ids = [e.get("id") for e in sld.iter(f"{{{NS['p']}}}cNvPr")]
        assert len(ids) == len(set(ids))


def test_space_race_keeps_its_cyrillic(space_race):
    _, data = space_race
    text = "".join(s.text for sl in open_pptx(data).slides for s in sl.shapes if s.has_text_frame)
    assert "Гагарин" in text and "Союз" in text


def test_rebuilding_gives_identical_bytes():
    assert build(SPACE_RACE)[1] == build(SPACE_RACE)[1]


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.yaml")))
@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_fixture_outlines_make_valid_decks(name, aspect, tmp_path):
    deck, data = build(FIXTURES / f"{name}.yaml", aspect=aspect)
    prs = open_pptx(data)
    assert prs.slide_width == round(deck.width * 12700)
    titles = [s.shapes.title.text.replace("\v", " ") for s in prs.slides]
    assert titles == [s.title for s in deck.slides]
    assert_clean_package(data)
    # openxml-audit takes ~2 s of CPU per deck: the fixtures that stress the
    # most XML (scripts, dense shapes) get it, the rest the structural checks
    if (name, aspect) in AUDITED:
        assert audit(data, tmp_path) == ""


@pytest.mark.render
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler (pdfinfo) is not installed")
def test_libreoffice_renders_every_slide(tmp_path):
    deck, data = build(SPACE_RACE, "midnight")
    path = tmp_path / "space_race.pptx"
    path.write_bytes(data)
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "space_race.pdf")], check=True, capture_output=True, text=True
    ).stdout
    pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
    slides = [
        n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("ppt/slides/s")
    ]
    assert pages == len(slides) == len(deck.slides)
