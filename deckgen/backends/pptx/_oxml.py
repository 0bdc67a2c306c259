"""Every raw DrawingML/PresentationML detail of the pptx backend, in one place.

python-pptx keeps its XML layer (`pptx.oxml`) apart from its API layer; this
module is deckgen's XML layer. The writer calls these functions with plain
values (points, '#RRGGBB', text) and never spells an element itself.

Slides and notes slides are produced as serialized XML (bytes) straight from
these functions rather than built through python-pptx's shape API: it is what
keeps a 3,000-slide deck linear and fast (see `fast.py`), and it lets us write
what python-pptx has no API for (`a:ea`/`a:cs` fonts, `descr` alt text at
creation, `a:srcRect` crop, exact `a:lnSpc`, `a:noAutofit`).

Schema order matters (openxml-audit and PowerPoint check it); each builder
writes children in the order of its schema type, named in its docstring.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

__all__ = [
    "EMU_PER_PT",
    "NS",
    "RunStyle",
    "app_xml",
    "emu",
    "escape",
    "line_xml",
    "notes_xml",
    "paragraph_xml",
    "picture_xml",
    "restyle_master",
    "restyle_theme",
    "scale_xfrms",
    "shape_xml",
    "slide_number_xml",
    "slide_xml",
    "textbox_xml",
]

EMU_PER_PT = 12700

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}
_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_XMLNS = f'xmlns:a="{NS["a"]}" xmlns:r="{NS["r"]}" xmlns:p="{NS["p"]}"'

# XML 1.0 cannot carry C0 controls other than tab/newline/CR; outline text is
# user text, so such characters are dropped rather than making a broken file.
# One str.translate pass (C speed) both escapes and drops: this runs for every
# run of every slide.
_ESCAPES: dict[int, str | None] = {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord('"'): "&quot;",
}
_ESCAPES.update({c: None for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)})
_ESCAPES.update({0xFFFE: None, 0xFFFF: None})


def escape(text: str) -> str:
    """Text safe for element content and double-quoted attributes."""
    return text.translate(_ESCAPES)


def emu(points: float) -> int:
    return int(round(points * EMU_PER_PT))


def _hex(color: str) -> str:
    return color.lstrip("#").upper()


def _solid(color: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{_hex(color)}"/></a:solidFill>'


def _xfrm(x: float, y: float, w: float, h: float, flip: str = "") -> str:
    return (
        f'<a:xfrm{flip}><a:off x="{emu(x)}" y="{emu(y)}"/>'
        f'<a:ext cx="{max(emu(w), 0)}" cy="{max(emu(h), 0)}"/></a:xfrm>'
    )


# --- slides -----------------------------------------------------------------


def slide_xml(background: str | None, shapes: Iterable[str], name: str = "") -> bytes:
    """`p:sld` (CT_Slide: cSld, clrMapOvr) with a solid background."""
    bg = ""
    if background:
        bg = f"<p:bg><p:bgPr>{_solid(background)}<a:effectLst/></p:bgPr></p:bg>"
    name_attr = f' name="{escape(name)}"' if name else ""
    return (
        _DECL
        + (
            f"<p:sld {_XMLNS}><p:cSld{name_attr}>{bg}<p:spTree>{_GROUP_HEAD}"
            + "".join(shapes)
            + "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
        ).encode()
    )


_GROUP_HEAD = (
    '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
    '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
    '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
)


def group_xml(
    shape_id: int,
    name: str,
    descr: str,
    box: tuple[float, float, float, float],
    children: Iterable[str],
) -> str:
    """A `p:grpSp` of `children` (placed in slide coordinates: the child frame
    equals the group's frame), described by `descr` for screen readers."""
    x, y, w, h = (emu(v) for v in box)
    frame = (
        f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/>'
        f'<a:chOff x="{x}" y="{y}"/><a:chExt cx="{w}" cy="{h}"/></a:xfrm>'
    )
    return (
        f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{shape_id}" name="{escape(name)}" '
        f'descr="{escape(descr)}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        f"<p:grpSpPr>{frame}</p:grpSpPr>" + "".join(children) + "</p:grpSp>"
    )


# PowerPoint's "Mark as decorative": screen readers skip the shape.
_DECORATIVE = (
    '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" '
    'val="1"/></a:ext></a:extLst>'
)


def notes_xml(paragraphs: Sequence[str], first_id: int = 2) -> bytes:
    """`p:notes` with the slide-image and notes-body placeholders of the notes master."""
    body = "".join(paragraphs) or "<a:p/>"
    i = first_id
    return (
        _DECL
        + (
            f"<p:notes {_XMLNS}><p:cSld><p:spTree>{_GROUP_HEAD}"
            f'<p:sp><p:nvSpPr><p:cNvPr id="{i}" name="Slide Image Placeholder 1"/>'
            '<p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr>'
            '<p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>'
            f'<p:sp><p:nvSpPr><p:cNvPr id="{i + 1}" name="Notes Placeholder 2"/>'
            '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            '<p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/>'
            f"<p:txBody><a:bodyPr/><a:lstStyle/>{body}</p:txBody></p:sp>"
            "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
        ).encode()
    )


# --- text -------------------------------------------------------------------


@dataclass(frozen=True)
class RunStyle:
    """Everything a run's `a:rPr` says; `font` is the name Office should use."""

    font: str | None
    size: float | None  # points
    color: str | None
    bold: bool = False
    italic: bool = False
    lang: str = "en"
    baseline: int = 0  # inline math's scripts: the shift in 1/1000 % of the size


@lru_cache(maxsize=4096)
def _rpr(tag: str, style: RunStyle, link_rid: str | None = None) -> str:
    """`a:rPr`/`a:endParaRPr` (CT_TextCharacterProperties: ln, fill, ..., latin, ea, cs,
    sym, hlinkClick)."""
    attrs = f' lang="{escape(style.lang)}"'
    if style.size:
        attrs += f' sz="{int(round(style.size * 100))}"'
    # Always said, not inherited: a template's (or our master's) title style is
    # bold, and a plain run in a title placeholder (a divider's "Section 1 /
    # 5") would otherwise be set bold, wider than measured.
    attrs += f' b="{int(style.bold)}" i="{int(style.italic)}"'
    if style.baseline:
        attrs += f' baseline="{style.baseline}"'
    # Templates' list styles may set capitals or letter spacing (the stock
    # Section Header is all caps); either would widen text the layout measured.
    attrs += ' cap="none" spc="0" dirty="0"'
    inner = _solid(style.color) if style.color else ""
    if style.font:
        f = escape(style.font)
        # Latin, East Asian and complex scripts alike, so that a run PowerPoint
        # classifies as ea/cs (quotes, some punctuation, Cyrillic in some
        # locales) does not fall back to the theme's Calibri/MS Gothic.
        inner += f'<a:latin typeface="{f}"/><a:ea typeface="{f}"/><a:cs typeface="{f}"/>'
    if link_rid:
        inner += f'<a:hlinkClick r:id="{link_rid}"/>'
    return f"<a:{tag}{attrs}>{inner}</a:{tag}>" if inner else f"<a:{tag}{attrs}/>"


def run_xml(text: str, style: RunStyle, link_rid: str | None = None) -> str:
    return f"<a:r>{_rpr('rPr', style, link_rid)}<a:t>{escape(text)}</a:t></a:r>"


# PowerPoint identifies a field by a GUID; one fixed value keeps builds identical.
_SLIDENUM_FIELD_ID = "{5C0E5D1A-0B6B-4D1E-9C43-6465636B6765}"


def break_xml(style: RunStyle) -> str:
    """`a:br`: a line break inside a paragraph."""
    return f"<a:br>{_rpr('rPr', style)}</a:br>"


def slide_number_xml(text: str, style: RunStyle) -> str:
    """The slide number as PowerPoint's own field (`a:fld type="slidenum"`), which
    shows `text` until PowerPoint renumbers it when slides are moved or deleted."""
    return (
        f'<a:fld id="{_SLIDENUM_FIELD_ID}" type="slidenum">{_rpr("rPr", style)}'
        f"<a:t>{escape(text)}</a:t></a:fld>"
    )


_ALGN = {"left": "l", "center": "ctr", "right": "r", "justify": "just"}


def paragraph_xml(
    runs: Sequence[str],
    end_style: RunStyle,
    *,
    level: int = 0,
    align: str = "left",
    indent: float = 0.0,
    hanging: float = 0.0,
    line_height: float | None = None,
    space_before: float = 0.0,
    bullet: str | None = None,
    bullet_font: str | None = None,
    rtl: bool = False,
) -> str:
    """`a:p` with an explicit `a:pPr` (CT_TextParagraphProperties: lnSpc, spcBef, spcAft,
    buClr, buSzX, buFont, buNone|buChar, ...), so nothing is left to the master's
    list styles: the layout measured with these exact values."""
    attrs = f' marL="{emu(indent)}" indent="{-emu(hanging)}"'
    if level:
        attrs += f' lvl="{level}"'
    attrs += f' algn="{_ALGN.get(align, "l")}"'
    if rtl:
        attrs += ' rtl="1"'
    inner = ""
    if line_height:
        inner += f'<a:lnSpc><a:spcPts val="{int(round(line_height * 100))}"/></a:lnSpc>'
    inner += f'<a:spcBef><a:spcPts val="{int(round(space_before * 100))}"/></a:spcBef>'
    inner += '<a:spcAft><a:spcPts val="0"/></a:spcAft>'
    if bullet:
        if bullet_font:
            inner += f'<a:buFont typeface="{escape(bullet_font)}"/>'
        inner += f'<a:buChar char="{escape(bullet)}"/>'
    else:
        inner += "<a:buNone/>"
    return f"<a:p><a:pPr{attrs}>{inner}</a:pPr>{''.join(runs)}{_rpr('endParaRPr', end_style)}</a:p>"


_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}


