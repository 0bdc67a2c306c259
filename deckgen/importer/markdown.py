"""Read a Markdown talk (Pandoc slide style or Marp) into a `Draft`.

Parsed by markdown-it-py (CommonMark, with tables so that they can be
reported), its front-matter plugin (YAML metadata, Marp's directives) and its
container plugin (Pandoc's fenced divs: `::: notes`, `:::: columns`).

Pandoc: `%` title lines or a YAML metadata block; the slide level is the
highest heading level followed directly by content (Pandoc's own rule);
headings above it start sections, headings at it start slides, a horizontal
rule starts a slide. Marp (front matter with `marp: true`): `---` separates
slides, a slide's first heading is its title, a slide holding only a heading
starts a section, HTML comments are the speaker notes.

Whatever has no place in an outline is a warning at its Markdown line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from deckgen.errors import Diagnostic, Location
from deckgen.safeio import is_file

from .model import Column, Draft, Picture, Point, Quote, Section, Slide

__all__ = ["read_markdown"]

_DIRECTIVE = re.compile(r"^\s*_?[A-Za-z][\w-]*\s*:")  # <!-- _class: lead -->


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    md.use(front_matter_plugin)
    md.use(container_plugin, name="div", validate=lambda *_: True)
    return md


@dataclass
class _Block:
    """One piece of slide content, in source order."""

    kind: str  # 'points', 'para', 'image', 'quote', 'columns', 'notes', 'heading'
    line: int
    points: list[Point] = field(default_factory=list)
    text: str = ""
    image: Picture | None = None
    quote: Quote | None = None
    columns: list[Column] = field(default_factory=list)


@dataclass
class _Chunk:
    """A slide's worth of blocks before layouts are chosen."""

    title: str | None
    line: int
    blocks: list[_Block] = field(default_factory=list)


