"""The handout page as a book typographer would check it: a centred text block
of 60-75 characters a line, no runts, URLs broken only at their seams, and
the key-dates table's columns sized to their content."""

from __future__ import annotations

from pathlib import Path

import pytest

import deckgen.outline
import deckgen.theme
from deckgen.fonts.wrap import text_width
from deckgen.layout.common.breaks import is_runt, span_parts, url_breaks
from deckgen.layout.handout.layout import (
    KeyDates,
    References,
    SectionBlock,
    layout_handout,
    reference_runs,
)
from deckgen.layout.handout.style import TextStyle
from deckgen.layout.handout.text import SetParagraph, _has_runt, _set_lines, set_paragraph
from deckgen.outline.model import Run

ROOT = Path(__file__).resolve().parents[3]
OUTLINES = [ROOT / "content/space_race.yaml", ROOT / "tests/fixtures/outlines/long-text.yaml"]


def plan(path: Path, paper: str = "A4", theme: str | None = None, **options):
    outline = deckgen.outline.load(path)
    return layout_handout(
        outline, deckgen.theme.resolve(outline, theme), {"paper": paper, **options}
    )


def line_text(line) -> str:
    return " ".join("".join(p.text for p in word) for word in line.words)


def prose(h) -> list[SetParagraph]:
    return [p for b in h.blocks if isinstance(b, SectionBlock) for p in b.prose]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("theme", ["default", "midnight", "print"])
def test_text_block_is_centred_with_a_measure_of_60_to_75_characters(paper, theme):
    h = plan(OUTLINES[0], paper, theme)
    g = h.geometry
    assert g.left == pytest.approx(g.width - g.right, abs=0.05), "centred on the paper"
    assert g.left >= 54 and g.height - g.top >= 54 and g.bottom >= 54
    # the measure, counted on the lines actually set (full lines: not a
    # paragraph's last)
    full = [len(line_text(ln)) for p in prose(h) for ln in p.lines[:-1]]
    assert len(full) > 30
    assert 60 <= sum(full) / len(full) <= 75


def test_margins_follow_the_paper():
    a4, letter = plan(OUTLINES[0], "A4").geometry, plan(OUTLINES[0], "Letter").geometry
    # the same measure; the wider Letter sheet gets the wider margins
    assert a4.column == pytest.approx(letter.column)
    assert letter.left > a4.left
    assert a4.height - a4.top == pytest.approx(a4.height * 0.075, abs=0.1)
    assert letter.height - letter.top == pytest.approx(letter.height * 0.075, abs=0.1)


@pytest.mark.parametrize("path", OUTLINES, ids=lambda p: p.stem)
def test_no_paragraph_ends_in_a_runt(path):
    h = plan(path)
    paras = prose(h) + [p for b in h.blocks if isinstance(b, SectionBlock) for p in b.key_points]
    checked = 0
    for p in paras:
        if len(p.lines) < 2:
            continue
        checked += 1
        last = [("".join(r.text for r in w)) for w in p.lines[-1].words]
        tail = line_text(p.lines[-2]).endswith("-")
        assert not is_runt(last, tail), f"runt: {line_text(p.lines[-1])!r}"
    assert checked > 10


def test_a_runt_is_re_broken():
    style = TextStyle("PT Serif", 11, 15.6, "#000000", align="justify", hyphenate=True)
    text = (
        "Sputnik changed how people thought about science, schools and the reach of "
        "national power; it began a contest of rockets and crews that lasted for decades "
        "and ended in a joint flight in 1975."
    )
    runts = 0
    for measure in range(200, 330, 2):
        greedy = _set_lines((Run(text),), style, float(measure), "en_US", 0.0, 1.0)
        if not _has_runt(greedy):
            continue
        runts += 1  # filled greedily, this measure leaves a runt ...
        p = set_paragraph((Run(text),), style, float(measure), "en_US")
        last = ["".join(r.text for r in w) for w in p.lines[-1].words]
        tail = line_text(p.lines[-2]).endswith("-")
        assert not is_runt(last, tail), (measure, last)  # ... which is re-broken
        # the lines still fill the full measure (justified)
        assert p.measure == measure
    assert runts >= 5


def test_url_breaks_only_at_its_seams():
    url = "https://www.esa.int/Science_Exploration/Human_and_Robotic?lang=en#top"
    cuts = url_breaks(url)
    assert cuts
    for i in cuts:
        assert url[i - 1] in "/.-" or url[i] in "?#"
    assert url.index("?") in cuts and url.index("#") in cuts
    assert all(i > len("https://") - 1 for i in cuts), "never inside the scheme"


