"""The .pptx XML of tables, code, charts, equations and step-by-step builds.

Tables are native `a:tbl` graphic frames (header row marked `firstRow`, so
screen readers and PowerPoint's table styles know it); code is a text box of
editable coloured runs in the monospace font; charts are python-pptx chart
parts (editable in PowerPoint, data in an embedded workbook); equations are
Office Math (`a14:m`) with a Unicode text fallback for readers without it;
`reveal` is PowerPoint's own "appear by paragraph" build.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence

import xlsxwriter
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.opc.package import Part
from pptx.parts.chart import ChartPart
from pptx.util import Pt

from deckgen.backends.pptx import _oxml
from deckgen.backends.pptx._oxml import RunStyle, emu, escape
from deckgen.backends.pptx.omml import M_NS, omml
from deckgen.layout.common.blocks import (
    ChartBlock,
    CodeBlock,
    MathBlock,
    TableBlock,
    value_scale,
)
from deckgen.layout.common.primitives import Box, Paragraph
from deckgen.outline import mathtex

__all__ = ["chart_part", "chart_xml", "code_xml", "math_xml", "table_xml", "timing_xml"]

ParagraphWriter = Callable[[Paragraph], str]


def _frame(sid: int, name: str, descr: str, box: Box, uri: str, data: str) -> str:
    return (
        f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{sid}" name="{escape(name)}" '
        f'descr="{escape(descr)}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/>'
        f"</p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>"
        f'<p:xfrm><a:off x="{emu(box.x)}" y="{emu(box.y)}"/>'
        f'<a:ext cx="{emu(box.w)}" cy="{emu(box.h)}"/></p:xfrm>'
        f'<a:graphic><a:graphicData uri="{uri}">{data}</a:graphicData></a:graphic>'
        "</p:graphicFrame>"
    )


def _line(tag: str, color: str | None, width: float = 0.75) -> str:
    if color is None:
        return f"<a:{tag}><a:noFill/></a:{tag}>"
    return f'<a:{tag} w="{emu(width)}">{_oxml._solid(color)}</a:{tag}>'


def table_xml(sid: int, t: TableBlock, paragraph: ParagraphWriter) -> str:
    """A native table: grid, rows at the measured heights, padded cells."""
    c = t.colors
    grid = "".join(f'<a:gridCol w="{emu(w)}"/>' for w in t.widths)
    rows = []
    pad = emu(t.pad)
    for i, (row, h) in enumerate(zip(t.rows, t.heights, strict=True)):
        head = t.header and i == 0
        fill = c.header_fill if head else (c.stripe if (i - t.header) % 2 else None)
        cells = []
        for p in row:
            fill_xml = _oxml._solid(fill) if fill else "<a:noFill/>"
            borders = (
                _line("lnL", None)
                + _line("lnR", None)
                + _line("lnT", None)
                + _line("lnB", c.accent if head else c.rule, 1.5 if head else 0.75)
            )
            cells.append(
                "<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>"
                f"{paragraph(p)}</a:txBody>"
                f'<a:tcPr marL="{pad}" marR="{pad}" marT="{pad}" marB="{pad}" anchor="ctr">'
                f"{borders}{fill_xml}</a:tcPr></a:tc>"
            )
        rows.append(f'<a:tr h="{emu(h)}">{"".join(cells)}</a:tr>')
    first = ' firstRow="1"' if t.header else ""
    tbl = (
        f'<a:tbl><a:tblPr{first} bandRow="1"/><a:tblGrid>{grid}</a:tblGrid>{"".join(rows)}</a:tbl>'
    )
    names = ", ".join(t.cells[0]) if t.header else ""
    descr = f"Table, {len(t.rows) - t.header} rows" + (f"; columns: {names}" if names else "")
    uri = "http://schemas.openxmlformats.org/drawingml/2006/table"
    return _frame(sid, t.name, descr, t.box, uri, tbl)


def code_xml(new_id: Callable[[], int], code: CodeBlock, lang: str, font: str) -> list[str]:
    """Bands behind the emphasised lines, then a text box of coloured runs."""
    c = code.colors
    box = code.box

    def rect(name: str, b: Box, fill: str) -> str:
        return _oxml.shape_xml(new_id(), name, "rect", _t(b), fill, None, 0)

    out = [rect(f"{code.name} background", box, c.code_background)]
    for i, line in enumerate(code.lines):
        if line.highlighted:
            y = box.y + code.pad + i * code.line_height
            out.append(rect("Highlight", Box(box.x, y, box.w, code.line_height), c.code_highlight))
            out.append(rect("Highlight mark", Box(box.x, y, 4.0, code.line_height), c.accent))
    paragraphs = []
    base = RunStyle(font, code.size, c.text, lang=lang)
    for line in code.lines:
        runs = [
            _oxml.run_xml(r.text, RunStyle(font, code.size, r.color, r.bold, r.italic, lang))
            for r in line.runs
        ]
        paragraphs.append(_oxml.paragraph_xml(runs, base, line_height=code.line_height))
    pad = code.pad
    out.append(
        _oxml.textbox_xml(
            new_id(),
            code.name,
            _t(box),
            paragraphs,
            inset=(pad, pad, pad, pad),
        ).replace('wrap="square"', 'wrap="none"')
    )
    return out


def _t(b: Box) -> tuple[float, float, float, float]:
    return (b.x, b.y, b.w, b.h)


_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_A14 = "http://schemas.microsoft.com/office/drawing/2010/main"


def math_xml(sid: int, m: MathBlock, lang: str) -> str:
    """Office Math where PowerPoint reads it; readers without it (the
    `mc:Fallback`) show the equation as Unicode text. Alt text: the LaTeX."""
    color = m.color.lstrip("#").upper()
    rpr = (
        f'<a:rPr lang="{escape(lang)}" sz="{round(m.size * 100)}" i="1">'
        f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
        '<a:latin typeface="Cambria Math"/></a:rPr>'
    )
    body = omml(mathtex.mathml(m.latex), rpr)
    b = m.box
    nv = (
        f'<p:nvSpPr><p:cNvPr id="{sid}" name="{escape(m.name)}" descr="{escape(m.alt)}"/>'
        '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr>{_oxml._xfrm(b.x, b.y, b.w, b.h)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        "<a:noFill/></p:spPr>"
    )
    body_pr = (
        '<a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr">'
        "<a:noAutofit/></a:bodyPr><a:lstStyle/>"
    )
    math = (
        f'<a:p><a:pPr algn="ctr"/><a14:m><m:oMathPara xmlns:m="{M_NS}"><m:oMathParaPr>'
        f'<m:jc m:val="centerGroup"/></m:oMathParaPr><m:oMath>{body}</m:oMath></m:oMathPara>'
        f"</a14:m></a:p>"
    )
    style = RunStyle("Cambria Math", m.size, m.color, lang=lang)
    text = _oxml.run_xml(mathtex.to_unicode(m.latex), style)
    fallback = f'<a:p><a:pPr algn="ctr"/>{text}</a:p>'
    return (
        f'<mc:AlternateContent xmlns:mc="{_MC}">'
        f'<mc:Choice xmlns:a14="{_A14}" Requires="a14">'
        f"<p:sp>{nv}<p:txBody>{body_pr}{math}</p:txBody></p:sp></mc:Choice>"
        f"<mc:Fallback><p:sp>{nv}<p:txBody>{body_pr}{fallback}</p:txBody></p:sp></mc:Fallback>"
        "</mc:AlternateContent>"
    )


# -- charts -------------------------------------------------------------------

_CHART_TYPES = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
}
_EPOCH = dt.datetime(2000, 1, 1)
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


def chart_part(block: ChartBlock, package, font: str) -> Part:
    """A native chart part in the theme's colours, with its data workbook."""
    chart = block.chart
    data = CategoryChartData(number_format="General")
    data.categories = list(chart.categories)
    for s in chart.series:
        data.add_series(s.name or (chart.unit or "Series"), list(s.values))
    part = ChartPart.new(_CHART_TYPES[chart.type], data, package)  # type: ignore[arg-type]
    # python-pptx's workbook carries the time it was made: rewrite it with a
    # fixed one so that the same outline gives the same bytes.
    part.chart_workbook.xlsx_part.blob = _workbook(data)
    _style(part.chart, block, font)
    # python-pptx's templates number the axes negative; the schema wants an
    # unsignedInt (PowerPoint may repair the file otherwise)
    for node in part._element.iter(f"{{{_C}}}axId", f"{{{_C}}}crossAx"):
        node.set("val", str(abs(int(node.get("val")))))
    return part