class _Reader:
    def __init__(self, path: Path, outline_folder: Path) -> None:
        self.path = path
        self.outline_folder = outline_folder
        self.diagnostics: list[Diagnostic] = []
        self.marp = False

    def warn(self, line: int, message: str) -> None:
        self.diagnostics.append(Diagnostic("warning", message, Location(str(self.path), line, 1)))

    # ------------------------------------------------------------ inline

    def inline(self, node: SyntaxTreeNode, line: int) -> str:
        """Inline content as outline markup; what it cannot keep is warned about."""
        out: list[str] = []
        for child in node.children:
            out.append(self._inline_one(child, line))
        return "".join(out).strip()

    def _inline_one(self, node: SyntaxTreeNode, line: int) -> str:
        kind = node.type
        if kind == "text":
            return _escape(node.content)
        if kind in ("softbreak", "hardbreak"):
            return " "
        if kind == "strong":
            return f"**{self.inline(node, line)}**"
        if kind == "em":
            return f"*{self.inline(node, line)}*"
        if kind == "code_inline":
            return _escape(node.content)  # kept as text; the outline has no code spans
        if kind == "link":
            href = str(node.attrs.get("href", ""))
            label = self.inline(node, line)
            if not href.startswith(("http://", "https://", "mailto:")):
                self.warn(
                    line,
                    f"link to {href!r} kept as its text only (links need http, https or mailto)",
                )
                return label
            return f"[{label}]({href})"
        if kind == "image":
            self.warn(line, "a picture inside a line of text is not mapped; kept its alt text")
            return _escape(_plain(node))
        if kind == "html_inline":
            self.warn(line, f"inline HTML {node.content!r} is not mapped")
            return ""
        return _escape(_plain(node))

    # ------------------------------------------------------------ blocks

    def list_points(self, node: SyntaxTreeNode) -> list[Point]:
        line = _line(node)
        if node.type == "ordered_list":
            self.warn(line, "a numbered list becomes bullet points (the numbers are not kept)")
        points = []
        for item in node.children:
            text_parts: list[str] = []
            subs: list[str] = []
            for child in item.children:
                if child.type == "paragraph":
                    text_parts.append(self.inline(child.children[0], _line(child)))
                elif child.type in ("bullet_list", "ordered_list"):
                    for sub in self.list_points(child):
                        subs.append(sub.text)
                        if sub.points:
                            self.warn(
                                _line(child),
                                "points nested more than one level deep are moved up a level",
                            )
                            subs.extend(sub.points)
                else:
                    self.warn(_line(child), f"a {_what(child)} inside a list item is not mapped")
            points.append(Point(" ".join(text_parts), subs))
        return points

    def picture(self, node: SyntaxTreeNode, line: int) -> Picture | None:
        src = str(node.attrs.get("src", ""))
        alt = _plain(node).strip()
        title = node.attrs.get("title")
        if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I):
            self.warn(line, f"picture {src!r} is not a local file (nothing is fetched): left out")
            return None
        file = (self.path.parent / src).resolve()
        if not is_file(file):  # a name too long is not found either, never an OSError
            self.warn(line, f"picture {src!r} not found: left out")
            return None
        try:
            rel = file.relative_to(self.outline_folder.resolve())
        except ValueError:
            self.warn(line, f"picture {src!r} is outside the outline's folder: left out")
            return None
        if not alt:
            self.warn(line, f"picture {src!r} has no alt text: write one (alt: TODO for now)")
            alt = "TODO: describe the picture"
        return Picture(rel.as_posix(), alt, str(title) if title else None)

    def block(self, node: SyntaxTreeNode) -> list[_Block]:  # noqa: C901 - one case per kind
        line = _line(node)
        kind = node.type
        if kind in ("bullet_list", "ordered_list"):
            return [_Block("points", line, points=self.list_points(node))]
        if kind == "paragraph":
            inline = node.children[0]
            parts = [c for c in inline.children if not (c.type == "text" and not c.content.strip())]
            if len(parts) == 1 and parts[0].type == "image":
                picture = self.picture(parts[0], line)
                return [_Block("image", line, image=picture)] if picture else []
            return [_Block("para", line, text=self.inline(inline, line))]
        if kind == "blockquote":
            return [self.quote(node)]
        if kind == "container_div":
            return self.div(node)
        if kind == "html_block":
            return self.html(node)
        if kind == "heading":
            return [_Block("heading", line, text=self.inline(node.children[0], line))]
        self.warn(
            line,
            f"a {_what(node)} is not imported (only headings, lists, paragraphs, "
            "pictures, quotes, notes and columns are)",
        )
        return []

    def quote(self, node: SyntaxTreeNode) -> _Block:
        line = _line(node)
        paras = [
            self.inline(c.children[0], _line(c)) for c in node.children if c.type == "paragraph"
        ]
        if len(paras) < len(node.children):
            self.warn(line, "only the paragraphs of a block quote are kept")
        by = None
        if len(paras) > 1 and re.match(r"^(—|--|―|-)\s*", paras[-1]):
            by = re.sub(r"^(—|--|―|-)\s*", "", paras.pop())
        return _Block("quote", line, quote=Quote(" ".join(paras), by))

    def div(self, node: SyntaxTreeNode) -> list[_Block]:
        line = _line(node)
        classes = _classes(node.info)
        if "notes" in classes:
            return [_Block("notes", line, text=t) for t in self.paragraphs(node)]
        if "columns" in classes:
            columns = []
            for child in node.children:
                if child.type == "container_div" and "column" in _classes(child.info):
                    columns.append(self.column(child))
                else:
                    self.warn(_line(child), f"a {_what(child)} between columns is not mapped")
            return [_Block("columns", line, columns=columns)]
        self.warn(line, f"fenced div {node.info.strip()!r} is not mapped; its content is kept")
        return [b for child in node.children for b in self.block(child)]

    def column(self, node: SyntaxTreeNode) -> Column:
        col = Column()
        for child in node.children:
            if child.type == "heading" and col.heading is None and not col.points:
                col.heading = self.inline(child.children[0], _line(child))
            elif child.type in ("bullet_list", "ordered_list"):
                col.points.extend(self.list_points(child))
            elif child.type == "paragraph":
                col.points.append(Point(self.inline(child.children[0], _line(child))))
            else:
                self.warn(_line(child), f"a {_what(child)} in a column is not mapped")
        return col

    def paragraphs(self, node: SyntaxTreeNode) -> list[str]:
        out = []
        for child in node.children:
            if child.type == "paragraph":
                out.append(self.inline(child.children[0], _line(child)))
            elif child.type in ("bullet_list", "ordered_list"):
                out.extend("- " + p.text for p in self.list_points(child))
            else:
                self.warn(_line(child), f"a {_what(child)} in the notes is not mapped")
        return out

    def html(self, node: SyntaxTreeNode) -> list[_Block]:
        line = _line(node)
        text = node.content.strip()
        comment = re.fullmatch(r"<!--(.*?)-->", text, re.S)
        if comment and self.marp:
            body = comment.group(1).strip()
            if _DIRECTIVE.match(body):
                self.warn(line, f"Marp directive {body!r} is not mapped")
                return []
            return [_Block("notes", line, text=_escape(p)) for p in _paragraphs(body)]
        what = "an HTML comment" if comment else "an HTML block"
        self.warn(line, f"{what} is not mapped")
        return []


