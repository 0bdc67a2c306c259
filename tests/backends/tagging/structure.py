"""Reading a tagged PDF back with pikepdf: its structure tree and its marked content."""

from __future__ import annotations

from dataclasses import dataclass, field

import pikepdf

TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = {"Do", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh"} | TEXT_OPS


@dataclass
class Elem:
    role: str
    attrs: dict[str, str]
    kids: list[Elem] = field(default_factory=list)
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)
    links: int = 0  # annotations (OBJR) under it

    def walk(self):
        yield self
        for k in self.kids:
            yield from k.walk()

    def text_roles(self):
        return [e.role for e in self.walk()]


def tree(pdf: pikepdf.Pdf) -> Elem:
    """The structure tree from the StructTreeRoot's single Document element."""
    pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
    root = pdf.Root.StructTreeRoot
    kids = list(root.K) if isinstance(root.K, pikepdf.Array) else [root.K]
    (doc,) = kids
    return _elem(doc, pages)


def _attrs(obj) -> dict[str, str]:
    attrs = {}
    for key in ("/Alt", "/Lang", "/T"):
        if key in obj:
            attrs[key[1:]] = str(obj[key])
    a = obj.get("/A", {})
    if "/Scope" in a:
        attrs["Scope"] = str(a.Scope)[1:]
    if "/BBox" in a:
        attrs["BBox"] = " ".join(f"{float(v):.0f}" for v in a.BBox)
    return attrs


def _elem(obj, pages) -> Elem:
    e = Elem(str(obj.S)[1:], _attrs(obj))
    kids = obj.K if isinstance(obj.K, pikepdf.Array) else [obj.K]
    for k in kids:
        if isinstance(k, int):
            e.mcids.append((pages[obj.Pg.objgen], int(k)))
        elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
            e.mcids.append((pages[k.Pg.objgen], int(k.MCID)))
        elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR":
            e.links += 1
        elif isinstance(k, pikepdf.Dictionary) and "/S" in k:
            e.kids.append(_elem(k, pages))
    return e


def dump(e: Elem, depth: int = 0, page: int | None = None) -> list[str]:
    """An indented listing (only elements with content on `page`, if given)."""

    def on_page(x: Elem) -> bool:
        return page is None or any(p == page for w in x.walk() for p, _ in w.mcids)

    if not on_page(e):
        return []
    bits = [e.role] + [f"{k}={v!r}" for k, v in e.attrs.items()]
    mc = [m for p, m in e.mcids if page is None or p == page]
    if mc:
        bits.append(f"mcid={mc}")
    if e.links:
        bits.append(f"annots={e.links}")
    out = ["  " * depth + " ".join(bits)]
    for k in e.kids:
        out.extend(dump(k, depth + 1, page))
    return out


def unmarked_paint(page: pikepdf.Page) -> list[str]:
    """Painting or text operators outside any marked content on a page."""
    depth = 0
    bad = []
    for _operands, op in pikepdf.parse_content_stream(page):
        name = str(op)
        if name in ("BDC", "BMC"):
            depth += 1
        elif name == "EMC":
            depth -= 1
        elif name in PAINT_OPS and depth <= 0:
            bad.append(name)
    return bad


def mcids_on(page: pikepdf.Page) -> list[int]:
    out = []
    for operands, op in pikepdf.parse_content_stream(page):
        if (
            str(op) == "BDC"
            and isinstance(operands[1], pikepdf.Dictionary)
            and "/MCID" in operands[1]
        ):
            out.append(int(operands[1].MCID))
    return out
