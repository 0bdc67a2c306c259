"""The handout's slides mode: thumbnails a page, ruled lines, speaker notes."""

import io
import shutil
import subprocess
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from deckgen.backends.base import Job
from deckgen.backends.handout import HandoutBackend
from deckgen.layout.handout.style import PRINT_FLOOR
from deckgen.outline import load
from deckgen.outline.model import Text
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


@pytest.mark.parametrize("per_page", [3, 6])
def test_notes_are_never_shrunk_nor_cut_while_the_page_has_room(outline, per_page):
    # 3 a page printed slide 4's notes at 6.5 pt (the others at 8.5), cut
    # with "…" mid-paragraph, though the page had room left
    plan, _ = build(outline, slides_per_page=per_page, speaker_notes=True)
    assert not [d for d in plan.diagnostics if "speaker notes" in d.message]
    slots = [s for p in plan.slide_pages for s in p.slots]
    assert [s.index for s in slots] == list(range(len(plan.deck.slides)))
    g = plan.geometry
    for page in plan.slide_pages:
        assert 1 <= len(page.slots) <= per_page
        for slot in page.slots:
            if slot.notes is None:
                continue
            assert slot.notes.size >= PRINT_FLOOR
            assert slot.notes.box.y >= slot.box.bottom
            assert slot.notes.box.bottom <= g.height - g.bottom + 0.01
            # every line of every paragraph, none cut
            paragraphs = plan.deck.slides[slot.index].notes
            words = "".join("".join(p.plain for p in paragraphs).split())
            printed = "".join("".join(r.text for r in ln.runs) for ln in slot.notes.lines)
            assert "".join(printed.split()) == words
        boxes = [b for s in page.slots for b in (s.box, s.notes and s.notes.box) if b]
        for i, a in enumerate(boxes):
            assert not any(a.overlaps(b) for b in boxes[i + 1 :])


def test_notes_longer_than_a_page_are_cut_with_a_warning_naming_the_line(outline):
    long = Text.of(" ".join(["The notes of this section run on and on."] * 400))
    first = replace(outline.sections[0], notes=(long,))
    plan, _ = build(replace(outline, sections=(first, *outline.sections[1:])), speaker_notes=True)
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


@pytest.mark.parametrize("per_page", [1, 2, 3, 4, 6])
def test_without_lines_the_slides_grow_and_spread_evenly(outline, per_page):
    # 6 a page without lines kept the 77 mm thumbnails of the ruled layout,
    # with ~40 mm blank bands under each row
    plan, _ = build(outline, slides_per_page=per_page, writing_lines=False)
    ruled, _ = build(outline, slides_per_page=per_page)
    g = plan.geometry
    page = plan.slide_pages[0]
    assert len(page.slots) == per_page
    width = page.slots[0].box.w
    assert width >= ruled.slide_pages[0].slots[0].box.w
    if per_page in (3, 4, 6):
        assert width > ruled.slide_pages[0].slots[0].box.w * 1.05
    # as wide as the measure allows, or as high as the text block allows
    columns = len({s.box.x for s in page.slots})
    rows = sorted({round(s.box.y, 2) for s in page.slots})
    height = page.slots[0].box.h
    measure, depth = g.width - 2 * 54.0, g.top - g.bottom
    assert width * columns > measure * 0.9 or height * len(rows) > depth * 0.8
    # the gaps above, between and below the rows are equal
    edges = [g.height - g.top, *(y for r in rows for y in (r, r + height)), g.height - g.bottom]
    gaps = [b - a for a, b in zip(edges[::2], edges[1::2], strict=True)]
    assert max(gaps) - min(gaps) < 1.0
