"""Draw laid-out tables, code, charts and equations on a reportlab canvas.

Shared by every PDF (slides-pdf, the handout in both modes): vectors only.
Boxes are in top-down coordinates; `h` is the height that flips them
(`y_pdf = h - y`). Charts are reportlab graphics; equations are ziamath's
STIX Two Math glyph outlines read through svglib, drawn as paths.

On a tagged canvas each block tags itself (`roles.block_node` makes its element):
a table as Table/TR/TH (scope Column, the header row)/TD, code as one Code
element per group of lines (blank lines part them), a chart or an equation
as a Figure with its alt text (the chart's generated description, the
equation's LaTeX) and its box; fills and rules are artifacts.
"""

from __future__ import annotations

import io
from functools import lru_cache

import ziamath
from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from svglib.svglib import svg2rlg

from deckgen.backends import pdfkit
from deckgen.backends.tagging import Node, tagger_of
from deckgen.backends.tagging.roles import block_node
from deckgen.layout.common.blocks import (
    ChartBlock,
    CodeBlock,
    MathBlock,
    TableBlock,
    value_scale,
)
from deckgen.layout.common.primitives import Paragraph
from deckgen.outline.model import Run

__all__ = ["BlockFlowable", "block_fonts", "draw_block", "math_drawing"]

Block = TableBlock | CodeBlock | ChartBlock | MathBlock


def block_fonts(block: object) -> set[str]:
    """The font families a block draws with (to register them first)."""
    if isinstance(block, TableBlock):
        return {p.font for row in block.rows for p in row}
    if isinstance(block, CodeBlock | ChartBlock):
        return {block.font}
    return set()


def draw_block(
    canvas: Canvas,
    block: Block,
    h: float,
    fonts: dict[str, pdfkit.FontNames],
    node: Node | None = None,
) -> None:
    """Draw `block`; on a tagged canvas its content goes in `node` (made by
    `roles.block_node`; a new one in the current container when None)."""
    tagger = tagger_of(canvas)
    if tagger.enabled and node is None:
        node = block_node(tagger, block)
    if isinstance(block, TableBlock):
        _table(canvas, block, h, fonts, node)
    elif isinstance(block, CodeBlock):
        _code(canvas, block, h, fonts, node)
    elif isinstance(block, ChartBlock):
        b = block.box
        tagger.place(node, b.x, h - b.bottom, b.w, b.h)
        with tagger.mark(node):
            _chart(canvas, block, h, fonts)
    else:
        # the first font drawn is the drawing's initial one: ours, never Helvetica
        _math(canvas, block, h, next(iter(fonts.values())).regular if fonts else None, node)


class BlockFlowable(Flowable):
    """A laid-out block in a platypus story (the handout): drawn at its box size.
    It tags its own parts (`draw_block`), so the frame does not mark it."""

    tag_role = "Group"  # tagging.flow.GROUP

    def __init__(self, block: Block, font: str) -> None:
        super().__init__()
        self.block = block
        self.font = font  # the text's family: a drawing starts in it
        self.width, self.height = block.box.w, block.box.h

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        families = [self.font, *sorted(block_fonts(self.block) - {self.font})]
        fonts = {f: pdfkit.register_family(f) for f in families}
        b = self.block.box
        self.canv.saveState()
        self.canv.translate(-b.x, 0)  # the box's top-left at the flowable's
        draw_block(self.canv, self.block, self.height + b.y, fonts)
        self.canv.restoreState()


def _rect(canvas: Canvas, x: float, top: float, w: float, hh: float, fill: str, h: float) -> None:
    canvas.setFillColor(pdfkit.color(fill))
    canvas.rect(x, h - top - hh, w, hh, stroke=0, fill=1)


def _paragraph(
    canvas: Canvas,
    para: Paragraph,
    x: float,
    top: float,
    width: float,
    h: float,
    names: pdfkit.FontNames,
) -> None:
    to_baseline = para.line_height * 0.5 + para.size * 0.35
    for line in para.lines:
        lx = x
        if para.align == "right":
            lx = x + width - line.width
        elif para.align == "center":
            lx = x + (width - line.width) / 2
        pdfkit.draw_runs(
            canvas,
            lx,
            h - top - to_baseline,
            line.runs,
            names,
            para.size,
            para.color,
            bold=para.bold,
            italic=para.italic,
        )
        top += para.line_height