def _line(node: SyntaxTreeNode) -> int:
    return node.map[0] + 1 if node.map else 0


def _what(node: SyntaxTreeNode) -> str:
    names = {
        "fence": "code block",
        "code_block": "code block",
        "table": "table",
        "hr": "horizontal rule",
        "html_block": "HTML block",
        "container_div": "fenced div",
    }
    return names.get(node.type, node.type.replace("_", " "))


def _classes(info: str) -> set[str]:
    info = info.strip()
    if info.startswith("{"):
        return {w[1:] for w in info.strip("{}").split() if w.startswith(".")}
    return {info.split()[0]} if info else set()


def _plain(node: SyntaxTreeNode) -> str:
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    return "".join(_plain(c) for c in node.children)


def _escape(text: str) -> str:
    """Plain text in the outline's markup: `\\`, `*`, `[` escaped."""
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("[", "\\[")


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


# ---------------------------------------------------------------- the talk


def _title_block(lines: list[str], draft: Draft) -> int:
    """Pandoc's `% title` / `% author` / `% date` lines at the top: read into
    `draft`, blanked in `lines`; the number of lines read."""
    fields: list[str] = []
    n = 0
    while n < len(lines) and lines[n].startswith("%") and len(fields) < 3:
        fields.append(lines[n][1:].strip())
        lines[n] = ""
        n += 1
    for name, value in zip(("title", "author", "date"), fields, strict=False):
        if value:
            setattr(draft, name, _escape(value))
    return n


_KNOWN_META = {"title", "subtitle", "author", "date", "lang", "language"}
_MARP_META = {
    "marp",
    "theme",
    "paginate",
    "class",
    "size",
    "header",
    "footer",
    "backgroundColor",
    "color",
    "style",
    "headingDivider",
    "math",
    "transition",
}


def _metadata(reader: _Reader, node: SyntaxTreeNode, draft: Draft) -> None:
    line = _line(node)
    try:
        meta = yaml.safe_load(node.content)
    except yaml.YAMLError as exc:
        reader.warn(line, f"front matter is not valid YAML, not read: {exc}")
        return
    if not isinstance(meta, dict):
        return
    reader.marp = bool(meta.get("marp"))
    for key, value in meta.items():
        if key in ("title", "subtitle", "date") and value is not None:
            setattr(draft, key, _escape(str(value)))
        elif key == "author" and value:
            names = value if isinstance(value, list) else [value]
            draft.author = _escape(", ".join(str(v) for v in names))
        elif key in ("lang", "language") and value:
            draft.language = str(value)
        elif key == "marp":
            continue
        else:
            reader.warn(_key_line(node, key), f"front matter key {key!r} is not mapped")