def _workbook(data: CategoryChartData) -> bytes:
    out = io.BytesIO()
    writer = data._workbook_writer
    with xlsxwriter.Workbook(out, {"in_memory": True}) as workbook:
        workbook.set_properties({"created": _EPOCH})
        worksheet = workbook.add_worksheet()
        writer._populate_worksheet(workbook, worksheet)
    return out.getvalue()


def _style(ch, block: ChartBlock, font: str) -> None:
    c = block.colors
    ch.font.name = font
    ch.font.size = Pt(block.size)
    ch.font.color.rgb = _rgb(c.text)
    ch.has_title = False  # the slide's title names the chart
    ch.has_legend = True
    ch.legend.include_in_layout = False
    ch.legend.position = (
        XL_LEGEND_POSITION.BOTTOM if block.chart.type != "pie" else XL_LEGEND_POSITION.RIGHT
    )
    ch.legend.font.size = Pt(block.size)
    plot = ch.plots[0]
    if block.chart.type == "pie":
        for i, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(c.series[i % len(c.series)])
        plot.has_data_labels = True
        plot.data_labels.show_percentage = False
        plot.data_labels.show_value = True
        plot.data_labels.font.size = Pt(block.size)
        return
    for i, series in enumerate(plot.series):
        color = _rgb(c.series[i % len(c.series)])
        if block.chart.type == "line":
            series.format.line.color.rgb = color
            series.format.line.width = Pt(3)
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = color
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = color
    if block.chart.type in ("bar", "column"):
        plot.gap_width = 60
    value_axis = ch.value_axis
    # the axis decided once, as the PDFs draw it
    value_axis.minimum_scale, value_axis.maximum_scale, value_axis.major_unit = value_scale(
        block.chart
    )
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = _rgb(c.rule)
    value_axis.tick_labels.font.size = Pt(block.size)
    ch.category_axis.tick_labels.font.size = Pt(block.size)
    if block.chart.unit:
        value_axis.has_title = True
        value_axis.axis_title.text_frame.text = block.chart.unit
        run = value_axis.axis_title.text_frame.paragraphs[0].runs[0]
        run.font.size = Pt(block.size)
        run.font.color.rgb = _rgb(c.text)


