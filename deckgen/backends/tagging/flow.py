"""Tagging for platypus documents (the article handout): a frame that marks
each flowable it draws with the flowable's role, and a table whose cells are
TH/TD in TR rows.

A flowable's role: its `tag_role` attribute when it has one (set by the
backend from the layout plan), else by kind: a Paragraph by its style's name
(`PARAGRAPH_ROLES`), a table as Table, spacers and page breaks as artifacts,
anything else as P (a new kind of block is read, never left untagged).
Special roles: `ARTIFACT`; `GROUP` (no node of its own: it draws its parts
through `draw_part`, each tagged by its own role); 'LI' (an item of a list
that consecutive items share).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from reportlab.platypus import CondPageBreak, Flowable, Frame, Paragraph, Spacer, Table

from deckgen.backends.tagging import Node, Tagger, tagger_of

__all__ = ["ARTIFACT", "GROUP", "PARAGRAPH_ROLES", "TaggedFrame", "TaggedTable", "draw_part"]

ARTIFACT = "Artifact"
GROUP = "Group"

# Paragraph style names (the article's `Typesetter.para` names) -> role.
PARAGRAPH_ROLES = {
    "title": "H1",
    "heading": "H2",
    "caption": "Caption",
    "ref": "LI",
    "th": "P",
    "td": "P",
}


def role_of(flowable: Flowable) -> str:
    role = getattr(flowable, "tag_role", None)
    if role:
        return role
    if isinstance(flowable, Paragraph):
        return PARAGRAPH_ROLES.get(flowable.style.name, "P")
    if isinstance(flowable, Table):
        return "Table"
    if isinstance(flowable, Spacer | CondPageBreak):
        return ARTIFACT
    return "P"


def _node(tagger: Tagger, flowable: Flowable, role: str) -> Node:
    """The flowable's node: the one its first part had (a paragraph split over
    pages is one element), else a new one; a list item joins the list before
    it."""
    key = getattr(flowable, "tag_key", None)
    if key is not None and key in tagger.memo:
        return tagger.memo[key]
    if role == "LI":
        box = tagger.container
        last = box.kids[-1] if box.kids else None
        items = last if isinstance(last, Node) and last.role == "L" else box.add("L")
        node = items.add("LI").add("LBody")
    else:
        node = tagger.add(role, alt=getattr(flowable, "tag_alt", None))
    if key is not None:
        tagger.memo[key] = node
    return node


@contextmanager
def tagged(canv, flowable: Flowable) -> Iterator[Node | None]:
    """Draw calls inside are `flowable`'s content, in its role."""
    tagger = tagger_of(canv)
    role = role_of(flowable)
    if not tagger.enabled or role == GROUP:
        yield None
        return
    node = None if role == ARTIFACT else _node(tagger, flowable, role)
    with tagger.mark(node):
        yield node


def draw_part(part: Flowable, canv, x: float, y: float) -> None:
    """`part.drawOn` for a flowable drawn by a GROUP, tagged in its own role."""
    with tagged(canv, part):
        part.drawOn(canv, x, y)


class TaggedFrame(Frame):
    def add(self, flowable: Flowable, canv, trySplit: int = 0) -> int:
        # Frame.add draws only when the flowable fits: measure first (the
        # same checks Frame.add makes), so no empty element is left behind.
        with _when_drawn(canv, flowable):
            return super().add(flowable, canv, trySplit)


@contextmanager
def _when_drawn(canv, flowable: Flowable) -> Iterator[None]:
    tagger = tagger_of(canv)
    role = role_of(flowable)
    if not tagger.enabled or role == GROUP:
        yield
        return
    start = len(canv._code)
    before = tagger.snapshot()
    with tagged(canv, flowable) as node:
        yield
    if all(_is_marking(op) for op in canv._code[start:]):
        tagger.discard(node, before)
        del canv._code[start:]


def _is_marking(op: str) -> bool:
    return op.endswith(("BDC", "BMC")) or op == "EMC"


class TaggedTable(Table):
    """A table whose rows are TR and cells TH (the header row, scope Column;
    the first column, scope Row) or TD; a header repeated on a later page is
    an artifact. Its pieces over several pages are one Table element."""

    tag_role = GROUP
    continued = False

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        key = getattr(self, "tag_key", None) or self
        for i, part in enumerate(parts):
            part.tag_key = key
            part.continued = self.continued or i > 0
        return parts

    def draw(self) -> None:
        tagger = tagger_of(self.canv)
        if not tagger.enabled:
            super().draw()
            return
        key = getattr(self, "tag_key", None) or self
        table = tagger.memo.get(key)
        if table is None:
            table = tagger.memo[key] = tagger.add("Table")
        self._tag_table = table
        self._tag_rows: dict[int, Node] = {}
        super().draw()

    def _drawCell(self, cellval, cellstyle, pos, size):
        tagger = tagger_of(self.canv)
        table = getattr(self, "_tag_table", None)
        if table is None or not tagger.enabled:
            return super()._drawCell(cellval, cellstyle, pos, size)
        row = self._rowpositions[1:].index(pos[1])
        col = self._colpositions[:-1].index(pos[0])
        header = row < self.repeatRows
        if header and self.continued:
            with tagger.mark(None):
                return super()._drawCell(cellval, cellstyle, pos, size)
        tr = self._tag_rows.get(row)
        if tr is None:
            tr = self._tag_rows[row] = table.add("TR")
        if header:
            cell = tr.add("TH", scope="Column")
        elif col == 0:
            cell = tr.add("TH", scope="Row")
        else:
            cell = tr.add("TD")
        with tagger.mark(cell):
            return super()._drawCell(cellval, cellstyle, pos, size)