def _table(
    canvas: Canvas,
    t: TableBlock,
    h: float,
    fonts: dict[str, pdfkit.FontNames],
    node: Node | None,
) -> None:
    c = t.colors
    top = t.box.y
    tagger = tagger_of(canvas)
    for i, (row, rh) in enumerate(zip(t.rows, t.heights, strict=True)):
        head = t.header and i == 0
        fill = c.header_fill if head else (c.stripe if (i - t.header) % 2 else None)
        if fill:
            _rect(canvas, t.box.x, top, t.box.w, rh, fill, h)
        tr = node.add("TR") if node is not None else None
        x = t.box.x
        for p, w in zip(row, t.widths, strict=True):
            inner = rh - 2 * t.pad
            dy = (inner - p.height) / 2
            cell = None
            if tr is not None:
                cell = tr.add("TH", scope="Column") if head else tr.add("TD")
            with tagger.mark(cell):
                _paragraph(canvas, p, x + t.pad, top + t.pad + dy, w - 2 * t.pad, h, fonts[p.font])
            x += w
        top += rh
        canvas.setStrokeColor(pdfkit.color(c.accent if head else c.rule))
        canvas.setLineWidth(1.5 if head else 0.75)
        canvas.line(t.box.x, h - top, t.box.x + t.box.w, h - top)


def _code(
    canvas: Canvas,
    code: CodeBlock,
    h: float,
    fonts: dict[str, pdfkit.FontNames],
    node: Node | None,
) -> None:
    c = code.colors
    b = code.box
    _rect(canvas, b.x, b.y, b.w, b.h, c.code_background, h)
    names = fonts[code.font]
    top = b.y + code.pad
    to_baseline = code.line_height * 0.5 + code.size * 0.35
    tagger = tagger_of(canvas)
    group: Node | None = None  # the Code element of the lines since the last blank one
    for line in code.lines:
        if line.highlighted:
            _rect(canvas, b.x, top, b.w, code.line_height, c.code_highlight, h)
            _rect(canvas, b.x, top, 4.0, code.line_height, c.accent, h)
        if not line.text.strip():
            group = None
        elif node is not None and group is None:
            group = node.add("Code")
        x = b.x + code.pad
        with tagger.mark(group):
            for r in line.runs:
                run = Run(r.text, r.bold, r.italic)
                x += pdfkit.draw_runs(
                    canvas, x, h - top - to_baseline, (run,), names, code.size, r.color
                )
        top += code.line_height


def _chart(canvas: Canvas, block: ChartBlock, h: float, fonts: dict[str, pdfkit.FontNames]) -> None:
    b = block.box
    drawing = chart_drawing(block, fonts[block.font].regular)
    renderPDF.draw(drawing, canvas, b.x, h - b.bottom)


