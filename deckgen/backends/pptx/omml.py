"""MathML (from latex2mathml) to Office Math (OMML), as Pandoc's texmath does.

Covers the common subset the outline format names: identifiers, numbers,
operators, fractions, roots, sub- and superscripts, sums and integrals
(n-ary operators take the element after them as their body), accents,
under/over scripts and matrices. Anything else keeps its text as plain runs,
so nothing is lost; the shape's alternative text is the LaTeX source.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from deckgen.backends.pptx._oxml import escape

__all__ = ["M_NS", "omml"]

M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_NARY = set("∑∏∐∫∬∭∮⋃⋂⋁⋀")
_ACCENTS = set("^ˆ¯‾~˜˙¨→⃗")


def omml(root: ET.Element, rpr: str) -> str:
    """The `m:oMath` content of a MathML tree; `rpr` is the `a:rPr` every run carries."""
    return _Writer(rpr).seq(list(root))


class _Writer:
    def __init__(self, rpr: str) -> None:
        self.rpr = rpr

    def run(self, text: str, plain: bool = False) -> str:
        sty = '<m:rPr><m:sty m:val="p"/></m:rPr>' if plain else ""
        return f"<m:r>{sty}{self.rpr}<m:t>{escape(text)}</m:t></m:r>"

    def seq(self, kids: list[ET.Element]) -> str:
        out = []
        i = 0
        while i < len(kids):
            el = kids[i]
            op = _nary_op(el)
            if op is not None:  # ∑_a^b body: the body is what follows
                body = self.one(kids[i + 1]) if i + 1 < len(kids) else ""
                out.append(self.nary(el, op, body))
                i += 2
                continue
            out.append(self.one(el))
            i += 1
        return "".join(out)

    def e(self, el: ET.Element | None, tag: str = "e") -> str:
        return f"<m:{tag}>{self.one(el) if el is not None else ''}</m:{tag}>"

    def nary(self, el: ET.Element, op: str, body: str) -> str:
        kids = list(el)
        sub = self.one(kids[1]) if el.tag in ("msub", "msubsup", "munder", "munderover") else ""
        sup_i = 2 if el.tag in ("msubsup", "munderover") else 1
        sup = self.one(kids[sup_i]) if el.tag in ("msup", "mover", "msubsup", "munderover") else ""
        hide = ("" if sub else '<m:subHide m:val="1"/>') + ("" if sup else '<m:supHide m:val="1"/>')
        loc = "subSup" if el.tag.startswith("ms") and op in "∫∬∭∮" else "undOvr"
        return (
            f'<m:nary><m:naryPr><m:chr m:val="{escape(op)}"/><m:limLoc m:val="{loc}"/>{hide}'
            f"</m:naryPr><m:sub>{sub}</m:sub><m:sup>{sup}</m:sup><m:e>{body}</m:e></m:nary>"
        )

    def one(self, el: ET.Element) -> str:  # noqa: C901 - one case per MathML element
        tag, kids = el.tag, list(el)
        if tag in ("mi", "mn", "mo", "mtext", "ms"):
            text = el.text or ""
            plain = tag == "mtext" or (tag == "mi" and len(text) > 1) or tag == "mn"
            if el.get("mathvariant") == "normal":
                plain = True
            return self.run(text, plain) if text else ""
        if tag == "mspace":
            return self.run("\u2005", True)
        if tag == "mfrac" and len(kids) == 2:
            return f"<m:f>{self.e(kids[0], 'num')}{self.e(kids[1], 'den')}</m:f>"
        if tag == "msqrt":
            inner = self.seq(kids)
            hide = '<m:radPr><m:degHide m:val="1"/></m:radPr><m:deg/>'
            return f"<m:rad>{hide}<m:e>{inner}</m:e></m:rad>"
        if tag == "mroot" and len(kids) == 2:
            return f"<m:rad>{self.e(kids[1], 'deg')}{self.e(kids[0])}</m:rad>"
        if tag == "msup" and len(kids) == 2:
            return f"<m:sSup>{self.e(kids[0])}{self.e(kids[1], 'sup')}</m:sSup>"
        if tag == "msub" and len(kids) == 2:
            return f"<m:sSub>{self.e(kids[0])}{self.e(kids[1], 'sub')}</m:sSub>"
        if tag == "msubsup" and len(kids) == 3:
            return (
                f"<m:sSubSup>{self.e(kids[0])}{self.e(kids[1], 'sub')}"
                f"{self.e(kids[2], 'sup')}</m:sSubSup>"
            )
        if tag == "mover" and len(kids) == 2:
            accent = (kids[1].text or "").strip()
            if kids[1].tag == "mo" and accent in _ACCENTS:
                return (
                    f'<m:acc><m:accPr><m:chr m:val="{escape(accent)}"/></m:accPr>'
                    f"{self.e(kids[0])}</m:acc>"
                )
            return f"<m:limUpp>{self.e(kids[0])}{self.e(kids[1], 'lim')}</m:limUpp>"
        if tag == "munder" and len(kids) == 2:
            return f"<m:limLow>{self.e(kids[0])}{self.e(kids[1], 'lim')}</m:limLow>"
        if tag == "munderover" and len(kids) == 3:
            low = f"<m:limLow>{self.e(kids[0])}{self.e(kids[1], 'lim')}</m:limLow>"
            return f"<m:limUpp><m:e>{low}</m:e>{self.e(kids[2], 'lim')}</m:limUpp>"
        if tag == "mtable":
            rows = "".join(
                "<m:mr>" + "".join(f"<m:e>{self.seq(list(td))}</m:e>" for td in tr) + "</m:mr>"
                for tr in kids
                if tr.tag == "mtr"
            )
            return f"<m:m>{rows}</m:m>"
        return self.seq(kids)  # mrow, mstyle, mpadded, semantics, ...


def _nary_op(el: ET.Element) -> str | None:
    """The operator of a ∑/∫-like element with limits (or a bare one)."""
    if el.tag == "mo" and (el.text or "").strip() in _NARY:
        return (el.text or "").strip()
    if el.tag in ("msub", "msup", "msubsup", "munder", "mover", "munderover"):
        base = el[0] if len(el) else None
        if base is not None and base.tag == "mo" and (base.text or "").strip() in _NARY:
            return (base.text or "").strip()
    return None
