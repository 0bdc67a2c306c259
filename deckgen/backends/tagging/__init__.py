"""Tagged PDF (PDF/UA-1) for every PDF backend: one thin wrapper around draw calls.

`TaggedCanvas` (made by `pdfkit.new_canvas`, or mixed into a platypus canvas)
keeps every page's content inside marked content: by default inside an
`/Artifact` sequence, so anything drawn without a role (page furniture, a new
element kind nobody tagged yet) is an artifact rather than untagged; a draw
call wrapped in `tagger.mark(node)` becomes `/Role <</MCID n>> BDC ... EMC`
of that structure element. Marked sequences never nest: entering a node
closes the current sequence and leaving it resumes its parent's with a new
MCID, so a Link or a foreign-language Span inside a paragraph keeps its own
content.

The structure (`Node`s) is built in reading order, apart from the drawing
order: a backend makes the skeleton first (from the layout plan's roles, see
`roles`), then marks each draw call into its node. `finish` writes the tree,
the parent tree, /MarkInfo, /ViewerPreferences, /Tabs, link annotations'
/StructParent and /Contents, and XMP declaring PDF/UA-1 (see `writer`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from reportlab.pdfbase.pdfdoc import PDFString
from reportlab.pdfgen.canvas import Canvas

__all__ = [
    "MCRef",
    "Node",
    "TaggedCanvas",
    "Tagger",
    "foreign_language",
    "tagger_of",
    "untagged",
]

_ARTIFACT_OPEN = "/Artifact BMC"
_EMC = "EMC"
_ACTIVE = [True]  # off only to measure what tagging costs (bench/bench_tagging.py)


@contextmanager
def untagged() -> Iterator[None]:
    """PDFs made meanwhile carry no tags (for measuring tagging's cost)."""
    _ACTIVE[0] = False
    try:
        yield
    finally:
        _ACTIVE[0] = True


class MCRef(NamedTuple):
    """A marked-content sequence: MCID `mcid` on page `page` (0-based)."""

    page: int
    mcid: int


class AnnotRef(NamedTuple):
    """A link annotation on page `page`: reportlab's object number `number`."""

    page: int
    number: int


@dataclass(eq=False, slots=True)
class Node:
    """A structure element: a standard role and its attributes."""

    role: str
    kids: list[Node | MCRef | AnnotRef] = field(default_factory=list)
    alt: str | None = None  # /Alt (Figure)
    lang: str | None = None  # /Lang where it differs from the document's
    title: str | None = None  # /T (a section's title)
    scope: str | None = None  # TH: 'Row' or 'Column'
    bbox: tuple[float, float, float, float] | None = None  # Figure: page coordinates
    parent: Node | None = None

    def add(self, role: str, **attrs: str | None) -> Node:
        node = Node(role, parent=self, **attrs)  # type: ignore[arg-type]
        self.kids.append(node)
        return node

    def nodes(self) -> list[Node]:
        """This node and every node under it, in reading order."""
        out: list[Node] = []
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(k for k in reversed(node.kids) if isinstance(k, Node))
        return out


class Tagger:
    """Structure and marked content of one PDF being drawn."""

    def __init__(self, canvas: Canvas, language: str) -> None:
        self.canvas = canvas
        self.language = language
        self.root = Node("Document")
        self.page = 0
        self.active = _ACTIVE[0]  # False: an untagged PDF (see `untagged`)
        self.enabled = self.active  # off while drawing a form (its content is tagged by its use)
        self._mcid = 0
        # link annotations: their /StructParent keys (0, 1, ...) and Link nodes
        self.annot_parents: list[tuple[int, Node]] = []
        self._marked: list[Node | None] = []  # nodes whose content is being drawn, innermost last
        self._groups: list[Node] = [self.root]  # the container new nodes go in
        self.memo: dict[object, Node] = {}  # a backend's nodes by key (a table over pages)

    # ------------------------------------------------------------ skeleton

    @property
    def container(self) -> Node:
        return self._groups[-1]

    def add(self, role: str, **attrs: str | None) -> Node:
        """A new node in the current container (not entered)."""
        return self.container.add(role, **attrs)

    @contextmanager
    def group(self, role: str | Node, **attrs: str | None) -> Iterator[Node]:
        """Enter a container node (Sect, L, LI, Table, TR...): nodes added or
        marked meanwhile go in it."""
        node = role if isinstance(role, Node) else self.add(role, **attrs)
        self._groups.append(node)
        try:
            yield node
        finally:
            self._groups.pop()

    # ------------------------------------------------------------ content

    def _code(self, op: str) -> None:
        self.canvas._code.append(op)

    def _open(self, node: Node | None) -> None:
        if node is None:
            self.canvas._code.append(_ARTIFACT_OPEN)
            return
        mcid = self._mcid
        node.kids.append(MCRef(self.page, mcid))
        self.canvas._code.append(f"/{node.role} <</MCID {mcid}>> BDC")
        self._mcid = mcid + 1

    def mark(self, node: Node | None) -> _Mark:
        """Draw calls inside (`with tagger.mark(node):`) belong to `node`
        (None: an artifact)."""
        return _Mark(self, node)

    def _enter(self, node: Node | None) -> bool:
        """Open `node`'s marked content; False when nothing was opened (not
        tagging, or an artifact inside the page's artifact)."""
        if not self.enabled or (node is None and not self._marked):
            return False
        self.canvas._code.append(_EMC)
        self._marked.append(node)
        self._open(node)
        return True

    def _exit(self) -> None:
        self.canvas._code.append(_EMC)
        self._marked.pop()
        self._open(self._marked[-1] if self._marked else None)

    @contextmanager
    def leaf(self, role: str, **attrs: str | None) -> Iterator[Node | None]:
        """A new node in the current container, its content drawn inside."""
        with self.mark(self.add(role, **attrs)) as node:
            yield node

    def artifact(self):
        return self.mark(None)

    @property
    def current(self) -> Node | None:
        """The node whose content is being drawn (None: an artifact)."""
        return self._marked[-1] if self._marked else None

    def inner(self, role: str, **attrs: str | None) -> Node | None:
        """A child of the node being drawn (a Link or a Span in a paragraph);
        None inside an artifact or when disabled."""
        cur = self.current
        if cur is None or not self.enabled:
            return None
        return cur.add(role, **attrs)

    def place(self, node: Node | None, x: float, y: float, w: float, h: float) -> None:
        """Give `node` (a Figure) its box on the page, through the canvas' transform."""
        if node is None or not self.enabled:
            return
        a, b, c, d, e, f = self.canvas._currentMatrix
        xs, ys = [], []
        for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h)):
            xs.append(a * px + c * py + e)
            ys.append(b * px + d * py + f)
        node.bbox = (round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2))

    @property
    def annot_count(self) -> int:
        return len(self.annot_parents)

    def link(self) -> tuple[Node, int] | None:
        """The Link node of an annotation about to be made, and its
        /StructParent key (None when not tagging)."""
        if not self.enabled:
            return None
        link = self.current if self.current is not None and self.current.role == "Link" else None
        if link is None:
            link = (self.current or self.container).add("Link")
        self.annot_parents.append((self.annot_count, link))
        return link, self.annot_count - 1

    def snapshot(self) -> int:
        return self._mcid

    def discard(self, node: Node | None, snapshot: int) -> None:
        """Forget content marked since `snapshot` for `node` when nothing was
        drawn (platypus tried a flowable that did not fit): its marks, and the
        node itself (with parents made only for it) when left empty."""
        self._mcid = snapshot
        while node is not None:
            node.kids = [
                k
                for k in node.kids
                if not (isinstance(k, MCRef) and k.page == self.page and k.mcid >= snapshot)
            ]
            if node.kids or node.parent is None:
                return
            for key in [k for k, v in self.memo.items() if v is node]:
                del self.memo[key]
            node.parent.kids.remove(node)
            node = node.parent

    # ------------------------------------------------------------ pages

    def page_started(self) -> None:
        if self.active:
            self._code(_ARTIFACT_OPEN)

    def page_ended(self) -> None:
        if self.active:
            self._code(_EMC)
        self.next_page()

    def next_page(self) -> None:
        self.page += 1
        self._mcid = 0


