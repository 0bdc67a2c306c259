"""Write a `Tagger`'s structure into the PDF reportlab made, with pikepdf.

Why pikepdf (qpdf) and not reportlab's own PDF objects: the tree needs the
page objects, the link annotations (each with /StructParent and /Contents,
which reportlab's annotation classes do not allow) and a metadata stream,
and must point back and forth between them; qpdf gives all of that as plain
objects, keeps every stream as reportlab compressed it (no decoding, no
recompression) and writes a deterministic file ID from the content, so
rebuilds stay byte-identical.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from deckgen.backends.tagging import AnnotRef, MCRef, Node, Tagger

__all__ = ["finish"]


def finish(data: bytes, tagger: Tagger) -> bytes:
    """`data` (a PDF drawn on the tagger's canvas) with its structure tree."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        _Writer(pdf, tagger).write()
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            compress_streams=False,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
        )
        return out.getvalue()


class _Writer:
    def __init__(self, pdf: pikepdf.Pdf, tagger: Tagger) -> None:
        self.pdf = pdf
        self.tagger = tagger
        self.pages = [p.obj for p in pdf.pages]
        # page -> MCID -> element; annotations get keys after the pages'
        self.parents: dict[int, dict[int, pikepdf.Object]] = {i: {} for i in range(len(self.pages))}
        self.annot_keys: list[tuple[int, pikepdf.Object]] = []
        self.links: dict[int, list[pikepdf.Object]] = {}

    def write(self) -> None:
        pdf = self.pdf
        for i, page in enumerate(self.pages):
            page.Tabs = Name.S
            page.StructParents = i
            self.links[i] = [
                a for a in page.get("/Annots", Array()) if a.get("/Subtype") == Name.Link
            ]
        root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        doc = self._element(self.tagger.root, root)
        root.K = Array([doc])
        nums = Array()
        for i in range(len(self.pages)):
            marks = self.parents[i]
            if marks:
                # indexed by MCID (a gap, where platypus took a mark back, is null)
                row = [marks.get(k, pikepdf.Object.parse(b"null")) for k in range(max(marks) + 1)]
                nums.append(i)
                nums.append(pdf.make_indirect(Array(row)))
        for key, elem in self.annot_keys:
            nums.append(key)
            nums.append(elem)
        root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
        root.ParentTreeNextKey = len(self.pages) + len(self.annot_keys)
        cat = pdf.Root
        cat.StructTreeRoot = root
        cat.MarkInfo = Dictionary(Marked=True)
        cat.Lang = String(self.tagger.language)
        cat.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        cat.Metadata = self._xmp()

    def _element(self, node: Node, parent: pikepdf.Object) -> pikepdf.Object:
        elem = self.pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name("/" + node.role), P=parent)
        )
        _attributes(elem, node)
        kids = Array()
        page_of = None
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(self._element(kid, elem))
            elif isinstance(kid, MCRef):
                self.parents[kid.page][kid.mcid] = elem
                kids.append(Dictionary(Type=Name.MCR, Pg=self.pages[kid.page], MCID=kid.mcid))
                page_of = page_of if page_of is not None else kid.page
            elif isinstance(kid, AnnotRef):
                kids.append(self._annotation(kid, elem))
        if page_of is not None:
            elem.Pg = self.pages[page_of]
        elem.K = kids
        return elem

    def _annotation(self, ref: AnnotRef, elem: pikepdf.Object) -> pikepdf.Object:
        annots = self.links.get(ref.page, [])
        if ref.index >= len(annots):
            return Dictionary()  # not drawn after all (a clipped link): nothing to point at
        annot = annots[ref.index]
        key = len(self.pages) + len(self.annot_keys)
        annot.StructParent = key
        annot.Contents = String(ref.contents)
        self.annot_keys.append((key, elem))
        return Dictionary(Type=Name.OBJR, Obj=annot, Pg=self.pages[ref.page])

    def _xmp(self) -> pikepdf.Object:
        info = self.pdf.docinfo
        title = escape(str(info.get("/Title", "")))
        author = escape(str(info.get("/Author", "")))
        subject = escape(str(info.get("/Subject", "")))
        keywords = escape(str(info.get("/Keywords", "")))
        lang = escape(self.tagger.language)
        xml = (
            '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
            ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            '  <rdf:Description rdf:about=""\n'
            '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
            '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
            '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
            '    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
            f"   <dc:title>{_alt(title)}</dc:title>\n"
            f"   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n"
            f"   <dc:description>{_alt(subject)}</dc:description>\n"
            f"   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n"
            f"   <pdf:Keywords>{keywords}</pdf:Keywords>\n"
            "   <xmp:CreatorTool>deckgen</xmp:CreatorTool>\n"
            "   <pdfuaid:part>1</pdfuaid:part>\n"
            "  </rdf:Description>\n"
            " </rdf:RDF>\n"
            "</x:xmpmeta>\n"
            '<?xpacket end="w"?>'
        )
        stream = pikepdf.Stream(self.pdf, xml.encode("utf-8"))
        stream.Type = Name.Metadata
        stream.Subtype = Name.XML
        return self.pdf.make_indirect(stream)


def _attributes(elem: pikepdf.Object, node: Node) -> None:
    if node.alt is not None:
        elem.Alt = String(node.alt)
    if node.lang:
        elem.Lang = String(node.lang)
    if node.title:
        elem.T = String(node.title)
    if node.scope:
        elem.A = Dictionary(O=Name.Table, Scope=Name("/" + node.scope))
    if node.bbox is not None:
        elem.A = Dictionary(O=Name.Layout, BBox=Array(list(node.bbox)))


def _alt(text: str) -> str:
    return f'<rdf:Alt><rdf:li xml:lang="x-default">{text}</rdf:li></rdf:Alt>'