def _key_line(node: SyntaxTreeNode, key: object) -> int:
    """The Markdown line of a top-level key of the front matter."""
    for n, text in enumerate(node.content.splitlines()):
        if text.startswith(f"{key}:"):
            return _line(node) + 1 + n
    return _line(node)


def read_markdown(path: Path, outline_folder: Path) -> tuple[Draft, list[Diagnostic]]:
    """The talk in the Markdown file at `path`, with the warnings of mapping it.
    Pictures are given relative to `outline_folder` (where the outline goes)."""
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    draft = Draft()
    reader = _Reader(path, outline_folder)
    _title_block(lines, draft)
    nodes = SyntaxTreeNode(_parser().parse("\n".join(lines) + "\n")).children
    if nodes and nodes[0].type == "front_matter":
        _metadata(reader, nodes[0], draft)
        nodes = nodes[1:]
    chunks = _marp_chunks(reader, nodes) if reader.marp else _pandoc_chunks(reader, nodes)
    _assemble(reader, draft, chunks)
    return draft, reader.diagnostics


# A chunk is a slide, or a section start: ('section', title, line, blocks)
_Part = tuple[str, str | None, int, list[_Block]]


def _slide_level(nodes: Sequence[SyntaxTreeNode]) -> int:
    """Pandoc's rule: the highest heading level followed directly by content."""
    levels = []
    for node, after in zip(nodes, [*nodes[1:], None], strict=True):
        if node.type == "heading" and after is not None and after.type != "heading":
            levels.append(int(node.tag[1]))
    return min(levels) if levels else 1


def _pandoc_chunks(reader: _Reader, nodes: Sequence[SyntaxTreeNode]) -> list[_Part]:
    level = _slide_level(nodes)
    parts: list[_Part] = []
    current: _Part | None = None
    for node in nodes:
        line = _line(node)
        if node.type == "heading" and int(node.tag[1]) < level:
            current = ("section", reader.inline(node.children[0], line), line, [])
            parts.append(current)
        elif node.type == "heading" and int(node.tag[1]) == level:
            current = ("slide", reader.inline(node.children[0], line), line, [])
            parts.append(current)
        elif node.type == "hr":
            current = ("slide", None, line, [])
            parts.append(current)
        else:
            if current is None:
                current = ("slide", None, line, [])
                parts.append(current)
            current[3].extend(reader.block(node))
    return parts


def _marp_chunks(reader: _Reader, nodes: Sequence[SyntaxTreeNode]) -> list[_Part]:
    slides: list[list[SyntaxTreeNode]] = [[]]
    for node in nodes:
        if node.type == "hr":
            slides.append([])
        else:
            slides[-1].append(node)
    parts: list[_Part] = []
    for group in slides:
        if not group:
            continue
        title = None
        line = _line(group[0])
        blocks: list[_Block] = []
        for node in group:
            if node.type == "heading" and title is None:
                title = reader.inline(node.children[0], _line(node))
                line = _line(node)
            else:
                blocks.extend(reader.block(node))
        # a slide of a heading alone (comments aside) divides the talk: a section
        alone = all(n.type == "html_block" for n in group if n.type != "heading")
        alone = alone and sum(n.type == "heading" for n in group) == 1
        kind = "section" if title is not None and alone else "slide"
        parts.append((kind, title, line, blocks))
    return parts


def _assemble(reader: _Reader, draft: Draft, parts: list[_Part]) -> None:
    marp = reader.marp
    if parts and draft.title is not None and parts[0][1] == draft.title and not parts[0][3]:
        parts = parts[1:]  # the title slide: the deck makes its own from `title`
    for kind, title, line, blocks in parts:
        if kind == "section":
            section = Section(title or "", line)
            if marp:
                section.guesses.append("a Marp slide holding only a heading: made a section")
            draft.sections.append(section)
            _section_content(reader, section, blocks)
            continue
        if not draft.sections:
            if not blocks and title is None:
                continue
            section = Section(draft.title or title or "Talk", line)
            section.guesses.append("the Markdown has no section headings: one section for all")
            draft.sections.append(section)
        _slides_of(reader, draft.sections[-1], title, line, blocks)
    for section in draft.sections:
        if not (section.summary or section.points or section.slides):
            section.slides.append(Slide("statement", section.line, text=section.title))
            section.slides[-1].guesses.append("an empty section: its title as a statement")