class _Mark:
    """`with tagger.mark(node):` (a class: cheaper than a generator, and marks
    are made for every paragraph drawn)."""

    __slots__ = ("node", "opened", "tagger")

    def __init__(self, tagger: Tagger, node: Node | None) -> None:
        self.tagger, self.node, self.opened = tagger, node, False

    def __enter__(self) -> Node | None:
        self.opened = self.tagger._enter(self.node)
        return self.node

    def __exit__(self, *exc: object) -> None:
        if self.opened:
            self.tagger._exit()


class TaggedCanvas(Canvas):
    """A reportlab canvas whose pages are always inside marked content."""

    def __init__(self, *args, language: str = "en", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.tagger = Tagger(self, language)
        self.tagger.page_started()

    def _startPage(self) -> None:
        super()._startPage()
        self.tagger.page_started()

    def showPage(self) -> None:
        self.tagger.page_ended()
        super().showPage()

    def close_artifact(self) -> None:
        """End the page's artifact, for a canvas that draws a page's furniture
        after its content (and calls `Canvas.showPage` itself)."""
        if self.tagger.active:
            self._code.append(_EMC)

    def _drop_empty_page(self) -> None:
        # the artifact opened for a page that never came
        if self._code == [_ARTIFACT_OPEN]:
            del self._code[:]

    def _close(self) -> None:
        self._drop_empty_page()
        if self._code:
            self.showPage()
        if self.tagger.active:
            from deckgen.backends.tagging.writer import write_structure

            write_structure(self, self.tagger)

    def save(self) -> None:
        self._close()
        super().save()

    def getpdfdata(self) -> bytes:
        self._close()
        return super().getpdfdata()

    def beginForm(self, *args, **kwargs) -> None:
        super().beginForm(*args, **kwargs)
        self.tagger.enabled = False

    def endForm(self, **kwargs) -> None:
        super().endForm(**kwargs)
        self.tagger.enabled = self.tagger.active

    def linkURL(
        self, url, rect, relative=0, thickness=0, color=None, dashArray=None, kind="URI", **kw
    ):  # noqa: E501
        text = kw.pop("text", None)
        link = self.tagger.link()
        if link is None:
            super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)
            return
        node, key = link
        about = f"{text.strip()}: {url}" if text and text.strip() != url else url
        kw.update(StructParent=key, Contents=PDFString(about))
        super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)
        name = self._doc.annotationName(f"NUMBER{self._annotationCount}")
        number = self._doc.idToObjectNumberAndVersion[name][0]
        node.kids.append(AnnotRef(self.tagger.page, number))


