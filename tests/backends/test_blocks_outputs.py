"""Tables, code, charts, equations and reveal, asserted from the built files.

One outline using every block (tests/fixtures/outlines/blocks.yaml) is built
into every output; the .pptx is read back with python-pptx and its XML, the
PDFs with pypdf.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from deckgen.build import build
from deckgen.fonts import family
from deckgen.layout.common.blocks import CODE_FONT
from deckgen.outline import load

OUTLINE = Path(__file__).resolve().parents[1] / "fixtures" / "outlines" / "blocks.yaml"
NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
}
LATEX = re.compile(r"\\[a-zA-Z]+|\$[^$\s\d]")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("blocks")
    report = build([OUTLINE], formats="pptx,slides-pdf,handout", out_dir=folder)
    assert report.ok, [str(d) for d in report.errors]
    return folder


@pytest.fixture(scope="module")
def prs(out):
    return Presentation(str(out / "blocks.pptx"))


@pytest.fixture(scope="module")
def outline():
    return load(OUTLINE)


def _slide(prs, title: str):
    for slide in prs.slides:
        if slide.shapes.title is not None and slide.shapes.title.text_frame.text == title:
            return slide
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        if title in texts:
            return slide
    raise AssertionError(f"no slide {title!r}")


def test_native_table_with_header_and_cells(prs, outline):
    table_slide = _slide(prs, "Crewed programmes")
    frames = [s for s in table_slide.shapes if s.has_table]
    assert len(frames) == 1
    table = frames[0].table
    source = outline.sections[0].slides[1].table
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == [c.plain for c in source.header]
    assert cells[1:] == [[c.plain for c in row] for row in source.rows]
    assert table.first_row  # the header row is marked for screen readers
    # numbers right-aligned by default, text left
    algn = [p.get("algn") for p in table._tbl.iterfind(".//a:tr[2]/a:tc/a:txBody/a:p/a:pPr", NS)]
    assert algn == ["l", "l", "r", "r"]


def test_chart_part_has_the_categories_and_values(prs, outline):
    chart_slide = _slide(prs, "Launches per decade")
    (frame,) = [s for s in chart_slide.shapes if s.has_chart]
    chart = frame.chart
    source = outline.sections[0].slides[3].chart
    plot = chart.plots[0]
    assert list(plot.categories) == list(source.categories)
    assert [(s.name, tuple(s.values)) for s in plot.series] == [
        (s.name, s.values) for s in source.series
    ]
    assert chart.has_legend
    assert chart.value_axis.axis_title.text_frame.text == "launches"
    descr = frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr/@descr")[0]
    assert descr.startswith("Column chart: Launches per decade.")
    assert "highest 1980s (40)" in descr


def test_highlighted_code_runs_in_the_monospace_font(prs, outline):
    code_slide = _slide(prs, "Orbital speed")
    boxes = [s for s in code_slide.shapes if s.has_text_frame and s.name == "Code"]
    assert len(boxes) == 1
    paragraphs = boxes[0].text_frame.paragraphs
    runs = [r for p in paragraphs for r in p.runs]
    # JetBrains Mono, written as its Office twin (every glyph 0.6 em wide)
    assert {r.font.name for r in runs} == {family(CODE_FONT).office_name} == {"Courier New"}
    assert len({str(r.font.color.rgb) for r in runs}) >= 4  # highlighted by token
    lines = [p.text for p in paragraphs]
    assert lines[1] == '    """Speed of a circular orbit (km/s)."""'  # whitespace exact
    assert lines[3] == ""
    # the long line wraps with a visible continuation mark, nothing cut
    long = outline.sections[0].slides[2].code.lines[4]
    assert any(line.startswith("→ ") for line in lines)
    joined = "".join(line.removeprefix("→ ") for line in lines[4:6])
    assert joined == long
    # line 3 is emphasised by a band behind it
    assert [s.name for s in code_slide.shapes].count("Highlight") == 1


def test_equation_is_office_math_with_the_latex_as_alt_text(out):
    import zipfile

    with zipfile.ZipFile(out / "blocks.pptx") as z:
        xml = next(
            z.read(n).decode()
            for n in z.namelist()
            if "slides/slide" in n and b"oMath" in z.read(n)
        )
    assert "<m:f>" in xml and "<m:sSub>" in xml  # a fraction and subscripts, natively
    assert 'descr="\\Delta v = v_e \\ln \\frac{m_0}{m_f}"' in xml
    assert "<mc:Fallback>" in xml


def test_no_latex_or_dollar_math_shown_as_text(prs, out):
    shown = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                shown.append(shape.text_frame.text)
    for name in ("blocks-slides.pdf", "blocks-handout.pdf"):
        shown += [p.extract_text() for p in PdfReader(out / name).pages]
    text = "\n".join(shown)
    assert not LATEX.search(text), LATEX.search(text)
    spaced = " ".join(text.split())
    assert "v = √(GM/r)" in spaced  # inline math, as text on the baseline
    assert "a price of $5 stays text" in spaced


def test_reveal_builds_one_step_per_point(prs):
    slide = _slide(prs, "Step by step")
    timing = slide._element.find("p:timing", NS)
    assert timing is not None
    clicks = timing.findall(".//p:par/p:cTn[@nodeType='clickEffect']", NS)
    targets = timing.findall(".//p:spTgt/p:txEl/p:pRg", NS)
    assert len(clicks) == 3 == len(targets)
    assert [t.get("st") for t in targets] == ["0", "1", "2"]
    (build,) = timing.findall(".//p:bldLst/p:bldP", NS)
    assert build.get("build") == "p"
    body = [s for s in slide.shapes if s.shape_id == int(build.get("spid"))]
    assert body and len(body[0].text_frame.paragraphs) == 3
    # without the pptx option, no other slide builds
    assert sum(s._element.find("p:timing", NS) is not None for s in prs.slides) == 1


@pytest.mark.parametrize("name", ["blocks-slides.pdf", "blocks-handout.pdf"])
def test_every_table_cell_and_code_line_in_the_pdf_text(out, outline, name):
    text = "\n".join(p.extract_text() for p in PdfReader(out / name).pages)
    flat = re.sub(r"\s+", "", text)
    slides = outline.sections[0].slides
    for row in (slides[1].table.header, *slides[1].table.rows):
        for cell in row:
            assert cell.plain in text
    for line in slides[2].code.lines:
        assert re.sub(r"\s+", "", line) in flat.replace("→", ""), line


def test_handout_ignores_reveal_and_shows_every_point(out):
    text = "\n".join(p.extract_text() for p in PdfReader(out / "blocks-handout.pdf").pages)
    for point in ("First stage burns out", "Second stage ignites", "Orbit at h ≈ 200 km"):
        assert point in text


def test_pdfs_embed_every_font_and_the_monospace_one(out):
    for name in ("blocks-slides.pdf", "blocks-handout.pdf"):
        fonts = set()
        for page in PdfReader(out / name).pages:
            for font in page["/Resources"]["/Font"].values():
                fonts.add(str(font.get_object()["/BaseFont"]))
                # charts and equations never leave an unembedded Helvetica behind
                assert "/FontDescriptor" in font.get_object(), font.get_object()
        assert any("JetBrainsMono" in f for f in fonts), fonts


def test_the_reveal_option_builds_every_bullet_slide(tmp_path):
    report = build([OUTLINE], formats="pptx", out_dir=tmp_path, sets=("outputs.pptx.reveal=true",))
    assert report.ok, [str(d) for d in report.errors]
    prs = Presentation(str(tmp_path / "blocks.pptx"))
    timed = [s for s in prs.slides if s._element.find("p:timing", NS) is not None]
    assert len(timed) == 2  # both bullet slides; tables, code and charts never build
    assert _slide(prs, "Numbers") in timed


def test_inline_math_scripts_are_raised_and_lowered(prs, out):
    slide = _slide(prs, "Numbers")
    runs = [
        r for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs for r in p.runs
    ]
    shifts = {r.text: r._r.rPr.get("baseline") for r in runs}
    assert shifts["k"] == "-18000" and shifts["2"] == "35000"
    assert shifts["E"] is None
    text = " ".join(p.extract_text() for p in PdfReader(out / "blocks-slides.pdf").pages)
    assert "KineticenergyEk=1/2mv2," in re.sub(r"\s+", "", text)


def test_pptx_passes_the_schema_audit_but_for_powerpoints_own_math_runs(out, tmp_path):
    """openxml-audit's only complaint is `a:rPr` inside `m:r`: PowerPoint itself
    writes its equations' run properties there (a font size and colour; without
    them an equation is 18 pt black, unreadable on midnight), so it stays."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "pptx"))
    from pptx_support import audit

    report = audit((out / "blocks.pptx").read_bytes(), tmp_path)
    problems = re.findall(r"^\d+\. (.*)$", report, re.M)
    assert set(problems) <= {"Unexpected element 'rPr' found"}, report
    assert all("/oMath" in path for path in re.findall(r"Path: ([^\n]*\n?[^\n]*)", report))


def test_drawing_an_equation_for_a_pdf_leaves_ziamaths_setting_alone():
    # The web page's equations read ziamath's global `svg2`: a PDF built
    # earlier in the same process (watch, or `-f handout,html`) must not
    # change them.
    import ziamath

    from deckgen.backends.html.blocks import _math
    from deckgen.backends.pdfblocks import math_drawing
    from deckgen.layout.common.blocks import MathBlock
    from deckgen.layout.common.primitives import Box

    block = MathBlock(
        box=Box(0, 0, 300, 80), latex=r"\frac{a}{b+1}", size=24.0, color="#000000", alt="a/(b+1)"
    )
    before_setting = ziamath.config.svg2
    page_before = _math(block)
    math_drawing(r"\frac{a}{b+1} + \sqrt{c}", 24.0, "#000000")
    assert ziamath.config.svg2 == before_setting
    assert _math(block) == page_before
