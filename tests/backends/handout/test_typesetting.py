"""Typesetting rules of the article handout: no widows or orphans, no heading
alone at the foot of a page, minimal and non-English outlines."""

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from deckgen.backends.base import Job
from deckgen.backends.handout import HandoutBackend
from deckgen.backends.handout.article import Typesetter, register_fonts
from deckgen.backends.handout.settext import SetText
from deckgen.layout.handout.layout import layout_handout
from deckgen.layout.handout.model import SectionBlock
from deckgen.outline.model import Outline, Point, Run, Section, Text

sys.path.insert(0, str(Path(__file__).parent))
import sample  # noqa: E402


def build(outline, theme="default", **options) -> bytes:
    backend = HandoutBackend()
    job = Job(outline, sample.theme(theme), options)
    return backend.render(backend.layout(job), job)[0].data


def test_paragraphs_never_leave_a_single_line_behind_or_ahead():
    plan = layout_handout(sample.outline(1), sample.theme(), {})
    fonts = register_fonts(plan)
    para = plan.blocks[1].prose[0]
    text = SetText(para, fonts[plan.styles.body.font], "#000000")
    width = plan.geometry.column
    leading = plan.styles.body.leading
    _, height = text.wrap(width, 10_000)
    lines = round(height / leading)
    assert lines >= 5
    # room for one line only: the paragraph moves on whole (no orphan)
    assert text.split(width, leading * 1.5) == []
    # room for all but one line: two lines go over together (no widow)
    first, rest = text.split(width, leading * (lines - 1) + 1)
    assert len(rest.lines) == 2 and len(first.lines) == lines - 2
    assert first.getSpaceAfter() == 0 and rest.getSpaceBefore() == 0
    # a plain reportlab Paragraph (key points, captions) follows the same rule
    ts = Typesetter(plan, fonts)
    p = ts.para(sample.outline(1).sections[0].summary[0], plan.styles.point)
    assert isinstance(p, Paragraph)
    assert p.style.allowWidows == 0 and p.style.allowOrphans == 0


