"""The shared block layout: fitting tables and code, readable colours, alt text."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.color import contrast
from deckgen.errors import RenderError
from deckgen.layout.common.blocks import (
    CONTINUATION,
    BlockColors,
    chart_alt,
    code_lines,
    layout_code,
    layout_table,
)
from deckgen.layout.common.primitives import Box
from deckgen.layout.common.text import TextStyle
from deckgen.outline import load
from deckgen.outline.model import Chart, Code, Series, Table, Text
from deckgen.theme import resolve

THEMES = ("default", "midnight", "print")


def _colors(theme_name: str) -> BlockColors:
    outline = load(Path(__file__).parents[2] / "fixtures" / "outlines" / "minimal.yaml")
    c = resolve(outline, theme_name).colors
    return BlockColors.of(
        c.background, c.text, c.muted, c.accent, c.on_accent or "#FFFFFF", c.palette
    )


def _table(rows: int) -> Table:
    return Table(
        (Text.of("Name"), Text.of("Value")),
        tuple((Text.of(f"row {i}"), Text.of(str(i))) for i in range(rows)),
        ("left", "right"),
    )


def test_a_long_table_continues_with_its_header_repeated():
    style = TextStyle("Arimo", 24, "#000000")
    pages, shrunk = layout_table(_table(40), style, _colors("default"), Box(0, 0, 800, 300), 16)
    assert shrunk and len(pages) > 1
    assert all(p.header and p.cells[0] == ["Name", "Value"] for p in pages)
    body = [row for p in pages for row in p.cells[1:]]
    assert body == [[f"row {i}", str(i)] for i in range(40)]  # every row once, in order
    assert all(sum(p.heights) <= 300 + 1e-6 for p in pages)
    assert {p.size for p in pages} == {16}


def test_a_short_table_keeps_its_size_on_one_page():
    style = TextStyle("Arimo", 24, "#000000")
    pages, shrunk = layout_table(_table(3), style, _colors("default"), Box(0, 0, 800, 300), 16)
    assert len(pages) == 1 and not shrunk and pages[0].size == 24


def test_a_row_too_tall_for_any_page_is_an_error():
    cell = Text.of("word " * 400)
    table = Table((), ((cell,),), ("left",))
    style = TextStyle("Arimo", 24, "#000000")
    with pytest.raises(RenderError, match="cannot fit"):
        layout_table(table, style, _colors("default"), Box(0, 0, 300, 200), 16)


@pytest.mark.parametrize("theme", THEMES)
def test_code_colours_read_on_every_theme(theme):
    colors = _colors(theme)
    code = Code('def f(x):\n    return "s" + 1  # note\n', "python", frozenset({2}))
    for line in code_lines(code, colors, 80):
        for run in line.runs:
            for ground in (colors.code_background, colors.code_highlight):
                assert contrast(run.color, ground) >= 4.5, (theme, run)


def test_long_code_lines_wrap_with_a_mark_and_lose_nothing():
    code = Code("x = '" + "a" * 50 + "'", "python")
    lines = code_lines(code, _colors("default"), 20)
    assert len(lines) > 1 and all(line.text.startswith(CONTINUATION) for line in lines[1:])
    assert "".join(line.text.removeprefix(CONTINUATION) for line in lines) == code.text


def test_code_shrinks_then_continues():
    code = Code("\n".join(f"line_{i} = {i}" for i in range(60)), "python")
    pages, shrunk = layout_code(code, 20, 14, _colors("default"), Box(0, 0, 800, 300))
    assert shrunk and len(pages) > 1
    assert [line.number for p in pages for line in p.lines] == list(range(1, 61))


def test_chart_alt_text_comes_from_the_data():
    chart = Chart("column", ("1960s", "1970s"), (Series("USSR", (20, 30)),), "launches")
    assert chart_alt(chart, "Launches") == (
        "Column chart: Launches. USSR: 1960s 20, 1970s 30 launches; highest 1970s (30)."
    )


@pytest.mark.parametrize(
    ("values", "want"),
    [
        ((15, 22, 25, 9), (0, 30, 5)),  # the sample's crewed launches: 25 lands on a step
        ((3, 7), (0, 8, 2)),
        ((-4, 12), (-5, 15, 5)),
        ((0.2, 0.9), (0, 1, 0.2)),
        ((120, 480), (0, 500, 100)),
    ],
)
def test_a_charts_value_axis_is_decided_once(values, want):
    from deckgen.layout.common.blocks import value_scale
    from deckgen.outline.model import Chart, Series

    chart = Chart("column", tuple(str(i) for i in range(len(values))), (Series("a", values),))
    lo, hi, step = value_scale(chart)
    assert (lo, hi, step) == pytest.approx(want)
    assert lo <= min(values) and hi > max(values) and (hi - lo) / step <= 6
