"""`deckgen import`: a Markdown talk (Pandoc slide style or Marp) to an outline.

`import_markdown(markdown, outline)` reads the talk (see `.markdown`) and
returns the outline's YAML text, block style and readable, with a comment
above every item whose mapping was a guess, and the warnings (at Markdown
lines) for whatever could not be mapped. `write_new(path, text)` writes it,
never over an existing file.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from deckgen.backends.base import Output
from deckgen.errors import DeckgenError, Diagnostic, Location
from deckgen.writer import write_outputs

from .markdown import read_markdown
from .model import Column, Draft, Picture, Point, Quote, Section, Slide

__all__ = ["Imported", "import_markdown", "write_new"]


@dataclass(frozen=True)
class Imported:
    text: str  # the outline, YAML
    diagnostics: tuple[Diagnostic, ...]


def import_markdown(markdown: Path, outline: Path) -> Imported:
    """The outline (to be written at `outline`) of the Markdown talk at `markdown`."""
    try:
        draft, diagnostics = read_markdown(markdown, outline.parent)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise DeckgenError(f"cannot read: {reason}", Location(str(markdown))) from None
    if not draft.sections:
        raise DeckgenError("no slides found: nothing to import", Location.of_file(str(markdown)))
    return Imported(_Writer(markdown).talk(draft), tuple(diagnostics))


def write_new(path: Path, text: str) -> Path:
    """Write `text` at `path` (atomically); DeckgenError if the file exists."""
    if path.exists():
        raise DeckgenError(
            "exists already; `deckgen import` writes nothing over an existing file "
            "(give another name with -o)",
            Location(str(path)),
        )
    return write_outputs(path.parent, [Output(path.name, text.encode("utf-8"))])[0]


# ---------------------------------------------------------------- YAML


def _scalar(text: str) -> str:
    """One line of text as a YAML scalar: plain where YAML allows, else quoted."""
    dumped = yaml.safe_dump(text, allow_unicode=True, width=1_000_000)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def _slug(text: str, taken: set[str]) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40].strip("-") or "section"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


class _Writer:
    def __init__(self, source: Path) -> None:
        self.source = source
        self.lines: list[str] = []

    def put(self, indent: int, text: str) -> None:
        self.lines.append(" " * indent + text)

    def guesses(self, indent: int, guesses: list[str]) -> None:
        for guess in guesses:
            self.put(indent, f"# guessed: {guess}")

    def field(self, indent: int, key: str, value: str | None) -> None:
        if value is not None and value != "":
            self.put(indent, f"{key}: {_scalar(value)}")

    def long(self, indent: int, key: str, paragraphs: list[str]) -> None:
        if not paragraphs:
            return
        if len(paragraphs) == 1 and len(paragraphs[0]) < 60:
            self.field(indent, key, paragraphs[0])
            return
        self.put(indent, f"{key}: |-")
        for i, para in enumerate(paragraphs):
            if i:
                self.lines.append("")
            for line in textwrap.wrap(
                para, 76 - indent, break_long_words=False, break_on_hyphens=False
            ) or [""]:
                self.put(indent + 2, line)

    def points(self, indent: int, key: str, points: list[Point]) -> None:
        if not points:
            return
        self.put(indent, f"{key}:")
        for p in points:
            if not p.points:
                self.put(indent + 2, f"- {_scalar(p.text)}")
                continue
            self.put(indent + 2, f"- text: {_scalar(p.text)}")
            self.put(indent + 4, "points:")
            for sub in p.points:
                self.put(indent + 6, f"- {_scalar(sub)}")

    def picture(self, indent: int, picture: Picture) -> None:
        self.put(indent, "image:")
        self.field(indent + 2, "src", picture.src)
        self.field(indent + 2, "alt", picture.alt)
        self.field(indent + 2, "caption", picture.caption)

    def quote(self, indent: int, quote: Quote) -> None:
        self.put(indent, "quote:")
        self.field(indent + 2, "text", quote.text)
        self.field(indent + 2, "by", quote.by)

    def column(self, indent: int, key: str, column: Column) -> None:
        self.put(indent, f"{key}:")
        self.field(indent + 2, "heading", column.heading)
        if column.points:
            self.points(indent + 2, "points", column.points)
        elif column.heading is None:
            self.lines[-1] += " {}"

    def slide(self, indent: int, slide: Slide) -> None:
        self.put(indent, f"- layout: {slide.layout}  # Markdown line {slide.line}")
        inner = indent + 2
        self.guesses(inner, slide.guesses)
        self.field(inner, "title", slide.title)
        self.field(inner, "text", slide.text)
        self.points(inner, "points", slide.points)
        if slide.left is not None:
            self.column(inner, "left", slide.left)
        if slide.right is not None:
            self.column(inner, "right", slide.right)
        if slide.image is not None:
            self.picture(inner, slide.image)
        if slide.quote is not None:
            self.quote(inner, slide.quote)
        self.long(inner, "notes", slide.notes)

    def section(self, section: Section, taken: set[str]) -> None:
        self.lines.append("")
        self.put(2, f"- id: {_slug(section.title, taken)}  # Markdown line {section.line}")
        self.guesses(4, section.guesses)
        self.field(4, "title", section.title)
        self.long(4, "summary", section.summary)
        self.points(4, "points", section.points)
        if section.slides:
            self.put(4, "slides:")
            for slide in section.slides:
                self.slide(6, slide)

    def talk(self, draft: Draft) -> str:
        self.put(0, f"# Imported by `deckgen import` from {self.source.name}.")
        self.put(0, "# Check the items marked 'guessed'; `deckgen check` validates the result.")
        self.put(0, "format: 2")
        if draft.title is None:
            self.guesses(0, ["the Markdown has no title: its file name"])
        self.field(0, "title", draft.title or self.source.stem)
        self.field(0, "subtitle", draft.subtitle)
        self.field(0, "author", draft.author)
        self.field(0, "date", draft.date)
        self.field(0, "language", draft.language)
        self.guesses(0, draft.guesses)
        self.put(0, "sections:")
        taken: set[str] = set()
        for section in draft.sections:
            self.section(section, taken)
        return "\n".join(self.lines) + "\n"