def _txbody(
    paragraphs: Sequence[str], inset: Sequence[float], valign: str, shrink: bool = False
) -> str:
    """`p:txBody` whose `a:bodyPr` fixes insets, wrapping and anchoring. The
    layout already made the text fit at 100%; `shrink` (body placeholders)
    turns on shrink-on-overflow (`normAutofit`, no scale: nothing is shrunk
    now) so text a lecturer adds later in PowerPoint shrinks instead of
    overflowing; other boxes keep autofit off."""
    fit = "<a:normAutofit/>" if shrink else "<a:noAutofit/>"
    left, top, right, bottom = (emu(v) for v in inset)
    body = "".join(paragraphs) or "<a:p/>"
    return (
        # vert/numCol/anchorCtr too: a template's placeholder may inherit
        # vertical text or columns, which would break the measured fit
        f'<p:txBody><a:bodyPr vert="horz" wrap="square" lIns="{left}" tIns="{top}" '
        f'rIns="{right}" bIns="{bottom}" numCol="1" rtlCol="0" '
        f'anchor="{_ANCHOR.get(valign, "t")}" anchorCtr="0">{fit}'
        f"</a:bodyPr><a:lstStyle/>{body}</p:txBody>"
    )


def textbox_xml(
    shape_id: int,
    name: str,
    box: tuple[float, float, float, float],
    paragraphs: Sequence[str],
    *,
    inset: Sequence[float] = (0, 0, 0, 0),
    valign: str = "top",
    fill: str | None = None,
    placeholder: dict[str, str] | None = None,
    shrink: bool = False,
) -> str:
    """A `p:sp` holding text: a layout placeholder (`placeholder` = the layout's
    `p:ph` attributes, so the slide inherits from exactly that placeholder) or a
    plain text box."""
    if placeholder is not None:
        ph = "".join(f' {k}="{escape(v)}"' for k, v in placeholder.items())
        nv = f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph{ph}/></p:nvPr>'
        geom = ""
    else:
        nv = '<p:cNvSpPr txBox="1"/><p:nvPr/>'
        geom = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
    fill_xml = _solid(fill) if fill else ("<a:noFill/>" if placeholder is None else "")
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{escape(name)}"/>{nv}</p:nvSpPr>'
        f"<p:spPr>{_xfrm(*box)}{geom}{fill_xml}</p:spPr>"
        f"{_txbody(paragraphs, inset, valign, shrink)}</p:sp>"
    )


