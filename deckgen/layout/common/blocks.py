"""Tables, code, charts and equations laid out for any medium (pure).

Each block is measured with the fonts that draw it and fitted into a width
and a height: text shrinks from its size towards a floor, and what still
does not fit continues on further pages (a table repeats its header row,
code carries on at its next line). The deck puts the pages on slides, the
handout on its pages; the backends only draw them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pygments.lexers import get_lexer_by_name
from pygments.styles import get_style_by_name
from pygments.token import Token, _TokenType

from deckgen import fonts
from deckgen.color import contrast, luminance, mix, rgb
from deckgen.errors import Location, RenderError
from deckgen.layout.common.primitives import Box, Paragraph
from deckgen.layout.common.text import TextStyle, one_line_width, paragraph
from deckgen.outline.model import Chart, Code, Run, Table, Text

__all__ = [
    "CODE_FONT",
    "CONTINUATION",
    "BlockColors",
    "ChartBlock",
    "CodeBlock",
    "CodeLine",
    "CodeRun",
    "MathBlock",
    "TableBlock",
    "chart_alt",
    "layout_code",
    "layout_table",
    "math_size",
]

CODE_FONT = "JetBrains Mono"  # monospace, Latin + Greek + Cyrillic, from fontpkg
CONTINUATION = "→ "  # starts a code line's wrapped part (the font has no ↪)
MIN_CONTRAST = 4.5
_STEP = 0.94  # shrink factor per try


@dataclass(frozen=True)
class BlockColors:
    """The colours a medium draws blocks in, from its theme."""

    background: str
    text: str
    muted: str
    accent: str
    header_fill: str  # a table's header row
    on_header: str
    rule: str  # table lines
    stripe: str  # every other table row
    code_background: str
    code_highlight: str  # the band behind an emphasised code line
    series: tuple[str, ...]  # chart colours in order

    @classmethod
    def of(
        cls,
        background: str,
        text: str,
        muted: str,
        accent: str,
        on_accent: str,
        palette: tuple[str, ...],
    ) -> BlockColors:
        code_bg = mix(background, text, 0.07)
        series: list[str] = []
        for color in dict.fromkeys((accent, *palette)):
            # a series must stand apart from those before it (print's greys)
            for _ in range(3):
                if all(_apart(color, other) for other in series):
                    break
                color = mix(color, background, 0.4)
            series.append(color)
        return cls(
            background=background,
            text=text,
            muted=muted,
            accent=accent,
            header_fill=accent,
            on_header=on_accent,
            rule=mix(background, text, 0.35),
            stripe=mix(background, text, 0.05),
            code_background=code_bg,
            code_highlight=mix(code_bg, accent, 0.2),
            series=tuple(series),
        )


def _apart(a: str, b: str) -> bool:
    """Two series colours tell apart: different hues, or (greys) different lightness."""
    grey = all(max(rgb(c)) - min(rgb(c)) < 48 for c in (a, b))
    return not grey or contrast(a, b) >= 1.6


# -- tables -------------------------------------------------------------------


@dataclass(frozen=True)
class TableBlock:
    """One page of a table: rows of measured cells; the header row first
    when `header` (repeated on every page)."""

    box: Box
    widths: tuple[float, ...]  # of the columns, points
    heights: tuple[float, ...]  # of the rows, points
    rows: tuple[tuple[Paragraph, ...], ...]
    align: tuple[str, ...]
    header: bool
    pad: float  # cell padding, every side
    colors: BlockColors
    size: float  # the cells' font size
    continued: bool = False  # a page after the first
    name: str = "Table"

    @property
    def cells(self) -> list[list[str]]:
        return [[_plain(p) for p in row] for row in self.rows]


def _plain(p: Paragraph) -> str:
    return "".join(r.text for r in p.runs)


def _column_widths(table: Table, style: TextStyle, width: float, pad: float) -> list[float]:
    """Natural widths (the longest cell on one line), scaled to `width` when
    wider; a column never narrower than its widest word."""
    rows = ((table.header,) if table.header else ()) + table.rows
    natural = []
    least = []
    for c in range(table.columns):
        cells = [(r[c], i == 0 and bool(table.header)) for i, r in enumerate(rows)]
        natural.append(max(one_line_width(t, _bold(style, b)) for t, b in cells) + 2 * pad + 1)
        words = [w for t, _ in cells for w in t.plain.split()] or [""]
        least.append(max(one_line_width(w, style) for w in words) + 2 * pad + 1)
    total = sum(natural)
    if total <= width:  # spread to the full width: a slide's table reads better wide
        return [n * width / total for n in natural]
    spare = width - sum(least)
    if spare <= 0:
        return [width * n / sum(least) for n in least]
    extra = [n - m for n, m in zip(natural, least, strict=True)]
    return [m + spare * e / (sum(extra) or 1) for m, e in zip(least, extra, strict=True)]


def _bold(style: TextStyle, bold: bool) -> TextStyle:
    return TextStyle(style.font, style.size, style.color, style.pitch, bold=bold)


def _table_rows(
    table: Table, style: TextStyle, widths: list[float], pad: float, colors: BlockColors
) -> tuple[list[tuple[Paragraph, ...]], list[float]]:
    rows: list[tuple[Paragraph, ...]] = []
    if table.header:
        head = TextStyle(style.font, style.size, colors.on_header, style.pitch, bold=True)
        rows.append(_cells(table.header, head, widths, pad, table.align))
    rows += [_cells(r, style, widths, pad, table.align) for r in table.rows]
    heights = [max(p.height for p in row) + 2 * pad for row in rows]
    return rows, heights


def _cells(
    row: tuple[Text, ...], style: TextStyle, widths: list[float], pad: float, align: tuple[str, ...]
) -> tuple[Paragraph, ...]:
    out = []
    for cell, w, a in zip(row, widths, align, strict=True):
        st = TextStyle(style.font, style.size, style.color, style.pitch, style.bold, align=a)  # type: ignore[arg-type]
        out.append(paragraph(cell, st, w - 2 * pad))
    return tuple(out)


def layout_table(
    table: Table,
    style: TextStyle,
    colors: BlockColors,
    area: Box,
    floor: float,
    first_height: float | None = None,
) -> tuple[list[TableBlock], bool]:
    """The table's pages in `area` (the first page may have only
    `first_height`), and whether it shrank. Shrinks from `style.size` to
    `floor`; at the floor, rows continue on further pages under the header."""
    size = style.size
    first = area.h if first_height is None else first_height
    while True:
        st = style.at(size)
        pad = round(size * 0.3, 2)
        widths = _column_widths(table, st, area.w, pad)
        rows, heights = _table_rows(table, st, widths, pad, colors)
        if sum(heights) <= first or size <= floor:
            break
        size = max(floor, round(size * _STEP, 1))
    return _paginate(
        table, rows, heights, widths, pad, colors, area, first, size
    ), size < style.size


def _paginate(
    table: Table,
    rows: list[tuple[Paragraph, ...]],
    heights: list[float],
    widths: list[float],
    pad: float,
    colors: BlockColors,
    area: Box,
    first: float,
    size: float,
) -> list[TableBlock]:
    head = 1 if table.header else 0
    pages: list[list[int]] = [[]]
    room = first - sum(heights[:head])
    for i in range(head, len(rows)):
        if heights[i] > room and pages[-1]:
            pages.append([])
            room = area.h - sum(heights[:head])
        if heights[i] > room:
            raise RenderError(
                f"a table row cannot fit a page even at {size:g} pt: shorten its cells",
                table.location,
            )
        pages[-1].append(i)
        room -= heights[i]
    out = []
    for k, page in enumerate(pages):
        idx = list(range(head)) + page
        out.append(
            TableBlock(
                box=Box(area.x, area.y, sum(widths), sum(heights[i] for i in idx)),
                widths=tuple(widths),
                heights=tuple(heights[i] for i in idx),
                rows=tuple(rows[i] for i in idx),
                align=table.align,
                header=bool(head),
                pad=pad,
                colors=colors,
                size=size,
                continued=k > 0,
            )
        )
    return out


# -- code ---------------------------------------------------------------------


@dataclass(frozen=True)
class CodeRun:
    text: str
    color: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class CodeLine:
    runs: tuple[CodeRun, ...]
    number: int  # 1-based line of the code
    highlighted: bool = False
    continued: bool = False  # the wrapped rest of the line before (starts with CONTINUATION)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class CodeBlock:
    box: Box
    lines: tuple[CodeLine, ...]
    font: str
    size: float
    line_height: float
    pad: float
    colors: BlockColors
    language: str
    continued: bool = False
    name: str = "Code"


def _readable(color: str, *backgrounds: str) -> str:
    """`color` darkened or lightened until it reads (>= 4.5:1) on every background."""
    dark = luminance(backgrounds[0]) < 0.3
    toward = "#FFFFFF" if dark else "#000000"
    for step in range(11):
        c = mix(color, toward, step / 10)
        if all(contrast(c, b) >= MIN_CONTRAST for b in backgrounds):
            return c
    return toward


@lru_cache(maxsize=16)
def _palette(colors: BlockColors) -> dict[_TokenType, tuple[str, bool, bool]]:
    """Token type -> (colour, bold, italic), from a Pygments style made readable."""
    dark = luminance(colors.code_background) < 0.3
    style = get_style_by_name("monokai" if dark else "default")
    out: dict[_TokenType, tuple[str, bool, bool]] = {}
    for token, spec in style:
        color = f"#{spec['color']}".upper() if spec["color"] else colors.text
        color = _readable(color, colors.code_background, colors.code_highlight)
        out[token] = (color, bool(spec["bold"]), bool(spec["italic"]))
    return out


def _token_runs(code: Code, colors: BlockColors) -> list[list[CodeRun]]:
    """Each source line as coloured runs, whitespace kept exactly."""
    palette = _palette(colors)
    lexer = get_lexer_by_name(code.language, stripnl=False, stripall=False, ensurenl=False)
    lines: list[list[CodeRun]] = [[]]
    for token, value in lexer.get_tokens(code.text):
        while token not in palette and token.parent is not None:
            token = token.parent
        color, bold, italic = palette.get(token, palette[Token])
        for i, piece in enumerate(value.split("\n")):
            if i:
                lines.append([])
            if piece:
                lines[-1].append(CodeRun(piece, color, bold, italic))
    return lines[: len(code.lines)] + [[] for _ in range(len(code.lines) - len(lines))]


def _wrap(runs: list[CodeRun], columns: int, number: int, lit: bool, mark: str) -> list[CodeLine]:
    """A source line cut into pieces of `columns` characters, each piece
    after the first starting with the continuation mark."""
    out: list[CodeLine] = []
    current: list[CodeRun] = []
    used = 0
    for run in runs:
        text = run.text
        while text:
            room = columns - used
            if room <= 0:
                out.append(CodeLine(tuple(current), number, lit, bool(out)))
                current = [CodeRun(CONTINUATION, mark)]
                used = len(CONTINUATION)
                continue
            current.append(CodeRun(text[:room], run.color, run.bold, run.italic))
            used += len(text[:room])
            text = text[room:]
    out.append(CodeLine(tuple(current), number, lit, bool(out)))
    return out


def code_lines(code: Code, colors: BlockColors, columns: int) -> list[CodeLine]:
    mark = _readable(colors.muted, colors.code_background, colors.code_highlight)
    out: list[CodeLine] = []
    for n, runs in enumerate(_token_runs(code, colors), 1):
        out += _wrap(runs, max(8, columns), n, n in code.highlight, mark)
    return out


def layout_code(
    code: Code,
    size: float,
    floor: float,
    colors: BlockColors,
    area: Box,
    first_height: float | None = None,
) -> tuple[list[CodeBlock], bool]:
    """The listing's pages in `area`, shrunk from `size` towards `floor`
    (a wrapped line counts as the lines it takes); and whether it shrank."""
    advance = fonts.family(CODE_FONT).face().width("0", 1.0)
    start = size
    first = area.h if first_height is None else first_height
    while True:
        pad = round(size * 0.5, 2)
        pitch = round(size * 1.25, 2)
        columns = int((area.w - 2 * pad) / (advance * size))
        lines = code_lines(code, colors, columns)
        if len(lines) * pitch + 2 * pad <= first or size <= floor:
            break
        size = max(floor, round(size * _STEP, 1))
    pages: list[list[CodeLine]] = [[]]
    room = first - 2 * pad
    for line in lines:
        if room < pitch and pages[-1]:
            pages.append([])
            room = area.h - 2 * pad
        pages[-1].append(line)
        room -= pitch
    blocks = [
        CodeBlock(
            box=Box(area.x, area.y, area.w, len(page) * pitch + 2 * pad),
            lines=tuple(page),
            font=CODE_FONT,
            size=size,
            line_height=pitch,
            pad=pad,
            colors=colors,
            language=code.language,
            continued=k > 0,
        )
        for k, page in enumerate(pages)
    ]
    return blocks, size < start


# -- charts and math ----------------------------------------------------------


@dataclass(frozen=True)
class ChartBlock:
    box: Box
    chart: Chart
    colors: BlockColors
    font: str
    size: float  # labels
    alt: str
    name: str = "Chart"


@dataclass(frozen=True)
class MathBlock:
    box: Box
    latex: str
    size: float  # the equation's font size
    color: str
    alt: str  # the LaTeX source
    name: str = "Equation"


@lru_cache(maxsize=256)
def math_size(latex: str, size: float) -> tuple[float, float]:
    """Width and height of a displayed equation at `size`, in points (as drawn)."""
    import ziamath  # measuring only: it typesets with STIX Two Math's metrics

    w, h = ziamath.Math.fromlatex(latex, size=size).getsize()
    return float(w), float(h)


def _number(v: float) -> str:
    return f"{v:g}" if abs(v) < 1e6 else f"{v:,.0f}"


def chart_alt(chart: Chart, title: str) -> str:
    """What the chart shows, in words, from its data (for screen readers)."""
    kind = {"bar": "Bar", "column": "Column", "line": "Line", "pie": "Pie"}[chart.type]
    unit = f" {chart.unit}" if chart.unit else ""
    parts = [f"{kind} chart: {title}."]
    for s in chart.series:
        pairs = ", ".join(
            f"{c} {_number(v)}" for c, v in zip(chart.categories, s.values, strict=True)
        )
        top = max(range(len(s.values)), key=lambda i: s.values[i])
        name = f"{s.name}: " if s.name else ""
        parts.append(
            f"{name}{pairs}{unit}; highest {chart.categories[top]} ({_number(s.values[top])})."
        )
    return " ".join(parts)


def mono_runs(line: CodeLine) -> tuple[Run, ...]:
    """A code line as plain runs (for text extraction and measuring)."""
    return tuple(Run(r.text, r.bold, r.italic) for r in line.runs)


def location_of(block: Table | Code | Chart) -> Location:
    return block.location
