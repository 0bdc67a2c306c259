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

from reportlab.pdfgen.canvas import Canvas

__all__ = [
    "MCRef",
    "Node",
    "TaggedCanvas",
    "Tagger",
    "foreign_language",
    "tagger_of",
]

_ARTIFACT_OPEN = "/Artifact BMC"
_EMC = "EMC"


@dataclass(frozen=True)
class MCRef:
    """A marked-content sequence: MCID `mcid` on page `page` (0-based)."""

    page: int
    mcid: int


@dataclass(frozen=True)
class AnnotRef:
    """The `index`-th link annotation the tagger saw on page `page`."""

    page: int
    index: int
    contents: str


@dataclass(eq=False)
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

    def nodes(self) -> Iterator[Node]:
        """This node and every node under it, in reading order."""
        yield self
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.nodes()


class Tagger:
    """Structure and marked content of one PDF being drawn."""

    def __init__(self, canvas: Canvas, language: str) -> None:
        self.canvas = canvas
        self.language = language
        self.root = Node("Document")
        self.page = 0
        self.enabled = True  # off while drawing a form (its content is tagged by its use)
        self._mcid = 0
        self._annots = 0
        self._marked: list[Node] = []  # nodes whose content is being drawn, innermost last
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
            self._code(_ARTIFACT_OPEN)
            return
        node.kids.append(MCRef(self.page, self._mcid))
        self._code(f"/{node.role} <</MCID {self._mcid}>> BDC")
        self._mcid += 1

    @contextmanager
    def mark(self, node: Node | None) -> Iterator[Node | None]:
        """Draw calls inside belong to `node` (None: an artifact)."""
        if not self.enabled:
            yield node
            return
        self._code(_EMC)
        self._marked.append(node)  # type: ignore[arg-type]
        self._open(node)
        try:
            yield node
        finally:
            self._code(_EMC)
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

    def annotation(self, contents: str) -> None:
        """A link annotation was just added to this page: tie it to a Link node."""
        if not self.enabled:
            return
        link = self.current if self.current is not None and self.current.role == "Link" else None
        if link is None:
            link = (self.current or self.container).add("Link")
        link.kids.append(AnnotRef(self.page, self._annots, contents))
        self._annots += 1

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
        self._code(_ARTIFACT_OPEN)

    def page_ended(self) -> None:
        self._code(_EMC)
        self.next_page()

    def next_page(self) -> None:
        self.page += 1
        self._mcid = 0
        self._annots = 0


class TaggedCanvas(Canvas):
    """A reportlab canvas whose pages are always inside marked content."""

    def __init__(self, *args, language: str = "en", **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.tagger = Tagger(self, language)
        self.tagger.page_started()

    def _startPage(self) -> None:
        super()._startPage()
        self.tagger.page_started()

    def showPage(self) -> None:
        self.tagger.page_ended()
        super().showPage()

    def _drop_empty_page(self) -> None:
        # the artifact opened for a page that never came
        if self._code == [_ARTIFACT_OPEN]:
            self._code = []

    def save(self) -> None:
        self._drop_empty_page()
        super().save()

    def getpdfdata(self) -> bytes:
        self._drop_empty_page()
        return super().getpdfdata()

    def beginForm(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().beginForm(*args, **kwargs)
        self.tagger.enabled = False

    def endForm(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().endForm(**kwargs)
        self.tagger.enabled = True

    def linkURL(
        self, url, rect, relative=0, thickness=0, color=None, dashArray=None, kind="URI", **kw
    ):  # type: ignore[no-untyped-def]  # noqa: E501
        text = kw.pop("text", None)
        super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)
        self.tagger.annotation(f"{text}: {url}" if text and text.strip() != url else url)


class _NullTagger(Tagger):
    """For a canvas that is not tagged: every call does nothing."""

    def __init__(self) -> None:
        self.root = Node("Document")
        self._groups = [self.root]
        self._marked = []
        self.enabled = False
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
