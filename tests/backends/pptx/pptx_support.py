"""Hand-built decks and themes (so the writer is tested apart from the layout),
and the checks the pptx tests share. A plain module, not conftest: test
modules import from it by a name unique in the whole suite."""

from __future__ import annotations

import io
import posixpath
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER

from deckgen.backends.pptx.template import base_presentation
from deckgen.backends.pptx.writer import DocumentInfo, write_deck
from deckgen.layout.common.primitives import Box, Paragraph, TextLine
from deckgen.layout.deck.model import Deck, Picture, Shape, Slide, TextBox
from deckgen.outline.model import Run, Text
from deckgen.theme.model import Colors, Fonts, SlideStyle, Theme


def make_theme(background="#FFFFFF", text="#1A1A2E", accent="#C8102E") -> Theme:
    return Theme(
        name="test",
        colors=Colors(background, text, "#5A5A6E", accent, {"usa": "#1F4E9A", "ussr": "#B22222"}),
        fonts=Fonts("Arimo", "PT Sans"),
        slide=SlideStyle(36, 24, 16),
    )


def para(text: str | tuple[Run, ...], size=24.0, **kw) -> Paragraph:
    runs = (Run(text),) if isinstance(text, str) else text
    return Paragraph(
        runs=runs,
        lines=(TextLine(runs, 100.0),),
        font=kw.pop("font", "PT Sans"),
        size=size,
        color=kw.pop("color", "#1A1A2E"),
        line_height=size * 1.2,
        **kw,
    )


def png_file(path: Path, color=(200, 30, 40), size=(8, 6)) -> Path:
    """A tiny valid PNG written without Pillow (deterministic bytes)."""
    w, h = size
    raw = b"".join(b"\x00" + bytes(color) * w for _ in range(h))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    path.write_bytes(data)
    return path


def title_box(text: str, placeholder="title", y=30.0) -> TextBox:
    return TextBox(
        Box(48, y, 864, 60),
        (para(text, 36, font="Arimo", bold=True),),
        role="title",
        placeholder=placeholder,
        valign="bottom",
    )


def sample_deck(image: Path, width=960.0, n_slides: int | None = None) -> Deck:
    """Every kind of element: placeholders, bullets with levels, links, Cyrillic,
    pictures with crop and alt, native shapes, lines both ways, notes."""
    bullets = (
        para("Sputnik 1 reached orbit", bullet="•", indent=24, hanging=18),
        para(
            (Run("Gagarin — "), Run("Юрий Гагарин", bold=True), Run(" flew first", italic=True)),
            bullet="•",
            indent=24,
            hanging=18,
            space_before=8,
        ),
        para("nested point", size=20, level=1, bullet="–", indent=52, hanging=16),
        para(
            (Run("Read "), Run("NASA history", link="https://history.nasa.gov/")),
        ),
    )
    slides = [
        Slide(
            "title",
            "The Space Race",
            (
                Shape("rect", Box(0, 0, width, 8), fill="#C8102E", name="Accent bar"),
                title_box("The Space Race", y=150),
                TextBox(
                    Box(48, 260, 864, 40),
                    (para("From rivalry to the ISS «Союз»"),),
                    role="subtitle",
                    placeholder="subtitle",
                ),
            ),
            "#FFFFFF",
            notes=(Text.of("Welcome everyone."), Text((Run("Second "), Run("bold", bold=True)))),
        ),
        Slide(
            "bullets",
            "Origins",
            (
                title_box("Origins"),
                TextBox(
                    Box(48, 110, 560, 380),
                    bullets,
                    role="body",
                    placeholder="body",
                    inset=(4, 4, 4, 4),
                ),
                Picture(
                    Box(640, 110, 270, 200),
                    image,
                    "A red square standing in for a photo",
                    crop=(0.1, 0.0, 0.1, 0.0),
                    name="Photo",
                ),
                TextBox(Box(640, 315, 270, 20), (para("Caption text", 12),), role="caption"),
            ),
            "#FFFFFF",
            notes=(Text.of("Talk about 1957."),),
        ),
        Slide(
            "two-column",
            "Two sides",
            (
                title_box("Two sides"),
                TextBox(Box(48, 110, 420, 380), (para("USA"),), placeholder="body"),
                TextBox(Box(492, 110, 420, 380), (para("СССР"),), placeholder="body"),
            ),
            "#FFFFFF",
        ),
        Slide(
            "timeline",
            "Timeline",
            (
                title_box("Timeline"),
                Shape("line", Box(48, 300, 864, 0), line="#5A5A6E", line_width=2, name="Axis"),
                Shape("line", Box(200, 300, -40, -60), line="#5A5A6E", line_width=1),
                Shape(
                    "ellipse", Box(190, 292, 16, 16), fill="#1F4E9A", line="#FFFFFF", line_width=1
                ),
                Shape("roundrect", Box(300, 200, 200, 60), fill="#EEEEF2"),
                TextBox(
                    Box(300, 200, 200, 60),
                    (para("1957 Sputnik", 14, align="center"),),
                    role="label",
                    valign="middle",
                    fill="#EEEEF2",
                ),
            ),
            "#FFFFFF",
        ),
        Slide(
            "section",
            "Collaboration",
            (
                title_box("Collaboration"),
                TextBox(Box(48, 200, 864, 40), (para("Part 2"),), placeholder="body"),
            ),
            "#C8102E",
        ),
        Slide(
            "quote",
            "Quote",
            (
                title_box("Quote"),
                TextBox(
                    Box(96, 150, 768, 200),
                    (para("“One small step”", 32, italic=True),),
                    role="quote",
                    valign="middle",
                ),
            ),
            "#FFFFFF",
        ),
    ]
    if n_slides:
        slides = [slides[i % len(slides)] for i in range(n_slides)]
    return Deck(width, 540.0, tuple(slides), "Arimo", "PT Sans", language="ru-RU")