def _pages_text(data: bytes, tmp_path) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = tmp_path / "h.pdf"
    pdf.write_bytes(data)
    n = len(PdfReader(io.BytesIO(data)).pages)
    pages = []
    for i in range(1, n + 1):
        out = subprocess.run(
            ["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        pages.append(out)
    return pages


@pytest.mark.render
@pytest.mark.parametrize("paragraphs", [1, 2, 3])
def test_no_heading_alone_at_the_foot_of_a_page(paragraphs, tmp_path):
    base = sample.outline(24, images=False)
    sections = tuple(
        sample.section(i, paragraphs=1 + (i * paragraphs) % 4, image=i % 5 == 0, quote=i % 3 == 0)
        for i in range(24)
    )
    outline = Outline(**{**base.__dict__, "sections": sections})
    pages = _pages_text(build(outline), tmp_path)
    for number, text in enumerate(pages, 1):
        lines = [ln for ln in text.splitlines() if ln.strip()]
        body = [ln for ln in lines if not ln.startswith("page ") and "Based on" not in ln]
        for s in outline.sections:
            title = s.title.plain
            if any(title in ln for ln in body):
                at = next(i for i, ln in enumerate(body) if title in ln)
                after = len(body) - at - 1
                assert after >= 2, f"page {number}: heading {title!r} has {after} lines after it"


def test_minimal_outline_builds():
    outline = Outline(
        path=sample.ROOT / "content" / "tiny.yaml",
        title=Text.of("Tiny"),
        sections=(Section("only", Text.of("Only"), points=(Point(Text.of("One point")),)),),
    )
    data = build(outline)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert [o.title for o in reader.outline] == ["1  Only"]
    assert "One point" in reader.pages[0].extract_text()


def test_russian_outline_hyphenates_and_renders():
    text = (
        "Космическая гонка между Советским Союзом и Соединёнными Штатами началась "
        "четвёртого октября тысяча девятьсот пятьдесят седьмого года запуском первого "
        "искусственного спутника Земли. "
    ) * 3
    section = Section("s1", Text.of("Начало космической эры"), summary=(Text.of(text),))
    outline = Outline(
        path=sample.ROOT / "content" / "ru.yaml",
        title=Text.of("Космос"),
        sections=(section,),
        language="ru",
    )
    data = build(outline, "print")
    reader = PdfReader(io.BytesIO(data))
    assert reader.trailer["/Root"]["/Lang"] == "ru"
    page = reader.pages[0].extract_text()
    assert "Начало космической эры" in page
    assert "спутника" in page.replace("-\n", "")


def test_every_option_combination_builds(tmp_path):
    outline = sample.outline(2)
    for paper in ("A4", "Letter"):
        for notes in (False, True):
            data = build(outline, paper=paper, notes_lines=notes)
            assert data.startswith(b"%PDF")


def test_long_unbreakable_words_and_urls_stay_inside_the_column():
    url = "https://example.org/" + "a" * 180
    section = Section(
        "s",
        Text.of("Long"),
        summary=(
            Text(
                (Run("See "), Run(url, link=url)),
            ),
        ),
    )
    outline = Outline(
        path=sample.ROOT / "content" / "long.yaml", title=Text.of("Long words"), sections=(section,)
    )
    plan = layout_handout(outline, sample.theme(), {})
    prose = plan.blocks[1].prose[0]
    assert len(prose.lines) >= 3
    assert all(line.indent + line.width <= prose.measure + 0.01 for line in prose.lines)
    assert "".join(p.text for line in prose.lines for w in line.words for p in w) == ("See" + url)
    # the key-points path (reportlab paragraphs) splits long words too
    ts = Typesetter(plan, register_fonts(plan))
    para = ts.para(section.summary[0], plan.styles.point)
    para.wrap(plan.geometry.column, 10_000)
    assert all(line.extraSpace >= -0.5 for line in para.blPara.lines)


@pytest.mark.render
@pytest.mark.parametrize("theme,paper", [("print", "A4"), ("default", "Letter")])
def test_a_statement_is_kept_with_what_follows_it(theme, paper, tmp_path):
    # A statement slide's text reads as a heading: the sample's first one
    # ("4 October 1957: a beeping metal ball ...") was the last thing on
    # page 1 of the A4 print handout, its slide's figure on page 2.
    from deckgen.outline import load
    from deckgen.theme import resolve

    outline = load(sample.ROOT / "content" / "space_race.yaml")
    backend = HandoutBackend()
    job = Job(outline, resolve(outline, theme), {"paper": paper})
    data = backend.render(backend.layout(job), job)[0].data
    statements = [
        sl.text.plain
        for s in outline.sections
        for sl in s.slides or ()
        if sl.layout == "statement" and sl.text is not None
    ]
    assert statements
    for number, page in enumerate(_pages_text(data, tmp_path), 1):
        body = [ln for ln in page.splitlines() if ln.strip() and not ln.startswith("page ")]
        body = [ln for ln in body if "Based on" not in ln]
        for text in statements:
            tail = " ".join(text.split()[-2:])
            at = [i for i, ln in enumerate(body) if ln.strip().endswith(tail)]
            for i in at:
                assert len(body) - i - 1 >= 2, f"page {number}: {text!r} ends the page"


@pytest.mark.render
def test_running_head_takes_the_room_it_needs(tmp_path):
    # the Russian fixture's key dates ran "От первого спутника до первой
    # женщины в…" beside an empty left half of the head
    from deckgen.outline import load
    from deckgen.theme import resolve

    outline = load(sample.ROOT / "tests/fixtures/outlines/cyrillic.yaml")
    backend = HandoutBackend()
    job = Job(outline, resolve(outline), {})
    data = backend.render(backend.layout(job), job)[0].data
    title = outline.timeline.title.plain
    pages = [" ".join(page.split()) for page in _pages_text(data, tmp_path)]
    # the heading, and the head of the page the table runs on to
    assert sum(page.count(title) for page in pages) >= 2
    # nothing shortened: neither heads nor the footer's credit
    assert not any("…" in page for page in pages)


def test_a_figure_that_does_not_fit_lets_the_text_after_it_go_first():
    # a figure moved to the next page left 30-40 mm blank at the page's
    # foot; the text after it (in its section) now fills that room first
    from reportlab.platypus import Spacer

    from deckgen.backends.handout.article import Float, _floats

    class Frame:
        _atTop, _aW, _y1p = 0, 300.0, 0.0

        def __init__(self, room: float) -> None:
            self._y = room

    figure, after = Spacer(300, 200), [Spacer(300, 20), Spacer(300, 30)]
    f = Float(figure, after)
    assert f.resolve(Frame(250.0)) == [figure, *after]  # it fits: stays in place
    first, rest = f.resolve(Frame(120.0))  # no room: the text goes first
    assert first is after[0] and isinstance(rest, Float) and rest.followers == after[1:]
    assert Float(figure, []).resolve(Frame(120.0)) == [figure]  # nothing to let by
    # only figures after a section's first part float, up to its end
    from deckgen.backends.handout.article import FigureBlock, Picture

    fig = sample.outline(1).sections[0].image
    assert fig is not None
    plan = layout_handout(sample.outline(1), sample.theme(), {})
    block = next(b for b in plan.blocks if getattr(b, "figure", None) is not None)
    pic = Picture(block.figure)
    figure_block = FigureBlock([pic], pic)
    parts = [Spacer(1, 1), figure_block, Spacer(1, 2)]
    out = _floats(parts)
    assert out[0] is parts[0] and isinstance(out[1], Float) and out[1].figure is figure_block
    assert _floats([figure_block, Spacer(1, 2)])[0] is figure_block


@pytest.mark.render
@pytest.mark.parametrize("theme,paper", [("print", "Letter"), ("default", "A4")])
def test_the_last_page_is_not_the_references_alone(theme, paper, tmp_path):
    # the Letter print handout's last page held "Further reading" only
    from deckgen.outline import load
    from deckgen.theme import resolve

    outline = load(sample.ROOT / "content" / "space_race.yaml")
    backend = HandoutBackend()
    job = Job(outline, resolve(outline, theme), {"paper": paper})
    data = backend.render(backend.layout(job), job)[0].data
    last = [ln for ln in _pages_text(data, tmp_path)[-1].splitlines() if ln.strip()]
    body = [ln for ln in last if not ln.startswith("page ") and "Based on" not in ln]
    heads = [i for i, ln in enumerate(body[:-1]) if ln == "Further reading"]
    starts = [i for i in heads if body[i + 1].startswith("1.")]
    # where the references start on the last page, more than the running
    # head stands above them
    assert all(i > 2 for i in starts), body[:4]


@pytest.mark.render
def test_a_single_key_point_has_no_list_of_one(tmp_path):
    from deckgen.outline import load
    from deckgen.theme import resolve

    outline = load(sample.ROOT / "content" / "space_race.yaml")
    backend = HandoutBackend()
    job = Job(outline, resolve(outline), {})
    plan = backend.layout(job)
    single = [b for b in plan.blocks if isinstance(b, SectionBlock) and len(b.key_points) == 1]
    assert single  # the sample's third section keeps one point the slides do not list
    text = "\n".join(_pages_text(backend.render(plan, job)[0].data, tmp_path))
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    assert lines.count("KEY POINT") == len(single)
    for b in single:
        point = " ".join("".join(r.text for r in w) for w in b.key_points[0].lines[0].words)
        at = lines.index("KEY POINT")
        assert not lines[at + 1].startswith("•") and point.split()[0] in lines[at + 1]
