"""The printed article handout (read back from the PDF): running heads of the
page's top, the footer credit cut at a word, figures that shrink to stay with
their text, and the key-dates table headed by the timeline's word."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Spacer

import deckgen.outline
import deckgen.theme
from deckgen.backends.base import Job
from deckgen.backends.handout import HandoutBackend
from deckgen.backends.handout.article import FigureBlock, Picture, fit_words
from deckgen.layout.handout.model import Figure

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "content/space_race.yaml"


def pages(path: Path, **options) -> list[str]:
    outline = deckgen.outline.load(path)
    job = Job(outline, deckgen.theme.resolve(outline), {"paper": "A4", **options})
    backend = HandoutBackend()
    (out,) = backend.render(backend.layout(job), job)
    return [p.extract_text() for p in PdfReader(io.BytesIO(out.data)).pages]


@pytest.fixture(scope="module")
def sample_pages() -> list[str]:
    return pages(SAMPLE)


def test_footer_credit_is_cut_at_a_word():
    from reportlab.pdfbase import pdfmetrics

    from deckgen.backends import pdfkit

    font = pdfkit.register_family("Arimo").regular
    text = "Based on The Space Race: Paving the Way for International Space Cooperation"
    width = pdfmetrics.stringWidth(text, font, 8) * 0.6
    cut = fit_words(text, font, 8, width)
    assert cut.endswith("…") and pdfmetrics.stringWidth(cut, font, 8) <= width
    assert text.startswith(cut[:-1]) and text[len(cut) - 1] == " ", "whole words only"


def test_a_figure_shrinks_to_stay_with_its_text():
    fig = Figure(SAMPLE.parent / "images/sputnik.png", "Sputnik", 300.0, 200.0, None, None)
    pic = Picture(fig)
    block = FigureBlock([Spacer(0, 6), pic], pic)
    assert block.wrap(400, 500)[1] == pytest.approx(206)  # room: full size
    w, h = block.wrap(400, 160)  # a little short of room: smaller, still here
    assert h <= 160 and pic.height >= 200 * FigureBlock.MIN_SCALE
    assert pic.width / pic.height == pytest.approx(1.5)
    assert block.wrap(400, 80)[1] > 80, "far too little room: whole, on the next page"


def test_running_heads_name_the_section_at_the_page_top(sample_pages):
    outline = deckgen.outline.load(SAMPLE)
    titles = [s.title.plain for s in outline.sections]
    current = None  # the section the text has reached
    checked = 0
    for text in sample_pages[1:]:
        flat = re.sub(" +", " ", text.replace("\u00a0", " "))
        # the running head is drawn last: the title line before "page n of N"
        lines = flat.splitlines()
        at = next(i for i, ln in enumerate(lines) if ln.startswith("page "))
        head, body = lines[at - 1], " ".join(lines[: at - 2])  # headings may wrap
        found = sorted(
            (body.find(f"{i + 1} {t}"), t) for i, t in enumerate(titles) if f"{i + 1} {t}" in body
        )
        expected = found[0][1] if found and found[0][0] == 0 else current
        if expected is not None and head in titles:
            assert head == expected, (head, expected, body[:80])
            checked += 1
        if found:
            current = found[-1][1]
    assert checked >= 3


def test_key_dates_table_is_headed_by_the_group_word(sample_pages):
    text = "\n".join(sample_pages)
    assert "GROUP" in text and "WHO" not in text
    # a span's dates are never broken inside a date
    assert "Jun\n1998" not in text and "Feb\n1994" not in text


@pytest.mark.parametrize(
    "name,paper", [("dense-timeline", "Letter"), ("greek-accents", "A4"), ("long-text", "A4")]
)
def test_a_short_last_page_is_run_back(name, paper):
    from deckgen.backends.handout import article

    outline = deckgen.outline.load(ROOT / f"tests/fixtures/outlines/{name}.yaml")
    job = Job(outline, deckgen.theme.resolve(outline), {"paper": paper})
    backend = HandoutBackend()
    plan = backend.layout(job)
    g = plan.geometry
    _, plain = article._render(plan, 0.0)
    short = (g.top - plain.last_y) / g.frame_height < article.SHORT_LAST_PAGE
    (out,) = backend.render(plan, job)
    printed = len(PdfReader(io.BytesIO(out.data)).pages)
    if name == "long-text":  # a full last page: nothing to do
        assert not short and printed == plain.last_page
    else:  # a few lines alone on the last page: one line more a page takes them back
        assert short and printed == plain.last_page - 1
