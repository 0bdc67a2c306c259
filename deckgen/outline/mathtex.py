"""LaTeX math: checked with latex2mathml, and written as Unicode for inline use.

latex2mathml (pure Python, kept up to date) parses the common subset of
LaTeX math into MathML, from which the pptx backend writes Office Math and
the PDFs draw vectors. It turns an unknown command into an identifier
instead of failing, so `check` also refuses those and unbalanced braces.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache

from latex2mathml.converter import convert

__all__ = ["SCRIPT_SIZE", "check", "mathml", "pieces", "to_unicode"]

SCRIPT_SIZE = 0.7  # a sub- or superscript's size, as a fraction of the text's
_SUP_RISE, _SUB_RISE = 0.35, -0.18  # baseline shifts, fractions of the text's size

_NS = "{http://www.w3.org/1998/Math/MathML}"
_SUP = dict(zip("0123456789+-=()niaeox", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵃᵉᵒˣ", strict=True))
_SUB = dict(zip("0123456789+-=()aeoxijnmrshklpt", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓᵢⱼₙₘᵣₛₕₖₗₚₜ", strict=True))
_COMMAND = re.compile(r"\\[A-Za-z]+")


def _balanced(latex: str) -> str | None:
    depth = 0
    i = 0
    while i < len(latex):
        c = latex[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth < 0:
                return "a '}' closes nothing"
        i += 1
    return "a '{' is never closed" if depth else None


@lru_cache(maxsize=512)
def mathml(latex: str) -> ET.Element:
    """The MathML tree of `latex` (namespace stripped). Raises ValueError."""
    problem = _balanced(latex)
    if problem:
        raise ValueError(problem)
    try:
        xml = convert(latex)
    except Exception as e:  # latex2mathml raises its own and plain errors
        raise ValueError(str(e) or type(e).__name__) from None
    root = ET.fromstring(xml)
    for el in root.iter():
        el.tag = el.tag.removeprefix(_NS)
        if el.tag == "mi" and el.text and _COMMAND.fullmatch(el.text):
            raise ValueError(f"unknown command {el.text}")
        if el.tag == "merror":
            raise ValueError("".join(el.itertext()) or "cannot be parsed")
    return root


def check(latex: str) -> str | None:
    """None when `latex` parses, else what is wrong ("math ...: ...")."""
    if not latex.strip():
        return "empty math"
    try:
        mathml(latex)
    except ValueError as e:
        return f"math {latex!r} cannot be parsed: {e}"
    return None


def _script(el: ET.Element, table: dict[str, str], mark: str) -> str:
    text = _flat(el)
    if all(c in table for c in text):
        return "".join(table[c] for c in text)
    return f"{mark}({text})" if len(text) > 1 else f"{mark}{text}"


def _flat(el: ET.Element) -> str:  # noqa: C901 - one case per MathML element
    tag = el.tag
    kids = list(el)
    if tag == "mi" and el.text and len(el.text) > 1 and el.text.isalpha():
        return f" {el.text} "  # a function name: ln, sin
    if tag in ("mi", "mn", "mo", "mtext"):
        return el.text or ""
    if tag == "msup" and len(kids) == 2:
        return _flat(kids[0]) + _script(kids[1], _SUP, "^")
    if tag == "msub" and len(kids) == 2:
        return _flat(kids[0]) + _script(kids[1], _SUB, "_")
    if tag == "msubsup" and len(kids) == 3:
        return _flat(kids[0]) + _script(kids[1], _SUB, "_") + _script(kids[2], _SUP, "^")
    if tag == "mfrac" and len(kids) == 2:
        a, b = _flat(kids[0]), _flat(kids[1])
        a = a if len(a) == 1 else f"({a})"
        b = b if len(b) == 1 else f"({b})"
        return f"{a}/{b}"
    if tag == "msqrt":
        inner = "".join(_flat(k) for k in kids)
        return "√" + (inner if len(inner) == 1 else f"({inner})")
    if tag == "mspace":
        return " "
    return "".join(_flat(k) for k in kids)


@lru_cache(maxsize=512)
def to_unicode(latex: str) -> str:
    """Short inline math as Unicode text: `E = mc^2` -> 'E=mc²'; operators spaced."""
    out = _flat(mathml(latex))
    out = re.sub(r"\s*([=<>≤≥≈≠±×÷→+−])\s*", r" \1 ", out.replace("-", "−"))
    return re.sub(r"^ ([+−]) ", r"\1", re.sub(r" {2,}", " ", out)).strip()


def _parts(el: ET.Element, rise: float) -> list[tuple[str, float]]:  # noqa: C901 - one case per element
    tag = el.tag
    kids = list(el)
    if tag == "mi" and el.text and len(el.text) > 1 and el.text.isalpha():
        return [(f" {el.text} ", rise)]
    if tag in ("mi", "mn", "mo", "mtext"):
        return [(el.text or "", rise)]
    if tag == "msup" and len(kids) == 2:
        return _parts(kids[0], rise) + _parts(kids[1], rise + _SUP_RISE)
    if tag == "msub" and len(kids) == 2:
        return _parts(kids[0], rise) + _parts(kids[1], rise + _SUB_RISE)
    if tag == "msubsup" and len(kids) == 3:
        return (
            _parts(kids[0], rise)
            + _parts(kids[1], rise + _SUB_RISE)
            + _parts(kids[2], rise + _SUP_RISE)
        )
    if tag == "mfrac" and len(kids) == 2:
        out: list[tuple[str, float]] = []
        for k, kid in enumerate(kids):
            inner = _parts(kid, rise)
            wrap = len("".join(t for t, _ in inner)) > 1
            out += ([("(", rise)] if wrap else []) + inner + ([(")", rise)] if wrap else [])
            if k == 0:
                out.append(("/", rise))
        return out
    if tag == "msqrt":
        inner = [p for k in kids for p in _parts(k, rise)]
        wrap = len("".join(t for t, _ in inner)) > 1
        return [("√" + ("(" if wrap else ""), rise), *inner] + ([(")", rise)] if wrap else [])
    if tag == "mspace":
        return [(" ", rise)]
    return [p for k in kids for p in _parts(k, rise)]


@lru_cache(maxsize=512)
def pieces(latex: str) -> tuple[tuple[str, float], ...]:
    """Inline math as text pieces with their baseline shift (a fraction of the
    text's size: superscripts up, subscripts down, drawn at SCRIPT_SIZE);
    operators on the baseline are spaced: `E = mc^2` -> ('E = mc', 0), ('2', 0.35)."""
    out: list[tuple[str, float]] = []
    for text, rise in _parts(mathml(latex), 0.0):
        if rise == 0:
            text = re.sub(r"\s*([=<>≤≥≈≠±×÷→+−])\s*", r" \1 ", text.replace("-", "−"))
        if out and out[-1][1] == rise:
            out[-1] = (out[-1][0] + text, rise)
        elif text:
            out.append((text, rise))
    cleaned = []
    for i, (text, rise) in enumerate(out):
        text = re.sub(r" {2,}", " ", text)
        if i == 0:
            text = re.sub(r"^ ([+−]) ", r"\1", text).lstrip()
        if i == len(out) - 1:
            text = text.rstrip()
        if text:
            cleaned.append((text, rise))
    return tuple(cleaned)