# --- shapes and pictures ----------------------------------------------------

_PRESET = {
    "rect": "rect",
    "roundrect": "roundRect",
    "ellipse": "ellipse",
    "triangle": "triangle",  # isosceles, apex at the top middle
    "diamond": "diamond",
}


def _ln(color: str | None, width: float) -> str:
    if not color or width <= 0:
        return "<a:ln><a:noFill/></a:ln>"
    return f'<a:ln w="{emu(width)}">{_solid(color)}</a:ln>'


def shape_xml(
    shape_id: int,
    name: str,
    kind: str,
    box: tuple[float, float, float, float],
    fill: str | None,
    line: str | None,
    line_width: float,
    decorative: bool = False,
) -> str:
    """A native `p:sp` (rect, roundRect, ellipse, triangle, diamond) with explicit
    fill and outline."""
    fill_xml = _solid(fill) if fill else "<a:noFill/>"
    nv = f'<p:cNvPr id="{shape_id}" name="{escape(name)}"'
    nv += f">{_DECORATIVE}</p:cNvPr>" if decorative else "/>"
    return (
        f"<p:sp><p:nvSpPr>{nv}<p:cNvSpPr/>"
        f"<p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(*box)}"
        f'<a:prstGeom prst="{_PRESET[kind]}"><a:avLst/></a:prstGeom>'
        f"{fill_xml}{_ln(line, line_width)}</p:spPr></p:sp>"
    )