def chart_drawing(block: ChartBlock, font: str) -> Drawing:  # noqa: C901 - one branch per chart type
    """The chart as reportlab graphics: the plot, axis labels and a legend."""
    b, ch, c = block.box, block.chart, block.colors
    size = block.size
    d = Drawing(b.w, b.h)
    d.initialFontName = font  # renderPDF would start with Helvetica, unembedded
    colors = [
        pdfkit.color(c.series[i % len(c.series)])
        for i in range(max(len(ch.series), len(ch.categories)))
    ]
    legend = Legend()
    legend.fontName = font
    legend.fontSize = size
    legend.fillColor = pdfkit.color(c.text)
    legend.strokeColor = None
    legend.boxAnchor = "s"
    legend.columnMaximum = 1
    legend.alignment = "right"
    legend.dxTextSpace = 6
    legend.deltax = max(60.0, size * 6)
    legend.deltay = size * 1.4
    legend.dx = legend.dy = size * 0.8
    legend_h = size * 1.8
    unit_w = size * 1.8 if ch.unit else 0.0
    if ch.type == "pie":
        pie = Pie()
        side = min(b.w * 0.6, b.h - 10)
        pie.x, pie.y, pie.width, pie.height = (b.w * 0.6 - side) / 2, (b.h - side) / 2, side, side
        pie.data = list(ch.series[0].values)
        pie.labels = [f"{v:g}" for v in ch.series[0].values]
        pie.simpleLabels = 1
        pie.sideLabels = 0
        pie.slices.fontName = font
        pie.slices.fontSize = size
        pie.slices.fontColor = pdfkit.color(c.text)
        pie.slices.strokeColor = pdfkit.color(c.background)
        pie.slices.strokeWidth = 1.5
        for i in range(len(ch.categories)):
            pie.slices[i].fillColor = colors[i]
        d.add(pie)
        legend.colorNamePairs = list(zip(colors, ch.categories, strict=False))
        legend.columnMaximum = len(ch.categories)
        legend.boxAnchor = "w"
        legend.x, legend.y = b.w * 0.66, b.h / 2 + len(ch.categories) * legend.deltay / 2
        d.add(legend)
        return d
    plot_x = unit_w + size * 3.2
    plot_y = legend_h + size * 2.0
    plot_w = b.w - plot_x - 10
    plot_h = b.h - plot_y - 10
    if ch.type == "line":
        chart = HorizontalLineChart()
    elif ch.type == "bar":
        chart = HorizontalBarChart()
        plot_x += size * 3
        plot_w -= size * 3
    else:
        chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = plot_x, plot_y, plot_w, plot_h
    chart.data = [list(s.values) for s in ch.series]
    chart.categoryAxis.categoryNames = list(ch.categories)
    value_axis = chart.valueAxis
    value_axis.valueMin, value_axis.valueMax, value_axis.valueStep = value_scale(ch)
    value_axis.visibleGrid = 1
    value_axis.gridStrokeColor = pdfkit.color(c.rule)
    value_axis.gridStrokeWidth = 0.5
    for axis in (chart.categoryAxis, value_axis):
        axis.labels.fontName = font
        axis.labels.fontSize = size
        axis.labels.fillColor = pdfkit.color(c.text)
        axis.strokeColor = pdfkit.color(c.rule)
    if ch.type == "line":
        for i in range(len(ch.series)):
            chart.lines[i].strokeColor = colors[i]
            chart.lines[i].strokeWidth = 3
    else:
        chart.barSpacing = 2
        chart.groupSpacing = 12
        chart.bars.strokeColor = None
        for i in range(len(ch.series)):
            chart.bars[i].fillColor = colors[i]
    d.add(chart)
    if ch.unit:
        label = String(0, 0, ch.unit, fontName=font, fontSize=size, fillColor=pdfkit.color(c.text))
        label.textAnchor = "middle"
        g = Group(label)
        if ch.type == "bar":
            g.translate(plot_x + plot_w / 2, legend_h + size * 0.2)
        else:
            g.translate(size, plot_y + plot_h / 2)
            g.rotate(90)
        d.add(g)
    legend.colorNamePairs = [(colors[i], s.name or ch.unit or "") for i, s in enumerate(ch.series)]
    legend.x, legend.y = b.w / 2 - len(ch.series) * legend.deltax / 2, size * 0.2
    legend.boxAnchor = "sw"
    legend.columnMaximum = 1
    d.add(legend)
    return d


@lru_cache(maxsize=64)
def math_drawing(latex: str, size: float, color: str) -> Drawing:
    """The equation's outlines as a reportlab Drawing (1 unit = 1 point)."""
    # plain paths: svglib does not scale SVG 2's <symbol> viewBoxes. The
    # setting is ziamath's global: put it back, or the web page's equations
    # (built in the same process) would change with what was built before.
    before = ziamath.config.svg2
    ziamath.config.svg2 = False
    try:
        svg = ziamath.Math.fromlatex(latex, size=size, color=color).svg()
    finally:
        ziamath.config.svg2 = before
    drawing = svg2rlg(io.StringIO(svg))
    assert drawing is not None
    return drawing


def _math(canvas: Canvas, m: MathBlock, h: float, font: str | None, node: Node | None) -> None:
    d = math_drawing(m.latex, m.size, m.color)
    if font:
        d.initialFontName = font  # renderPDF would set (and embed a reference to) Helvetica
    b = m.box
    scale = min(1.0, b.w / max(d.width, 1), b.h / max(d.height, 1))
    w, hh = d.width * scale, d.height * scale
    x, y = b.x + (b.w - w) / 2, h - b.y - (b.h + hh) / 2
    tagger = tagger_of(canvas)
    tagger.place(node, x, y, w, hh)  # the equation's own box, not its block's
    with tagger.mark(node):
        canvas.saveState()
        canvas.translate(x, y)
        canvas.scale(scale, scale)
        renderPDF.draw(d, canvas, 0, 0)
        canvas.restoreState()