def _section_content(reader: _Reader, section: Section, blocks: list[_Block]) -> None:
    """What follows a section heading before its first slide: summary and points."""
    notes = []
    for b in blocks:
        if b.kind == "para":
            section.summary.append(b.text)
        elif b.kind == "points":
            section.points.extend(b.points)
        elif b.kind == "notes":
            notes.append(b.text)
        else:
            # anything else becomes a slide of the section, in order
            _slides_of(reader, section, None, b.line, [b])
    if notes:
        slide = Slide("statement", section.line, text=section.title, notes=notes)
        slide.guesses.append("the section's notes: on a slide of its title")
        section.slides.insert(0, slide)
    if section.summary or section.points:
        section.guesses.append("text under the section heading: its summary and points")


def _slides_of(
    reader: _Reader, section: Section, title: str | None, line: int, blocks: list[_Block]
) -> None:
    """One Markdown slide as one or more outline slides, in order: consecutive
    points, paragraphs and one picture make a bullets slide; a quote, a
    picture alone or columns a slide of their own."""
    notes = [b.text for b in blocks if b.kind == "notes"]
    content = [b for b in blocks if b.kind != "notes"]
    made: list[Slide] = []
    for b in content:
        _place(reader, made, b, title)
    if not made:
        made.append(Slide("statement", line, text=title or section.title))
        made[0].guesses.append("a slide with a title only: a statement")
    for slide in made:
        _complete(slide, section)
    made[0].notes = notes
    if len(made) > 1:
        made[0].guesses.append(f"one Markdown slide (line {line}) made {len(made)} slides")
    section.slides.extend(made)


def _place(reader: _Reader, made: list[Slide], b: _Block, title: str | None) -> None:
    """Add one block to the last slide made, or start the slide it needs."""
    current = made[-1] if made else None
    if b.kind in ("points", "para", "heading"):
        if current is None or current.layout != "bullets":
            current = Slide("bullets", b.line, title)
            made.append(current)
        if b.kind == "points":
            current.points.extend(b.points)
            return
        heading = b.kind == "heading"
        current.points.append(Point(f"**{b.text}**" if heading else b.text))
        current.guesses.append(f"a {'heading' if heading else 'paragraph'} as a point")
    elif b.kind == "image" and b.image is not None:
        if current is not None and current.layout == "bullets" and current.image is None:
            current.image = b.image
        else:
            made.append(Slide("image", b.line, title, image=b.image))
    elif b.kind == "quote":
        made.append(Slide("quote", b.line, title, quote=b.quote))
    elif b.kind == "columns":
        made.append(_two_column(reader, b, title))


def _two_column(reader: _Reader, b: _Block, title: str | None) -> Slide:
    cols = b.columns or [Column()]
    if len(cols) > 2:
        reader.warn(b.line, f"{len(cols)} columns: the third and later are joined to the right one")
        right = Column(cols[1].heading, [p for c in cols[1:] for p in c.points])
        cols = [cols[0], right]
    slide = Slide(
        "two-column", b.line, title, left=cols[0], right=cols[1] if len(cols) > 1 else Column()
    )
    return slide


def _complete(slide: Slide, section: Section) -> None:
    """A layout that needs a title gets one (a guess, said so)."""
    if slide.title or slide.layout in ("statement", "quote"):
        return
    if slide.layout == "image" and slide.image is not None:
        slide.title = slide.image.caption or slide.image.alt
        slide.guesses.append("no title: the picture's caption or alt text")
    elif slide.layout == "bullets" and len(slide.points) == 1 and not slide.points[0].points:
        slide.layout, slide.text, slide.points = "statement", slide.points[0].text, []
        slide.guesses = ["an untitled slide of one paragraph: a statement"]
    else:
        slide.title = section.title
        slide.guesses.append("no title: the section's")
