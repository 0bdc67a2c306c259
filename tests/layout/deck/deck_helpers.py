"""Helpers for the deck layout tests: outlines from YAML text, and the checks
every laid-out deck must pass (fit, no overlap, inside the slide, titles)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import yaml

from deckgen.color import contrast
from deckgen.layout.common.text import RENDERERS, TextStyle, paragraph
from deckgen.layout.deck.model import Deck, Picture, Shape, TextBox
from deckgen.outline import load
from deckgen.outline.model import Outline

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "outlines"
SPACE_RACE = ROOT / "content" / "space_race.yaml"


def outline_from(tmp_path: Path, text: str, name: str = "talk.yaml") -> Outline:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return load(path)


def yaml_of(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def line_of(path: Path, needle: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in {path}")


def text_boxes(slide) -> list[TextBox]:
    return [e for e in slide.elements if isinstance(e, TextBox)]


def check_measured(deck: Deck) -> None:
    """Every text box's lines are those of its own inner width: the width a
    renderer of the .pptx has (its insets written, nothing held back), so
    that it breaks them where slides-pdf does. Balanced titles break on
    purpose, explicitly, and are left out."""
    for n, slide in enumerate(deck.slides, 1):
        for tb in text_boxes(slide):
            for p in tb.paragraphs:
                if p.hard_breaks:
                    continue
                style = TextStyle(p.font, p.size, p.color, bold=p.bold, italic=p.italic)
                again = paragraph(p.runs, style, tb.inner.w, indent=p.indent)
                assert again.lines == p.lines, (
                    f"slide {n} ({slide.kind}): {tb.name} was measured at another width than "
                    f"its box's {tb.inner.w:.2f} pt: {[ln.width for ln in p.lines]}"
                )


def check_deck(deck: Deck) -> None:
    """Every invariant the layout promises, with a readable failure message."""
    check_measured(deck)
    page_w, page_h = deck.width, deck.height
    for n, slide in enumerate(deck.slides, 1):
        where = f"slide {n} ({slide.kind}: {slide.title!r})"
        titles = [b for b in text_boxes(slide) if b.placeholder == "title"]
        assert len(titles) == 1, f"{where}: {len(titles)} title placeholders"
        assert titles[0].text.strip(), f"{where}: empty title"
        assert slide.title.strip(), f"{where}: empty slide title"
        for el in slide.elements:
            box = el.box
            assert box.w >= 0 and box.h >= 0, f"{where}: {el.name} has a negative size"
            assert (
                box.x >= -0.01
                and box.y >= -0.01
                and box.right <= page_w + 0.01
                and box.bottom <= page_h + 0.01
            ), f"{where}: {el.name} at {box} leaves the {page_w}x{page_h} slide"
        for tb in text_boxes(slide):
            assert tb.paragraphs, f"{where}: {tb.name} has no paragraphs"
            left, top, right, bottom = tb.inset
            inner_w = tb.box.w - left - right
            inner_h = tb.box.h - top - bottom
            height = sum(p.height for p in tb.paragraphs)
            assert height <= inner_h + 0.01, (
                f"{where}: {tb.name} text is {height:.2f} pt tall in a {inner_h:.2f} pt box"
            )
            for p in tb.paragraphs:
                assert p.lines, f"{where}: {tb.name} has a paragraph without lines"
                assert abs(p.line_height - round(p.size * (p.line_height / p.size), 2)) < 0.01
                for line in p.lines:
                    # it fits as the widest renderer sets it
                    limit = (inner_w - p.indent) / (1 + RENDERERS.wider) + 0.01
                    assert line.width <= limit, (
                        f"{where}: {tb.name} line {''.join(r.text for r in line.runs)!r} is "
                        f"{line.width:.2f} pt wide, the box allows {limit:.2f}"
                    )
        boxes = text_boxes(slide)
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not a.box.overlaps(b.box), (
                    f"{where}: text boxes {a.name!r} {a.box} and {b.name!r} {b.box} overlap"
                )
        pictures = [e for e in slide.elements if isinstance(e, Picture)]
        for pic in pictures:
            assert pic.alt.strip(), f"{where}: picture without alt text"
            for tb in boxes:
                assert not pic.box.overlaps(tb.box), (
                    f"{where}: picture overlaps text box {tb.name!r}"
                )
    check_distinct_titles(deck)


def check_distinct_titles(deck: Deck) -> None:
    """No two slides share a title (PowerPoint's accessibility checker), neither
    the slide's plain title nor the text of its title placeholder."""
    for what, titles in (
        ("slide title", [s.title for s in deck.slides]),
        (
            "title placeholder",
            [
                " ".join(tb.text.split())
                for s in deck.slides
                for tb in text_boxes(s)
                if tb.placeholder == "title"
            ],
        ),
    ):
        dupes = sorted({t for t in titles if titles.count(t) > 1})
        assert not dupes, f"{what}s shared by several slides: {dupes}"


def background_under(slide, box) -> str:
    """The fill a text box is drawn on: the topmost filled rectangle under it."""
    color = slide.background
    for el in slide.elements:
        if isinstance(el, Shape) and el.kind == "rect" and el.fill and el.box.contains(box, 0.5):
            color = el.fill
        if isinstance(el, TextBox) and el.box == box:
            break
    return color


def min_contrast(deck: Deck) -> tuple[float, str]:
    worst = (99.0, "")
    for n, slide in enumerate(deck.slides, 1):
        for tb in text_boxes(slide):
            if tb.name == "Quote mark":  # a decoration, drawn huge
                continue
            bg = tb.fill or background_under(slide, tb.box)
            for p in tb.paragraphs:
                c = contrast(p.color, bg)
                if c < worst[0]:
                    worst = (c, f"slide {n} {tb.name}: {p.color} on {bg}")
    return worst
