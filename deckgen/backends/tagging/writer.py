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

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import (
    NoEncryption,
    PDFCrossReferenceTable,
    PDFDictionary,
    PDFDocument,
    PDFFile,
    PDFIndirectObject,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFStream,
    PDFTrailer,
)
from reportlab.pdfgen.canvas import Canvas

from deckgen.backends.tagging import MCRef, Node, Tagger

__all__ = ["write_structure"]


class _TaggedDocument(PDFDocument):
    """reportlab's document, writing the structure elements (`_elements`:
    object number -> PDF text) straight into the file: one element is one
    formatted string, not an object taken through reportlab's formatting."""

    _elements: dict[int, bytes]

    def format(self) -> bytes:
        plain = isinstance(self.encrypt, NoEncryption) and not getattr(self, "_digiSigs", None)
        if not plain or (not rl_config.invariant and rl_config.pdfComments):
            return self._format_slowly()
        return _format(self, self._elements)

    def _format_slowly(self) -> bytes:
        for number, text in self._elements.items():
            self.idToObject[self.numberToId[number]] = _Raw(text)
        return super().format()


class _Raw(PDFObject):
    """An object whose PDF text is known."""

    def __init__(self, text: bytes) -> None:
        self.text = text

    def format(self, document) -> bytes:
        return self.text


def _format(doc: PDFDocument, elements: dict[int, bytes]) -> bytes:
    """`PDFDocument.format` (reportlab 4) for an unencrypted document, with
    `elements` written as they are."""
    cat, info = doc.Catalog, doc.info
    doc.Reference(cat)
    doc.Reference(info)
    counter = 0
    ids = []
    numbertoid = doc.numberToId
    id_to_obj = doc.idToObject
    offsets = doc.idToOffset
    doc.__accum__ = file = PDFFile(doc._pdfVersion)
    while True:
        counter += 1
        oid = numbertoid.get(counter)
        if oid is None:
            break
        text = elements.get(counter)
        if text is None:
            text = PDFIndirectObject(oid, id_to_obj[oid]).format(doc)
        else:
            text = b"%d 0 obj\n%s\nendobj\n" % (counter, text)
        offsets[oid] = file.add(text)
        ids.append(oid)
    del doc.__accum__
    if counter - 1 != len(numbertoid):
        raise ValueError(f"object {counter} missing of {len(numbertoid)}")
    xref = PDFCrossReferenceTable()
    xref.addsection(0, ids)
    start = file.add(xref.format(doc))
    trailer = PDFTrailer(
        startxref=start,
        Size=len(numbertoid) + 1,
        Root=doc.Reference(cat),
        Info=doc.Reference(info),
        Encrypt=None,
        ID=doc.ID(),
    )
    file.add(trailer.format(doc))
    return file.format(doc)


def write_structure(canvas: Canvas, tagger: Tagger) -> None:
    """Add the tagger's tree to the canvas' document (call before saving)."""
    doc = canvas._doc
    numbers = doc.idToObjectNumberAndVersion
    pages = [numbers[f"Page{i + 1}"][0] for i in range(len(doc.Pages.pages))]
    nodes = tagger.root.nodes()
    first = _register(doc, len(nodes) + 1)
    root_num = first + len(nodes)
    for number, node in enumerate(nodes, first):
        node.number = number
    parents: dict[int, dict[int, int]] = {}  # page -> MCID -> element number
    page_refs = [f"{p} 0 R" for p in pages]
    elements = {
        node.number: _element(node, root_num, page_refs, parents).encode("latin-1")
        for node in nodes
    }
    keys = _parent_tree_keys(tagger, pages)
    entries = [f"{key} {elem.number} 0 R" for key, elem in tagger.annot_parents]
    for i, page in enumerate(doc.Pages.pages):
        page.__NoDefault__ = [*page.__NoDefault__, "Tabs", "StructParents"]
        page.Tabs = PDFName("S")
        page.StructParents = keys[i]
        marks = parents.get(i)
        if marks:
            row = " ".join(
                f"{marks[m]} 0 R" if m in marks else "null" for m in range(max(marks) + 1)
            )
            entries.append(f"{keys[i]} [{row}]")
    next_key = tagger.annot_count + len(pages)
    elements[root_num] = (
        f"<< /Type /StructTreeRoot /K {first} 0 R "
        f"/ParentTree << /Nums [{' '.join(entries)}] >> /ParentTreeNextKey {next_key} >>"
    ).encode("latin-1")
    doc.__class__ = _TaggedDocument
    doc._elements = elements
    cat = doc.Catalog
    cat.StructTreeRoot = PDFObjectReference(root_num)
    cat.MarkInfo = PDFDictionary({"Marked": "true"})
    cat.ViewerPreferences = PDFDictionary({"DisplayDocTitle": "true"})
    cat.Metadata = doc.Reference(_xmp(doc, tagger.language))


def _register(doc: PDFDocument, count: int) -> int:
    """Reserve `count` object numbers for the structure (what reportlab's
    `Reference` does for one object, done in bulk); the first one's number.
    Their ids in reportlab's tables are the numbers themselves (reportlab's
    own ids are strings, so they never collide)."""
    first = doc.objectcounter + 1
    doc.objectcounter += count
    numbers = range(first, first + count)
    doc.numberToId.update(zip(numbers, numbers, strict=True))
    doc.idToObjectNumberAndVersion.update((n, (n, 0)) for n in numbers)
    return first


def _parent_tree_keys(tagger: Tagger, pages: list[int]) -> list[int]:
    # annotations took keys 0..n-1 as they were made; the pages come after
    return [tagger.annot_count + i for i in range(len(pages))]


def _element(
    node: Node,
    root: int,
    pages: list[str],
    parents: dict[int, dict[int, int]],
) -> str:
    """The element's PDF text (`root`: the StructTreeRoot's number, the
    Document's parent); notes its MCIDs in `parents` (page -> MCID -> number)."""
    me = node.number
    parent = node.parent.number if node.parent is not None else root
    home = None
    kids = []
    for kid in node.kids:
        if isinstance(kid, MCRef):
            page, mcid = kid
            marks = parents.get(page)
            if marks is None:
                marks = parents[page] = {}
            marks[mcid] = me
            if home is None:
                home = page
            if page == home:
                kids.append(str(mcid))
            else:
                kids.append(f"<< /Type /MCR /Pg {pages[page]} /MCID {mcid} >>")
        elif isinstance(kid, Node):
            kids.append(f"{kid.number} 0 R")
        else:  # a link annotation
            kids.append(f"<< /Type /OBJR /Obj {kid.number} 0 R /Pg {pages[kid.page]} >>")
    out = f"<< /Type /StructElem /S /{node.role} /P {parent} 0 R /K [{' '.join(kids)}]"
    if home is not None:
        out += f" /Pg {pages[home]}"
    if node.alt is not None or node.lang or node.title or node.scope or node.bbox:
        out += _attributes(node)
    return out + " >>"


def _text(text: str) -> str:
    """A PDF text string: PDFDocEncoding's ASCII part as it is, else UTF-16BE."""
    if text.isascii():
        return (
            "("
            + text.replace("\\", "\\\\")
            .replace("(", "\\(")
            .replace(")", "\\)")
            .replace("\r", "\\r")
            + ")"
        )
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _attributes(node: Node) -> str:
    out = ""
    if node.alt is not None:
        out += f" /Alt {_text(node.alt)}"
    if node.lang:
        out += f" /Lang {_text(node.lang)}"
    if node.title:
        out += f" /T {_text(node.title)}"
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
