"""The handout's slides mode: thumbnails a page, ruled lines, speaker notes."""

import io
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from deckgen.backends.base import Job
from deckgen.backends.handout import HandoutBackend
from deckgen.outline import load
from deckgen.theme import resolve

OUTLINE = Path(__file__).resolve().parents[3] / "content" / "space_race.yaml"


@pytest.fixture(scope="module")
def outline():
    return load(OUTLINE)


def build(outline, theme=None, **options):
    backend = HandoutBackend()
    job = Job(outline, resolve(outline, theme), {"mode": "slides", **options})
    plan = backend.layout(job)
    (out,) = backend.render(plan, job)
    return plan, out.data


@pytest.mark.parametrize("per_page", [1, 2, 3, 4, 6])
def test_pages_hold_the_asked_number_of_slides(outline, per_page):
    plan, data = build(outline, slides_per_page=per_page)
    n = len(plan.deck.slides)
    counts = [len(p.slots) for p in plan.slide_pages]
    assert sum(counts) == n
    assert all(c == per_page for c in counts[:-1]) and 1 <= counts[-1] <= per_page
    assert [s.index for p in plan.slide_pages for s in p.slots] == list(range(n))
    # the PDF agrees: one bookmark per thumbnail, on the page that shows it
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == len(plan.slide_pages)
    on_page = Counter(reader.get_destination_page_number(item) for item in reader.outline)
    assert [on_page[i] for i in range(len(reader.pages))] == counts
    # thumbnails stay inside the page and never overlap
    g = plan.geometry
    for page in plan.slide_pages:
        boxes = [s.box for s in page.slots]
        for b in boxes:
            assert b.x >= 0 and b.right <= g.width and b.y >= 0 and b.bottom <= g.height
        for i, a in enumerate(boxes):
            assert not any(a.overlaps(b) for b in boxes[i + 1 :])
        for slot in page.slots:
            assert slot.box.w / slot.box.h == pytest.approx(plan.deck.width / plan.deck.height)


def test_three_a_page_has_ruled_lines_beside_each_slide(outline):
    plan, _ = build(outline)
    for slot in plan.slide_pages[0].slots:
        beside = [r for r in slot.rules if slot.box.y <= r[2] <= slot.box.bottom + 1]
        assert len(beside) >= 5
        assert all(x1 > slot.box.right for x1, _, _ in beside)
        # the rest of the row is ruled under the slide, not left blank
        assert all(y > slot.box.bottom for _, _, y in set(slot.rules) - set(beside))


@pytest.mark.parametrize("per_page", [1, 2, 3, 4, 6])
def test_every_count_fills_the_page_with_slides_and_lines(outline, per_page):
    plan, _ = build(outline, slides_per_page=per_page)
    g = plan.geometry
    page = plan.slide_pages[0]
    assert len(page.slots) == per_page
    text_top, text_bottom = g.height - g.top, g.height - g.bottom
    for slot in page.slots:
        assert len(slot.rules) >= 3, "lines to write on beside or under every slide"
        for x1, x2, y in slot.rules:  # never across the thumbnail
            assert not (
                slot.box.y < y < slot.box.bottom and x1 < slot.box.right and x2 > slot.box.x
            )
    # balanced: the slides and their lines reach from the text block's top to its foot
    lowest = max(max([s.box.bottom, *(y for _, _, y in s.rules)]) for s in page.slots)
    assert min(s.box.y for s in page.slots) == pytest.approx(text_top)
    assert text_bottom - lowest < g.height * 0.04
    # as large as the paper allows: one or two columns of slides span the measure
    widest = max(s.box.w for s in page.slots)
    columns = 2 if per_page in (4, 6) else 1
    assert widest * columns > (g.width - 2 * 54.0) * (0.58 if per_page == 3 else 0.85)


def test_writing_lines_can_be_turned_off(outline):
    plan, _ = build(outline, slides_per_page=6, writing_lines=False)
    assert all(not s.rules for p in plan.slide_pages for s in p.slots)


def test_speaker_notes_under_each_slide(outline):
    plan, _ = build(outline, slides_per_page=2, speaker_notes=True)
    with_notes = [s for p in plan.slide_pages for s in p.slots if s.notes is not None]
    assert len(with_notes) == sum(1 for s in plan.deck.slides if s.notes)
    for slot in with_notes:
        assert slot.notes.box.y >= slot.box.bottom
        assert len(slot.notes.lines) * slot.notes.leading <= slot.notes.box.h + 0.01


def test_notes_too_long_are_cut_with_a_warning_naming_the_line(outline):
    plan, _ = build(outline, slides_per_page=6, speaker_notes=True)
    warnings = [d for d in plan.diagnostics if d.severity == "warning"]
    assert warnings
    for d in warnings:
        assert d.location.file.endswith("space_race.yaml") and d.location.line > 0
        assert "speaker notes of slide" in d.message


@pytest.mark.parametrize(
    "theme,paper", [("default", "A4"), ("midnight", "Letter"), ("print", "A4")]
)
def test_deterministic_for_every_theme_and_paper(outline, paper, theme):
    _, a = build(outline, theme, paper=paper)
    _, b = build(outline, theme, paper=paper)
    assert a == b


@pytest.mark.render
def test_pdftotext_shows_slides_and_notes(outline, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    plan, data = build(outline, slides_per_page=1, speaker_notes=True)
    pdf = tmp_path / "h.pdf"
    pdf.write_bytes(data)
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    for slide in plan.deck.slides:
        if slide.notes:
            assert " ".join(slide.notes[0].plain.split()[:8]) in text
    assert "Юрий Гагарин" in text
