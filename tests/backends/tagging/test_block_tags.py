"""Tables, code, charts and equations in tagged PDFs (tests/fixtures/outlines/blocks.yaml):
Table/TR/TH/TD, Code, Figures with alt text and a box, no block text outside content."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

import deckgen
from deckgen.backends import pdfkit
from deckgen.backends.pdfblocks import draw_block
from deckgen.backends.slides_pdf.draw import register_deck_fonts
from deckgen.layout.common.blocks import ChartBlock, CodeBlock, MathBlock, TableBlock

sys.path.insert(0, str(Path(__file__).parent))
from structure import Elem, dump, text_outside_content, tree, unmarked_paint  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
BLOCKS = ROOT / "tests" / "fixtures" / "outlines" / "blocks.yaml"
KINDS = ("article", "slides", "handout-slides")
HEADER = ["Programme", "Country", "Crewed flights", "First"]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("blocks")
    a = deckgen.build([BLOCKS], formats="handout,slides-pdf", out_dir=out / "a")
    b = deckgen.build(
        [BLOCKS], formats="handout", out_dir=out / "b", sets=("outputs.handout.mode=slides",)
    )
    assert a.ok and b.ok
    return {
        "article": out / "a" / "blocks-handout.pdf",
        "slides": out / "a" / "blocks-slides.pdf",
        "handout-slides": out / "b" / "blocks-handout.pdf",
    }


def _roles(pdf_path: Path) -> tuple[Elem, list[Elem]]:
    with pikepdf.open(pdf_path) as pdf:
        root = tree(pdf)
        for i, page in enumerate(pdf.pages):
            assert unmarked_paint(page) == [], f"page {i + 1}"
    return root, list(root.walk())


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler's pdfinfo is not installed")
def test_pdfinfo_says_every_block_pdf_is_tagged(pdfs):
    for kind, path in pdfs.items():
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True)
        assert "Tagged:          yes" in info.stdout, kind


@pytest.mark.parametrize("kind", KINDS)
def test_table_is_rows_of_header_and_data_cells(pdfs, kind):
    _, elems = _roles(pdfs[kind])
    (table,) = [e for e in elems if e.role == "Table"]
    rows = table.kids
    assert [r.role for r in rows] == ["TR"] * 7  # the header and six programmes
    assert [c.role for c in rows[0].kids] == ["TH"] * 4
    assert all(c.attrs.get("Scope") == "Column" for c in rows[0].kids)
    for row in rows[1:]:
        assert [c.role for c in row.kids] == ["TD"] * 4
    # every cell's text is marked content of that cell
    assert all(c.mcids for r in rows for c in r.kids)


@pytest.mark.parametrize("kind", KINDS)
def test_code_is_code_elements_per_group_of_lines(pdfs, kind):
    _, elems = _roles(pdfs[kind])
    codes = [e for e in elems if e.role == "Code"]
    # the blank line parts the function from the comment and the call
    assert len(codes) == 2
    assert all(c.mcids for c in codes)
    assert len(codes[0].mcids) == 3  # the function's three lines


@pytest.mark.parametrize("kind", KINDS)
def test_charts_and_equations_are_figures_with_alt_and_box(pdfs, kind):
    _, elems = _roles(pdfs[kind])
    alts = [e.attrs.get("Alt", "") for e in elems if e.role == "Figure"]
    assert any(a.startswith("Column chart: Launches per decade.") for a in alts)
    assert any(a.startswith("Pie chart: Shares.") for a in alts)
    assert "\\Delta v = v_e \\ln \\frac{m_0}{m_f}" in alts
    boxes = {}
    for e in elems:
        if e.role == "Figure":
            assert e.attrs["Alt"].strip() and e.mcids
            x0, y0, x1, y1 = map(float, e.attrs["BBox"].split())
            assert x1 > x0 and y1 > y0
            boxes[e.attrs["Alt"][:6]] = x1 - x0
    # the equation's box is the equation's, narrower than its block (the chart's)
    assert boxes["\\Delta"] < boxes["Column"] / 2


def test_slide_blocks_read_after_the_slide_title(pdfs):
    root, _ = _roles(pdfs["slides"])
    sects = {s.attrs["T"]: [k.role for k in s.kids] for s in root.kids if s.role == "Sect"}
    table = next(v for k, v in sects.items() if "Crewed programmes" in k)
    assert table[:2] == ["H2", "Table"]
    code = next(v for k, v in sects.items() if "Orbital speed" in k)
    assert code[:2] == ["H2", "Div"]


def test_no_block_text_is_left_outside_marked_content():
    outline = deckgen.load(BLOCKS)
    from deckgen.templates import talk_of

    deck = talk_of(outline, deckgen.resolve_theme(outline)).deck
    blocks = [
        el
        for slide in deck.slides
        for el in slide.elements
        if isinstance(el, TableBlock | CodeBlock | ChartBlock | MathBlock)
    ]
    assert {type(b) for b in blocks} == {TableBlock, CodeBlock, ChartBlock, MathBlock}
    fonts = register_deck_fonts(deck)
    buf = io.BytesIO()
    c = pdfkit.new_canvas(
        buf, (deck.width, deck.height), pdfkit.Metadata("T"), fonts[deck.body_font].regular
    )
    for block in blocks:
        draw_block(c, block, deck.height, fonts)
        c.showPage()
    data = pdfkit.finish(c, buf)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == len(blocks)
        for i, page in enumerate(pdf.pages):
            assert unmarked_paint(page) == [], f"block {i + 1}"
            assert text_outside_content(page) == 0, f"block {i + 1}"
        lines = dump(tree(pdf))
    assert lines[0] == "Document"
    assert [ln.split()[0] for ln in lines[1:] if not ln.startswith("    ")] == [
        "Table" if isinstance(b, TableBlock) else "Div" if isinstance(b, CodeBlock) else "Figure"
        for b in blocks
    ]