def test_references_print_decoded_urls_broken_at_seams_only():
    h = plan(OUTLINES[0])
    refs = next(b for b in h.blocks if isinstance(b, References))
    assert len(refs.set_items) == len(refs.items)
    text = " ".join(line_text(ln) for p in refs.set_items for ln in p.lines)
    assert "%E2%80%93" not in text and "Apollo–Soyuz" in text
    # on a narrow measure every URL is cut, and only at its seams
    narrow = [set_paragraph(reference_runs(r), refs.set_items[0].style, 110.0) for r in refs.items]
    cut = 0
    for p in [*refs.set_items, *narrow]:
        for a, b in zip(p.lines, p.lines[1:], strict=False):
            end = "".join(r.text for r in a.words[-1])
            start = "".join(r.text for r in b.words[0])
            if a.words[-1][-1].link and b.words[0][0].link and "/" in end + start:
                cut += 1  # a URL cut across lines
                assert end[-1] in "/.-" or start[0] in "?#", (end, start)
    assert cut >= 3


def test_key_dates_columns_are_sized_to_their_content():
    h = plan(OUTLINES[0])
    kd = next(b for b in h.blocks if isinstance(b, KeyDates))
    st = h.styles.table_cell
    widest_label = max(text_width(r.group, st.font, st.size) for r in kd.rows if r.group)
    # the group column holds its longest label ('USSR / Russia') on one line
    assert widest_label <= kd.group_width - 8 < widest_label + 40
    # the date column holds every single date whole, a span's two dates one under the other
    for r in kd.rows:
        for part in span_parts(r.when):
            assert text_width(part, st.font, st.size) <= kd.date_width - 8
    assert kd.date_width + kd.group_width < h.geometry.column * 0.5, "the events get the room"


def test_groups_label_heads_the_group_column(tmp_path):
    src = (ROOT / "content/space_race.yaml").read_text(encoding="utf-8")
    assert "\ntimeline:\n" in src
    path = ROOT / "content" / f".groups-label-{tmp_path.name}.yaml"  # beside its pictures
    path.write_text(src.replace("\ntimeline:\n", "\ntimeline:\n  groups_label: Agency\n", 1))
    try:
        kd = next(b for b in plan(path).blocks if isinstance(b, KeyDates))
    finally:
        path.unlink()
    assert kd.groups_label == "Agency"
    default = next(b for b in plan(OUTLINES[0]).blocks if isinstance(b, KeyDates))
    assert default.groups_label == "Group"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_footer_credit_is_never_cut(paper):
    # "… photo by Felix Mi…" on every page: the sample's credit takes two
    # lines, broken between words, each inside the room beside the page number
    from deckgen.layout.handout.furniture import footer_lines

    h = plan(ROOT / "content/space_race.yaml", paper)
    assert len(h.footer_lines) == 2
    assert " ".join(h.footer_lines) == " ".join(h.footer.split())
    st = h.styles.footer
    room = h.geometry.column - text_width(h.words.page(888, 888), st.font, st.size) - 18
    assert all(text_width(line, st.font, st.size) <= room for line in h.footer_lines)
    # a credit longer than two lines ends in "…" after a whole word
    long = " ".join(["Photograph by a photographer with a rather long name"] * 6)
    lines = footer_lines(long, st, h.geometry.column, h.words)
    assert len(lines) == 2 and lines[-1].endswith("…")
    kept = " ".join(lines)[:-1].split()
    assert kept == long.split()[: len(kept)]
    assert footer_lines("", st, 300.0, h.words) == ()


@pytest.mark.parametrize(
    "path",
    [ROOT / "content/space_race.yaml", ROOT / "tests/fixtures/outlines/dense-timeline.yaml"],
    ids=lambda p: p.stem,
)
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_no_key_dates_cell_ends_in_a_runt(path, paper):
    # "President Kennedy asks Congress ... before the decade is / out." and
    # "Canada's robotic arm is launched to the / ISS."
    h = plan(path, paper)
    kd = next(b for b in h.blocks if isinstance(b, KeyDates))
    event_w = h.geometry.column - kd.date_width - kd.mark_size * 1.8 - kd.group_width
    checked = 0
    for row in kd.rows:
        for p in (row.title_set, row.text_set):
            if p is None:
                continue
            assert all(ln.width <= event_w - 8 + 0.01 for ln in p.lines)
            if len(p.lines) < 2:
                continue
            checked += 1
            last = [("".join(r.text for r in w)) for w in p.lines[-1].words]
            tail = line_text(p.lines[-2]).endswith("-")
            assert not is_runt(last, tail), f"runt: {line_text(p.lines[-1])!r}"
    assert checked >= 4  # the dense fixture has short descriptions