class _NullTagger(Tagger):
    """For a canvas that is not tagged: every call does nothing."""

    def __init__(self) -> None:
        self.root = Node("Document")
        self._groups = [self.root]
        self._marked = []
        self.enabled = self.active = False
        self.memo = {}
        self.language = ""

    def add(self, role: str, **attrs: str | None) -> Node:
        return Node(role)


def tagger_of(canvas: Canvas) -> Tagger:
    """The canvas' tagger, or one that does nothing for an untagged canvas."""
    return getattr(canvas, "tagger", None) or _NULL


_NULL = _NullTagger()

# The language a script most often writes, for text whose script differs from
# the document's (a Cyrillic name in an English talk is read as Russian).
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "el"),
    (0x0400, 0x04FF, "ru"),
    (0x0590, 0x05FF, "he"),
    (0x0600, 0x06FF, "ar"),
    (0x0900, 0x097F, "hi"),
    (0x3040, 0x30FF, "ja"),
    (0x4E00, 0x9FFF, "zh"),
    (0xAC00, 0xD7AF, "ko"),
)
# Languages whose own script is one of those (so their text is not foreign).
_WRITES = {
    "el": "el",
    "ru": "ru",
    "uk": "ru",
    "bg": "ru",
    "sr": "ru",
    "mk": "ru",
    "be": "ru",
    "kk": "ru",
    "he": "he",
    "ar": "ar",
    "fa": "ar",
    "hi": "hi",
    "mr": "hi",
    "ja": "ja",
    "zh": "zh",
    "ko": "ko",
}


def foreign_language(text: str, language: str) -> str | None:
    """The language of `text` when its letters are in a script the document's
    `language` does not write (else None)."""
    if text.isascii():
        return None
    own = _WRITES.get(language.split("-")[0].lower())
    for ch in text:
        o = ord(ch)
        if o < 0x0370:
            continue
        for lo, hi, lang in _SCRIPTS:
            if lo <= o <= hi:
                if lang == own or (own == "ja" and lang == "zh"):
                    return None
                return lang
    return None
