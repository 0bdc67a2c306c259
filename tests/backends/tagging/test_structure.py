"""Tagged PDFs read back with pikepdf: structure tree, marked content, PDF/UA
declarations, for every PDF of the sample (handout in both modes, slides-pdf,
the poster and its tiles)."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from reportlab.pdfgen.canvas import Canvas

import deckgen
from deckgen.backends import pdfkit
from deckgen.backends.base import Job
from deckgen.backends.poster import PosterBackend
from deckgen.backends.slides_pdf import SlidesPdfBackend, slide_label
from deckgen.backends.tagging import Tagger, foreign_language
from deckgen.backends.tagging.roles import poster_structure

sys.path.insert(0, str(Path(__file__).parent))
from structure import dump, mcids_on, tree, unmarked_paint  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "content" / "space_race.yaml"
SLIDES_MODE = (
    "outputs.handout.mode=slides",
    "outputs.poster.tile=A4",
    "outputs.poster.bleed=true",
    "outputs.poster.crop_marks=true",
)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("tagged")
    a = deckgen.build([SAMPLE], formats="handout,poster,slides-pdf", out_dir=out / "a")
    b = deckgen.build([SAMPLE], formats="handout,poster", out_dir=out / "b", sets=SLIDES_MODE)
    assert a.ok and b.ok
    return {
        "article": out / "a" / "space_race-handout.pdf",
        "poster": out / "a" / "space_race-poster.pdf",
        "slides": out / "a" / "space_race-slides.pdf",
        "handout-slides": out / "b" / "space_race-handout.pdf",
        "tiles": out / "b" / "space_race-poster-tiled-a4.pdf",
    }


KINDS = ("article", "poster", "slides", "handout-slides", "tiles")


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler's pdfinfo is not installed")
@pytest.mark.parametrize("kind", KINDS)
def test_pdfinfo_says_tagged(pdfs, kind):
    info = subprocess.run(["pdfinfo", pdfs[kind]], capture_output=True, text=True, check=True)
    assert "Tagged:          yes" in info.stdout


@pytest.mark.parametrize("kind", KINDS)
def test_every_drawing_is_marked_and_every_mark_is_in_the_tree(pdfs, kind):
    with pikepdf.open(pdfs[kind]) as pdf:
        root = tree(pdf)
        in_tree = {m for e in root.walk() for m in e.mcids}
        in_pages = set()
        for i, page in enumerate(pdf.pages):
            assert unmarked_paint(page) == [], f"page {i + 1}"
            in_pages.update((i, m) for m in mcids_on(page))
        assert in_pages == in_tree
        # the parent tree finds each MCID's element
        nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
        parents = dict(zip(nums[::2], nums[1::2], strict=True))
        for page in pdf.pages:
            marks = mcids_on(page)
            if marks:
                row = parents[int(page.StructParents)]
                for m in marks:  # the element that holds MCID m of this page
                    elem = row[m]
                    kids = list(elem.K) if isinstance(elem.K, pikepdf.Array) else [elem.K]
                    held = [k for k in kids if isinstance(k, int)]
                    held += [
                        int(k.MCID)
                        for k in kids
                        if isinstance(k, pikepdf.Dictionary)
                        and k.get("/Type") == "/MCR"
                        and k.Pg.objgen == page.obj.objgen
                    ]
                    assert m in held


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_ua_declarations(pdfs, kind):
    with pikepdf.open(pdfs[kind]) as pdf:
        cat = pdf.Root
        assert bool(cat.MarkInfo.Marked) is True
        assert str(cat.Lang) == "en"
        assert bool(cat.ViewerPreferences.DisplayDocTitle) is True
        xmp = cat.Metadata.read_bytes().decode()
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
        assert str(pdf.docinfo.Title) in xmp
        for page in pdf.pages:
            assert page.Tabs == pikepdf.Name.S


@pytest.mark.parametrize("kind", KINDS)
def test_every_figure_has_alt_text_and_a_box(pdfs, kind):
    with pikepdf.open(pdfs[kind]) as pdf:
        figures = [e for e in tree(pdf).walk() if e.role == "Figure"]
    assert figures
    for f in figures:
        assert f.attrs.get("Alt", "").strip()
        x0, y0, x1, y1 = map(float, f.attrs["BBox"].split())
        assert x1 > x0 and y1 > y0


@pytest.mark.parametrize("kind", ("article", "slides", "handout-slides"))
def test_links_are_link_elements_with_contents(pdfs, kind):
    with pikepdf.open(pdfs[kind]) as pdf:
        links = [e for e in tree(pdf).walk() if e.role == "Link"]
        annots = [
            a for p in pdf.pages for a in p.get("/Annots", []) if a.get("/Subtype") == "/Link"
        ]
        assert links and sum(e.links for e in links) == len(annots)
        nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
        keys = set(nums[::2])
        for a in annots:
            assert str(a.Contents).strip()
            assert int(a.StructParent) in keys


def test_slides_are_sections_with_their_titles_as_headings_in_talk_order(pdfs):
    outline = deckgen.load(SAMPLE)
    job = Job(outline, deckgen.resolve_theme(outline), {})
    deck = SlidesPdfBackend().layout(job)
    with pikepdf.open(pdfs["slides"]) as pdf:
        sects = tree(pdf).kids
    assert [s.role for s in sects] == ["Sect"] * len(deck.slides)
    assert [s.attrs["T"] for s in sects] == [slide_label(deck, i) for i in range(len(deck.slides))]
    for s, slide in zip(sects, deck.slides, strict=True):
        headings = [k.role for k in s.kids if k.role in ("H1", "H2")]
        if slide.title:
            assert headings == ["H1" if slide.kind in ("title", "section") else "H2"]
            assert s.kids[0].role == headings[0]  # the title reads first


def test_timeline_slides_list_their_events_in_date_order(pdfs):
    outline = deckgen.load(SAMPLE)
    deck = SlidesPdfBackend().layout(Job(outline, deckgen.resolve_theme(outline), {}))
    with pikepdf.open(pdfs["slides"]) as pdf:
        sects = tree(pdf).kids
    timelines = [i for i, s in enumerate(deck.slides) if s.kind == "timeline"]
    assert timelines
    for i in timelines:
        events = [e for e in deck.slides[i].elements if getattr(e, "name", "").startswith("Event:")]
        (items,) = [k for k in sects[i].kids if k.role == "L"]
        assert len(items.kids) == len(events)
        for li in items.kids:  # date as label; title and text as body
            assert [k.role for k in li.kids] == ["Lbl", "LBody"]
            assert li.kids[0].mcids and li.kids[1].mcids
        # The list reads in date order (left to right on the axis) whatever
        # order the events were drawn in: MCIDs number the drawing order.
        marks = [li.kids[0].mcids[0][1] for li in items.kids]
        drawn = [sorted(marks).index(m) for m in marks]
        assert drawn == sorted(range(len(events)), key=lambda k: events[k].box.x)


def test_article_headings_match_the_sections(pdfs):
    outline = deckgen.load(SAMPLE)
    with pikepdf.open(pdfs["article"]) as pdf:
        root = tree(pdf)
    roles = [k.role for k in root.kids]
    assert roles[0] == "H1"
    # one H2 per section, then the key dates and the references
    assert roles.count("H2") == len(outline.sections) + 2


def test_key_dates_table_has_header_cells(pdfs):
    with pikepdf.open(pdfs["article"]) as pdf:
        tables = [e for e in tree(pdf).walk() if e.role == "Table"]
    (table,) = tables  # one table, though it runs over several pages
    head, *rows = table.kids
    assert {c.role for c in head.kids} == {"TH"}
    assert {c.attrs["Scope"] for c in head.kids} == {"Column"}
    assert rows
    for row in rows:
        assert row.role == "TR"
        assert row.kids[0].role == "TH" and row.kids[0].attrs["Scope"] == "Row"
        assert {c.role for c in row.kids[1:]} == {"TD"}


def test_poster_cards_read_in_date_order():
    outline = deckgen.load(SAMPLE)
    job = Job(outline, deckgen.resolve_theme(outline), {})
    poster = PosterBackend().layout(job)
    tagger = Tagger(Canvas(io.BytesIO()), "en")
    nodes = poster_structure(tagger, poster)
    (events,) = [k for k in tagger.root.kids if k.role == "L"]
    labels = [li.kids[0] for li in events.kids]
    # each label is the date of a card, in the order of the cards' events
    owners = []
    for label in labels:
        (i,) = [i for i, n in nodes.items() if n is label]
        card = next(c for c in poster.cards if c.box.contains(poster.elements[i].box, 1.0))
        owners.append(card.index)
    assert owners == sorted(owners) and len(owners) == len(poster.cards)
    assert tagger.root.kids[0].role == "H1"


def test_cyrillic_in_an_english_talk_is_a_russian_span(pdfs):
    with pikepdf.open(pdfs["slides"]) as pdf:
        spans = [e for e in tree(pdf).walk() if e.attrs.get("Lang")]
    assert spans and {s.attrs["Lang"] for s in spans} == {"ru"}
    assert foreign_language("Спутник", "en") == "ru"
    assert foreign_language("Спутник", "ru") is None
    assert foreign_language("Sputnik", "en") is None
    assert foreign_language("Σπούτνικ", "de") == "el"


def test_what_nobody_tagged_is_an_artifact_not_untagged():
    buf = io.BytesIO()
    meta = pdfkit.Metadata("T", language="en")
    c = pdfkit.new_canvas(buf, (200, 200), meta, "Helvetica")
    c.drawString(10, 10, "a new kind of element nobody gave a role")
    with c.tagger.leaf("P"):
        c.drawString(10, 50, "a paragraph")
    c.showPage()
    data = pdfkit.finish(c, buf)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        (page,) = pdf.pages
        assert unmarked_paint(page) == []
        assert dump(tree(pdf)) == ["Document", "  P mcid=[0]"]


def test_the_same_drawing_gives_the_same_bytes():
    def draw() -> bytes:
        buf = io.BytesIO()
        c = pdfkit.new_canvas(buf, (200, 200), pdfkit.Metadata("T"), "Helvetica")
        with c.tagger.leaf("H1"):
            c.drawString(10, 10, "x")
            c.linkURL("https://example.org", (0, 0, 10, 10), text="x")
        c.showPage()
        return pdfkit.finish(c, buf)

    assert draw() == draw()


def test_untagged_draws_no_marks_and_no_tree():
    from deckgen.backends.tagging import untagged

    buf = io.BytesIO()
    with untagged():
        c = pdfkit.new_canvas(buf, (200, 200), pdfkit.Metadata("T"), "Helvetica")
        with c.tagger.leaf("P"):
            c.drawString(10, 10, "x")
        c.showPage()
        data = pdfkit.finish(c, buf)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/StructTreeRoot" not in pdf.Root
        assert mcids_on(pdf.pages[0]) == []
