"""Write a `Tagger`'s structure into the PDF reportlab is about to save.

Why reportlab's own PDF objects and not a second pass with pikepdf (qpdf):
re-reading and re-writing the finished file cost more than the 20 % of a
small PDF's render time that tagging may take (`make bench`). Here the tree
is added to the same document before reportlab writes it: every structure
element is registered first (reportlab numbers objects as they register), so
each is then written once as plain PDF text with its kids', parent's, pages'
and annotations' object numbers. Pages get /StructParents and /Tabs /S, the
catalog /StructTreeRoot, /MarkInfo, /ViewerPreferences/DisplayDocTitle and
XMP metadata declaring PDF/UA-1. Link annotations got /StructParent and
/Contents when they were made (`TaggedCanvas.linkURL`).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import (
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFStream,
    PDFString,
)
from reportlab.pdfgen.canvas import Canvas

from deckgen.backends.tagging import MCRef, Node, Tagger

__all__ = ["write_structure"]


class _Raw(PDFObject):
    """An object whose PDF text is known (filled in once numbers are)."""

    def __init__(self) -> None:
        self.text = b"null"

    def format(self, document) -> bytes:
        return self.text


def _ref(number: int) -> str:
    return f"{number} 0 R"


def write_structure(canvas: Canvas, tagger: Tagger) -> None:
    """Add the tagger's tree to the canvas' document (call before saving)."""
    doc = canvas._doc
    numbers = doc.idToObjectNumberAndVersion
    pages = [numbers[f"Page{i + 1}"][0] for i in range(len(doc.Pages.pages))]
    nodes = tagger.root.nodes()
    objs = _register(doc, len(nodes) + 1)
    root, root_num = objs.pop()
    nums = [n for _, n in objs]
    number_of = {id(n): k for n, k in zip(nodes, nums, strict=True)}
    parents: dict[int, dict[int, int]] = {}  # page -> MCID -> element number
    page_refs = [_ref(p) for p in pages]
    for node, (obj, _) in zip(nodes, objs, strict=True):
        parent = number_of[id(node.parent)] if node.parent is not None else root_num
        obj.text = _element(node, parent, number_of, page_refs, parents, doc).encode("latin-1")
    keys = _parent_tree_keys(tagger, pages)
    entries = [f"{key} {_ref(number_of[id(elem)])}" for key, elem in tagger.annot_parents]
    for i, page in enumerate(doc.Pages.pages):
        page.__NoDefault__ = [*page.__NoDefault__, "Tabs", "StructParents"]
        page.Tabs = PDFName("S")
        page.StructParents = keys[i]
        marks = parents.get(i)
        if marks:
            row = " ".join(_ref(marks[m]) if m in marks else "null" for m in range(max(marks) + 1))
            entries.append(f"{keys[i]} [{row}]")
    next_key = tagger.annot_count + len(pages)
    root.text = (
        f"<< /Type /StructTreeRoot /K {_ref(nums[0])} "
        f"/ParentTree << /Nums [{' '.join(entries)}] >> /ParentTreeNextKey {next_key} >>"
    ).encode("latin-1")
    cat = doc.Catalog
    cat.StructTreeRoot = PDFObjectReference(root.__InternalName__)
    cat.MarkInfo = PDFDictionary({"Marked": "true"})
    cat.ViewerPreferences = PDFDictionary({"DisplayDocTitle": "true"})
    cat.Metadata = doc.Reference(_xmp(doc, tagger.language))


def _register(doc, count: int) -> list[tuple[_Raw, int]]:
    """`count` new objects with their object numbers: what reportlab's
    `Reference` does for one, done in bulk (it costs a tenth)."""
    first = doc.objectcounter + 1
    doc.objectcounter += count
    out = []
    for number in range(first, first + count):
        obj = _Raw()
        name = f"deckgenSE{number}"
        obj.__InternalName__ = name
        doc.idToObjectNumberAndVersion[name] = (number, 0)
        doc.numberToId[number] = name
        doc.idToObject[name] = obj
        out.append((obj, number))
    return out


def _parent_tree_keys(tagger: Tagger, pages: list[int]) -> list[int]:
    # annotations took keys 0..n-1 as they were made; the pages come after
    return [tagger.annot_count + i for i in range(len(pages))]


def _element(
    node: Node,
    parent: int,
    number_of: dict[int, int],
    pages: list[str],
    parents: dict[int, dict[int, int]],
    doc,
) -> str:
    """The element's PDF text; notes its MCIDs in `parents` (page -> MCID -> number)."""
    me = number_of[id(node)]
    home = None
    kids = []
    for kid in node.kids:
        if isinstance(kid, Node):
            kids.append(f"{number_of[id(kid)]} 0 R")
        elif isinstance(kid, MCRef):
            page, mcid = kid
            parents.setdefault(page, {})[mcid] = me
            if home is None:
                home = page
            if page == home:
                kids.append(str(mcid))
            else:
                kids.append(f"<< /Type /MCR /Pg {pages[page]} /MCID {mcid} >>")
        else:  # a link annotation
            kids.append(f"<< /Type /OBJR /Obj {kid.number} 0 R /Pg {pages[kid.page]} >>")
    out = f"<< /Type /StructElem /S /{node.role} /P {parent} 0 R /K [{' '.join(kids)}]"
    if home is not None:
        out += f" /Pg {pages[home]}"
    if node.alt is not None or node.lang or node.title or node.scope or node.bbox:
        out += _attributes(node, doc)
    return out + " >>"


def _text(text: str, doc) -> str:
    return PDFString(text).format(doc).decode("latin-1")


def _attributes(node: Node, doc) -> str:
    out = ""
    if node.alt is not None:
        out += f" /Alt {_text(node.alt, doc)}"
    if node.lang:
        out += f" /Lang {_text(node.lang, doc)}"
    if node.title:
        out += f" /T {_text(node.title, doc)}"
    if node.scope:
        out += f" /A << /O /Table /Scope /{node.scope} >>"
    if node.bbox is not None:
        box = " ".join(f"{v:g}" for v in node.bbox)
        out += f" /A << /O /Layout /BBox [{box}] >>"
    return out


def _xmp(doc, language: str) -> PDFStream:
    info = doc.info

    author = escape(info.author or "")

    def alt(text: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'

    xml = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
        f"   <dc:title>{alt(info.title or '')}</dc:title>\n"
        f"   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n"
        f"   <dc:description>{alt(info.subject or '')}</dc:description>\n"
        f"   <dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag></dc:language>\n"
        f"   <pdf:Keywords>{escape(info.keywords or '')}</pdf:Keywords>\n"
        "   <xmp:CreatorTool>deckgen</xmp:CreatorTool>\n"
        "   <pdfuaid:part>1</pdfuaid:part>\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    stream = PDFStream(content=xml.encode("utf-8"), filters=[])
    stream.dictionary["Type"] = PDFName("Metadata")
    stream.dictionary["Subtype"] = PDFName("XML")
    return stream
