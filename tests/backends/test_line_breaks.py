"""The .pptx and slides-pdf break every line alike (issue 10, item 2).

The sample is built to .pptx and slides-pdf from one layout; LibreOffice
converts the .pptx to PDF; poppler's `pdftotext -bbox-layout` gives every
word's box in both PDFs. Words are grouped into the deck's text boxes by
position (a word belongs to the box its centre is in) and into lines by
their vertical centre; for every text box on every slide, the words that
end its lines must be the same in both renderings.

Tables, code, charts and equations are not text boxes and are not compared
(a chart's labels are set by the renderer's own chart engine).
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

import deckgen.outline
import deckgen.theme
from deckgen.backends.base import Job
from deckgen.backends.pptx import PptxBackend
from deckgen.backends.slides_pdf import SlidesPdfBackend
from deckgen.layout.deck.model import Box, TextBox
from deckgen.outline.model import Option

SAMPLE = Path(__file__).resolve().parents[2] / "content" / "space_race.yaml"
_XHTML = "{http://www.w3.org/1999/xhtml}"
# U+2060 WORD JOINER (kept in links and addresses) reaches pdftotext from
# reportlab's PDF only; it is invisible in both
_INVISIBLE = str.maketrans("", "", "\u2060")

Word = tuple[float, float, float, float, str]


def _words(pdf: Path) -> list[list[Word]]:
    """Every word of every page: (x0, y0, x1, y1, text), y growing down."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True, timeout=120
    ).stdout
    pages = []
    for page in ET.fromstring(xml).iter(_XHTML + "page"):
        pages.append(
            [
                (
                    float(w.get("xMin", 0)),
                    float(w.get("yMin", 0)),
                    float(w.get("xMax", 0)),
                    float(w.get("yMax", 0)),
                    (w.text or "").translate(_INVISIBLE),
                )
                for w in page.iter(_XHTML + "word")
            ]
        )
    return pages


def line_ends(box: Box, words: list[Word]) -> list[str]:
    """The last word of each line of the words whose centre is in `box`."""
    inside = [
        w
        for w in words
        if box.x - 2 <= (w[0] + w[2]) / 2 <= box.right + 2
        and box.y - 2 <= (w[1] + w[3]) / 2 <= box.bottom + 2
        and w[4]
    ]
    lines: list[tuple[float, list[Word]]] = []
    for w in sorted(inside, key=lambda w: ((w[1] + w[3]) / 2, w[0])):
        mid = (w[1] + w[3]) / 2
        if lines and abs(lines[-1][0] - mid) < (w[3] - w[1]) * 0.4:
            lines[-1][1].append(w)
        else:
            lines.append((mid, [w]))
    return [max(ws, key=lambda w: w[2])[4] for _, ws in lines]


def test_line_ends_groups_words_into_lines_by_position():
    words = [
        (10, 10, 30, 22, "two"),
        (0, 10, 8, 22, "one"),
        (0, 30, 20, 42, "three"),
        (500, 10, 520, 22, "elsewhere"),
    ]
    assert line_ends(Box(0, 0, 100, 50), words) == ["two", "three"]


def _convert(pptx: Path, out: Path) -> Path:
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{out}/lo-profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(pptx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out / f"{pptx.stem}.pdf"


@pytest.mark.render
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler (pdftotext) is not installed")
@pytest.mark.parametrize(("theme", "aspect"), [("default", "16:9"), ("print", "4:3")])
def test_libreoffice_and_slides_pdf_break_every_text_box_alike(theme, aspect, tmp_path):
    outline = deckgen.outline.load(SAMPLE)
    outline = replace(outline, outputs={"pptx": {"aspect": Option(aspect)}})
    job = Job(outline, deckgen.theme.resolve(outline, override=theme), {})
    deck = PptxBackend().layout(job)
    (pptx,) = PptxBackend().render(deck, job)
    (slides,) = SlidesPdfBackend().render(deck, job)
    (tmp_path / "deck.pptx").write_bytes(pptx.data)
    (tmp_path / "slides.pdf").write_bytes(slides.data)
    office = _words(_convert(tmp_path / "deck.pptx", tmp_path))
    ours = _words(tmp_path / "slides.pdf")
    assert len(office) == len(ours) == len(deck.slides)

    compared, differ = 0, []
    for n, slide in enumerate(deck.slides, start=1):
        for el in slide.elements:
            if not isinstance(el, TextBox) or not el.text.strip():
                continue
            got, want = line_ends(el.box, office[n - 1]), line_ends(el.box, ours[n - 1])
            assert want, f"slide {n}: {el.name} not found in slides-pdf"
            compared += 1
            if got != want:
                differ.append(f"slide {n} {el.name}: LibreOffice {got} / slides-pdf {want}")
    assert compared > 200  # every text box of the sample, not a few
    assert not differ, "\n".join(differ)