def line_xml(
    shape_id: int,
    name: str,
    box: tuple[float, float, float, float],
    color: str | None,
    width: float,
) -> str:
    """A straight connector `p:cxnSp` from (x, y) to (x + w, y + h); a negative
    extent is written as a flip, since `a:ext` cannot be negative."""
    x, y, w, h = box
    flip = ""
    if w < 0:
        x, w, flip = x + w, -w, flip + ' flipH="1"'
    if h < 0:
        y, h, flip = y + h, -h, flip + ' flipV="1"'
    return (
        f'<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{shape_id}" name="{escape(name)}"/>'
        f"<p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr><p:spPr>{_xfrm(x, y, w, h, flip)}"
        f'<a:prstGeom prst="line"><a:avLst/></a:prstGeom>{_ln(color, width or 1.0)}'
        "</p:spPr></p:cxnSp>"
    )


def picture_xml(
    shape_id: int,
    name: str,
    alt: str,
    rid: str,
    box: tuple[float, float, float, float],
    crop: Sequence[float],
    placeholder: dict[str, str] | None = None,
) -> str:
    """A `p:pic` with its alternative text (`descr`, what screen readers read)
    and its crop (`a:srcRect`, in thousandths of a percent per side); in the
    layout's picture placeholder when `placeholder` gives its `p:ph` attributes."""
    left, top, right, bottom = (int(round(c * 100000)) for c in crop)
    src = ""
    if any((left, top, right, bottom)):
        src = f'<a:srcRect l="{left}" t="{top}" r="{right}" b="{bottom}"/>'
    locks, nv = '<a:picLocks noChangeAspect="1"/>', "<p:nvPr/>"
    if placeholder is not None:
        ph = "".join(f' {k}="{escape(v)}"' for k, v in placeholder.items())
        locks, nv = '<a:picLocks noGrp="1" noChangeAspect="1"/>', f"<p:nvPr><p:ph{ph}/></p:nvPr>"
    return (
        f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="{escape(name)}" '
        f'descr="{escape(alt)}"/><p:cNvPicPr>{locks}</p:cNvPicPr>'
        f'{nv}</p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/>{src}'
        f"<a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{_xfrm(*box)}"
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )


# --- package-level parts ----------------------------------------------------


def app_xml(slides: int, notes: int, presentation_format: str) -> bytes:
    """A fresh `docProps/app.xml`: the template's own lists slide titles and counts
    that are no longer true once its slides are gone."""
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    return (
        _DECL
        + (
            f'<Properties xmlns="{ns}" xmlns:vt="{vt}"><TotalTime>0</TotalTime>'
            f"<Application>deckgen</Application>"
            f"<PresentationFormat>{escape(presentation_format)}</PresentationFormat>"
            f"<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>"
            "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
            "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
            "</Properties>"
        ).encode()
    )