def chart_xml(sid: int, block: ChartBlock, rid: str) -> str:
    uri = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    data = (
        f'<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="{rid}"/>'
    )
    return _frame(sid, block.name, block.alt, block.box, uri, data)


# -- reveal -------------------------------------------------------------------


def timing_xml(steps: Sequence[tuple[int, Sequence[int]]]) -> str:
    """`p:timing`: one click per step; a step is (shape id, its paragraph
    indices), e.g. a point and its sub-points appearing together."""
    ids = iter(range(3, 10_000))
    clicks = []
    for spid, paras in steps:
        effects = []
        for k, para in enumerate(paras):
            node = "clickEffect" if k == 0 else "withEffect"
            effects.append(
                f'<p:par><p:cTn id="{next(ids)}" presetID="1" presetClass="entr" presetSubtype="0" '
                f'fill="hold" grpId="0" nodeType="{node}"><p:stCondLst><p:cond delay="0"/>'
                f'</p:stCondLst><p:childTnLst><p:set><p:cBhvr><p:cTn id="{next(ids)}" dur="1" '
                'fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst></p:cTn><p:tgtEl>'
                f'<p:spTgt spid="{spid}"><p:txEl><p:pRg st="{para}" end="{para}"/></p:txEl>'
                "</p:spTgt></p:tgtEl><p:attrNameLst><p:attrName>style.visibility</p:attrName>"
                '</p:attrNameLst></p:cBhvr><p:to><p:strVal val="visible"/></p:to></p:set>'
                "</p:childTnLst></p:cTn></p:par>"
            )
        outer, inner = next(ids), next(ids)
        clicks.append(
            f'<p:par><p:cTn id="{outer}" fill="hold"><p:stCondLst><p:cond delay="indefinite"/>'
            f'</p:stCondLst><p:childTnLst><p:par><p:cTn id="{inner}" fill="hold"><p:stCondLst>'
            f'<p:cond delay="0"/></p:stCondLst><p:childTnLst>{"".join(effects)}</p:childTnLst>'
            "</p:cTn></p:par></p:childTnLst></p:cTn></p:par>"
        )
    shapes = dict.fromkeys(spid for spid, _ in steps)
    builds = "".join(f'<p:bldP spid="{s}" grpId="0" build="p"/>' for s in shapes)
    return (
        '<p:timing><p:tnLst><p:par><p:cTn id="1" dur="indefinite" restart="never" '
        'nodeType="tmRoot"><p:childTnLst><p:seq concurrent="1" nextAc="seek"><p:cTn id="2" '
        f'dur="indefinite" nodeType="mainSeq"><p:childTnLst>{"".join(clicks)}</p:childTnLst>'
        '</p:cTn><p:prevCondLst><p:cond evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl>'
        '</p:cond></p:prevCondLst><p:nextCondLst><p:cond evt="onNext" delay="0"><p:tgtEl>'
        "<p:sldTgt/></p:tgtEl></p:cond></p:nextCondLst></p:seq></p:childTnLst></p:cTn></p:par>"
        f"</p:tnLst><p:bldLst>{builds}</p:bldLst></p:timing>"
    )
