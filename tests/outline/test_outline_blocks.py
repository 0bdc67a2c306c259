"""Version-2 blocks in the loader: each bad input is reported at its line and column."""

from __future__ import annotations

from pathlib import Path

from deckgen.outline import load
from deckgen.outline.schema import json_schema

FIXTURE = Path(__file__).parents[1] / "fixtures" / "outlines" / "blocks.yaml"

HEAD = """
format: 2
title: T
sections:
  - title: S
    slides:
"""


def test_every_block_loads_with_numbers_right_aligned():
    slides = load(FIXTURE).sections[0].slides
    assert slides is not None
    kinds = [s.layout for s in slides]
    assert kinds == ["bullets", "table", "code", "chart", "chart", "equation"]
    assert slides[0].reveal
    table = slides[1].table
    assert table is not None and table.align == ("left", "left", "right", "right")
    assert [c.plain for c in table.header] == ["Programme", "Country", "Crewed flights", "First"]
    assert slides[2].code is not None and slides[2].code.highlight == {3}
    assert slides[2].code.lines[1] == '    """Speed of a circular orbit (km/s)."""'
    chart = slides[3].chart
    assert chart is not None and chart.series[1].name == "USA"
    assert chart.series[1].values == (25.0, 10.0, 40.0)
    assert slides[5].math is not None and slides[5].math.latex.startswith(r"\Delta v")


def test_inline_math_by_pandocs_dollar_rule():
    summary = load(FIXTURE).sections[0].summary[0]
    maths = [r for r in summary.runs if r.math]
    assert [r.math for r in maths] == [r"v = \sqrt{GM/r}"]
    assert maths[0].text == "v = √(GM/r)"
    assert "a price of $5 stays text" in summary.plain
    # scripts are runs of their own, raised or lowered on the text's baseline
    point = load(FIXTURE).sections[0].points[1].text
    assert [(r.text, r.rise) for r in point.runs if r.math] == [
        ("E", 0.0),
        ("k", -0.18),
        (" = 1/2mv", 0.0),
        ("2", 0.35),
    ]


def test_a_row_with_the_wrong_number_of_cells(problems):
    assert problems(
        HEAD
        + """\
      - layout: table
        title: X
        table:
          header: [a, b]
          rows:
            - [1, 2]
            - [1, 2, 3]
"""
    ) == [
        "talk.yaml:12:15: error: sections[0].slides[0].table.rows[1]: has 3 cells, the header has 2"
    ]


def test_a_series_with_the_wrong_number_of_values(problems):
    assert problems(
        HEAD
        + """\
      - layout: chart
        title: X
        chart:
          type: bar
          categories: [a, b, c]
          series:
            - {name: one, values: [1, 2]}
"""
    ) == [
        "talk.yaml:12:35: error: sections[0].slides[0].chart.series[0].values: "
        "has 2 values, the chart has 3 categories"
    ]


def test_an_unknown_chart_type(problems):
    assert problems(
        HEAD
        + """\
      - layout: chart
        title: X
        chart:
          type: colum
          categories: [a]
          series: [{name: one, values: [1]}]
"""
    ) == [
        "talk.yaml:9:17: error: sections[0].slides[0].chart.type: unknown chart type "
        "'colum', did you mean 'column'?"
    ]


def test_an_unknown_language(problems):
    assert problems(
        HEAD
        + """\
      - layout: code
        title: X
        code:
          language: pyton
          text: print(1)
"""
    ) == [
        "talk.yaml:9:21: error: sections[0].slides[0].code.language: unknown language "
        "'pyton', did you mean 'python'?"
    ]


def test_math_that_does_not_parse(problems):
    assert problems(
        HEAD
        + """\
      - layout: equation
        title: X
        math: \\frac{a}{b
      - layout: bullets
        title: Y
        points: ['speed $\\foo{x}$ here']
"""
    ) == [
        "talk.yaml:8:15: error: sections[0].slides[0].math: math '\\\\frac{a}{b' cannot be "
        "parsed: a '{' is never closed",
        "talk.yaml:11:18: error: sections[0].slides[1].points[0]: math '\\\\foo{x}' cannot be "
        "parsed: unknown command \\foo",
    ]


def test_blocks_need_their_key_and_keep_to_their_layout(problems):
    assert problems(
        HEAD
        + """\
      - layout: table
        title: X
        reveal: true
"""
    ) == [
        "talk.yaml:6:9: error: sections[0].slides[0]: a 'table' slide needs 'table'",
        "talk.yaml:8:9: error: sections[0].slides[0]: 'reveal' is not used by a 'table' slide "
        "(it belongs to: bullets, two-column)",
    ]


def test_schema_describes_the_blocks():
    defs = json_schema()["$defs"]
    slide = defs["slide"]["properties"]
    assert {"table", "code", "chart", "math", "caption", "reveal"} <= set(slide)
    assert set(defs["chart"]["properties"]["type"]["enum"]) == {"bar", "column", "line", "pie"}
