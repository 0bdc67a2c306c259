"""Tables, code, charts and equations of the deck's layout, as SVG.

Tables and code are drawn cell by cell and line by line as laid out; a
chart is the very drawing the PDFs make (reportlab graphics, written as SVG
instead); an equation is typeset by ziamath, as in the PDFs. Each keeps its
text for screen readers (a chart and an equation their `alt`).
"""

from __future__ import annotations

import re
from html import escape

from deckgen.backends import pdfkit
from deckgen.layout.common.blocks import ChartBlock, CodeBlock, MathBlock, TableBlock
from deckgen.layout.common.primitives import Paragraph

from .svg import css_family, num, runs_tspans

__all__ = ["block_svg"]

Block = TableBlock | CodeBlock | ChartBlock | MathBlock


def block_svg(block: Block) -> str:
    if isinstance(block, TableBlock):
        return _table(block)
    if isinstance(block, CodeBlock):
        return _code(block)
    if isinstance(block, ChartBlock):
        return _chart(block)
    return _math(block)


def _rect(x: float, y: float, w: float, h: float, fill: str) -> str:
    return (
        f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" fill="{fill}" '
        'aria-hidden="true"/>'
    )


def _lines(p: Paragraph, x: float, top: float, width: float) -> str:
    to_baseline = p.line_height * 0.5 + p.size * 0.35
    out = []
    for line in p.lines:
        lx = x
        if p.align == "right":
            lx = x + width - line.width
        elif p.align == "center":
            lx = x + (width - line.width) / 2
        out.append(
            f'<text x="{num(lx)}" y="{num(top + to_baseline)}" font-family="{css_family(p.font)}" '
            f'font-size="{num(p.size)}" fill="{p.color}">'
            f"{runs_tspans(line.runs, p.bold, p.italic)}</text>"
        )
        top += p.line_height
    return "".join(out)


def _table(t: TableBlock) -> str:
    c = t.colors
    out = [f'<g role="table" aria-label="{escape(t.name)}">']
    top = t.box.y
    for i, (row, rh) in enumerate(zip(t.rows, t.heights, strict=True)):
        head = t.header and i == 0
        fill = c.header_fill if head else (c.stripe if (i - t.header) % 2 else None)
        if fill:
            out.append(_rect(t.box.x, top, t.box.w, rh, fill))
        out.append('<g role="row">')
        x = t.box.x
        for p, w in zip(row, t.widths, strict=True):
            dy = (rh - 2 * t.pad - p.height) / 2
            role = "columnheader" if head else "cell"
            out.append(
                f'<g role="{role}">{_lines(p, x + t.pad, top + t.pad + dy, w - 2 * t.pad)}</g>'
            )
            x += w
        out.append("</g>")
        top += rh
        out.append(
            f'<line x1="{num(t.box.x)}" y1="{num(top)}" x2="{num(t.box.right)}" y2="{num(top)}" '
            f'stroke="{c.accent if head else c.rule}" stroke-width="{1.5 if head else 0.75}" '
            'aria-hidden="true"/>'
        )
    out.append("</g>")
    return "".join(out)


def _code(code: CodeBlock) -> str:
    c, b = code.colors, code.box
    out = [_rect(b.x, b.y, b.w, b.h, c.code_background)]
    top = b.y + code.pad
    to_baseline = code.line_height * 0.5 + code.size * 0.35
    for line in code.lines:
        if line.highlighted:
            out.append(_rect(b.x, top, b.w, code.line_height, c.code_highlight))
            out.append(_rect(b.x, top, 4.0, code.line_height, c.accent))
        spans = "".join(
            f'<tspan fill="{r.color}"'
            + (' font-weight="bold"' if r.bold else "")
            + (' font-style="italic"' if r.italic else "")
            + f">{escape(r.text)}</tspan>"
            for r in line.runs
        )
        out.append(
            f'<text x="{num(b.x + code.pad)}" y="{num(top + to_baseline)}" '
            f'font-family="{css_family(code.font)}" font-size="{num(code.size)}">{spans}</text>'
        )
        top += code.line_height
    return "".join(out)


def _chart(block: ChartBlock) -> str:
    from reportlab.graphics import renderSVG

    from deckgen.backends.pdfblocks import chart_drawing

    face = pdfkit.register_family(block.font).regular
    svg = renderSVG.drawToString(chart_drawing(block, face))
    svg = svg[svg.index("<svg") :]
    # reportlab names the face it measured with; the page embeds the family
    svg = re.sub(r"font-family: ?[^;\"]*", f"font-family: {css_family(block.font)}", svg)
    b = block.box
    head = f'<svg x="{num(b.x)}" y="{num(b.y)}" role="img" aria-label="{escape(block.alt)}"'
    return head + svg[len("<svg") :]


def _math(m: MathBlock) -> str:
    import ziamath

    math = ziamath.Math.fromlatex(m.latex, size=m.size, color=m.color)
    w, h = math.getsize()
    b = m.box
    scale = min(1.0, b.w / max(w, 1), b.h / max(h, 1))
    x, y = b.x + (b.w - w * scale) / 2, b.y + (b.h - h * scale) / 2
    svg = math.svg()
    head = f'<svg x="{num(x)}" y="{num(y)}" role="img" aria-label="{escape(m.alt)}"'
    svg = head + svg[len("<svg") :]
    svg = re.sub(
        r'width="[^"]*" height="[^"]*"',
        f'width="{num(w * scale)}" height="{num(h * scale)}"',
        svg,
        count=1,
    )
    return svg