def _q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def restyle_theme(
    blob: bytes,
    name: str,
    colors: dict[str, str],
    heading_font: str,
    body_font: str,
) -> bytes:
    """Set the base theme's name, colour scheme (`dk1`, `lt1`, `accent1`… as
    '#RRGGBB') and major/minor fonts for all three scripts, so that text a
    lecturer adds in PowerPoint looks like the rest of the deck."""
    root = etree.fromstring(blob)
    root.set("name", name)
    scheme = root.find(".//a:clrScheme", NS)
    if scheme is not None:
        scheme.set("name", name)
        for slot, color in colors.items():
            el = scheme.find(f"a:{slot}", NS)
            if el is None:
                continue
            for child in list(el):
                el.remove(child)
            etree.SubElement(el, _q("a:srgbClr")).set("val", _hex(color))
    fonts = root.find(".//a:fontScheme", NS)
    if fonts is not None:
        fonts.set("name", name)
        for tag, family in (("a:majorFont", heading_font), ("a:minorFont", body_font)):
            el = fonts.find(tag, NS)
            if el is None:
                continue
            for script in ("a:latin", "a:ea", "a:cs"):
                s = el.find(script, NS)
                if s is not None:
                    s.set("typeface", family)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def restyle_master(master, background: str) -> None:
    """Give the slide master a solid background of the theme's colour (the lxml
    element of `p:sldMaster`, edited in place)."""
    csld = master.find("p:cSld", NS)
    old = csld.find("p:bg", NS)
    if old is not None:
        csld.remove(old)
    bg = etree.fromstring(
        f"<p:bg {_XMLNS}><p:bgPr>{_solid(background)}<a:effectLst/></p:bgPr></p:bg>"
    )
    csld.insert(0, bg)


def scale_xfrms(element, sx: float) -> None:
    """Stretch every shape of a master or layout horizontally by `sx` (python-pptx's
    base template is 4:3; a 16:9 deck keeps its layouts in proportion)."""
    for xfrm in element.iter(_q("a:xfrm")):
        off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
        if off is not None:
            off.set("x", str(int(round(int(off.get("x")) * sx))))
        if ext is not None:
            ext.set("cx", str(int(round(int(ext.get("cx")) * sx))))


def ensure_notes_master_id(presentation, rid: str) -> None:
    """PowerPoint lists the notes master in `p:notesMasterIdLst` (after
    `p:sldMasterIdLst`); python-pptx relates the part but leaves the list out."""
    if presentation.find("p:notesMasterIdLst", NS) is not None:
        return
    lst = etree.fromstring(
        f'<p:notesMasterIdLst {_XMLNS}><p:notesMasterId r:id="{rid}"/></p:notesMasterIdLst>'
    )
    masters = presentation.find("p:sldMasterIdLst", NS)
    index = list(presentation).index(masters) + 1 if masters is not None else 0
    presentation.insert(index, lst)


def remove_slide_references(presentation) -> list[str]:
    """Drop every `p:sldId` (returning their rIds) and what still names those slides:
    custom shows and PowerPoint 2010 sections (`p14:sectionLst` in `p:extLst`)."""
    rids = []
    lst = presentation.find("p:sldIdLst", NS)
    if lst is not None:
        for sld in list(lst):
            rids.append(sld.get(_q("r:id")))
        presentation.remove(lst)
    shows = presentation.find("p:custShowLst", NS)
    if shows is not None:
        presentation.remove(shows)
    ext_lst = presentation.find("p:extLst", NS)
    if ext_lst is not None:
        for ext in list(ext_lst):
            if any(etree.QName(c).localname == "sectionLst" for c in ext):
                ext_lst.remove(ext)
        if len(ext_lst) == 0:
            presentation.remove(ext_lst)
    return rids


def slide_id(parent, sld_id: int, rid: str) -> None:
    el = etree.SubElement(parent, _q("p:sldId"))
    el.set("id", str(sld_id))
    el.set(_q("r:id"), rid)
