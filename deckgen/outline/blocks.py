"""Reading the version-2 blocks of explicit slides: table, code, chart, math.

Called by the outline builder (validate.py) with itself, so that problems
are collected at their line and column like every other outline problem.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pygments.lexers import find_lexer_class_by_name
from pygments.util import ClassNotFound

from deckgen._yaml import Node, NodeValueError, as_float, did_you_mean
from deckgen.outline import mathtex
from deckgen.outline.model import ALIGNS, CHART_TYPES, Chart, Code, Math, Series, Table, Text

if TYPE_CHECKING:
    from deckgen.outline.validate import _Builder

__all__ = ["BLOCK_KEYS", "chart", "code", "math", "table"]

BLOCK_KEYS: dict[str, frozenset[str]] = {
    "table": frozenset({"header", "rows", "align"}),
    "code": frozenset({"text", "language", "highlight"}),
    "chart": frozenset({"type", "categories", "series", "unit"}),
    "series": frozenset({"name", "values"}),
}
_NUMBER = re.compile(r"[−+-]?[$€£]?\d[\d,. \u202f\u00a0]*%?")
_RANGE = re.compile(r"(\d+)(?:\s*-\s*(\d+))?")
_COMMON_LANGUAGES = ("python", "javascript", "sql", "bash", "c", "java", "yaml", "json", "text")


def _cells(b: _Builder, node: Node, where: str) -> tuple[Text, ...] | None:
    if not node.is_list:
        b.error(node.location, where, f"expected a list of cells, got {node.kind}")
        return None
    out = []
    for i, cell in enumerate(node.value):
        w = f"{where}[{i}]"
        if cell.is_null:
            out.append(Text((), cell.location))
        elif cell.is_scalar:
            out.append(b.text(cell, w) or Text((), cell.location))
        else:
            b.error(cell.location, w, f"expected text, got {cell.kind}")
            return None
    return tuple(out)


def _is_number(text: Text) -> bool:
    return bool(_NUMBER.fullmatch(text.plain.strip()))


def table(b: _Builder, node: Node | None, where: str) -> Table | None:
    if node is None or node.is_null:
        return None
    if not b.mapping(node, where, "table", ("rows",), allowed=BLOCK_KEYS["table"]):
        return None
    header: tuple[Text, ...] = ()
    if (h := node.get("header")) is not None and not h.is_null:
        header = _cells(b, h, f"{where}.header") or ()
    rows: list[tuple[Text, ...]] = []
    width = len(header) or None
    for w, row in b.items(node.get("rows"), f"{where}.rows", "rows"):
        cells = _cells(b, row, w)
        if cells is None:
            continue
        if width is None:
            width = len(cells)
        if len(cells) != width:
            against = "the header" if header else "the first row"
            b.error(row.location, w, f"has {len(cells)} cells, {against} has {width}")
            continue
        rows.append(cells)
    if not rows:
        b.error(node.location, where, "a table needs at least one row")
        return None
    assert width is not None
    align = _align(b, node.get("align"), f"{where}.align", width)
    decided = tuple(
        a or ("right" if all(_is_number(r[c]) for r in rows if r[c].plain) else "left")
        for c, a in enumerate(align)
    )
    return Table(header, tuple(rows), decided, node.location)


def _align(b: _Builder, node: Node | None, where: str, width: int) -> list[str | None]:
    out: list[str | None] = [None] * width
    for w, item in b.items(node, where, "alignments"):
        i = int(w[w.rindex("[") + 1 : -1])
        value = b.plain(item, w, "left, center or right")
        if value is None:
            continue
        if value not in ALIGNS:
            b.error(item.location, w, f"unknown alignment {value!r} (left, center, right)")
        elif i >= width:
            b.error(item.location, w, f"the table has only {width} columns")
        else:
            out[i] = value
    return out


def code(b: _Builder, node: Node | None, where: str) -> Code | None:
    if node is None or node.is_null:
        return None
    if not b.mapping(node, where, "code", ("text",), allowed=BLOCK_KEYS["code"]):
        return None
    text_node = node.get("text")
    text = None
    if text_node is not None:
        if not isinstance(text_node.value, str) or not text_node.value.strip():
            b.error(text_node.location, f"{where}.text", "expected the code as text")
        else:
            text = text_node.value.expandtabs(4).rstrip("\n")
    language = "text"
    if (lang := node.get("language")) is not None:
        name = b.plain(lang, f"{where}.language", "a language name")
        if name:
            try:
                find_lexer_class_by_name(name)
            except ClassNotFound:
                guess = did_you_mean(name.lower(), _COMMON_LANGUAGES)
                hint = f", did you mean {guess!r}?" if guess else " (any name Pygments knows)"
                b.error(lang.location, f"{where}.language", f"unknown language {name!r}{hint}")
            else:
                language = name
    lines = _highlight(b, node.get("highlight"), f"{where}.highlight", text)
    if text is None:
        return None
    return Code(text, language, lines, node.location)


def _highlight(b: _Builder, node: Node | None, where: str, text: str | None) -> frozenset[int]:
    lines: set[int] = set()
    count = len(text.split("\n")) if text else 0
    for w, item in b.items(node, where, "lines"):
        m = _RANGE.fullmatch(str(item.value).strip()) if item.is_scalar else None
        first, last = (int(m.group(1)), int(m.group(2) or m.group(1))) if m else (0, 0)
        if not m or first < 1 or last < first or (count and last > count):
            what = f"expected a line (1-{count}) or 'FROM-TO', got {item.value!r}"
            b.error(item.location, w, what)
            continue
        lines.update(range(first, last + 1))
    return frozenset(lines)


def chart(b: _Builder, node: Node | None, where: str) -> Chart | None:  # noqa: C901 - one check per key
    if node is None or node.is_null:
        return None
    keys = BLOCK_KEYS["chart"]
    if not b.mapping(node, where, "chart", ("type", "categories", "series"), allowed=keys):
        return None
    kind = b.plain(node.get("type"), f"{where}.type", "a chart type")
    if kind is not None and kind not in CHART_TYPES:
        guess = did_you_mean(kind, CHART_TYPES)
        hint = f", did you mean {guess!r}?" if guess else f" ({', '.join(CHART_TYPES)})"
        b.error(node.value["type"].location, f"{where}.type", f"unknown chart type {kind!r}{hint}")
        kind = None
    categories = []
    for w, item in b.items(node.get("categories"), f"{where}.categories", "categories"):
        categories.append(b.plain(item, w) or "")
    series = []
    items = b.items(node.get("series"), f"{where}.series", "series")
    for w, item in items:
        if not b.mapping(item, w, "series", ("name", "values"), allowed=BLOCK_KEYS["series"]):
            continue
        name = b.plain(item.get("name"), f"{w}.name")
        values = []
        for vw, v in b.items(item.get("values"), f"{w}.values", "numbers"):
            try:
                values.append(as_float(v))
            except NodeValueError as e:
                b.error(v.location, vw, str(e))
        vnode = item.get("values")
        if vnode is not None and vnode.is_list and len(vnode.value) != len(categories):
            b.error(
                vnode.location,
                f"{w}.values",
                f"has {len(vnode.value)} values, the chart has {len(categories)} categories",
            )
            continue
        series.append(Series(name or "", tuple(values)))
    if kind == "pie" and len(items) > 1:
        b.error(node.value["series"].location, f"{where}.series", "a pie chart takes one series")
        return None
    if kind is None or not categories or len(series) != len(items) or not series:
        return None
    unit = b.plain(node.get("unit"), f"{where}.unit")
    return Chart(kind, tuple(categories), tuple(series), unit or None, node.location)


def math(b: _Builder, node: Node | None, where: str) -> Math | None:
    latex = b.plain(node, where, "LaTeX math")
    if latex is None or node is None:
        return None
    latex = latex.strip().removeprefix("$$").removesuffix("$$").strip()
    problem = mathtex.check(latex)
    if problem:
        b.error(node.location, where, problem)
        return None
    return Math(latex, node.location)