def open_pptx(data: bytes):
    from pptx import Presentation

    return Presentation(io.BytesIO(data))


NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def build(deck, aspect="16:9", theme=None) -> bytes:
    theme = theme or make_theme()
    info = DocumentInfo("The Space Race", "A. Lecturer", "From rivalry to the ISS", "ru-RU")
    prs = base_presentation(aspect, theme)
    return write_deck(deck, prs, info, template_background=theme.colors.background)


def audit(data: bytes, tmp_path: Path) -> str:
    """openxml-audit's verdict ('' when clean); pure Python, so it always runs."""
    path = tmp_path / "audit.pptx"
    path.write_bytes(data)
    tool = Path(sys.executable).with_name("openxml-audit")
    if not tool.exists():
        pytest.skip("openxml-audit is not installed (pip install -e '.[test]')")
    done = subprocess.run([str(tool), "-q", str(path)], capture_output=True, text=True)
    return "" if done.returncode == 0 else done.stdout + done.stderr


def slide_xmls(data: bytes) -> list[etree._Element]:
    z = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(
        (n for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
        key=lambda n: int(re.findall(r"\d+", n)[0]),
    )
    return [etree.fromstring(z.read(n)) for n in names]


def assert_clean_package(data: bytes) -> None:
    """No dangling relationship, no orphan part, every part given a content type."""
    z = zipfile.ZipFile(io.BytesIO(data))
    names = set(z.namelist())
    types = z.read("[Content_Types].xml").decode()
    reached = set()
    for rels in (n for n in names if n.endswith(".rels")):
        source_dir = rels.split("_rels/")[0]  # 'ppt/slides/' or '' for the package
        for target, mode in re.findall(
            r'Target="([^"]+)"(?: TargetMode="(\w+)")?', z.read(rels).decode()
        ):
            if mode == "External":
                continue
            resolved = posixpath.normpath(posixpath.join("/" + source_dir, target)).lstrip("/")
            assert resolved in names, f"{rels}: dangling {target}"
            reached.add(resolved)
    parts = {n for n in names if not n.endswith(".rels") and n != "[Content_Types].xml"}
    assert parts == reached, f"orphans: {sorted(parts - reached)}"
    for part in parts:
        ext = part.rsplit(".", 1)[-1]
        assert f'PartName="/{part}"' in types or f'Extension="{ext}"' in types
